package game

import (
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMonthStatementSaysWhatTheLearnerChose: with learner bots (bot:learner), the month's
// statement says what each chose and why, in lines that overlap nothing else on the
// panel (sre's statement has its most rows: the error budget's too); the debrief's
// post-mortem tells the round's choices month by month.
func TestMonthStatementSaysWhatTheLearnerChose(t *testing.T) {
	var players [2]Player
	for r := range players {
		p, err := ParsePlayer(0, "bot:learner")
		require.NoError(t, err)
		players[r] = p
	}
	s := Setup{Preset: "sre", Months: 2, Seed: 4, Players: players}
	g, _ := newTestGame(t, Options{Start: true, Setup: s})
	update(t, g, 1801)
	ms, ok := g.Scene().(*monthScene)
	require.True(t, ok, "the month's statement")
	got := strings.Join(said(g), "\n")
	// In words, not in strategy names ("gate=approve-calm,response=rollback").
	assert.Regexp(t, `Dev learner: [a-z]`, got)
	assert.Regexp(t, `Ops learner: [a-z]`, got)
	assert.NotRegexp(t, `learner: [^\n]*=`, got)

	img := ebiten.NewImage(ScreenW, ScreenH)
	defer img.Deallocate()
	r := g.r
	r.Begin(img, 1)
	r.record = true
	ms.drawStatement(r)
	texts := append([]queuedText(nil), r.recorded...)
	r.Flush()
	r.record = false
	for i, a := range texts {
		ax0, ay0, ax1, ay1 := textBox(r, a)
		assert.True(t, ax0 >= 250 && ax1 <= 250+780 && ay1 <= 90+540, "%q inside the panel", a.s)
		for _, b := range texts[i+1:] {
			bx0, by0, bx1, by1 := textBox(r, b)
			overlap := ax0 < bx1 && bx0 < ax1 && ay0 < by1 && by0 < ay1
			assert.False(t, overlap, "%q and %q overlap", a.s, b.s)
		}
	}

	for i := 0; i < 4000; i++ {
		if _, ok := g.Scene().(*debriefScene); ok {
			break
		}
		update(t, g, 1)
	}
	d, ok := g.Scene().(*debriefScene)
	require.True(t, ok, "the debrief")
	pm := d.rec.PostMortem
	assert.Contains(t, pm, "## What the bots that play for their pay chose")
	assert.Contains(t, pm, "Dev learned from its pay, month by month: 1 ")
	assert.Contains(t, pm, "Ops learned from its pay, month by month: 1 ")
}
