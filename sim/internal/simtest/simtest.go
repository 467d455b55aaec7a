// Package simtest makes random valid configs and human-like inputs for the model's
// randomized tests, which play the same round tick by tick and jumping over quiet ticks
// and require the same state.
package simtest

import (
	"math/rand/v2"

	"devopsjuggle/sim"
)

// Config returns a random valid config: a preset with most of its fields drawn anew,
// from short months and windows (many month ends and KPI crossings in a short round) to
// the bounds Validate allows.
func Config(r *rand.Rand) sim.Config {
	names := sim.PresetNames()
	c, err := sim.Preset(names[r.IntN(len(names))])
	if err != nil {
		panic(err)
	}
	c.Name = "random"
	tick := func(lo, hi sim.Tick) sim.Tick { return lo + sim.Tick(r.Int64N(int64(hi-lo+1))) }
	permille := func() int32 { return int32(r.IntN(1001)) }
	// Now and then an extreme: the bound itself.
	pick := func(lo, hi sim.Tick) sim.Tick {
		switch r.IntN(8) {
		case 0:
			return lo
		case 1:
			return hi
		}
		return tick(lo, hi)
	}
	c.MonthTicks = pick(30, 2400)
	c.Months = 1 + r.IntN(3)
	c.BuildTicks = pick(1, 400)
	c.TrayCap = 1 + r.IntN(sim.TrayLimit)
	c.DefectChancePermille = permille()
	c.TestHalvingTicks = pick(1, 200)
	c.ReworkTicks = pick(1, 300)
	c.Gate = r.IntN(2) == 0
	c.CRTimeoutTicks = pick(1, 600)
	c.Release = []sim.ReleaseStyle{sim.InPlace, sim.BlueGreen}[r.IntN(2)]
	c.Monitoring = []sim.Monitoring{sim.MonitorNone, sim.MonitorBottomUp, sim.MonitorTopDown, sim.MonitorBoth}[r.IntN(4)]
	c.ErrorBudget = r.IntN(2) == 0
	c.SLOPermille = 900 + int32(r.IntN(101))
	c.MaxBalls = 2 + r.IntN(sim.MaxBallsLimit/2-1)
	c.TargetBalls = 1 + r.IntN(c.MaxBalls)
	c.CatchWindowTicks = pick(0, 15)
	c.FlightTicks = pick(2*c.CatchWindowTicks+1, 150)
	c.ReleaseFlightTicks = pick(c.CatchWindowTicks+1, 150)
	c.RecoverTicks = pick(1, 150)
	c.UpgradeDowntimeTicks = pick(0, 60)
	c.DefectErrorPermille = permille()
	c.BakeTicks = pick(0, 400)
	c.ComplaintDelayTicks = pick(1, 400)
	c.KPIWindowTicks = pick(1, 120)
	if r.IntN(6) == 0 {
		c.KPIWindowTicks = pick(1, sim.KPIWindowMax)
	}
	c.KPIThresholdPermille = 800 + int32(r.IntN(201))
	c.DevPay = pay(r)
	c.OpsPay = pay(r)
	c.DevBot, c.OpsBot = Bots(r)
	if err := c.Validate(); err != nil {
		panic("simtest: an invalid random config: " + err.Error())
	}
	return c
}

func pay(r *rand.Rand) sim.PayScheme {
	p := sim.PayScheme{PerFeature: int32(r.IntN(200))}
	top := int32(1000)
	for range r.IntN(4) {
		top -= 1 + int32(r.IntN(60))
		if top < 0 {
			break
		}
		p.Tiers = append(p.Tiers, sim.Tier{MinUptimePermille: top, Bonus: int32(r.IntN(2000))})
	}
	return p
}

// Bots returns a random pair of bots: named ones, or parameters drawn anew.
func Bots(r *rand.Rand) (sim.DevBotSpec, sim.OpsBotSpec) {
	devs, opss := sim.DevBotNames(), sim.OpsBotNames()
	d := sim.MustDevBotSpec(devs[r.IntN(len(devs))])
	o, err := sim.OpsBotSpecFor(opss[r.IntN(len(opss))])
	if err != nil {
		panic(err)
	}
	if r.IntN(2) == 0 {
		d = sim.DevBotSpec{Name: "random", IntervalTicks: sim.Tick(r.IntN(600)), TestTicks: sim.Tick(r.IntN(300)),
			CalmBalls: r.IntN(5), BudgetReservePermille: int32(r.IntN(1001))}
	}
	if r.IntN(2) == 0 {
		o = sim.OpsBotSpec{Name: "random", SkillPermille: int32(r.IntN(1001)),
			Gatekeeping:   []sim.Gatekeeping{sim.ApproveAll, sim.ApproveCalm, sim.Freeze, sim.RejectAll}[r.IntN(4)],
			FreezeTicks:   sim.Tick(r.IntN(600)),
			Response:      []sim.Response{sim.RollbackFirst, sim.RecoverFirst}[r.IntN(2)],
			ReactionTicks: sim.Tick(r.IntN(120))}
	}
	return d, o
}

// NextInputTick returns a tick from w's current one on at which a human might press
// something: near a ball's arrival (a catch a little early or late), soon, or after a
// quiet while.
func NextInputTick(w *sim.World, r *rand.Rand) sim.Tick {
	now := w.Tick()
	switch r.IntN(4) {
	case 0:
		return now + sim.Tick(r.IntN(3))
	case 1:
		return now + sim.Tick(r.IntN(300))
	}
	cw := w.Config().CatchWindowTicks
	next := now + sim.Tick(r.IntN(120))
	for _, b := range w.Balls() {
		if t := b.Arrival + sim.Tick(r.Int64N(int64(2*cw+5))) - cw - 2; b.State.InJuggle() && t >= now {
			next = min(next, t)
		}
	}
	return next
}

// Inputs appends what a human playing the given roles might press at w's current tick:
// mostly sensible actions for the moment (a catch of a ball due now, a release, an
// answer to a change request, picking a ball up), now and then a wrong one (a bad
// argument, the other role's action, an unknown action).
func Inputs(w *sim.World, r *rand.Rand, roles [2]bool, out []sim.Input) []sim.Input {
	now := w.Tick()
	add := func(a sim.Action, arg int32) {
		if roles[a.Role()] {
			out = append(out, sim.Input{Tick: now, Role: a.Role(), Action: a, Arg: arg})
		}
	}
	for range 1 + r.IntN(3) {
		switch k := r.IntN(20); {
		case k < 8: // a press at a hand, mostly where a ball is due
			h := sim.Hand(r.IntN(2))
			for _, b := range w.Balls() {
				if b.State.InJuggle() && b.Arrival-now <= w.Config().CatchWindowTicks+2 && now-b.Arrival <= w.Config().CatchWindowTicks+2 {
					h = b.Hand
				}
			}
			switch r.IntN(6) {
			case 0:
				add(sim.ActRetireLeft+sim.Action(h), 0)
			case 1:
				add(sim.ActSwap, int32(h))
			default:
				add(sim.ActCatchLeft+sim.Action(h), 0)
			}
		case k < 10:
			add(sim.ActRelease, int32(r.IntN(3)))
		case k < 11:
			add([]sim.Action{sim.ActTestStart, sim.ActTestStop}[r.IntN(2)], 0)
		case k < 13:
			add([]sim.Action{sim.ActApprove, sim.ActReject}[r.IntN(2)], 0)
		case k < 15:
			v := int32(0)
			if bs := w.Balls(); len(bs) > 0 && r.IntN(2) == 0 {
				v = int32(bs[r.IntN(len(bs))].Version)
			}
			add([]sim.Action{sim.ActRecover, sim.ActDiscard}[r.IntN(2)], v)
		case k < 16:
			add(sim.ActAcknowledge, 0)
		default: // a mistake
			a := sim.Action(r.IntN(16))
			role := sim.Role(r.IntN(2))
			if roles[role] {
				out = append(out, sim.Input{Tick: now, Role: role, Action: a, Arg: int32(r.IntN(7)) - 2})
			}
		}
	}
	return out
}
