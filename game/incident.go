package game

import (
	"fmt"

	"devopsjuggle/sim"
	"devopsjuggle/sim/report"
)

// incidentCause is what the incident panel says caused the open incident. It reads the
// View fields the screen draws the balls from, so the two never disagree: the cause
// bottom-up monitoring reports (View.Incident.Cause, else unknown), a live ball the
// screen tags DEFECT (BallView.Cracked) and a live ball it shows on the floor as LIVE!
// (a known ball on the floor). What the screen does not show, the panel does not say.
func incidentCause(v *sim.View) string {
	c := v.Incident.Cause
	var cracked, dropped sim.Version
	for i := 0; i < v.BallsN; i++ {
		b := &v.Balls[i]
		switch {
		case b.Live && b.Cracked:
			cracked = b.Version
		case b.Live && b.State == sim.BallFloor && b.Known:
			dropped = b.Version
		}
	}
	switch {
	case dropped != 0 && (c == sim.CauseUnknown || c == sim.CauseLiveDrop):
		return fmt.Sprintf("live v%d dropped", dropped)
	case cracked != 0 && (c == sim.CauseUnknown || c == sim.CauseDefect):
		return fmt.Sprintf("defect in live v%d", cracked)
	case cracked != 0:
		return fmt.Sprintf("%s; live v%d defective", c, cracked)
	}
	return c.String()
}

// restoreTime is a round's mean time to restore, in hours of the game's calendar, with
// incidents still open at the end counted up to the end (report.Restore), and how many
// were open; ok is false with no incident.
func restoreTime(rec *RoundRecord) (h float64, open int, ok bool) {
	mean, open, ok := report.Restore(rec.Incidents, rec.Result.Ticks)
	return mean * sim.MinutesPerTick / 60, open, ok
}

// restoreShort is the restore time on a session card: "4.2 days", "19.0 days, 1 open",
// "-" with no incident.
func restoreShort(rec *RoundRecord) string {
	h, open, ok := restoreTime(rec)
	switch {
	case !ok:
		return "-"
	case open > 0:
		return fmt.Sprintf("%s, %d open", hours(h), open)
	}
	return hours(h)
}
