package swarm

import (
	"fmt"

	"devopsjuggle/sim"
)

// outcome is what a round ends with: its result and what it is computed from.
type outcome struct {
	cfg    sim.Config
	result sim.Result
	stats  sim.Stats
	months []sim.MonthStatement
}

func outcomeOf(w *sim.World) outcome {
	return outcome{cfg: w.Config(), result: w.Result(), stats: w.Stats(), months: w.Statements()}
}

// checkResult looks for impossible results at the end of a round: rates outside [0, 1],
// negative times, more shipped than deployed, months that do not add up to the round.
func checkResult(o outcome) error {
	r, cfg, s := o.result, o.cfg, o.stats
	days := float64(r.Ticks) / sim.TicksPerDay
	type rule struct {
		ok   bool
		what string
	}
	for _, c := range []rule{
		{r.Ticks == cfg.Ticks() && r.Months == cfg.Months, "the round's length"},
		{r.RulesVersion == sim.RulesVersion && len(r.StateHash) == 16, "the rules version and the hash"},
		{r.Uptime >= 0 && r.Uptime <= 1, "uptime outside [0, 1]"},
		{r.ChangeFailureRate >= 0 && r.ChangeFailureRate <= 1, "change failure rate outside [0, 1]"},
		{r.DowntimeHours >= 0 && r.DowntimeHours*60 <= float64(r.Ticks*sim.MinutesPerTick), "more downtime than the round"},
		{r.LockedDays >= 0 && r.LockedDays <= days, "locked longer than the round"},
		{r.MTTDs >= 0 && r.MTTAs >= 0 && r.MTTRs >= 0 && r.LeadTimeDays >= 0 && r.TimeToRestoreHours >= 0, "a negative time"},
		{r.MTTDs <= days && r.MTTAs <= days && r.MTTRs <= days, "a mean time longer than the round"},
		{r.DeploysPerMonth >= 0, "negative deploys"},
		{r.Shipped >= 0 && r.Shipped <= r.Deploys && r.Deploys <= r.Released, "shipped, deployed, released out of order"},
		{r.CRsApproved <= r.CRs && r.Released <= s.FeaturesBuilt+s.Rollbacks+s.Retires, "more approved or released than asked or built"},
		{r.Undetected <= r.Incidents && int(r.Complaints) <= r.Incidents && int(r.FalseNegatives) <= r.Incidents, "more undetected, complaints or false negatives than incidents"},
		{r.FalsePositives <= r.InfraAlerts && (cfg.Monitoring.BottomUp() || r.InfraAlerts == 0), "alerts without bottom-up monitoring, or false positives beyond alerts"},
		{r.LiveDrops <= r.Drops && r.FailedUpgrades <= r.Drops, "more live drops or failed upgrades than drops"},
		{cfg.Gate || r.CRs == 0, "change requests without the gate"},
		{cfg.ErrorBudget || r.LockedDays == 0, "locked without an error budget"},
		{s.AvailSum <= 1000*(int64(r.Ticks)-s.DownTicks), "availability above what the downtime leaves"},
		{r.DeployBand != "" && r.LeadTimeBand != "" && r.ChangeFailureBand != "" && r.RestoreBand != "", "a band missing"},
		{(r.Deploys == 0) == (r.ChangeFailureBand == sim.NoData), "a change failure band without deploys"},
	} {
		if !c.ok {
			return fmt.Errorf("%s: %+v", c.what, r)
		}
	}
	return checkMonths(o)
}

// checkMonths checks that the month statements add up to the round.
func checkMonths(o outcome) error {
	var shipped, deploys int32
	var dev, ops, avail int64
	var ticks sim.Tick
	r, ms, cfg, s := &o.result, o.months, &o.cfg, &o.stats
	if len(ms) != r.Months {
		return fmt.Errorf("%d statements for %d months", len(ms), r.Months)
	}
	for i, m := range ms {
		if m.Month != i || m.Ticks != cfg.MonthTicks || m.AvailSum < 0 || m.AvailSum > 1000*int64(m.Ticks) ||
			m.LockedTicks > m.Ticks || m.ErrorUsed < 0 || m.ErrorUsed > 1000*int64(m.Ticks) {
			return fmt.Errorf("month %d: %+v", i, m)
		}
		if m.DevPay != cfg.DevPay.Pay(m.Shipped, m.AvailSum, m.Ticks) || m.OpsPay != cfg.OpsPay.Pay(m.Shipped, m.AvailSum, m.Ticks) {
			return fmt.Errorf("month %d paid %d and %d: %+v", i, m.DevPay, m.OpsPay, m)
		}
		shipped += m.Shipped
		deploys += m.Deploys
		dev += m.DevPay
		ops += m.OpsPay
		avail += m.AvailSum
		ticks += m.Ticks
	}
	if shipped != r.Shipped || deploys != r.Deploys || dev != r.DevPay || ops != r.OpsPay || avail != s.AvailSum || ticks != r.Ticks {
		return fmt.Errorf("the months add up to %d shipped, %d deploys, $%d and $%d, %d permille-ticks over %d ticks; the round says %d, %d, $%d, $%d, %d over %d",
			shipped, deploys, dev, ops, avail, ticks, r.Shipped, r.Deploys, r.DevPay, r.OpsPay, s.AvailSum, r.Ticks)
	}
	return nil
}
