package swarm

import (
	"math/rand/v2"

	"devopsjuggle/sim"
)

// person is a person-like player: it looks at the screen (a sim.View) every tick and
// presses keys, mostly sensible ones at roughly the right time, some at the wrong time,
// and now and then anything at all, including inputs no key makes (for the other role,
// an unknown action, the action none). Its randomness is its own stream.
type person struct {
	role sim.Role
	spec PersonSpec
	rng  *rand.Rand
	view sim.View
	// plans: for each ball seen on its way to a hand, the tick the person will press
	// for it (-1: let it go).
	plans  [sim.MaxBallsLimit]personPlan
	plansN int
}

type personPlan struct {
	version sim.Version
	arrival sim.Tick
	press   sim.Tick
}

// personSalt separates a person's stream from the case's and the bots'.
const personSalt = 0x9e50_7a1e_c0ff_ee01

func newPerson(role sim.Role, spec PersonSpec, seed uint64) *person {
	return &person{role: role, spec: spec, rng: rand.New(rand.NewPCG(seed, personSalt+uint64(role)))}
}

func (p *person) chance(permille int) bool { return p.rng.IntN(1000) < permille }

// act appends the person's inputs for the tick about to be played.
func (p *person) act(w *sim.World, out []sim.Input) []sim.Input {
	w.Observe(p.role, &p.view)
	v := &p.view
	in := func(a sim.Action, arg int32) {
		out = append(out, sim.Input{Tick: v.Tick, Role: p.role, Action: a, Arg: arg})
	}
	if p.role == sim.Ops {
		p.juggle(v, in)
	}
	if p.chance(p.spec.ActPermille) {
		p.other(v, in)
	}
	if p.chance(p.spec.JunkPermille) {
		out = append(out, sim.Input{
			Tick:   v.Tick,
			Role:   sim.Role(p.rng.IntN(3)), // dev, ops, or no role at all
			Action: sim.Action(p.rng.IntN(20)),
			Arg:    int32(p.rng.IntN(40)) - 10,
		})
	}
	return out
}

// juggle presses for the balls due at a hand: once per ball, at its arrival plus a timing
// error, sometimes retiring or swapping instead of catching, sometimes not at all.
func (p *person) juggle(v *sim.View, in func(sim.Action, int32)) {
	// Forget the plans of balls that landed, dropped or left.
	n := 0
	for k := 0; k < p.plansN; k++ {
		if p.inFlight(v, p.plans[k]) {
			p.plans[n] = p.plans[k]
			n++
		}
	}
	p.plansN = n
	for i := 0; i < v.BallsN; i++ {
		b := &v.Balls[i]
		if !b.State.InJuggle() {
			continue
		}
		k := p.planFor(b)
		if p.plans[k].press != v.Tick {
			continue
		}
		switch r := p.rng.IntN(100); {
		case r < 8:
			in(sim.ActRetireLeft+sim.Action(b.Hand), 0)
		case r < 14:
			in(sim.ActSwap, int32(b.Hand))
		default:
			in(sim.ActCatchLeft+sim.Action(b.Hand), 0)
		}
	}
}

func (p *person) inFlight(v *sim.View, pl personPlan) bool {
	for i := 0; i < v.BallsN; i++ {
		if b := &v.Balls[i]; b.Version == pl.version && b.Arrival == pl.arrival && b.State.InJuggle() {
			return true
		}
	}
	return false
}

// planFor returns the index of ball b's plan, drawing one for a ball newly in flight.
func (p *person) planFor(b *sim.BallView) int {
	for k := 0; k < p.plansN; k++ {
		if p.plans[k].version == b.Version && p.plans[k].arrival == b.Arrival {
			return k
		}
	}
	press := sim.Tick(-1)
	if !p.chance(p.spec.MissPermille) {
		e := p.spec.ErrorTicks
		press = b.Arrival + sim.Tick(p.rng.IntN(2*e+1)-e)
	}
	k := min(p.plansN, len(p.plans)-1)
	p.plans[k] = personPlan{version: b.Version, arrival: b.Arrival, press: press}
	p.plansN = k + 1
	return k
}

// other presses one of the role's other keys, sensible or not.
func (p *person) other(v *sim.View, in func(sim.Action, int32)) {
	if p.role == sim.Dev {
		switch p.rng.IntN(4) {
		case 0, 1:
			in(sim.ActRelease, int32(p.rng.IntN(5))-1) // -1 and 3 are no hand
		case 2:
			in(sim.ActTestStart, 0)
		default:
			in(sim.ActTestStop, 0)
		}
		return
	}
	// A version on the floor, the live one, or any number.
	arg := int32(0)
	switch p.rng.IntN(3) {
	case 0:
		if v.BallsN > 0 {
			arg = int32(v.Balls[p.rng.IntN(v.BallsN)].Version)
		}
	case 1:
		arg = int32(p.rng.IntN(20)) - 2
	}
	actions := [...]sim.Action{sim.ActApprove, sim.ActReject, sim.ActRecover, sim.ActRecover, sim.ActDiscard, sim.ActAcknowledge, sim.ActCatchLeft, sim.ActCatchRight}
	in(actions[p.rng.IntN(len(actions))], arg)
}
