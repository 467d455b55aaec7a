package sim

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// busyWorld returns a world in the middle of things: a release landed (an upgrade
// incident, detected and acknowledged), a standby on the floor, a feature tested, another
// change request pending.
func busyWorld(t *testing.T) *World {
	cfg := DefaultConfig() // the gate on
	cfg.Monitoring = MonitorBottomUp
	cfg.ErrorBudget = true
	cfg.SLOPermille = 900
	h := newHarness(t, cfg)
	h.auto = true
	h.stepTo(cfg.BuildTicks)
	h.step(h.act(ActRelease, ArgHandRight))
	h.step(h.act(ActApprove, 0))
	h.stepTo(h.ball(3).Arrival + cfg.UpgradeDowntimeTicks + 2)
	require.Len(t, h.w.Incidents(), 1)
	h.step(h.act(ActAcknowledge, 0))
	h.skip[1] = true
	h.stepTo(2*cfg.BuildTicks + 1)
	h.step(h.act(ActTestStart, 0))
	h.stepTo(h.w.Tick() + 10)
	h.step(h.act(ActRelease, 0))
	require.True(t, h.w.crActive)
	require.Equal(t, BallFloor, h.ball(1).State)
	require.NoError(t, h.w.CheckInvariants())
	return h.w
}

// TestInvariantsCatchBrokenStates: each invariant reports the state it forbids. (An
// invariant that cannot fail checks nothing: each breakage here must be caught by the
// check meant for it.)
func TestInvariantsCatchBrokenStates(t *testing.T) {
	for _, tc := range []struct {
		name   string
		break_ func(w *World)
		msg    string
	}{
		{"too many balls", func(w *World) { w.ballsN = MaxBallsLimit + 1 }, "17 balls"},
		{"production over MaxBalls", func(w *World) { w.cfg.MaxBalls = 1 }, "holds 2 balls, more than MaxBalls 1"},
		{"production at MaxBalls", func(w *World) { w.cfg.MaxBalls = 2 }, ""},
		{"versions out of order", func(w *World) { w.balls[1].Version = 1 }, "out of version order"},
		{"flying to no hand", func(w *World) { w.balls[1].Hand = NoHand }, "in flight to no hand"},
		{"flying past its window", func(w *World) { w.balls[1].Arrival = w.tick - w.cfg.CatchWindowTicks - 1 }, "past its window"},
		{"just within its window", func(w *World) { w.balls[1].Arrival = w.tick - w.cfg.CatchWindowTicks }, ""},
		{"installed on its way", func(w *World) { w.balls[2].State = BallIncoming }, "installed before it landed"},
		{"down, never installed", func(w *World) { w.balls[0].Installed = false }, "down but never installed"},
		{"on the stand in place", func(w *World) { w.balls[2].State = BallStand; w.balls[2].Installed = false }, "on the stand wrongly"},
		{"an installed ball on the stand", func(w *World) {
			w.cfg.Release = BlueGreen
			w.balls[2].State = BallStand
		}, "on the stand wrongly"},
		{"two on the stand", func(w *World) {
			w.cfg.Release = BlueGreen
			for _, i := range []int{1, 2} {
				w.balls[i].State, w.balls[i].Installed = BallStand, false
			}
			w.live = 1
		}, "2 balls on the stand"},
		{"no such state", func(w *World) { w.balls[1].State = 9 }, "in state 9"},
		{"the wrong live version", func(w *World) { w.live = 2 }, "live is v2, want v3"},
		{"availability over 1000", func(w *World) { w.avail = 1001 }, "availability 1001"},
		{"availability under 0", func(w *World) { w.avail = -1 }, "availability -1"},
		{"a feature with no id", func(w *World) { w.tray[0].ID = 0 }, "tray[0]"},
		{"a chance over 1000", func(w *World) { w.tray[0].ChancePermille = 1001 }, "tray[0]"},
		{"a negative chance", func(w *World) { w.tray[0].ChancePermille = -1 }, "tray[0]"},
		{"an outage with no incident", func(w *World) { w.avail = 999 }, "open incident -1 with availability 999"},
		{"an incident that is not there", func(w *World) { w.open = 1; w.avail = 0 }, "open incident 1"},
		{"resolved before it started", func(w *World) { w.incidents[0].Resolved = w.incidents[0].Start - 1 }, "out of order"},
		{"detected before it started", func(w *World) { w.incidents[0].Detected = w.incidents[0].Start - 1 }, "out of order"},
		{"acknowledged before it was detected", func(w *World) { w.incidents[0].Acknowledged = w.incidents[0].Detected - 1 }, "out of order"},
		{"incidents out of order", func(w *World) {
			w.incidents = append(w.incidents, w.incidents[0])
			w.incidents[1].Start--
			w.incidents[1].Detected--
		}, "incidents out of order at 1"},
		{"detected in the future", func(w *World) {
			w.incidents[0].Detected, w.incidents[0].Acknowledged = w.tick, -1
			w.unacked++
		}, "at tick"},
		{"acknowledged in the future", func(w *World) { w.incidents[0].Acknowledged = w.tick }, "at tick"},
		{"resolved in the future", func(w *World) { w.incidents[0].Resolved = w.tick }, "at tick"},
		{"detected by nothing", func(w *World) { w.incidents[0].DetectedBy = DetectedByNone }, "at tick"},
		{"an open incident that is not the open one", func(w *World) { w.incidents[0].Resolved = -1 }, "unresolved but not the open one"},
		{"unacknowledged, miscounted", func(w *World) { w.unacked = 1 }, "0 unacknowledged incidents, counted 1"},
		{"a statement too many", func(w *World) { w.statements = append(w.statements, MonthStatement{}) }, "1 statements"},
		{"availability over every tick", func(w *World) { w.stats.AvailSum = 1000*int64(w.tick) + 1 }, "availability sum"},
		{"availability under 0", func(w *World) { w.stats.AvailSum = -1 }, "availability sum"},
		{"a tray over its cap", func(w *World) { w.cfg.TrayCap = 0 }, "tray 1 (cap 0)"},
		{"rework overflowing", func(w *World) { w.reworkN = len(w.rework) + 1 }, "rework 29"},
		{"more features than can exist", func(w *World) { w.reworkN = w.cfg.TrayCap + MaxBallsLimit }, "features in the tray, rework and production"},
		// Versions 1 and 2 carry no feature: exactly as many as can exist is valid.
		{"as many features as can exist", func(w *World) { w.reworkN = w.cfg.TrayCap + MaxBallsLimit - w.trayN - 1 }, ""},
		{"a change request with no feature", func(w *World) { w.trayN = 0 }, "with an empty tray"},
		{"a change request without the gate", func(w *World) { w.cfg.Gate = false }, "without the gate"},
		{"a change request while locked", func(w *World) { w.locked = true }, "pending while releases are locked"},
		{"locked without a budget", func(w *World) { w.crActive = false; w.locked = true; w.cfg.ErrorBudget = false }, "locked without an error budget"},
		{"testing a feature under review", func(w *World) { w.testing = true }, "testing with nothing to test"},
		{"more change failures than deploys", func(w *World) { w.stats.ChangeFailures = w.stats.Deploys + 1 }, "change failures of"},
		{"more deploys than releases", func(w *World) { w.stats.Deploys = w.stats.Releases + 1 }, "deploys of"},
		{"negative shipped", func(w *World) { w.stats.Shipped = -1 }, "shipped of"},
		{"more shipped than deployed", func(w *World) { w.stats.Shipped = w.stats.Deploys + 1 }, "shipped of"},
		{"more releases than features", func(w *World) { w.stats.Releases = 2; w.stats.FeaturesBuilt = 1; w.stats.Deploys = 1 }, "releases of 1 features"},
		{"more answers than requests", func(w *World) { w.stats.CRsTimedOut = w.stats.CRs }, "change requests answered"},
		{"more false positives than alerts", func(w *World) { w.stats.FalsePositives = w.stats.InfraAlerts + 1 }, "false positives of"},
		{"more false negatives than incidents", func(w *World) { w.stats.FalseNegatives = 2 }, "false negatives"},
		{"more complaints than incidents", func(w *World) { w.stats.Complaints = 2 }, "complaints of 1 incidents"},
		{"down longer than the round", func(w *World) { w.stats.DownTicks = int64(w.tick) + 1 }, "down"},
		{"locked longer than the round", func(w *World) { w.stats.LockedTicks = int64(w.tick) + 1 }, "locked"},
		{"over target longer than the round", func(w *World) { w.stats.OverTargetTicks = int64(w.tick) + 1 }, "over target"},
		{"a negative lead time", func(w *World) { w.stats.LeadTimeSum = -1 }, "lead time sum"},
		{"more balls than the world holds", func(w *World) { w.stats.MaxBalls = MaxBallsLimit + 1 }, "most balls"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := busyWorld(t)
			tc.break_(w)
			err := w.CheckInvariants()
			if tc.msg == "" {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.msg)
		})
	}
}

// TestACertainDefectKeepsTheInvariants: a feature whose chance is 1000 ‰ (a config
// where every feature is defective) is a valid state.
func TestACertainDefectKeepsTheInvariants(t *testing.T) {
	cfg := testConfig()
	cfg.DefectChancePermille = 1000
	h := newHarness(t, cfg) // the harness checks the invariants after every tick
	h.auto = true
	h.stepTo(cfg.BuildTicks)
	require.Equal(t, int32(1000), h.w.tray[0].ChancePermille)
	assert.True(t, h.w.tray[0].Defective())
}

// TestANewWorldKeepsTheInvariants: before its first tick, too.
func TestANewWorldKeepsTheInvariants(t *testing.T) {
	for _, name := range PresetNames() {
		c, err := Preset(name)
		require.NoError(t, err)
		w := New(c, 1)
		assert.NoError(t, w.CheckInvariants(), name)
		// Versions 1 and 2 are mid-flight, half a flight apart, at opposite hands.
		for _, b := range w.Balls() {
			assert.Equal(t, c.FlightTicks, b.Arrival-b.From, "%s v%d", name, b.Version)
		}
		assert.Equal(t, c.FlightTicks/2, w.Balls()[0].Arrival)
		assert.Equal(t, Left, w.Balls()[0].Hand)
		assert.Equal(t, Right, w.Balls()[1].Hand)
	}
}
