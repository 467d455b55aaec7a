package equilibrium

import (
	"fmt"
	"math/big"

	"devopsjuggle/sim"
)

// MixedMode says when Solve looks for mixed equilibria.
type MixedMode int

// The modes.
const (
	// MixedWhenNoPure: only when the game has no pure equilibrium (under the rule).
	MixedWhenNoPure MixedMode = iota
	// MixedAlways: always, besides the pure ones.
	MixedAlways
	// MixedNever: pure equilibria only.
	MixedNever
)

// Search is how Solve looks for mixed equilibria.
type Search int

// The searches.
const (
	// LemkeHowsonFirst follows the Lemke-Howson path that drops dev's first strategy:
	// one mixed equilibrium, quickly (milliseconds for 48 x 48 strategies).
	LemkeHowsonFirst Search = iota
	// LemkeHowsonAll follows the path from every label, rows + cols paths, and keeps
	// each distinct end: more equilibria (not necessarily all), at up to rows + cols
	// times the cost (seconds for 48 x 48).
	LemkeHowsonAll
	// Enumerate enumerates supports: every equilibrium of a nondegenerate game, for
	// small games only (see SupportEnumeration).
	Enumerate
)

// Options tune Solve; the zero value is the default: the Significant rule, and one
// mixed equilibrium by Lemke-Howson when there is no pure one.
type Options struct {
	Rule   Rule
	Mixed  MixedMode
	Search Search
}

// Equilibrium is one equilibrium of a table, with what each role earns and could gain.
type Equilibrium struct {
	// Profile holds the probabilities; a pure equilibrium has a single 1 for each role.
	Profile Mixed
	// Pure reports whether it is pure; then Pure is its profile.
	IsPure bool
	Pure   Profile
	// Pay is each role's expected mean payoff, exactly (indexed by sim.Role).
	Pay [2]*big.Rat
	// Regret is each role's best deviation (Regret, MixedRegret): 0 for an equilibrium
	// of the means; under the Significant rule a pure one may have a positive regret
	// within its interval.
	Regret [2]Deviation
}

// Solution is a table's equilibria.
type Solution struct {
	Rule Rule
	// Equilibria lists the pure equilibria (under the rule) in row order, then the mixed
	// ones found (which are equilibria of the mean payoffs).
	Equilibria []Equilibrium
	// Mixed reports whether mixed equilibria were looked for.
	Mixed bool
}

// Solve finds the table's equilibria: every pure one under the rule, then, when the
// options ask for it, mixed ones as Options.Search says (each distinct one once). Mixed
// equilibria are exact equilibria of the mean payoffs; the rule only decides which pure
// profiles count as equilibria and whether there is one.
func (t *Table) Solve(opt Options) (Solution, error) {
	if err := t.Complete(); err != nil {
		return Solution{}, err
	}
	sol := Solution{Rule: opt.Rule}
	for _, p := range t.PureEquilibria(opt.Rule) {
		sol.Equilibria = append(sol.Equilibria, t.describe(PureMixed(t.Rows(), t.Cols(), p)))
	}
	if opt.Mixed == MixedNever || (opt.Mixed == MixedWhenNoPure && len(sol.Equilibria) > 0) {
		return sol, nil
	}
	sol.Mixed = true
	var found []Mixed
	switch opt.Search {
	case Enumerate:
		all, err := t.SupportEnumeration()
		if err != nil {
			return Solution{}, err
		}
		found = all
	default:
		labels := 1
		if opt.Search == LemkeHowsonAll {
			labels = t.Rows() + t.Cols()
		}
		var last error
		for k := range labels {
			m, err := t.LemkeHowson(k)
			if err != nil {
				last = err
				continue // another label may end sooner
			}
			found = append(found, m)
		}
		if len(found) == 0 {
			return Solution{}, last
		}
	}
	for _, m := range found {
		if !t.IsNash(m) {
			panic(fmt.Sprintf("equilibrium: the solver's %v is not an equilibrium", m))
		}
		if _, pure := m.Pure(); pure {
			continue // listed above (a pure equilibrium of the means counts under any rule)
		}
		dup := false
		for _, e := range sol.Equilibria {
			dup = dup || e.Profile.Equal(m)
		}
		if !dup {
			sol.Equilibria = append(sol.Equilibria, t.describe(m))
		}
	}
	return sol, nil
}

func (t *Table) describe(m Mixed) Equilibrium {
	e := Equilibrium{Profile: m}
	e.Pure, e.IsPure = m.Pure()
	for r := range 2 {
		role := sim.Role(r)
		e.Pay[r] = t.Payoff(m, role)
		e.Regret[r] = t.MixedRegret(m, role)
		if e.IsPure {
			e.Regret[r].From = e.Pure.of(role)
		}
	}
	return e
}
