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
				require.Equal(t, fresh.BallsN, kept.BallsN, "%s seed %d tick %d", name, seed, r.World.Tick())
				require.Equal(t, fresh.Balls[:fresh.BallsN], kept.Balls[:kept.BallsN], "%s seed %d tick %d", name, seed, r.World.Tick())
				require.Equal(t, fresh.Busy, kept.Busy)
			}
		}
	}
}

// TestKeptViewIsFresh: a View kept across ticks, jumps and rounds (Observe copies the
// balls only when they changed, and only the clocks after a jump) shows all a fresh View
// shows, field by field, through whole bot rounds of every preset played one after
// another in one world.
func TestKeptViewIsFresh(t *testing.T) {
	var kept sim.View
	w := new(sim.World)
	for _, name := range append(sim.PresetNames(), sim.PresetNames()...) {
		cfg, err := sim.Preset(name)
		require.NoError(t, err)
		cfg.Months = 1
		cfg.OpsBot.SkillPermille = 400 // drops, recoveries and rollbacks aplenty
		for seed := uint64(1); seed <= 3; seed++ {
			w.Reset(cfg, seed)
			d, o := bot.ForConfig(cfg, seed)
			r := bot.NewRound(cfg, seed, d, o)
			r.World = w // the same round in the world kept from the last
			for i := 0; !w.Done(); i++ {
				role := sim.Role(i % 2)
				var fresh sim.View
				w.Observe(role, &kept)
				w.Observe(role, &fresh)
				require.Equal(t, trimmed(fresh), trimmed(kept), "%s seed %d tick %d", name, seed, w.Tick())
				switch next := w.NextEvent(); {
				case i%3 == 1 && next > w.Tick()+1:
					w.AdvanceTo((w.Tick() + next) / 2) // quiet ticks only: no Step
				case i%3 == 2:
					r.Advance(w.End())
				default:
					r.Step(nil)
				}
			}
		}
	}
}

// trimmed returns v with the stale entries past TrayN and BallsN cleared.
func trimmed(v sim.View) sim.View {
	clear(v.Tray[v.TrayN:])
	clear(v.Balls[v.BallsN:])
	return v
}

// A View kept from a round in a world that is then Reset for another round is filled
// anew even when the new round's balls have changed exactly as often as the old one's
// had when the view was last filled (the balls' change counter restarted at a Reset,
// and the kept view's stale balls passed for fresh).
func TestKeptViewAcrossResetAtTheSameBallsCount(t *testing.T) {
	silo, err := sim.Preset("silo")
	require.NoError(t, err)
	devops, err := sim.Preset("devops")
	require.NoError(t, err)
	w := new(sim.World)
	play := func(cfg sim.Config, seed uint64, gen uint64, observe bool, v *sim.View) {
		w.Reset(cfg, seed)
		d, o := bot.ForConfig(cfg, seed)
		r := bot.NewRound(cfg, seed, d, o)
		r.World = w
		var probe sim.View
		for !w.Done() {
			w.Observe(sim.Ops, &probe)
			if probe.BallsGen >= gen {
				break
			}
			r.Step(nil)
		}
		require.GreaterOrEqual(t, probe.BallsGen, gen, "%s seed %d reaches %d changes of its balls", cfg.Name, seed, gen)
		if observe {
			w.Observe(sim.Ops, v)
		}
	}
	var kept, fresh sim.View
	play(silo, 1, 8, true, &kept)
	play(devops, 2, kept.BallsGen, false, nil) // devops seed 2 gets there exactly, counting from 0
	w.Observe(sim.Ops, &kept)
	w.Observe(sim.Ops, &fresh)
	require.Equal(t, trimmed(fresh), trimmed(kept))
}
