package game

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
)

// openDefectRound is a silo round's record whose second incident opened with an in-place
// restart, went on with a defect and was still open at the end (the devops round of
// issue 12 that showed 2.4 h restore with an incident open 19 days).
func openDefectRound(t *testing.T) RoundRecord {
	t.Helper()
	setup := Setup{Preset: "devops", Months: 1, Seed: 7, Players: [2]Player{{Bot: true}, Human}}
	cfg, err := setup.Config()
	require.NoError(t, err)
	incs := []sim.Incident{
		{ID: 1, Start: 100, Resolved: 160, Cause: sim.CauseUpgrade, Causes: 1 << sim.CauseUpgrade, MinAvailabilityPermille: 0, DetectedBy: sim.DetectedByKPI},
		{ID: 2, Start: 600, Resolved: -1, Cause: sim.CauseUpgrade, Causes: 1<<sim.CauseUpgrade | 1<<sim.CauseDefect, MinAvailabilityPermille: 0, DetectedBy: sim.DetectedByComplaint},
	}
	return RoundRecord{Setup: setup, Config: cfg, Complete: true, Incidents: incs,
		Result: sim.Result{Ticks: cfg.Ticks(), Uptime: 0.744, Incidents: 2, MTTDs: 1.5, FalsePositives: 3, FalseNegatives: 1, RestoreBand: sim.Elite}}
}

// TestDebriefCountsOpenIncidents: the debrief's restore time counts an incident still
// open at the end up to the end, says how many were open, and the timeline marks it
// open and draws it by the cause that kept it open (a defect), not the restart it
// opened with.
func TestDebriefCountsOpenIncidents(t *testing.T) {
	g, _ := newTestGame(t, Options{})
	rec := openDefectRound(t)
	g.Switch(newDebriefScene(g, rec))
	got := said(g)
	// (60 + 1200) ticks / 2 = 630 ticks of 24 min: 252 h, 10.5 days.
	assert.Contains(t, got, "restore 10.5 days avg, 1 open")
	assert.Contains(t, got, "still open at the end: its restore time counts up to the end")
	assert.Contains(t, got, "X", "the open incident is drawn as a defect")
	assert.Contains(t, got, "defect")
	assert.Contains(t, got, "restart", "the first incident was a restart")

	rec.Incidents[1].Resolved = 720
	g.Switch(newDebriefScene(g, rec))
	got = said(g)
	assert.Contains(t, got, "restore 1.5 days avg (elite)", "no open incident: the band")
	assert.NotContains(t, got, "still open at the end: its restore time counts up to the end")
}

// TestIncidentCauseAgreesWithBalls: the incident panel's cause and the balls' tags come
// from the same View fields: a cracked live ball tagged DEFECT is the panel's cause even
// when monitoring does not say it, and so is a live ball shown on the floor; with
// neither, the cause is unknown.
func TestIncidentCauseAgreesWithBalls(t *testing.T) {
	g, _ := newTestGame(t, Options{})
	rs := startRound(t, g, "silo")
	v := &rs.round.View
	v.Incident = sim.IncidentView{ID: 4, DetectedBy: sim.DetectedByComplaint, Cause: sim.CauseUnknown}
	v.Unacked = 1
	v.BallsN = 2
	v.Balls[0] = sim.BallView{Version: 3, State: sim.BallAir, Hand: sim.Left, From: 0, Arrival: 60, Live: true, Cracked: true}
	v.Balls[1] = sim.BallView{Version: 2, State: sim.BallAir, Hand: sim.Right, From: 0, Arrival: 30, Standby: true}
	v.Tick = 20
	got := said(g)
	assert.Contains(t, got, "DEFECT")
	assert.Contains(t, got, "customer complaint · cause: defect in live v3")

	v.Balls[0] = sim.BallView{Version: 3, State: sim.BallFloor, Hand: sim.Left, Live: true, Known: true}
	got = said(g)
	assert.Contains(t, got, "LIVE!")
	assert.Contains(t, got, "customer complaint · cause: live v3 dropped")

	v.Balls[0] = sim.BallView{Version: 3, State: sim.BallAir, Hand: sim.Left, From: 0, Arrival: 60, Live: true}
	got = said(g)
	assert.Contains(t, got, "customer complaint · cause: unknown")
	assert.False(t, slices.Contains(got, "DEFECT"))
}

// TestSessionCards: the session view's uptime bars span 0 to 100 % (rounds at 59 % and
// 74 % fill that much of the bar, not nothing), and each card shows the incidents' mean
// time to detect and to restore, those customers found, and the monitoring's false
// positives and negatives.
func TestSessionCards(t *testing.T) {
	g, _ := newTestGame(t, Options{})
	a := openDefectRound(t)
	a.Result.Uptime = 0.59
	b := openDefectRound(t)
	g.Session = []RoundRecord{a, b}
	g.Switch(newSessionScene(g.Scene()))
	update(t, g, 1)
	img := frame(g)
	colW := float32(ScreenW-80) / sessionCols
	for i, up := range []float64{0.59, 0.744} {
		bx, bw := 40+float32(i)*colW+16, colW-48
		y := 256 + 28 + 7 // the uptime bar's middle row
		filled := 0
		for x := int(bx) + 3; x < int(bx+bw)-3; x++ {
			if near(img.RGBAAt(x, y), ColGreen, 12) {
				filled++
			}
		}
		assert.InDelta(t, up, float64(filled)/float64(bw-6), 0.03, "round %d: the uptime bar is %.0f %% full", i+1, 100*up)
	}
	texts := frameTexts(g)
	value := func(label string) []string {
		var vs []string
		for _, q := range texts {
			if q.s != label {
				continue
			}
			for _, o := range texts {
				if o.y == q.y && o.x > q.x && o.x-q.x < colW && o.st.Align == Right {
					vs = append(vs, o.s)
				}
			}
		}
		return vs
	}
	assert.Equal(t, []string{"1.5 days", "1.5 days"}, value("MTTD"))
	assert.Equal(t, []string{"10.5 days, 1 open", "10.5 days, 1 open"}, value("MTTR"))
	assert.Equal(t, []string{"1", "1"}, value("found by customers"))
	assert.Equal(t, []string{"3", "3"}, value("false positives"))
	assert.Equal(t, []string{"1", "1"}, value("false negatives"))
	// Every card's figures fit their column: a label never runs into its value.
	for _, q := range texts {
		if q.st.Align != Right || q.y < 420 {
			continue
		}
		for _, o := range texts {
			if o.y == q.y && o.x < q.x && q.x-o.x < colW {
				assert.Less(t, o.x+g.r.Measure(o.s, o.st)+8, q.x-g.r.Measure(q.s, q.st), "%q and %q", o.s, q.s)
			}
		}
	}
}
