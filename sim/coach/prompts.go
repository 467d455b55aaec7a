package coach

import (
	"fmt"

	"devopsjuggle/sim"
)

// Kind names a prompt: what the player is told to do. The kinds are stable: the game
// keys its drawings and sounds on them, and tests and the novice bot read them.
type Kind uint8

// The prompts, ops' then dev's. Each says when it shows; what it shows is only what the
// View shows the player.
const (
	None Kind = iota
	// LiveDown (ops): the live version lies on the floor and ops knows it: pick it up,
	// or throw it away (a rollback to the standby).
	LiveDown
	// Rollback (ops): the live version shows cracked (a detected defect) and a standby
	// is in the air: retire the live ball at its next catch (a rollback).
	Rollback
	// Acknowledge (ops): a detected incident waits to be acknowledged.
	Acknowledge
	// ChangeRequest (ops, with the gate): a change request waits: approve or reject it
	// before Deadline.
	ChangeRequest
	// Extra (ops): more versions in production than the target: retire the oldest
	// standby at its next catch.
	Extra
	// Fallen (ops): a ball that is not live lies on the floor, known: pick it up, or
	// throw it away when production has more than it needs.
	Fallen
	// SwapIn (ops, blue/green): a version waits on the stand: swap it in at the next
	// catch of the oldest standby (or of the live ball when no standby is up).
	SwapIn
	// Unseen (ops): something fell that ops cannot see yet: customers (or monitoring)
	// will tell. No action answers it: picking it up is refused.
	Unseen
	// Locked (dev): the error budget is spent: releases are locked until Deadline (the
	// month's end). No action answers it.
	Locked
	// RollForward (dev): the live version shows cracked and nothing is up to roll back
	// to: release a fix.
	RollForward
	// Waiting (dev, with the gate): the change request waits for ops until Deadline.
	Waiting
	// ProductionFull (dev): production holds N of N balls: releases wait for ops to
	// retire or throw one away.
	ProductionFull
	// TrayFull (dev): the tray is full and development stalls until a release.
	TrayFull
	// Ready (dev): a feature waits in the tray and may go out: test it or release it.
	Ready
	numKinds
)

// NumKinds is one more than the largest Kind: an array indexed by Kind has NumKinds
// entries.
const NumKinds = int(numKinds)

var kindKeys = [numKinds]string{
	"none", "live-down", "rollback", "acknowledge", "change-request", "extra", "fallen",
	"swap-in", "unseen", "locked", "roll-forward", "waiting", "production-full",
	"tray-full", "ready",
}

// String returns the kind's stable name.
func (k Kind) String() string {
	if k < numKinds {
		return kindKeys[k]
	}
	return "?"
}

// Role returns the role a prompt of this kind is for: the player who must act.
func (k Kind) Role() sim.Role {
	if k >= Locked {
		return sim.Dev
	}
	return sim.Ops
}

// priority ranks the kinds, most urgent first: the service down before a defect live,
// an incident's acknowledgement before a change request that can wait a little, load
// before a spare ball on the floor. Dev's prompts rank among themselves.
var priority = [numKinds]int{
	LiveDown: 90, Rollback: 80, Acknowledge: 70, ChangeRequest: 60, Extra: 50, Fallen: 40,
	SwapIn: 30, Unseen: 20,
	Locked: 90, RollForward: 80, Waiting: 60, ProductionFull: 50, TrayFull: 40, Ready: 10,
}

// Prompt is one thing a player is told to do, at the moment it matters.
type Prompt struct {
	Kind Kind
	// Priority ranks prompts, higher first: show the most urgent.
	Priority int
	// Actions are the inputs that answer the prompt, the advised one first (ActNone
	// where there is none: a notice). Arg is their argument: the version of the ball
	// on the floor (recover, discard), the hand (swap), 0 otherwise.
	Actions [2]sim.Action
	Arg     int32
	// Hand is where to act: the hand the ball to retire (or swap at) arrives at next,
	// the hand the fallen ball lies at; NoHand otherwise. Version is the ball concerned:
	// the one to retire, to swap at, to pick up; the live one (RollForward). Its cue
	// (Cues.Of) is the one to highlight.
	Hand    sim.Hand
	Version sim.Version
	// Stand is the version waiting on the stand (SwapIn).
	Stand sim.Version
	// Now says the advised action is timely: for a ball on the floor, no ball is due at
	// its hand while it would be busy picking it up (with a third of a second to press);
	// for a retire or a swap, a press at Hand now would catch the ball (it is in its
	// window and the first due there). Prompts with no timing are always Now.
	Now bool
	// N and Target are the counts the words use: versions and the target (Extra),
	// balls and the most production holds (ProductionFull, ChangeRequest).
	N, Target int
	// Deadline is when a change request times out (ChangeRequest, Waiting), or the
	// month's end (Locked); 0 when there is none.
	Deadline sim.Tick
	// Feature is the feature concerned (ChangeRequest, Waiting, Ready, TrayFull).
	Feature sim.FeatureID
}

// Role returns the role the prompt is for.
func (p *Prompt) Role() sim.Role { return p.Kind.Role() }

// Advised returns the advised action, ActNone for a notice.
func (p *Prompt) Advised() sim.Action { return p.Actions[0] }

// Input returns the advised action as an input for tick t (ActNone for a notice).
func (p *Prompt) Input(t sim.Tick) sim.Input {
	return sim.Input{Tick: t, Role: p.Role(), Action: p.Actions[0], Arg: p.Arg}
}

// Text returns the prompt in plain words, without key names: the game adds the keys of
// Actions from its bindings ("retire the oldest (U/O)"). It allocates.
func (p *Prompt) Text(v *sim.View) string {
	secs := func(t sim.Tick) int { return int((max(0, t-v.Tick) + sim.TicksPerSecond - 1) / sim.TicksPerSecond) }
	switch p.Kind {
	case LiveDown:
		if p.Actions[0] == sim.ActDiscard {
			return fmt.Sprintf("the live version v%d fell: throw it away to roll back, or pick it up", p.Version)
		}
		return fmt.Sprintf("the live version v%d fell: pick it up, or throw it away to roll back", p.Version)
	case Rollback:
		return fmt.Sprintf("a defective version is live (v%d): roll it back, retire it at its next catch", p.Version)
	case Acknowledge:
		return "incident: acknowledge it"
	case ChangeRequest:
		if p.Actions[0] == sim.ActReject {
			return fmt.Sprintf("change request for feature %d: production is full (%d balls): reject it", p.Feature, p.N)
		}
		return fmt.Sprintf("change request for feature %d: approve or reject", p.Feature)
	case Extra:
		return fmt.Sprintf("%d versions, target %d: retire the oldest (v%d)", p.N, p.Target, p.Version)
	case Fallen:
		if p.Actions[0] == sim.ActDiscard {
			return fmt.Sprintf("v%d fell: throw it away (production has enough), or pick it up", p.Version)
		}
		return fmt.Sprintf("v%d fell: pick it up, or throw it away", p.Version)
	case SwapIn:
		return fmt.Sprintf("v%d waits on the stand: swap it in as v%d comes down", p.Stand, p.Version)
	case Unseen:
		return "something fell: you cannot see it yet (customers will tell you)"
	case Locked:
		return fmt.Sprintf("releases locked: error budget spent (%d s to next month)", secs(p.Deadline))
	case RollForward:
		return fmt.Sprintf("the live version v%d is defective and nothing is up to roll back to: release a fix", p.Version)
	case Waiting:
		return fmt.Sprintf("feature %d waits for ops to approve", p.Feature)
	case ProductionFull:
		return fmt.Sprintf("production is full (%d balls): ops must retire one first", p.N)
	case TrayFull:
		return "the tray is full: development stalls until you release"
	case Ready:
		return fmt.Sprintf("feature %d is ready: test it or release it", p.Feature)
	}
	return ""
}

// maxPrompts bounds the prompts of one view: at most one of each kind.
const maxPrompts = int(numKinds)

// Prompts is what a role is told at one tick, most urgent first.
type Prompts struct {
	Prompt [maxPrompts]Prompt
	N      int
}

// List returns the prompts, most urgent first. The slice is p's own.
func (p *Prompts) List() []Prompt { return p.Prompt[:p.N] }

// Find returns the prompt of kind k, or nil.
func (p *Prompts) Find(k Kind) *Prompt {
	for i := 0; i < p.N; i++ {
		if p.Prompt[i].Kind == k {
			return &p.Prompt[i]
		}
	}
	return nil
}

// add inserts a prompt in priority order (stable: kinds in their order on a tie).
func (p *Prompts) add(x Prompt) {
	x.Priority = priority[x.Kind]
	switch x.Kind {
	case LiveDown, Fallen, Rollback, Extra, SwapIn:
	default:
		x.Hand = sim.NoHand
	}
	k := p.N
	for k > 0 && p.Prompt[k-1].Priority < x.Priority {
		p.Prompt[k] = p.Prompt[k-1]
		k--
	}
	p.Prompt[k] = x
	p.N++
}

// Fill works out the prompts of view v for role r. It allocates nothing.
func (p *Prompts) Fill(v *sim.View, r sim.Role) {
	p.N = 0
	var s scene
	s.look(v)
	if r == sim.Ops {
		p.ops(v, &s)
	} else {
		p.dev(v, &s)
	}
}

// scene is what the prompts make of a view: which ball is which, as the screen shows.
type scene struct {
	live       int // index in Balls of the live ball, -1
	versions   int // installed versions ops can see: live and standbys, not a fall nobody knows of
	versionsUp int // those not on the floor
	production int // balls that count against MaxBalls: all but those on the floor
	standbyUp  int // standbys in the air
	oldestUp   int // the oldest standby in the air, -1
	stand      int // the ball on the stand, -1
	floor      int // the known ball on the floor to act on first (the live one first), -1
	unseen     bool
}

func (s *scene) look(v *sim.View) {
	*s = scene{live: -1, oldestUp: -1, stand: -1, floor: -1}
	for i := 0; i < v.BallsN; i++ {
		b := &v.Balls[i]
		if b.State != sim.BallFloor {
			s.production++
		}
		switch {
		case b.State == sim.BallStand:
			s.stand = i
			continue
		case b.State == sim.BallFloor && !b.Known:
			s.unseen = true
			continue
		}
		if b.Live {
			s.live = i
		}
		if b.Live || b.Standby {
			s.versions++
			if b.State != sim.BallFloor {
				s.versionsUp++
			}
		}
		if b.Standby && b.State == sim.BallAir {
			s.standbyUp++
			if s.oldestUp < 0 {
				s.oldestUp = i // balls are sorted by version
			}
		}
		if b.State == sim.BallFloor && (s.floor < 0 || b.Live) {
			s.floor = i
		}
	}
}

// recoverNow reports whether a ball on the floor at hand h can be picked up now with no
// ball due there meanwhile: it would be busy RecoverTicks, and a person needs about a
// third of a second to press.
func recoverNow(v *sim.View, h sim.Hand) bool {
	if v.Busy[h] {
		return false
	}
	until := v.Tick + pressSlackTicks + v.RecoverTicks + v.CatchWindowTicks
	for i := 0; i < v.BallsN; i++ {
		b := &v.Balls[i]
		if b.State.InJuggle() && b.Hand == h && b.Arrival <= until {
			return false
		}
	}
	return true
}

// pressSlackTicks is the time a prompt's "now" leaves a person to press: a third of a
// second, a reaction time and some.
const pressSlackTicks = sim.TicksPerSecond / 3

// pressable reports whether a press at ball i's hand now would catch ball i: it is in
// its catch window and no ball is due there before it (the world catches the earliest;
// on a tie, the older version).
func pressable(v *sim.View, i int) bool {
	b := &v.Balls[i]
	d := b.Arrival - v.Tick
	if !b.State.InJuggle() || d > v.CatchWindowTicks || d < -v.CatchWindowTicks || v.Busy[b.Hand] {
		return false
	}
	for k := 0; k < v.BallsN; k++ {
		o := &v.Balls[k]
		if k != i && o.State.InJuggle() && o.Hand == b.Hand && (o.Arrival < b.Arrival || o.Arrival == b.Arrival && o.Version < b.Version) {
			return false
		}
	}
	return true
}

func (p *Prompts) ops(v *sim.View, s *scene) {
	if s.floor >= 0 {
		b := &v.Balls[s.floor]
		x := Prompt{Kind: Fallen, Actions: [2]sim.Action{sim.ActRecover, sim.ActDiscard}, Arg: int32(b.Version),
			Hand: b.Hand, Version: b.Version}
		// Throw it away when it is a spare, when there is no room to pick it up, and when
		// it is the live version and a standby is up: a rollback restores the service at
		// once (or after a restart), where a pick-up keeps it down and a hand busy.
		spare := !b.Live && s.versions > v.TargetBalls
		if b.Live {
			x.Kind = LiveDown
		}
		if spare || s.production >= v.MaxBalls || b.Live && s.standbyUp > 0 {
			x.Actions = [2]sim.Action{sim.ActDiscard, sim.ActRecover}
		}
		x.Now = x.Actions[0] == sim.ActDiscard || recoverNow(v, b.Hand)
		p.add(x)
	}
	if s.live >= 0 {
		b := &v.Balls[s.live]
		if b.Cracked && b.State == sim.BallAir && s.standbyUp > 0 {
			p.add(Prompt{Kind: Rollback, Actions: [2]sim.Action{sim.ActRetireLeft + sim.Action(b.Hand)},
				Hand: b.Hand, Version: b.Version, Now: pressable(v, s.live)})
		}
	}
	if v.Unacked > 0 {
		p.add(Prompt{Kind: Acknowledge, Actions: [2]sim.Action{sim.ActAcknowledge}, Now: true})
	}
	if v.Gate && v.CRActive && v.TrayN > 0 {
		x := Prompt{Kind: ChangeRequest, Actions: [2]sim.Action{sim.ActApprove, sim.ActReject},
			Deadline: v.CRDeadline, Feature: v.Tray[0].ID, N: s.production, Target: v.MaxBalls, Now: true}
		if s.production >= v.MaxBalls {
			x.Actions = [2]sim.Action{sim.ActReject, sim.ActApprove} // an approval would be refused
		}
		p.add(x)
	}
	// Extra counts the versions up: a spare on the floor is thrown away (Fallen), not
	// one in the air retired.
	if s.versionsUp > v.TargetBalls && s.oldestUp >= 0 && s.stand < 0 {
		b := &v.Balls[s.oldestUp]
		p.add(Prompt{Kind: Extra, Actions: [2]sim.Action{sim.ActRetireLeft + sim.Action(b.Hand)},
			Hand: b.Hand, Version: b.Version, N: s.versions, Target: v.TargetBalls, Now: pressable(v, s.oldestUp)})
	}
	if s.stand >= 0 {
		// The swap happens at a catch of the oldest standby in the air, or of the live
		// ball when none is up.
		at := s.oldestUp
		if at < 0 && s.live >= 0 && v.Balls[s.live].State == sim.BallAir {
			at = s.live
		}
		if at >= 0 {
			b := &v.Balls[at]
			p.add(Prompt{Kind: SwapIn, Actions: [2]sim.Action{sim.ActSwap}, Arg: int32(b.Hand),
				Hand: b.Hand, Version: b.Version, Stand: v.Balls[s.stand].Version, Now: pressable(v, at)})
		}
	}
	if s.unseen {
		p.add(Prompt{Kind: Unseen})
	}
}

func (p *Prompts) dev(v *sim.View, s *scene) {
	front := sim.FeatureID(0)
	if v.TrayN > 0 {
		front = v.Tray[0].ID
	}
	if v.Locked {
		p.add(Prompt{Kind: Locked, Deadline: v.Tick - v.MonthTick + v.MonthTicks, Now: true})
	}
	if s.live >= 0 {
		b := &v.Balls[s.live]
		if b.Cracked && s.standbyUp == 0 && v.CanRelease {
			p.add(Prompt{Kind: RollForward, Actions: [2]sim.Action{sim.ActRelease}, Version: b.Version, Feature: front, Now: true})
		}
	}
	if v.Gate && v.CRActive {
		p.add(Prompt{Kind: Waiting, Deadline: v.CRDeadline, Feature: front, Now: true})
	}
	if v.TrayN > 0 && !v.CRActive && !v.Locked && s.production >= v.MaxBalls {
		p.add(Prompt{Kind: ProductionFull, N: s.production, Target: v.MaxBalls, Now: true})
	}
	if v.Stalled && v.CanRelease {
		p.add(Prompt{Kind: TrayFull, Actions: [2]sim.Action{sim.ActRelease}, Feature: front, Now: true})
	}
	if v.TrayN > 0 && v.CanRelease {
		x := Prompt{Kind: Ready, Actions: [2]sim.Action{sim.ActRelease, sim.ActTestStart}, Feature: front, Now: true}
		if v.Testing {
			x.Actions[1] = sim.ActTestStop
		}
		p.add(x)
	}
}
