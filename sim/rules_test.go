package sim

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// At tick 0, v1 (standby) flies to the left hand, arriving at F/2 = 30, and v2 (live)
// to the right hand, arriving at F = 60. The catch window is 7 ticks.

func TestCatchWindow(t *testing.T) {
	cfg := testConfig()
	w := cfg.CatchWindowTicks
	arrival := cfg.FlightTicks / 2
	for _, tc := range []struct {
		name   string
		offset Tick
		caught bool
	}{
		{"a window early: caught", -w, true},
		{"one tick before the window: missed", -w - 1, false},
		{"on time: caught", 0, true},
		{"a window late: caught", w, true},
		{"one tick after the window: dropped", w + 1, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, cfg)
			press := arrival + tc.offset
			h.stepTo(press)
			h.step(h.act(ActCatchLeft, 0))
			b := h.ball(1)
			if tc.caught {
				assert.Equal(t, BallAir, b.State)
				assert.Equal(t, Right, b.Hand, "a caught ball is thrown to the other hand")
				assert.Equal(t, press+cfg.FlightTicks, b.Arrival, "it leaves at the press, so an early or late catch shifts its phase")
				assert.Equal(t, int32(1), h.w.Stats().Catches)
			} else {
				h.stepTo(max(h.w.Tick(), arrival+w+1))
				assert.Equal(t, BallFloor, h.ball(1).State)
				assert.Equal(t, int32(1), h.w.Stats().Drops)
				assert.Equal(t, int32(0), h.w.Stats().Catches)
			}
		})
	}
}

func TestUncaughtBallDropsAtTheEndOfItsWindow(t *testing.T) {
	cfg := testConfig()
	h := newHarness(t, cfg)
	end := cfg.FlightTicks/2 + cfg.CatchWindowTicks
	h.stepTo(end)
	assert.Equal(t, BallAir, h.ball(1).State, "still catchable on the last tick of its window")
	h.step()
	assert.Equal(t, BallFloor, h.ball(1).State)
	assert.Contains(t, h.events(), EvDrop)
	assert.Equal(t, int32(1000), h.w.Availability(), "a standby on the floor hurts nobody")
}

func TestTwoBallsDueAtOneHand(t *testing.T) {
	cfg := testConfig()
	for _, tc := range []struct {
		name        string
		presses     []Tick // left-hand presses, as offsets from the shared arrival
		caught      []Version
		dropped     []Version
		refusedAtT0 bool
	}{
		{"one press catches one ball, the older", []Tick{0}, []Version{1}, []Version{2}, false},
		{"two presses in one tick count once", []Tick{0, 0}, []Version{1}, []Version{2}, true},
		{"a second press on the next tick catches the other", []Tick{0, 1}, []Version{1, 2}, nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, cfg)
			// Send v2 to the left hand too, due on the same tick as v1.
			h.w.balls[1].Hand, h.w.balls[1].Arrival = Left, h.w.balls[0].Arrival
			arrival := h.w.balls[0].Arrival
			h.stepTo(arrival)
			for h.w.Tick() <= arrival+cfg.CatchWindowTicks {
				var acts []Input
				for _, p := range tc.presses {
					if arrival+p == h.w.Tick() {
						acts = append(acts, h.act(ActCatchLeft, 0))
					}
				}
				h.step(acts...)
				if h.w.Tick()-1 == arrival && tc.refusedAtT0 {
					assert.Contains(t, h.events(), EvRefused)
				}
			}
			for _, v := range tc.caught {
				assert.Equal(t, BallAir, h.ball(v).State, "v%d", v)
				assert.Equal(t, Right, h.ball(v).Hand, "v%d", v)
			}
			for _, v := range tc.dropped {
				assert.Equal(t, BallFloor, h.ball(v).State, "v%d", v)
			}
			assert.Equal(t, int32(len(tc.caught)), h.w.Stats().Catches)
		})
	}
}

// releaseAndLand builds a feature, releases it in place and catches it when it lands;
// it returns the tick it was caught.
func releaseAndLand(h *harness) Tick {
	h.t.Helper()
	cfg := h.w.Config()
	h.stepTo(cfg.BuildTicks) // the first feature is finished on the last build tick
	require.Equal(h.t, 1, h.w.trayN)
	h.step(h.act(ActRelease, ArgHandRight))
	b := h.ball(3)
	require.Equal(h.t, BallIncoming, b.State)
	h.stepTo(b.Arrival)
	h.step(h.act(ActCatchRight, 0))
	return b.Arrival
}

func TestInPlaceReleaseHasItsDowntime(t *testing.T) {
	cfg := testConfig()
	h := newHarness(t, cfg)
	h.auto = true
	caught := releaseAndLand(h)
	assert.Equal(t, Version(3), h.w.Live(), "the caught release is live")
	assert.True(t, h.ball(2).Installed && h.w.Live() != 2, "the old live version is a standby")
	assert.Equal(t, int32(0), h.w.Availability(), "the upgrade restarts the service")
	down := Tick(0)
	for h.w.Availability() == 0 {
		down++
		h.step()
	}
	assert.Equal(t, cfg.UpgradeDowntimeTicks, down)
	require.Len(t, h.w.Incidents(), 1)
	in := h.w.Incidents()[0]
	assert.Equal(t, CauseUpgrade, in.Cause)
	assert.Equal(t, caught, in.Start)
	assert.Equal(t, cfg.UpgradeDowntimeTicks, in.Duration())
	assert.Equal(t, int32(1), h.w.Stats().Deploys)
}

func TestFailedInPlaceUpgradeIsAnOutageUntilRecovered(t *testing.T) {
	cfg := testConfig()
	cfg.Monitoring = MonitorBottomUp // ops sees a drop at once
	h := newHarness(t, cfg)
	h.auto = true
	h.skip[3] = true
	h.stepTo(cfg.BuildTicks)
	h.step(h.act(ActRelease, ArgHandLeft))
	b := h.ball(3)
	h.stepTo(b.Arrival + cfg.CatchWindowTicks + 1)
	assert.Equal(t, BallFloor, h.ball(3).State)
	assert.Equal(t, Version(3), h.w.Live(), "a release that drops is live, on the floor")
	assert.Equal(t, int32(0), h.w.Availability())
	assert.Equal(t, int32(1), h.w.Stats().FailedUpgrades)
	assert.Equal(t, int32(1), h.w.Stats().ChangeFailures)

	// Recover it: the left hand is busy for RecoverTicks, then the ball is back up.
	start := h.w.Tick()
	h.step(h.act(ActRecover, 0))
	assert.Equal(t, BallRecovering, h.ball(3).State)
	h.stepTo(start + cfg.RecoverTicks)
	assert.Equal(t, int32(0), h.w.Availability(), "down while it is picked up")
	h.step()
	assert.Equal(t, BallAir, h.ball(3).State)
	assert.Equal(t, Right, h.ball(3).Hand)
	assert.Equal(t, int32(1000), h.w.Availability())
}

func TestABusyHandCatchesNothing(t *testing.T) {
	cfg := testConfig()
	cfg.Monitoring = MonitorBottomUp // ops sees a drop at once
	cfg.RecoverTicks = 3 * cfg.FlightTicks
	h := newHarness(t, cfg)
	h.auto = true
	h.skip[2] = true
	// v2 drops at the right hand; pick it up there while v1 comes round to that hand.
	h.stepTo(cfg.FlightTicks + cfg.CatchWindowTicks + 1)
	require.Equal(t, BallFloor, h.ball(2).State)
	h.step(h.act(ActRecover, 2))
	v1 := h.ball(1)
	require.Equal(t, Right, v1.Hand)
	h.stepTo(v1.Arrival)
	h.step(h.act(ActCatchRight, 0))
	assert.Contains(t, h.events(), EvBusy)
	assert.Equal(t, int32(1), h.w.Stats().BusyPresses)
	assert.Zero(t, h.w.Stats().Whiffs, "a busy press is no whiff")
	h.stepTo(v1.Arrival + cfg.CatchWindowTicks + 1)
	assert.Equal(t, BallFloor, h.ball(1).State, "drops cascade while a hand is busy")
}

func TestRollbackOfADefectiveLiveVersion(t *testing.T) {
	for _, style := range []ReleaseStyle{InPlace, BlueGreen} {
		t.Run(string(style), func(t *testing.T) {
			cfg := testConfig()
			cfg.Release = style
			h := newHarness(t, cfg)
			h.auto = true
			if style == InPlace {
				releaseAndLand(h)
			} else {
				h.stepTo(cfg.BuildTicks)
				h.step(h.act(ActRelease, 0))
				require.Equal(t, BallStand, h.ball(3).State)
				v1 := h.ball(1)
				h.stepTo(v1.Arrival)
				h.step(h.act(ActSwap, int32(v1.Hand)))
			}
			require.Equal(t, Version(3), h.w.Live())
			h.stepTo(h.w.Tick() + cfg.UpgradeDowntimeTicks + 1)
			h.w.balls[h.w.find(3)].Defective = true
			h.step()
			assert.Equal(t, 1000-cfg.DefectErrorPermille, h.w.Availability())
			open := h.w.Incidents()[len(h.w.Incidents())-1]
			assert.Equal(t, CauseDefect, open.Cause)

			// Retire the live version at its next catch: the standby is live again.
			v3 := h.ball(3)
			h.stepTo(v3.Arrival)
			h.step(h.act(ActRetireLeft+Action(v3.Hand), 0))
			assert.False(t, h.has(3))
			assert.Equal(t, Version(2), h.w.Live())
			assert.Contains(t, h.events(), EvRollback)
			assert.Equal(t, int32(1), h.w.Stats().Rollbacks)
			assert.Equal(t, 1, h.w.reworkN, "the feature returns to dev as rework")
			if style == BlueGreen {
				assert.Equal(t, int32(1000), h.w.Availability(), "a blue/green rollback is instant")
			} else {
				assert.Equal(t, int32(0), h.w.Availability(), "an in-place rollback restarts the service")
			}
			h.stepTo(h.w.Tick() + cfg.BakeTicks + cfg.ReworkTicks)
			assert.Equal(t, int32(0), h.w.Stats().Shipped, "a rolled-back feature is not shipped")
			assert.Equal(t, int32(1), h.w.Stats().ChangeFailures)
		})
	}
}

func TestBlueGreenSwapHasNoDowntime(t *testing.T) {
	cfg := testConfig()
	cfg.Release = BlueGreen
	h := newHarness(t, cfg)
	h.auto = true
	h.stepTo(cfg.BuildTicks)
	h.step(h.act(ActRelease, 0))
	assert.Equal(t, BallStand, h.ball(3).State, "a blue/green release is deployed, not released")
	assert.Equal(t, Version(2), h.w.Live())
	h.step(h.act(ActRelease, 0))
	assert.Contains(t, h.events(), EvRefused, "one stand")

	v1 := h.ball(1) // the oldest standby
	h.stepTo(v1.Arrival)
	h.step(h.act(ActSwap, int32(v1.Hand)))
	assert.False(t, h.has(1), "the standby caught in the swap is retired")
	assert.Equal(t, Version(3), h.w.Live())
	b := h.ball(3)
	assert.Equal(t, BallAir, b.State)
	assert.Equal(t, v1.Hand.Other(), b.Hand, "the new version takes the standby's place in the rhythm")
	for range 3 * cfg.FlightTicks {
		h.step()
		require.Equal(t, int32(1000), h.w.Availability())
	}
	assert.Empty(t, h.w.Incidents())
	assert.Equal(t, int32(1), h.w.Stats().Swaps)
}

func TestDiscardingTheLiveBallOnTheFloorRollsBack(t *testing.T) {
	cfg := testConfig()
	cfg.Monitoring = MonitorBottomUp // ops sees a drop at once
	h := newHarness(t, cfg)
	h.auto = true
	h.skip[2] = true
	h.stepTo(cfg.FlightTicks + cfg.CatchWindowTicks + 1)
	require.Equal(t, BallFloor, h.ball(2).State)
	require.Equal(t, int32(0), h.w.Availability())
	h.step(h.act(ActDiscard, 2))
	assert.False(t, h.has(2))
	assert.Equal(t, Version(1), h.w.Live())
	assert.Equal(t, int32(1), h.w.Stats().Rollbacks)
	h.stepTo(h.w.Tick() + cfg.UpgradeDowntimeTicks)
	assert.Equal(t, int32(1000), h.w.Availability())
}

func TestChangeRequestGate(t *testing.T) {
	for _, tc := range []struct {
		name     string
		answer   Action // ActNone: nobody answers
		released bool
	}{
		{"approved", ActApprove, true},
		{"rejected", ActReject, false},
		{"timed out", ActNone, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := DefaultConfig()
			require.True(t, cfg.Gate)
			h := newHarness(t, cfg)
			h.auto = true
			h.stepTo(cfg.BuildTicks)
			h.step(h.act(ActRelease, 0))
			assert.Contains(t, h.events(), EvCRSubmitted)
			assert.False(t, h.has(3), "nothing goes out before ops answers")
			if tc.answer != ActNone {
				h.step(h.act(tc.answer, 0))
			} else {
				h.stepTo(h.w.Tick() + cfg.CRTimeoutTicks)
				assert.Equal(t, int32(1), h.w.Stats().CRsTimedOut)
			}
			assert.False(t, h.w.crActive)
			assert.Equal(t, tc.released, h.has(3))
			if !tc.released {
				assert.Equal(t, FeatureID(1), h.w.tray[0].ID, "the feature returns to the tray")
			}
		})
	}
}

// TestTestingHalvesTheDefectChance: each TestHalvingTicks of testing halves the front
// feature's chance, and a feature whose hidden roll is then at or above it ships without
// its defect; untested, the same roll ships defective.
func TestTestingHalvesTheDefectChance(t *testing.T) {
	cfg := testConfig()
	const roll = 100 // defective at 25 %, clean at 12.5 % and 6.25 %
	for _, tested := range []bool{false, true} {
		h := newHarness(t, cfg)
		h.auto = true
		h.stepTo(cfg.BuildTicks)
		require.Equal(t, cfg.DefectChancePermille, h.w.tray[0].ChancePermille)
		h.w.tray[0].Roll = roll
		if tested {
			h.step(h.act(ActTestStart, 0)) // the first tick of testing
			h.stepTo(h.w.Tick() + cfg.TestHalvingTicks - 2)
			assert.Equal(t, cfg.DefectChancePermille, h.w.tray[0].ChancePermille, "a tick short of a halving")
			h.step()
			assert.Equal(t, cfg.DefectChancePermille/2, h.w.tray[0].ChancePermille)
			h.stepTo(h.w.Tick() + cfg.TestHalvingTicks)
			assert.Equal(t, cfg.DefectChancePermille/4, h.w.tray[0].ChancePermille)
			assert.Equal(t, int32(2), h.w.Stats().TestHalvings)
			assert.Equal(t, Tick(0), h.w.buildProgress, "testing costs development time")
			h.step(h.act(ActTestStop, 0))
			assert.Equal(t, Tick(1), h.w.buildProgress, "stopping testing goes back to building")
		}
		h.step(h.act(ActRelease, ArgHandRight))
		b := h.ball(3)
		assert.Equal(t, !tested, b.Defective, "tested %v: roll %d", tested, roll)
		h.stepTo(b.Arrival + 1)
		require.Equal(t, Version(3), h.w.Live())
		h.stepTo(h.w.Tick() + cfg.UpgradeDowntimeTicks)
		if tested {
			assert.Equal(t, int32(1000), h.w.Availability(), "shipped without its defect")
		} else {
			assert.Equal(t, 1000-cfg.DefectErrorPermille, h.w.Availability())
		}
	}
}

func TestAFullTrayStallsDevelopment(t *testing.T) {
	cfg := testConfig()
	h := newHarness(t, cfg)
	h.auto = true
	h.stepTo(cfg.BuildTicks * Tick(cfg.TrayCap+2))
	assert.Equal(t, cfg.TrayCap, h.w.trayN)
	assert.Equal(t, Tick(0), h.w.buildProgress)
	assert.Equal(t, int32(cfg.TrayCap), h.w.Stats().FeaturesBuilt)
}

func TestShippedAfterBakeAndPaidAtMonthEnd(t *testing.T) {
	cfg := testConfig()
	cfg.DefectChancePermille = 0
	h := newHarness(t, cfg)
	h.auto = true
	caught := releaseAndLand(h)
	// Retire the old standby so that two balls remain.
	v1 := h.ball(1)
	h.stepTo(v1.Arrival)
	h.step(h.act(ActRetireLeft+Action(v1.Hand), 0))
	h.stepTo(caught + cfg.BakeTicks - 1)
	assert.Equal(t, int32(0), h.w.Stats().Shipped)
	h.step()
	assert.Equal(t, int32(1), h.w.Stats().Shipped)
	assert.Contains(t, h.events(), EvShipped)
	h.stepTo(cfg.MonthTicks)
	require.Len(t, h.w.Statements(), 1)
	m := h.w.Statements()[0]
	assert.Equal(t, int32(1), m.Shipped)
	assert.Equal(t, int64(cfg.DevPay.PerFeature), m.DevPay)
	// One upgrade's downtime over the month: 6/1800 is above 99 %.
	assert.Equal(t, 1000*int64(cfg.MonthTicks)-1000*int64(cfg.UpgradeDowntimeTicks), m.AvailSum)
	assert.Equal(t, int64(1000), m.OpsPay)
	dev, ops := h.w.Pay()
	assert.Equal(t, m.DevPay, dev)
	assert.Equal(t, m.OpsPay, ops)
}

func TestErrorBudgetLocksReleasesUntilNextMonth(t *testing.T) {
	cfg := testConfig()
	cfg.Monitoring = MonitorBottomUp // ops sees a drop at once
	cfg.ErrorBudget = true
	cfg.SLOPermille = 990 // 1 % of 1800 ticks: 18 ticks of full outage
	h := newHarness(t, cfg)
	h.auto = true
	h.skip[2] = true // the live ball drops: a full outage
	dropped := cfg.FlightTicks + cfg.CatchWindowTicks
	h.stepTo(dropped + 18)
	assert.False(t, h.w.locked, "exactly the budget is not over it")
	h.step()
	assert.True(t, h.w.locked)
	assert.Contains(t, h.events(), EvLocked)
	h.step(h.act(ActRecover, 2))
	h.stepTo(cfg.BuildTicks + 1)
	require.Equal(t, 1, h.w.trayN)
	h.step(h.act(ActRelease, 0))
	assert.Contains(t, h.events(), EvRefused, "releases are locked")
	assert.False(t, h.has(3))
	h.stepTo(cfg.MonthTicks)
	assert.False(t, h.w.locked, "a new month brings a new budget")
	h.step(h.act(ActRelease, 0))
	assert.True(t, h.has(3))
	assert.Equal(t, cfg.MonthTicks-(dropped+18), h.w.Statements()[0].LockedTicks)
}

func TestPayTiers(t *testing.T) {
	p := PayScheme{PerFeature: 10, Tiers: []Tier{{990, 1000}, {950, 500}}}
	for _, tc := range []struct {
		uptime  int64 // per-mille, over 1000 ticks
		shipped int32
		want    int64
	}{
		{1000, 0, 1000},
		{990, 2, 1020},
		{989, 0, 500},
		{950, 1, 510},
		{949, 3, 30},
	} {
		assert.Equal(t, tc.want, p.Pay(tc.shipped, tc.uptime*1000, 1000), "uptime %d shipped %d", tc.uptime, tc.shipped)
	}
}
