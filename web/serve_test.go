package main

import (
	"image"
	"image/png"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBrowserBuildDraws builds the game for the browser, serves it, loads it in headless
// Chromium and checks that the title screen is drawn: the page's own background is one
// flat colour, and the game draws white text (its title) on it.
func TestBrowserBuildDraws(t *testing.T) {
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium is not installed (./scripts/deps.sh browser)")
	}
	dir := t.TempDir()
	writeWasm(t, dir)
	for src, dst := range map[string]string{
		"index.html": "index.html",
		filepath.Join(runtime.GOROOT(), "lib", "wasm", "wasm_exec.js"): "wasm_exec.js",
	} {
		data, err := os.ReadFile(src)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, dst), data, 0o644))
	}
	srv := httptest.NewServer(handler(dir))
	defer srv.Close()

	shot := filepath.Join(dir, "shot.png")
	cmd := exec.Command(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
		"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+t.TempDir(), "--window-size=1280,720", "--virtual-time-budget=20000",
		"--screenshot="+shot, srv.URL+"/")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)

	f, err := os.Open(shot)
	require.NoError(t, err)
	defer f.Close()
	img, err := png.Decode(f)
	require.NoError(t, err)
	// The title, white on the dark background, in the upper middle of the page.
	white := 0
	b := img.Bounds()
	region := image.Rect(b.Dx()/4, 0, 3*b.Dx()/4, b.Dy()/4)
	for y := region.Min.Y; y < region.Max.Y; y++ {
		for x := region.Min.X; x < region.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r>>8 > 220 && g>>8 > 220 && bl>>8 > 220 {
				white++
			}
		}
	}
	assert.Greater(t, white, 500, "the game's title is drawn (screenshot: %s)", shot)
	if t.Failed() {
		os.WriteFile(filepath.Join(os.TempDir(), "juggle-web-shot.png"), mustRead(shot), 0o644)
	}
}

func mustRead(p string) []byte {
	b, _ := os.ReadFile(p)
	return b
}

// TestServerHasNoEbiten: the server runs anywhere, with no display; it must not reach
// ebiten (which opens an X display in its package init).
func TestServerHasNoEbiten(t *testing.T) {
	out, err := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "list", "-deps", ".").Output()
	require.NoError(t, err)
	assert.NotContains(t, string(out), "hajimehoshi/ebiten")
	assert.NotContains(t, string(out), "devopsjuggle/game")
}
