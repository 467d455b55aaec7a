package sim

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// malformed lists inputs that are no action of their role: nothing anyone could press.
var malformed = []Input{
	{Role: Dev, Action: ActNone},
	{Role: Ops, Action: ActNone},
	{Role: Dev, Action: numActions},
	{Role: Ops, Action: numActions}, // the first unknown action (Action.Role says ops)
	{Role: Ops, Action: 200, Arg: 3},
	{Role: Ops, Action: ActRelease},       // dev's action sent as ops
	{Role: Dev, Action: ActCatchLeft},     // ops' action sent as dev
	{Role: Dev, Action: ActApprove},       // dev approving its own change
	{Role: Role(2), Action: ActCatchLeft}, // no such role
	{Role: Role(255), Action: ActRelease},
}

func TestWellFormed(t *testing.T) {
	for _, in := range malformed {
		assert.False(t, in.WellFormed(), "%v", in)
	}
	for a := ActNone + 1; a < numActions; a++ {
		assert.True(t, Input{Role: a.Role(), Action: a}.WellFormed(), "%v", a)
		assert.False(t, Input{Role: 1 - a.Role(), Action: a}.WellFormed(), "%v as the other role", a)
	}
}

// TestMalformedInputsChangeNothing: the world ignores a malformed input as if it had not
// been sent: the same hash, no refusal counted, no event. A well-formed input the world
// refuses is counted and shown.
func TestMalformedInputsChangeNothing(t *testing.T) {
	cfg := DefaultConfig() // the gate on: approve and reject mean something
	cfg.Monitoring = MonitorBoth
	clean, noisy := New(cfg, 5), New(cfg, 5)
	for tick := Tick(0); tick < 3*cfg.BuildTicks; tick++ {
		var in []Input
		for _, b := range clean.Balls() {
			if b.State.InJuggle() && b.Arrival == tick {
				in = append(in, Input{Tick: tick, Role: Ops, Action: ActCatchLeft + Action(b.Hand)})
			}
		}
		clean.Step(in)
		junk := make([]Input, 0, len(in)+len(malformed))
		for i, m := range malformed {
			if int(tick)%len(malformed) == i || tick == cfg.BuildTicks {
				m.Tick = tick
				junk = append(junk, m)
			}
		}
		noisy.Step(append(junk, in...))
		require.Equal(t, clean.Hash(), noisy.Hash(), "tick %d", tick)
		for _, e := range noisy.Events() {
			require.NotEqual(t, EvRefused, e.Kind, "tick %d: %+v", tick, e)
		}
	}
	assert.Zero(t, noisy.Stats().Refused)

	noisy.Step([]Input{{Tick: noisy.Tick(), Role: Ops, Action: ActAcknowledge}})
	assert.Equal(t, int32(1), noisy.Stats().Refused, "nothing to acknowledge: well-formed, refused")
	assert.Equal(t, EvRefused, noisy.Events()[0].Kind)
}

// TestOpsCannotTouchABallItDoesNotKnowOf (issue 12, item 5): without bottom-up monitoring
// ops learns of a drop only once an incident is detected (the View hides it before); the
// model refuses to pick up or throw away a ball ops cannot know of, so a person cannot
// undo "customers will tell you" by pressing the key anyway.
func TestOpsCannotTouchABallItDoesNotKnowOf(t *testing.T) {
	for _, tc := range []struct {
		mode  Monitoring
		known Tick // ticks after the drop before ops may touch the ball
	}{
		{MonitorNone, testConfig().ComplaintDelayTicks}, // a customer complains
		{MonitorTopDown, 0},                             // the KPI alert fires in the drop's tick
		{MonitorBottomUp, 0},                            // the floor alert
		{MonitorBoth, 0},
	} {
		for _, act := range []Action{ActRecover, ActDiscard} {
			t.Run(string(tc.mode)+"/"+act.String(), func(t *testing.T) {
				cfg := testConfig()
				cfg.Monitoring = tc.mode
				h := newHarness(t, cfg)
				h.auto = true
				dropLive(h, 0)
				dropped := h.w.Tick()
				for h.w.Tick() < dropped+tc.known {
					var v View
					h.w.Observe(Ops, &v)
					require.False(t, v.Balls[1].Known)
					for _, arg := range []int32{0, 2} {
						h.step(h.act(act, arg))
						require.Contains(t, h.events(), EvRefused, "tick %d: %s %d", h.w.Tick()-1, act, arg)
						require.Equal(t, BallFloor, h.ball(2).State)
					}
				}
				var v View
				h.w.Observe(Ops, &v)
				require.True(t, v.Balls[1].Known)
				h.step(h.act(act, 2))
				assert.NotContains(t, h.events(), EvRefused, "known now")
				if act == ActRecover {
					assert.Equal(t, BallRecovering, h.ball(2).State)
				} else {
					assert.False(t, h.has(2))
				}
			})
		}
	}
}

// TestAStandbyDropNobodyKnowsOf: a standby on the floor hurts no customer, so without
// bottom-up monitoring no incident ever reveals it: it stays where it fell.
func TestAStandbyDropNobodyKnowsOf(t *testing.T) {
	cfg := testConfig()
	cfg.Monitoring = MonitorTopDown
	h := newHarness(t, cfg)
	h.auto = true
	h.skip[1] = true
	h.stepTo(3 * cfg.FlightTicks)
	require.Equal(t, BallFloor, h.ball(1).State)
	h.step(h.act(ActRecover, 0))
	assert.Contains(t, h.events(), EvRefused)
	h.step(h.act(ActDiscard, 1))
	assert.Contains(t, h.events(), EvRefused)
	assert.True(t, h.has(1))
}

// TestRecoveryNeedsRoomInProduction: a ball picked up is back in production, which never
// holds more than MaxBalls: with production full, ops must retire or discard first.
func TestRecoveryNeedsRoomInProduction(t *testing.T) {
	cfg := testConfig()
	cfg.Monitoring = MonitorBottomUp
	cfg.MaxBalls = 2
	h := newHarness(t, cfg)
	h.auto = true
	h.skip[1] = true // the standby drops: production holds v2 alone
	h.stepTo(cfg.BuildTicks)
	require.Equal(t, BallFloor, h.ball(1).State)
	h.step(h.act(ActRelease, ArgHandRight)) // v3 on its way: production is full
	require.True(t, h.has(3))
	h.step(h.act(ActRecover, 1))
	assert.Contains(t, h.events(), EvRefused, "no room for v1")
	assert.Equal(t, BallFloor, h.ball(1).State)

	v3 := h.ball(3)
	h.stepTo(v3.Arrival)
	h.step() // caught: v3 is live, v2 its standby
	v2 := h.ball(2)
	h.stepTo(v2.Arrival)
	h.step(h.act(ActRetireLeft+Action(v2.Hand), 0))
	require.False(t, h.has(2))
	h.step(h.act(ActRecover, 1))
	assert.NotContains(t, h.events(), EvRefused, "room again")
	assert.Equal(t, BallRecovering, h.ball(1).State)
}
