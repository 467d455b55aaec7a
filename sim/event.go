package sim

// EventKind is something that happened during a tick, for the game's feedback (sound,
// flashes, captions) and for logs. Events do not drive the model.
type EventKind uint8

// The event kinds.
const (
	EvNone             EventKind = iota
	EvFeatureDone                // dev finished a feature (Feature; Arg 1 for a rework)
	EvTestHalved                 // testing halved the front feature's defect chance
	EvCRSubmitted                // a release became a change request
	EvCRApproved                 // ops approved it
	EvCRRejected                 // ops rejected it
	EvCRTimedOut                 // nobody answered in time
	EvRelease                    // a ball left dev (Version; Hand for in-place)
	EvDeployed                   // blue/green: a ball reached the stand
	EvLive                       // a version became live (Version)
	EvCatch                      // a catch (Version, Hand)
	EvWhiff                      // a press with nothing in the window (Hand)
	EvBusy                       // a press at a hand busy recovering (Hand)
	EvDrop                       // a ball fell (Version, Hand)
	EvRetire                     // a ball left production (Version)
	EvSwap                       // blue/green swap (Version: the new live)
	EvRollback                   // the live version was rolled back (Version: the rolled-back one)
	EvRecoverStart               // a ball is being picked up (Version, Hand)
	EvRecovered                  // it is back in the air
	EvDiscard                    // a dropped ball was thrown away
	EvShipped                    // a feature counts as shipped (Feature)
	EvClawback                   // a shipped feature was rolled back
	EvIncidentOpen               // availability fell below 1000 (Arg: incident ID)
	EvDetected                   // an incident was detected (Arg: ID, Detector in Hand's place: see Det)
	EvAcknowledged               // ops acknowledged an incident (Arg: ID)
	EvIncidentResolved           // availability is back (Arg: ID)
	EvAlert                      // a bottom-up infrastructure alert fired (Arg: which, see Infra*)
	EvComplaint                  // a customer complained (Arg: incident ID)
	EvLocked                     // the error budget is spent: releases locked
	EvMonthEnd                   // a month closed (Arg: month index)
	EvRefused                    // an input was not allowed (Action, Role, Arg: the input's; Why: the reason)
)

var eventNames = [...]string{
	"none", "feature-done", "test-halved", "cr-submitted", "cr-approved", "cr-rejected",
	"cr-timed-out", "release", "deployed", "live", "catch", "whiff", "busy", "drop", "retire",
	"swap", "rollback", "recover-start", "recovered", "discard", "shipped", "clawback",
	"incident-open", "detected", "acknowledged", "incident-resolved", "alert", "complaint",
	"locked", "month-end", "refused",
}

// String names the event kind.
func (k EventKind) String() string {
	if int(k) < len(eventNames) {
		return eventNames[k]
	}
	return "?"
}

// Infrastructure alert kinds (Event.Arg of EvAlert).
const (
	InfraFloor      = 0 // a ball on the floor
	InfraOverTarget = 1 // more balls than the target
	InfraOverload   = 2 // two balls due at one hand within two catch windows
)

// Event is one thing that happened in the last Step.
type Event struct {
	Kind    EventKind
	Role    Role
	Action  Action
	Hand    Hand
	Det     Detector
	Version Version
	Feature FeatureID
	Arg     int32
	// Why is the reason of an EvRefused event (RefusedNone for every other kind).
	Why Refusal
}

// maxEvents bounds the events kept for one tick; more are counted, not kept.
const maxEvents = 64

func (w *World) emit(e Event) {
	if w.eventsN < maxEvents {
		w.events[w.eventsN] = e
		w.eventsN++
	} else {
		w.eventsLost++
	}
}

// Events returns what happened during the last Step. The slice is reused by the next Step.
func (w *World) Events() []Event { return w.events[:w.eventsN] }
