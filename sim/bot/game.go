package bot

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/big"
	"runtime"
	"sync"

	"devopsjuggle/sim"
	"devopsjuggle/sim/bot/solutions"
	"devopsjuggle/sim/equilibrium"
	"devopsjuggle/sim/strategy"
)

// The fixed seed set the equilibrium bot's games are solved over: the same 200 seeds as
// README's calibration, so that a preset's shipped solution is the one jugglesim
// equilibrium -presets NAME (its default -seeds 1-200) prints.
const (
	SolveFirstSeed = 1
	SolveLastSeed  = 200
)

// solveSeeds is SolveFirstSeed-SolveLastSeed as the solutions write it.
var solveSeeds = fmt.Sprintf("%d-%d", SolveFirstSeed, SolveLastSeed)

// GameKey identifies the game the equilibrium bot solves for a config and strategy
// spaces: a SHA-256 of the config with its name and its bots' names left out (the bots'
// parameters stay: they are the config's own strategies, where the best-response path
// starts), both spaces, the seed set, the significance rule and the rules version.
// Two configs with the same key have the same solution.
func GameKey(cfg sim.Config, grids [2]strategy.Grid) string {
	cfg.Name, cfg.DevBot.Name, cfg.OpsBot.Name = "", "", ""
	data, err := json.Marshal(struct {
		What   string
		Rules  string
		Seeds  string
		Rule   string
		Config sim.Config
		Grids  [2]strategy.Grid
	}{"devopsjuggle equilibrium bot, game v1", sim.RulesVersion, solveSeeds, equilibrium.Significant.String(), cfg, grids})
	if err != nil {
		panic(err) // a Config always encodes
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:16])
}

// SolveGame plays every pair of the config's strategies over the fixed seed set (common
// random numbers, on every core), solves the game, and returns the equilibrium its
// roles are taken to play: where best responses lead from the config's own strategies,
// or the mixed equilibrium Lemke-Howson finds when they cycle (equilibrium.Table.Select).
// It is jugglesim equilibrium's played equilibrium for the same config and seeds.
func SolveGame(cfg sim.Config, grids [2]strategy.Grid) (solutions.Solution, error) {
	var sp [2]*strategy.Space
	for r := range sp {
		s, err := grids[r].Space(&cfg)
		if err != nil {
			return solutions.Solution{}, err
		}
		sp[r] = s
	}
	n := SolveLastSeed - SolveFirstSeed + 1
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
				results[j] = Play(c, uint64(SolveFirstSeed+k))
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
	sol := solutions.Solution{Key: GameKey(cfg, grids), Name: cfg.Name, Seeds: solveSeeds, Months: cfg.Months,
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

// games holds this process's solutions by key, each found or solved once however many
// rounds (a sweep's workers) ask for it at once.
var games sync.Map // key -> *gameEntry

type gameEntry struct {
	once sync.Once
	sol  solutions.Solution
	ok   bool
}

// findSolution returns the solution of cfg's game: known to this process, shipped, in
// the cache folder, or solved now and cached (unless opt.NoSolve). It reports false when
// none was found and NoSolve forbade solving.
func findSolution(cfg sim.Config, opt *Options) (solutions.Solution, bool) {
	grids := [2]strategy.Grid{opt.grid(sim.Dev), opt.grid(sim.Ops)}
	key := GameKey(cfg, grids)
	v, _ := games.LoadOrStore(key, &gameEntry{})
	e := v.(*gameEntry)
	// A NoSolve lookup that finds nothing must not stop a later caller from solving:
	// it does not take the entry's once.
	if opt.NoSolve {
		if s, ok := solutions.Lookup(key); ok {
			return s, true
		}
		return solutions.Solution{}, false
	}
	e.once.Do(func() {
		if s, ok := solutions.Lookup(key); ok {
			e.sol, e.ok = s, true
			return
		}
		pairs := 1
		for r := range grids {
			if sp, err := grids[r].Space(&cfg); err == nil {
				pairs *= len(sp.Strategies)
			}
		}
		opt.log("equilibrium bot: solving the game of %s (every pair of strategies over seeds %s: %d rounds)", cfg.Name, solveSeeds,
			pairs*(SolveLastSeed-SolveFirstSeed+1))
		s, err := SolveGame(cfg, grids)
		if err != nil {
			opt.log("equilibrium bot: %v", err)
			return
		}
		e.sol, e.ok = s, true
		if path, err := solutions.Store(s); err != nil {
			opt.log("equilibrium bot: not cached (%v)", err)
		} else {
			opt.log("equilibrium bot: cached in %s", path)
		}
	})
	return e.sol, e.ok
}

// moves counts a path's moves: "1 move", "2 moves".
func moves(n int) string {
	if n == 1 {
		return "1 move"
	}
	return fmt.Sprintf("%d moves", n)
}
