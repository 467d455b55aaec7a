package game

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFullTraySaysWhyTheBotHolds: a dev bot that stops releasing says why on its full
// tray (a play-tester's devops round read "1 feature" against silo's 6, which a class
// takes for the lesson), and each reason fits dev's column.
func TestFullTraySaysWhyTheBotHolds(t *testing.T) {
	g, _ := newTestGame(t, Options{})
	for _, why := range []string{"paces releases", "waits for calm", "keeps budget"} {
		assert.LessOrEqual(t, g.r.Measure("Tray full: bot "+why, styleStrong), float32(devColW), why)
	}
	// Ops a person who does nothing: balls fall, incidents stay open, production is never
	// calm, and the tester bot holds its features.
	rs := startRound(t, g, "devops")
	v := &rs.round.View
	for !rs.round.World.Done() && !(v.Stalled && rs.devHolding() != "") {
		rs.round.Step(nil)
	}
	require.True(t, v.Stalled, "devops seed 1, nobody juggling: the tester bot's tray fills while it waits")
	assert.Contains(t, said(g), "Tray full: bot "+rs.devHolding())
	assert.NotContains(t, said(g), "Tray full: building stalled")
}
