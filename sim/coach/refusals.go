package coach

import (
	"fmt"

	"devopsjuggle/sim"
)

// Explain says in plain words why an input did nothing: the reason of a refused input
// (EvRefused), and the two presses the world takes but that catch nothing (EvBusy at a
// hand picking a ball up, EvWhiff with no ball in reach). It returns "" for any other
// event. v is the view after the step, for the numbers the words use. It allocates only
// for the reasons with a number in them.
func Explain(e *sim.Event, v *sim.View) string {
	switch e.Kind {
	case sim.EvBusy:
		return "that hand is picking a ball up: it catches nothing until it is done"
	case sim.EvWhiff:
		return "no ball in reach of that hand: press as a ball lands"
	case sim.EvRefused:
	default:
		return ""
	}
	a := e.Action
	switch e.Why {
	case sim.RefusedEmptyTray:
		if a == sim.ActRelease {
			return "no feature in the tray to release"
		}
		return "no feature in the tray to test"
	case sim.RefusedInReview:
		if a == sim.ActRelease {
			return "a change request already waits for ops"
		}
		return "the front feature waits for ops' approval"
	case sim.RefusedLocked:
		return "releases are locked until next month: the error budget is spent"
	case sim.RefusedFull:
		if a == sim.ActRecover {
			return fmt.Sprintf("production is full (%d balls): throw one away or retire one first", v.MaxBalls)
		}
		return fmt.Sprintf("production is full (%d balls): ops must retire one first", v.MaxBalls)
	case sim.RefusedFloorFull:
		return "too many balls on the floor: ops must throw some away first"
	case sim.RefusedStandTaken:
		return "a version already waits on the stand: ops must swap it in first"
	case sim.RefusedNoSuchHand:
		return "no such hand"
	case sim.RefusedTesting:
		return "already testing"
	case sim.RefusedNotTesting:
		return "not testing"
	case sim.RefusedNoRequest:
		if a == sim.ActReject {
			return "nothing to reject"
		}
		return "nothing to approve"
	case sim.RefusedPressed:
		return "one press per hand at a time"
	case sim.RefusedNothingDown:
		if a == sim.ActDiscard {
			return "nothing on the floor to throw away"
		}
		return "nothing on the floor to pick up"
	case sim.RefusedUnseen:
		return "you cannot see a ball on the floor yet: customers (or monitoring) will tell you"
	case sim.RefusedHandBusy:
		return "that hand is picking a ball up"
	case sim.RefusedNoIncident:
		return "no incident to acknowledge"
	}
	return "not now"
}
