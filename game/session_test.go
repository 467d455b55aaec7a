package game

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
)

// endRound ends the round being played from the pause menu ("End round: debrief").
func endRound(t *testing.T, g *Game, d *fakeDevices) {
	t.Helper()
	d.press(ebiten.KeyEscape)
	update(t, g, 1)
	roundOf(t, g).pauseSel = 4
	require.Equal(t, "End round: debrief", pauseItems[4])
	d.press(ebiten.KeyEnter)
	update(t, g, 1)
	require.IsType(t, &debriefScene{}, g.Scene())
}

// TestSessionJoins: the session view lists the rounds people played, finished or ended
// early (marked), but not bots-only rounds (a warm-up, attract mode) nor a round ended
// before its first tick.
func TestSessionJoins(t *testing.T) {
	one := [2]Player{Human, {Bot: true}}
	for _, tt := range []struct {
		name     string
		players  [2]Player
		frames   int
		end      bool // ended from the pause menu after frames
		joins    bool
		complete bool
	}{
		{"bots", bots, 1800 + 2, false, false, false},
		{"people", one, readyTicks + 1800 + 2, false, true, true},
		{"ended early", one, readyTicks + 300, true, true, false},
		{"ended before the first tick", one, readyTicks / 2, true, false, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := Setup{Preset: "silo", Months: 1, Seed: 6, Players: tt.players}
			g, d := newTestGame(t, Options{Start: true, Setup: s})
			update(t, g, tt.frames)
			if tt.end {
				endRound(t, g, d)
			}
			require.IsType(t, &debriefScene{}, g.Scene())
			if !tt.joins {
				assert.Empty(t, g.Session)
				return
			}
			require.Len(t, g.Session, 1)
			assert.Equal(t, tt.complete, g.Session[0].Complete)
		})
	}
}

// rec is a session round for sessionTakeaway.
func rec(preset string, seed uint64, months int, shipped int32, complete bool) RoundRecord {
	return RoundRecord{Setup: Setup{Preset: preset, Seed: seed, Months: months},
		Config:   sim.Config{Name: preset, Months: months},
		Result:   sim.Result{Shipped: shipped, Ticks: 100, Uptime: 0.99},
		Complete: complete}
}

// TestSessionTakeaway: the line under the session compares the same round (seed and
// months) played under other rules, finished rounds only; otherwise it says what to play.
func TestSessionTakeaway(t *testing.T) {
	for _, tt := range []struct {
		name   string
		rounds []RoundRecord
		want   string
	}{
		{"one round", []RoundRecord{rec("silo", 1, 3, 5, true)},
			"Now change the preset and play the same seed again."},
		{"two rounds", []RoundRecord{rec("silo", 1, 3, 1, true), rec("devops", 1, 3, 7, true)},
			"silo: 1 feature at 99.00 % uptime  vs  devops: 7 features at 99.00 %"},
		{"the last ended early", []RoundRecord{rec("silo", 1, 3, 5, true), rec("devops", 1, 3, 2, false)},
			"Now change the preset and play the same seed again."},
		{"the first ended early", []RoundRecord{rec("silo", 1, 3, 2, false), rec("devops", 1, 3, 7, true), rec("sre", 1, 3, 6, true)},
			"devops: 7 features at 99.00 % uptime  vs  sre: 6 features at 99.00 %"},
		{"another seed between", []RoundRecord{rec("silo", 1, 3, 5, true), rec("devops", 2, 3, 7, true), rec("sre", 1, 3, 6, true)},
			"silo: 5 features at 99.00 % uptime  vs  sre: 6 features at 99.00 %"},
		{"the last of another seed", []RoundRecord{rec("silo", 1, 3, 5, true), rec("devops", 1, 3, 7, true), rec("sre", 2, 3, 6, true)},
			"silo: 5 features at 99.00 % uptime  vs  devops: 7 features at 99.00 %"},
		{"other lengths", []RoundRecord{rec("silo", 1, 3, 5, true), rec("devops", 1, 1, 7, true)},
			"The rounds differ in seed or length: play seed 1 for 1 month again to compare."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, sessionTakeaway(nil, tt.rounds))
		})
	}
}

// TestSessionViewMarksEndedEarly: a round ended early is shown, marked as not compared,
// and the takeaway fits the screen.
func TestSessionViewMarksEndedEarly(t *testing.T) {
	g, _ := newTestGame(t, Options{})
	long := rec("bluegreen", 1, 12, 120, true)
	long.Result.Uptime = 1
	g.Session = []RoundRecord{long, rec("devops", 1, 12, 2, false), long}
	g.Switch(newSessionScene(g.Scene()))
	update(t, g, 1)
	var said []string
	for _, q := range frameTexts(g) {
		said = append(said, q.s)
		if strings.Contains(q.s, " vs ") {
			assert.LessOrEqual(t, g.r.Measure(q.s, q.st), float32(ScreenW-40), "the takeaway fits: %q", q.s)
		}
	}
	assert.Contains(t, said, "ended early: not compared")
	assert.Contains(t, said, "bluegreen: 120 features at 100.00 % uptime  vs  bluegreen: 120 features at 100.00 %")
	assert.LessOrEqual(t, g.r.Measure("ended early: not compared", styleLabel), float32(ScreenW-80)/sessionCols-48, "the mark fits its column")
}

// TestNoReplayBeforeFirstTick: a run that quits during "get ready" (-quit-after-ticks,
// closing the window) saves no replay: no tick was played. One that played a tick does.
func TestNoReplayBeforeFirstTick(t *testing.T) {
	for _, tt := range []struct {
		name  string
		ticks int64
		saved int
	}{
		{"during get ready", readyTicks / 2, 0},
		{"after a tick", readyTicks + 1, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			s := Setup{Preset: "silo", Months: 1, Seed: 1, Players: [2]Player{Human, Human}}
			g, _ := newTestGame(t, Options{Start: true, Setup: s, DataDir: dir, QuitAfterTicks: tt.ticks})
			var err error
			for i := 0; i < readyTicks*2 && err == nil; i++ {
				err = g.Update()
			}
			require.ErrorIs(t, err, ebiten.Termination)
			replays, _ := filepath.Glob(filepath.Join(dir, "replays", "*.replay.jsonl"))
			assert.Len(t, replays, tt.saved)
		})
	}
}
