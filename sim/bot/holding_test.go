package bot

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
)

// TestHoldingSaysWhyNoRelease: what the dev bot says it holds a feature for (the game
// shows it on a full tray) is true: at a look after which it says so, it released
// nothing; and each reason shows in the presets whose bots have it.
func TestHoldingSaysWhyNoRelease(t *testing.T) {
	seen := map[string]bool{}
	for _, name := range sim.PresetNames() {
		for _, skill := range []int32{0, 400} { // the preset's ops, and a clumsy one: production often not calm
			cfg, err := sim.Preset(name)
			require.NoError(t, err)
			cfg.Months = 2
			if skill > 0 {
				cfg.OpsBot.SkillPermille = skill
			}
			for seed := uint64(1); seed <= 5; seed++ {
				d := NewDev(cfg.DevBot)
				w := sim.New(cfg, seed)
				ops := New(sim.Ops, cfg, seed)
				var v sim.View
				var in []sim.Input
				for !w.Done() {
					in = in[:0]
					w.Observe(sim.Dev, &v)
					in = d.Act(&v, in)
					why := d.Holding()
					for _, x := range in {
						assert.False(t, why != "" && x.Action == sim.ActRelease, "%s seed %d tick %d: released while holding (%s)", name, seed, v.Tick, why)
					}
					seen[why] = true
					w.Observe(sim.Ops, &v)
					in = ops.Act(&v, in)
					w.Step(in)
				}
			}
		}
	}
	t.Logf("reasons seen: %v", seen)
	for _, why := range []string{"waits for calm", "keeps budget"} {
		assert.True(t, seen[why], "some preset's dev bot %s", why)
	}
}
