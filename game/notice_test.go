package game

import (
	"bytes"
	"image"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// shown is the notice the status line shows, "" for none.
func shown(g *Game) string {
	if g.noticesN == 0 {
		return ""
	}
	return g.notices[0].s
}

// TestNoticesTakeTurns: notices show one at a time in the status line, the first one
// making way soon for the next; a newer notice of the same key replaces the waiting one.
func TestNoticesTakeTurns(t *testing.T) {
	g, _ := newTestGame(t, Options{})
	update(t, g, noticeTicks) // the start's notice (no sound) is over
	require.Empty(t, shown(g))

	g.Notify("Replay saved: a.jsonl")
	g.notify("volume", "Volume 60 %.")
	g.notify("volume", "Volume 70 %.")
	assert.Equal(t, "Replay saved: a.jsonl", shown(g))
	assert.Equal(t, 2, g.noticesN, "the second volume replaces the first")
	update(t, g, noticeMakesWayTicks)
	assert.Equal(t, "Volume 70 %.", shown(g))
	update(t, g, noticeTicks)
	assert.Empty(t, shown(g))
}

// TestNoticeCoversNoText: a notice changes nothing of the scene above the status line,
// in every scene with text near the bottom.
func TestNoticeCoversNoText(t *testing.T) {
	g, _ := newTestGame(t, Options{})
	update(t, g, noticeTicks)
	setup := Setup{Preset: "sre", Months: 1, Seed: 1}
	cfg, err := setup.Config()
	require.NoError(t, err)
	rec := RoundRecord{Setup: setup, Config: cfg, PostMortem: "# Post-mortem\n\nNothing happened."}
	g.Session = append(g.Session, rec)
	round, err := newRoundScene(g, setup, "")
	require.NoError(t, err)
	scenes := map[string]Scene{
		"title":    newTitleScene(g),
		"howto":    newHowToScene(g.Scene()),
		"settings": newSettingsScene(g.Scene()),
		"session":  newSessionScene(g.Scene()),
		"round":    round,
		"debrief":  newDebriefScene(g, rec),
	}
	above := image.Rect(0, 0, ScreenW, statusY)
	for name, sc := range scenes {
		t.Run(name, func(t *testing.T) {
			g.Switch(sc)
			g.noticesN = 0
			before := frame(g)
			g.Notify("Low frame rate (12 fps): round shapes drawn without smoothing (see Settings).")
			after := frame(g)
			assert.True(t, samePixels(before, after, above), "the notice changed the scene above the status line")
			assert.False(t, samePixels(before, after, image.Rect(0, statusY, ScreenW, ScreenH)), "the notice is in the status line")
		})
	}
}

func samePixels(a, b *image.RGBA, r image.Rectangle) bool {
	for y := r.Min.Y; y < r.Max.Y; y++ {
		i, j := a.PixOffset(r.Min.X, y), a.PixOffset(r.Max.X, y)
		if !bytes.Equal(a.Pix[i:j], b.Pix[i:j]) {
			return false
		}
	}
	return true
}
