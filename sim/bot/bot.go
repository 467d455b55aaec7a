// Package bot holds the dev and ops bots of DESIGN.md sec. 3.6: strategies with
// parameters (sim.DevBotSpec, sim.OpsBotSpec) that read a sim.View each tick and answer
// with inputs. A bot sees only what its View shows: an ops bot cannot react to a drop
// that its monitoring has not revealed.
//
// Bots draw their timing errors from their own PCG stream, seeded from the round's seed
// and the role. The world's state then depends only on the config, the seed and the
// inputs, so a replay of a bot round re-applies the recorded inputs without the bots.
package bot

import (
	"math/rand/v2"

	"devopsjuggle/sim"
)

// Bot plays one role.
type Bot interface {
	// Role is the role the bot plays.
	Role() sim.Role
	// Act reads the view of the tick about to be played and appends the bot's inputs to out.
	Act(v *sim.View, out []sim.Input) []sim.Input
}

// Sleeper is a Bot that can tell when it next needs to look: Round skips its Act (and
// the Observe) while the world stays quiet and the tick is before Wake. Quiet means the
// last tick had no events and no inputs and spent no error budget: a View's
// BudgetLeftPermille is the one thing bots read that moves without an event (the budget
// dev bot tests longer as it burns). Skipping is only an optimisation: a round plays the
// same with or without it (TestSkippingChangesNothing, and the swarm's sleep mode).
type Sleeper interface {
	Bot
	// Wake returns, after an Act, the first tick the bot must look again even if
	// nothing happens in the world.
	Wake() sim.Tick
}

// never is a Wake that only an event ends.
const never = sim.Tick(1) << 62

// Stream salts of each role's RNG (arbitrary odd constants).
const (
	devSalt = 0xd1b54a32d192ed03
	opsSalt = 0x8cb92ba72f3d8dd7
)

func newRand(seed, salt uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, salt)) }

// ForConfig returns the config's dev and ops bots for a round with the given seed
// (New, with the default Options).
func ForConfig(cfg sim.Config, seed uint64) (dev, ops Bot) {
	return ForConfigWith(cfg, seed, Options{})
}

// Round drives a world with bots for some or all roles.
type Round struct {
	World *sim.World
	// NoSkip makes every bot look at every tick (see Sleeper); tests compare the two.
	NoSkip bool
	// budget is whether the config has an error budget, whose spending wakes the bots.
	budget bool
	bots   [2]Bot
	sleep  [2]Sleeper // bots[i] as a Sleeper, nil if it is not one
	wake   sim.Tick   // the first tick a bot must look at even if the world stays quiet
	view   sim.View   // both roles see the same View
	in     []sim.Input
}

// NewRound starts a round of cfg with seed. A role whose bot is nil is played by someone
// else: pass its inputs to Step.
func NewRound(cfg sim.Config, seed uint64, dev, ops Bot) *Round {
	r := &Round{World: sim.New(cfg, seed), budget: cfg.ErrorBudget, bots: [2]Bot{dev, ops}, in: make([]sim.Input, 0, 16)}
	for i, b := range r.bots {
		r.sleep[i], _ = b.(Sleeper)
	}
	return r
}

// NewBotRound starts a round with the config's bots for both roles.
func NewBotRound(cfg sim.Config, seed uint64) *Round {
	d, o := ForConfig(cfg, seed)
	return NewRound(cfg, seed, d, o)
}

// Step asks the bots for their inputs, adds the others' (which must be for the current
// tick), steps the world once, and returns every input applied, bots' first. The
// returned slice is reused by the next Step.
//
// Of the others' inputs, Step drops those that are not well-formed (the world would
// ignore them: sim.Input.WellFormed) and those for a role a bot plays. A bot is its
// role's only player: it keeps its own account of what it did (how long it tested, which
// catch it planned), which an input from elsewhere would silently falsify, and the round
// would then play differently with and without skipping. Dropped inputs are not
// returned, so a recording holds only the inputs the world was given.
func (r *Round) Step(others []sim.Input) []sim.Input {
	w := r.World
	quiet := len(r.in) == 0 && len(w.Events()) == 0 && w.Tick() > 0 && !r.NoSkip &&
		!(r.budget && w.Availability() < 1000)
	r.in = r.in[:0]
	if !quiet || w.Tick() >= r.wake {
		r.act()
	}
	for _, in := range others {
		if in.WellFormed() && r.bots[in.Role] == nil {
			r.in = append(r.in, in)
		}
	}
	w.Step(r.in)
	return r.in
}

// act lets every bot look and act, and works out when they next need to.
func (r *Round) act() {
	r.wake = never
	observed := false
	for role, b := range r.bots {
		if b == nil {
			continue
		}
		if !observed {
			r.World.Observe(sim.Role(role), &r.view)
			observed = true
		}
		r.view.Role = sim.Role(role)
		r.in = b.Act(&r.view, r.in)
		if s := r.sleep[role]; s != nil {
			r.wake = min(r.wake, s.Wake())
		} else {
			r.wake = 0
		}
	}
}

// Run plays the round to its end.
func (r *Round) Run() sim.Result {
	for !r.World.Done() {
		r.Step(nil)
	}
	return r.World.Result()
}

// Play runs a whole round of cfg with its bots for both roles (PlayWith the default
// Options).
func Play(cfg sim.Config, seed uint64) sim.Result {
	return PlayWith(cfg, seed, Options{})
}
