package game

import (
	"github.com/hajimehoshi/ebiten/v2"

	"devopsjuggle/sim"
)

// Control is a player's action in a round, before it becomes a sim.Input: a row of
// controlTable. Controls are what key bindings bind; menus use fixed keys (arrows, Enter,
// Esc).
type Control uint8

// The controls, in the settings screen's order.
const (
	CtlNone Control = iota
	CtlRelease
	CtlReleaseLeft
	CtlReleaseRight
	CtlTest
	CtlCatchLeft
	CtlCatchRight
	CtlRetireLeft
	CtlRetireRight
	CtlSwap
	CtlApprove
	CtlReject
	CtlRecover
	CtlDiscard
	CtlAck
	NumControls
)

// controlRow is everything about a control: how it is bound, named and shown, and the
// sim.Input it sends.
type controlRow struct {
	key    ebiten.Key // the default binding (docs/game.md's layout)
	name   string     // the name in the settings file
	label  string     // how players see it (hints, how to play, settings)
	role   sim.Role   // the role whose control it is
	action sim.Action
	arg    int32
	// fromView, if set, sets the input by what the screen shows when the key is pressed:
	// a toggle's side, or the hand a ball is due at. It only says what the player meant;
	// the model decides what the input does.
	fromView func(v *sim.View, in *sim.Input)
}

// controlTable is the controls table: dispatch (Round.Input), the hints, the how-to
// screen, the buttons and the settings all read it. Dev's keys sit on the left half of
// the keyboard, ops' on the right half.
var controlTable = [NumControls]controlRow{
	CtlRelease:      {ebiten.KeyD, "release", "release", sim.Dev, sim.ActRelease, sim.ArgHandAuto, nil},
	CtlReleaseLeft:  {ebiten.KeyA, "release-left", "release to left hand", sim.Dev, sim.ActRelease, sim.ArgHandLeft, nil},
	CtlReleaseRight: {ebiten.KeyF, "release-right", "release to right hand", sim.Dev, sim.ActRelease, sim.ArgHandRight, nil},
	CtlTest:         {ebiten.KeyS, "test", "test on/off", sim.Dev, sim.ActTestStart, 0, testOnOff},
	CtlCatchLeft:    {ebiten.KeyJ, "catch-left", "catch left", sim.Ops, sim.ActCatchLeft, 0, nil},
	CtlCatchRight:   {ebiten.KeyL, "catch-right", "catch right", sim.Ops, sim.ActCatchRight, 0, nil},
	CtlRetireLeft:   {ebiten.KeyU, "retire-left", "retire left", sim.Ops, sim.ActRetireLeft, 0, nil},
	CtlRetireRight:  {ebiten.KeyO, "retire-right", "retire right", sim.Ops, sim.ActRetireRight, 0, nil},
	CtlSwap:         {ebiten.KeyK, "swap", "swap (blue/green)", sim.Ops, sim.ActSwap, 0, swapAtNearestHand},
	CtlApprove:      {ebiten.KeyY, "approve", "approve change", sim.Ops, sim.ActApprove, 0, nil},
	CtlReject:       {ebiten.KeyN, "reject", "reject change", sim.Ops, sim.ActReject, 0, nil},
	CtlRecover:      {ebiten.KeyI, "recover", "pick up dropped", sim.Ops, sim.ActRecover, 0, nil},
	CtlDiscard:      {ebiten.KeyComma, "discard", "discard dropped", sim.Ops, sim.ActDiscard, 0, nil},
	CtlAck:          {ebiten.KeyEnter, "ack", "acknowledge", sim.Ops, sim.ActAcknowledge, 0, nil},
}

// helpOrder is the order each role's controls are shown in the round's hint line and on
// the how-to screen: the ones every round needs first.
var helpOrder = [2][]Control{
	sim.Dev: {CtlRelease, CtlTest, CtlReleaseLeft, CtlReleaseRight},
	sim.Ops: {CtlCatchLeft, CtlCatchRight, CtlRetireLeft, CtlRetireRight, CtlApprove, CtlReject, CtlRecover, CtlDiscard, CtlAck, CtlSwap},
}

// testOnOff makes the test key stop testing while the front feature is tested.
func testOnOff(v *sim.View, in *sim.Input) {
	if v.Testing {
		in.Action = sim.ActTestStop
	}
}

// swapAtNearestHand makes a one-key swap mean the hand of the ball in the juggle whose
// arrival is nearest to now (left when nothing flies). The model decides what the press
// catches; this only says where the player pressed.
func swapAtNearestHand(v *sim.View, in *sim.Input) {
	best, hand := sim.Tick(1<<40), sim.Left
	for i := 0; i < v.BallsN; i++ {
		b := &v.Balls[i]
		if !b.State.InJuggle() {
			continue
		}
		d := b.Arrival - v.Tick
		if d < 0 {
			d = -d
		}
		if d < best {
			best, hand = d, b.Hand
		}
	}
	in.Arg = int32(hand)
}

// Name is the control's name in the settings file.
func (c Control) Name() string { return controlTable[c].name }

// Label is how the control is shown to players.
func (c Control) Label() string { return controlTable[c].label }

// Role is the role that uses the control.
func (c Control) Role() sim.Role { return controlTable[c].role }

// Input is the sim.Input the control sends at the tick, given what the View shows.
func (c Control) Input(tick sim.Tick, v *sim.View) sim.Input {
	row := &controlTable[c]
	in := sim.Input{Tick: tick, Role: row.role, Action: row.action, Arg: row.arg}
	if row.fromView != nil {
		row.fromView(v, &in)
	}
	return in
}

// reservedKeys are the game's own keys, which no control may take.
var reservedKeys = []ebiten.Key{ebiten.KeyEscape, ebiten.KeyP, ebiten.KeyM, ebiten.KeyF8, ebiten.KeyF9,
	ebiten.KeyF10, ebiten.KeyF11}

func reserved(k ebiten.Key) bool {
	for _, r := range reservedKeys {
		if r == k {
			return true
		}
	}
	return false
}

// Bindings maps each control to a key.
type Bindings [NumControls]ebiten.Key

// DefaultBindings returns the layout of docs/game.md.
func DefaultBindings() Bindings {
	var b Bindings
	for c := CtlNone + 1; c < NumControls; c++ {
		b[c] = controlTable[c].key
	}
	return b
}

// Control returns the control bound to k, or CtlNone.
func (b *Bindings) Control(k ebiten.Key) Control {
	for c := CtlNone + 1; c < NumControls; c++ {
		if b[c] == k {
			return c
		}
	}
	return CtlNone
}

// KeyName is a short name of a key for on-screen hints.
func KeyName(k ebiten.Key) string {
	switch k {
	case ebiten.KeyComma:
		return ","
	case ebiten.KeyPeriod:
		return "."
	case ebiten.KeySlash:
		return "/"
	case ebiten.KeySemicolon:
		return ";"
	case ebiten.KeyEnter:
		return "Enter"
	case ebiten.KeySpace:
		return "Space"
	}
	s := k.String()
	if len(s) == 6 && s[:5] == "Digit" {
		return s[5:]
	}
	return s
}
