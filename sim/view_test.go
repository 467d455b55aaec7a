package sim

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestViewOfDevelopment: what dev sees of the pipeline: the month, the tray (full or
// not), the change request and its deadline, whether a release would go.
func TestViewOfDevelopment(t *testing.T) {
	cfg := DefaultConfig() // the gate on
	cfg.MonthTicks = 600
	h := newHarness(t, cfg)
	h.auto = true
	var v View
	h.stepTo(cfg.BuildTicks*Tick(cfg.TrayCap) - 1)
	h.w.Observe(Dev, &v)
	assert.Equal(t, cfg.TrayCap-1, v.TrayN)
	assert.False(t, v.Stalled, "a place left in the tray")
	h.step()
	h.w.Observe(Dev, &v)
	assert.True(t, v.Stalled, "the tray is full")
	assert.True(t, v.CanRelease)
	assert.Zero(t, v.CRSince)
	assert.Zero(t, v.CRDeadline)

	h.stepTo(650)
	h.w.Observe(Dev, &v)
	assert.Equal(t, Dev, v.Role)
	assert.Equal(t, 1, v.Month)
	assert.Equal(t, Tick(50), v.MonthTick)
	assert.Equal(t, cfg.BuildTicks, v.BuildTicks)
	assert.Equal(t, cfg.ReworkTicks, v.ReworkTicks)
	assert.True(t, v.Gate)
	assert.Equal(t, InPlace, v.Release)

	h.step(h.act(ActRelease, 0))
	h.w.Observe(Ops, &v)
	assert.True(t, v.CRActive)
	assert.Equal(t, Tick(650), v.CRSince)
	assert.Equal(t, 650+cfg.CRTimeoutTicks, v.CRDeadline)
	assert.False(t, v.CanRelease, "one change request at a time")
	assert.True(t, v.Tray[0].InReview)
	assert.False(t, v.Tray[1].InReview)
	assert.Equal(t, FeatureID(1), v.Tray[0].ID)
	assert.Equal(t, cfg.DefectChancePermille, v.Tray[0].ChancePermille)
}

// TestViewOfTheErrorBudget: the share of the month's budget left, from 1000 down to 0,
// and 1000 without a budget.
func TestViewOfTheErrorBudget(t *testing.T) {
	cfg := testConfig()
	cfg.ErrorBudget = true
	cfg.SLOPermille = 990 // 18000 permille-ticks: 18 ticks of full outage
	h := newHarness(t, cfg)
	h.auto = true
	var v View
	h.w.Observe(Dev, &v)
	assert.Equal(t, int32(1000), v.BudgetLeftPermille)
	dropLive(h, 0) // the first tick of outage is the drop's
	h.w.Observe(Dev, &v)
	assert.Equal(t, int32(1000-1000*1/18), v.BudgetLeftPermille)
	h.stepTo(h.w.Tick() + 8)
	h.w.Observe(Dev, &v)
	assert.Equal(t, int32(1000-1000*9/18), v.BudgetLeftPermille)
	h.stepTo(h.w.Tick() + 20)
	h.w.Observe(Dev, &v)
	assert.Zero(t, v.BudgetLeftPermille, "spent, and more")
	assert.True(t, v.Locked)

	cfg.ErrorBudget = false
	h = newHarness(t, cfg)
	h.auto = true
	dropLive(h, 30)
	h.w.Observe(Dev, &v)
	assert.Equal(t, int32(1000), v.BudgetLeftPermille, "no budget: nothing to spend")
}

// TestViewOfProduction: the balls, who is live, busy hands, and only what monitoring
// shows: the KPI with top-down, the infrastructure alerts with bottom-up, the uptime only
// with the KPI, the incident once detected and its cause only from bottom-up.
func TestViewOfProduction(t *testing.T) {
	for _, mode := range []Monitoring{MonitorNone, MonitorBottomUp, MonitorTopDown, MonitorBoth} {
		t.Run(string(mode), func(t *testing.T) {
			cfg := testConfig()
			cfg.Monitoring = mode
			h := newHarness(t, cfg)
			h.auto = true
			var v View
			h.w.Observe(Ops, &v)
			require.Equal(t, 2, v.BallsN)
			assert.Equal(t, Version(2), v.Live)
			assert.True(t, v.Balls[0].Standby && !v.Balls[0].Live)
			assert.True(t, v.Balls[1].Live && !v.Balls[1].Standby)
			assert.Equal(t, cfg.TargetBalls, v.TargetBalls)
			assert.Equal(t, cfg.MaxBalls, v.MaxBalls)
			gen := v.BallsGen

			dropLive(h, 3)
			h.w.Observe(Ops, &v)
			assert.NotEqual(t, gen, v.BallsGen, "the balls changed")
			assert.Equal(t, BallFloor, v.Balls[1].State)
			if mode.TopDown() {
				assert.Less(t, v.KPIPermille, cfg.KPIThresholdPermille)
				assert.True(t, v.KPIAlert)
				assert.True(t, v.UptimeKnown)
				assert.Equal(t, h.w.Stats().AvailSum, v.AvailSum)
				assert.Equal(t, h.w.Current().AvailSum, v.MonthAvailSum)
			} else {
				assert.Equal(t, int32(-1), v.KPIPermille)
				assert.False(t, v.KPIAlert)
				assert.False(t, v.UptimeKnown)
				assert.Zero(t, v.AvailSum)
			}
			assert.Equal(t, mode.BottomUp(), v.Infra[InfraFloor])
			detected := mode != MonitorNone
			assert.Equal(t, detected, v.Incident.ID != 0)
			assert.Equal(t, detected, v.Balls[1].Known)
			if detected {
				assert.Equal(t, 1, v.Unacked)
				want := CauseUnknown
				if mode.BottomUp() {
					want = CauseLiveDrop
				}
				assert.Equal(t, want, v.Incident.Cause)
				assert.False(t, v.Incident.Acked)
				h.step(h.act(ActRecover, 2))
				h.w.Observe(Ops, &v)
				assert.True(t, v.Busy[Right])
				assert.False(t, v.Busy[Left])
				h.step(h.act(ActAcknowledge, 0))
				h.w.Observe(Ops, &v)
				assert.True(t, v.Incident.Acked)
				assert.Zero(t, v.Unacked)
			}
		})
	}
}

// TestViewCopiesBallsOnlyWhenTheyChange: Observe reuses the balls it copied while the
// world's balls stay the same, and copies them again after any change, or for another
// world.
func TestViewCopiesBallsOnlyWhenTheyChange(t *testing.T) {
	a, b := New(testConfig(), 1), New(testConfig(), 2)
	for a.Tick() < 40 {
		a.Step(nil) // v1 drops at 38
	}
	var v View
	a.Observe(Ops, &v)
	require.Equal(t, BallFloor, v.Balls[0].State)
	gen := v.BallsGen
	a.Step(nil)
	a.Observe(Ops, &v)
	assert.Equal(t, gen, v.BallsGen, "nothing moved")
	v.Balls[0].Version = 99 // a stale copy shows while the balls do not change
	a.Observe(Ops, &v)
	assert.Equal(t, Version(99), v.Balls[0].Version)
	b.Observe(Ops, &v)
	assert.Equal(t, Version(1), v.Balls[0].Version, "another world: copied again")
	assert.Equal(t, BallAir, v.Balls[0].State)
	v.Balls[0].Version = 99
	b.Observe(Ops, &v)
	assert.Equal(t, Version(99), v.Balls[0].Version, "no step since: only the clocks are brought up to date")
	b.Step(nil)
	b.Observe(Ops, &v)
	assert.Equal(t, Version(99), v.Balls[0].Version, "no ball moved in that step: the copy is reused (every Reset counts as a change, so a new round's world is never mistaken for its last)")
	for a.Tick() < 80 {
		a.Step(nil) // v2 drops at 68
	}
	a.Observe(Ops, &v)
	assert.Equal(t, BallFloor, v.Balls[1].State)
}
