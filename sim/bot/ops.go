package bot

import (
	"math/bits"
	"math/rand/v2"

	"devopsjuggle/sim"
)

// OpsBot plays operations from a sim.OpsBotSpec: it juggles with a timing error that
// grows with load, answers change requests by its gatekeeping rule, and responds to the
// incidents its monitoring shows it.
type OpsBot struct {
	Spec sim.OpsBotSpec
	pcg  rand.PCG // the timing errors' stream (int64n)

	windowTicks sim.Tick
	recover     sim.Tick
	// plans[i] is the plan for the view's ball i, for the first plansN balls of the
	// View.BallsGen plansGen: lined up with the balls each time they change (keepPlans).
	plans  [sim.MaxBallsLimit]plan
	plansN int

	alertSince   sim.Tick // when something needing a response was first seen, -1 for none
	lastDetected sim.Tick // when the last known incident was detected (for freeze)
	lastApproved sim.Tick // when the bot last approved a change (for freeze)
	crSeen       sim.Tick // when the pending change request was first seen
	rollbackLive sim.Version
	sit          situation // reused each tick
	wake         sim.Tick
	plansGen     uint64   // the View.BallsGen plans were last lined up with
	ackSince     sim.Tick // when unacknowledged incidents were first seen, -1 for none
	// sitOK says sit's view of the balls holds for View.BallsGen sitGen: no ball changed
	// and no plan was pressed for since look worked it out.
	sitOK  bool
	sitGen uint64
	// shapeOK says sit's counts (all but due and duePlan) hold for View.BallsShapeGen
	// sitShape: only flights changed since, which move only what is due.
	shapeOK  bool
	sitShape uint64
	// planned is the wake-up tick at which, if its view changes by nothing but the
	// tick until then, the bot will only press for the balls due then or answer the
	// change request with plannedGate (not ActNone); -1 when its wake-up is no such
	// tick. Round then gives the presses or the answer without a look (actPlanned).
	planned     sim.Tick
	plannedGate sim.Action
}

// plan is when the bot will press for one ball on its way to a hand: for its flight
// that arrives at arrival, once drawn.
type plan struct {
	version sim.Version
	arrival sim.Tick
	press   sim.Tick
	drawn   bool
	done    bool
}

// NewOps returns an ops bot for a round of cfg; seed is the round's seed.
func NewOps(spec sim.OpsBotSpec, cfg sim.Config, seed uint64) *OpsBot {
	b := new(OpsBot)
	b.reset(spec, &cfg, seed)
	return b
}

// reset makes b the bot NewOps returns.
func (b *OpsBot) reset(spec sim.OpsBotSpec, cfg *sim.Config, seed uint64) {
	*b = OpsBot{
		Spec:        spec,
		windowTicks: cfg.CatchWindowTicks, recover: cfg.RecoverTicks,
		alertSince: -1, lastDetected: -1 << 40, lastApproved: -1 << 40, crSeen: -1, ackSince: -1,
		plansGen: ^uint64(0), // no View's yet: the first look lines the plans up
		planned:  -1,
	}
	b.pcg.Seed(seed, opsSalt)
}

// Role returns sim.Ops.
func (b *OpsBot) Role() sim.Role { return sim.Ops }

// spreadTicks is the half-width of the timing error for ball i, in sixteenths of a tick:
// (1000 - skill)/300 catch windows at the target load, 35 % more per ball over the
// target, 50 % more when another ball is due at the same hand within two windows, and
// 25 % more for a ball released straight from dev.
func (b *OpsBot) spread16(v *sim.View, i int, inJuggle int) int64 {
	s := int64(b.windowTicks) * 16 * int64(1000-b.Spec.SkillPermille) / 300
	if extra := inJuggle - v.TargetBalls; extra > 0 {
		s = s * int64(100+35*extra) / 100
	}
	bi := &v.Balls[i]
	for j := 0; j < v.BallsN; j++ {
		bj := &v.Balls[j]
		if j != i && bj.State.InJuggle() && bj.Hand == bi.Hand {
			if d := bj.Arrival - bi.Arrival; d <= 2*b.windowTicks && d >= -2*b.windowTicks {
				s = s * 3 / 2
				break
			}
		}
	}
	if bi.State == sim.BallIncoming {
		s = s * 5 / 4
	}
	return s
}

// errorTicks draws a timing error from a triangular distribution on [-s, s] (s in
// sixteenths of a tick), rounded to whole ticks.
func (b *OpsBot) errorTicks(s16 int64) sim.Tick {
	if s16 <= 0 {
		return 0
	}
	e := int64n(&b.pcg, s16+1) + int64n(&b.pcg, s16+1) - s16
	if e >= 0 {
		return sim.Tick((e + 8) / 16)
	}
	return -sim.Tick((-e + 8) / 16)
}

// int64n is rand.New(p).Int64N(n), draw for draw (math/rand/v2's algorithm: Lemire's
// multiply-and-reject, with a mask for powers of two), without the interface call to
// the source that rand.Rand makes: the ops bot draws twice for every flight it plans.
// TestInt64nIsRandsInt64N holds it to the library's.
func int64n(p *rand.PCG, n int64) int64 {
	u := uint64(n)
	if u&(u-1) == 0 {
		return int64(p.Uint64() & (u - 1))
	}
	hi, lo := bits.Mul64(p.Uint64(), u)
	if lo < u {
		thresh := -u % u
		for lo < thresh {
			hi, lo = bits.Mul64(p.Uint64(), u)
		}
	}
	return int64(hi)
}

// planFor returns the plan for ball i (its index in b.plans: i), drawing its timing when
// the ball is new in the juggle or was thrown again since. A ball keeps its plan only
// while it stays in the juggle (keepPlans).
//
// It returns the plan's index rather than a pointer: the bot's situation keeps it every
// tick, and an index costs no write barrier.
func (b *OpsBot) planFor(v *sim.View, i, inJuggle int) int {
	bv := &v.Balls[i]
	if p := &b.plans[i]; !p.drawn || p.arrival != bv.Arrival {
		*p = plan{version: bv.Version, arrival: bv.Arrival, press: bv.Arrival + b.errorTicks(b.spread16(v, i, inJuggle)), drawn: true}
	}
	return i
}

// keepPlans lines the plans up with the view's balls after they changed: a ball in the
// juggle keeps the plan it had, every other ball has none (a ball back in the juggle
// after a drop gets a new one). Balls are sorted by version and only the newest are
// added, so a ball's plan moves to the same index or a lower one, and one pass moves
// them all.
func (b *OpsBot) keepPlans(v *sim.View) {
	k := 0
	for i := 0; i < v.BallsN; i++ {
		bv := &v.Balls[i]
		for k < b.plansN && b.plans[k].version < bv.Version {
			k++
		}
		p := plan{version: bv.Version}
		if k < b.plansN && b.plans[k].version == bv.Version && bv.State.InJuggle() {
			p = b.plans[k] // k >= i: not overwritten yet
		}
		b.plans[i] = p
	}
	b.plansN = v.BallsN
}

// situation is what the bot makes of a view.
type situation struct {
	installed  int // installed balls in production
	production int // balls that count against MaxBalls: all but those on the floor
	inAir      int // installed balls in the air
	inJuggle   int
	standbys   int
	oldest     sim.Version // the oldest standby
	stand      bool        // a ball waits on the stand
	liveIdx    int
	liveDown   bool // known to be on the floor
	knownFloor int  // index of a known ball on the floor, -1
	knownIssue bool
	upgrading  bool
	cracked    bool
	// due is, per hand, the index of the earliest ball on its way there that the bot has
	// not pressed for yet, -1 for none; duePlan is its plan's index in OpsBot.plans.
	due     [2]int
	duePlan [2]int
}

// look works out the situation. What it makes of the balls depends only on the balls
// and the plans, so while neither changed (the same View.BallsGen, no press since) it
// keeps that part: looking again would draw no timing and find the same.
func (b *OpsBot) look(v *sim.View, s *situation) {
	if !b.sitOK || v.BallsGen != b.sitGen {
		if !b.shapeOK || v.BallsShapeGen != b.sitShape {
			b.countBalls(v, s)
			b.shapeOK, b.sitShape = true, v.BallsShapeGen
		} else if v.BallsGen != b.plansGen {
			b.plansGen = v.BallsGen // the same balls in the same states: the plans hold
		}
		b.lookAtDue(v, s)
		b.sitOK, b.sitGen = true, v.BallsGen
	}
	s.cracked = s.liveIdx >= 0 && v.Balls[s.liveIdx].Cracked
	s.upgrading = v.Tick < v.UpgradeUntil
	s.knownIssue = v.Incident.ID != 0 || s.knownFloor >= 0 || s.cracked
}

// countBalls works out the situation's view of the balls but what is due (lookAtDue),
// after lining the plans up with them.
func (b *OpsBot) countBalls(v *sim.View, s *situation) {
	*s = situation{liveIdx: -1, knownFloor: -1}
	if v.BallsGen != b.plansGen {
		b.plansGen = v.BallsGen
		b.keepPlans(v)
	}
	for i := 0; i < v.BallsN; i++ {
		if v.Balls[i].State.InJuggle() {
			s.inJuggle++
		}
		if v.Balls[i].State != sim.BallFloor {
			s.production++
		}
	}
	for i := 0; i < v.BallsN; i++ {
		bv := &v.Balls[i]
		if !bv.Known {
			continue // a drop monitoring has not shown: the bot cannot act on it
		}
		switch {
		case bv.State == sim.BallStand:
			s.stand = true
			continue
		case bv.State == sim.BallIncoming:
			continue
		}
		s.installed++
		if bv.State == sim.BallAir {
			s.inAir++
		}
		if bv.Live {
			s.liveIdx = i
			s.liveDown = bv.State.Down() && bv.Known
		} else if bv.Standby && bv.State == sim.BallAir {
			if s.standbys == 0 {
				s.oldest = bv.Version
			}
			s.standbys++
		}
		if bv.State == sim.BallFloor && bv.Known && (s.knownFloor < 0 || bv.Live) {
			s.knownFloor = i
		}
	}
}

// lookAtDue works out which ball is due next at each hand, drawing the timing of each
// press it plans.
func (b *OpsBot) lookAtDue(v *sim.View, s *situation) {
	s.due = [2]int{-1, -1}
	for i := 0; i < v.BallsN; i++ {
		bv := &v.Balls[i]
		if !bv.Known || !bv.State.InJuggle() {
			continue // a drop monitoring has not shown: the bot cannot act on it
		}
		h := bv.Hand
		if d := s.due[h]; d < 0 || bv.Arrival < v.Balls[d].Arrival {
			if k := b.planFor(v, i, s.inJuggle); !b.plans[k].done {
				s.due[h], s.duePlan[h] = i, k
			}
		}
	}
}

// Act juggles, keeps the gate, and responds to incidents.
func (b *OpsBot) Act(v *sim.View, out []sim.Input) []sim.Input {
	s := &b.sit
	b.look(v, s)
	start := len(out)
	in := func(a sim.Action, arg int32) {
		out = append(out, sim.Input{Tick: v.Tick, Role: sim.Ops, Action: a, Arg: arg})
	}
	if v.Incident.ID != 0 {
		b.lastDetected = v.Incident.Detected
	}
	if s.knownIssue {
		if b.alertSince < 0 {
			b.alertSince = v.Tick
		}
	} else {
		b.alertSince = -1
		b.rollbackLive = 0
	}
	reacted := b.alertSince >= 0 && v.Tick-b.alertSince >= b.Spec.ReactionTicks

	// Acknowledge what monitoring raised, after the reaction time.
	switch {
	case v.Unacked == 0:
		b.ackSince = -1
	case b.ackSince < 0:
		b.ackSince = v.Tick
	case v.Tick-b.ackSince >= b.Spec.ReactionTicks:
		in(sim.ActAcknowledge, 0)
		b.ackSince = -1
	}

	// Respond: a known ball on the floor, or a live version that is broken.
	if reacted {
		b.respond(v, s, in)
	}

	// The gate.
	if v.CRActive {
		if b.crSeen < 0 || b.crSeen < v.CRSince {
			b.crSeen = v.Tick
		}
		if v.Tick-b.crSeen >= b.Spec.ReactionTicks {
			if a := b.gate(v, s, v.Tick); a != sim.ActNone {
				in(a, 0)
				if a == sim.ActApprove {
					b.lastApproved = v.Tick
				}
			}
		}
	} else {
		b.crSeen = -1
	}

	// Juggle: at most one press per hand per tick, for the earliest ball due there.
	for h := sim.Left; h <= sim.Right; h++ {
		i := s.due[h]
		if v.Busy[h] || i < 0 {
			continue
		}
		p := &b.plans[s.duePlan[h]]
		if v.Tick < p.press {
			continue
		}
		p.done = true
		b.sitOK = false // the hand's next ball is due now
		a, arg := b.pressFor(v, s, i, h)
		in(a, arg)
	}
	b.setWake(v, s, len(out) > start)
	return out
}

// setWake works out when the bot next needs to look if the world stays quiet: the first
// tick at which one of its clocks runs out (a planned press, the reaction time to a
// change request, an alert or an unacknowledged incident, the waits of its response,
// the end of an upgrade). With the world quiet its view does not change but for the
// tick, so nothing it does can change before then; it looks at every event anyway.
func (b *OpsBot) setWake(v *sim.View, s *situation, acted bool) {
	now := v.Tick
	b.wake, b.planned = now+1, -1
	if acted {
		return
	}
	press := never
	for h := range s.due {
		if s.due[h] >= 0 && !v.Busy[h] {
			press = min(press, b.plans[s.duePlan[h]].press)
		}
	}
	// The clocks still to run out after this tick.
	w := never
	if s.upgrading {
		w = min(w, v.UpgradeUntil) // the gate's calm and the response wait for it
	}
	cr := never
	if t := b.crSeen + b.Spec.ReactionTicks; v.CRActive && t > now {
		cr = t
	}
	if b.ackSince >= 0 {
		// Set this tick or before, and not acknowledged yet: the reaction time, but not
		// before the next tick.
		w = min(w, b.ackSince+b.Spec.ReactionTicks)
	}
	if a := b.alertSince; a >= 0 {
		// respond's clocks: the reaction, a recover-first wait before rolling back, and
		// the time after which a ball on the floor is picked up even with a catch due.
		for _, t := range [...]sim.Tick{a + b.Spec.ReactionTicks, a + b.Spec.ReactionTicks + b.recover, a + 2*b.recover + 1} {
			if t > now {
				w = min(w, t)
			}
		}
	}
	b.wake = max(min(w, cr, press), now+1)
	// A press or the gate's answer alone at the wake-up, every other clock later: with
	// the view unchanged but for the tick, Act would do that and nothing else then (its
	// other rules read only clocks that run out later, or what did not change).
	switch {
	case press < w && press < cr:
		b.planned, b.plannedGate = press, sim.ActNone // press > now: a press due now is made
	case cr < w && cr < press:
		if a := b.gate(v, s, cr); a != sim.ActNone {
			b.planned, b.plannedGate = cr, a
		}
	}
}

// actPlanned is Act at the tick the bot planned (planned, now), for a view that changed
// in nothing but the tick since the bot last looked at it: the presses due now, or the
// gate's answer, without looking again.
func (b *OpsBot) actPlanned(v *sim.View, now sim.Tick, out []sim.Input) []sim.Input {
	b.wake, b.planned = now+1, -1
	if a := b.plannedGate; a != sim.ActNone {
		if a == sim.ActApprove {
			b.lastApproved = now
		}
		return append(out, sim.Input{Tick: now, Role: sim.Ops, Action: a})
	}
	s := &b.sit
	for h := sim.Left; h <= sim.Right; h++ {
		i := s.due[h]
		if v.Busy[h] || i < 0 {
			continue
		}
		p := &b.plans[s.duePlan[h]]
		if now < p.press {
			continue
		}
		p.done = true
		b.sitOK = false // the hand's next ball is due now
		a, arg := b.pressFor(v, s, i, h)
		out = append(out, sim.Input{Tick: now, Role: sim.Ops, Action: a, Arg: arg})
	}
	return out
}

// Wake returns the tick before which the bot would do nothing if the world stays quiet.
func (b *OpsBot) Wake() sim.Tick { return b.wake }

// respond handles a known incident.
func (b *OpsBot) respond(v *sim.View, s *situation, in func(sim.Action, int32)) {
	if s.knownFloor >= 0 {
		fb := &v.Balls[s.knownFloor]
		switch {
		case !fb.Live && s.installed > v.TargetBalls:
			in(sim.ActDiscard, int32(fb.Version)) // a spare standby: let it go
		case fb.Live && b.Spec.Response == sim.RollbackFirst && s.standbys > 0:
			in(sim.ActDiscard, int32(fb.Version)) // roll back to the standby in the air
		case s.production >= v.MaxBalls:
			in(sim.ActDiscard, int32(fb.Version)) // no room to pick it up
		case !v.Busy[fb.Hand] && (b.handFree(v, fb.Hand) || v.Tick-b.alertSince > 2*b.recover):
			in(sim.ActRecover, int32(fb.Version))
		}
		return
	}
	if s.liveIdx < 0 || s.upgrading || s.liveDown || v.Balls[s.liveIdx].State.Down() {
		return
	}
	// Something is wrong with the live version in the air: a defect, shown cracked, or an
	// alert with no visible cause. Roll it back at its next catch; recover-first ops wait
	// a recovery's time first, hoping it passes.
	if v.Incident.ID == 0 && !s.cracked {
		return
	}
	wait := sim.Tick(0)
	if b.Spec.Response == sim.RecoverFirst {
		wait = b.recover
	}
	if v.Tick-b.alertSince >= b.Spec.ReactionTicks+wait && s.standbys > 0 {
		b.rollbackLive = v.Balls[s.liveIdx].Version
	}
}

// handFree reports whether no ball is due at hand h while a recovery would keep it busy:
// a careful juggler picks a ball up between two catches.
func (b *OpsBot) handFree(v *sim.View, h sim.Hand) bool {
	for i := 0; i < v.BallsN; i++ {
		bv := &v.Balls[i]
		if bv.State.InJuggle() && bv.Hand == h && bv.Arrival-b.windowTicks <= v.Tick+b.recover {
			return false
		}
	}
	return true
}

// gate decides on the pending change request at tick now (the view's, or the tick
// setWake plans for).
func (b *OpsBot) gate(v *sim.View, s *situation, now sim.Tick) sim.Action {
	switch b.Spec.Gatekeeping {
	case sim.ApproveAll:
		return sim.ActApprove
	case sim.RejectAll:
		return sim.ActReject
	case sim.Freeze:
		if now-b.lastDetected < b.Spec.FreezeTicks || now-b.lastApproved < b.Spec.FreezeTicks {
			return sim.ActReject
		}
	}
	// A broken live version with nothing to roll back to: only a fix can help (roll forward).
	rollForward := v.Incident.ID != 0 && s.liveIdx >= 0 && s.standbys == 0 && !s.liveDown
	calm := (!s.knownIssue || rollForward) && s.installed <= v.TargetBalls && !s.upgrading && s.inJuggle <= v.TargetBalls
	if calm {
		return sim.ActApprove
	}
	return sim.ActNone // wait: it may calm down before the request times out
}

// pressFor chooses how to press for ball i arriving at hand h.
func (b *OpsBot) pressFor(v *sim.View, s *situation, i int, h sim.Hand) (sim.Action, int32) {
	bv := &v.Balls[i]
	catch := sim.ActCatchLeft + sim.Action(h)
	retire := sim.ActRetireLeft + sim.Action(h)
	switch {
	case bv.Live && b.rollbackLive == bv.Version && s.standbys > 0:
		b.rollbackLive = 0
		return retire, 0
	case bv.Standby && s.stand:
		return sim.ActSwap, int32(h)
	case bv.Live && s.stand && s.standbys == 0:
		return sim.ActSwap, int32(h)
	case bv.Standby && bv.Version == s.oldest && s.inAir > v.TargetBalls && s.liveIdx >= 0 && !v.Balls[s.liveIdx].State.Down():
		return retire, 0
	}
	return catch, 0
}
