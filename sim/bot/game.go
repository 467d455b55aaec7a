package bot

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sync"

	"devopsjuggle/sim"
	"devopsjuggle/sim/bot/solutions"
	"devopsjuggle/sim/strategy"
)

// The fixed seed set the equilibrium bot's games are solved over: the same 200 seeds as
// README's calibration, so that a preset's shipped solution is the one jugglesim
// equilibrium -presets NAME (its default -seeds 1-200) prints.
const (
	SolveFirstSeed = 1
	SolveLastSeed  = 200
)

// SolveRule is the significance rule the games are solved under, as
// equilibrium.Significant names it (a test of sim/bot/solve checks they agree).
const SolveRule = "significant"

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
	}{"devopsjuggle equilibrium bot, game v1", sim.RulesVersion, solveSeeds, SolveRule, cfg, grids})
	if err != nil {
		panic(err) // a Config always encodes
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:16])
}

// Solver solves a config's game: it plays every pair of the config's strategies over the
// fixed seed set (SolveFirstSeed-SolveLastSeed) and returns the equilibrium its roles are
// taken to play. Package sim/bot/solve provides it (solve.Game) and sets it when
// imported: the research tools import it; the game does not, so it ships no solver and
// its equilibrium bots play shipped or cached solutions only.
type Solver func(cfg sim.Config, grids [2]strategy.Grid) (solutions.Solution, error)

// solver is the Solver SetSolver set, nil if none.
var solver Solver

// SetSolver sets the Solver an equilibrium bot uses for a game that is neither shipped
// nor cached (package sim/bot/solve calls it from its init).
func SetSolver(s Solver) { solver = s }

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
	if opt.NoSolve || solver == nil {
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
		s, err := solver(cfg, grids)
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

// SolveSeeds returns the seed set the games are solved over, as solutions write it
// ("1-200").
func SolveSeeds() string { return solveSeeds }
