// Package sim is the deterministic model of the Dev vs Ops juggling exercise
// (docs/model.md). It imports only the standard library, never ebiten, so that the
// headless CLI runs on any server, and it holds no floats, maps, goroutines or clocks in its
// state: the same Config, seed and inputs give the same state hash on every platform.
//
// A round is a sequence of ticks. Each call to (*World).Step applies the inputs of one tick
// (what dev and ops pressed) and advances the world by exactly one tick. The game renders a
// World and turns keys into Inputs; bots (package sim/bot) read a View and produce Inputs.
package sim

import "fmt"

// TicksPerSecond is the model's clock rate: the game runs one Step per frame at 60 TPS.
const TicksPerSecond = 60

// Real-world reading of the game clock: a 30-second month is a 30-day month, so one
// second of play is one day and one tick is 24 minutes.
const (
	MinutesPerTick = 24 * 60 / TicksPerSecond // 24
	TicksPerDay    = TicksPerSecond           // 60
)

// Tick is a point in model time, or a duration, counted in ticks of 1/60 s.
type Tick int64

// Seconds converts a duration in ticks to seconds of game time (days of calendar time).
func (t Tick) Seconds() float64 { return float64(t) / TicksPerSecond }

// Version numbers the releases of the service. Versions 1 and 2 are in production when a
// round starts; each release gets the next number.
type Version int32

// FeatureID numbers the features dev builds, from 1.
type FeatureID int32

// Role is who sends an input: development or operations.
type Role uint8

// The two roles.
const (
	Dev Role = iota
	Ops
)

// String returns "dev" or "ops".
func (r Role) String() string {
	switch r {
	case Dev:
		return "dev"
	case Ops:
		return "ops"
	}
	return fmt.Sprintf("role(%d)", uint8(r))
}

// Hand is one of the juggler's two hands.
type Hand int8

// The two hands. NoHand marks a ball that is not in flight towards a hand.
const (
	Left   Hand = 0
	Right  Hand = 1
	NoHand Hand = -1
)

// Other returns the opposite hand.
func (h Hand) Other() Hand { return 1 - h }

// String returns "left" or "right".
func (h Hand) String() string {
	switch h {
	case Left:
		return "left"
	case Right:
		return "right"
	}
	return "none"
}

// Action is what an input does. Each action belongs to one role.
type Action uint8

// The actions (docs/model.md). Arg meanings: Release takes an ArgHand* value; Recover and
// Discard take the Version of a ball on the floor (0: the live one if it is down, else
// the newest); Swap takes a Hand (0 left, 1 right). The others ignore Arg.
const (
	ActNone        Action = iota
	ActRelease            // dev: release the front feature of the tray
	ActTestStart          // dev: start testing the front feature
	ActTestStop           // dev: stop testing
	ActApprove            // ops: approve the pending change request
	ActReject             // ops: reject the pending change request
	ActCatchLeft          // ops: catch at the left hand
	ActCatchRight         // ops: catch at the right hand
	ActRetireLeft         // ops: catch at the left hand and retire that ball
	ActRetireRight        // ops: catch at the right hand and retire that ball
	ActSwap               // ops: blue/green, catch a standby at hand Arg and swap the stand ball in
	ActRecover            // ops: pick up a dropped ball (the hand is busy meanwhile)
	ActDiscard            // ops: throw a dropped ball away (a rollback if it was live)
	ActAcknowledge        // ops: acknowledge the oldest detected, unacknowledged incident
	numActions
)

// Release targets, the Arg of ActRelease.
const (
	ArgHandAuto  = 0 // the hand with fewer balls inbound (left on a tie)
	ArgHandLeft  = 1
	ArgHandRight = 2
)

var actionNames = [numActions]string{
	"none", "release", "test-start", "test-stop", "approve", "reject",
	"catch-left", "catch-right", "retire-left", "retire-right", "swap",
	"recover", "discard", "ack",
}

// String returns the action's name as used in replays and scenario files.
func (a Action) String() string {
	if a < numActions {
		return actionNames[a]
	}
	return fmt.Sprintf("action(%d)", uint8(a))
}

// ParseAction returns the action with the given name (see Action.String).
func ParseAction(name string) (Action, error) {
	for i, n := range actionNames {
		if n == name && i != int(ActNone) {
			return Action(i), nil
		}
	}
	return ActNone, fmt.Errorf("unknown action %q", name)
}

// Role returns the role that may send the action.
func (a Action) Role() Role {
	switch a {
	case ActRelease, ActTestStart, ActTestStop:
		return Dev
	}
	return Ops
}

// Input is one thing a player or bot did, at one tick. A replay is the list of inputs.
type Input struct {
	Tick   Tick
	Role   Role
	Action Action
	Arg    int32
}

// WellFormed reports whether the input is an action of its role. The world ignores any
// other input (the action none, an unknown action, an action of the other role, a role
// that is neither) as if it had never been sent: no state, no hash, no event, no count
// changes, and a recording leaves it out. A well-formed input may still be refused
// (approving with nothing pending, releasing with a full production): that is counted
// and recorded.
func (in Input) WellFormed() bool {
	return in.Action > ActNone && in.Action < numActions && in.Role == in.Action.Role()
}

// String formats the input for logs and test failures.
func (in Input) String() string {
	return fmt.Sprintf("t=%d %s %s %d", in.Tick, in.Role, in.Action, in.Arg)
}

// invariant panics when an invariant of the model does not hold. Invariants are bugs in
// sim, never bad input: errors are for I/O and decoding. It takes a constant message so
// that a check on the hot path costs no allocation.
func invariant(cond bool, msg string) {
	if !cond {
		panic("sim: invariant violated: " + msg)
	}
}
