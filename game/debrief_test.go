package game

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"devopsjuggle/sim"
)

// said draws the current scene and returns its texts.
func said(g *Game) []string {
	g.r.record = true
	defer func() { g.r.record = false }()
	frame(g)
	var s []string
	for _, q := range g.r.recorded {
		s = append(s, q.s)
	}
	return s
}

// TestDebriefPlurals: the debrief counts in words that agree with the count.
func TestDebriefPlurals(t *testing.T) {
	g, _ := newTestGame(t, Options{})
	setup := Setup{Preset: "silo", Months: 1, Seed: 1, Players: [2]Player{Human, Human}}
	cfg, err := setup.Config()
	assert.NoError(t, err)
	for _, tt := range []struct {
		shipped, released int32
		want              []string
	}{
		{1, 1, []string{"1 feature shipped", "1 release, 0 rolled back"}},
		{2, 3, []string{"2 features shipped", "3 releases, 0 rolled back"}},
	} {
		rec := RoundRecord{Setup: setup, Config: cfg, Complete: true,
			Result: sim.Result{Shipped: tt.shipped, Released: tt.released, Ticks: 100, Uptime: 1}}
		g.Switch(newDebriefScene(g, rec))
		got := said(g)
		for _, w := range tt.want {
			assert.Contains(t, got, w)
		}
	}
}
