package game

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// names lists a folder's entries.
func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var n []string
	for _, e := range entries {
		n = append(n, e.Name())
	}
	return n
}

// TestSettingsSavedWhole: settings go to a folder made for them, read back as saved, and
// a save that fails leaves the old file and nothing beside it.
func TestSettingsSavedWhole(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "devopsjuggle")
	store := SettingsStore{Path: filepath.Join(dir, "settings.json")}
	s := DefaultSettings()
	s.VolumePercent = 30
	require.NoError(t, store.Save(s))
	got, notice := store.Load()
	assert.Empty(t, notice)
	assert.Equal(t, 30, got.VolumePercent)
	assert.Equal(t, []string{"settings.json"}, names(t, dir), "no temporary file left")

	// A settings path that is a folder: the save fails, and leaves nothing behind.
	bad := SettingsStore{Path: filepath.Join(dir, "taken")}
	require.NoError(t, os.Mkdir(bad.Path, 0o755))
	assert.Error(t, bad.Save(s))
	assert.ElementsMatch(t, []string{"settings.json", "taken"}, names(t, dir), "no temporary file left")
}

// TestScreenshotSavedWhole: a screenshot is a whole PNG in a folder made for it, with
// nothing left beside it; one that cannot be written leaves nothing either.
func TestScreenshotSavedWhole(t *testing.T) {
	g, _ := newTestGame(t, Options{})
	img := ebiten.NewImage(ScreenW, ScreenH)
	defer img.Deallocate()
	g.DrawOn(img, 1)
	dir := filepath.Join(t.TempDir(), "shots")
	path := filepath.Join(dir, "title.png")
	require.NoError(t, savePNG(img, path))
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	require.NoError(t, err)
	assert.Equal(t, [2]int{ScreenW, ScreenH}, [2]int{cfg.Width, cfg.Height})
	assert.Equal(t, []string{"title.png"}, names(t, dir))

	require.NoError(t, os.Mkdir(filepath.Join(dir, "taken.png"), 0o755))
	assert.Error(t, savePNG(img, filepath.Join(dir, "taken.png")))
	assert.ElementsMatch(t, []string{"title.png", "taken.png"}, names(t, dir), "no temporary file left")
}
