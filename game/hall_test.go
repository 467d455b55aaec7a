package game

import (
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
	"devopsjuggle/sim/replay"
)

// hallRound is the lecture hall's round 2 as a team of one plays it: sre, seed 7, one
// month, normal, the dev bot and a person as ops (web/hall/play.html's command line).
var hallRound = Setup{Preset: "sre", Months: 1, Seed: 7, Difficulty: sim.Normal, Players: [2]Player{{Bot: true}, Human}}

// newHallGame is a game in hall mode on hallRound, on its title screen, with a student's
// saved choices that differ from the hall's.
func newHallGame(t *testing.T) (*Game, *fakeDevices, *titleScene) {
	t.Helper()
	g, d := newTestGame(t, Options{Setup: hallRound, SetupGiven: true, Hall: &Hall{N: 2, Round: hallRound}})
	g.Settings.Preset, g.Settings.Months = "silo", 3
	update(t, g, noticeTicks) // the start's notice is over
	ts := newTitleScene(g)
	g.Switch(ts)
	return g, d, ts
}

// TestHallRoundLocked: in hall mode the title screen shows the hall's round, and no key
// or click changes its preset, months, seed, difficulty or seats (a class changed them
// and learnt only from the hall, after playing, that the round did not count): the rows
// say who set them, and a key that tries says why, before play.
func TestHallRoundLocked(t *testing.T) {
	g, d, ts := newHallGame(t)
	require.Equal(t, hallRound, ts.setup, "the title shows the hall's round")
	for row := rowDev; row < firstButton; row++ {
		ts.sel = row
		d.press(ebiten.KeyRight)
		update(t, g, 1)
		d.press(ebiten.KeyLeft, ebiten.KeyR)
		update(t, g, 1)
		x, y, w, h := titleRowRect(row)
		d.tap(Point{x + w - 30, y + h/2})
		update(t, g, 1)
		d.tap(Point{x + 330, y + h/2})
		update(t, g, 1)
		assert.Equal(t, hallRound, ts.setup, "row %d: keys and arrows change nothing", row)
	}
	assert.Equal(t, "The instructor set round 2: played as set, it counts; another round would not.", shown(g))
	got := said(g)
	assert.Contains(t, got, "set by the instructor")
	assert.NotContains(t, got, ">", "no arrows to change a choice")
	assert.Contains(t, got, "PLAY ROUND 2")
	ts.sel = rowStart
	assert.Contains(t, said(g), "Round 2 of the lecture hall, as the instructor set it: played to its end, it counts.")

	// Outside the hall the same keys change the round.
	g, d = newTestGame(t, Options{Setup: hallRound, SetupGiven: true})
	ts = newTitleScene(g)
	g.Switch(ts)
	ts.sel = rowPreset
	d.press(ebiten.KeyRight)
	update(t, g, 1)
	assert.NotEqual(t, hallRound.Preset, ts.setup.Preset)
}

// TestHallSendsOnlyItsRound: in hall mode the page is handed the hall's round when it
// ends, and no other round (bots watched): that one is marked, on its debrief and in
// the session view, as not sent to the hall.
func TestHallSendsOnlyItsRound(t *testing.T) {
	var sent []replay.Header
	onRoundEnd = func(r *replay.Replay) { sent = append(sent, r.Header) }
	defer func() { onRoundEnd = nil }()
	g, _, ts := newHallGame(t)

	play := func(row int) *roundScene {
		ts.activate(g, row)
		rs, ok := g.Scene().(*roundScene)
		require.True(t, ok, "row %d starts a round", row)
		rs.countdown = 0
		update(t, g, 30)
		rs.finish(g, false)
		return rs
	}
	play(rowStart)
	require.Len(t, sent, 1, "the hall's round is handed to the page")
	assert.Equal(t, uint64(7), sent[0].Seed)
	assert.NotContains(t, said(g), "DEBRIEF: sre, seed 7 (ended early, not sent to the hall)")

	play(rowAttract)
	assert.Len(t, sent, 1, "bots watched: not the hall's round, not sent")
	d, ok := g.Scene().(*debriefScene)
	require.True(t, ok)
	assert.True(t, d.rec.NotForHall)
	assert.Contains(t, debriefTitle(&d.rec), "not sent to the hall")
}

// TestHallSessionView: in hall mode the session view names the hall's round by the
// hall's number ("ROUND 2", as the projector does; it said "ROUND 1"), marks another
// round as not sent, and never tells the class to change the preset: the instructor
// sets the next round (two rounds of one seed still compare).
func TestHallSessionView(t *testing.T) {
	cfg, err := hallRound.Config()
	require.NoError(t, err)
	other := hallRound
	other.Preset, other.Players = "silo", [2]Player{{Bot: true}, Human}
	otherCfg, err := other.Config()
	require.NoError(t, err)
	rounds := []RoundRecord{
		{Setup: hallRound, Config: cfg, Complete: true, Result: sim.Result{Ticks: 100, Uptime: 1}},
		{Setup: other, Config: otherCfg, Complete: true, Result: sim.Result{Ticks: 100, Uptime: 1}, NotForHall: true},
	}
	for _, n := range []int{1, 2} {
		g, _, ts := newHallGame(t)
		g.Session = append(g.Session, rounds[:n]...)
		g.Switch(newSessionScene(ts))
		update(t, g, 1)
		got := said(g)
		assert.Contains(t, got, "ROUND 2")
		assert.NotContains(t, got, "ROUND 1")
		if n == 1 {
			assert.Contains(t, got, sessionHallNext, "one round: no comparison yet")
		}
		for _, s := range got {
			assert.NotContains(t, s, "change the preset")
		}
		if n == 2 {
			assert.Contains(t, got, "NOT SENT TO THE HALL")
		}
	}
	g, _, ts := newHallGame(t)
	g.Switch(newSessionScene(ts))
	assert.Contains(t, said(g), "No round finished yet: play round 2 from the title.")

	// Outside the hall: the game's own count, and the lesson's next step.
	g, _ = newTestGame(t, Options{})
	g.Session = rounds[:1]
	g.Switch(newSessionScene(newTitleScene(g)))
	got := said(g)
	assert.Contains(t, got, "ROUND 1")
	assert.Contains(t, got, "Now change the preset and play the same seed again.")
}

// TestHallGuidedRoundLeadsToTheHallsRound: in hall mode the guided round's end offers the
// hall's round, not the lecture's silo (which the hall would not count), and Enter plays
// it as the instructor set it.
func TestHallGuidedRoundLeadsToTheHallsRound(t *testing.T) {
	g, d, _ := newHallGame(t)
	s, err := newGuidedScene(g)
	require.NoError(t, err)
	g.Switch(s)
	s.lesson = numLessons - 1
	s.next(g, "Approved.")
	require.Equal(t, cardEnd, s.card)
	assert.Contains(t, strings.Join(said(g), " "), "Next: round 2 of the lecture hall, as the instructor set it: played to its end, it counts.")
	assert.Equal(t, "Enter: play round 2 · Esc: title", s.Footer(g))
	update(t, g, inputGuardTicks+1)
	d.press(ebiten.KeyEnter)
	update(t, g, 1)
	rs, ok := g.Scene().(*roundScene)
	require.True(t, ok, "Enter plays a round, not %T", g.Scene())
	assert.Equal(t, hallRound, rs.round.Setup, "the hall's round, as set")
}
