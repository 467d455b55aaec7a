package game

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
	"devopsjuggle/sim/replay"
	"devopsjuggle/sim/report"
)

// botReplay plays a bots' round of preset to its end and writes its replay.
func botReplay(t *testing.T, preset string, months int, seed uint64) (string, *replay.Replay) {
	t.Helper()
	rd, err := NewRound(Setup{Preset: preset, Months: months, Seed: seed, Players: bots})
	require.NoError(t, err)
	for !rd.Done() {
		rd.Step(nil)
	}
	r := rd.Replay()
	path := filepath.Join(t.TempDir(), preset+".replay.jsonl")
	require.NoError(t, r.WriteFile(path))
	return path, r
}

// worldAt is the hash of the replay's world at tick t, played headless by the replay
// player.
func worldAt(t *testing.T, r *replay.Replay, at sim.Tick) uint64 {
	t.Helper()
	w := sim.New(r.Header.Config, r.Header.Seed)
	p := replay.NewPlayer(r)
	for w.Tick() < at {
		w.Step(p.Inputs(w.Tick()))
		require.Nil(t, p.Check(w))
	}
	return w.Hash()
}

// TestPlaybackSpeedHoldSeek: a replay plays at 1x, 2x and 4x (that many ticks per
// update), Space holds it, and the arrows move it a month on or back; a seek back plays
// the round again from its first tick, to the same state as the headless replay, with no
// divergence; Home goes to the start.
func TestPlaybackSpeedHoldSeek(t *testing.T) {
	path, r := botReplay(t, "sre", 3, 4)
	g, d := newTestGame(t, Options{Replay: path})
	rs := g.Scene().(*roundScene)
	month := r.Header.Config.MonthTicks
	tick := func() sim.Tick { return rs.round.World.Tick() }

	update(t, g, 10)
	assert.Equal(t, sim.Tick(10), tick(), "1x: a tick per update")
	d.press(ebiten.KeyDigit4)
	update(t, g, 10)
	assert.Equal(t, sim.Tick(50), tick(), "4x: four ticks per update")
	d.press(ebiten.KeyDigit2)
	update(t, g, 10)
	assert.Equal(t, sim.Tick(70), tick(), "2x")

	d.press(ebiten.KeySpace)
	update(t, g, 30)
	assert.Equal(t, sim.Tick(70), tick(), "held")
	assert.Contains(t, said(g), "HELD")
	d.press(ebiten.KeySpace)
	update(t, g, 1)
	assert.Equal(t, sim.Tick(72), tick(), "playing again at 2x")

	d.press(ebiten.KeyArrowRight)
	update(t, g, 1)
	assert.Equal(t, month+2, tick(), "next month: its first tick, then played on")
	d.press(ebiten.KeyPageDown)
	update(t, g, 1)
	assert.Equal(t, 2*month+2, tick(), "PgDn: the next month")
	d.press(ebiten.KeyArrowRight)
	update(t, g, 1)
	assert.Equal(t, 2*month+4, tick(), "no month after the last: it plays on")

	d.press(ebiten.KeyArrowLeft)
	update(t, g, 1)
	assert.Equal(t, month+2, tick(), "within 2 s of a month's start, back is the month before")
	require.Same(t, rs, g.Scene())
	assert.Nil(t, rs.round.Divergence)
	assert.Equal(t, worldAt(t, r, tick()), rs.round.World.Hash(), "replayed from the start to the same state")

	update(t, g, (seekBackGraceTicks+10)/2)
	d.press(ebiten.KeyPageUp)
	update(t, g, 1)
	assert.Equal(t, month+2, tick(), "further into a month, back is its own start")

	d.press(ebiten.KeyHome)
	update(t, g, 1)
	assert.Equal(t, sim.Tick(2), tick(), "Home: the start")
	assert.Equal(t, worldAt(t, r, 2), rs.round.World.Hash())
}

// TestPlaybackBarSeeks: a click on the progress bar moves the replay to that moment,
// and the bar names the months; statements passed by a seek are not shown.
func TestPlaybackBarSeeks(t *testing.T) {
	path, r := botReplay(t, "silo", 2, 3)
	g, d := newTestGame(t, Options{Replay: path})
	rs := g.Scene().(*roundScene)
	end := r.End.Tick
	d.tap(Point{pbBarX + pbBarW*3/4, pbBarY + pbBarH/2})
	update(t, g, 1)
	require.IsType(t, &roundScene{}, g.Scene(), "no month statement on the way")
	assert.InDelta(t, float64(end)*3/4, float64(rs.round.World.Tick()), 2)
	texts := said(g)
	assert.Contains(t, texts, "month 1")
	assert.Contains(t, texts, "month 2")
	assert.Contains(t, texts, "PLAYING 1x")
}

// TestPlaybackSeekFindsDivergence: seeking past a tampered checkpoint shows the
// divergence at once, with the calendar time; seeking back before it and forth again
// finds the same one.
func TestPlaybackSeekFindsDivergence(t *testing.T) {
	_, r := botReplay(t, "silo", 2, 5)
	bad := len(r.Checkpoints) / 2
	r.Checkpoints[bad].Hash ^= 1
	path := filepath.Join(t.TempDir(), "bad.replay.jsonl")
	require.NoError(t, r.WriteFile(path))
	g, d := newTestGame(t, Options{Replay: path})
	rs := g.Scene().(*roundScene)
	d.press(ebiten.KeyArrowRight)
	update(t, g, 1)
	require.NotNil(t, rs.round.Divergence)
	assert.Equal(t, r.Checkpoints[bad].Tick, rs.round.Divergence.Tick)
	d.press(ebiten.KeyHome)
	update(t, g, 1)
	assert.Nil(t, rs.round.Divergence, "before the tampered checkpoint, all matches")
	d.press(ebiten.KeyArrowRight)
	update(t, g, 1)
	require.NotNil(t, rs.round.Divergence)
	var banner string
	for _, s := range said(g) {
		if strings.HasPrefix(s, "REPLAY DIVERGES") {
			banner = s
		}
	}
	assert.Contains(t, banner, report.Clock(r.Checkpoints[bad].Tick, r.Header.Config.MonthTicks), "the calendar time of the divergence")
}

// TestEditedResultSaysSo: a replay whose states all match but whose end line's result
// was edited says that in plain words, in its bar and its notice, not "diverges at tick".
func TestEditedResultSaysSo(t *testing.T) {
	_, r := botReplay(t, "silo", 1, 5)
	r.End.Result.Shipped += 3
	path := filepath.Join(t.TempDir(), "edited.replay.jsonl")
	require.NoError(t, r.WriteFile(path))
	var log strings.Builder
	g, d := newTestGame(t, Options{Replay: path})
	g.opts.Log = &log
	d.press(ebiten.KeyDigit4)
	update(t, g, int(r.End.Tick)/4+2)
	require.IsType(t, &debriefScene{}, g.Scene())
	assert.Contains(t, log.String(), "every state matches to the end, but its recorded result was edited (shipped: recorded")
	assert.NotContains(t, log.String(), "Replay the states")
	d2 := &replay.Divergence{Tick: 9, LastGood: 9, Result: "shipped: recorded 9, replayed 6"}
	assert.Equal(t, "REPLAY'S RESULT EDITED: every state matches, the recorded result does not", divergenceBanner(d2, 1800))
}

// TestRecordKeepsFirstRound: -record holds the first round started, even when it is WATCH
// BOTS (which joins no session); the next round goes to the data folder and leaves it.
func TestRecordKeepsFirstRound(t *testing.T) {
	dir := t.TempDir()
	record := filepath.Join(dir, "first.replay.jsonl")
	g, d := newTestGame(t, Options{Record: record, DataDir: dir})
	g.Switch(newTitleScene(g))
	ts := g.Scene().(*titleScene)
	ts.setup.Months = 1
	ts.activate(g, rowAttract)
	update(t, g, 100)
	endRound(t, g, d)
	require.FileExists(t, record)
	first, err := replay.ReadFile(record)
	require.NoError(t, err)
	assert.Equal(t, "bot", first.Header.Players["ops"], "the attract round")

	g.Switch(newTitleScene(g))
	g.Scene().(*titleScene).activate(g, rowStart)
	update(t, g, readyTicks+50)
	endRound(t, g, d)
	again, err := replay.ReadFile(record)
	require.NoError(t, err)
	assert.Equal(t, first.End, again.End, "-record's file kept the first round")
	saved, _ := filepath.Glob(filepath.Join(dir, "replays", "*.replay.jsonl"))
	assert.Len(t, saved, 1, "the second round went to the data folder")
}

// TestGetReadyKeys: a key pressed in the last moment of "get ready" (within the catch
// window of the first tick) counts at the first tick; one pressed earlier does nothing
// and the status line says why.
func TestGetReadyKeys(t *testing.T) {
	s := Setup{Preset: "silo", Months: 1, Seed: 1, Players: [2]Player{{Bot: true}, Human}}
	var log strings.Builder
	g, d := newTestGame(t, Options{Start: true, Setup: s, Log: nil})
	g.opts.Log = &log
	rs := roundOf(t, g)
	d.press(ebiten.KeyL)
	update(t, g, 1)
	assert.Contains(t, log.String(), "Not yet: the round starts in 3 s.")
	win := int(rs.round.Config.CatchWindowTicks)
	update(t, g, readyTicks-1-win)
	d.press(ebiten.KeyJ)
	update(t, g, win)
	require.Zero(t, rs.countdown)
	require.Zero(t, rs.round.World.Tick())
	update(t, g, 1)
	var ops []sim.Input
	for _, in := range rs.round.Applied() {
		if in.Role == sim.Ops {
			ops = append(ops, in)
		}
	}
	assert.Equal(t, []sim.Input{{Tick: 0, Role: sim.Ops, Action: sim.ActCatchLeft}}, ops, "J, held, at the first tick; L, too early, not")
}
