package strategy

import (
	"fmt"
	"slices"
	"strings"

	"devopsjuggle/sim"
)

// Greedy is the name of the dev strategy that leaves every axis at its default: no
// pacing, no testing, no holding, no reserve. It is the scripted greedy bot.
const Greedy = "greedy"

// Strategy is one choice of a role's bot: a value on every axis of the role, in the
// axes' order. Its name is its identity: two strategies with the same values are the
// same strategy, and Parse(s.Name()) gives s back.
type Strategy struct {
	Role   sim.Role
	Values []int64
	// Aliases are the scripted bots this strategy plays exactly (the sim.DevBotNames or
	// sim.OpsBotNames whose parameters it has, and the config's own bot's name), in the
	// model's order. A Space fills them; they are not part of the identity.
	Aliases []string
}

// Name returns the strategy's name: axis=value for each axis whose value is not the
// axis's default (or that is always shown), in the axes' order, joined by commas, e.g.
// "test=1s,hold=calm" or "gate=freeze,freeze=7s,response=recover". The dev strategy
// with every axis at its default is "greedy".
func (s Strategy) Name() string {
	var b strings.Builder
	for i := range axesOf(s.Role) {
		a := &axesOf(s.Role)[i]
		if s.Values[i] == a.Default && !a.Shown {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(a.Key)
		b.WriteByte('=')
		b.WriteString(a.Format(s.Values[i]))
	}
	if b.Len() == 0 {
		return Greedy
	}
	return b.String()
}

// String returns the name, with the scripted bots it plays in brackets.
func (s Strategy) String() string {
	if len(s.Aliases) == 0 {
		return s.Name()
	}
	return s.Name() + " (" + strings.Join(s.Aliases, ", ") + ")"
}

// Equal reports whether two strategies have the same values (aliases aside).
func (s Strategy) Equal(t Strategy) bool { return s.Role == t.Role && slices.Equal(s.Values, t.Values) }

// Value returns the strategy's value on the axis with the given key.
func (s Strategy) Value(key string) int64 {
	i, ok := lookupAxis(s.Role, key)
	if !ok {
		panic(fmt.Sprintf("strategy: %s has no axis %q", s.Role, key))
	}
	return s.Values[i]
}

// normalize puts values that play alike into one form, so that one behaviour has one
// name: a freeze time only matters with the freeze gate (it is 0 otherwise), and a
// freeze of 0 ticks approves exactly as approve-calm does.
func (s *Strategy) normalize() {
	if s.Role != sim.Ops {
		return
	}
	v := s.Values
	if v[opsGate] != freezeGate {
		v[opsFreeze] = 0
	} else if v[opsFreeze] == 0 {
		v[opsGate] = approveCalmGate
	}
}

// DevSpec returns the dev bot that plays the strategy, named after it.
func (s Strategy) DevSpec() sim.DevBotSpec {
	if s.Role != sim.Dev {
		panic("strategy: DevSpec of an ops strategy")
	}
	var sp specs
	for i := range devAxes {
		devAxes[i].set(&sp, s.Values[i])
	}
	sp.dev.Name = s.Name()
	return sp.dev
}

// OpsSpec returns the ops bot that plays the strategy with the given juggling skill (a
// skill, not a choice: it comes from the config), named after the strategy.
func (s Strategy) OpsSpec(skillPermille int32) sim.OpsBotSpec {
	if s.Role != sim.Ops {
		panic("strategy: OpsSpec of a dev strategy")
	}
	var sp specs
	for i := range opsAxes {
		opsAxes[i].set(&sp, s.Values[i])
	}
	sp.ops.Name = s.Name()
	sp.ops.SkillPermille = skillPermille
	return sp.ops
}

// Apply sets cfg's bot for the strategy's role to the strategy; ops keeps cfg's skill.
func (s Strategy) Apply(cfg *sim.Config) {
	if s.Role == sim.Dev {
		cfg.DevBot = s.DevSpec()
	} else {
		cfg.OpsBot = s.OpsSpec(cfg.OpsBot.SkillPermille)
	}
}

// FromDevSpec returns the strategy a dev bot's parameters play; the spec must be valid
// (as sim.Config.Validate checks it).
func FromDevSpec(d sim.DevBotSpec) Strategy {
	return fromSpecs(sim.Dev, &specs{dev: d})
}

// FromOpsSpec returns the strategy an ops bot's parameters play (its skill aside); the
// spec must be valid (as sim.Config.Validate checks it).
func FromOpsSpec(o sim.OpsBotSpec) Strategy {
	return fromSpecs(sim.Ops, &specs{ops: o})
}

func fromSpecs(role sim.Role, sp *specs) Strategy {
	axes := axesOf(role)
	s := Strategy{Role: role, Values: make([]int64, len(axes))}
	for i := range axes {
		s.Values[i] = axes[i].get(sp)
	}
	s.normalize()
	return s
}

// FromConfig returns the strategy the config's bot for role plays.
func FromConfig(cfg *sim.Config, role sim.Role) Strategy {
	if role == sim.Dev {
		return FromDevSpec(cfg.DevBot)
	}
	return FromOpsSpec(cfg.OpsBot)
}

// defaults returns the strategy with every axis at its default.
func defaults(role sim.Role) Strategy {
	axes := axesOf(role)
	s := Strategy{Role: role, Values: make([]int64, len(axes))}
	for i := range axes {
		s.Values[i] = axes[i].Default
	}
	return s
}

// Parse reads a strategy's name: comma-separated axis=value pairs in any order (an
// axis left out takes its default), "greedy", or the name of a scripted bot of the role
// (sim.DevBotNames, sim.OpsBotNames), which stands for that bot's parameters. Parse is
// the inverse of Name: Parse(s.Name()) equals s.
func Parse(role sim.Role, name string) (Strategy, error) {
	name = strings.TrimSpace(name)
	if !strings.Contains(name, "=") {
		if name == Greedy && role == sim.Dev {
			return defaults(role), nil
		}
		if s, ok := scripted(role, name); ok {
			return s, nil
		}
		return Strategy{}, fmt.Errorf("%s strategy %q: expected axis=value pairs (axes %s) or a scripted bot (%s)",
			role, name, axisKeys(role), strings.Join(scriptedNames(role), ", "))
	}
	s := defaults(role)
	seen := make([]bool, len(s.Values))
	for _, part := range strings.Split(name, ",") {
		key, val, ok := strings.Cut(part, "=")
		key = strings.TrimSpace(key)
		if !ok {
			return Strategy{}, fmt.Errorf("%s strategy %q: %q is not axis=value", role, name, part)
		}
		i, ok := lookupAxis(role, key)
		if !ok {
			return Strategy{}, fmt.Errorf("%s strategy %q: unknown axis %q (axes %s)", role, name, key, axisKeys(role))
		}
		if seen[i] {
			return Strategy{}, fmt.Errorf("%s strategy %q: %s given twice", role, name, key)
		}
		seen[i] = true
		v, err := axesOf(role)[i].Parse(val)
		if err != nil {
			return Strategy{}, fmt.Errorf("%s strategy %q: %v", role, name, err)
		}
		s.Values[i] = v
	}
	if role == sim.Ops {
		// Refuse what normalize would silently change: a name means what it says.
		switch g := s.Values[opsGate]; {
		case g == freezeGate && s.Values[opsFreeze] == 0:
			return Strategy{}, fmt.Errorf("ops strategy %q: gate=freeze needs a freeze time (freeze=7s)", name)
		case g != freezeGate && s.Values[opsFreeze] != 0:
			return Strategy{}, fmt.Errorf("ops strategy %q: freeze= only applies with gate=freeze", name)
		}
	}
	return s, nil
}

// MustParse is Parse for names known to be valid; it panics otherwise.
func MustParse(role sim.Role, name string) Strategy {
	s, err := Parse(role, name)
	if err != nil {
		panic(err)
	}
	return s
}

// Of returns the strategy with the given values on the role's axes (in the axes'
// order), put in the form its name reads (a freeze time only with the freeze gate; a
// freeze of 0 is approve-calm). A value out of its axis's range is an error.
func Of(role sim.Role, values []int64) (Strategy, error) {
	axes := axesOf(role)
	if len(values) != len(axes) {
		return Strategy{}, fmt.Errorf("%s strategy: %d values for %d axes", role, len(values), len(axes))
	}
	for i, v := range values {
		if v < 0 || v > axes[i].Max {
			return Strategy{}, fmt.Errorf("%s strategy: %s=%d is out of range", role, axes[i].Key, v)
		}
	}
	s := Strategy{Role: role, Values: slices.Clone(values)}
	s.normalize()
	return s, nil
}
