package scenario

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"

	"devopsjuggle/sim"
	"devopsjuggle/sim/strategy"
)

// Kind is how a field's value is written in a file and converted to sim.Config.
type Kind int

// The kinds of fields.
const (
	// Seconds is a duration in seconds of play (a float), stored as whole ticks of 1/60 s.
	Seconds Kind = iota
	// Fraction is a chance, share or uptime from 0 to 1 (a float), stored in per-mille.
	Fraction
	// Int is a whole number (a count, or whole dollars).
	Int
	// Bool is true or false.
	Bool
	// Enum is one of a few strings.
	Enum
	// BotName names a dev or ops bot: it sets all of that bot's parameters at once.
	BotName
)

// Field is one scalar setting of a scenario file: its TOML path, where it lives in
// sim.Config, its unit and its meaning. The same paths name the parameters of
// jugglesim sweep -vary.
type Field struct {
	Path    string   // the TOML path, e.g. "ops.skill"
	Go      string   // the sim.Config field, e.g. "OpsBot.SkillPermille"
	Kind    Kind     //
	Doc     string   // the meaning and unit, for the printed file's comments
	Choices []string // the values an Enum or BotName takes
	MaxSec  float64  // for Seconds: the largest value accepted (0: 1e6 s)
}

// Limits on the values of a file, besides sim.Config.Validate's.
const (
	// tickSlack is how far from a whole tick a duration may be and still be taken as
	// that tick: 0.05 tick is under a millisecond, so 0.117 s reads as 7 ticks but 0.11 s
	// (6.6 ticks) is refused rather than silently rounded.
	tickSlack = 0.05
	// maxSeconds bounds durations, far above any sensible value, so that ticks never
	// overflow.
	maxSeconds = 1e6
	// permilleSlack absorbs the binary representation of three-decimal fractions.
	permilleSlack = 1e-6
)

func enumOf[T ~string](vs ...T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// fields lists every scalar field in the order a printed file shows them; tables go with
// the first field under them. Bots come before their parameters: a bot name sets them all.
var fields = []Field{
	{Path: "months", Go: "Months", Kind: Int, Doc: fmt.Sprintf("The round's length in months, 1 to %d.", sim.MonthsLimit)},

	{Path: "dev.bot", Go: "DevBot", Kind: BotName, Choices: strategy.BotNames(sim.Dev),
		Doc: "The dev bot: a scripted bot, a strategy's name (such as \"test=1s,hold=calm\": see [dev.strategies]), or a bot that plays for its pay. A scripted bot or a strategy sets all the parameters below to its own; the keys below then override them. \"equilibrium\" plays dev's strategy in the equilibrium of this scenario's game, \"learner\" learns from its pay month by month; both keep the parameters below as the scenario's own strategy."},
	{Path: "dev.interval_s", Go: "DevBot.IntervalTicks", Kind: Seconds, Doc: "Least time between two releases, in seconds (paced); 0 for none."},
	{Path: "dev.test_s", Go: "DevBot.TestTicks", Kind: Seconds, Doc: "How long each feature is tested before release, in seconds (tester); 0 for none."},
	{Path: "dev.calm_balls", Go: "DevBot.CalmBalls", Kind: Int,
		Doc: "When positive, hold releases while production juggles more balls than this or a known incident is open (careful); 0 for never."},
	{Path: "dev.budget_reserve", Go: "DevBot.BudgetReservePermille", Kind: Fraction,
		Doc: "When positive, hold releases once less than this share of the month's error budget is left, and test longer as it burns (budget); a fraction, 0 for never."},
	{Path: "dev.pay.per_feature", Go: "DevPay.PerFeature", Kind: Int, Doc: "Dollars paid to dev for each feature shipped in the month."},
	{Path: "dev.pay.uptime_bonus", Go: "DevPay.Tiers", Kind: -1,
		Doc: `Dev's monthly uptime bonus: { "THRESHOLD" = DOLLARS, ... }, where THRESHOLD is an uptime fraction written as a string; a month pays the bonus of the highest threshold its uptime reaches. {} for none.`},

	{Path: "ops.bot", Go: "OpsBot", Kind: BotName, Choices: strategy.BotNames(sim.Ops),
		Doc: "The ops bot: a scripted bot, a strategy's name (such as \"gate=freeze,freeze=7s,response=recover\": see [ops.strategies]), or a bot that plays for its pay, as for dev. A scripted bot sets all the parameters below (skill included) to its own, a strategy all but skill; the keys below then override them."},
	{Path: "ops.skill", Go: "OpsBot.SkillPermille", Kind: Fraction,
		Doc: "Juggling skill, a fraction: 1 never misses; lower values widen the timing error, and load widens it further."},
	{Path: "ops.gatekeeping", Go: "OpsBot.Gatekeeping", Kind: Enum, Choices: enumOf(sim.ApproveAll, sim.ApproveCalm, sim.Freeze, sim.RejectAll),
		Doc: "How the ops bot answers change requests: approve-all, approve-calm (when production is calm), freeze (approve-calm, and reject all for freeze_s after an incident or an approved change), reject-all."},
	{Path: "ops.freeze_s", Go: "OpsBot.FreezeTicks", Kind: Seconds, Doc: "How long the freeze rule rejects change requests, in seconds."},
	{Path: "ops.response", Go: "OpsBot.Response", Kind: Enum, Choices: enumOf(sim.RollbackFirst, sim.RecoverFirst),
		Doc: "What the ops bot does first when the live version is down or broken: rollback-first or recover-first."},
	{Path: "ops.reaction_s", Go: "OpsBot.ReactionTicks", Kind: Seconds, Doc: "How long the ops bot takes to act on an alert or a change request, in seconds."},
	{Path: "ops.pay.per_feature", Go: "OpsPay.PerFeature", Kind: Int, Doc: "Dollars paid to ops for each feature shipped in the month."},
	{Path: "ops.pay.uptime_bonus", Go: "OpsPay.Tiers", Kind: -1, Doc: "Ops' monthly uptime bonus, as for dev."},

	{Path: "practices.gate", Go: "Gate", Kind: Bool, Doc: "The change-request gate: ops approves or rejects each release."},
	{Path: "practices.cr_timeout_s", Go: "CRTimeoutTicks", Kind: Seconds,
		Doc: "How long a change request waits for an answer before it counts as rejected, in seconds."},
	{Path: "practices.release", Go: "Release", Kind: Enum, Choices: enumOf(sim.InPlace, sim.BlueGreen),
		Doc: "How a release reaches production: in-place (an upgrade with downtime) or blue-green (swapped in at a catch, no downtime, instant rollback)."},
	{Path: "practices.monitoring", Go: "Monitoring", Kind: Enum, Choices: enumOf(sim.MonitorNone, sim.MonitorBottomUp, sim.MonitorTopDown, sim.MonitorBoth),
		Doc: "How incidents are detected: none (customers complain), bottom-up (infrastructure alerts), top-down (a customer KPI alert) or both."},
	{Path: "practices.kpi_window_s", Go: "KPIWindowTicks", Kind: Seconds, MaxSec: float64(sim.KPIWindowMax) / sim.TicksPerSecond,
		Doc: fmt.Sprintf("The window of the top-down availability KPI, in seconds (at most %g).", float64(sim.KPIWindowMax)/sim.TicksPerSecond)},
	{Path: "practices.kpi_threshold", Go: "KPIThresholdPermille", Kind: Fraction,
		Doc: "The KPI level below which the top-down alert fires, an availability fraction."},
	{Path: "practices.error_budget", Go: "ErrorBudget", Kind: Bool,
		Doc: "The error budget: releases lock for the rest of a month once its downtime exceeds (1-slo) x month."},
	{Path: "practices.slo", Go: "SLOPermille", Kind: Fraction, Doc: "The availability objective behind the error budget, a fraction."},

	{Path: "model.month_s", Go: "MonthTicks", Kind: Seconds, MaxSec: float64(1<<20) / sim.TicksPerSecond,
		Doc: "The length of a month, in seconds of play (30 s reads as 30 days)."},
	{Path: "model.build_s", Go: "BuildTicks", Kind: Seconds, Doc: "How long dev takes to build one feature, in seconds."},
	{Path: "model.tray_cap", Go: "TrayCap", Kind: Int,
		Doc: fmt.Sprintf("How many finished features wait in dev's tray before development stalls, 1 to %d.", sim.TrayLimit)},
	{Path: "model.defect_chance", Go: "DefectChancePermille", Kind: Fraction, Doc: "The chance that a finished feature carries a hidden defect, a fraction."},
	{Path: "model.test_halving_s", Go: "TestHalvingTicks", Kind: Seconds, Doc: "How much testing halves a feature's defect chance, in seconds."},
	{Path: "model.rework_s", Go: "ReworkTicks", Kind: Seconds, Doc: "How long dev takes to rework a rolled-back feature, in seconds."},
	{Path: "model.defect_error", Go: "DefectErrorPermille", Kind: Fraction, Doc: "The share of requests that fail while a defective version is live, a fraction."},
	{Path: "model.bake_s", Go: "BakeTicks", Kind: Seconds, Doc: "How long a version must stay live, without rollback, to count as shipped, in seconds."},
	{Path: "model.target_balls", Go: "TargetBalls", Kind: Int, Doc: "The versions production should hold (live + standby), 1 to max_balls."},
	{Path: "model.max_balls", Go: "MaxBalls", Kind: Int,
		Doc: fmt.Sprintf("The most versions production holds; releases beyond it are refused, 2 to %d.", sim.MaxBallsLimit/2)},
	{Path: "model.catch_window_s", Go: "CatchWindowTicks", Kind: Seconds, Doc: "How far before or after a ball's arrival a press catches it, in seconds."},
	{Path: "model.flight_s", Go: "FlightTicks", Kind: Seconds, Doc: "A throw's time from one hand to the other, in seconds (longer than two catch windows)."},
	{Path: "model.release_flight_s", Go: "ReleaseFlightTicks", Kind: Seconds,
		Doc: "The flight of a newly released ball from dev to a hand, in seconds (longer than a catch window)."},
	{Path: "model.recover_s", Go: "RecoverTicks", Kind: Seconds, Doc: "How long picking a ball up from the floor keeps a hand busy, in seconds."},
	{Path: "model.grace_s", Go: "GraceTicks", Kind: Seconds,
		Doc: "How long the juggler holds the two balls before the first throws, in seconds: a person's moment to settle after the get-ready."},
	{Path: "model.upgrade_downtime_s", Go: "UpgradeDowntimeTicks", Kind: Seconds, Doc: "The outage of an in-place upgrade of the live version, in seconds."},
	{Path: "model.complaint_delay_s", Go: "ComplaintDelayTicks", Kind: Seconds,
		Doc: "How long after an impact begins a customer complains, in seconds (what detects incidents when nothing else does)."},
}

// tables are the TOML tables a file may hold, with what each is for.
var tables = []struct{ path, doc string }{
	{"dev", "Development: the dev bot and its parameters."},
	{"dev.pay", "How dev is paid each month."},
	{"ops", "Operations: the ops bot and its parameters."},
	{"ops.pay", "How ops is paid each month."},
	{"dev.strategies", "Dev's strategy space: the strategies jugglesim equilibrium plays against ops', and the equilibrium and learner bots choose from."},
	{"ops.strategies", "Ops' strategy space, as for dev."},
	{"practices", "The practices: switches a researcher varies one at a time."},
	{"model", "The model's durations and chances (docs/model.md)."},
}

// Fields returns the scalar fields of a scenario file, in the order a printed file
// shows them. Every one of them (but the uptime bonuses) can be varied by a sweep.
func Fields() []Field {
	var out []Field
	for _, f := range fields {
		if f.Kind >= 0 {
			out = append(out, f)
		}
	}
	return out
}

// Lookup returns the field with the given path ("ops.skill").
func Lookup(path string) (*Field, bool) {
	for i := range fields {
		if fields[i].Path == path && fields[i].Kind >= 0 {
			return &fields[i], true
		}
	}
	return nil, false
}

// byGo returns the field stored in the given sim.Config field ("OpsBot.SkillPermille").
func byGo(goPath string) (*Field, bool) {
	for i := range fields {
		if fields[i].Go == goPath {
			return &fields[i], true
		}
	}
	return nil, false
}

// value returns the sim.Config field behind f.
func (f *Field) value(cfg *sim.Config) reflect.Value {
	v := reflect.ValueOf(cfg).Elem()
	for _, name := range strings.Split(f.Go, ".") {
		v = v.FieldByName(name)
	}
	return v
}

// Set stores a TOML value (int64, float64, string or bool, as the TOML decoder gives
// them) in cfg, converting it from the file's units. Its error says what is wrong with
// the value, without the field's name.
func (f *Field) Set(cfg *sim.Config, raw any) error {
	v := f.value(cfg)
	switch f.Kind {
	case Seconds, Fraction, Int:
		n, err := f.modelUnits(raw, v)
		if err != nil {
			return err
		}
		v.SetInt(n)
	case Bool:
		b, ok := raw.(bool)
		if !ok {
			return fmt.Errorf("%s is not true or false", describe(raw))
		}
		v.SetBool(b)
	case Enum:
		s, ok := raw.(string)
		if !ok || !contains(f.Choices, s) {
			return fmt.Errorf("%s is not one of %s", describe(raw), quoteList(f.Choices))
		}
		v.SetString(s)
	case BotName:
		return f.setBot(cfg, raw)
	default:
		panic("scenario: Set on " + f.Path)
	}
	return nil
}

// modelUnits converts a number of the file (seconds, a fraction, a whole number) to
// the model's integer units (ticks, per-mille, itself), refusing what v cannot hold.
func (f *Field) modelUnits(raw any, v reflect.Value) (int64, error) {
	switch f.Kind {
	case Seconds:
		s, err := number(raw)
		if err != nil {
			return 0, err
		}
		t, err := secondsToTicks(s, f.MaxSec)
		return int64(t), err
	case Fraction:
		x, err := number(raw)
		if err != nil {
			return 0, err
		}
		pm, err := fractionToPermille(x)
		return int64(pm), err
	}
	n, ok := raw.(int64)
	if !ok {
		if x, isFloat := raw.(float64); isFloat {
			return 0, fmt.Errorf("%s is not a whole number", formatFloat(x))
		}
		return 0, fmt.Errorf("%s is not a whole number", describe(raw))
	}
	if v.OverflowInt(n) || n > math.MaxInt32 || n < math.MinInt32 {
		return 0, fmt.Errorf("%d is too large", n)
	}
	return n, nil
}

// setBot sets a role's bot to the one its name stands for (strategy.SetBot): a scripted
// bot, a strategy, or a bot that plays for its pay, named bare or as the game and the
// lecture hall write it ("bot:learner"), as jugglesim's -dev and -ops take it.
func (f *Field) setBot(cfg *sim.Config, raw any) error {
	s, ok := raw.(string)
	if !ok {
		return fmt.Errorf("%s is not a bot's name (%s, or a strategy's name)", describe(raw), quoteList(f.Choices))
	}
	role := sim.Dev
	if f.Go == "OpsBot" {
		role = sim.Ops
	}
	return strategy.SetBot(cfg, role, strategy.BotName(s))
}

// Parse reads a value written on a command line (-vary ops.skill=0.7) as the TOML value
// it stands for.
func (f *Field) Parse(s string) (any, error) {
	switch f.Kind {
	case Seconds, Fraction:
		x, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not a number", s)
		}
		return x, nil
	case Int:
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not a whole number", s)
		}
		return n, nil
	case Bool:
		switch s {
		case "true":
			return true, nil
		case "false":
			return false, nil
		}
		return nil, fmt.Errorf("%q is not true or false", s)
	}
	return s, nil
}

// Numeric reports whether the field takes numbers, so that a range (2:10:2) makes sense.
func (f *Field) Numeric() bool { return f.Kind == Seconds || f.Kind == Fraction || f.Kind == Int }

// Format returns the field's value in cfg in the file's units, as a TOML value: 0.7,
// 2.5, 3, true, "top-down".
func (f *Field) Format(cfg *sim.Config) string {
	s := f.Text(cfg)
	if f.Kind == Enum || f.Kind == BotName {
		return strconv.Quote(s)
	}
	return s
}

// Text is Format without quotes around strings: what a CSV cell shows.
func (f *Field) Text(cfg *sim.Config) string {
	v := f.value(cfg)
	switch f.Kind {
	case Seconds:
		return formatSeconds(sim.Tick(v.Int()))
	case Fraction:
		return formatPermille(int32(v.Int()))
	case Int:
		return strconv.FormatInt(v.Int(), 10)
	case Bool:
		return strconv.FormatBool(v.Bool())
	case Enum:
		return v.String()
	case BotName:
		return v.FieldByName("Name").String()
	}
	panic("scenario: Text of " + f.Path)
}

// IsString reports whether the field's values are strings (for JSON output).
func (f *Field) IsString() bool { return f.Kind == Enum || f.Kind == BotName }

// number accepts a TOML integer or float.
func number(raw any) (float64, error) {
	switch x := raw.(type) {
	case int64:
		return float64(x), nil
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return 0, fmt.Errorf("%v is not a number", x)
		}
		return x, nil
	}
	return 0, fmt.Errorf("%s is not a number", describe(raw))
}

// Units is how the model counts a numeric kind: a value in the file's units times perUnit
// is a whole number of the model's units (ticks, per-mille, dollars or counts), give or
// take slack of them (binary fractions, durations rounded to a millisecond).
func (k Kind) Units() (perUnit, slack float64) {
	switch k {
	case Seconds:
		return sim.TicksPerSecond, tickSlack
	case Fraction:
		return 1000, permilleSlack
	}
	return 1, 0
}

// secondsToTicks converts seconds to whole ticks. A value more than tickSlack away from a
// whole tick is refused: a sweep's rows then show exactly the durations the model ran.
func secondsToTicks(s, maxS float64) (sim.Tick, error) {
	if maxS == 0 {
		maxS = maxSeconds
	}
	if s < 0 {
		return 0, fmt.Errorf("%s s must not be negative", formatFloat(s))
	}
	if s > maxS {
		return 0, fmt.Errorf("%s s is more than the %s s allowed", formatFloat(s), formatFloat(maxS))
	}
	per, slack := Seconds.Units()
	t := s * per
	r := math.Round(t)
	if math.Abs(t-r) > slack {
		lo, hi := math.Floor(t), math.Ceil(t)
		return 0, fmt.Errorf("%s s is %.2f ticks: durations are whole ticks of 1/%d s, e.g. %s or %s",
			formatFloat(s), t, sim.TicksPerSecond, formatSeconds(sim.Tick(lo)), formatSeconds(sim.Tick(hi)))
	}
	return sim.Tick(r), nil
}

// fractionToPermille converts a fraction in [0, 1] with at most three decimals.
func fractionToPermille(x float64) (int32, error) {
	if x < 0 || x > 1 {
		return 0, fmt.Errorf("%s must be a fraction from 0 to 1 (write 0.98 for 98 %%)", formatFloat(x))
	}
	per, slack := Fraction.Units()
	pm := x * per
	r := math.Round(pm)
	if math.Abs(pm-r) > slack {
		return 0, fmt.Errorf("%s has more than three decimals: fractions are whole per-mille", formatFloat(x))
	}
	return int32(r), nil
}

// formatSeconds writes ticks as seconds with as few decimals as give the exact value, up
// to four; beyond that the value is rounded to four decimals, which still reads back as
// the same tick.
func formatSeconds(t sim.Tick) string {
	x := float64(t) / sim.TicksPerSecond
	for d := 0; d <= 4; d++ {
		s := strconv.FormatFloat(x, 'f', d, 64)
		if back, _ := strconv.ParseFloat(s, 64); back*sim.TicksPerSecond == float64(t) {
			return s
		}
	}
	return strconv.FormatFloat(x, 'f', 4, 64)
}

// exactSeconds reports whether formatSeconds gives the exact number of ticks.
func exactSeconds(t sim.Tick) bool {
	back, _ := strconv.ParseFloat(formatSeconds(t), 64)
	return back*sim.TicksPerSecond == float64(t)
}

// formatPermille writes per-mille as a fraction: 700 as 0.7, 1000 as 1.
func formatPermille(pm int32) string {
	return strconv.FormatFloat(float64(pm)/1000, 'f', -1, 64)
}

func formatFloat(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// describe names a TOML value's type for an error.
func describe(raw any) string {
	switch x := raw.(type) {
	case string:
		return strconv.Quote(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return formatFloat(x)
	case bool:
		return strconv.FormatBool(x)
	case map[string]any:
		return "a table"
	case []map[string]any, []any:
		return "an array"
	case time.Time:
		return "a date or time"
	}
	return fmt.Sprintf("a %T", raw)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func quoteList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = strconv.Quote(s)
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}
