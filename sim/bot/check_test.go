package bot

import (
	"testing"

	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
)

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
	for _, cfg := range mixes(t, 2) {
		t.Run(cfg.Name, func(t *testing.T) {
			t.Parallel()
			for seed := uint64(1); seed <= seeds; seed++ {
				require.NoError(t, Check(cfg, seed, 300, true), "reproduce with -seed=%d", seed)
			}
		})
	}
}
