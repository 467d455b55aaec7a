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
// button's texts keep clear of its edges, and every label is as large as its style: APPROVE's once shrank to
// 15 px to fit beside its key's cap, and before that overflowed its button. The box's
// buttons name their keys: "APPROVE [Y]" does not fit (117 px in 112), so the row
// reads the short forms "YES [Y]" and "NO [N]"; with keys whose names do not fit even
// so, the labels alone (one form for the row).
func TestButtonLabelsClearOfEdges(t *testing.T) {
	g := docRound(t)
	rs := roundOf(t, g)
	r := g.r
	// check lays the frame out at every window size and returns the texts of the
	// change request's buttons at the last.
	check := func(name string) (approve, reject []string) {
		for _, sc := range windowScales {
			r.record = true
			r.Begin(nil, sc)
			rs.Draw(g, r)
			texts := append([]queuedText(nil), r.recorded...)
			r.Flush()
			r.record = false
			approve, reject = nil, nil
			for i := 0; i < rs.buttonsN; i++ {
				b := &rs.buttons[i]
				for _, q := range texts {
					if q.x < b.x || q.x > b.x+b.w || q.y < b.y || q.y > b.y+b.h {
						continue
					}
					x0, _, x1, _ := textBox(r, q)
					const margin = 6
					assert.Equal(t, buttonStyle(b).Size, q.st.Size, "%s: %q at its style's size", name, q.s)
					assert.GreaterOrEqual(t, x0, b.x+margin, "%s, scale %.2f: %q starts within %.0f px of its button's left edge", name, sc, q.s, margin)
					assert.LessOrEqual(t, x1, b.x+b.w-margin, "%s, scale %.2f: %q ends within %.0f px of its button's right edge", name, sc, q.s, margin)
					switch b.ctl {
					case CtlApprove:
						approve = append(approve, q.s)
					case CtlReject:
						reject = append(reject, q.s)
					}
				}
			}
		}
		return approve, reject
	}
	// rejectFits reports whether REJECT's label in a form fits its button; no REJECT
	// button fails the test.
	rejectFits := func(form func(*Game, *button) string) bool {
		for i := 0; i < rs.buttonsN; i++ {
			if b := &rs.buttons[i]; b.ctl == CtlReject {
				return labelFits(r, form(g, b), b)
			}
		}
		t.Fatal("no REJECT button")
		return false
	}
	approve, reject := check("default keys")
	assert.Equal(t, []string{"YES [Y]"}, approve, "the key on the button")
	assert.Equal(t, []string{"NO [N]"}, reject)

	keys := g.Bindings
	defer func() { g.Bindings = keys }()
	g.Bindings[CtlApprove], g.Bindings[CtlReject] = ebiten.KeyPeriod, ebiten.KeyComma
	approve, reject = check("short key names")
	assert.True(t, rejectFits(buttonText), "REJECT [,] fits its button")
	assert.Equal(t, []string{"YES [.]"}, approve, "one form for the row: REJECT [,] would fit, APPROVE [.] would not")
	assert.Equal(t, []string{"NO [,]"}, reject)

	g.Bindings[CtlApprove] = ebiten.KeyBackspace
	approve, reject = check("a long key name")
	assert.True(t, rejectFits(buttonShortText), "NO [,] fits its button")
	assert.Equal(t, []string{"APPROVE"}, approve, "YES [Backspace] does not fit: the labels alone")
	assert.Equal(t, []string{"REJECT"}, reject)
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
		catchDue(d, &rd.View)
		if k, ok := dev[f]; ok {
			d.press(k)
		}
		update(t, g, 1)
	}
	require.Zero(t, rd.World.Stats().Drops, "ops caught every ball")
	require.True(t, rd.View.CRActive, "the change request waits for ops")
	return g
}
