// Package report turns a played round into what people read afterwards: the blameless
// post-mortem in Markdown (the game's debrief shows the same text), and the wording of
// figures that the game, the CLI and the post-mortem share (Dollars, Count, Nines, Clock,
// Duration, Practices). It imports only the model and the standard library: the game
// links it. The charts of sweep results are in sim/chart, on the research side.
package report

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"devopsjuggle/sim"
)

// maxTimeline bounds the incidents listed one by one; the rest are summed up.
const maxTimeline = 40

// PostMortem writes the round's blameless post-mortem in Markdown: summary, impact,
// timeline, detection, response, contributing factors, what went well, and questions to
// discuss (the lecture's). It names roles, never people.
func PostMortem(w *sim.World) string {
	pm := newPostMortem(w)
	pm.writeHeader()
	for _, sec := range []struct {
		title string
		write func()
	}{
		{"Summary", pm.writeSummary},
		{"Impact", pm.writeImpact},
		{"Timeline", pm.writeTimeline},
		{"Detection", pm.writeDetection},
		{"Response", pm.writeResponse},
		{"Contributing factors", pm.writeFactors},
		{"What went well", pm.writeWentWell},
		{"Questions to discuss", pm.writeQuestions},
	} {
		fmt.Fprintf(&pm.b, "## %s\n\n", sec.title)
		sec.write()
	}
	return pm.b.String()
}

// postMortem is a post-mortem being written: the round it reads and the text so far.
// Each section writes its body, ending with a blank line but for the last.
type postMortem struct {
	b    strings.Builder
	w    *sim.World
	cfg  sim.Config
	r    sim.Result
	s    sim.Stats
	incs []sim.Incident
	by   map[sim.Detector]int // incidents by what detected them
}

func newPostMortem(w *sim.World) *postMortem {
	pm := &postMortem{w: w, cfg: w.Config(), r: w.Result(), s: w.Stats(), incs: w.Incidents(), by: map[sim.Detector]int{}}
	for i := range pm.incs {
		pm.by[pm.incs[i].DetectedBy]++
	}
	return pm
}

// writeHeader writes the title, the blameless note and the practices.
func (pm *postMortem) writeHeader() {
	fmt.Fprintf(&pm.b, "# Post-mortem: %s, seed %d\n\n", pm.r.Preset, pm.r.Seed)
	fmt.Fprintf(&pm.b, "*Blameless by construction: this report names roles (dev, ops), never people. It asks what happened and what let it happen, not who is to blame.*\n\n")
	fmt.Fprintf(&pm.b, "Practices: %s.\n\n", Practices(pm.cfg))
}

// writeSummary says in one paragraph what was shipped, the uptime, the incidents (and
// the longest) and the pay.
func (pm *postMortem) writeSummary() {
	b, r, incs := &pm.b, pm.r, pm.incs
	played := Duration(pm.w.Tick())
	if pm.w.Done() {
		played = Count(pm.cfg.Months, "month")
	}
	fmt.Fprintf(b, "Over %s, dev shipped **%s** and production was available **%.2f %%** of the time (%s). ",
		played, Count(r.Shipped, "feature"), 100*r.Uptime, Nines(r.Uptime))
	fmt.Fprintf(b, "There %s **%s**", were(len(incs)), Count(len(incs), "incident"))
	if len(incs) > 0 {
		b.WriteString(pm.longestIncident())
	}
	fmt.Fprintf(b, ". Dev was paid %s and ops %s.\n\n", Dollars(r.DevPay), Dollars(r.OpsPay))
}

// longestIncident describes the longest incident, for the summary: "; the longest
// lasted 2 d 4 h (live drop)".
func (pm *postMortem) longestIncident() string {
	now := pm.w.Tick()
	long := longest(pm.incs, now)
	d, open := Duration(span(&long, now)), long.Resolved < 0
	switch {
	case len(pm.incs) == 1 && open:
		return fmt.Sprintf("; it was still open when the round ended, after %s (%s)", d, causes(&long))
	case len(pm.incs) == 1:
		return fmt.Sprintf("; it lasted %s (%s)", d, causes(&long))
	case open:
		return fmt.Sprintf("; the longest, still open when the round ended, had lasted %s (%s)", d, causes(&long))
	}
	return fmt.Sprintf("; the longest lasted %s (%s)", d, causes(&long))
}

// writeImpact lists what the incidents cost: downtime, failed requests, complaints, the
// uptime bonus lost and the releases rolled back.
func (pm *postMortem) writeImpact() {
	b, r, incs := &pm.b, pm.r, pm.incs
	var impact int64
	for i := range incs {
		impact += incs[i].ImpactPermilleTicks
	}
	if len(incs) == 0 {
		b.WriteString("- Production was never down, and no request failed.\n")
	} else {
		fmt.Fprintf(b, "- Fully down for %s; failed requests worth %s of full outage in all.\n",
			Duration(sim.Tick(pm.s.DownTicks)), Duration(sim.Tick(impact/1000)))
	}
	if r.Complaints == 0 {
		b.WriteString("- No customer complained.\n")
	} else {
		fmt.Fprintf(b, "- Customers complained %s.\n", times(r.Complaints))
	}
	lostOps, lostDev := payLost(pm.cfg, pm.w.Statements())
	if lostOps > 0 {
		fmt.Fprintf(b, "- Ops lost %s of uptime bonus against a round without downtime.\n", Dollars(lostOps))
	}
	if lostDev > 0 {
		fmt.Fprintf(b, "- Dev lost %s of uptime bonus against a round without downtime.\n", Dollars(lostDev))
	}
	if r.Rollbacks > 0 {
		fmt.Fprintf(b, "- %s rolled back and went back to dev as rework.\n", countWas(r.Rollbacks, "release"))
	}
	b.WriteString("\n")
}

// writeDetection says what monitoring there was, what detected each incident and how
// fast, and how often the monitoring's alerts were right.
func (pm *postMortem) writeDetection() {
	b, r, cfg := &pm.b, pm.r, pm.cfg
	fmt.Fprintf(b, "Monitoring: **%s**. %s", monitoring(cfg.Monitoring), detections(pm.incs))
	if pm.by[sim.DetectedByNone] < len(pm.incs) {
		fmt.Fprintf(b, " Mean time to detect %s; from detection to acknowledgement %s.", Duration(ticks(r.MTTDs)), Duration(ticks(r.MTTAs)))
	}
	b.WriteString("\n")
	if cfg.Monitoring.BottomUp() {
		fmt.Fprintf(b, "\n%s %s\n", alertsFired(r.InfraAlerts, r.FalsePositives), falseNegatives(r.FalseNegatives))
	} else if cfg.Monitoring.TopDown() {
		fmt.Fprintf(b, "\n%s\n", falseNegatives(r.FalseNegatives))
	}
	b.WriteString("\n")
}

// writeResponse gives the time to restore and what ops did about the incidents.
func (pm *postMortem) writeResponse() {
	b, r, s := &pm.b, pm.r, pm.s
	b.WriteString(restoreTime(pm.incs, r))
	fmt.Fprintf(b, "Ops rolled back %s, picked %s back up and threw %d away.",
		times(r.Rollbacks), Count(s.Recoveries, "dropped version"), s.Discards)
	if pm.cfg.Release == sim.BlueGreen {
		b.WriteString(" Blue/green releases made every switch and rollback instant.")
	}
	b.WriteString("\n\n")
}

// writeFactors lists the contributing factors: the causes the incidents involved, the
// changes made while one was open, and how production was juggled.
func (pm *postMortem) writeFactors() {
	factors := append(pm.causeFactors(), pm.changeFactors()...)
	factors = append(factors, pm.juggleFactors()...)
	if len(factors) == 0 {
		factors = append(factors, "None stood out.")
	}
	writeList(&pm.b, factors)
}

// causeFactors counts the incidents that involved each cause, a defect first.
func (pm *postMortem) causeFactors() []string {
	s := pm.s
	var involved [8]int // by every cause an incident had
	for i := range pm.incs {
		for c := sim.CauseNoLive; c < sim.CauseUnknown; c++ {
			if pm.incs[i].HasCause(c) {
				involved[c]++
			}
		}
	}
	var out []string
	if n := involved[sim.CauseDefect]; n > 0 {
		out = append(out, fmt.Sprintf("%s involved a defect in a release (testing halved a defect chance %s in the whole round).", Count(n, "incident"), times(s.TestHalvings)))
	}
	if n := involved[sim.CauseLiveDrop]; n > 0 {
		out = append(out, fmt.Sprintf("%s involved the live version on the floor; %d in-place %s failed half-way.", Count(n, "incident"), s.FailedUpgrades, plural(s.FailedUpgrades, "upgrade")))
	}
	if n := involved[sim.CauseUpgrade]; n > 0 {
		out = append(out, fmt.Sprintf("%s involved an in-place upgrade or rollback restarting the service (%s each).", Count(n, "incident"), Duration(pm.cfg.UpgradeDowntimeTicks)))
	}
	if n := involved[sim.CauseNoLive]; n > 0 {
		out = append(out, fmt.Sprintf("%s involved a time with no version live at all.", Count(n, "incident")))
	}
	return out
}

// changeFactors counts the releases and change requests approved while an incident was
// open.
func (pm *postMortem) changeFactors() []string {
	var relDuring, crDuring, crApproved int32
	for i := range pm.incs {
		relDuring += pm.incs[i].Releases
		crDuring += pm.incs[i].CRs
		crApproved += pm.incs[i].CRsApproved
	}
	var out []string
	if relDuring > 0 {
		out = append(out, fmt.Sprintf("%s out while an incident was open.", countWent(relDuring, "release")))
	}
	if crApproved > 0 {
		out = append(out, fmt.Sprintf("%s approved during incidents (%d asked).", countWas(crApproved, "change request"), crDuring))
	}
	return out
}

// juggleFactors says how long production juggled too many versions, and what it
// dropped.
func (pm *postMortem) juggleFactors() []string {
	s := pm.s
	var out []string
	if over := s.OverTargetTicks; over > 0 {
		out = append(out, fmt.Sprintf("Production juggled more than %s %.0f %% of the time (at most %d): extra balls, extra drops.",
			Count(pm.cfg.TargetBalls, "version"), 100*float64(over)/float64(max(pm.w.Tick(), 1)), s.MaxBalls))
	}
	switch {
	case s.Drops == 1 && s.LiveDrops == 1:
		out = append(out, "1 ball was dropped in all: the live version.")
	case s.Drops == 1:
		out = append(out, "1 ball was dropped in all, not the live version.")
	case s.Drops > 0:
		out = append(out, fmt.Sprintf("%s dropped in all, %d of them the live version.", countWas(s.Drops, "ball"), s.LiveDrops))
	}
	return out
}

// writeWentWell lists what went well; there is always something.
func (pm *postMortem) writeWentWell() {
	r, s, cfg := pm.r, pm.s, pm.cfg
	var good []string
	if len(pm.incs) > 0 && pm.by[sim.DetectedByComplaint] == 0 {
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
	writeList(&pm.b, good)
}

// writeQuestions numbers the lecture's four questions, then those this round raises.
func (pm *postMortem) writeQuestions() {
	r, cfg := pm.r, pm.cfg
	qs := []string{
		"What happened, and what was the impact on customers?",
		"How did we respond, and how long did each step take?",
		"What was the root cause, and which factors enabled it?",
		"What did we learn, and what do we need to do to prevent it?",
	}
	if n := pm.by[sim.DetectedByComplaint]; n > 0 {
		qs = append(qs, fmt.Sprintf("Customers told us about %s before we knew. What would top-down monitoring have changed?", Count(n, "incident")))
	}
	if r.DevPay != r.OpsPay && cfg.DevPay.PerFeature > 0 && cfg.OpsPay.PerFeature == 0 {
		qs = append(qs, fmt.Sprintf("Dev earned %s and ops %s. How did each role's pay shape what it did at the change-request gate?", Dollars(r.DevPay), Dollars(r.OpsPay)))
	}
	if slices.ContainsFunc(pm.incs, func(in sim.Incident) bool { return in.Cause == sim.CauseUpgrade }) {
		qs = append(qs, "Every in-place upgrade cost downtime. What would blue/green releases change?")
	}
	if r.LockedDays > 0 {
		qs = append(qs, fmt.Sprintf("The error budget locked releases for %s. Was that time well spent?", Duration(sim.Tick(pm.s.LockedTicks))))
	}
	for i, q := range qs {
		fmt.Fprintf(&pm.b, "%d. %s\n", i+1, q)
	}
}

// writeList writes a bulleted list and the blank line after it.
func writeList(b *strings.Builder, items []string) {
	for _, it := range items {
		fmt.Fprintf(b, "- %s\n", it)
	}
	b.WriteString("\n")
}

// writeTimeline writes the timeline: routine restarts summed up in a line, every other
// incident in a table (the most harmful maxTimeline of them).
func (pm *postMortem) writeTimeline() {
	b, cfg, incs := &pm.b, pm.cfg, pm.incs
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
	if len(restarts) > 0 {
		pm.writeRestarts(restarts, len(shown))
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
			acknowledged(&in), resolved(&in), lasted(&in, pm.w.Tick()), float64(in.MinAvailabilityPermille)/10)
	}
	if listed > len(shown) {
		fmt.Fprintf(b, "\n%s not listed.\n", countWas(listed-len(shown), "less harmful incident"))
	}
	b.WriteString("\n")
}

// writeRestarts sums up the routine restarts in a line, and says whether other
// incidents (others of them) follow in the table.
func (pm *postMortem) writeRestarts(restarts []sim.Incident, others int) {
	b, cfg := &pm.b, pm.cfg
	each := " each"
	if len(restarts) == 1 {
		each = ""
	}
	fmt.Fprintf(b, "%s restarted the service for %s%s%s. ",
		Count(len(restarts), "in-place upgrade"), Duration(cfg.UpgradeDowntimeTicks), each, restartsNoticed(cfg, restarts))
	switch others {
	case 0:
		b.WriteString("Nothing else happened.\n")
	case 1:
		b.WriteString("The other incident is listed below.\n\n")
	default:
		b.WriteString("The other incidents are listed below.\n\n")
	}
}

// restoreTime gives the mean time to restore and its DORA band, saying how it counts
// the incidents still open at the end (up to the end: they lasted at least that long),
// or why there is none.
func restoreTime(incs []sim.Incident, r sim.Result) string {
	switch {
	case len(incs) == 0:
		return "There was no incident, so nothing to restore. "
	case r.OpenIncidents == len(incs):
		return fmt.Sprintf("No incident was resolved before the round ended: counted up to the end, the mean time to restore is at least %s (DORA: %s). ",
			Duration(ticks(r.MTTRs)), r.RestoreBand)
	case r.OpenIncidents > 0:
		return fmt.Sprintf("Mean time to restore: %s (DORA: %s), counting the %s still open at the end up to the end. ",
			Duration(ticks(r.MTTRs)), r.RestoreBand, Count(r.OpenIncidents, "incident"))
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
