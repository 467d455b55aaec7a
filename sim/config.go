package sim

import (
	"errors"
	"fmt"
)

// ReleaseStyle is how a new version reaches production (docs/model.md, "Releases").
type ReleaseStyle string

// The release styles.
const (
	// InPlace throws the new ball into the juggle; catching it upgrades the live version
	// with UpgradeDowntimeTicks of outage, and dropping it is a failed upgrade.
	InPlace ReleaseStyle = "in-place"
	// BlueGreen deploys the new ball to the stand; ops swaps it in for a standby at a
	// catch, with no downtime, and rolls back instantly.
	BlueGreen ReleaseStyle = "blue-green"
)

// Monitoring is how incidents are detected (docs/model.md, "Incidents, monitoring and detection").
type Monitoring string

// The monitoring modes. Whatever the mode, customers complain ComplaintDelayTicks after
// an impact begins if nothing detected it before.
const (
	MonitorNone     Monitoring = "none"
	MonitorBottomUp Monitoring = "bottom-up"
	MonitorTopDown  Monitoring = "top-down"
	MonitorBoth     Monitoring = "both"
)

// BottomUp reports whether infrastructure alerts are on.
func (m Monitoring) BottomUp() bool { return m == MonitorBottomUp || m == MonitorBoth }

// TopDown reports whether the customer KPI alert is on.
func (m Monitoring) TopDown() bool { return m == MonitorTopDown || m == MonitorBoth }

// Tier is one step of an uptime bonus: a month whose uptime is at least MinUptimePermille
// pays Bonus dollars.
type Tier struct {
	MinUptimePermille int32 `json:"min_uptime_permille" toml:"min_uptime_permille"`
	Bonus             int32 `json:"bonus" toml:"bonus"`
}

// PayScheme is how one role is paid each month: PerFeature dollars for each feature
// shipped that month, plus the Bonus of the first tier the month's uptime reaches. Tiers
// are listed from the highest threshold down.
type PayScheme struct {
	PerFeature int32  `json:"per_feature" toml:"per_feature"`
	Tiers      []Tier `json:"tiers" toml:"tiers"`
}

// Pay returns the month's pay for shipped features and an uptime of availSum
// permille-ticks over ticks.
func (p PayScheme) Pay(shipped int32, availSum int64, ticks Tick) int64 {
	pay := int64(p.PerFeature) * int64(shipped)
	for _, t := range p.Tiers {
		if availSum >= int64(t.MinUptimePermille)*int64(ticks) {
			return pay + int64(t.Bonus)
		}
	}
	return pay
}

// MaxPay is the most the scheme pays in a month when shipped features reach
// maxFeatures; it scales pay charts.
func (p PayScheme) MaxPay(maxFeatures int32) int64 {
	var top int32
	for _, t := range p.Tiers {
		top = max(top, t.Bonus)
	}
	return int64(p.PerFeature)*int64(maxFeatures) + int64(top)
}

// Gatekeeping is how an ops bot answers change requests.
type Gatekeeping string

// The gatekeeping rules (docs/model.md, "Bots").
const (
	ApproveAll  Gatekeeping = "approve-all"
	ApproveCalm Gatekeeping = "approve-calm" // approve when production is calm, else wait
	Freeze      Gatekeeping = "freeze"       // approve-calm, and reject all for FreezeTicks after an incident or an approved change
	RejectAll   Gatekeeping = "reject-all"
)

// Response is what an ops bot does first about a live version that is down or broken.
type Response string

// The incident responses (docs/model.md, "Bots").
const (
	RollbackFirst Response = "rollback-first"
	RecoverFirst  Response = "recover-first"
)

// DevBotSpec holds a dev bot's parameters (package sim/bot plays them). The named
// strategies (greedy, paced, careful, tester, budget) are presets of these fields; every
// field applies whatever the name, so a scenario can combine them.
type DevBotSpec struct {
	Name string `json:"name" toml:"name"`
	// IntervalTicks is the least time between two releases (paced); 0 for none.
	IntervalTicks Tick `json:"interval_ticks" toml:"interval_ticks"`
	// TestTicks is how long each feature is tested before release (tester); 0 for none.
	TestTicks Tick `json:"test_ticks" toml:"test_ticks"`
	// CalmBalls, when positive, holds releases while production has more balls than this
	// or a known incident is open (careful).
	CalmBalls int `json:"calm_balls" toml:"calm_balls"`
	// BudgetReservePermille, when positive, holds releases once less than this share of
	// the month's error budget is left, and tests longer as the budget burns (budget).
	BudgetReservePermille int32 `json:"budget_reserve_permille" toml:"budget_reserve_permille"`
}

// OpsBotSpec holds an ops bot's parameters.
type OpsBotSpec struct {
	Name string `json:"name" toml:"name"`
	// SkillPermille is juggling skill: 1000 never misses, lower values widen the timing
	// error, and load (balls over target, crowded hands) widens it further.
	SkillPermille int32 `json:"skill_permille" toml:"skill_permille"`
	// Gatekeeping is the rule for change requests.
	Gatekeeping Gatekeeping `json:"gatekeeping" toml:"gatekeeping"`
	// FreezeTicks is how long the freeze rule rejects after an incident.
	FreezeTicks Tick `json:"freeze_ticks" toml:"freeze_ticks"`
	// Response is what to do first when the live version is down or defective.
	Response Response `json:"response" toml:"response"`
	// ReactionTicks is how long the bot takes to act on an alert or a change request.
	ReactionTicks Tick `json:"reaction_ticks" toml:"reaction_ticks"`
}

// Config is everything that defines a round, besides the seed and the inputs. Durations
// are in ticks, chances and rates in per-mille, money in whole dollars. Start from
// DefaultConfig or Preset and change fields; Validate before use (New panics on an
// invalid Config).
//
// The bounds Validate enforces:
//   - MonthTicks in [1, MonthTicksLimit], Months in [1, MonthsLimit];
//   - every other duration (the *Ticks fields, the bots' included) in [0, DurationLimit],
//     and positive where zero would mean nothing (a build, a flight, a timeout...);
//     KPIWindowTicks in [1, KPIWindowMax]; FlightTicks longer than two catch windows and
//     ReleaseFlightTicks longer than one;
//   - chances, shares and uptimes (the *Permille fields) in [0, 1000];
//   - TrayCap in [1, TrayLimit], MaxBalls in [2, MaxBallsLimit/2], TargetBalls in
//     [1, MaxBalls];
//   - pay per feature, bonuses and CalmBalls not negative, pay tiers from the highest
//     threshold down; the enumerations (Release, Monitoring, Gatekeeping, Response) one
//     of their constants.
type Config struct {
	// Name names the preset or scenario the config came from.
	Name string `json:"name"`
	// MonthTicks is the length of a month (1800 = 30 s).
	MonthTicks Tick `json:"month_ticks"`
	// Months is the length of the round.
	Months int `json:"months"`

	// BuildTicks is how long dev takes to build one feature.
	BuildTicks Tick `json:"build_ticks"`
	// TrayCap is how many finished features wait in the tray before development stalls.
	TrayCap int `json:"tray_cap"`
	// DefectChancePermille is the chance that a finished feature carries a defect.
	DefectChancePermille int32 `json:"defect_chance_permille"`
	// TestHalvingTicks is how much testing halves a feature's defect chance.
	TestHalvingTicks Tick `json:"test_halving_ticks"`
	// ReworkTicks is how long dev takes to rework a rolled-back feature; the reworked
	// feature gets a fresh defect draw.
	ReworkTicks Tick `json:"rework_ticks"`

	// Gate turns on the change-request gate: ops approves or rejects each release.
	Gate bool `json:"gate"`
	// CRTimeoutTicks is how long a change request waits before it counts as rejected.
	CRTimeoutTicks Tick `json:"cr_timeout_ticks"`
	// Release is in-place or blue/green.
	Release ReleaseStyle `json:"release"`
	// Monitoring is how incidents are detected.
	Monitoring Monitoring `json:"monitoring"`
	// ErrorBudget locks releases for the rest of a month once the month's downtime
	// exceeds (1 - SLO) x month.
	ErrorBudget bool `json:"error_budget"`
	// SLOPermille is the availability objective behind the error budget.
	SLOPermille int32 `json:"slo_permille"`

	// TargetBalls is the number of versions production should hold (live + standby).
	TargetBalls int `json:"target_balls"`
	// MaxBalls bounds the versions in production (juggle, stand and on their way, not
	// the floor); releases beyond it are refused.
	MaxBalls int `json:"max_balls"`
	// CatchWindowTicks is how far before or after a ball's arrival a press catches it.
	CatchWindowTicks Tick `json:"catch_window_ticks"`
	// FlightTicks is a throw's time from one hand to the other.
	FlightTicks Tick `json:"flight_ticks"`
	// ReleaseFlightTicks is the flight of a newly released ball from dev to a hand.
	ReleaseFlightTicks Tick `json:"release_flight_ticks"`
	// RecoverTicks is how long picking a ball up from the floor keeps a hand busy.
	RecoverTicks Tick `json:"recover_ticks"`
	// GraceTicks is how long the juggler holds the two balls before the round's first
	// throws, so that people can settle after the game's get-ready: the first ball lands
	// GraceTicks + FlightTicks/2 after the round starts, the second half a flight later.
	GraceTicks Tick `json:"grace_ticks"`
	// UpgradeDowntimeTicks is the outage of an in-place change of live version.
	UpgradeDowntimeTicks Tick `json:"upgrade_downtime_ticks"`

	// DefectErrorPermille is the share of requests that fail while a defective version is live.
	DefectErrorPermille int32 `json:"defect_error_permille"`
	// BakeTicks is how long a version must stay live, without rollback, to count as shipped.
	BakeTicks Tick `json:"bake_ticks"`

	// ComplaintDelayTicks is how long after an impact begins a customer complains.
	ComplaintDelayTicks Tick `json:"complaint_delay_ticks"`
	// KPIWindowTicks is the window of the top-down availability KPI.
	KPIWindowTicks Tick `json:"kpi_window_ticks"`
	// KPIThresholdPermille is the KPI level below which the top-down alert fires.
	KPIThresholdPermille int32 `json:"kpi_threshold_permille"`

	// DevPay and OpsPay are the pay schemes of the two roles.
	DevPay PayScheme `json:"dev_pay"`
	OpsPay PayScheme `json:"ops_pay"`

	// DevBot and OpsBot are the bots that play a role nobody plays (sim/bot).
	DevBot DevBotSpec `json:"dev_bot"`
	OpsBot OpsBotSpec `json:"ops_bot"`
}

// Bounds on a Config. The counts keep the state in fixed-size arrays; the durations keep
// every sum and product of ticks the model and the bots work out far from overflowing an
// int64, on every platform.
const (
	MaxBallsLimit   = 16      // Config.MaxBalls at most 8 (half of it), and the most balls the world holds
	TrayLimit       = 12      // Config.TrayCap at most
	MonthsLimit     = 120     // Config.Months at most
	MonthTicksLimit = 1 << 20 // Config.MonthTicks at most (about 4.9 hours of play)
	KPIWindowMax    = 1800    // Config.KPIWindowTicks at most (30 s)
	// DurationLimit bounds every other duration of a Config and of its bots: the length
	// of the longest round (MonthsLimit months of MonthTicksLimit ticks, 125,829,120
	// ticks, 2,097,152 s). A longer duration could only mean "never", which the limit
	// itself already means in any round.
	DurationLimit Tick = MonthsLimit * MonthTicksLimit
)

// Ticks returns the length of the round.
func (c *Config) Ticks() Tick { return c.MonthTicks * Tick(c.Months) }

// ErrorBudgetPermilleTicks is the month's error budget: the sum of (1000 - availability)
// over the month that the SLO allows.
func (c *Config) ErrorBudgetPermilleTicks() int64 {
	return int64(1000-c.SLOPermille) * int64(c.MonthTicks)
}

// FieldError is a Config field with a bad value.
type FieldError struct {
	Field string // the Go field name, e.g. "CatchWindowTicks"
	Value any
	Why   string
}

// Error names the field, its value and what is wrong with it.
func (e *FieldError) Error() string {
	return fmt.Sprintf("%s = %v: %s", e.Field, e.Value, e.Why)
}

// Validate checks every field against the bounds listed on Config and returns the first
// bad one as a *FieldError. Within them, no sum or product of ticks in the model or the
// bots can overflow.
func (c *Config) Validate() error {
	var err error // the first bad field
	// nonNeg and posTick check a duration: at least 0 (or 1), at most DurationLimit.
	nonNeg := func(field string, v Tick) {
		checkField(&err, v >= 0, field, v, "must not be negative")
		checkField(&err, v <= DurationLimit, field, v, whyTooLong)
	}
	posTick := func(field string, v Tick) {
		checkField(&err, v > 0, field, v, "must be positive")
		checkField(&err, v <= DurationLimit, field, v, whyTooLong)
	}
	permille := func(field string, v int32) {
		checkField(&err, v >= 0 && v <= 1000, field, v, whyPermille)
	}
	checkField(&err, c.MonthTicks > 0, "MonthTicks", c.MonthTicks, "must be positive")
	checkField(&err, c.MonthTicks <= MonthTicksLimit, "MonthTicks", c.MonthTicks, whyMonthTicks)
	checkField(&err, c.Months >= 1 && c.Months <= MonthsLimit, "Months", c.Months, whyMonths)
	posTick("BuildTicks", c.BuildTicks)
	checkField(&err, c.TrayCap >= 1 && c.TrayCap <= TrayLimit, "TrayCap", c.TrayCap, whyTrayCap)
	permille("DefectChancePermille", c.DefectChancePermille)
	posTick("TestHalvingTicks", c.TestHalvingTicks)
	posTick("ReworkTicks", c.ReworkTicks)
	posTick("CRTimeoutTicks", c.CRTimeoutTicks)
	checkField(&err, c.Release == InPlace || c.Release == BlueGreen, "Release", c.Release, `must be "in-place" or "blue-green"`)
	checkField(&err, c.Monitoring == MonitorNone || c.Monitoring == MonitorBottomUp || c.Monitoring == MonitorTopDown || c.Monitoring == MonitorBoth,
		"Monitoring", c.Monitoring, `must be "none", "bottom-up", "top-down" or "both"`)
	permille("SLOPermille", c.SLOPermille)
	checkField(&err, c.TargetBalls >= 1 && c.TargetBalls <= c.MaxBalls, "TargetBalls", c.TargetBalls, "must be in [1, MaxBalls]")
	checkField(&err, c.MaxBalls >= 2 && c.MaxBalls <= MaxBallsLimit/2, "MaxBalls", c.MaxBalls, whyMaxBalls)
	nonNeg("CatchWindowTicks", c.CatchWindowTicks)
	posTick("FlightTicks", c.FlightTicks)
	// The catch window is bounded above, so doubling it cannot wrap.
	checkField(&err, c.CatchWindowTicks > DurationLimit || c.FlightTicks > 2*c.CatchWindowTicks, "FlightTicks", c.FlightTicks, "must be longer than two catch windows")
	posTick("ReleaseFlightTicks", c.ReleaseFlightTicks)
	checkField(&err, c.ReleaseFlightTicks > c.CatchWindowTicks, "ReleaseFlightTicks", c.ReleaseFlightTicks, "must be longer than the catch window")
	posTick("RecoverTicks", c.RecoverTicks)
	nonNeg("GraceTicks", c.GraceTicks)
	nonNeg("UpgradeDowntimeTicks", c.UpgradeDowntimeTicks)
	permille("DefectErrorPermille", c.DefectErrorPermille)
	nonNeg("BakeTicks", c.BakeTicks)
	posTick("ComplaintDelayTicks", c.ComplaintDelayTicks)
	checkField(&err, c.KPIWindowTicks >= 1 && c.KPIWindowTicks <= KPIWindowMax, "KPIWindowTicks", c.KPIWindowTicks, whyKPIWindow)
	permille("KPIThresholdPermille", c.KPIThresholdPermille)
	// A pay scheme's field names are made only for a bad one.
	checkPay := func(field string, p PayScheme) {
		if p.PerFeature < 0 {
			checkField(&err, false, field+".PerFeature", p.PerFeature, "must not be negative")
		}
		for i, t := range p.Tiers {
			tier := func(name string) string { return fmt.Sprintf("%s.Tiers[%d].%s", field, i, name) }
			if t.MinUptimePermille < 0 || t.MinUptimePermille > 1000 {
				checkField(&err, false, tier("MinUptimePermille"), t.MinUptimePermille, whyPermille)
			}
			if t.Bonus < 0 {
				checkField(&err, false, tier("Bonus"), t.Bonus, "must not be negative")
			}
			if i > 0 && t.MinUptimePermille >= p.Tiers[i-1].MinUptimePermille {
				checkField(&err, false, tier("MinUptimePermille"), t.MinUptimePermille, "tiers must be listed from the highest threshold down")
			}
		}
	}
	checkPay("DevPay", c.DevPay)
	checkPay("OpsPay", c.OpsPay)
	d := c.DevBot
	nonNeg("DevBot.IntervalTicks", d.IntervalTicks)
	nonNeg("DevBot.TestTicks", d.TestTicks)
	checkField(&err, d.CalmBalls >= 0, "DevBot.CalmBalls", d.CalmBalls, "must not be negative")
	permille("DevBot.BudgetReservePermille", d.BudgetReservePermille)
	o := c.OpsBot
	permille("OpsBot.SkillPermille", o.SkillPermille)
	checkField(&err, o.Gatekeeping == ApproveAll || o.Gatekeeping == ApproveCalm || o.Gatekeeping == Freeze || o.Gatekeeping == RejectAll,
		"OpsBot.Gatekeeping", o.Gatekeeping, `must be "approve-all", "approve-calm", "freeze" or "reject-all"`)
	nonNeg("OpsBot.FreezeTicks", o.FreezeTicks)
	checkField(&err, o.Response == RollbackFirst || o.Response == RecoverFirst, "OpsBot.Response", o.Response, `must be "rollback-first" or "recover-first"`)
	nonNeg("OpsBot.ReactionTicks", o.ReactionTicks)
	return err
}

// checkField records a bad field in *first unless one came before (Validate reports the
// first). The value is made an interface only then: a valid config costs no allocation,
// and worlds are made by the thousand.
func checkField[T any](first *error, ok bool, field string, v T, why string) {
	if !ok && *first == nil {
		*first = &FieldError{field, v, why}
	}
}

// Validate's reasons with bounds in them, made once.
var (
	whyTooLong    = fmt.Sprintf("must be at most %d ticks (DurationLimit, the longest round)", DurationLimit)
	whyMonthTicks = fmt.Sprintf("must be at most %d", MonthTicksLimit)
	whyMonths     = fmt.Sprintf("must be in [1, %d]", MonthsLimit)
	whyTrayCap    = fmt.Sprintf("must be in [1, %d]", TrayLimit)
	whyMaxBalls   = fmt.Sprintf("must be in [2, %d]", MaxBallsLimit/2)
	whyKPIWindow  = fmt.Sprintf("must be in [1, %d]", KPIWindowMax)
)

const whyPermille = "must be a per-mille value in [0, 1000]"

// ErrUnknownPreset is wrapped by Preset's error for a name it does not know.
var ErrUnknownPreset = errors.New("unknown preset")
