package coach

import "devopsjuggle/sim"

// ActionSet is a set of actions.
type ActionSet uint32

// Has reports whether a is in the set.
func (s ActionSet) Has(a sim.Action) bool { return a < 32 && s&(1<<a) != 0 }

// With returns the set with a added.
func (s ActionSet) With(a sim.Action) ActionSet { return s | 1<<a }

// Used returns the actions a round of cfg uses at all, so that the game shows key hints
// only for them: approve and reject only with the change-request gate, swap only with
// blue/green releases; every other action may matter in any round (any round can drop
// a ball, and customers find every incident that lasts).
func Used(cfg *sim.Config) ActionSet {
	var s ActionSet
	for a := sim.ActRelease; a <= sim.ActAcknowledge; a++ {
		switch {
		case (a == sim.ActApprove || a == sim.ActReject) && !cfg.Gate:
		case a == sim.ActSwap && cfg.Release != sim.BlueGreen:
		default:
			s = s.With(a)
		}
	}
	return s
}

// Words returns what an action does, in the words prompts and key hints use:
// "retire", "pick it up", "throw it away".
func Words(a sim.Action) string {
	switch a {
	case sim.ActRelease:
		return "release"
	case sim.ActTestStart:
		return "test"
	case sim.ActTestStop:
		return "stop testing"
	case sim.ActApprove:
		return "approve"
	case sim.ActReject:
		return "reject"
	case sim.ActCatchLeft, sim.ActCatchRight:
		return "catch"
	case sim.ActRetireLeft, sim.ActRetireRight:
		return "retire"
	case sim.ActSwap:
		return "swap it in"
	case sim.ActRecover:
		return "pick it up"
	case sim.ActDiscard:
		return "throw it away"
	case sim.ActAcknowledge:
		return "acknowledge"
	}
	return ""
}
