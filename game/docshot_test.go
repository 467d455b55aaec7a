package game

import (
	"bytes"
	"flag"
	"image/png"
	"os"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var updateDoc = flag.Bool("update-doc", false, "rewrite docs/img/round.png from the scripted round")

// TestDocScreenshot plays the round docs/game.md shows, two people at the keyboard on
// the silo preset, scripted: ops catches each ball as it arrives, dev tests the first
// feature for two seconds and releases it. It checks the script still plays that round
// (no ball dropped, the change request waiting); with -update-doc it saves the frame as
// docs/img/round.png:
//
//	ALSA_CONFIG_PATH=$PWD/game/testdata/alsa-null.conf xvfb-run -a go test -run DocScreenshot ./game -update-doc
func TestDocScreenshot(t *testing.T) {
	s := Setup{Preset: "silo", Months: 3, Seed: 1, Players: [2]Player{Human, Human}}
	g, d := newTestGame(t, Options{Start: true, Setup: s})
	update(t, g, readyTicks)
	rd := roundOf(t, g).round
	dev := map[int]ebiten.Key{200: ebiten.KeyS, 330: ebiten.KeyS, 335: ebiten.KeyD}
	for f := range 352 {
		v := &rd.View
		for i := range v.NBalls {
			if b := &v.Balls[i]; b.State.InJuggle() && b.Arrival == v.Tick {
				d.press([2]ebiten.Key{ebiten.KeyJ, ebiten.KeyL}[b.Hand])
			}
		}
		if k, ok := dev[f]; ok {
			d.press(k)
		}
		update(t, g, 1)
	}
	require.Zero(t, rd.World.Stats().Drops, "ops caught every ball")
	require.True(t, rd.View.CRActive, "the change request waits for ops")
	if !*updateDoc {
		return
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	require.NoError(t, enc.Encode(&buf, frame(g)))
	require.NoError(t, os.WriteFile("../docs/img/round.png", buf.Bytes(), 0o644))
	assert.FileExists(t, "../docs/img/round.png")
}
