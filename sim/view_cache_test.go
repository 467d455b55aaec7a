package sim_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
	"devopsjuggle/sim/bot"
)

// TestCachedViewIsFresh: a View kept from tick to tick (Observe copies the balls only when
// they changed) always shows what a fresh View shows, through whole bot rounds: no
// change to the balls is missed, however changes add up within a tick.
func TestCachedViewIsFresh(t *testing.T) {
	for _, name := range sim.PresetNames() {
		cfg, err := sim.Preset(name)
		require.NoError(t, err)
		cfg.Months = 1
		cfg.OpsBot.SkillPermille = 400 // drops, recoveries and rollbacks aplenty
		for seed := uint64(1); seed <= 3; seed++ {
			r := bot.NewBotRound(cfg, seed)
			var kept sim.View
			for !r.World.Done() {
				r.Step(nil)
				var fresh sim.View
				r.World.Observe(sim.Ops, &kept)
				r.World.Observe(sim.Ops, &fresh)
				require.Equal(t, fresh.NBalls, kept.NBalls, "%s seed %d tick %d", name, seed, r.World.Tick())
				require.Equal(t, fresh.Balls[:fresh.NBalls], kept.Balls[:kept.NBalls], "%s seed %d tick %d", name, seed, r.World.Tick())
				require.Equal(t, fresh.Busy, kept.Busy)
			}
		}
	}
}
