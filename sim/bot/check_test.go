package bot

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
	"devopsjuggle/sim/internal/simtest"
)

// emulated reports whether the tests run where make test-cross runs them emulated
// (arm64 under qemu, wasm under node: 10 to 50 times slower), or under the race
// detector: the long tests play fewer rounds there, all of them natively on amd64 and
// 386.
func emulated() bool { return runtime.GOARCH == "arm64" || runtime.GOOS == "js" || raceOn }

// mixes returns every preset with every named dev bot and ops bot in place of its own.
func mixes(t *testing.T, months int) []sim.Config {
	var cfgs []sim.Config
	for _, name := range sim.PresetNames() {
		base, err := sim.Preset(name)
		require.NoError(t, err)
		base.Months = months
		for _, d := range sim.DevBotNames() {
			for _, o := range sim.OpsBotNames() {
				cfg := base
				cfg.Name = name + "+dev=" + d + "+ops=" + o
				cfg.DevBot = sim.MustDevBotSpec(d)
				cfg.OpsBot, err = sim.OpsBotSpecFor(o)
				require.NoError(t, err)
				cfgs = append(cfgs, cfg)
			}
		}
	}
	return cfgs
}

// TestJumpingChangesNothing plays every preset with every pair of named bots over 200
// seeds both ways, tick by tick and jumping over quiet ticks, and requires the same
// inputs and state hashes at every checkpoint.
func TestJumpingChangesNothing(t *testing.T) {
	seeds := uint64(200)
	if testing.Short() || emulated() {
		seeds = 20
	}
	for _, cfg := range mixes(t, 2) {
		t.Run(cfg.Name, func(t *testing.T) {
			t.Parallel()
			for seed := uint64(1); seed <= seeds; seed++ {
				require.NoError(t, Check(cfg, seed, 300, false), "reproduce with -seed=%d", seed)
			}
		})
	}
}

// TestSleepingChangesNothing: the bots' Wake against bots that look at every tick, for
// every preset and pair of named bots.
func TestSleepingChangesNothing(t *testing.T) {
	seeds := uint64(40)
	if testing.Short() || emulated() {
		seeds = 8
	}
	for _, cfg := range mixes(t, 2) {
		t.Run(cfg.Name, func(t *testing.T) {
			t.Parallel()
			for seed := uint64(1); seed <= seeds; seed++ {
				require.NoError(t, Check(cfg, seed, 300, true), "reproduce with -seed=%d", seed)
			}
		})
	}
}

// TestJumpingWithHumans plays random configs, a bot on one side (or both) and a
// human-like script on the other (or both, with no bot), both ways: stepping every tick
// and jumping with Advance up to the human's next input. The inputs and the state must
// match at every input.
func TestJumpingWithHumans(t *testing.T) {
	rounds := 300
	if testing.Short() || emulated() {
		rounds = 40
	}
	for seed := uint64(1); seed <= uint64(rounds); seed++ {
		r := rand.New(rand.NewPCG(seed, 77))
		cfg := simtest.Config(r)
		humans := [2]bool{r.IntN(2) == 0, r.IntN(2) == 0}
		rounds := [2]*Round{}
		for k := range rounds {
			d, o := ForConfig(cfg, seed)
			if humans[sim.Dev] {
				d = nil
			}
			if humans[sim.Ops] {
				o = nil
			}
			rounds[k] = NewRound(cfg, seed, d, o)
		}
		ref, jump := rounds[0], rounds[1]
		ref.TickByTick = true
		var script []sim.Input
		for !ref.World.Done() {
			next := simtest.NextInputTick(ref.World, r)
			for ref.World.Tick() < next && !ref.World.Done() {
				ref.Advance(next)
			}
			for jump.World.Tick() < next && !jump.World.Done() {
				jump.Advance(next)
			}
			require.Equal(t, ref.World.Hash(), jump.World.Hash(), "at tick %d (reproduce with -seed=%d)", ref.World.Tick(), seed)
			if ref.World.Done() {
				break
			}
			script = simtest.Inputs(ref.World, r, humans, script[:0])
			a := fmt.Sprint(ref.Step(script))
			b := fmt.Sprint(jump.Step(script))
			require.Equal(t, a, b, "inputs at tick %d (reproduce with -seed=%d)", ref.World.Tick()-1, seed)
		}
		require.Equal(t, ref.World.Hash(), jump.World.Hash(), "at the end (reproduce with -seed=%d)", seed)
	}
}

// TestRandomBotsSleep: random configs and bots, the jumping round against bots that look
// at every tick.
func TestRandomBotsSleep(t *testing.T) {
	rounds := 300
	if testing.Short() || emulated() {
		rounds = 40
	}
	for seed := uint64(1); seed <= uint64(rounds); seed++ {
		cfg := simtest.Config(rand.New(rand.NewPCG(seed, 78)))
		require.NoError(t, Check(cfg, seed, 97, true), "reproduce with -seed=%d", seed)
	}
}

// TestPlayReusesRoundsCleanly: Play plays each round in the memory of the one before
// (World.Reset, the bots' reset); a round must come out as a fresh one does whatever
// was played before it, of any config, both ways.
func TestPlayReusesRoundsCleanly(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	for i := range 200 {
		cfg := simtest.Config(r)
		if i%3 == 0 {
			cfg = mixes(t, 1+r.IntN(2))[r.IntN(100)]
		}
		seed := r.Uint64()
		want := NewBotRound(cfg, seed).Run()
		require.Equal(t, want, Play(cfg, seed), "round %d (reproduce with -seed=%d)", i, seed)
		require.Equal(t, want, PlayTickByTick(cfg, seed), "round %d tick by tick (reproduce with -seed=%d)", i, seed)
	}
}
