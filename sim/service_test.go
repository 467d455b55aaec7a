package sim

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestOverloadIsTwoBallsWithinTwoWindows: bottom-up monitoring raises the overload alert
// when two balls are due at one hand within two catch windows, either way round.
func TestOverloadIsTwoBallsWithinTwoWindows(t *testing.T) {
	cfg := testConfig()
	cfg.Monitoring = MonitorBottomUp
	w2 := 2 * cfg.CatchWindowTicks
	for _, tc := range []struct {
		gap      Tick
		overload bool
	}{
		{w2, true}, {w2 + 1, false}, {-w2, true}, {-w2 - 1, false}, {0, true},
	} {
		w := New(cfg, 1)
		w.balls[1].Hand, w.balls[1].Arrival = Left, w.balls[0].Arrival+tc.gap
		assert.Equal(t, tc.overload, w.infraConditions()[InfraOverload], "gap %d", tc.gap)
	}
	w := New(cfg, 1)
	assert.False(t, w.infraConditions()[InfraOverTarget], "two balls, target two")
	w.cfg.TargetBalls = 1
	assert.True(t, w.infraConditions()[InfraOverTarget])
}

// TestKPIAlertBelowTheThreshold: the top-down alert fires when the KPI window's mean is
// below the threshold, not at it.
func TestKPIAlertBelowTheThreshold(t *testing.T) {
	cfg := testConfig()
	cfg.Monitoring = MonitorTopDown
	cfg.KPIWindowTicks = 10
	cfg.KPIThresholdPermille = 900 // one tick at 0 in ten: exactly 900
	w := New(cfg, 1)
	w.kpi.sum -= 1000
	assert.False(t, w.kpiAlert(), "at the threshold")
	w.kpi.sum--
	assert.True(t, w.kpiAlert(), "below it")
}

// TestDownAndOverTargetTicks count ticks at 0 availability and with more balls than the
// target.
func TestDownAndOverTargetTicks(t *testing.T) {
	cfg := testConfig()
	h := newHarness(t, cfg)
	h.auto = true
	breakLive(h)
	h.stepTo(10)
	assert.Zero(t, h.w.Stats().DownTicks, "70 % is not down")
	assert.Zero(t, h.w.Stats().OverTargetTicks)
	h.w.cfg.TargetBalls = 1
	h.step()
	assert.Equal(t, int64(1), h.w.Stats().OverTargetTicks)
	h.w.balls[1].Defective = false
	h.skip[2] = true
	h.stepTo(cfg.FlightTicks + cfg.CatchWindowTicks + 5)
	assert.Equal(t, int64(5), h.w.Stats().DownTicks, "from the drop's tick on")
}

// TestChangeRequestTimesOutOnItsDeadline: unanswered, a change request is withdrawn
// CRTimeoutTicks after it was made, not a tick earlier.
func TestChangeRequestTimesOutOnItsDeadline(t *testing.T) {
	cfg := DefaultConfig()
	h := newHarness(t, cfg)
	h.auto = true
	h.stepTo(cfg.BuildTicks)
	h.step(h.act(ActRelease, 0))
	since := h.w.Tick() - 1
	h.stepTo(since + cfg.CRTimeoutTicks)
	assert.True(t, h.w.crActive, "still waiting on its last tick")
	h.step()
	assert.False(t, h.w.crActive)
	assert.Contains(t, h.events(), EvCRTimedOut)
	assert.Equal(t, int32(1), h.w.Stats().CRsTimedOut)
}

// TestReworkTakesReworkTicks: a rolled-back feature is back in the tray after exactly
// ReworkTicks of dev's time.
func TestReworkTakesReworkTicks(t *testing.T) {
	cfg := testConfig()
	h := newHarness(t, cfg)
	h.auto = true
	releaseAndLand(h)
	v3 := h.ball(3)
	h.stepTo(v3.Arrival)
	h.step(h.act(ActRetireLeft+Action(v3.Hand), 0))
	require.Equal(t, 1, h.w.reworkN)
	// The retire's own tick was the first of rework.
	h.stepTo(h.w.Tick() + cfg.ReworkTicks - 2)
	assert.Equal(t, 1, h.w.reworkN, "a tick short")
	h.step()
	assert.Zero(t, h.w.reworkN)
	assert.Equal(t, int32(1), h.w.Stats().FeaturesBuilt, "rework builds nothing new meanwhile")
}

// TestAutoReleaseGoesToTheQuieterHand: a release flies to the hand with fewer balls on
// their way, the left one on a tie, or to the hand dev names.
func TestAutoReleaseGoesToTheQuieterHand(t *testing.T) {
	w := New(testConfig(), 1)
	assert.Equal(t, Left, w.releaseHand(ArgHandAuto), "one ball to each hand: left")
	w.balls[0].Hand = Right
	assert.Equal(t, Left, w.releaseHand(ArgHandAuto), "both to the right")
	w.balls[0].Hand, w.balls[1].Hand = Left, Left
	assert.Equal(t, Right, w.releaseHand(ArgHandAuto), "both to the left")
	assert.Equal(t, Left, w.releaseHand(ArgHandLeft))
	assert.Equal(t, Right, w.releaseHand(ArgHandRight))
	w.balls[0].State = BallFloor
	w.balls[1].State = BallFloor
	w.balls[0].Hand, w.balls[1].Hand = Right, Right
	assert.Equal(t, Left, w.releaseHand(ArgHandAuto), "balls on the floor fly nowhere")
}

// TestIncidentRecordsWhatWentOn: an incident keeps its worst tick, its impact, the most
// balls in production, and the releases and change requests made while it was open.
func TestIncidentRecordsWhatWentOn(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Monitoring = MonitorBottomUp
	h := newHarness(t, cfg)
	h.auto = true
	h.stepTo(cfg.BuildTicks - 10)
	breakLive(h) // 70 % from here
	h.stepTo(cfg.BuildTicks)
	h.step(h.act(ActRelease, ArgHandRight))
	h.step(h.act(ActApprove, 0))
	h.stepTo(h.w.Tick() + 3)
	require.Len(t, h.w.Incidents(), 1)
	in := h.w.Incidents()[0]
	assert.Equal(t, CauseDefect, in.Cause)
	assert.Equal(t, int32(700), in.MinAvailabilityPermille)
	assert.Equal(t, int64(300*(h.w.Tick()-in.Start)), in.ImpactPermilleTicks)
	assert.Equal(t, int32(1), in.CRs)
	assert.Equal(t, int32(1), in.CRsApproved)
	assert.Equal(t, int32(1), in.Releases)
	assert.Equal(t, int32(3), in.MaxBalls)
	assert.Equal(t, Version(2), in.Version)
	assert.True(t, in.HasCause(CauseDefect))
}

// TestMonthEndPaysAndUnlocks: on a month's last tick its statement is closed and paid, and
// a spent error budget is renewed.
func TestMonthEndPaysAndUnlocks(t *testing.T) {
	cfg := testConfig()
	cfg.MonthTicks = 300
	cfg.ErrorBudget = true
	cfg.SLOPermille = 999
	h := newHarness(t, cfg)
	h.auto = true
	dropLive(h, 10)
	require.True(t, h.w.locked)
	h.stepTo(cfg.MonthTicks - 1)
	assert.Empty(t, h.w.Statements())
	h.step()
	require.Len(t, h.w.Statements(), 1)
	m := h.w.Statements()[0]
	assert.Equal(t, 0, m.Month)
	assert.Equal(t, cfg.MonthTicks, m.Ticks)
	assert.Equal(t, cfg.FlightTicks+cfg.CatchWindowTicks, Tick(m.AvailSum/1000), "up until the live ball dropped")
	assert.Equal(t, m.ErrorUsed, 1000*int64(m.Ticks)-m.AvailSum)
	assert.Positive(t, m.LockedTicks)
	assert.Zero(t, m.OpsPay, "an uptime far below every tier")
	assert.False(t, h.w.locked, "a new month, a new budget")
	assert.Equal(t, 1, h.w.Current().Month)
	assert.Equal(t, cfg.ErrorBudgetPermilleTicks(), h.w.Current().ErrorBudget)
	assert.Contains(t, h.events(), EvMonthEnd)
}
