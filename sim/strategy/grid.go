package strategy

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"devopsjuggle/sim"
)

// MaxStrategies bounds a role's strategy space: the empirical game plays every pair over
// every seed, so a grid of thousands is a typo, not a plan.
const MaxStrategies = 256

// Grid is a role's declared strategy space: the values each axis takes (every
// combination is a strategy) and named strategies added after them. A scenario file's
// [dev.strategies] or [ops.strategies] table narrows or widens it (SetTOML); Space turns
// it into the strategies of one config.
type Grid struct {
	Role sim.Role
	// Values holds, for each axis of the role in the axes' order, the values it takes.
	Values [][]int64
	// Include names strategies added after the grid's combinations, in this order: any
	// name Parse reads, scripted bots' names included.
	Include []string
}

// DefaultGrid returns a role's default strategy space.
//
// Dev (12 combinations): interval 0 or 6 s x test 0, 1 or 2 s x hold off or calm; the
// reserve stays 0, and the scripted budget bot (test=2s,hold=calm,reserve=0.4) is
// included for configs with an error budget.
//
// Ops (24): gate approve-all, approve-calm, reject-all, or freeze for 3, 7 or 15 s x
// response rollback or recover x react 0.5 or 1 s. Without a change-request gate only
// response and react remain (4 strategies).
//
// Every scripted bot of the role is included (all but budget are combinations already),
// but the novices, which play as people do.
func DefaultGrid(role sim.Role) Grid {
	s := sim.Tick(sim.TicksPerSecond)
	if role == sim.Dev {
		return Grid{Role: role, Values: [][]int64{
			devInterval: {0, int64(6 * s)},
			devTest:     {0, int64(s), int64(2 * s)},
			devHold:     {0, 2},
			devReserve:  {0},
		}, Include: scriptedNames(role)}
	}
	return Grid{Role: role, Values: [][]int64{
		opsGate:     {0, 1, 2, 3},
		opsFreeze:   {int64(3 * s), int64(7 * s), int64(15 * s)},
		opsResponse: {0, 1},
		opsReact:    {int64(s / 2), int64(s)},
	}, Include: scriptedNames(role)}
}

// Clone returns a deep copy, to change without touching g.
func (g Grid) Clone() Grid {
	c := Grid{Role: g.Role, Include: slices.Clone(g.Include)}
	for _, vs := range g.Values {
		c.Values = append(c.Values, slices.Clone(vs))
	}
	return c
}

// Set replaces the values of the axis named key (its name key or its file key) with
// values written as in names or scenario files.
func (g *Grid) Set(key string, values []string) error {
	i, ok := lookupAxis(g.Role, key)
	if !ok {
		return fmt.Errorf("%s strategies: unknown axis %q (axes %s, or include)", g.Role, key, axisKeys(g.Role))
	}
	a := &axesOf(g.Role)[i]
	if len(values) == 0 {
		return fmt.Errorf("%s strategies: %s needs at least one value", g.Role, a.FileKey)
	}
	var vs []int64
	for _, s := range values {
		v, err := a.Parse(s)
		if err != nil {
			return fmt.Errorf("%s strategies: %v", g.Role, err)
		}
		if slices.Contains(vs, v) {
			return fmt.Errorf("%s strategies: %s lists %s twice", g.Role, a.FileKey, a.Format(v))
		}
		vs = append(vs, v)
	}
	g.Values[i] = vs
	return nil
}

// SetTOML sets one key of a scenario file's strategies table from its decoded TOML
// value: an axis's file key (or name key) with a value or an array of values (numbers
// for seconds, fractions and counts, strings for choices and words), or "include" with
// an array of strategy names. Its error says what is wrong, without the file's name.
func (g *Grid) SetTOML(key string, raw any) error {
	list, ok := raw.([]any)
	if !ok {
		list = []any{raw}
	}
	strs := make([]string, len(list))
	for n, x := range list {
		switch v := x.(type) {
		case int64:
			strs[n] = strconv.FormatInt(v, 10)
		case float64:
			// The shortest decimal that reads back as the same float is what the file
			// says (0.1, not 0.1000000000000000055...).
			strs[n] = strconv.FormatFloat(v, 'f', -1, 64)
		case string:
			strs[n] = v
		default:
			return fmt.Errorf("%s strategies: %s: %v (%T) is not a number or a string", g.Role, key, x, x)
		}
	}
	if key == "include" {
		for _, s := range strs {
			if _, err := Parse(g.Role, s); err != nil {
				return fmt.Errorf("%s strategies: include: %v", g.Role, err)
			}
		}
		g.Include = strs
		return nil
	}
	return g.Set(key, strs)
}

// Size returns how many combinations the grid's values make, before those that play
// alike are merged (at most MaxStrategies+1: it stops counting beyond).
func (g Grid) Size() int {
	n := 1
	for _, vs := range g.Values {
		n *= len(vs)
		if n > MaxStrategies {
			return MaxStrategies + 1
		}
	}
	return n
}

// Inert is an axis that cannot change play under a config, and why.
type Inert struct {
	Key string
	Why string
}

// Space is a role's strategies for one config: the grid's combinations in order (the
// last axis varying fastest), then the included strategies, with those that play alike
// under the config merged into the first of them.
type Space struct {
	Role       sim.Role
	Strategies []Strategy
	// Own is the index of the strategy the config's own bot plays: the preset's
	// scripted strategy, always in the space.
	Own int
	// Inert lists the axes the config makes irrelevant; every strategy has them at their
	// default, so names leave them out.
	Inert []Inert
	inert []bool // per axis
}

// Space returns the grid's strategies under cfg. An axis the config makes irrelevant (no
// gate, no error budget, no defects) is set to its default in every strategy, so that
// strategies that would play exactly alike are one strategy, and the game has no
// duplicate rows. The config's own bot is added if the grid lacks it.
func (g Grid) Space(cfg *sim.Config) (*Space, error) {
	axes := axesOf(g.Role)
	if len(g.Values) != len(axes) {
		return nil, fmt.Errorf("%s strategies: %d axes given, the role has %d", g.Role, len(g.Values), len(axes))
	}
	for i, vs := range g.Values {
		if len(vs) == 0 {
			return nil, fmt.Errorf("%s strategies: %s has no values", g.Role, axes[i].FileKey)
		}
		for _, v := range vs {
			if v < 0 || v > axes[i].Max {
				return nil, fmt.Errorf("%s strategies: %s: %d is out of range [0, %d]", g.Role, axes[i].FileKey, v, axes[i].Max)
			}
		}
	}
	if g.Size() > MaxStrategies {
		return nil, fmt.Errorf("%s strategies: the grid has more than %d combinations", g.Role, MaxStrategies)
	}
	sp := &Space{Role: g.Role, inert: make([]bool, len(axes))}
	for i := range axes {
		if why := axes[i].inert(cfg); why != "" {
			sp.inert[i] = true
			sp.Inert = append(sp.Inert, Inert{Key: axes[i].Key, Why: why})
		}
	}
	add := func(s Strategy) int {
		sp.collapse(&s)
		for k := range sp.Strategies {
			if sp.Strategies[k].Equal(s) {
				return k
			}
		}
		sp.Strategies = append(sp.Strategies, Strategy{Role: s.Role, Values: s.Values})
		return len(sp.Strategies) - 1
	}

	// The combinations, the last axis fastest: an odometer over the value lists.
	idx := make([]int, len(axes))
	for range g.Size() {
		s := Strategy{Role: g.Role, Values: make([]int64, len(axes))}
		for i := range axes {
			s.Values[i] = g.Values[i][idx[i]]
		}
		add(s)
		for i := len(axes) - 1; i >= 0; i-- {
			if idx[i]++; idx[i] < len(g.Values[i]) {
				break
			}
			idx[i] = 0
		}
	}
	for _, name := range g.Include {
		s, err := Parse(g.Role, name)
		if err != nil {
			return nil, fmt.Errorf("%s strategies: include: %v", g.Role, err)
		}
		add(s)
	}
	sp.Own = add(FromConfig(cfg, g.Role))
	if len(sp.Strategies) > MaxStrategies {
		return nil, fmt.Errorf("%s strategies: more than %d", g.Role, MaxStrategies)
	}

	// The scripted bots each strategy plays exactly, under this config.
	for _, s := range Scripted(g.Role) {
		sp.collapse(&s)
		for k := range sp.Strategies {
			if sp.Strategies[k].Equal(s) {
				sp.Strategies[k].Aliases = append(sp.Strategies[k].Aliases, s.Aliases...)
			}
		}
	}
	return sp, nil
}

// collapse sets the axes the space's config makes irrelevant to their defaults.
func (sp *Space) collapse(s *Strategy) {
	axes := axesOf(sp.Role)
	for i := range axes {
		if sp.inert[i] {
			s.Values[i] = axes[i].Default
		}
	}
	s.normalize()
}

// Index returns the index of the strategy with the given name (any name Parse reads, so
// a scripted bot's name too) in the space. A name that differs from a strategy's only on
// axes the config makes irrelevant finds that strategy.
func (sp *Space) Index(name string) (int, bool) {
	s, err := Parse(sp.Role, name)
	if err != nil {
		return -1, false
	}
	sp.collapse(&s)
	for k := range sp.Strategies {
		if sp.Strategies[k].Equal(s) {
			return k, true
		}
	}
	return -1, false
}

// Names returns the strategies' names, in order.
func (sp *Space) Names() []string {
	out := make([]string, len(sp.Strategies))
	for k, s := range sp.Strategies {
		out[k] = s.Name()
	}
	return out
}

// WriteTOML writes the grid as a scenario file's table ([dev.strategies] or
// [ops.strategies]), each key after a comment that says what the axis means and how
// names show it. SetTOML reads every key back to the same grid.
func (g Grid) WriteTOML(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "[%s.strategies]\n", g.Role)
	head := fmt.Sprintf("The %s strategies: every combination of the values below, then the included ones. "+
		"A strategy's name lists the axes whose value is not the default, e.g. %s.", g.Role, exampleName(g.Role))
	for _, line := range wrap(head, 86) {
		fmt.Fprintf(&b, "# %s\n", line)
	}
	for i := range axesOf(g.Role) {
		a := &axesOf(g.Role)[i]
		fmt.Fprintf(&b, "#\n")
		for _, line := range wrap(a.Doc, 86) {
			fmt.Fprintf(&b, "# %s\n", line)
		}
		var shown []string
		for _, v := range g.Values[i] {
			if v != a.Default || a.Shown {
				shown = append(shown, a.Key+"="+a.Format(v))
			}
		}
		if len(shown) == 0 {
			shown = []string{"(none on this grid)"}
		}
		names := "In names: " + strings.Join(shown, ", ")
		if a.Shown {
			names += " (always shown)."
		} else {
			names += fmt.Sprintf("; %s=%s, the default, is left out.", a.Key, a.Format(a.Default))
		}
		for _, line := range wrap(names, 86) {
			fmt.Fprintf(&b, "# %s\n", line)
		}
		vals := make([]string, len(g.Values[i]))
		for k, v := range g.Values[i] {
			vals[k] = a.FileValue(v)
		}
		fmt.Fprintf(&b, "%s = [%s]\n", a.FileKey, strings.Join(vals, ", "))
	}
	fmt.Fprintf(&b, "#\n")
	for _, line := range wrap(fmt.Sprintf("Strategies added after the combinations: names as above, or scripted bots (%s).",
		strings.Join(scriptedNames(g.Role), ", ")), 86) {
		fmt.Fprintf(&b, "# %s\n", line)
	}
	inc := make([]string, len(g.Include))
	for k, s := range g.Include {
		inc[k] = strconv.Quote(s)
	}
	fmt.Fprintf(&b, "include = [%s]\n", strings.Join(inc, ", "))
	_, err := io.WriteString(w, b.String())
	return err
}

func exampleName(role sim.Role) string {
	if role == sim.Dev {
		return "test=1s,hold=calm; the strategy with none is greedy"
	}
	return "gate=freeze,freeze=7s,response=recover"
}

// wrap breaks text into lines of at most width bytes, at spaces.
func wrap(text string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		if line != "" && len(line)+1+len(w) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}
