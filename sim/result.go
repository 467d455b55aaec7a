package sim

// Result is the outcome of a round: what users compare between rounds and what sweeps
// write, one row per round. Every float is one division of two exact integers, so a
// Result is the same on every platform.
type Result struct {
	Preset       string `json:"preset"`
	Seed         uint64 `json:"seed"`
	Months       int    `json:"months"`
	RulesVersion string `json:"rules_version"`
	Ticks        Tick   `json:"ticks"`

	Shipped  int32   `json:"shipped"`
	Released int32   `json:"released"`
	Deploys  int32   `json:"deploys"`
	Uptime   float64 `json:"uptime"` // mean availability, a fraction
	// DowntimeHours is the time at zero availability, in real-world hours.
	DowntimeHours float64 `json:"downtime_hours"`
	DevPay        int64   `json:"dev_pay"`
	OpsPay        int64   `json:"ops_pay"`

	Incidents      int     `json:"incidents"`
	Undetected     int     `json:"undetected"`
	Drops          int32   `json:"drops"`
	LiveDrops      int32   `json:"live_drops"`
	FailedUpgrades int32   `json:"failed_upgrades"`
	Rollbacks      int32   `json:"rollbacks"`
	CRs            int32   `json:"crs"`
	CRsApproved    int32   `json:"crs_approved"`
	MTTDs          float64 `json:"mttd_s"` // mean time to detect, seconds of play (= days)
	MTTAs          float64 `json:"mtta_s"` // mean time to acknowledge after detection
	// MTTRs is the mean time from an incident's start to its resolution, seconds of
	// play; an incident still open when the round ends counts up to the end (censored
	// there: it lasted at least that long), so a round that never restores does not
	// look quick. OpenIncidents says how many were counted so.
	MTTRs          float64 `json:"mttr_s"`
	InfraAlerts    int32   `json:"infra_alerts"`
	FalsePositives int32   `json:"false_positives"`
	FalseNegatives int32   `json:"false_negatives"`
	Complaints     int32   `json:"complaints"`
	LockedDays     float64 `json:"locked_days"` // days releases were locked by the error budget

	// DORA's four key metrics, with the game clock read as a calendar (1 s = 1 day).
	DeploysPerMonth    float64 `json:"deploys_per_month"`
	LeadTimeDays       float64 `json:"lead_time_days"`
	ChangeFailureRate  float64 `json:"change_failure_rate"`
	TimeToRestoreHours float64 `json:"time_to_restore_hours"` // MTTRs in hours, open incidents censored

	DeployBand        Band `json:"deploy_band"`
	LeadTimeBand      Band `json:"lead_time_band"`
	ChangeFailureBand Band `json:"change_failure_band"`
	RestoreBand       Band `json:"restore_band"`

	StateHash string `json:"state_hash"` // Hash() as 16 hex digits

	// Added in rules version 3, after the others so that sweep rows keep their columns.

	// Catches and Misses are the balls caught and the balls that reached a hand and were
	// not caught (the same count as Drops, named for the catch rate: catches / (catches
	// + misses)).
	Catches int32 `json:"catches"`
	Misses  int32 `json:"misses"`
	// OpenIncidents is the incidents still open at the end, counted in MTTRs up to it.
	OpenIncidents int `json:"open_incidents"`
}

// hex16 formats h as 16 hex digits, as fmt's %016x does, in one allocation.
func hex16(h uint64) string {
	const digits = "0123456789abcdef"
	var b [16]byte
	for i := 15; i >= 0; i-- {
		b[i] = digits[h&0xf]
		h >>= 4
	}
	return string(b[:])
}

// ratio returns n/d, or 0 when d is 0.
func ratio(n, d int64) float64 {
	if d == 0 {
		return 0
	}
	return float64(n) / float64(d)
}

// Result returns the outcome so far (the round's outcome once Done).
func (w *World) Result() Result {
	s := &w.stats
	c := &w.cfg
	r := Result{
		Preset: c.Name, Seed: w.seed, Months: c.Months, RulesVersion: RulesVersion, Ticks: w.tick,
		Shipped: s.Shipped, Released: s.Releases, Deploys: s.Deploys,
		Uptime:        ratio(s.AvailSum, 1000*int64(w.tick)),
		DowntimeHours: ratio(s.DownTicks*MinutesPerTick, 60),
		DevPay:        w.devPay, OpsPay: w.opsPay,
		Incidents: len(w.incidents), Drops: s.Drops, LiveDrops: s.LiveDrops, FailedUpgrades: s.FailedUpgrades,
		Rollbacks: s.Rollbacks, CRs: s.CRs, CRsApproved: s.CRsApproved,
		InfraAlerts: s.InfraAlerts, FalsePositives: s.FalsePositives, FalseNegatives: s.FalseNegatives,
		Complaints:        s.Complaints,
		LockedDays:        ratio(s.LockedTicks, TicksPerDay),
		DeploysPerMonth:   ratio(int64(s.Deploys)*int64(c.MonthTicks), int64(max(w.tick, 1))),
		LeadTimeDays:      ratio(s.LeadTimeSum, int64(s.Deploys)*TicksPerDay),
		ChangeFailureRate: ratio(int64(s.ChangeFailures), int64(s.Deploys)),
		StateHash:         hex16(w.Hash()),
		Catches:           s.Catches,
		Misses:            s.Drops,
	}
	var det, detN, ack, ackN, res, resN int64
	for i := range w.incidents {
		in := &w.incidents[i]
		if in.Detected >= 0 {
			det += int64(in.Detected - in.Start)
			detN++
		} else {
			r.Undetected++
		}
		if in.Acknowledged >= 0 {
			ack += int64(in.Acknowledged - in.Detected)
			ackN++
		}
		end := in.Resolved
		if end < 0 {
			end = w.tick // still open: censored at the end
			r.OpenIncidents++
		}
		res += int64(end - in.Start)
		resN++
	}
	r.MTTDs = ratio(det, detN*TicksPerSecond)
	r.MTTAs = ratio(ack, ackN*TicksPerSecond)
	r.MTTRs = ratio(res, resN*TicksPerSecond)
	r.TimeToRestoreHours = ratio(res*MinutesPerTick, resN*60)
	r.DeployBand = deployBand(r.DeploysPerMonth)
	r.LeadTimeBand = leadTimeBand(r.LeadTimeDays, s.Deploys > 0)
	r.ChangeFailureBand = changeFailureBand(r.ChangeFailureRate, s.Deploys > 0)
	r.RestoreBand = restoreBand(r.TimeToRestoreHours, resN > 0)
	return r
}

// Band is a DORA performance cluster, after the 2023 Accelerate State of DevOps report:
// "elite", "high", "medium" or "low"; "n/a" when the round gives no data for the metric.
type Band string

// The bands.
const (
	Elite  Band = "elite"
	High   Band = "high"
	Medium Band = "medium"
	Low    Band = "low"
	NoData Band = "n/a"
)

// deployBand: elite deploys on demand (daily or more), high between daily and weekly,
// medium between weekly and monthly, low less than monthly. A month is 30 days.
func deployBand(perMonth float64) Band {
	switch {
	case perMonth >= 30:
		return Elite
	case perMonth >= 30.0/7:
		return High
	case perMonth >= 1:
		return Medium
	}
	return Low
}

// leadTimeBand: elite under a day, high under a week, medium under a month, low more.
func leadTimeBand(days float64, any bool) Band {
	switch {
	case !any:
		return NoData
	case days < 1:
		return Elite
	case days < 7:
		return High
	case days < 30:
		return Medium
	}
	return Low
}

// changeFailureBand: the report's clusters sit at 5 %, 10 %, 15 % and 64 %.
func changeFailureBand(rate float64, any bool) Band {
	switch {
	case !any:
		return NoData
	case rate <= 0.05:
		return Elite
	case rate <= 0.10:
		return High
	case rate <= 0.15:
		return Medium
	}
	return Low
}

// restoreBand: elite under an hour, high under a day, medium under a week, low more.
func restoreBand(hours float64, any bool) Band {
	switch {
	case !any:
		return NoData
	case hours < 1:
		return Elite
	case hours < 24:
		return High
	case hours < 24*7:
		return Medium
	}
	return Low
}
