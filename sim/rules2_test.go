package sim

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReworkHoldsEveryFeatureThatExists (issue 13, defect 1): rework used to hold 16
// features, but a full tray of 12 and a feature in every ball can all be rolled back
// while rework stalls. Here every release drops, the floor fills, and then every live
// ball on the floor is thrown away: 26 features end up waiting for rework, 28 (its whole
// size) when versions 1 and 2 were thrown away first to make room for two more.
func TestReworkHoldsEveryFeatureThatExists(t *testing.T) {
	for _, clearOld := range []bool{false, true} {
		cfg := testConfig()
		cfg.Monitoring = MonitorBottomUp // ops sees every drop at once
		cfg.TrayCap = TrayLimit
		cfg.BuildTicks = 1
		cfg.ReworkTicks = DurationLimit // rework never ends: it only piles up
		cfg.MaxBalls = MaxBallsLimit / 2
		h := newHarness(t, cfg)
		most := 0
		for h.w.Tick() < 2000 {
			var in []Input
			if h.w.trayN > 0 && h.w.canRelease() {
				in = append(in, h.act(ActRelease, ArgHandAuto))
			}
			switch {
			case clearOld && h.has(1) && h.ball(1).State == BallFloor:
				in = append(in, h.act(ActDiscard, 1))
			case clearOld && h.has(2) && h.ball(2).State == BallFloor:
				in = append(in, h.act(ActDiscard, 2))
			case h.w.ballsN == MaxBallsLimit && h.w.trayN == cfg.TrayCap || h.w.reworkN > 0:
				in = append(in, h.act(ActDiscard, 0)) // the live ball, down: a rollback
			}
			h.step(in...)
			most = max(most, h.w.reworkN)
		}
		assert.Zero(t, h.w.trayN)
		if clearOld {
			assert.Equal(t, len(h.w.rework), most, "rework full: a full tray and a feature in every ball")
			continue
		}
		assert.Equal(t, cfg.TrayCap+MaxBallsLimit-2, most, "every feature of the round (versions 1 and 2 carry none)")
		assert.Equal(t, int32(most), h.w.Stats().Rollbacks-2, "and versions 1 and 2 were rolled back too")
	}
}

// TestRollingBackAVersionFromBeforeTheRoundIsNoChangeFailure (defect 3): versions 1 and 2
// were in production before the round. Rolling one back is a rollback, but no deploy of
// the round failed: the change failure rate is a share of the round's deploys and can
// never pass 100 %.
func TestRollingBackAVersionFromBeforeTheRoundIsNoChangeFailure(t *testing.T) {
	cfg := testConfig()
	h := newHarness(t, cfg)
	h.auto = true
	v2 := h.ball(2)
	h.stepTo(v2.Arrival)
	h.step(h.act(ActRetireLeft+Action(v2.Hand), 0))
	require.Equal(t, Version(1), h.w.Live())
	assert.Equal(t, int32(1), h.w.Stats().Rollbacks)
	assert.Zero(t, h.w.Stats().ChangeFailures)
	assert.Zero(t, h.w.Result().ChangeFailureRate)

	// A released version rolled back still counts, once.
	releaseAndLand(h)
	v3 := h.ball(3)
	h.stepTo(v3.Arrival)
	h.step(h.act(ActRetireLeft+Action(v3.Hand), 0))
	assert.Equal(t, int32(2), h.w.Stats().Rollbacks)
	assert.Equal(t, int32(1), h.w.Stats().ChangeFailures)
	assert.Equal(t, int32(1), h.w.Stats().Deploys)
	assert.Equal(t, 1.0, h.w.Result().ChangeFailureRate)
}

// TestReleasesStopAtMaxBalls: a release is accepted while production holds fewer than
// MaxBalls balls, and refused once it holds MaxBalls.
func TestReleasesStopAtMaxBalls(t *testing.T) {
	cfg := testConfig()
	cfg.MaxBalls = 3
	cfg.BuildTicks = 20
	h := newHarness(t, cfg)
	h.auto = true
	h.stepTo(2 * cfg.BuildTicks)
	require.Equal(t, 2, h.w.trayN)
	h.step(h.act(ActRelease, ArgHandLeft)) // 2 balls: room for one more
	require.True(t, h.has(3))
	require.Equal(t, 3, h.w.production())
	h.step(h.act(ActRelease, ArgHandLeft))
	assert.Contains(t, h.events(), EvRefused, "3 balls: full")
	assert.False(t, h.has(4))
	var v View
	h.w.Observe(Dev, &v)
	assert.False(t, v.CanRelease)
}

// TestErrorBudgetLockCancelsAChangeRequest: once the budget is spent, the change request
// waiting for ops is withdrawn (neither approved, rejected nor timed out) and its feature
// stays in the tray.
func TestErrorBudgetLockCancelsAChangeRequest(t *testing.T) {
	cfg := DefaultConfig() // the gate on
	cfg.ErrorBudget = true
	cfg.SLOPermille = 990
	h := newHarness(t, cfg)
	h.auto = true
	h.stepTo(cfg.BuildTicks)
	h.step(h.act(ActRelease, 0))
	require.True(t, h.w.crActive)
	h.skip[2] = true // the live ball drops: the budget burns
	for !h.w.locked {
		require.True(t, h.w.crActive, "tick %d", h.w.Tick())
		h.step()
	}
	assert.False(t, h.w.crActive, "locked: no change request pending")
	assert.Contains(t, h.events(), EvLocked)
	s := h.w.Stats()
	assert.Equal(t, int32(1), s.CRs)
	assert.Zero(t, s.CRsApproved+s.CRsRejected+s.CRsTimedOut)
	assert.Equal(t, FeatureID(1), h.w.tray[0].ID)
	h.step(h.act(ActApprove, 0))
	assert.Contains(t, h.events(), EvRefused, "nothing left to approve")
	assert.False(t, h.has(3))
}

// TestAlertsDuringAnOutageAreNoFalsePositives: a bottom-up alert is a false positive only
// when customers were fully served; one raised while a defect hurts them is not.
func TestAlertsDuringAnOutageAreNoFalsePositives(t *testing.T) {
	cfg := testConfig()
	cfg.Monitoring = MonitorBottomUp
	h := newHarness(t, cfg)
	h.auto = true
	h.skip[1] = true // the standby drops at the end of its window, tick 37
	h.stepTo(cfg.FlightTicks/2 + cfg.CatchWindowTicks)
	breakLive(h) // and meanwhile the live version serves 70 %
	h.step()
	require.Equal(t, BallFloor, h.ball(1).State)
	require.Equal(t, 1000-cfg.DefectErrorPermille, h.w.Availability())
	assert.Equal(t, int32(1), h.w.Stats().InfraAlerts)
	assert.Zero(t, h.w.Stats().FalsePositives)
}

// TestDefectIsTheRollBelowTheChance: a feature is defective while its hidden roll is below
// its chance; a roll equal to the chance is clean.
func TestDefectIsTheRollBelowTheChance(t *testing.T) {
	for _, tc := range []struct {
		roll, chance int32
		defective    bool
	}{
		{0, 0, false},
		{0, 1, true},
		{249, 250, true},
		{250, 250, false},
		{999, 1000, true},
	} {
		f := Feature{Roll: tc.roll, ChancePermille: tc.chance}
		assert.Equal(t, tc.defective, f.Defective(), "roll %d, chance %d", tc.roll, tc.chance)

		// And the ball released from it carries the defect or not.
		h := newHarness(t, testConfig())
		h.auto = true
		h.stepTo(h.w.cfg.BuildTicks)
		h.w.tray[0].Roll, h.w.tray[0].ChancePermille = tc.roll, tc.chance
		h.step(h.act(ActRelease, 0))
		assert.Equal(t, tc.defective, h.ball(3).Defective, "roll %d, chance %d", tc.roll, tc.chance)
	}
}

// TestSeedsGiveDifferentWorlds: the seed drives the hidden defect draws, the world's only
// randomness. (The state hash mixes the seed in directly, so comparing hashes would prove
// nothing.)
func TestSeedsGiveDifferentWorlds(t *testing.T) {
	cfg := testConfig()
	rolls := func(seed uint64) [TrayLimit]int32 {
		c := cfg
		c.TrayCap = TrayLimit
		w := New(c, seed)
		for w.trayN < c.TrayCap {
			w.Step(nil)
		}
		var r [TrayLimit]int32
		for i := range r {
			r[i] = w.tray[i].Roll
		}
		return r
	}
	seen := map[[TrayLimit]int32]uint64{}
	for seed := uint64(0); seed < 20; seed++ {
		r := rolls(seed)
		other, dup := seen[r]
		assert.False(t, dup, "seeds %d and %d draw the same defects: %v", other, seed, r)
		seen[r] = seed
		assert.Equal(t, r, rolls(seed), "the same seed, the same draws")
	}
}

// TestClawbackOfTheOnlyVersion: a shipped version rolled back is clawed back wherever it
// sits in production, even as the oldest (and only) ball.
func TestClawbackOfTheOnlyVersion(t *testing.T) {
	cfg := testConfig()
	cfg.DefectChancePermille = 0
	h := newHarness(t, cfg)
	h.auto = true
	releaseAndLand(h)
	for _, v := range []Version{1, 2} { // retire the standbys: v3 is left alone
		b := h.ball(v)
		h.stepTo(b.Arrival)
		h.step(h.act(ActRetireLeft+Action(b.Hand), 0))
		require.False(t, h.has(v))
	}
	require.Equal(t, 1, h.w.ballsN)
	h.stepTo(h.w.liveSince + cfg.BakeTicks)
	require.Equal(t, int32(1), h.w.Stats().Shipped)
	v3 := h.ball(3)
	h.stepTo(v3.Arrival)
	h.step(h.act(ActRetireLeft+Action(v3.Hand), 0))
	assert.Equal(t, Version(0), h.w.Live(), "nothing left live")
	assert.Equal(t, int32(0), h.w.Availability(), "no live version: nobody is served")
	assert.Equal(t, CauseNoLive, h.w.cause)
	assert.Zero(t, h.w.Stats().Shipped)
	assert.Equal(t, int32(1), h.w.Stats().Clawbacks)
}
