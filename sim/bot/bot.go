// Package bot holds the dev and ops bots of docs/model.md ("Bots"): strategies with
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
	"sync"

	"devopsjuggle/sim"
	"devopsjuggle/sim/strategy"
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
// (New for each role).
func ForConfig(cfg sim.Config, seed uint64) (dev, ops Bot) {
	return New(sim.Dev, cfg, seed), New(sim.Ops, cfg, seed)
}

// New returns the bot the config names for role r (cfg.DevBot or cfg.OpsBot) in a round
// with the given seed, made with the default Options (NewWith). The game seats its bots
// with NewWith.
func New(r sim.Role, cfg sim.Config, seed uint64) Bot { return NewWith(r, cfg, seed, Options{}) }

// Round drives a world with bots for some or all roles. Step plays one tick, as the
// game does; Advance and Run jump over the ticks at which neither the world nor a bot
// would do anything (sim.World.NextEvent, Sleeper), with the same result.
type Round struct {
	World *sim.World
	// NoSkip makes every bot look at every tick (see Sleeper), and Advance step every
	// tick; tests compare the two.
	NoSkip bool
	// TickByTick makes Advance step every tick, the bots still sleeping: the way rounds
	// were played before the world could jump (jugglesim's -tick-by-tick).
	TickByTick bool
	// budget is whether the config has an error budget, whose spending wakes the bots.
	budget bool
	bots   [2]Bot
	sleep  [2]Sleeper // bots[i] as a Sleeper, nil if it is not one
	// dev and ops are the bots when they are this package's DevBot and OpsBot, which
	// act calls directly (no interface call, their Act and Wake inlined or not), nil else.
	dev   *DevBot
	ops   *OpsBot
	wakes [2]sim.Tick // the first tick each bot must look at even if the world stays quiet
	wake  sim.Tick    // the earliest of wakes
	view  sim.View    // both roles see the same View
	in    []sim.Input
}

// NewRound starts a round of cfg with seed. A role whose bot is nil is played by someone
// else: pass its inputs to Step.
func NewRound(cfg sim.Config, seed uint64, dev, ops Bot) *Round {
	r := &Round{World: sim.New(cfg, seed)}
	r.start(&cfg, dev, ops)
	return r
}

// start seats the bots in a round whose world is new.
func (r *Round) start(cfg *sim.Config, dev, ops Bot) {
	r.budget = cfg.ErrorBudget
	r.bots = [2]Bot{dev, ops}
	for i, b := range r.bots {
		r.sleep[i], _ = b.(Sleeper)
	}
	r.dev, _ = dev.(*DevBot)
	r.ops, _ = ops.(*OpsBot)
	if r.in == nil {
		r.in = make([]sim.Input, 0, 16)
	}
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
	quiet := r.quiet()
	r.in = r.in[:0]
	if !quiet || w.Tick() >= r.wake {
		r.act(quiet)
	}
	for _, in := range others {
		if in.WellFormed() && r.bots[in.Role] == nil {
			r.in = append(r.in, in)
		}
	}
	w.Step(r.in)
	return r.in
}

// act lets the bots look and act: every one after a tick that was not quiet, else those
// whose wake-up has come (a bot before its wake-up in a quiet world would do nothing:
// Sleeper). It works out when they next need to.
func (r *Round) act(quiet bool) {
	now := r.World.Tick()
	if r.dev != nil && r.ops != nil {
		r.actBoth(quiet, now)
		return
	}
	r.wake = never
	observed := false
	for role := range r.bots {
		if r.bots[role] == nil {
			continue
		}
		if quiet && now < r.wakes[role] {
			r.wake = min(r.wake, r.wakes[role])
			continue
		}
		if !observed {
			r.World.Observe(sim.Role(role), &r.view)
			observed = true
		}
		r.view.Role = sim.Role(role)
		r.wakes[role] = r.ask(sim.Role(role))
		r.wake = min(r.wake, r.wakes[role])
	}
}

// actBoth is act for a round of this package's dev and ops bots, which most rounds
// are: the same asks in the same order, without the interface calls and the loop. An
// ops bot woken in a quiet world at the tick it planned to press or to answer a change
// request at (OpsBot.planned) does so without observing or looking again: it would see
// what it saw, a later tick aside. The dev bot sleeps on through a tick at which balls
// in the air were only caught (flightsOnly).
func (r *Round) actBoth(quiet bool, now sim.Tick) {
	askDev := now >= r.wakes[sim.Dev] || !quiet && !r.flightsOnly()
	askOps := !quiet || now >= r.wakes[sim.Ops]
	if askDev {
		r.World.Observe(sim.Dev, &r.view)
		r.in = r.dev.Act(&r.view, r.in)
		r.wakes[sim.Dev] = r.dev.wake
	}
	switch {
	case askOps && quiet && r.ops.planned == now:
		// Its view changed in nothing but the tick since it last looked: it does what it
		// planned then, without looking again.
		r.in = r.ops.actPlanned(&r.view, now, r.in)
		r.wakes[sim.Ops] = r.ops.wake
	case askOps:
		if askDev {
			r.view.Role = sim.Ops
		} else {
			r.World.Observe(sim.Ops, &r.view)
		}
		r.in = r.ops.Act(&r.view, r.in)
		r.wakes[sim.Ops] = r.ops.wake
	}
	r.wake = min(r.wakes[sim.Dev], r.wakes[sim.Ops])
}

// ask has the bot of role act on the view, and returns its wake-up: the next tick, for
// a bot that is no Sleeper (it looks at every tick).
func (r *Round) ask(role sim.Role) sim.Tick {
	switch {
	case role == sim.Dev && r.dev != nil:
		r.in = r.dev.Act(&r.view, r.in)
		return r.dev.wake
	case role == sim.Ops && r.ops != nil:
		r.in = r.ops.Act(&r.view, r.in)
		return r.ops.wake
	}
	r.in = r.bots[role].Act(&r.view, r.in)
	if s := r.sleep[role]; s != nil {
		return s.Wake()
	}
	return 0
}

// Advance plays the round on, with nobody else playing, until it has played a tick
// with inputs (the bots') or reached limit, whichever comes first, and returns the
// inputs of the last tick played (reused by the next call), none if it had none. It
// jumps over the ticks at which neither the world nor a bot would do anything: no
// inputs, no events, every bot asleep (Sleeper) until the world's next event
// (sim.World.NextEvent). It always plays at least one tick, and the round goes exactly
// as it would with Step(nil) at every tick.
//
// A caller with inputs of its own (a script, a replay) passes the tick of the next one
// as limit, and gives them to Step at that tick; a recorder that writes checkpoints
// passes the next checkpoint's tick.
func (r *Round) Advance(limit sim.Tick) []sim.Input {
	w := r.World
	jump := !r.TickByTick && !r.NoSkip
	// Each pass plays one tick or jumps at least one: at most limit - now passes.
	for first := true; !w.Done() && (first || w.Tick() < limit); first = false {
		now := w.Tick()
		quiet := r.quiet()
		r.in = r.in[:0]
		if !quiet || now >= r.wake {
			r.act(quiet)
		}
		if len(r.in) == 0 && jump {
			// Nobody acts at this tick: if the world is quiet too, this tick and the
			// next ones up to the first a bot or the world has something to do are
			// jumped over, the world computing its next event once.
			t := min(limit, r.wake, w.NextEvent())
			if r.spending() {
				// The world's availability holds until its next event: every tick on
				// spends budget, and the bots look at each (see quiet).
				t = min(t, now+1)
			}
			if t > now {
				w.AdvanceTo(t)
				continue
			}
		}
		// StepAhead: the same tick, but for what it can jump over (and the next event it
		// works out is the one the next pass asks for).
		if jump {
			w.StepAhead(r.in)
		} else {
			w.Step(r.in)
		}
		if len(r.in) > 0 || !jump {
			break
		}
	}
	return r.in
}

// flightsOnly reports whether the last tick played changed nothing a dev bot reads: the
// balls' flights alone (sim.World.FlightsOnly; DevBot reads the balls' states, not
// where they fly), and it spent no error budget.
func (r *Round) flightsOnly() bool {
	return r.World.FlightsOnly() && !r.NoSkip && !r.spending()
}

// quiet reports whether the last tick played had no inputs, no events and spent no
// error budget (see Sleeper): the bots need not look at the next one before their
// wake-up.
func (r *Round) quiet() bool {
	return len(r.in) == 0 && len(r.World.Events()) == 0 && r.World.Tick() > 0 && !r.NoSkip &&
		!r.spending()
}

// spending reports whether the round has an error budget and the last tick spent some:
// a View's BudgetLeftPermille moves with every such tick, and the bots look at each.
func (r *Round) spending() bool { return r.budget && r.World.Availability() < 1000 }

// Run plays the round to its end.
func (r *Round) Run() sim.Result {
	end := r.World.End()
	for !r.World.Done() {
		r.Advance(end)
	}
	return r.World.Result()
}

// Play runs a whole round of cfg with its bots for both roles (PlayWith the default
// Options).
func Play(cfg sim.Config, seed uint64) sim.Result { return PlayWith(cfg, seed, Options{}) }

// PlayTickByTick is Play stepping the world at every tick, as the game does: the same
// result, more slowly (see Round.TickByTick).
func PlayTickByTick(cfg sim.Config, seed uint64) sim.Result {
	return PlayWith(cfg, seed, Options{TickByTick: true})
}

// PlayWith runs a whole round of cfg with its bots for both roles, made with opt.
func PlayWith(cfg sim.Config, seed uint64, opt Options) sim.Result {
	p := botRounds.Get().(*botRound)
	defer botRounds.Put(p)
	p.reset(cfg, seed, &opt)
	p.TickByTick = opt.TickByTick
	return p.Run()
}

// botRounds keeps the rounds Play has finished, to play the next ones in the same
// memory: a sweep plays thousands, and a round allocated anew each time leaves the
// garbage collector a quarter of the work.
var botRounds = sync.Pool{New: func() any { return new(botRound) }}

// botRound is a round with the config's bots, all in one piece of memory.
type botRound struct {
	Round
	world sim.World
	dev   DevBot
	ops   OpsBot
}

// reset makes p the round NewBotRound(cfg, seed) returns, its bots made with opt. A
// novice, a learner and an equilibrium bot are seated anew (they keep no memory of
// their own worth reusing).
func (p *botRound) reset(cfg sim.Config, seed uint64, opt *Options) {
	p.world.Reset(cfg, seed)
	var dev, ops Bot = &p.dev, &p.ops
	if ownBot(cfg.DevBot.Name) {
		dev = NewWith(sim.Dev, cfg, seed, *opt)
	} else {
		p.dev.reset(cfg.DevBot)
	}
	if ownBot(cfg.OpsBot.Name) {
		ops = NewWith(sim.Ops, cfg, seed, *opt)
	} else {
		p.ops.reset(cfg.OpsBot, &cfg, seed)
	}
	p.Round = Round{World: &p.world, in: p.in[:0]}
	p.start(&cfg, dev, ops)
}

// ownBot reports whether a bot's name names a bot that is no DevBot or OpsBot of its
// spec's parameters: a novice, or a bot that plays for its pay.
func ownBot(name string) bool { return sim.IsNovice(name) || strategy.ForPay(name) }
