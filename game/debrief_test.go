package game

import (
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
)

// frameTexts draws the current scene and returns the frame's texts, where and how
// they are drawn.
func frameTexts(g *Game) []queuedText {
	g.r.record = true
	defer func() { g.r.record = false }()
	frame(g)
	return append([]queuedText(nil), g.r.recorded...)
}

// said draws the current scene and returns its texts.
func said(g *Game) []string {
	var s []string
	for _, q := range frameTexts(g) {
		s = append(s, q.s)
	}
	return s
}

// TestDebriefPlurals: the debrief counts in words that agree with the count.
func TestDebriefPlurals(t *testing.T) {
	g, _ := newTestGame(t, Options{})
	setup := Setup{Preset: "silo", Months: 1, Seed: 1, Players: [2]Player{Human, Human}}
	cfg, err := setup.Config()
	require.NoError(t, err)
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

// TestDebriefNames: the debrief's title puts its notes in one bracket, and its button
// says where Enter goes.
func TestDebriefNames(t *testing.T) {
	g, d := newTestGame(t, Options{})
	setup := Setup{Preset: "silo", Months: 1, Seed: 1, Players: [2]Player{Human, Human}}
	cfg, err := setup.Config()
	require.NoError(t, err)
	rec := RoundRecord{Setup: setup, Config: cfg, Playback: true, Result: sim.Result{Ticks: 100, Uptime: 1}}
	g.Switch(newDebriefScene(g, rec))
	got := said(g)
	assert.Contains(t, got, "DEBRIEF: silo, seed 1 (replay, ended early)")
	assert.Contains(t, got, "BACK TO TITLE [Enter]")
	update(t, g, debriefHoldTicks)
	d.press(ebiten.KeyEnter)
	update(t, g, 1)
	assert.IsType(t, &titleScene{}, g.Scene(), "Enter goes to the title")
}

// TestDebriefHoldsItsButtons: Enter (ops' acknowledge key) or a tap pressed within the
// debrief's first seconds, as a player still acknowledging when the round ends would,
// leaves it unread no more; a scroll key works at once.
func TestDebriefHoldsItsButtons(t *testing.T) {
	g, d := newTestGame(t, Options{})
	setup := Setup{Preset: "silo", Months: 1, Seed: 1, Players: [2]Player{Human, Human}}
	cfg, err := setup.Config()
	require.NoError(t, err)
	ds := newDebriefScene(g, RoundRecord{Setup: setup, Config: cfg, Complete: true, PostMortem: strings.Repeat("A line of the post-mortem.\n\n", 80)})
	g.Switch(ds)
	for range debriefHoldTicks / 10 {
		d.press(ebiten.KeyEnter)
		update(t, g, 1)
		d.press(ebiten.KeyV)
		update(t, g, 1)
		x, y, w, h := debriefBtn(0)
		d.tap(Point{x + w/2, y + h/2})
		update(t, g, 8)
		require.Same(t, ds, g.Scene(), "a key or tap within %d ticks of the debrief leaves it", debriefHoldTicks)
	}
	d.press(ebiten.KeyPageDown)
	update(t, g, 1)
	assert.Positive(t, ds.scroll, "PgDn scrolls the post-mortem during the hold")
	update(t, g, debriefHoldTicks)
	d.press(ebiten.KeyEnter)
	update(t, g, 1)
	assert.IsType(t, &titleScene{}, g.Scene(), "Enter goes to the title after the hold")
}

// TestFootersSayWhatKeysDo: the status line's reminder says what Esc does in each scene:
// pause the round, resume it from the pause menu, go back from the how-to screen, and
// from the session view opened on a debrief, on to the title.
func TestFootersSayWhatKeysDo(t *testing.T) {
	g, _ := newTestGame(t, Options{})
	rs, err := newRoundScene(g, Setup{Preset: "silo", Months: 1, Seed: 1, Players: [2]Player{Human, Human}}, "")
	require.NoError(t, err)
	assert.Contains(t, rs.Footer(g), "Esc/P pause")
	rs.paused = true
	assert.Contains(t, rs.Footer(g), "Esc/P resume")
	assert.NotContains(t, rs.Footer(g), "pause")
	for _, back := range []Scene{rs, newTitleScene(g)} {
		f := newHowToScene(back).Footer(g)
		assert.Contains(t, f, "Esc back")
		assert.NotContains(t, f, "pause")
	}
	assert.Contains(t, newSessionScene(newTitleScene(g)).Footer(g), "Enter or click: back")
	assert.Contains(t, newSessionScene(newDebriefScene(g, RoundRecord{})).Footer(g), "Enter or click: to the title")
}

// TestDebriefTimelineRows: each incident of the post-mortem's timeline becomes one line
// that names every column of the table, in its order.
func TestDebriefTimelineRows(t *testing.T) {
	g, _ := newTestGame(t, Options{})
	setup := Setup{Preset: "silo", Months: 1, Seed: 1, Players: [2]Player{Human, Human}}
	cfg, err := setup.Config()
	require.NoError(t, err)
	rec := RoundRecord{Setup: setup, Config: cfg, Complete: true, Result: sim.Result{Ticks: 100, Uptime: 1},
		PostMortem: "## Timeline\n\n| # | started | cause | detected | acknowledged | resolved | lasted | lowest availability |\n" +
			"|---|---|---|---|---|---|---|---:|\n" +
			"| 3 | month 1, day 18 | defect | +2 d (customer complaint) | +2 d 12 h | +4 d 6 h | 4 d 6 h | 70.0 % |\n"}
	s := newDebriefScene(g, rec)
	s.wrapPostMortem(g.r)
	var text []string
	for _, l := range s.lines {
		text = append(text, strings.TrimSpace(l.s))
	}
	joined := strings.Join(text, " ")
	assert.Contains(t, joined, "#3 month 1, day 18: defect; detected +2 d (customer complaint), acknowledged +2 d 12 h, resolved +4 d 6 h; lasted 4 d 6 h, availability down to 70.0 %")
}
