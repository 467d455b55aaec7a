package strategy

import (
	"fmt"
	"math/big"
	"slices"
	"strconv"
	"strings"

	"devopsjuggle/sim"
)

// Kind is how an axis's values are written and stored.
type Kind int

// The kinds of axes.
const (
	// Seconds is a duration, stored in ticks and written in seconds of play ("1.5s" in a
	// name, 1.5 in a scenario file).
	Seconds Kind = iota
	// Share is a fraction from 0 to 1 with at most three decimals, stored in per-mille.
	Share
	// Count is a whole number; some values may also have a word (hold=calm is 2).
	Count
	// Choice is one of a few words, stored as its index in Axis.Choices.
	Choice
)

// Label is a word for one value of a Count axis.
type Label struct {
	Value int64
	Word  string
}

// Axis is one choice a role's bot makes: a parameter of sim.DevBotSpec or sim.OpsBotSpec
// that is a decision, not a skill. A strategy is one value on every axis of its role.
type Axis struct {
	Role sim.Role
	// Key names the axis in strategy names (test=1s).
	Key string
	// FileKey names it in a scenario file's [dev.strategies] or [ops.strategies] table;
	// it is the key of the same parameter in the [dev] or [ops] table.
	FileKey string
	Kind    Kind
	// Choices are a Choice axis's words in names; Long are the same values as the model
	// and scenario files spell them (rollback-first), also accepted.
	Choices, Long []string
	// Labels are words for some values of a Count axis.
	Labels []Label
	// Default is the value a name leaves out: a strategy's name lists only the axes whose
	// value differs from their default (unless Shown).
	Default int64
	// Shown axes appear in every name, even at their default value.
	Shown bool
	// Max bounds the stored value (ticks, per-mille or count).
	Max int64
	// Doc is the axis's meaning, for people (jugglesim scenario print).
	Doc string

	get func(*specs) int64
	set func(*specs, int64)
	// inert reports why the axis cannot change play under a config ("" when it can).
	inert func(*sim.Config) string
}

// specs holds a strategy's parameters while they are read or written.
type specs struct {
	dev sim.DevBotSpec
	ops sim.OpsBotSpec
}

// maxTicks bounds a duration axis: a day of play, far beyond any month.
const maxTicks = 86400 * sim.TicksPerSecond

// gates and responses are the Choice axes' values as the model spells them.
var (
	gates     = []sim.Gatekeeping{sim.ApproveAll, sim.ApproveCalm, sim.Freeze, sim.RejectAll}
	responses = []sim.Response{sim.RollbackFirst, sim.RecoverFirst}
)

// The index of each axis in its role's table.
const (
	devInterval = iota
	devTest
	devHold
	devReserve
)

const (
	opsGate = iota
	opsFreeze
	opsResponse
	opsReact
)

// freezeGate is the index of sim.Freeze in gates.
const freezeGate = 2

// approveCalmGate is the index of sim.ApproveCalm in gates.
const approveCalmGate = 1

func always(*sim.Config) string { return "" }

// devAxes are dev's choices, in the order names list them.
var devAxes = []Axis{
	{
		Role: sim.Dev, Key: "interval", FileKey: "interval_s", Kind: Seconds, Max: maxTicks,
		Doc:   "Least time between two releases, in seconds (the paced bot); 0 for none.",
		get:   func(s *specs) int64 { return int64(s.dev.IntervalTicks) },
		set:   func(s *specs, v int64) { s.dev.IntervalTicks = sim.Tick(v) },
		inert: always,
	},
	{
		Role: sim.Dev, Key: "test", FileKey: "test_s", Kind: Seconds, Max: maxTicks,
		Doc: "How long each feature is tested before release, in seconds (the tester); each " +
			"test-halving time halves its defect chance; 0 for none.",
		get: func(s *specs) int64 { return int64(s.dev.TestTicks) },
		set: func(s *specs, v int64) { s.dev.TestTicks = sim.Tick(v) },
		inert: func(c *sim.Config) string {
			if c.DefectChancePermille == 0 {
				return "features carry no defects (model.defect_chance = 0): there is nothing to test for"
			}
			return ""
		},
	},
	{
		Role: sim.Dev, Key: "hold", FileKey: "calm_balls", Kind: Count, Max: sim.MaxBallsLimit,
		Labels: []Label{{0, "off"}, {2, "calm"}},
		Doc: "Hold releases while production juggles more balls than this or a known incident " +
			"is open (the careful bot): calm is 2 (live + standby), off (0) never holds.",
		get:   func(s *specs) int64 { return int64(s.dev.CalmBalls) },
		set:   func(s *specs, v int64) { s.dev.CalmBalls = int(v) },
		inert: always,
	},
	{
		Role: sim.Dev, Key: "reserve", FileKey: "budget_reserve", Kind: Share, Max: 1000,
		Doc: "Hold releases once less than this share of the month's error budget is left, and " +
			"test longer as it burns (the budget bot); a fraction, 0 for never.",
		get: func(s *specs) int64 { return int64(s.dev.BudgetReservePermille) },
		set: func(s *specs, v int64) { s.dev.BudgetReservePermille = int32(v) },
		inert: func(c *sim.Config) string {
			if !c.ErrorBudget {
				return "there is no error budget (practices.error_budget = false): the reserve never binds"
			}
			return ""
		},
	},
}

// opsAxes are ops' choices, in the order names list them. Juggling skill is not among
// them: it is a skill, fixed by the config.
var opsAxes = []Axis{
	{
		Role: sim.Ops, Key: "gate", FileKey: "gatekeeping", Kind: Choice, Max: int64(len(gates) - 1),
		Choices: []string{"approve-all", "approve-calm", "freeze", "reject-all"}, Long: enumOf(gates),
		Doc: "How change requests are answered: approve-all, approve-calm (when production is " +
			"calm), freeze (approve-calm, and reject all for the freeze time after an incident or " +
			"an approved change), reject-all.",
		get: func(s *specs) int64 { return int64(slices.Index(gates, s.ops.Gatekeeping)) },
		set: func(s *specs, v int64) { s.ops.Gatekeeping = gates[v] },
		inert: func(c *sim.Config) string {
			if !c.Gate {
				return "there is no change-request gate (practices.gate = false): releases go straight out"
			}
			return ""
		},
	},
	{
		Role: sim.Ops, Key: "freeze", FileKey: "freeze_s", Kind: Seconds, Max: maxTicks,
		Doc: "How long the freeze gate rejects change requests after an incident or an approved " +
			"change, in seconds; only with gate=freeze (a freeze of 0 is approve-calm).",
		get: func(s *specs) int64 { return int64(s.ops.FreezeTicks) },
		set: func(s *specs, v int64) { s.ops.FreezeTicks = sim.Tick(v) },
		inert: func(c *sim.Config) string {
			if !c.Gate {
				return "there is no change-request gate (practices.gate = false)"
			}
			return ""
		},
	},
	{
		Role: sim.Ops, Key: "response", FileKey: "response", Kind: Choice, Max: int64(len(responses) - 1),
		Choices: []string{"rollback", "recover"}, Long: enumOf(responses), Default: 1, Shown: true,
		Doc: "What to do first when the live version is down or broken: rollback (to the standby) " +
			"or recover (pick the ball up, and wait a recovery's time before rolling back a defect).",
		get:   func(s *specs) int64 { return int64(slices.Index(responses, s.ops.Response)) },
		set:   func(s *specs, v int64) { s.ops.Response = responses[v] },
		inert: always,
	},
	{
		Role: sim.Ops, Key: "react", FileKey: "reaction_s", Kind: Seconds, Max: maxTicks,
		Default: sim.TicksPerSecond / 2,
		Doc: "How long ops takes to act on an alert or a change request, in seconds (names leave " +
			"out 0.5s, every scripted ops bot's).",
		get:   func(s *specs) int64 { return int64(s.ops.ReactionTicks) },
		set:   func(s *specs, v int64) { s.ops.ReactionTicks = sim.Tick(v) },
		inert: always,
	},
}

func enumOf[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// Axes returns a role's axes, in the order strategy names list them.
func Axes(role sim.Role) []Axis {
	return slices.Clone(axesOf(role))
}

func axesOf(role sim.Role) []Axis {
	if role == sim.Dev {
		return devAxes
	}
	return opsAxes
}

// lookupAxis finds a role's axis by its name key or its file key.
func lookupAxis(role sim.Role, key string) (int, bool) {
	for i := range axesOf(role) {
		a := &axesOf(role)[i]
		if a.Key == key || a.FileKey == key {
			return i, true
		}
	}
	return -1, false
}

func axisKeys(role sim.Role) string {
	var ks []string
	for _, a := range axesOf(role) {
		ks = append(ks, a.Key)
	}
	return strings.Join(ks, ", ")
}

// Format writes a value as names show it: "1.5s", "0.4", "calm", "recover".
func (a *Axis) Format(v int64) string {
	switch a.Kind {
	case Seconds:
		return formatTicks(v) + "s"
	case Share:
		return formatDecimal(big.NewRat(v, 1000))
	case Count:
		for _, l := range a.Labels {
			if l.Value == v {
				return l.Word
			}
		}
		return strconv.FormatInt(v, 10)
	case Choice:
		return a.Choices[v]
	}
	panic(fmt.Sprintf("strategy: axis %s has kind %d", a.Key, a.Kind))
}

// FileValue writes a value as a scenario file does: seconds and fractions as numbers,
// counts as numbers, choices as the model spells them, quoted.
func (a *Axis) FileValue(v int64) string {
	switch a.Kind {
	case Seconds:
		return formatTicks(v)
	case Share:
		return formatDecimal(big.NewRat(v, 1000))
	case Count:
		return strconv.FormatInt(v, 10)
	case Choice:
		return strconv.Quote(a.Long[v])
	}
	panic(fmt.Sprintf("strategy: axis %s has kind %d", a.Key, a.Kind))
}

// Parse reads a value as a name or a scenario file writes it: seconds with or without
// the s ("1.5s", "1.5"), a fraction ("0.4"), a count or its word ("2", "calm"), a choice
// in its short or long form ("recover", "recover-first").
func (a *Axis) Parse(s string) (int64, error) {
	s = strings.TrimSpace(s)
	var v int64
	switch a.Kind {
	case Seconds:
		t, err := parseSeconds(strings.TrimSuffix(s, "s"))
		if err != nil {
			return 0, fmt.Errorf("%s=%s: %v", a.Key, s, err)
		}
		v = t
	case Share:
		r, ok := new(big.Rat).SetString(s)
		if !ok || strings.ContainsAny(s, "/eE") {
			return 0, fmt.Errorf("%s=%s: not a fraction like 0.4", a.Key, s)
		}
		r.Mul(r, big.NewRat(1000, 1))
		if !r.IsInt() || !r.Num().IsInt64() {
			return 0, fmt.Errorf("%s=%s: at most three decimals", a.Key, s)
		}
		v = r.Num().Int64()
	case Count:
		for _, l := range a.Labels {
			if l.Word == s {
				return l.Value, nil
			}
		}
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("%s=%s: not a whole number or %s", a.Key, s, a.labelWords())
		}
		v = n
	case Choice:
		i := slices.Index(a.Choices, s)
		if i < 0 {
			i = slices.Index(a.Long, s)
		}
		if i < 0 {
			return 0, fmt.Errorf("%s=%s: choose from %s", a.Key, s, strings.Join(a.Choices, ", "))
		}
		return int64(i), nil
	}
	if v < 0 || v > a.Max {
		return 0, fmt.Errorf("%s=%s: out of range [0, %s]", a.Key, s, a.Format(a.Max))
	}
	return v, nil
}

func (a *Axis) labelWords() string {
	var ws []string
	for _, l := range a.Labels {
		ws = append(ws, fmt.Sprintf("%s (%d)", l.Word, l.Value))
	}
	return strings.Join(ws, ", ")
}

// parseSeconds reads a decimal number of seconds exactly and returns it in ticks. Like a
// scenario file, it takes a value within 0.05 tick of a whole tick (0.117 reads as 7
// ticks) and refuses others (0.11 s is 6.6 ticks), so that no value is silently rounded.
func parseSeconds(s string) (int64, error) {
	r, ok := new(big.Rat).SetString(s)
	if !ok || strings.ContainsAny(s, "/eE") || s == "" {
		return 0, fmt.Errorf("not a number of seconds")
	}
	if r.Sign() < 0 {
		return 0, fmt.Errorf("negative")
	}
	r.Mul(r, big.NewRat(sim.TicksPerSecond, 1))
	// The nearest whole tick, and how far the value is from it.
	twice := new(big.Int).Mul(r.Num(), big.NewInt(2))
	twice.Add(twice, r.Denom())
	ticks := new(big.Int).Quo(twice, new(big.Int).Mul(r.Denom(), big.NewInt(2)))
	off := new(big.Rat).Sub(r, new(big.Rat).SetInt(ticks))
	if off.Abs(off).Cmp(big.NewRat(1, 20)) > 0 {
		return 0, fmt.Errorf("not a whole number of ticks (1/%d s)", sim.TicksPerSecond)
	}
	if !ticks.IsInt64() {
		return 0, fmt.Errorf("too long")
	}
	return ticks.Int64(), nil
}

// formatTicks writes a duration in seconds to at most three decimals: exactly when the
// tick count is a multiple of 3 (1/20 s has two decimals), else rounded, which
// parseSeconds reads back to the same tick (the error is at most 0.03 tick).
func formatTicks(t int64) string {
	s := big.NewRat(t, sim.TicksPerSecond).FloatString(3)
	return strings.TrimRight(strings.TrimRight(s, "0"), ".")
}

// formatDecimal writes a rational whose decimal expansion is finite, without trailing
// zeros: 1/2 is "0.5", 7 is "7".
func formatDecimal(r *big.Rat) string {
	s := r.FloatString(6)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}
