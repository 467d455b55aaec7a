package sim

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRefusedInputs: well-formed inputs the world cannot carry out at the time are
// refused (counted, an EvRefused event with the reason) and change nothing else.
func TestRefusedInputs(t *testing.T) {
	built := func(h *harness) { h.stepTo(h.w.cfg.BuildTicks) }
	for _, tc := range []struct {
		name  string
		edit  func(c *Config)
		setup func(h *harness)
		in    Input
		why   Refusal
	}{
		{"release with an empty tray", nil, nil, Input{Role: Dev, Action: ActRelease}, RefusedEmptyTray},
		{"release to no hand", nil, built, Input{Role: Dev, Action: ActRelease, Arg: ArgHandRight + 1}, RefusedNoSuchHand},
		{"release to a negative hand", nil, built, Input{Role: Dev, Action: ActRelease, Arg: -1}, RefusedNoSuchHand},
		{"release while a change request waits", func(c *Config) { c.Gate = true }, func(h *harness) {
			built(h)
			h.step(h.act(ActRelease, 0))
		}, Input{Role: Dev, Action: ActRelease}, RefusedInReview},
		{"release while releases are locked", func(c *Config) { c.ErrorBudget, c.SLOPermille = true, 1000 }, func(h *harness) {
			dropLive(h, 0) // the month's budget of nothing is spent at once
			built(h)
			require.True(h.t, h.w.locked)
		}, Input{Role: Dev, Action: ActRelease}, RefusedLocked},
		{"release into a full production", func(c *Config) { c.MaxBalls = 2 }, built, Input{Role: Dev, Action: ActRelease}, RefusedFull},
		{"release onto a taken stand", func(c *Config) { c.Release = BlueGreen; c.BuildTicks = 20 }, func(h *harness) {
			h.stepTo(40)
			h.step(h.act(ActRelease, 0))
		}, Input{Role: Dev, Action: ActRelease}, RefusedStandTaken},
		{"test with an empty tray", nil, nil, Input{Role: Dev, Action: ActTestStart}, RefusedEmptyTray},
		{"test while a change request waits", func(c *Config) { c.Gate = true }, func(h *harness) {
			built(h)
			h.step(h.act(ActRelease, 0))
		}, Input{Role: Dev, Action: ActTestStart}, RefusedInReview},
		{"test while testing", nil, func(h *harness) { built(h); h.step(h.act(ActTestStart, 0)) }, Input{Role: Dev, Action: ActTestStart}, RefusedTesting},
		{"stop a test that is not running", nil, built, Input{Role: Dev, Action: ActTestStop}, RefusedNotTesting},
		{"approve with nothing pending", nil, nil, Input{Role: Ops, Action: ActApprove}, RefusedNoRequest},
		{"approve once production is full", func(c *Config) { c.Gate, c.MaxBalls = true, 2 }, func(h *harness) {
			h.skip[1] = true
			h.stepTo(h.ball(1).Arrival + h.w.cfg.CatchWindowTicks + 1)
			built(h)
			h.step(h.act(ActRelease, 0))
			h.step(h.act(ActRecover, 1))
		}, Input{Role: Ops, Action: ActApprove}, RefusedFull},
		{"reject with nothing pending", nil, nil, Input{Role: Ops, Action: ActReject}, RefusedNoRequest},
		{"swap at no hand", nil, nil, Input{Role: Ops, Action: ActSwap, Arg: 2}, RefusedNoSuchHand},
		{"recover with nothing on the floor", nil, nil, Input{Role: Ops, Action: ActRecover}, RefusedNothingDown},
		{"discard with nothing on the floor", nil, nil, Input{Role: Ops, Action: ActDiscard}, RefusedNothingDown},
		{"recover a version not on the floor", nil, func(h *harness) { dropLive(h, 0) }, Input{Role: Ops, Action: ActRecover, Arg: 1}, RefusedNothingDown},
		{"recover a ball nobody knows of", func(c *Config) { c.Monitoring = MonitorNone }, func(h *harness) { dropLive(h, 0) }, Input{Role: Ops, Action: ActRecover}, RefusedUnseen},
		{"discard a ball nobody knows of", func(c *Config) { c.Monitoring = MonitorNone }, func(h *harness) { dropLive(h, 0) }, Input{Role: Ops, Action: ActDiscard, Arg: 2}, RefusedUnseen},
		{"recover at a busy hand", nil, func(h *harness) {
			h.skip[2] = true
			h.stepTo(h.ball(1).Arrival + 1) // v1 caught, thrown to the hand v2 falls at
			h.skip[1] = true
			h.stepTo(h.ball(1).Arrival + h.w.cfg.CatchWindowTicks + 1)
			require.Equal(h.t, BallFloor, h.ball(1).State)
			require.Equal(h.t, h.ball(1).Hand, h.ball(2).Hand, "both fell at one hand")
			h.step(h.act(ActRecover, 2))
		}, Input{Role: Ops, Action: ActRecover, Arg: 1}, RefusedHandBusy},
		{"recover into a full production", func(c *Config) { c.MaxBalls = 2 }, func(h *harness) {
			dropLive(h, 0)
			built(h)
			h.step(h.act(ActRelease, 0))
		}, Input{Role: Ops, Action: ActRecover}, RefusedFull},
		{"acknowledge with nothing detected", nil, nil, Input{Role: Ops, Action: ActAcknowledge}, RefusedNoIncident},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := testConfig()
			cfg.Monitoring = MonitorBottomUp
			if tc.edit != nil {
				tc.edit(&cfg)
			}
			h := newHarness(t, cfg)
			h.auto = true
			if tc.setup != nil {
				tc.setup(h)
			}
			before := h.w.Stats()
			in := tc.in
			in.Tick = h.w.Tick()
			h.w.Step([]Input{in})
			require.NoError(t, h.w.CheckInvariants())
			assert.Equal(t, before.Refused+1, h.w.Stats().Refused)
			require.NotEmpty(t, h.w.Events())
			var got Event
			for _, e := range h.w.Events() {
				if e.Kind == EvRefused {
					got = e
				}
			}
			assert.Equal(t, Event{Kind: EvRefused, Role: in.Role, Action: in.Action, Arg: in.Arg, Why: tc.why}, got)
		})
	}
}

// TestASecondPressIsRefusedAsPressed: a hand pressed twice in one tick refuses the
// second press with its reason; only EvRefused events carry one.
func TestASecondPressIsRefusedAsPressed(t *testing.T) {
	h := newHarness(t, testConfig())
	h.step(h.act(ActCatchLeft, 0), h.act(ActRetireLeft, 0))
	var whys []Refusal
	for _, e := range h.w.Events() {
		if e.Kind != EvRefused {
			assert.Equal(t, RefusedNone, e.Why, e.Kind)
			continue
		}
		whys = append(whys, e.Why)
	}
	assert.Equal(t, []Refusal{RefusedPressed}, whys)
}

// TestRefusalNames: every reason has its own name, as logs print it.
func TestRefusalNames(t *testing.T) {
	seen := map[string]bool{}
	for r := RefusedNone; r < numRefusals; r++ {
		n := r.String()
		assert.NotEqual(t, "?", n)
		assert.False(t, seen[n], "%s named twice", n)
		seen[n] = true
	}
	assert.Equal(t, "unseen", RefusedUnseen.String())
	assert.Equal(t, "?", numRefusals.String())
}

// TestStepPanicsOnAnInputForAnotherTick: an input meant for another tick is a caller's
// bug, not bad input.
func TestStepPanicsOnAnInputForAnotherTick(t *testing.T) {
	w := New(testConfig(), 1)
	assert.PanicsWithValue(t, "sim: input t=1 ops catch-left 0 given at tick 0", func() {
		w.Step([]Input{{Tick: 1, Role: Ops, Action: ActCatchLeft}})
	})
	for !w.Done() {
		w.Step(nil)
	}
	end := w.Hash()
	w.Step([]Input{{Tick: w.Tick(), Role: Ops, Action: ActCatchLeft}})
	assert.Equal(t, end, w.Hash(), "a finished round does not move")
	cfg := testConfig()
	assert.Equal(t, cfg.Ticks(), w.Tick())
}

// TestAPressWithNothingDueIsAWhiff: a press with no ball in its window is counted as a
// whiff, and the hand cannot press again in that tick.
func TestAPressWithNothingDueIsAWhiff(t *testing.T) {
	h := newHarness(t, testConfig())
	h.step(h.act(ActCatchLeft, 0))
	assert.Equal(t, int32(1), h.w.Stats().Whiffs)
	assert.Contains(t, h.events(), EvWhiff)
	assert.NotContains(t, h.events(), EvRefused)
	h.step(h.act(ActCatchRight, 0), h.act(ActRetireRight, 0))
	assert.Equal(t, int32(2), h.w.Stats().Whiffs)
	assert.Equal(t, int32(1), h.w.Stats().Refused, "one press per hand per tick")
}

// TestSwapOutsideBlueGreenIsACatch: in place, or with no ball on the stand, a swap is an
// ordinary catch.
func TestSwapOutsideBlueGreenIsACatch(t *testing.T) {
	for _, style := range []ReleaseStyle{InPlace, BlueGreen} {
		cfg := testConfig()
		cfg.Release = style
		h := newHarness(t, cfg)
		v1 := h.ball(1)
		h.stepTo(v1.Arrival)
		h.step(h.act(ActSwap, int32(v1.Hand)))
		b := h.ball(1)
		assert.Equal(t, BallAir, b.State, style)
		assert.Equal(t, v1.Hand.Other(), b.Hand, style)
		assert.Zero(t, h.w.Stats().Swaps, style)
		assert.Equal(t, int32(1), h.w.Stats().Catches, style)
	}
}

// TestBlueGreenSwapWithNoStandbyUp: with no standby in the air, catching the live ball
// with a swap tosses the stand's ball in half a flight behind it, live at once.
func TestBlueGreenSwapWithNoStandbyUp(t *testing.T) {
	cfg := testConfig()
	cfg.Release = BlueGreen
	cfg.Monitoring = MonitorBottomUp
	h := newHarness(t, cfg)
	h.auto = true
	h.skip[1] = true // the standby drops
	h.stepTo(cfg.BuildTicks)
	h.step(h.act(ActDiscard, 1))
	require.False(t, h.has(1))
	h.step(h.act(ActRelease, 0))
	require.Equal(t, BallStand, h.ball(3).State)
	v2 := h.ball(2)
	h.stepTo(v2.Arrival)
	h.step(h.act(ActSwap, int32(v2.Hand)))
	assert.Equal(t, Version(3), h.w.Live())
	b2, b3 := h.ball(2), h.ball(3)
	assert.Equal(t, BallAir, b3.State)
	assert.Equal(t, b2.Hand, b3.Hand, "both thrown to the other hand")
	assert.Equal(t, b2.Arrival+cfg.FlightTicks/2, b3.Arrival, "half a flight behind")
	assert.Equal(t, int32(1000), h.w.Availability(), "no downtime")
	assert.Equal(t, int32(1), h.w.Stats().Swaps)
}

// TestDiscardingAStandbyIsNoRollback: throwing away a standby on the floor removes it;
// the live version stays, nothing goes back to dev.
func TestDiscardingAStandbyIsNoRollback(t *testing.T) {
	cfg := testConfig()
	cfg.Monitoring = MonitorBottomUp
	h := newHarness(t, cfg)
	h.auto = true
	h.skip[1] = true
	h.stepTo(cfg.FlightTicks)
	h.step(h.act(ActDiscard, 0))
	assert.False(t, h.has(1))
	assert.Equal(t, Version(2), h.w.Live())
	assert.Equal(t, int32(1), h.w.Stats().Discards)
	assert.Zero(t, h.w.Stats().Rollbacks)
	assert.Zero(t, h.w.reworkN)
}

// TestRetiringAReleaseInFlightSendsItBack: retiring an in-place release as it lands (it
// was never live) sends its feature back to dev: no deploy, no rollback.
func TestRetiringAReleaseInFlightSendsItBack(t *testing.T) {
	cfg := testConfig()
	h := newHarness(t, cfg)
	h.auto = true
	h.skip[3] = true
	h.stepTo(cfg.BuildTicks)
	h.step(h.act(ActRelease, ArgHandRight))
	v3 := h.ball(3)
	h.stepTo(v3.Arrival)
	h.step(h.act(ActRetireRight, 0))
	assert.False(t, h.has(3))
	assert.Equal(t, Version(2), h.w.Live())
	assert.Equal(t, 1, h.w.reworkN)
	s := h.w.Stats()
	assert.Equal(t, int32(1), s.Retires)
	assert.Zero(t, s.Rollbacks)
	assert.Zero(t, s.Deploys)
	assert.Zero(t, s.ChangeFailures)
}

// TestAlertsFireOnTheRisingEdge: a bottom-up alert fires when its condition starts, not
// on every tick it lasts.
func TestAlertsFireOnTheRisingEdge(t *testing.T) {
	cfg := testConfig()
	cfg.Monitoring = MonitorBottomUp
	h := newHarness(t, cfg)
	h.auto = true
	h.skip[1] = true
	floorAlerts := 0
	run := func(until Tick, in ...Input) {
		for first := true; h.w.Tick() < until; first = false {
			if first {
				h.step(in...)
			} else {
				h.step()
			}
			for _, e := range h.w.Events() {
				if e.Kind == EvAlert && e.Arg == InfraFloor {
					floorAlerts++
				}
			}
		}
	}
	run(3 * cfg.FlightTicks)
	assert.Equal(t, 1, floorAlerts, "the standby lies there: one alert")
	assert.True(t, h.w.infra[InfraFloor])
	run(h.w.Tick()+cfg.RecoverTicks+1, h.act(ActRecover, 1))
	require.Equal(t, BallAir, h.ball(1).State)
	assert.False(t, h.w.infra[InfraFloor])
	run(h.w.Tick() + 3*cfg.FlightTicks)
	assert.Equal(t, 2, floorAlerts, "it fell again: a second alert")
}

// TestHarmlessDefects: with DefectErrorPermille 0 a defective live version serves
// everyone: no incident.
func TestHarmlessDefects(t *testing.T) {
	cfg := testConfig()
	cfg.DefectErrorPermille = 0
	h := newHarness(t, cfg)
	h.auto = true
	breakLive(h)
	h.stepTo(100)
	assert.Equal(t, int32(1000), h.w.Availability())
	assert.Empty(t, h.w.Incidents())
}

// TestNoFalseNegativesWithoutMonitoring: an incident only customers found is a false
// negative of the monitoring there is; with none, there is nothing to miss.
func TestNoFalseNegativesWithoutMonitoring(t *testing.T) {
	for _, mode := range []Monitoring{MonitorNone, MonitorBottomUp} {
		cfg := testConfig()
		cfg.Monitoring = mode
		h := newHarness(t, cfg)
		h.auto = true
		breakLive(h)
		h.stepTo(cfg.ComplaintDelayTicks + 20)
		h.w.balls[h.w.liveIndex()].Defective = false
		h.step()
		require.Len(t, h.w.Incidents(), 1)
		assert.Equal(t, DetectedByComplaint, h.w.Incidents()[0].DetectedBy, mode)
		assert.Equal(t, int32(1), h.w.Stats().Complaints, mode)
		assert.Equal(t, mode.BottomUp(), h.w.Stats().FalseNegatives == 1, mode)
	}
}

// TestBlueGreenHasOneStand: a blue/green release waits on the stand (deployed, not live);
// a second one is refused while the stand is taken, even with features in the tray. In
// place, nothing is deployed to a stand.
func TestBlueGreenHasOneStand(t *testing.T) {
	for _, style := range []ReleaseStyle{BlueGreen, InPlace} {
		cfg := testConfig()
		cfg.Release = style
		cfg.BuildTicks = 20
		h := newHarness(t, cfg)
		h.auto = true
		h.stepTo(2 * cfg.BuildTicks)
		require.Equal(t, 2, h.w.trayN)
		h.step(h.act(ActRelease, 0))
		require.True(t, h.has(3))
		assert.Equal(t, style == BlueGreen, contains(h.events(), EvDeployed), style)
		h.step(h.act(ActRelease, 0))
		assert.Equal(t, style == BlueGreen, contains(h.events(), EvRefused), "%s: a second release", style)
		assert.Equal(t, style == InPlace, h.has(4), style)
	}
}

func contains(ks []EventKind, k EventKind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

// TestTheFirstPresses: nothing was pressed before the round, so presses on its first
// ticks count (as whiffs here), none refused as a second press.
func TestTheFirstPresses(t *testing.T) {
	h := newHarness(t, testConfig())
	h.step(h.act(ActCatchLeft, 0), h.act(ActCatchRight, 0))
	h.step(h.act(ActCatchLeft, 0), h.act(ActCatchRight, 0))
	assert.Equal(t, int32(4), h.w.Stats().Whiffs)
	assert.Zero(t, h.w.Stats().Refused)
}

// TestCrackedShowsOnTheOldestBall: a detected defect shows on the live ball wherever it
// sits among the balls, the first (oldest) included.
func TestCrackedShowsOnTheOldestBall(t *testing.T) {
	cfg := testConfig()
	cfg.Monitoring = MonitorTopDown
	h := newHarness(t, cfg)
	h.auto = true
	v2 := h.ball(2)
	h.stepTo(v2.Arrival)
	h.step(h.act(ActRetireLeft+Action(v2.Hand), 0)) // a rollback: v1 is live, and alone
	require.Equal(t, Version(1), h.w.Live())
	require.Equal(t, 1, h.w.ballsN)
	h.stepTo(h.w.upgradeUntil + 1)
	h.w.balls[0].Defective = true
	h.stepTo(h.w.Tick() + 3)
	var v View
	h.w.Observe(Ops, &v)
	require.NotZero(t, v.Incident.ID)
	assert.True(t, v.Balls[0].Cracked)
}

// TestAReleaseWithTheFloorFullIsRefused: balls on the floor do not count against
// MaxBalls, but the world holds MaxBallsLimit balls in all; a release beyond that is
// refused with its own reason (throw some away first).
func TestAReleaseWithTheFloorFullIsRefused(t *testing.T) {
	cfg := testConfig()
	cfg.TrayCap = TrayLimit
	cfg.BuildTicks = 1
	h := newHarness(t, cfg)
	for h.w.ballsN < MaxBallsLimit && h.w.Tick() < 2000 {
		var in []Input
		if h.w.trayN > 0 && h.w.canRelease() {
			in = append(in, h.act(ActRelease, ArgHandAuto))
		}
		h.step(in...) // nobody catches: every ball falls
	}
	require.Equal(t, MaxBallsLimit, h.w.ballsN)
	require.Less(t, h.w.production(), cfg.MaxBalls, "the floor does not count")
	require.Positive(t, h.w.trayN)
	h.step(h.act(ActRelease, ArgHandAuto))
	require.NotEmpty(t, h.w.Events())
	assert.Equal(t, RefusedFloorFull, h.w.Events()[0].Why)
}
