package bot

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
	"devopsjuggle/sim/bot/solutions"
	"devopsjuggle/sim/replay"
	"devopsjuggle/sim/strategy"
)

func preset(t *testing.T, name string) sim.Config {
	t.Helper()
	cfg, err := sim.Preset(name)
	require.NoError(t, err)
	return cfg
}

func TestExp2neg(t *testing.T) {
	for _, x := range []int64{0, 1, 15_625, 500_000, 999_999, 1_000_000, 1_234_567, 7_500_000, 31_999_999, 62_000_000} {
		want := math.Exp2(-float64(x)/1e6) * (1 << 32)
		got := float64(exp2neg(x))
		assert.InDelta(t, want, got, want*1e-4+1, "2^-%d/1e6", x)
	}
	assert.Equal(t, uint64(0), exp2neg(63_000_000))
	assert.Equal(t, uint64(1<<32), exp2neg(-5))
	// It falls as x grows: a larger loss never weighs more.
	for x := int64(0); x < 3_000_000; x += 997 {
		require.GreaterOrEqual(t, exp2neg(x), exp2neg(x+997))
	}
}

func TestOdds(t *testing.T) {
	odds, total := oddsOf([]int64{0, 0, 0})
	assert.Equal(t, []int64{333_333, 333_333, 333_333}, odds, "equal losses, equal odds")
	assert.Equal(t, int64(999_999), total)
	odds, _ = oddsOf([]int64{0, micro / 2})
	// 2^-(4 x 0.5) = 1/4: 0.9 x 4/5 + 0.05 and 0.9 x 1/5 + 0.05.
	assert.InDelta(t, 770_000, odds[0], 200)
	assert.InDelta(t, 230_000, odds[1], 200)
	odds, _ = oddsOf([]int64{50 * micro, 0})
	assert.Equal(t, int64(learnGamma/2), odds[0], "exploration keeps a hopeless value's odds at gamma/K")
}

// A learner's rounds replay from their inputs alone: the recording holds no learner,
// and playing it back gives the same state hash at every checkpoint; the same seed makes
// the same choices.
func TestLearnerRoundsReplay(t *testing.T) {
	for _, name := range []string{"silo", "sre", "bluegreen"} {
		cfg := preset(t, name)
		require.NoError(t, strategy.SetBot(&cfg, sim.Dev, strategy.Learner))
		require.NoError(t, strategy.SetBot(&cfg, sim.Ops, strategy.Learner))
		rd := NewBotRound(cfg, 11)
		rec := replay.NewRecorder(replay.NewHeader(cfg, 11, "test", "test"))
		for !rd.World.Done() {
			rec.Step(rd.World, rd.Step(nil))
		}
		r := rec.Finish(rd.World)
		w, err := r.Play()
		require.NoError(t, err, name)
		assert.Equal(t, rd.World.Hash(), w.Hash(), name)

		again := NewBotRound(cfg, 11)
		again.Run()
		assert.Equal(t, rd.Choices(), again.Choices(), "%s: the same seed, the same choices", name)
		other := NewBotRound(cfg, 12)
		other.Run()
		assert.NotEqual(t, rd.Choices(), other.Choices(), "%s: another seed, other draws", name)
	}
}

// The learner changes strategy only at a month's start, says why with the pay it saw,
// and closes each month with its pay: the month's pay in the world's statement.
func TestLearnerChoices(t *testing.T) {
	cfg := preset(t, "silo")
	require.NoError(t, strategy.SetBot(&cfg, sim.Ops, strategy.Learner))
	rd := NewBotRound(cfg, 3)
	rd.Run()
	cs := rd.Choices()
	require.Len(t, cs, cfg.Months)
	st := rd.World.Statements()
	changed := 0
	for m, c := range cs {
		assert.Equal(t, m, c.Month)
		assert.Equal(t, sim.Ops, c.Role)
		assert.True(t, c.Closed)
		assert.Equal(t, st[m].OpsPay, c.Pay, "month %d", m+1)
		_, err := strategy.Parse(sim.Ops, c.Strategy)
		assert.NoError(t, err)
		if m == 0 {
			assert.Contains(t, c.Why, "neutral start")
			continue
		}
		if c.Strategy != cs[m-1].Strategy {
			changed++
			assert.NotEmpty(t, c.Changes, "month %d: a new strategy says what changed", m+1)
		}
		for _, ch := range c.Changes {
			assert.NotEqual(t, ch.From, ch.To)
		}
	}
	assert.Positive(t, changed, "a learner explores")
	// The ops bot is a learner; dev's is the preset's.
	_, ok := rd.Bot(sim.Dev).(Chooser)
	assert.False(t, ok)
}

// A learner learns what its pay teaches: silo's ops, paid by uptime against a greedy
// dev, comes to reject every change. Over 40 twelve-month rounds it rejects every
// change in more of the last six months than of the first six, and in most of them
// (one gate in four by chance).
func TestLearnerLearns(t *testing.T) {
	cfg := preset(t, "silo")
	cfg.Months = 12
	require.NoError(t, strategy.SetBot(&cfg, sim.Ops, strategy.Learner))
	var early, late int
	for seed := uint64(1); seed <= 40; seed++ {
		rd := NewBotRound(cfg, seed)
		rd.Run()
		for _, c := range rd.Choices() {
			if strings.HasPrefix(c.Strategy, "gate=reject-all") {
				if c.Month < 6 {
					early++
				} else {
					late++
				}
			}
		}
	}
	t.Logf("reject-all in %d of 240 early months, %d of 240 late", early, late)
	assert.Greater(t, late, early+20)
	assert.Greater(t, late, 120)
}

func TestDraw(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	n := map[string]int{}
	for range 30_000 {
		s, ok := draw(map[string]string{"a": "1/3", "b": "1/2", "c": "1/6"}, rng)
		require.True(t, ok)
		n[s]++
	}
	assert.InDelta(t, 10_000, n["a"], 400)
	assert.InDelta(t, 15_000, n["b"], 400)
	assert.InDelta(t, 5_000, n["c"], 400)
	s, ok := draw(map[string]string{"x": "1"}, rng)
	assert.True(t, ok)
	assert.Equal(t, "x", s)
	for _, bad := range []map[string]string{{}, {"a": "1/2"}, {"a": "oops"}, {"a": "-1", "b": "2"}} {
		_, ok := draw(bad, rng)
		assert.False(t, ok, "%v", bad)
	}
}

// The four presets' games are shipped, for the rules and presets of this build: the
// game's equilibrium bots start at once. make solutions solves them again (a minute or
// two on two cores, sim/bot/solve's TestSolveShipped) and rewrites the file.
func TestShippedSolutions(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir()) // shipped, not cached by an earlier run
	t.Setenv("HOME", t.TempDir())
	for _, name := range sim.PresetNames() {
		cfg := preset(t, name)
		key := GameKey(cfg, [2]strategy.Grid{strategy.DefaultGrid(sim.Dev), strategy.DefaultGrid(sim.Ops)})
		s, ok := solutions.Lookup(key)
		if !assert.True(t, ok, "%s's game is not shipped for this build's rules and preset: run make solutions", name) {
			continue
		}
		assert.Equal(t, name, s.Name)
		assert.Equal(t, sim.RulesVersion, s.Rules)
		for r, probs := range [2]map[string]string{s.Dev, s.Ops} {
			_, ok := draw(probs, rand.New(rand.NewPCG(1, 1)))
			assert.True(t, ok, "%s %s: %v", name, sim.Role(r), probs)
			sp, err := strategy.DefaultGrid(sim.Role(r)).Space(&cfg)
			require.NoError(t, err)
			for n := range probs {
				_, in := sp.Index(n)
				assert.True(t, in, "%s: %s is a strategy of the space", name, n)
			}
		}
		// The game plays them without solving, the round's config being the preset's.
		require.NoError(t, strategy.SetBot(&cfg, sim.Dev, strategy.Equilibrium))
		b := NewEquilibrium(sim.Dev, cfg, 1, Options{NoSolve: true})
		_, ok = s.Dev[b.Strategy()]
		assert.True(t, ok, name)
		// A round of another length finds the preset's solution by name.
		cfg.Months = 3
		b = NewEquilibrium(sim.Dev, cfg, 1, Options{NoSolve: true})
		assert.Contains(t, b.Choices(nil)[0].Why, "as solved for the preset's own 6-month rounds")
	}
}

// The bots that play for their pay jump as the others do: a round with learners (or an
// equilibrium bot against a learner) plays the same stepped tick by tick, jumping over
// quiet ticks, and with every bot looking at every tick (their Wake).
func TestForPayJumpingChangesNothing(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir()) // the shipped solutions, not a cache
	t.Setenv("HOME", t.TempDir())
	seeds := uint64(12)
	if testing.Short() || emulated() {
		seeds = 3
	}
	for _, name := range sim.PresetNames() {
		for _, pair := range [][2]string{{strategy.Learner, strategy.Learner}, {strategy.Equilibrium, strategy.Learner}} {
			cfg := preset(t, name) // its own 6 months: the equilibrium bot's game is shipped
			require.NoError(t, strategy.SetBot(&cfg, sim.Dev, pair[0]))
			require.NoError(t, strategy.SetBot(&cfg, sim.Ops, pair[1]))
			for seed := uint64(1); seed <= seeds; seed++ {
				for _, noSkip := range []bool{false, true} {
					require.NoError(t, Check(cfg, seed, 300, noSkip), "%s %v seed %d, noSkip %v", name, pair, seed, noSkip)
				}
			}
		}
	}
}
