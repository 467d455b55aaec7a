package bot

import (
	"math/rand/v2"

	"devopsjuggle/sim"
	"devopsjuggle/sim/coach"
)

// Novice plays a role as a first-time person does: it sees only what the screen shows
// (the View's visible fields, and the approach cues and prompts of sim/coach, the same
// the game draws), it reacts to what appears after a person's reaction time, and it
// presses on the beats it anticipates with a person's timing error. It measures the
// game's design: can a newcomer juggle, and does the lesson, not dexterity, decide the
// round? (README, "A first-timer's figures".)
//
// Its parameters, and where they come from:
//
//   - Reaction time: log-normal, median ReactionTicks of its spec (15 ticks, 250 ms for
//     the named "novice"), shape σ = 0.25 (5 % of reactions under 166 ms, 5 % over
//     376 ms). Simple visual reaction times of adults are about 190-250 ms (Laming 1968,
//     ~220 ms; Kosinski 2013's review, ~190 ms in the laboratory; online tests such as
//     Human Benchmark's report a median near 270 ms with a screen's and a keyboard's
//     latency); choosing between responses adds to it (Hick 1952; Hyman 1953). Reaction
//     times are skewed to the right, and a log-normal fits them well (Luce 1986,
//     "Response Times"). One draw per thing to react to: a prompt that appears, a catch
//     ring that lights.
//   - Timing error on an anticipated beat: a person who sees a ball coming (the shrinking
//     approach ring) presses on its arrival rather than reacting to it, with an error of
//     about 50 ms standard deviation: tapping in time with a regular beat shows
//     asynchronies with a standard deviation of some 20-60 ms (Repp 2005, "Sensorimotor
//     synchronization: a review of the tapping literature"; Repp and Su 2013), and a
//     moving visual target such as a bouncing ball is followed about as well as a sound
//     (Hove, Iversen, Zhang and Repp 2013). The error is drawn as a sum of four uniform
//     integers (a bell curve in integer arithmetic, bounded at 3.5 standard deviations):
//     its standard deviation is (1000 - skill)/100 ticks, 3 ticks (50 ms) at the named
//     novice's skill 700.
//   - One thing at a time: a person answers prompts one by one, each after its own
//     reaction time (the psychological refractory period: Pashler 1994); the juggling
//     goes on meanwhile, as a practised rhythm does.
//
// What it does, with the cues (the named "novice"): it presses each ball's hand on the
// ball's arrival tick plus its timing error, with the key its prompts ask for (retire
// the oldest version, roll a cracked live version back, swap in the stand's version),
// and answers the other prompts: picks a fallen ball up when the prompt says the hand is
// clear (or throws it away when it says so), acknowledges incidents, and answers change
// requests by its spec's gatekeeping (the named novice approves when calm: no incident,
// nothing on the floor, no version too many). As dev it releases each feature a
// reaction time after the prompt says it is ready, and never tests: a first-timer does
// not know why.
//
// Without them (the named "novice-nocue", the screen before the approach cue and the
// prompts): a ball's catch ring lights only as the ball enters its catch window, and the
// person presses a reaction time after it lights; nothing says to retire or roll back,
// so it never does; it picks up every ball it sees on the floor and acknowledges what
// the incident banner shows, and it approves every change request it sees (on the
// screen of the time, the request showed on dev's side: a student who noticed approved
// them all).
//
// Its random stream is its own, seeded from the round's seed and its role, so a replay
// needs only the inputs.
type Novice struct {
	role sim.Role
	// cues: the screen shows the approach cues and the prompts.
	cues bool
	// medianTicks is the median reaction time; spread16 the half-width of each of the
	// four uniforms of the timing error, in sixteenths of a tick.
	medianTicks sim.Tick
	spread16    int64
	gate        sim.Gatekeeping
	freezeTicks sim.Tick
	// uptimeOnly: its pay has nothing for features (silo's ops), as the screen's pay
	// line shows; its gate then lets each change settle (see gatekeep).
	uptimeOnly bool
	rng        *rand.Rand

	c  coach.Cues
	ps coach.Prompts

	// plans are the presses planned for the balls on their way.
	plans  [sim.MaxBallsLimit]novicePlan
	plansN int
	// lastPress is the tick each hand was last pressed: one press per hand per tick.
	lastPress [2]sim.Tick

	// seen and react are, per prompt kind, since when it shows (-1: it does not) and
	// the reaction time drawn for it; the prompt is acted on at seen + react.
	seen  [coach.NumKinds]sim.Tick
	react [coach.NumKinds]sim.Tick
	// nextLook is when the person can answer the next prompt: one at a time.
	nextLook sim.Tick
	// lastIncident is when an incident last showed, lastApproved when it approved a
	// change (for the freeze rule).
	lastIncident, lastApproved sim.Tick
	// watching: something shows that the novice may act on (a prompt; on the old screen
	// a ball on the floor, the incident banner, a change request); wake is its Wake.
	watching bool
	wake     sim.Tick
}

// novicePlan is when the novice presses for one ball's flight.
type novicePlan struct {
	version sim.Version
	arrival sim.Tick
	press   sim.Tick
	done    bool
}

// Stream salts of the novices' RNGs (arbitrary odd constants, one per role).
const (
	noviceDevSalt = 0xa0761d6478bd642f
	noviceOpsSalt = 0xe7037ed1a0b428db
)

// NewNovice returns a novice for role r in a round of cfg with seed, playing from the
// role's spec (cfg.DevBot or cfg.OpsBot): the named "novice-nocue" ops plays without
// the approach cues and prompts.
func NewNovice(r sim.Role, cfg sim.Config, seed uint64) *Novice {
	n := &Novice{role: r, cues: true, medianTicks: noviceReactionTicks, gate: sim.ApproveCalm,
		lastPress: [2]sim.Tick{-1, -1}, lastIncident: -1 << 40, lastApproved: -1 << 40}
	salt := uint64(noviceDevSalt)
	skill := int32(noviceSkillPermille)
	if r == sim.Ops {
		salt = noviceOpsSalt
		o := cfg.OpsBot
		n.cues = o.Name != NoviceNoCue
		n.medianTicks = max(1, o.ReactionTicks)
		n.gate, n.freezeTicks, skill = o.Gatekeeping, o.FreezeTicks, o.SkillPermille
		n.uptimeOnly = cfg.OpsPay.PerFeature == 0
	}
	n.rng = rand.New(rand.NewPCG(seed, salt))
	// Four uniforms on [-a, a] sum to a standard deviation of about 1.155 a.
	n.spread16 = int64(1000-skill) * 16 / 100 * 866 / 1000
	for k := range n.seen {
		n.seen[k] = -1
	}
	return n
}

// NoviceNoCue is the novice on the screen before the approach cues and prompts
// (sim.IsNovice names the novices).
const NoviceNoCue = "novice-nocue"

// The named novice's reaction time and skill (its spec holds them for ops).
const (
	noviceReactionTicks = 15 // 250 ms
	noviceSkillPermille = 700
)

// Role returns the role the novice plays.
func (n *Novice) Role() sim.Role { return n.role }

// reactionLogNormal holds exp(0.25 z) in per-mille for z = s/9.798, s the sum of four
// uniform integers in [-8, 8] (standard deviation 9.798), from s = -32 to 32: a
// log-normal draw in integers (a test checks it against math.Exp).
var reactionLogNormal = [65]int32{
	442, 453, 465, 477, 489, 502, 515, 528, 542, 556, 570, 585, 600,
	616, 632, 648, 665, 682, 700, 718, 736, 755, 775, 795, 815, 836,
	858, 880, 903, 926, 950, 975, 1000, 1026, 1052, 1080, 1107, 1136, 1165,
	1196, 1226, 1258, 1291, 1324, 1358, 1393, 1429, 1466, 1504, 1543, 1583, 1624,
	1666, 1709, 1753, 1798, 1845, 1892, 1941, 1992, 2043, 2096, 2150, 2206, 2263,
}

// reaction draws a reaction time: log-normal around the median, at least one tick.
func (n *Novice) reaction() sim.Tick {
	s := 32
	for range 4 {
		s += n.rng.IntN(17) - 8
	}
	return max(1, (n.medianTicks*sim.Tick(reactionLogNormal[s])+500)/1000)
}

// timing draws a timing error in whole ticks: the sum of four uniforms on [-a, a]
// sixteenths of a tick, rounded.
func (n *Novice) timing() sim.Tick {
	a := n.spread16
	if a <= 0 {
		return 0
	}
	var e int64
	for range 4 {
		e += n.rng.Int64N(2*a+1) - a
	}
	if e >= 0 {
		return sim.Tick((e + 8) / 16)
	}
	return -sim.Tick((-e + 8) / 16)
}

// Act plays one tick.
func (n *Novice) Act(v *sim.View, out []sim.Input) []sim.Input {
	start := len(out)
	if n.role == sim.Dev {
		n.ps.Fill(v, sim.Dev)
		out = n.dev(v, out)
	} else {
		n.c.Fill(v)
		if n.cues {
			n.ps.Fill(v, sim.Ops)
			n.notice(v)
		}
		n.plan(v)
		out = n.juggle(v, out)
		if n.cues {
			out = n.answer(v, out)
		} else {
			out = n.oldScreen(v, out)
		}
	}
	n.setWake(v, len(out) > start)
	return out
}

// setWake works out when the novice next needs to look if nothing happens in the world
// (bot.Sleeper). Prompts and what the old screen shows come and go with events, but
// while one shows the novice watches it every tick (its reactions run, a pick-up's "now"
// moves with time, an incident's freeze counts from its last tick); with nothing showing
// it needs to look only at its next planned press.
func (n *Novice) setWake(v *sim.View, acted bool) {
	n.wake = v.Tick + 1
	switch {
	case acted || n.watching:
		return
	case n.role == sim.Dev:
		n.wake = never
		return
	}
	w := never
	for i := 0; i < n.plansN; i++ {
		if !n.plans[i].done {
			w = min(w, n.plans[i].press)
		}
	}
	n.wake = max(w, v.Tick+1)
}

// Wake returns the tick before which the novice would do nothing if the world stays
// quiet.
func (n *Novice) Wake() sim.Tick { return n.wake }

// notice updates when each prompt kind began to show, drawing a reaction time for it.
// A prompt whose action has a timing (pick up when the hand is clear) counts as showing
// only while it says Now.
func (n *Novice) notice(v *sim.View) {
	n.watching = n.ps.N > 0
	var showing [coach.NumKinds]bool
	for i := range n.ps.List() {
		p := &n.ps.Prompt[i]
		if p.Kind == coach.Acknowledge || p.Kind == coach.LiveDown || p.Kind == coach.Rollback {
			n.lastIncident = v.Tick
		}
		switch p.Kind {
		case coach.LiveDown, coach.Fallen:
			if !p.Now {
				continue
			}
		}
		showing[p.Kind] = true
	}
	for k := range n.seen {
		switch {
		case !showing[k]:
			n.seen[k] = -1
		case n.seen[k] < 0:
			n.seen[k], n.react[k] = v.Tick, n.reaction()
		}
	}
}

// reacted reports whether the person has taken in prompt kind k by tick t.
func (n *Novice) reacted(k coach.Kind, t sim.Tick) bool {
	return n.seen[k] >= 0 && t >= n.seen[k]+n.react[k]
}

// plan makes a press plan for every ball on its way that has none (or was thrown again).
func (n *Novice) plan(v *sim.View) {
	// Forget the plans of balls no longer on their way.
	k := 0
	for i := 0; i < n.plansN; i++ {
		if cu := n.c.Of(n.plans[i].version); cu != nil && cu.Arrival == n.plans[i].arrival {
			n.plans[k] = n.plans[i]
			k++
		}
	}
	n.plansN = k
	for i := 0; i < n.c.N; i++ {
		cu := &n.c.Cue[i]
		if n.planOf(cu.Version) >= 0 {
			continue
		}
		p := novicePlan{version: cu.Version, arrival: cu.Arrival}
		if n.cues {
			p.press = cu.Arrival + n.timing() // anticipated
		} else {
			// The ring lights as the ball enters its window: react to it.
			p.press = max(v.Tick, cu.Arrival-v.CatchWindowTicks) + n.reaction()
		}
		n.plans[n.plansN] = p
		n.plansN++
	}
}

func (n *Novice) planOf(ver sim.Version) int {
	for i := 0; i < n.plansN; i++ {
		if n.plans[i].version == ver {
			return i
		}
	}
	return -1
}

// juggle presses each hand whose next ball's planned press has come, with the key the
// prompts the person has taken in ask for.
func (n *Novice) juggle(v *sim.View, out []sim.Input) []sim.Input {
	for h := sim.Left; h <= sim.Right; h++ {
		if v.Busy[h] || n.lastPress[h] == v.Tick {
			continue
		}
		// The earliest planned press due at this hand.
		best := -1
		for i := 0; i < n.plansN; i++ {
			p := &n.plans[i]
			cu := n.c.Of(p.version)
			if p.done || cu.Hand != h || v.Tick < p.press {
				continue
			}
			if best < 0 || p.press < n.plans[best].press {
				best = i
			}
		}
		if best < 0 {
			continue
		}
		p := &n.plans[best]
		p.done = true
		n.lastPress[h] = v.Tick
		a, arg := sim.ActCatchLeft+sim.Action(h), int32(0)
		if n.cues {
			a, arg = n.keyFor(p.version, h, v.Tick, a)
		}
		out = append(out, sim.Input{Tick: v.Tick, Role: sim.Ops, Action: a, Arg: arg})
	}
	return out
}

// keyFor is the key a press for ball ver at hand h takes: the one a prompt about that
// ball asks for, once the person has taken it in; else catch.
func (n *Novice) keyFor(ver sim.Version, h sim.Hand, t sim.Tick, catch sim.Action) (sim.Action, int32) {
	for i := range n.ps.List() {
		p := &n.ps.Prompt[i]
		switch p.Kind {
		case coach.Rollback, coach.Extra, coach.SwapIn:
			if p.Version == ver && p.Hand == h && n.reacted(p.Kind, t) {
				return p.Advised(), p.Arg
			}
		}
	}
	return catch, 0
}

// answer acts on the most urgent prompt the person has taken in that a key answers
// (not a press at a ball: juggle does those), one at a time.
func (n *Novice) answer(v *sim.View, out []sim.Input) []sim.Input {
	if v.Tick < n.nextLook {
		return out
	}
	for i := range n.ps.List() {
		p := &n.ps.Prompt[i]
		a := p.Advised()
		switch p.Kind {
		case coach.Rollback, coach.Extra, coach.SwapIn:
			continue // answered at the ball's catch
		case coach.ChangeRequest:
			a = n.gatekeep(v, p)
		}
		if a == sim.ActNone || !n.reacted(p.Kind, v.Tick) {
			continue
		}
		out = append(out, sim.Input{Tick: v.Tick, Role: sim.Ops, Action: a, Arg: p.Arg})
		if a == sim.ActApprove {
			n.lastApproved = v.Tick
		}
		n.seen[p.Kind] = -1 // still showing next tick: it takes a new look
		n.nextLook = v.Tick + n.reaction()
		return out
	}
	return out
}

// gatekeep answers a change request by the spec's rule: approve-calm approves when the
// screen shows no trouble (no incident, nothing on the floor, no version too many, no
// release on its way, no restart) and waits otherwise; a request production has no room
// for is rejected, as the prompt advises. Freeze also rejects for FreezeTicks after an
// incident or an approval, and so does approve-calm when the novice's pay has nothing
// for features (silo's ops, paid by uptime alone, as the screen's pay line shows): a
// release can only cost it, so it lets each change settle before the next.
func (n *Novice) gatekeep(v *sim.View, p *coach.Prompt) sim.Action {
	freeze := n.gate == sim.Freeze || n.gate == sim.ApproveCalm && n.uptimeOnly
	switch {
	case n.gate == sim.ApproveAll:
		return sim.ActApprove
	case n.gate == sim.RejectAll:
		return sim.ActReject
	case freeze && (v.Tick-n.lastIncident < n.freezeTicks || v.Tick-n.lastApproved < n.freezeTicks):
		return sim.ActReject
	}
	if p.Advised() == sim.ActReject {
		return sim.ActReject
	}
	for i := range n.ps.List() {
		switch n.ps.Prompt[i].Kind {
		case coach.LiveDown, coach.Rollback, coach.Acknowledge, coach.Extra, coach.Fallen:
			return sim.ActNone
		}
	}
	for i := 0; i < n.c.N; i++ {
		if n.c.Cue[i].New {
			return sim.ActNone // the last release is still on its way
		}
	}
	if v.Tick < v.UpgradeUntil {
		return sim.ActNone
	}
	return sim.ActApprove
}

// oldScreen is what the person does on the screen without prompts: picks up what it
// sees on the floor, acknowledges the incident banner, approves change requests, each a
// reaction time after it shows, one at a time.
func (n *Novice) oldScreen(v *sim.View, out []sim.Input) []sim.Input {
	var showing [3]bool
	floor := sim.Version(0)
	for i := 0; i < v.BallsN; i++ {
		if b := &v.Balls[i]; b.State == sim.BallFloor && b.Known && !v.Busy[b.Hand] {
			floor = b.Version
		}
	}
	showing[0], showing[1], showing[2] = floor != 0, v.Unacked > 0, v.CRActive
	n.watching = showing[0] || showing[1] || showing[2]
	acts := [3]sim.Action{sim.ActRecover, sim.ActAcknowledge, sim.ActApprove}
	for k := range showing {
		switch {
		case !showing[k]:
			n.seen[k] = -1
		case n.seen[k] < 0:
			n.seen[k], n.react[k] = v.Tick, n.reaction()
		}
	}
	if v.Tick < n.nextLook {
		return out
	}
	for k := range showing {
		if showing[k] && v.Tick >= n.seen[k]+n.react[k] {
			arg := int32(0)
			if k == 0 {
				arg = int32(floor)
			}
			out = append(out, sim.Input{Tick: v.Tick, Role: sim.Ops, Action: acts[k], Arg: arg})
			n.seen[k] = -1
			n.nextLook = v.Tick + n.reaction()
			return out
		}
	}
	return out
}

// dev releases each feature a reaction time after a prompt says it may go out.
func (n *Novice) dev(v *sim.View, out []sim.Input) []sim.Input {
	var showing [coach.NumKinds]bool
	n.watching = false
	for i := range n.ps.List() {
		showing[n.ps.Prompt[i].Kind] = true
		n.watching = n.watching || n.ps.Prompt[i].Advised() != sim.ActNone
	}
	for k := range n.seen {
		switch {
		case !showing[k]:
			n.seen[k] = -1
		case n.seen[k] < 0:
			n.seen[k], n.react[k] = v.Tick, n.reaction()
		}
	}
	if v.Tick < n.nextLook {
		return out
	}
	for i := range n.ps.List() {
		p := &n.ps.Prompt[i]
		if p.Advised() != sim.ActRelease || !n.reacted(p.Kind, v.Tick) {
			continue
		}
		out = append(out, p.Input(v.Tick))
		n.seen[p.Kind] = -1
		n.nextLook = v.Tick + n.reaction()
		return out
	}
	return out
}
