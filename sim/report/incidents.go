package report

// How the post-mortem describes incidents: when each step came, what detected them, what
// the monitoring said.

import (
	"fmt"
	"sort"
	"strings"

	"devopsjuggle/sim"
)

// longest returns the incident that lasted longest, one still open counted up to now;
// the first of those that lasted as long.
func longest(incs []sim.Incident, now sim.Tick) sim.Incident {
	best := incs[0]
	for _, in := range incs[1:] {
		if span(&in, now) > span(&best, now) {
			best = in
		}
	}
	return best
}

// span is how long an incident lasted, or has lasted by now if it is still open.
func span(in *sim.Incident, now sim.Tick) sim.Tick {
	if d := in.Duration(); d >= 0 {
		return d
	}
	return now - in.Start
}

// byImpact returns a copy of incs, the most harmful first.
func byImpact(incs []sim.Incident) []sim.Incident {
	c := append([]sim.Incident(nil), incs...)
	sort.SliceStable(c, func(i, j int) bool { return c[i].ImpactPermilleTicks > c[j].ImpactPermilleTicks })
	return c
}

// causes lists an incident's causes, the first one first.
func causes(in *sim.Incident) string {
	out := []string{in.Cause.String()}
	for c := sim.CauseNoLive; c < sim.CauseUnknown; c++ {
		if c != in.Cause && in.HasCause(c) {
			out = append(out, c.String())
		}
	}
	return strings.Join(out, ", then ")
}

// after describes when "to" came, after "from": "+2 h (KPI alert)", or "never".
func after(from, to sim.Tick, how string) string {
	if to < 0 {
		return "never"
	}
	s := "+" + Duration(to-from)
	if how != "" {
		s += " (" + how + ")"
	}
	return s
}

// acknowledged describes when ops acknowledged an incident, after it started like the
// other times of a timeline row: "+2 d 12 h", or "+2 d 12 h (after it ended)" when the
// incident was over before anyone acknowledged it.
func acknowledged(in *sim.Incident) string {
	s := after(in.Start, in.Acknowledged, "")
	if in.Acknowledged >= 0 && in.Resolved >= 0 && in.Acknowledged > in.Resolved {
		s += " (after it ended)"
	}
	return s
}

// resolved describes when an incident ended, after it started: "+4 d 6 h" or "still open".
func resolved(in *sim.Incident) string {
	if in.Resolved < 0 {
		return "still open"
	}
	return after(in.Start, in.Resolved, "")
}

// lasted describes how long an incident lasted; one still open at now has lasted
// "8 d 2 h so far".
func lasted(in *sim.Incident, now sim.Tick) string {
	if in.Resolved >= 0 {
		return Duration(span(in, now))
	}
	return Duration(span(in, now)) + " so far"
}

// seenCause is what was wrong when an incident was detected: the cause it opened with
// when detected at once, else the one cause bottom-up monitoring can see that it had, or
// CauseUnknown when the record cannot tell.
func seenCause(in *sim.Incident) sim.Cause {
	if in.Detected == in.Start {
		return in.Cause
	}
	seen := sim.CauseUnknown
	for c := sim.CauseNone; c < sim.CauseUnknown; c++ {
		if c.InfraVisible() && in.HasCause(c) {
			if seen != sim.CauseUnknown {
				return sim.CauseUnknown
			}
			seen = c
		}
	}
	return seen
}

// silentOnPanel reports whether bottom-up monitoring saw an incident on the
// infrastructure panel without raising an alert for it: its alerts are for balls on the
// floor, too many balls and overload, so of the causes it sees only a live drop (a ball
// on the floor) alerts, and a restart or no version live does not.
func silentOnPanel(in *sim.Incident) bool {
	c := seenCause(in)
	return in.DetectedBy == sim.DetectedByInfra && c.InfraVisible() && c != sim.CauseLiveDrop
}

// detector says what detected an incident, for the timeline.
func detector(in *sim.Incident) string {
	switch {
	case silentOnPanel(in):
		return "infrastructure panel, no bottom-up alert"
	case in.DetectedBy == sim.DetectedByInfra && seenCause(in) == sim.CauseUnknown:
		return "infrastructure monitoring"
	}
	return in.DetectedBy.String()
}

// restartsNoticed says how the monitoring noticed routine restarts: " (all raised a KPI
// alert)", or "" when there is no monitoring and nobody noticed them.
func restartsNoticed(cfg sim.Config, restarts []sim.Incident) string {
	var panel, kpi, complaint, none int
	for i := range restarts {
		switch in := &restarts[i]; {
		case silentOnPanel(in):
			panel++
		case in.DetectedBy == sim.DetectedByKPI:
			kpi++
		case in.DetectedBy == sim.DetectedByComplaint:
			complaint++
		case in.DetectedBy == sim.DetectedByNone:
			none++
		}
	}
	if cfg.Monitoring == sim.MonitorNone {
		none = 0 // nothing could notice them: not worth saying
	}
	var parts []string
	for _, p := range []struct {
		n    int
		what string
	}{
		{panel, "showed on the infrastructure panel without a bottom-up alert"},
		{kpi, "raised a KPI alert"},
		{complaint, "drew a customer complaint"},
		{none, "went unnoticed"},
	} {
		switch {
		case p.n == 0:
		case len(restarts) == 1:
			parts = append(parts, "it "+p.what)
		case p.n == len(restarts):
			parts = append(parts, "all "+p.what)
		default:
			parts = append(parts, fmt.Sprintf("%d %s", p.n, p.what))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + list(parts) + ")"
}

// detections says what detected the incidents: "Of 19 incidents, 19 were seen by
// infrastructure (bottom-up) monitoring (16 of them ...), and 3 ...".
func detections(incs []sim.Incident) string {
	if len(incs) == 0 {
		return "There was no incident to detect."
	}
	n := countDetections(incs)
	one := len(incs) == 1
	var parts []string
	add := func(n int, what string) {
		switch {
		case n == 0:
		case one:
			parts = append(parts, what)
		default:
			parts = append(parts, fmt.Sprintf("%d %s %s", n, were(n), what))
		}
	}
	seen := "seen by infrastructure (bottom-up) monitoring"
	if silent := n.silent(one); len(silent) > 0 {
		seen += fmt.Sprintf(" (%s, which the infrastructure panel shows without raising a bottom-up alert)", list(silent))
	}
	add(n.infra, seen)
	add(n.kpi, "found by the customer KPI alert")
	add(n.complaint, "found by customers complaining")
	add(n.ended, "never detected ("+map[bool]string{true: "it", false: "they"}[n.ended == 1]+" ended first)")
	add(n.open, "still undetected when the round ended")
	if one {
		return "The only incident was " + parts[0] + "."
	}
	return fmt.Sprintf("Of %s, %s.", Count(len(incs), "incident"), list(parts))
}

// detectionCounts counts incidents by what detected them; of those infrastructure
// monitoring saw, panel and noLive are the ones it showed without an alert (a restart,
// no version live).
type detectionCounts struct {
	infra, panel, noLive, kpi, complaint int
	ended, open                          int // never detected
}

func countDetections(incs []sim.Incident) detectionCounts {
	var n detectionCounts
	for i := range incs {
		in := &incs[i]
		switch in.DetectedBy {
		case sim.DetectedByInfra:
			n.infra++
			if silentOnPanel(in) {
				if seenCause(in) == sim.CauseNoLive {
					n.noLive++
				} else {
					n.panel++
				}
			}
		case sim.DetectedByKPI:
			n.kpi++
		case sim.DetectedByComplaint:
			n.complaint++
		default:
			if in.Resolved >= 0 {
				n.ended++
			} else {
				n.open++
			}
		}
	}
	return n
}

// silent describes the incidents infrastructure monitoring saw without an alert:
// "among them 3 in-place restarts for an upgrade or rollback", or for the only incident
// "it was a time with no version live".
func (n detectionCounts) silent(one bool) []string {
	switch {
	case one && n.panel == 1:
		return []string{"it was an in-place restart for an upgrade or rollback"}
	case one && n.noLive == 1:
		return []string{"it was a time with no version live"}
	}
	var silent []string
	if n.panel > 0 {
		silent = append(silent, fmt.Sprintf("%s for an upgrade or rollback", Count(n.panel, "in-place restart")))
	}
	if n.noLive > 0 {
		silent = append(silent, fmt.Sprintf("%s with no version live", Count(n.noLive, "time")))
	}
	if len(silent) > 0 {
		silent[0] = "among them " + silent[0]
	}
	return silent
}

// alertsFired says how often bottom-up alerts fired and when: "Bottom-up alerts fired 55
// times: 5 while customers were affected and 50 while they were fine (false positives)."
func alertsFired(alerts, falsePositives int32) string {
	if alerts == 0 {
		return "Bottom-up alerts never fired."
	}
	affected := alerts - falsePositives
	fp := "false positives"
	if falsePositives == 1 {
		fp = "a false positive"
	}
	switch {
	case alerts == 1 && affected == 1:
		return "Bottom-up alerts fired once, while customers were affected."
	case alerts == 1:
		return "Bottom-up alerts fired once, while customers were fine (a false positive)."
	case falsePositives == 0:
		return fmt.Sprintf("Bottom-up alerts fired %s, each time while customers were affected.", times(alerts))
	case affected == 0:
		return fmt.Sprintf("Bottom-up alerts fired %s, each time while customers were fine (false positives).", times(alerts))
	}
	return fmt.Sprintf("Bottom-up alerts fired %s: %d while customers were affected and %d while they were fine (%s).",
		times(alerts), affected, falsePositives, fp)
}

// falseNegatives says how many incidents the monitoring missed.
func falseNegatives(n int32) string {
	switch n {
	case 0:
		return "No incident got past the monitoring."
	case 1:
		return "1 incident got past the monitoring (a false negative)."
	}
	return fmt.Sprintf("%d incidents got past the monitoring (false negatives).", n)
}

// MainCause is the cause an incident is best known by, on a timeline: the cause it opened
// with, unless that was an in-place restart and another cause came while it was open. A
// restart lasts its fixed few hours; an incident that opened with one and had another
// cause owes its length to that one (a defective release goes live through a restart and
// stays broken until rolled back). Of several other causes, the first in the model's
// order of precedence (sim.Cause).
func MainCause(in *sim.Incident) sim.Cause {
	if in.Cause != sim.CauseUpgrade {
		return in.Cause
	}
	for c := sim.CauseNoLive; c < sim.CauseUnknown; c++ {
		if c != sim.CauseUpgrade && in.HasCause(c) {
			return c
		}
	}
	return in.Cause
}

// Restore is the mean time to restore of incs: from each incident's start to its end,
// one still open at end counted up to end (censored there: it lasted at least that
// long, and leaving it out would make a round that never restores look quick). It also
// returns how many were still open; ok is false with no incident.
func Restore(incs []sim.Incident, end sim.Tick) (mean float64, open int, ok bool) {
	if len(incs) == 0 {
		return 0, 0, false
	}
	var sum sim.Tick
	for i := range incs {
		d := incs[i].Duration()
		if d < 0 {
			d = end - incs[i].Start
			open++
		}
		sum += d
	}
	return float64(sum) / float64(len(incs)), open, true
}
