package solve_test

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
	"devopsjuggle/sim/bot"
	"devopsjuggle/sim/bot/solutions"
	"devopsjuggle/sim/bot/solve"
	"devopsjuggle/sim/equilibrium"
	"devopsjuggle/sim/replay"
	"devopsjuggle/sim/strategy"
)

var solveFlag = flag.Bool("solve", false, "solve the presets' games again and rewrite ../solutions/presets.json")

// The games are keyed by the rule they are solved under, written in sim/bot as a
// string so that the game need not link the solver: it must be the solver's.
func TestSolveRule(t *testing.T) {
	assert.Equal(t, equilibrium.Significant.String(), bot.SolveRule)
}

// TestSolveShipped solves the four presets' games again and rewrites the shipped file,
// when asked (make solutions; a minute or two on two cores). sim/bot's
// TestShippedSolutions checks the file against this build's rules and presets.
func TestSolveShipped(t *testing.T) {
	if !*solveFlag {
		t.Skip("run with -solve (make solutions) to solve the presets' games again")
	}
	var sols []solutions.Solution
	for _, name := range sim.PresetNames() {
		cfg, err := sim.Preset(name)
		require.NoError(t, err)
		s, err := solve.Game(cfg, [2]strategy.Grid{strategy.DefaultGrid(sim.Dev), strategy.DefaultGrid(sim.Ops)})
		require.NoError(t, err)
		sols = append(sols, s)
	}
	data, err := solutions.Encode(sols)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join("..", "solutions", solutions.ShippedFile), data, 0o644))
}

// tinyGame is a config whose game solves in a moment: one-month silo rounds, dev testing
// or not, ops approving or rejecting every change (and the preset's gatekeeper).
func tinyGame(t *testing.T) (sim.Config, [2]strategy.Grid) {
	cfg, err := sim.Preset("silo")
	require.NoError(t, err)
	cfg.Name, cfg.Months = "tiny", 1
	var g [2]strategy.Grid
	for r := range g {
		g[r] = strategy.DefaultGrid(sim.Role(r))
		g[r].Include = nil
	}
	require.NoError(t, g[sim.Dev].Set("interval", []string{"0"}))
	require.NoError(t, g[sim.Dev].Set("test", []string{"0", "2"}))
	require.NoError(t, g[sim.Dev].Set("hold", []string{"off"}))
	require.NoError(t, g[sim.Ops].Set("gate", []string{"approve-all", "reject-all"}))
	require.NoError(t, g[sim.Ops].Set("response", []string{"recover"}))
	require.NoError(t, g[sim.Ops].Set("react", []string{"0.5"}))
	return cfg, g
}

// The equilibrium bot solves a game it finds nowhere, caches it in the user's cache
// folder, and finds it there next time; without solving (the game's way) it plays the
// config's own strategy and says so.
func TestEquilibriumBotSolvesAndCaches(t *testing.T) {
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache)
	t.Setenv("HOME", cache)
	cfg, grids := tinyGame(t)
	cfg.SLOPermille = 981 // a game no other test solves: this process has not seen it
	key := bot.GameKey(cfg, grids)
	_, known := solutions.Lookup(key)
	require.False(t, known)

	require.NoError(t, strategy.SetBot(&cfg, sim.Ops, strategy.Equilibrium))
	require.NoError(t, strategy.SetBot(&cfg, sim.Dev, strategy.Equilibrium))
	var notes []string
	fallback := bot.NewEquilibrium(sim.Ops, cfg, 1, bot.Options{Strategies: grids, NoSolve: true, Log: func(s string) { notes = append(notes, s) }})
	assert.Equal(t, "gate=freeze,freeze=7s,response=recover", fallback.Strategy(), "the config's own strategy")
	assert.Contains(t, fallback.Choices(nil)[0].Why, "no solved game")
	require.Len(t, notes, 1)

	notes = nil
	b := bot.NewEquilibrium(sim.Ops, cfg, 1, bot.Options{Strategies: grids, Log: func(s string) { notes = append(notes, s) }})
	require.Len(t, notes, 2, "%v", notes)
	assert.Contains(t, notes[0], "solving the game of tiny")
	assert.Contains(t, notes[1], "cached in "+filepath.Join(cache, "devopsjuggle", "equilibria"))
	sol, ok := solutions.Lookup(key)
	require.True(t, ok, "cached")
	assert.Equal(t, map[string]string{"gate=reject-all,response=recover": "1"}, sol.Ops, "silo's ops rejects every change")
	assert.Equal(t, "gate=reject-all,response=recover", b.Strategy())
	assert.Contains(t, b.Choices(nil)[0].Why, "equilibrium of tiny's game over seeds 1-200")

	// Found in the cache: the same, with nothing to say; the dev bot too.
	notes = nil
	again := bot.NewEquilibrium(sim.Ops, cfg, 2, bot.Options{Strategies: grids, NoSolve: true, Log: func(s string) { notes = append(notes, s) }})
	assert.Equal(t, b.Strategy(), again.Strategy())
	assert.Empty(t, notes)
	d := bot.NewEquilibrium(sim.Dev, cfg, 2, bot.Options{Strategies: grids, NoSolve: true})
	_, ok = sol.Dev[d.Strategy()]
	assert.True(t, ok, "dev plays its side of the solution: %s", d.Strategy())

	// A damaged cache file is not trusted.
	path := filepath.Join(cache, "devopsjuggle", "equilibria", key+".json")
	require.NoError(t, os.WriteFile(path, []byte("{not json"), 0o644))
	_, ok = solutions.Lookup(key)
	assert.False(t, ok)

	// A whole round with equilibrium bots replays from its inputs.
	rd := bot.NewRound(cfg, 5, bot.NewEquilibrium(sim.Dev, cfg, 5, bot.Options{Strategies: grids}), bot.NewEquilibrium(sim.Ops, cfg, 5, bot.Options{Strategies: grids}))
	rec := replay.NewRecorder(replay.NewHeader(cfg, 5, "test", "test"))
	for !rd.World.Done() {
		rec.Step(rd.World, rd.Step(nil))
	}
	w, err := rec.Finish(rd.World).Play()
	require.NoError(t, err)
	assert.Equal(t, rd.World.Hash(), w.Hash())
	assert.Len(t, rd.Choices(), 2)
}

// BenchmarkSolvePreset solves each preset's game as the equilibrium bot and make
// solutions do: every pair of the default strategy spaces over seeds 1-200, 6-month
// rounds, on every core. The bound: under 30 s a preset on two cores.
func BenchmarkSolvePreset(b *testing.B) {
	for _, name := range sim.PresetNames() {
		cfg, err := sim.Preset(name)
		if err != nil {
			b.Fatal(err)
		}
		grids := [2]strategy.Grid{strategy.DefaultGrid(sim.Dev), strategy.DefaultGrid(sim.Ops)}
		var rounds int
		for r := range grids {
			sp, err := grids[r].Space(&cfg)
			if err != nil {
				b.Fatal(err)
			}
			if r == 0 {
				rounds = len(sp.Strategies)
			} else {
				rounds *= len(sp.Strategies) * (bot.SolveLastSeed - bot.SolveFirstSeed + 1)
			}
		}
		b.Run(name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := solve.Game(cfg, grids); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(rounds), "rounds/op")
			b.ReportMetric(float64(b.N*rounds)/b.Elapsed().Seconds(), "rounds/s")
		})
	}
}
