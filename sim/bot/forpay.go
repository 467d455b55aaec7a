package bot

import (
	"fmt"

	"devopsjuggle/sim"
	"devopsjuggle/sim/strategy"
)

// Options say how the bots that play for their pay (strategy.Equilibrium,
// strategy.Learner) are made; the zero value is the default. Scripted bots and
// strategies ignore them.
type Options struct {
	// Strategies are dev's and ops' strategy spaces (indexed by sim.Role), a scenario's
	// [dev.strategies] and [ops.strategies]; zero for the defaults
	// (strategy.DefaultGrid).
	Strategies [2]strategy.Grid
	// NoSolve: an equilibrium bot whose game is solved nowhere (neither shipped nor in
	// the cache folder) does not solve it (seconds to minutes of play: the game's
	// choice). It plays the shipped solution of the config's preset (by name), or else
	// the config's own strategy, and says so.
	NoSolve bool
	// Log, when set, hears what the bots do before a round that takes time or is worth
	// knowing: solving a game, caching it, falling back.
	Log func(string)
	// TickByTick makes PlayWith step the world at every tick (Round.TickByTick): the
	// same round, more slowly.
	TickByTick bool
}

// grid returns role r's strategy space.
func (o *Options) grid(r sim.Role) strategy.Grid {
	if g := o.Strategies[r]; len(g.Values) > 0 {
		return g
	}
	return strategy.DefaultGrid(r)
}

func (o *Options) log(format string, args ...any) {
	if o.Log != nil {
		o.Log(fmt.Sprintf(format, args...))
	}
}

// Chooser is a bot that plays for its pay: it can say what it chose and why, month by
// month (the game's month statement and debrief, jugglesim run).
type Chooser interface {
	Bot
	// Choices returns what the bot chose so far; v, a fresh view of the world, closes
	// the months that have ended (their pay).
	Choices(v *sim.View) []strategy.Decision
}

// NewWith returns the bot the config names for role: the equilibrium or the learner bot
// (strategy.ForPay), made with opt; a Novice for the novices' names; or the DevBot or
// OpsBot of its parameters (a scripted bot or a strategy). seed is the round's.
func NewWith(role sim.Role, cfg sim.Config, seed uint64, opt Options) Bot {
	name := cfg.OpsBot.Name
	if role == sim.Dev {
		name = cfg.DevBot.Name
	}
	switch {
	case name == strategy.Learner:
		return NewLearner(role, cfg, seed, opt)
	case name == strategy.Equilibrium:
		return NewEquilibrium(role, cfg, seed, opt)
	case sim.IsNovice(name):
		return NewNovice(role, cfg, seed)
	}
	if role == sim.Dev {
		return NewDev(cfg.DevBot)
	}
	return NewOps(cfg.OpsBot, cfg, seed)
}

// ForConfigWith returns the config's dev and ops bots for a round with the given seed.
func ForConfigWith(cfg sim.Config, seed uint64, opt Options) (dev, ops Bot) {
	return NewWith(sim.Dev, cfg, seed, opt), NewWith(sim.Ops, cfg, seed, opt)
}

// Choices returns what the round's bots that play for their pay chose so far, dev's
// first.
func (r *Round) Choices() []strategy.Decision {
	var out []strategy.Decision
	var v sim.View // not the round's own: its cache stays the bots'
	for role, b := range r.bots {
		if c, ok := b.(Chooser); ok {
			r.World.Observe(sim.Role(role), &v)
			out = append(out, c.Choices(&v)...)
		}
	}
	return out
}

// Bot returns the bot that plays role, nil for a person.
func (r *Round) Bot(role sim.Role) Bot { return r.bots[role] }
