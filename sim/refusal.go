package sim

// Refusal is why the world refused a well-formed input: the Why of an EvRefused event.
// The world works it out where it refuses, from the state before the input, so that a
// player can be told in plain words (package sim/coach) rather than "not now". Events
// are not part of the state hash, so reasons change no result.
type Refusal uint8

// The reasons. Each action's refusals are listed in docs/model.md's table of inputs.
const (
	RefusedNone        Refusal = iota
	RefusedEmptyTray           // release, test: no feature waits in the tray
	RefusedInReview            // release, test: a change request for the front feature waits for ops
	RefusedLocked              // release, approve: the error budget is spent, releases are locked until next month
	RefusedFull                // release, approve, recover: production holds MaxBalls balls
	RefusedFloorFull           // release, approve: the world holds MaxBallsLimit balls, counting the floor
	RefusedStandTaken          // release, approve: blue/green, a version already waits on the stand
	RefusedNoSuchHand          // release, swap: the argument names no hand
	RefusedTesting             // test-start: testing is already on
	RefusedNotTesting          // test-stop: testing is off
	RefusedNoRequest           // approve, reject: no change request waits
	RefusedPressed             // catch, retire, swap: that hand was already pressed this tick
	RefusedNothingDown         // recover, discard: no ball lies on the floor (or not that version)
	RefusedUnseen              // recover, discard: a ball lies on the floor, but ops does not know of it yet
	RefusedHandBusy            // recover: the ball's hand is already picking a ball up
	RefusedNoIncident          // ack: no detected incident waits to be acknowledged
	numRefusals
)

var refusalKeys = [numRefusals]string{
	"none", "empty-tray", "in-review", "locked", "full", "floor-full", "stand-taken",
	"no-such-hand", "testing", "not-testing", "no-request", "pressed", "nothing-down",
	"unseen", "hand-busy", "no-incident",
}

// String returns the reason's short machine-readable name (sim/coach has the words).
func (r Refusal) String() string {
	if r < numRefusals {
		return refusalKeys[r]
	}
	return "?"
}

// releaseBlock returns why the front feature may not go out now, gate aside, or
// RefusedNone when it may.
func (w *World) releaseBlock() Refusal {
	switch {
	case w.trayN == 0:
		return RefusedEmptyTray
	case w.locked:
		return RefusedLocked
	case w.production() >= w.cfg.MaxBalls:
		return RefusedFull
	case w.ballsN == len(w.balls):
		return RefusedFloorFull
	}
	if w.blueGreen {
		for i := 0; i < w.ballsN; i++ {
			if w.balls[i].State == BallStand {
				return RefusedStandTaken // one stand
			}
		}
	}
	return RefusedNone
}
