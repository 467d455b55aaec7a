package bot

import (
	"flag"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
)

var update = flag.Bool("update", false, "rewrite testdata/rounds.golden from the bots")

// goldenMixes are the bot rounds whose every input is pinned: each preset with its bots,
// and the other named bots against a preset.
func goldenMixes(t *testing.T) []sim.Config {
	var cfgs []sim.Config
	for _, name := range sim.PresetNames() {
		cfg, err := sim.Preset(name)
		require.NoError(t, err)
		cfgs = append(cfgs, cfg)
	}
	for _, ops := range sim.OpsBotNames() {
		cfg, _ := sim.Preset("silo")
		cfg.OpsBot, _ = sim.OpsBotSpecFor(ops)
		cfg.Name += "+ops=" + ops
		cfgs = append(cfgs, cfg)
	}
	for _, dev := range sim.DevBotNames() {
		cfg, _ := sim.Preset("sre")
		cfg.DevBot = sim.MustDevBotSpec(dev)
		cfg.Name += "+dev=" + dev
		cfgs = append(cfgs, cfg)
	}
	return cfgs
}

// TestBotRoundsGolden pins what the bots do: for each mix and seed, the number of inputs
// they send in a 2-month round, a hash of those inputs and the world's final hash. (The
// model's golden rounds replay recorded inputs without the bots, so they pin the model,
// not the bots.) A change to a bot's behaviour shows here; if it is meant, rewrite the
// file with go test ./sim/bot -run TestBotRoundsGolden -update, and say why.
func TestBotRoundsGolden(t *testing.T) {
	var b strings.Builder
	for _, cfg := range goldenMixes(t) {
		cfg.Months = 2
		for seed := uint64(1); seed <= 3; seed++ {
			r := NewBotRound(cfg, seed)
			h := fnv.New64a()
			n := 0
			for !r.World.Done() {
				for _, in := range r.Step(nil) {
					fmt.Fprintln(h, in)
					n++
				}
			}
			fmt.Fprintf(&b, "%s seed %d: %d inputs %016x, world %016x\n", cfg.Name, seed, n, h.Sum64(), r.World.Hash())
		}
	}
	path := filepath.Join("testdata", "rounds.golden")
	if *update {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(path, []byte(b.String()), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "go test ./sim/bot -run TestBotRoundsGolden -update writes it")
	assert.Equal(t, string(want), b.String(), "the bots play differently (reproduce with the mix and seed named)")
}

// countingBot is a Sleeper that records when it was asked to act and always sleeps
// until an event (or a set tick).
type countingBot struct {
	role  sim.Role
	acted []sim.Tick
	wake  sim.Tick
}

func (c *countingBot) Role() sim.Role { return c.role }
func (c *countingBot) Act(v *sim.View, out []sim.Input) []sim.Input {
	c.acted = append(c.acted, v.Tick)
	if v.Tick >= c.wake {
		c.wake = never // woken: back to sleeping until an event
	}
	return out
}
func (c *countingBot) Wake() sim.Tick { return c.wake }

// TestSleepingBotsSkipQuietTicks: a Sleeper is asked to act on the first tick, after a
// tick with events or inputs or error budget spent, and at its wake tick; not otherwise.
func TestSleepingBotsSkipQuietTicks(t *testing.T) {
	cfg := sim.DefaultConfig()
	cfg.Gate, cfg.BuildTicks = false, sim.DurationLimit // nothing is ever built
	dev := &countingBot{role: sim.Dev, wake: never}
	r := NewRound(cfg, 1, dev, nil)
	for r.World.Tick() < 20 {
		r.Step(nil)
	}
	assert.Equal(t, []sim.Tick{0}, dev.acted, "nothing happens in the first 20 ticks")

	dev.wake = 25
	r.Step(nil) // tick 20: still asleep (the wake is read after an act)
	dev.acted = nil
	r.Step([]sim.Input{{Tick: 21, Role: sim.Ops, Action: sim.ActAcknowledge}}) // a refused input: an event
	for r.World.Tick() < 30 {
		r.Step(nil)
	}
	assert.Equal(t, []sim.Tick{22, 25}, dev.acted, "after the event, and at its wake tick")

	// A tick that spends error budget wakes it: the live ball drops at 67.
	cfg.ErrorBudget = true
	dev = &countingBot{role: sim.Dev, wake: never}
	r = NewRound(cfg, 1, dev, nil)
	for r.World.Tick() < 72 {
		r.Step(nil)
	}
	assert.Contains(t, dev.acted, sim.Tick(71), "every tick of an outage spends budget")
	assert.NotContains(t, dev.acted, sim.Tick(50))

	r = NewRound(cfg, 1, &countingBot{role: sim.Dev, wake: never}, nil)
	r.NoSkip = true
	for r.World.Tick() < 10 {
		r.Step(nil)
	}
	assert.Len(t, r.bots[sim.Dev].(*countingBot).acted, 10, "NoSkip: every tick")
}

// TestPerfectJugglerDrawsNothing: skill 1000 has no timing error, and drawing none leaves
// the bot's random stream untouched.
func TestPerfectJugglerDrawsNothing(t *testing.T) {
	a := NewOps(sim.OpsBotSpec{SkillPermille: 1000}, sim.DefaultConfig(), 5)
	b := NewOps(sim.OpsBotSpec{SkillPermille: 1000}, sim.DefaultConfig(), 5)
	assert.Zero(t, a.errorTicks(0))
	assert.Equal(t, b.pcg.Uint64(), a.pcg.Uint64())
}
