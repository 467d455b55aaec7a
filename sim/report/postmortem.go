// Package report turns a played round into what people read afterwards: the blameless
// post-mortem in Markdown (the game's debrief shows the same text), and the wording of
// figures that the game, the CLI and the post-mortem share (Dollars, Count, Nines, Clock,
// Duration, Practices). It imports only the model and the standard library: the game
// links it. The charts of sweep results are in sim/chart, on the research side.
package report

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"devopsjuggle/sim"
)

// Clock reads a tick as a calendar time: a 30-second month is a 30-day month, so a second
// is a day and a tick 24 minutes. It returns "month 2, day 14, 09:36".
func Clock(t sim.Tick, monthTicks sim.Tick) string {
	m := t / monthTicks
	rest := t - m*monthTicks
	day := rest / sim.TicksPerDay
	minutes := (rest - day*sim.TicksPerDay) * sim.MinutesPerTick
	return fmt.Sprintf("month %d, day %d, %02d:%02d", m+1, day+1, minutes/60, minutes%60)
}

// Duration describes a number of ticks in calendar units: "2 days 4 h", "5 h 36 min".
func Duration(d sim.Tick) string {
	minutes := int64(d) * sim.MinutesPerTick
	days, hours, mins := minutes/(24*60), minutes/60%24, minutes%60
	switch {
	case days > 0 && hours > 0:
		return fmt.Sprintf("%d d %d h", days, hours)
	case days > 0:
		return fmt.Sprintf("%d d", days)
	case hours > 0 && mins > 0:
		return fmt.Sprintf("%d h %d min", hours, mins)
	case hours > 0:
		return fmt.Sprintf("%d h", hours)
	}
	return fmt.Sprintf("%d min", mins)
}

// maxTimeline bounds the incidents listed one by one; the rest are summed up.
const maxTimeline = 40

// PostMortem writes the round's blameless post-mortem in Markdown: summary, impact,
// timeline, detection, response, contributing factors, what went well, and questions to
// discuss (the lecture's). It names roles, never people.
func PostMortem(w *sim.World) string {
	var b strings.Builder
	cfg := w.Config()
	r := w.Result()
	s := w.Stats()
	incs := w.Incidents()

	fmt.Fprintf(&b, "# Post-mortem: %s, seed %d\n\n", r.Preset, r.Seed)
	fmt.Fprintf(&b, "*Blameless by construction: this report names roles (dev, ops), never people. It asks what happened and what let it happen, not who is to blame.*\n\n")
	fmt.Fprintf(&b, "Practices: %s.\n\n", Practices(cfg))

	// Summary.
	b.WriteString("## Summary\n\n")
	played := Duration(w.Tick())
	if w.Done() {
		played = Count(cfg.Months, "month")
	}
	fmt.Fprintf(&b, "Over %s, dev shipped **%d features** and production was available **%.2f %%** of the time (%s). ",
		played, r.Shipped, 100*r.Uptime, Nines(r.Uptime))
	fmt.Fprintf(&b, "There %s **%s**", were(len(incs)), Count(len(incs), "incident"))
	if len(incs) > 0 {
		long := longest(incs, w.Tick())
		d, open := Duration(span(&long, w.Tick())), long.Resolved < 0
		switch {
		case len(incs) == 1 && open:
			fmt.Fprintf(&b, "; it was still open when the round ended, after %s (%s)", d, causes(&long))
		case len(incs) == 1:
			fmt.Fprintf(&b, "; it lasted %s (%s)", d, causes(&long))
		case open:
			fmt.Fprintf(&b, "; the longest, still open when the round ended, had lasted %s (%s)", d, causes(&long))
		default:
			fmt.Fprintf(&b, "; the longest lasted %s (%s)", d, causes(&long))
		}
	}
	fmt.Fprintf(&b, ". Dev was paid %s and ops %s.\n\n", Dollars(r.DevPay), Dollars(r.OpsPay))

	// Impact.
	b.WriteString("## Impact\n\n")
	var impact int64
	for i := range incs {
		impact += incs[i].ImpactPermilleTicks
	}
	if len(incs) == 0 {
		b.WriteString("- Production was never down, and no request failed.\n")
	} else {
		fmt.Fprintf(&b, "- Fully down for %s; failed requests worth %s of full outage in all.\n",
			Duration(sim.Tick(s.DownTicks)), Duration(sim.Tick(impact/1000)))
	}
	if r.Complaints == 0 {
		b.WriteString("- No customer complained.\n")
	} else {
		fmt.Fprintf(&b, "- Customers complained %s.\n", times(r.Complaints))
	}
	lostOps, lostDev := payLost(cfg, w.Statements())
	if lostOps > 0 {
		fmt.Fprintf(&b, "- Ops lost %s of uptime bonus against a round without downtime.\n", Dollars(lostOps))
	}
	if lostDev > 0 {
		fmt.Fprintf(&b, "- Dev lost %s of uptime bonus against a round without downtime.\n", Dollars(lostDev))
	}
	if r.Rollbacks > 0 {
		fmt.Fprintf(&b, "- %s rolled back and went back to dev as rework.\n", countWas(r.Rollbacks, "release"))
	}
	b.WriteString("\n")

	writeTimeline(&b, w)

	// Detection.
	b.WriteString("## Detection\n\n")
	by := map[sim.Detector]int{}
	for i := range incs {
		by[incs[i].DetectedBy]++
	}
	fmt.Fprintf(&b, "Monitoring: **%s**. %s", monitoring(cfg.Monitoring), detections(incs))
	if by[sim.DetectedByNone] < len(incs) {
		fmt.Fprintf(&b, " Mean time to detect %s; from detection to acknowledgement %s.", Duration(ticks(r.MTTDs)), Duration(ticks(r.MTTAs)))
	}
	b.WriteString("\n")
	if cfg.Monitoring.BottomUp() {
		fmt.Fprintf(&b, "\n%s %s\n", alertsFired(r.InfraAlerts, r.FalsePositives), falseNegatives(r.FalseNegatives))
	} else if cfg.Monitoring.TopDown() {
		fmt.Fprintf(&b, "\n%s\n", falseNegatives(r.FalseNegatives))
	}
	b.WriteString("\n")

	// Response.
	b.WriteString("## Response\n\n")
	b.WriteString(restoreTime(incs, r))
	fmt.Fprintf(&b, "Ops rolled back %s, picked %s back up and threw %d away.",
		times(r.Rollbacks), Count(s.Recoveries, "dropped version"), s.Discards)
	if cfg.Release == sim.BlueGreen {
		b.WriteString(" Blue/green releases made every switch and rollback instant.")
	}
	b.WriteString("\n\n")

	// Contributing factors.
	b.WriteString("## Contributing factors\n\n")
	var relDuring, crDuring, crApproved int32
	var cause, involved [8]int // by first cause; by every cause seen
	for i := range incs {
		relDuring += incs[i].Releases
		crDuring += incs[i].CRs
		crApproved += incs[i].CRsApproved
		cause[incs[i].Cause]++
		for c := sim.CauseNoLive; c < sim.CauseUnknown; c++ {
			if incs[i].HasCause(c) {
				involved[c]++
			}
		}
	}
	var factors []string
	if n := involved[sim.CauseDefect]; n > 0 {
		factors = append(factors, fmt.Sprintf("%s involved a defect in a release (testing halved a defect chance %s in the whole round).", Count(n, "incident"), times(s.TestHalvings)))
	}
	if n := involved[sim.CauseLiveDrop]; n > 0 {
		factors = append(factors, fmt.Sprintf("%s involved the live version on the floor; %d in-place %s failed half-way.", Count(n, "incident"), s.FailedUpgrades, plural(s.FailedUpgrades, "upgrade")))
	}
	if n := involved[sim.CauseUpgrade]; n > 0 {
		factors = append(factors, fmt.Sprintf("%s involved an in-place upgrade or rollback restarting the service (%s each).", Count(n, "incident"), Duration(cfg.UpgradeDowntimeTicks)))
	}
	if n := involved[sim.CauseNoLive]; n > 0 {
		factors = append(factors, fmt.Sprintf("%s involved a time with no version live at all.", Count(n, "incident")))
	}
	if relDuring > 0 {
		factors = append(factors, fmt.Sprintf("%s out while an incident was open.", countWent(relDuring, "release")))
	}
	if crApproved > 0 {
		factors = append(factors, fmt.Sprintf("%s approved during incidents (%d asked).", countWas(crApproved, "change request"), crDuring))
	}
	if over := s.OverTargetTicks; over > 0 {
		factors = append(factors, fmt.Sprintf("Production juggled more than %s %.0f %% of the time (at most %d): extra balls, extra drops.",
			Count(cfg.TargetBalls, "version"), 100*float64(over)/float64(max(w.Tick(), 1)), s.MaxBalls))
	}
	switch {
	case s.Drops == 1 && s.LiveDrops == 1:
		factors = append(factors, "1 ball was dropped in all: the live version.")
	case s.Drops == 1:
		factors = append(factors, "1 ball was dropped in all, not the live version.")
	case s.Drops > 0:
		factors = append(factors, fmt.Sprintf("%s dropped in all, %d of them the live version.", countWas(s.Drops, "ball"), s.LiveDrops))
	}
	if len(factors) == 0 {
		factors = append(factors, "None stood out.")
	}
	for _, f := range factors {
		fmt.Fprintf(&b, "- %s\n", f)
	}
	b.WriteString("\n")

	// What went well.
	b.WriteString("## What went well\n\n")
	var good []string
	if len(incs) > 0 && by[sim.DetectedByComplaint] == 0 {
		good = append(good, "No customer had to tell us about an incident.")
	}
	if s.LiveDrops == 0 {
		good = append(good, "The live version never hit the floor.")
	}
	if r.Deploys > 0 && r.ChangeFailureRate <= 0.15 {
		good = append(good, fmt.Sprintf("Most changes were safe: %.0f %% change failure rate.", 100*r.ChangeFailureRate))
	}
	if r.Shipped > 0 && r.Uptime >= 0.99 {
		good = append(good, "Features shipped and uptime stayed above 99 %: both roles' goals at once.")
	}
	if r.DevPay > 0 && samePay(cfg.DevPay, cfg.OpsPay) {
		good = append(good, "Dev and ops were paid by the same scheme: nobody could win at the other's expense.")
	}
	if len(good) == 0 {
		good = append(good, "Everyone kept playing; that is where learning starts.")
	}
	for _, g := range good {
		fmt.Fprintf(&b, "- %s\n", g)
	}
	b.WriteString("\n")

	// Questions.
	b.WriteString("## Questions to discuss\n\n")
	qs := []string{
		"What happened, and what was the impact on customers?",
		"How did we respond, and how long did each step take?",
		"What was the root cause, and which factors enabled it?",
		"What did we learn, and what do we need to do to prevent it?",
	}
	if by[sim.DetectedByComplaint] > 0 {
		qs = append(qs, fmt.Sprintf("Customers told us about %s before we knew. What would top-down monitoring have changed?", Count(by[sim.DetectedByComplaint], "incident")))
	}
	if r.DevPay != r.OpsPay && cfg.DevPay.PerFeature > 0 && cfg.OpsPay.PerFeature == 0 {
		qs = append(qs, fmt.Sprintf("Dev earned %s and ops %s. How did each role's pay shape what it did at the change-request gate?", Dollars(r.DevPay), Dollars(r.OpsPay)))
	}
	if cause[sim.CauseUpgrade] > 0 {
		qs = append(qs, "Every in-place upgrade cost downtime. What would blue/green releases change?")
	}
	if r.LockedDays > 0 {
		qs = append(qs, fmt.Sprintf("The error budget locked releases for %s. Was that time well spent?", Duration(sim.Tick(s.LockedTicks))))
	}
	for i, q := range qs {
		fmt.Fprintf(&b, "%d. %s\n", i+1, q)
	}
	return b.String()
}

// writeTimeline writes the timeline: routine restarts summed up in a line, every other
// incident in a table (the most harmful maxTimeline of them).
func writeTimeline(b *strings.Builder, w *sim.World) {
	cfg, incs := w.Config(), w.Incidents()
	b.WriteString("## Timeline\n\n")
	if len(incs) == 0 {
		b.WriteString("No incident: availability never dropped below 100 %.\n\n")
		return
	}
	// Routine restarts (an in-place upgrade and nothing else) are summed up in one
	// line; the rest are listed.
	var shown, restarts []sim.Incident
	for _, in := range incs {
		if in.Causes == 1<<sim.CauseUpgrade && in.Resolved >= 0 {
			restarts = append(restarts, in)
		} else {
			shown = append(shown, in)
		}
	}
	if n := len(restarts); n > 0 {
		each := " each"
		if n == 1 {
			each = ""
		}
		fmt.Fprintf(b, "%s restarted the service for %s%s%s. ",
			Count(n, "in-place upgrade"), Duration(cfg.UpgradeDowntimeTicks), each, restartsNoticed(cfg, restarts))
		switch len(shown) {
		case 0:
			b.WriteString("Nothing else happened.\n")
		case 1:
			b.WriteString("The other incident is listed below.\n\n")
		default:
			b.WriteString("The other incidents are listed below.\n\n")
		}
	}
	listed := len(shown)
	if listed > 0 {
		b.WriteString("Detected, acknowledged and resolved count from each incident's start.\n\n")
		b.WriteString("| # | started | cause | detected | acknowledged | resolved | lasted | lowest availability |\n")
		b.WriteString("|---|---|---|---|---|---|---|---:|\n")
	}
	if len(shown) > maxTimeline {
		shown = byImpact(shown)[:maxTimeline]
		sort.Slice(shown, func(i, j int) bool { return shown[i].Start < shown[j].Start })
	}
	for _, in := range shown {
		fmt.Fprintf(b, "| %d | %s | %s | %s | %s | %s | %s | %.1f %% |\n",
			in.ID, Clock(in.Start, cfg.MonthTicks), causes(&in), after(in.Start, in.Detected, detector(&in)),
			acknowledged(&in), resolved(&in), lasted(&in, w.Tick()), float64(in.MinAvailabilityPermille)/10)
	}
	if listed > len(shown) {
		fmt.Fprintf(b, "\n%s not listed.\n", countWas(listed-len(shown), "less harmful incident"))
	}
	b.WriteString("\n")
}

// restoreTime gives the mean time to restore and its DORA band, saying which incidents
// it leaves out, or why there is none.
func restoreTime(incs []sim.Incident, r sim.Result) string {
	open := 0
	for i := range incs {
		if incs[i].Resolved < 0 {
			open++
		}
	}
	switch {
	case len(incs) == 0:
		return "There was no incident, so nothing to restore. "
	case open == len(incs):
		return "No incident was resolved before the round ended, so there is no time to restore. "
	case open > 0:
		return fmt.Sprintf("Mean time to restore: %s (DORA: %s), not counting the %s still open at the end. ",
			Duration(ticks(r.MTTRs)), r.RestoreBand, Count(open, "incident"))
	}
	return fmt.Sprintf("Mean time to restore: %s (DORA: %s). ", Duration(ticks(r.MTTRs)), r.RestoreBand)
}

// samePay reports whether two pay schemes are the same.
func samePay(a, b sim.PayScheme) bool {
	if a.PerFeature != b.PerFeature || len(a.Tiers) != len(b.Tiers) {
		return false
	}
	for i := range a.Tiers {
		if a.Tiers[i] != b.Tiers[i] {
			return false
		}
	}
	return true
}

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
	var infra, panel, noLive, kpi, complaint, ended, open int
	for i := range incs {
		in := &incs[i]
		switch in.DetectedBy {
		case sim.DetectedByInfra:
			infra++
			if silentOnPanel(in) {
				if seenCause(in) == sim.CauseNoLive {
					noLive++
				} else {
					panel++
				}
			}
		case sim.DetectedByKPI:
			kpi++
		case sim.DetectedByComplaint:
			complaint++
		default:
			if in.Resolved >= 0 {
				ended++
			} else {
				open++
			}
		}
	}
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
	var silent []string
	switch {
	case one && panel == 1:
		silent = append(silent, "it was an in-place restart for an upgrade or rollback")
	case one && noLive == 1:
		silent = append(silent, "it was a time with no version live")
	default:
		if panel > 0 {
			silent = append(silent, fmt.Sprintf("%s for an upgrade or rollback", Count(panel, "in-place restart")))
		}
		if noLive > 0 {
			silent = append(silent, fmt.Sprintf("%s with no version live", Count(noLive, "time")))
		}
		if len(silent) > 0 {
			silent[0] = "among them " + silent[0]
		}
	}
	seen := "seen by infrastructure (bottom-up) monitoring"
	if len(silent) > 0 {
		seen += fmt.Sprintf(" (%s, which the infrastructure panel shows without raising a bottom-up alert)", list(silent))
	}
	add(infra, seen)
	add(kpi, "found by the customer KPI alert")
	add(complaint, "found by customers complaining")
	add(ended, "never detected ("+map[bool]string{true: "it", false: "they"}[ended == 1]+" ended first)")
	add(open, "still undetected when the round ended")
	if one {
		return "The only incident was " + parts[0] + "."
	}
	return fmt.Sprintf("Of %s, %s.", Count(len(incs), "incident"), list(parts))
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

// list joins phrases as "a", "a and b", "a, b, and c".
func list(parts []string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	case 2:
		return parts[0] + " and " + parts[1]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + ", and " + parts[len(parts)-1]
}

// ticks converts seconds of play back to ticks.
func ticks(seconds float64) sim.Tick { return sim.Tick(math.Round(seconds * sim.TicksPerSecond)) }

// payLost is what each role's uptime bonus lost against months with no downtime.
func payLost(cfg sim.Config, months []sim.MonthStatement) (ops, dev int64) {
	for _, m := range months {
		perfect := 1000 * int64(m.Ticks)
		ops += cfg.OpsPay.Pay(0, perfect, m.Ticks) - cfg.OpsPay.Pay(0, m.AvailSum, m.Ticks)
		dev += cfg.DevPay.Pay(0, perfect, m.Ticks) - cfg.DevPay.Pay(0, m.AvailSum, m.Ticks)
	}
	return ops, dev
}

// Practices describes a config's practices in words: "a change-request gate, in-place
// releases, no monitoring, no error budget".
func Practices(c sim.Config) string {
	gate := "no change-request gate"
	if c.Gate {
		gate = "a change-request gate"
	}
	budget := "no error budget"
	if c.ErrorBudget {
		budget = fmt.Sprintf("an error budget (SLO %.1f %%)", float64(c.SLOPermille)/10)
	}
	mon := monitoring(c.Monitoring) + " monitoring"
	if c.Monitoring == sim.MonitorNone {
		mon = "no monitoring"
	}
	return fmt.Sprintf("%s, %s releases, %s, %s", gate, c.Release, mon, budget)
}

// monitoring names a kind of monitoring: "bottom-up and top-down" for both.
func monitoring(m sim.Monitoring) string {
	if m == sim.MonitorBoth {
		return "bottom-up and top-down"
	}
	return string(m)
}

// Dollars formats whole dollars with thousands separators.
func Dollars(v int64) string {
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	s := fmt.Sprint(v)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return sign + "$" + s
}

// Nines describes an uptime as a number of nines (99.9 % is three).
func Nines(uptime float64) string {
	switch {
	case uptime >= 1:
		return "no downtime"
	case uptime <= 0:
		return "no nines" // never up, or no tick played yet
	}
	return fmt.Sprintf("%.1f nines", -math.Log10(1-uptime))
}

// plural returns word, with an s unless n is 1.
func plural[N ~int | ~int32 | ~int64 | ~uint64](n N, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// Count returns a count with its noun, "1 incident", "3 incidents": for every report,
// table and screen that counts things.
func Count[N ~int | ~int32 | ~int64 | ~uint64](n N, word string) string {
	return fmt.Sprintf("%d %s", n, plural(n, word))
}

// countWas returns "1 release was", "3 releases were".
func countWas[N ~int | ~int32 | ~int64](n N, word string) string {
	if n == 1 {
		return Count(n, word) + " was"
	}
	return Count(n, word) + " were"
}

// countWent returns "1 release went", "3 releases went".
func countWent[N ~int | ~int32 | ~int64](n N, word string) string { return Count(n, word) + " went" }

// were returns "was" for one, "were" for the rest.
func were(n int) string {
	if n == 1 {
		return "was"
	}
	return "were"
}

// times returns "once", "twice", "3 times".
func times[N ~int | ~int32 | ~int64](n N) string {
	switch n {
	case 1:
		return "once"
	case 2:
		return "twice"
	}
	return fmt.Sprintf("%d times", n)
}
