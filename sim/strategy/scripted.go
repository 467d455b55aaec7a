package strategy

import (
	"slices"

	"devopsjuggle/sim"
)

// scriptedNames lists the model's named bots of a role, in the model's order, but the
// novices: they play as people do, not a strategy of the bots' parameters.
func scriptedNames(role sim.Role) []string {
	names := sim.OpsBotNames()
	if role == sim.Dev {
		names = sim.DevBotNames()
	}
	return slices.DeleteFunc(names, sim.IsNovice)
}

// scripted returns the strategy a named bot of the model plays. Every parameter of a
// bot but ops' skill is an axis, so every scripted bot is a strategy, on the default
// grid or not.
func scripted(role sim.Role, name string) (Strategy, bool) {
	if !slices.Contains(scriptedNames(role), name) {
		return Strategy{}, false
	}
	var s Strategy
	if role == sim.Dev {
		spec, err := sim.DevBotSpecFor(name)
		if err != nil {
			return Strategy{}, false
		}
		s = FromDevSpec(spec)
	} else {
		spec, err := sim.OpsBotSpecFor(name)
		if err != nil {
			return Strategy{}, false
		}
		s = FromOpsSpec(spec)
	}
	s.Aliases = []string{name}
	return s, true
}

// Scripted returns the model's named bots of a role as strategies, each with its name as
// its alias, in the model's order: how each scripted bot maps onto the axes.
func Scripted(role sim.Role) []Strategy {
	var out []Strategy
	for _, n := range scriptedNames(role) {
		if s, ok := scripted(role, n); ok {
			out = append(out, s)
		}
	}
	return out
}
