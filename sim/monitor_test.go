package sim

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// dropLive lets the live ball (v2) fall, then steps d more ticks.
func dropLive(h *harness, d Tick) {
	h.t.Helper()
	h.skip[2] = true
	cfg := h.w.Config()
	h.stepTo(cfg.FlightTicks + cfg.CatchWindowTicks + 1 + d)
	require.Equal(h.t, BallFloor, h.ball(2).State)
}

// breakLive makes the live version defective from now on.
func breakLive(h *harness) {
	h.w.balls[h.w.liveIndex()].Defective = true
}

func TestDetection(t *testing.T) {
	cfg := testConfig()
	for _, tc := range []struct {
		mode  Monitoring
		drop  bool // a live drop, else a defect
		by    Detector
		after Tick // ticks from impact to detection
	}{
		{MonitorNone, true, DetectedByComplaint, cfg.ComplaintDelayTicks},
		{MonitorNone, false, DetectedByComplaint, cfg.ComplaintDelayTicks},
		{MonitorBottomUp, true, DetectedByInfra, 0},
		{MonitorBottomUp, false, DetectedByComplaint, cfg.ComplaintDelayTicks}, // blind to defects
		{MonitorTopDown, true, DetectedByKPI, 0},
		{MonitorTopDown, false, DetectedByKPI, 1}, // the KPI needs a second tick at 70 %
		{MonitorBoth, false, DetectedByKPI, 1},
	} {
		name := string(tc.mode) + "/defect"
		if tc.drop {
			name = string(tc.mode) + "/drop"
		}
		t.Run(name, func(t *testing.T) {
			c := cfg
			c.Monitoring = tc.mode
			h := newHarness(t, c)
			h.auto = true
			if tc.drop {
				dropLive(h, 0)
			} else {
				h.stepTo(10)
				breakLive(h)
			}
			h.stepTo(h.w.Tick() + cfg.ComplaintDelayTicks + 1)
			require.NotEmpty(t, h.w.Incidents())
			in := h.w.Incidents()[0]
			assert.Equal(t, tc.by, in.DetectedBy)
			assert.Equal(t, tc.after, in.Detected-in.Start)
			var v View
			h.w.Observe(Ops, &v)
			assert.Equal(t, in.ID, v.Incident.ID, "ops sees the detected incident")
			if tc.by == DetectedByInfra {
				assert.Equal(t, CauseLiveDrop, v.Incident.Cause, "bottom-up says what broke")
			} else {
				assert.Equal(t, CauseUnknown, v.Incident.Cause, "top-down and customers only say something is wrong")
			}
			if !tc.drop {
				assert.True(t, v.Balls[v.liveIdx].Cracked, "a detected defect shows on the live ball")
			}
			assert.Equal(t, tc.mode.TopDown(), v.UptimeKnown)
			if v.UptimeKnown {
				assert.Equal(t, h.w.Stats().AvailSum, v.AvailSum)
				assert.Less(t, v.MonthAvailSum, 1000*int64(v.MonthTick), "the outage shows in the month's uptime")
			}
		})
	}
}

func TestOpsDoesNotSeeWhatMonitoringHides(t *testing.T) {
	cfg := testConfig()
	h := newHarness(t, cfg)
	h.auto = true
	dropLive(h, 5)
	var v View
	h.w.Observe(Ops, &v)
	assert.False(t, v.Balls[1].Known, "without monitoring, a drop is unknown until someone complains")
	assert.Equal(t, int32(-1), v.KPIPermille, "no KPI without top-down monitoring")
	assert.False(t, v.UptimeKnown, "nor any uptime before the month's statement")
	assert.Zero(t, v.AvailSum)
	assert.Zero(t, v.Incident.ID)
	h.stepTo(h.w.Tick() + cfg.ComplaintDelayTicks)
	h.w.Observe(Ops, &v)
	assert.True(t, v.Balls[1].Known)
	assert.NotZero(t, v.Incident.ID)

	h = newHarness(t, cfg)
	h.auto = true
	h.stepTo(10)
	breakLive(h)
	h.step()
	h.w.Observe(Ops, &v)
	assert.False(t, v.Balls[v.liveIdx].Cracked, "a defect is invisible before it is detected")
}

func TestBottomUpFalsePositivesAndFalseNegatives(t *testing.T) {
	cfg := testConfig()
	cfg.Monitoring = MonitorBottomUp
	h := newHarness(t, cfg)
	h.auto = true
	h.skip[1] = true // the standby drops: an alert, but no customer is hurt
	h.stepTo(cfg.FlightTicks)
	assert.Equal(t, int32(1), h.w.Stats().InfraAlerts)
	assert.Equal(t, int32(1), h.w.Stats().FalsePositives)
	assert.Empty(t, h.w.Incidents())

	breakLive(h) // a defect: bottom-up cannot see it
	h.stepTo(h.w.Tick() + 10)
	h.w.balls[h.w.liveIndex()].Defective = false
	h.step()
	require.Len(t, h.w.Incidents(), 1)
	assert.Equal(t, DetectedByNone, h.w.Incidents()[0].DetectedBy)
	assert.Equal(t, int32(1), h.w.Stats().FalseNegatives)
}

func TestAcknowledge(t *testing.T) {
	cfg := testConfig()
	cfg.Monitoring = MonitorBottomUp
	h := newHarness(t, cfg)
	h.auto = true
	h.step(h.act(ActAcknowledge, 0))
	assert.Contains(t, h.events(), EvRefused, "nothing to acknowledge")
	dropLive(h, 3)
	h.step(h.act(ActAcknowledge, 0))
	in := h.w.Incidents()[0]
	assert.Equal(t, h.w.Tick()-1, in.Acknowledged)
	r := h.w.Result()
	assert.InDelta(t, float64(in.Acknowledged-in.Detected)/TicksPerSecond, r.MTTAs, 1e-9)
}

func TestResultUnits(t *testing.T) {
	cfg := testConfig()
	cfg.Months = 1
	h := newHarness(t, cfg)
	h.auto = true
	releaseAndLand(h)
	h.stepTo(cfg.Ticks())
	require.True(t, h.w.Done())
	r := h.w.Result()
	assert.Equal(t, int32(1), r.Deploys)
	assert.InDelta(t, 1.0, r.DeploysPerMonth, 1e-9)
	// The feature was finished at tick 179 and caught 1 + 45 ticks later: 46 ticks,
	// 46/60 of a day.
	assert.InDelta(t, 46.0/60, r.LeadTimeDays, 1e-9)
	assert.InDelta(t, float64(cfg.UpgradeDowntimeTicks*24)/60, r.TimeToRestoreHours, 1e-9, "a tick is 24 minutes")
	assert.InDelta(t, 1-float64(cfg.UpgradeDowntimeTicks)/float64(cfg.MonthTicks), r.Uptime, 1e-9)
	assert.Len(t, r.StateHash, 16)
	assert.Equal(t, High, r.RestoreBand)
	assert.Equal(t, Elite, r.LeadTimeBand)
	assert.Equal(t, Medium, r.DeployBand)
}

func TestDORABands(t *testing.T) {
	assert.Equal(t, Elite, deployBand(30))
	assert.Equal(t, High, deployBand(5))
	assert.Equal(t, Medium, deployBand(1))
	assert.Equal(t, Low, deployBand(0.5))
	assert.Equal(t, NoData, leadTimeBand(0, false))
	assert.Equal(t, Low, leadTimeBand(45, true))
	assert.Equal(t, Elite, changeFailureBand(0.05, true))
	assert.Equal(t, Low, changeFailureBand(0.5, true))
	assert.Equal(t, Elite, restoreBand(0.5, true))
	assert.Equal(t, Medium, restoreBand(30, true))
}

// TestRestoreCountsOpenIncidentsToTheEnd (rules version 3): an incident still open when
// the round ends counts in the mean time to restore up to the end (it lasted at least
// that long), so a round that never restored does not read as quick; OpenIncidents
// says how many were counted so. Catches and misses count the balls caught and fallen.
func TestRestoreCountsOpenIncidentsToTheEnd(t *testing.T) {
	cfg := testConfig()
	cfg.Months = 1
	h := newHarness(t, cfg)
	h.auto = true
	releaseAndLand(h) // one restart: a resolved incident of UpgradeDowntimeTicks
	require.Len(t, h.w.Incidents(), 1)
	h.skip[h.w.Live()] = true // the live ball falls and nobody picks it up
	h.stepTo(cfg.Ticks())
	require.True(t, h.w.Done())
	incs := h.w.Incidents()
	require.Len(t, incs, 2)
	require.Equal(t, Tick(-1), incs[1].Resolved)
	r := h.w.Result()
	mean := float64(cfg.UpgradeDowntimeTicks+cfg.Ticks()-incs[1].Start) / 2
	assert.InDelta(t, mean/TicksPerSecond, r.MTTRs, 1e-9)
	assert.InDelta(t, mean*MinutesPerTick/60, r.TimeToRestoreHours, 1e-9)
	assert.Equal(t, Low, r.RestoreBand, "some 25 days down and a restart: a mean of over a week")
	assert.Equal(t, 1, r.OpenIncidents)
	s := h.w.Stats()
	assert.Equal(t, s.Catches, r.Catches)
	assert.Positive(t, r.Catches)
	assert.Equal(t, int32(1), r.Misses)
	assert.Equal(t, r.Drops, r.Misses)

	// Before the end, an open incident counts up to now.
	h = newHarness(t, cfg)
	dropLive(h, 10)
	r = h.w.Result()
	assert.Equal(t, 1, r.OpenIncidents)
	assert.InDelta(t, float64(h.w.Tick()-h.w.Incidents()[0].Start)/TicksPerSecond, r.MTTRs, 1e-9)
	assert.Equal(t, High, r.RestoreBand)
}
