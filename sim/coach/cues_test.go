package coach

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
)

func config(edit func(c *sim.Config)) sim.Config {
	c := sim.DefaultConfig()
	c.Gate = false
	if edit != nil {
		edit(&c)
	}
	return c
}

func observe(w *sim.World) *sim.View {
	var v sim.View
	w.Observe(sim.Ops, &v)
	return &v
}

// TestCuesOfTheFirstBalls: at the round's start both balls are on their way, the
// standby first (it lands at the left hand half a flight before the live one lands at
// the right): the beat hint says left, then right.
func TestCuesOfTheFirstBalls(t *testing.T) {
	cfg := config(nil)
	w := sim.New(cfg, 1)
	var c Cues
	c.Fill(observe(w))
	require.Equal(t, 2, c.N)
	f := cfg.FlightTicks
	assert.Equal(t, Cue{Version: 1, Hand: sim.Left, From: f/2 - f, Arrival: f / 2, LeadTicks: f / 2, ProgressPermille: 500, Standby: true, Next: true}, c.Cue[0])
	assert.Equal(t, Cue{Version: 2, Hand: sim.Right, From: 0, Arrival: f, LeadTicks: f, ProgressPermille: 0, Live: true, Next: true}, c.Cue[1])
	assert.Equal(t, Beat{Hand: sim.Left, Version: 1, At: f / 2, LeadTicks: f / 2}, c.Beat)
	assert.Equal(t, Beat{Hand: sim.Right, Version: 2, At: f, LeadTicks: f}, c.Then)
	assert.Equal(t, [2]int{0, 1}, c.Next)
	assert.Equal(t, cfg.CatchWindowTicks, c.WindowTicks)
	assert.Same(t, &c.Cue[1], c.Of(2))
	assert.Nil(t, c.Of(3))
}

// TestTheRingClosesOnTheArrivalTick: a cue's progress grows with its flight and reaches
// 1000 exactly on the arrival tick; ProgressAt draws the same between ticks.
func TestTheRingClosesOnTheArrivalTick(t *testing.T) {
	cfg := config(nil)
	w := sim.New(cfg, 1)
	var c Cues
	last := int32(-1)
	for w.Tick() <= cfg.FlightTicks {
		c.Fill(observe(w))
		cu := c.Of(2)
		require.NotNil(t, cu)
		assert.Greater(t, cu.ProgressPermille, last, "tick %d: the ring keeps shrinking", w.Tick())
		assert.Equal(t, cu.ProgressPermille == 1000, w.Tick() == cu.Arrival, "tick %d: closed exactly on arrival", w.Tick())
		assert.InDelta(t, float64(cu.ProgressPermille)/1000, cu.ProgressAt(float64(w.Tick())), 0.001)
		last = cu.ProgressPermille
		var in []sim.Input
		for k := 0; k < c.N; k++ { // catch every ball on its arrival tick
			if c.Cue[k].LeadTicks == 0 {
				in = append(in, sim.Input{Tick: w.Tick(), Role: sim.Ops, Action: sim.ActCatchLeft + sim.Action(c.Cue[k].Hand)})
			}
		}
		w.Step(in)
	}
	assert.Equal(t, 0.0, c.Of(2).ProgressAt(-100))
	assert.Equal(t, 1.0, c.Of(1).ProgressAt(1e9))
}

// TestInWindowIsWhatTheWorldCatches: for every tick around an arrival, a cue says
// InWindow exactly when a press given with that view catches the ball; one tick
// outside the window on either side the press is a whiff.
func TestInWindowIsWhatTheWorldCatches(t *testing.T) {
	for _, d := range sim.Difficulties() {
		cfg := config(d.Apply)
		arrival := cfg.GraceTicks + cfg.FlightTicks/2 // version 1, at the left hand
		for press := arrival - cfg.CatchWindowTicks - 2; press <= arrival+cfg.CatchWindowTicks+2; press++ {
			w := sim.New(cfg, 1)
			for w.Tick() < press {
				w.Step(nil)
			}
			var c Cues
			c.Fill(observe(w))
			cu := c.Of(1)
			w.Step([]sim.Input{{Tick: press, Role: sim.Ops, Action: sim.ActCatchLeft}})
			caught := w.Stats().Catches == 1
			late := press - arrival
			assert.Equal(t, late >= -cfg.CatchWindowTicks && late <= cfg.CatchWindowTicks, caught, "%s: %d ticks late", d, late)
			if cu == nil {
				assert.Greater(t, late, cfg.CatchWindowTicks, "%s: no cue once the ball fell", d)
				continue
			}
			assert.Equal(t, caught, cu.InWindow, "%s: a press at tick %d (lead %d)", d, press, cu.LeadTicks)
		}
	}
}

// TestHeldBallsDuringTheGrace: with a grace period the juggler holds both balls: their
// cues are Held at progress 0 until their throw, and the first lands after the grace.
func TestHeldBallsDuringTheGrace(t *testing.T) {
	cfg := config(sim.Normal.Apply)
	require.Equal(t, sim.PeopleGraceTicks, cfg.GraceTicks)
	w := sim.New(cfg, 1)
	var c Cues
	c.Fill(observe(w))
	require.Equal(t, 2, c.N)
	for k := 0; k < 2; k++ {
		assert.True(t, c.Cue[k].Held, "v%d", c.Cue[k].Version)
		assert.Zero(t, c.Cue[k].ProgressPermille)
		assert.False(t, c.Cue[k].InWindow)
	}
	assert.Equal(t, cfg.GraceTicks+cfg.FlightTicks/2, c.Beat.At, "the first ball lands half a flight after the grace")
	for w.Tick() < cfg.GraceTicks {
		w.Step(nil)
	}
	c.Fill(observe(w))
	assert.False(t, c.Of(1).Held, "thrown half a flight before the grace ends")
	assert.False(t, c.Of(2).Held, "thrown as it ends")
}

// TestBlockedAndNextAtABusyHand: while a hand picks a ball up, the cues of the balls
// coming to it are Blocked; only the earliest ball due at a hand is its Next.
func TestBlockedAndNextAtABusyHand(t *testing.T) {
	cfg := config(func(c *sim.Config) { c.Monitoring = sim.MonitorBottomUp })
	w := sim.New(cfg, 1)
	// Nobody catches: both balls fall, v1 at the left hand, v2 at the right.
	for w.Tick() <= cfg.FlightTicks+cfg.CatchWindowTicks {
		w.Step(nil)
	}
	w.Step([]sim.Input{{Tick: w.Tick(), Role: sim.Ops, Action: sim.ActRecover, Arg: 1}})
	var c Cues
	c.Fill(observe(w))
	assert.Zero(t, c.N, "balls on the floor or being picked up are on their way nowhere")
	for w.Tick() < cfg.FlightTicks*2 {
		w.Step(nil)
	}
	// v1 is back in the air, to the right hand; pick v2 up there.
	w.Step([]sim.Input{{Tick: w.Tick(), Role: sim.Ops, Action: sim.ActRecover, Arg: 2}})
	c.Fill(observe(w))
	require.Equal(t, 1, c.N)
	assert.Equal(t, sim.Right, c.Cue[0].Hand)
	assert.True(t, c.Cue[0].Blocked)
	assert.True(t, c.Cue[0].Next)
	assert.Equal(t, [2]int{-1, 0}, c.Next)
	assert.Equal(t, sim.NoHand, c.Then.Hand)
}

// TestFillAllocatesNothing: a bot fills cues and prompts every tick.
func TestFillAllocatesNothing(t *testing.T) {
	w := sim.New(config(func(c *sim.Config) { c.Gate = true }), 1)
	for w.Tick() < 200 {
		w.Step(nil)
	}
	v := observe(w)
	var c Cues
	var p Prompts
	assert.Zero(t, testing.AllocsPerRun(100, func() {
		c.Fill(v)
		p.Fill(v, sim.Ops)
		p.Fill(v, sim.Dev)
	}))
}
