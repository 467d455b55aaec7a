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
	g := docRound(t)
	if !*updateDoc {
		return
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	require.NoError(t, enc.Encode(&buf, frame(g)))
	require.NoError(t, os.WriteFile("../docs/img/round.png", buf.Bytes(), 0o644))
	assert.FileExists(t, "../docs/img/round.png")
}

// TestButtonLabelsClearOfEdges: in the documented round (a change request waiting, so
// ops has APPROVE and REJECT side by side in its narrow box), at every window size, each
// button's texts keep clear of its edges (the key's cap, 4 pixels wider than its letter
// each side, too), and the labels drawn beside a key cap share one size. APPROVE's cap
// once touched its button's edge.
func TestButtonLabelsClearOfEdges(t *testing.T) {
	g := docRound(t)
	rs := roundOf(t, g)
	r := g.r
	for _, sc := range windowScales {
		r.record = true
		r.Begin(nil, sc)
		rs.Draw(g, r)
		texts := append([]queuedText(nil), r.recorded...)
		r.Flush()
		r.record = false
		capped := map[float32]string{}
		for i := 0; i < rs.buttonsN; i++ {
			b := &rs.buttons[i]
			key := KeyName(g.Bindings[b.ctl])
			in := 0
			for _, q := range texts {
				if q.x < b.x || q.x > b.x+b.w || q.y < b.y || q.y > b.y+b.h {
					continue
				}
				in++
				x0, _, x1, _ := textBox(r, q)
				margin := float32(6)
				if q.s == key {
					margin += 4 // the cap around the key
				}
				assert.GreaterOrEqual(t, x0, b.x+margin, "scale %.2f: %q starts within %.0f px of its button's left edge", sc, q.s, margin)
				assert.LessOrEqual(t, x1, b.x+b.w-margin, "scale %.2f: %q ends within %.0f px of its button's right edge", sc, q.s, margin)
				if q.s == b.label {
					capped[q.st.Size] += " " + q.s
				}
			}
			assert.NotZero(t, in, "scale %.2f: the button %s has a label", sc, b.label)
		}
		assert.LessOrEqual(t, len(capped), 1, "scale %.2f: the labels beside key caps have one size: %v", sc, capped)
		assert.NotEmpty(t, capped, "scale %.2f: APPROVE and REJECT show their keys on caps", sc)
	}
}

// docRound plays the documented round up to the frame README shows.
func docRound(t *testing.T) *Game {
	t.Helper()
	s := Setup{Preset: "silo", Months: 3, Seed: 1, Players: [2]Player{Human, Human}}
	g, d := newTestGame(t, Options{Start: true, Setup: s})
	update(t, g, readyTicks)
	rd := roundOf(t, g).round
	dev := map[int]ebiten.Key{200: ebiten.KeyS, 330: ebiten.KeyS, 335: ebiten.KeyD}
	for f := range 352 {
		v := &rd.View
		for i := range v.BallsN {
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
	return g
}
