// Package solve solves the game an equilibrium bot plays (sim/bot.EquilibriumBot):
// every pair of a config's strategies over a fixed seed set, then the equilibrium. It is
// the research side of that bot: importing it sets sim/bot's Solver, so that a tool
// (jugglesim, a sweep) solves a game it finds neither shipped nor cached; the game does
// not import it, and ships no solver.
package solve

import (
	"fmt"
	"math/big"
	"runtime"
	"sync"

	"devopsjuggle/sim"
	"devopsjuggle/sim/bot"
	"devopsjuggle/sim/bot/solutions"
	"devopsjuggle/sim/equilibrium"
	"devopsjuggle/sim/strategy"
)

func init() { bot.SetSolver(Game) }

// Game plays every pair of the config's strategies over the fixed seed set (common
// random numbers, on every core), solves the game, and returns the equilibrium its
// roles are taken to play: where best responses lead from the config's own strategies,
// or the mixed equilibrium Lemke-Howson finds when they cycle (equilibrium.Table.Select).
// It is jugglesim equilibrium's played equilibrium for the same config and seeds.
func Game(cfg sim.Config, grids [2]strategy.Grid) (solutions.Solution, error) {
	var sp [2]*strategy.Space
	for r := range sp {
		s, err := grids[r].Space(&cfg)
		if err != nil {
			return solutions.Solution{}, err
		}
		sp[r] = s
	}
	n := bot.SolveLastSeed - bot.SolveFirstSeed + 1
	rows, cols := len(sp[sim.Dev].Strategies), len(sp[sim.Ops].Strategies)
	results := make([]sim.Result, rows*cols*n)
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				pair, k := j/n, j%n
				c := cfg
				sp[sim.Dev].Strategies[pair/cols].Apply(&c)
				sp[sim.Ops].Strategies[pair%cols].Apply(&c)
				results[j] = bot.Play(c, uint64(bot.SolveFirstSeed+k))
			}
		}()
	}
	for j := range results {
		jobs <- j
	}
	close(jobs)
	wg.Wait()

	m := equilibrium.NewMatrix(cfg.Name, sp[sim.Dev].Names(), sp[sim.Ops].Names(), n)
	for j := range results {
		pair := j / n
		m.Add(equilibrium.Profile{Dev: pair / cols, Ops: pair % cols}, j%n, &results[j])
	}
	own := equilibrium.Profile{Dev: sp[sim.Dev].Own, Ops: sp[sim.Ops].Own}
	sel, err := m.Table.Select(own, equilibrium.Significant)
	if err != nil {
		return solutions.Solution{}, err
	}
	sol := solutions.Solution{Key: bot.GameKey(cfg, grids), Name: cfg.Name, Seeds: bot.SolveSeeds(), Months: cfg.Months,
		Rules: sim.RulesVersion, Dev: probabilities(m.Table.Names[sim.Dev], sel.Profile.Dev),
		Ops:    probabilities(m.Table.Names[sim.Ops], sel.Profile.Ops),
		DevPay: equilibrium.Float(m.Table.Payoff(sel.Profile, sim.Dev)), OpsPay: equilibrium.Float(m.Table.Payoff(sel.Profile, sim.Ops))}
	sol.Shipped, _ = m.Expected(sel.Profile, "shipped")
	sol.Uptime, _ = m.Expected(sel.Profile, "uptime")
	if sel.Mixed {
		sol.How = fmt.Sprintf("best responses from %s x %s cycle: the mixed equilibrium Lemke-Howson finds",
			m.Table.Names[sim.Dev][own.Dev], m.Table.Names[sim.Ops][own.Ops])
	} else {
		sol.How = fmt.Sprintf("where best responses from %s x %s lead (%s)",
			m.Table.Names[sim.Dev][own.Dev], m.Table.Names[sim.Ops][own.Ops], moves(len(sel.Path.Steps)))
	}
	return sol, nil
}

// probabilities writes the strategies a role plays with their exact probabilities.
func probabilities(names []string, p []*big.Rat) map[string]string {
	out := map[string]string{}
	for i, x := range p {
		if x.Sign() > 0 {
			out[names[i]] = x.RatString()
		}
	}
	return out
}

// moves counts a path's moves: "1 move", "2 moves".
func moves(n int) string {
	if n == 1 {
		return "1 move"
	}
	return fmt.Sprintf("%d moves", n)
}
