package bot

import (
	"fmt"
	"math/big"
	"slices"

	"devopsjuggle/sim"
	"devopsjuggle/sim/bot/solutions"
	"devopsjuggle/sim/strategy"
)

// Stream salts of the bots that play for their pay (arbitrary odd constants), xored
// with the role's: each role's draws are its own.
const (
	equilibriumSalt = 0x9e3779b97f4a7c15
	learnerSalt     = 0xbf58476d1ce4e5b9
)

func roleSalt(r sim.Role) uint64 {
	if r == sim.Dev {
		return devSalt
	}
	return opsSalt
}

// EquilibriumBot plays its role's strategy in the equilibrium of the round's game: the
// config's game solved over a fixed seed set (Solver, package sim/bot/solve), found shipped or cached, or
// solved at its first use. A mixed equilibrium is drawn from once, before the round,
// with the bot's own random stream (the round's seed and a salt of its own), by integer
// arithmetic. It then plays that strategy as a DevBot or OpsBot would, all round. The
// world never sees the solution: a replay of its round needs only the inputs.
type EquilibriumBot struct {
	Sleeper
	choice strategy.Decision
}

// NewEquilibrium returns the equilibrium bot for role in a round of cfg with seed.
func NewEquilibrium(role sim.Role, cfg sim.Config, seed uint64, opt Options) *EquilibriumBot {
	b := &EquilibriumBot{choice: strategy.Decision{Role: role, Bot: strategy.Equilibrium}}
	sol, ok := findSolution(cfg, &opt)
	why := ""
	if ok {
		why = fmt.Sprintf("its strategy in the equilibrium of %s's game over seeds %s, %s", sol.Name, sol.Seeds, sol.How)
	} else if sol, ok = solutions.ByName(cfg.Name); ok {
		why = fmt.Sprintf("its strategy in %s's equilibrium as solved for the preset's own %d-month rounds (this round's game is not solved)", sol.Name, sol.Months)
		opt.log("equilibrium bot: %s's game is not solved here; %s plays %s's as shipped", cfg.Name, role, sol.Name)
	}
	var s strategy.Strategy
	if ok {
		probs := sol.Dev
		if role == sim.Ops {
			probs = sol.Ops
		}
		var name string
		name, ok = draw(probs, newRand(seed, equilibriumSalt^roleSalt(role)))
		if ok {
			var err error
			if s, err = strategy.Parse(role, name); err != nil {
				ok = false
			}
		}
		if ok && len(probs) > 1 {
			why += fmt.Sprintf(" (a mixed equilibrium: %s drawn from %d strategies)", name, len(probs))
		}
	}
	if !ok {
		s = strategy.FromConfig(&cfg, role)
		why = "no solved game for this config: it plays the config's own strategy"
		opt.log("equilibrium bot: %s's game is not solved; %s plays the config's own strategy, %s", cfg.Name, role, s.Name())
	}
	if role == sim.Dev {
		b.Sleeper = NewDev(s.DevSpec())
	} else {
		b.Sleeper = NewOps(s.OpsSpec(cfg.OpsBot.SkillPermille), cfg, seed)
	}
	b.choice.Strategy, b.choice.Why = s.Name(), why
	return b
}

// Choices returns the one choice the bot made, for the whole round.
func (b *EquilibriumBot) Choices(*sim.View) []strategy.Decision { return []strategy.Decision{b.choice} }

// Strategy returns the name of the strategy the bot plays.
func (b *EquilibriumBot) Strategy() string { return b.choice.Strategy }

// draw picks a strategy from exact probabilities (name -> "p/q"): the names in order, a
// uniform integer below the probabilities' common denominator, the first name whose
// cumulative numerator exceeds it. It reports false for probabilities that do not read
// or do not sum to 1 (a damaged cache file).
func draw(probs map[string]string, rng interface{ Uint64N(uint64) uint64 }) (string, bool) {
	names := make([]string, 0, len(probs))
	for n := range probs {
		names = append(names, n)
	}
	slices.Sort(names)
	ps := make([]*big.Rat, len(names))
	den := big.NewInt(1)
	sum := new(big.Rat)
	for i, n := range names {
		p, ok := new(big.Rat).SetString(probs[n])
		if !ok || p.Sign() <= 0 {
			return "", false
		}
		ps[i] = p
		sum.Add(sum, p)
		var g big.Int
		g.GCD(nil, nil, den, p.Denom())
		den.Mul(den, new(big.Int).Quo(p.Denom(), &g))
	}
	if len(names) == 0 || sum.Cmp(big.NewRat(1, 1)) != 0 {
		return "", false
	}
	if len(names) == 1 {
		return names[0], true
	}
	if !den.IsUint64() {
		return "", false
	}
	u := new(big.Int).SetUint64(rng.Uint64N(den.Uint64()))
	acc := new(big.Int)
	for i, p := range ps {
		num := new(big.Int).Mul(p.Num(), den)
		acc.Add(acc, num.Quo(num, p.Denom()))
		if u.Cmp(acc) < 0 {
			return names[i], true
		}
	}
	return names[len(names)-1], true
}
