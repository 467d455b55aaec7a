package main

import (
	"fmt"
	"math"
	"math/big"
	"sort"
	"strings"

	"devopsjuggle/sim"
	"devopsjuggle/sim/equilibrium"
	"devopsjuggle/sim/sweep"
)

// objective is what a manager wants of a cell's equilibrium (-objective).
type objective struct {
	name string
	// For profit: what a shipped feature is worth, and what an hour of lost
	// availability costs, in dollars.
	featureValue, downtimeCost float64
}

func parseObjective(name string, o objective) (objective, error) {
	switch name {
	case "value", "profit":
		o.name = name
		if math.IsNaN(o.featureValue) || math.IsInf(o.featureValue, 0) || math.IsNaN(o.downtimeCost) || math.IsInf(o.downtimeCost, 0) {
			return o, usagef("-feature-value and -downtime-cost must be numbers of dollars")
		}
		return o, nil
	}
	return o, usagef("-objective %q: must be value (features x uptime) or profit", name)
}

// describe says what the objective computes, for the output.
func (o objective) describe() string {
	if o.name == "profit" {
		return fmt.Sprintf("profit = $%s a feature shipped - $%s an hour of lost availability - dev's and ops' pay",
			strings.TrimSuffix(fmt.Sprintf("%g", o.featureValue), ".0"), strings.TrimSuffix(fmt.Sprintf("%g", o.downtimeCost), ".0"))
	}
	return "value = features shipped x uptime"
}

// score is the objective of a profile's figures in a round of cfg.
func (o objective) score(f *figure, cfg *sim.Config) float64 {
	if o.name == "profit" {
		hours := float64(int64(cfg.MonthTicks)*int64(cfg.Months)*sim.MinutesPerTick) / 60
		lost := float64(float64(1-f.Uptime) * hours)
		return float64(o.featureValue*f.Shipped) - float64(o.downtimeCost*lost) - f.DevPay - f.OpsPay
	}
	return float64(f.Shipped * f.Uptime)
}

// figure is one profile of a game and what it gives: what each role plays, its mean pay
// and outcomes, and what each role would gain by deviating alone.
type figure struct {
	// Dev and Ops are what each plays: a strategy's name, or, mixed, each strategy's
	// probability.
	Dev, Ops any
	DevPay   float64 `json:"dev_pay"`
	OpsPay   float64 `json:"ops_pay"`
	Shipped  float64 `json:"shipped"`
	Uptime   float64 `json:"uptime"`
	// DowntimeHours is the mean time fully down, real-world hours.
	DowntimeHours float64 `json:"downtime_hours"`
	Regret        [2]regret
	Objective     float64
	// Alike is, for a pure equilibrium, how many other pure equilibria paid both roles
	// the same on every seed (its class, equilibrium.Table.Group).
	Alike int
}

// regret is a role's best deviation from a profile: its mean gain in dollars, the 95 %
// interval's half-width, and the strategy it would play.
type regret struct {
	Gain, CI float64
	To       string
	Counts   bool // it counts under the rule: the profile is not an equilibrium for the role
}

// solvedGame is one cell's game solved.
type solvedGame struct {
	name    string
	game    *sweep.Game
	m       *equilibrium.Matrix
	eqs     []figure // every equilibrium found: pure ones (under the rule) in row order, or mixed ones
	classes [][]int  // the pure equilibria's classes of alike profiles, as indices into eqs
	mixed   bool     // eqs are mixed: the game has no pure equilibrium under the rule
	sel     equilibrium.Selection
	played  figure // the selected equilibrium (Selection)
	own     figure // the scripted pair
	path    []figure
	// worst and best are the objective's lowest and highest over eqs and played.
	worst, best float64
}

// solve solves every game: its equilibria, the selection from the scripted pair, and
// each profile's figures.
func (g *games) solve(obj objective) ([]*solvedGame, error) {
	var out []*solvedGame
	for i := range g.plan.Games {
		gm := &g.plan.Games[i]
		m := g.mats[i]
		t := m.Table
		sol, err := t.Solve(equilibrium.Options{})
		if err != nil {
			return nil, fmt.Errorf("%s: %v", g.plan.GameName(i), err)
		}
		own := equilibrium.Profile{Dev: gm.Spaces[sim.Dev].Own, Ops: gm.Spaces[sim.Ops].Own}
		sel, err := t.Select(own, equilibrium.Significant)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", g.plan.GameName(i), err)
		}
		s := &solvedGame{name: g.plan.GameName(i), game: gm, m: m, sel: sel, mixed: sol.Mixed}
		fig := func(mx equilibrium.Mixed) figure { return s.figure(mx, obj) }
		var pure []equilibrium.Profile
		for _, e := range sol.Equilibria {
			s.eqs = append(s.eqs, fig(e.Profile))
			if e.IsPure {
				pure = append(pure, e.Pure)
			}
		}
		if len(pure) > 0 {
			at := map[equilibrium.Profile]int{}
			for k, p := range pure {
				at[p] = k
			}
			for _, c := range t.Group(pure) {
				var idx []int
				for _, p := range c {
					idx = append(idx, at[p])
					s.eqs[at[p]].Alike = len(c) - 1
				}
				s.classes = append(s.classes, idx)
			}
		}
		s.played = fig(sel.Profile)
		s.own = fig(equilibrium.PureMixed(t.Rows(), t.Cols(), own))
		s.path = append(s.path, s.own)
		for _, st := range sel.Path.Steps {
			s.path = append(s.path, fig(equilibrium.PureMixed(t.Rows(), t.Cols(), st.To)))
		}
		s.worst, s.best = s.played.Objective, s.played.Objective
		for _, e := range s.eqs {
			s.worst, s.best = math.Min(s.worst, e.Objective), math.Max(s.best, e.Objective)
		}
		out = append(out, s)
	}
	return out, nil
}

// figure computes a profile's figures.
func (s *solvedGame) figure(mx equilibrium.Mixed, obj objective) figure {
	t := s.m.Table
	f := figure{
		Dev: played(t.Names[sim.Dev], mx.Dev), Ops: played(t.Names[sim.Ops], mx.Ops),
		DevPay: equilibrium.Float(t.Payoff(mx, sim.Dev)), OpsPay: equilibrium.Float(t.Payoff(mx, sim.Ops)),
	}
	f.Shipped, _ = s.m.Expected(mx, "shipped")
	f.Uptime, _ = s.m.Expected(mx, "uptime")
	f.DowntimeHours, _ = s.m.Expected(mx, "downtime_hours")
	for r := range 2 {
		d := t.MixedRegret(mx, sim.Role(r))
		rg := regret{Gain: d.GainFloat(), CI: d.HalfWidth, Counts: d.Counts(equilibrium.Significant)}
		if d.Gain.Sign() > 0 {
			rg.To = t.Names[r][d.To]
		}
		f.Regret[r] = rg
	}
	f.Objective = obj.score(&f, &s.game.Config)
	return f
}

// played is what a role plays: its strategy's name when pure, else each strategy it
// plays with its probability.
func played(names []string, p []*big.Rat) any {
	mix := map[string]float64{}
	for i, x := range p {
		if x.Sign() > 0 {
			if x.Cmp(big.NewRat(1, 1)) == 0 {
				return names[i]
			}
			mix[names[i]] = equilibrium.Float(x)
		}
	}
	return mix
}

// strategyText writes what a role plays for a table or a CSV cell: a name, or the mixed
// strategies by falling probability, "0.6 test=1s + 0.4 greedy".
func strategyText(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	mix := v.(map[string]float64)
	names := make([]string, 0, len(mix))
	for n := range mix {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		if mix[names[i]] != mix[names[j]] {
			return mix[names[i]] > mix[names[j]]
		}
		return names[i] < names[j]
	})
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = fmt.Sprintf("%.3g %s", mix[n], n)
	}
	return strings.Join(parts, " + ")
}
