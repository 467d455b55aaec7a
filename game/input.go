package game

import (
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"

	"devopsjuggle/sim"
)

// Control is a player's action in a round, before it becomes a sim.Input. Controls are
// what key bindings bind; menus use fixed keys (arrows, Enter, Esc).
type Control uint8

// The controls. Dev's sit on the left half of the keyboard, ops' on the right half.
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

// controlInfo describes a control: its settings name, its label, the role that uses it
// and its default key.
var controlInfo = [NumControls]struct {
	name, label string
	role        sim.Role
	key         ebiten.Key
}{
	{},
	{"release", "release", sim.Dev, ebiten.KeyD},
	{"release-left", "release to left hand", sim.Dev, ebiten.KeyA},
	{"release-right", "release to right hand", sim.Dev, ebiten.KeyF},
	{"test", "test on/off", sim.Dev, ebiten.KeyS},
	{"catch-left", "catch left", sim.Ops, ebiten.KeyJ},
	{"catch-right", "catch right", sim.Ops, ebiten.KeyL},
	{"retire-left", "retire left", sim.Ops, ebiten.KeyU},
	{"retire-right", "retire right", sim.Ops, ebiten.KeyO},
	{"swap", "swap (blue/green)", sim.Ops, ebiten.KeyK},
	{"approve", "approve change", sim.Ops, ebiten.KeyY},
	{"reject", "reject change", sim.Ops, ebiten.KeyN},
	{"recover", "pick up dropped", sim.Ops, ebiten.KeyI},
	{"discard", "discard dropped", sim.Ops, ebiten.KeyComma},
	{"ack", "acknowledge", sim.Ops, ebiten.KeyEnter},
}

// Name is the control's name in the settings file.
func (c Control) Name() string { return controlInfo[c].name }

// Label is how the control is shown to players.
func (c Control) Label() string { return controlInfo[c].label }

// Role is the role that uses the control.
func (c Control) Role() sim.Role { return controlInfo[c].role }

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
		b[c] = controlInfo[c].key
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

// Point is a position in logical pixels.
type Point struct{ X, Y float32 }

// In reports whether p lies in the rectangle.
func (p Point) In(x, y, w, h float32) bool { return p.X >= x && p.X < x+w && p.Y >= y && p.Y < y+h }

// Devices is where input comes from: ebiten's keyboard, mouse and touch screen, or a
// script in tests. Positions are in the screen's pixels (Layout's size).
type Devices interface {
	// AppendJustPressedKeys appends the keys pressed since the last tick.
	AppendJustPressedKeys(keys []ebiten.Key) []ebiten.Key
	// AppendTaps appends where a mouse button or a finger went down since the last tick.
	AppendTaps(taps []Point) []Point
	// Wheel returns the vertical scroll since the last tick.
	Wheel() float64
}

// ebitenDevices reads the real keyboard, mouse and touch screen.
type ebitenDevices struct{ touches []ebiten.TouchID }

func (ebitenDevices) AppendJustPressedKeys(keys []ebiten.Key) []ebiten.Key {
	return inpututil.AppendJustPressedKeys(keys)
}

func (d *ebitenDevices) AppendTaps(taps []Point) []Point {
	if inpututil.IsMouseButtonJustPressed(ebiten.MouseButtonLeft) {
		x, y := ebiten.CursorPosition()
		taps = append(taps, Point{float32(x), float32(y)})
	}
	d.touches = inpututil.AppendJustPressedTouchIDs(d.touches[:0])
	for _, id := range d.touches {
		x, y := ebiten.TouchPosition(id)
		taps = append(taps, Point{float32(x), float32(y)})
	}
	return taps
}

func (ebitenDevices) Wheel() float64 {
	_, y := ebiten.Wheel()
	return y
}

// Gestures are what the player did on the devices since the last tick, in logical
// terms: keys just pressed, taps in logical pixels, scrolling. Scenes query them; nothing
// else reads the devices. (A sim.Input is what a role does in the model: the round
// turns gestures into inputs through the controls table.)
type Gestures struct {
	Keys  []ebiten.Key
	Taps  []Point
	Wheel float64
}

// read fills in from the devices; scale is screen pixels per logical pixel.
func (gs *Gestures) read(d Devices, scale float64) {
	gs.Keys = d.AppendJustPressedKeys(gs.Keys[:0])
	gs.Taps = d.AppendTaps(gs.Taps[:0])
	s := float32(max(scale, 1e-3))
	for i := range gs.Taps {
		gs.Taps[i].X /= s
		gs.Taps[i].Y /= s
	}
	gs.Wheel = d.Wheel()
}

// Pressed reports whether k was pressed this tick.
func (gs *Gestures) Pressed(k ebiten.Key) bool {
	for _, p := range gs.Keys {
		if p == k {
			return true
		}
	}
	return false
}

// Confirm reports Enter or Space.
func (gs *Gestures) Confirm() bool { return gs.Pressed(ebiten.KeyEnter) || gs.Pressed(ebiten.KeySpace) }

// Tapped reports whether a tap landed in the rectangle.
func (gs *Gestures) Tapped(x, y, w, h float32) bool {
	for _, t := range gs.Taps {
		if t.In(x, y, w, h) {
			return true
		}
	}
	return false
}

// Controls appends the controls whose keys were pressed this tick.
func (gs *Gestures) Controls(b *Bindings, out []Control) []Control {
	for _, k := range gs.Keys {
		if c := b.Control(k); c != CtlNone {
			out = append(out, c)
		}
	}
	return out
}

func cos32(a float32) float32 { return float32(math.Cos(float64(a))) }
func sin32(a float32) float32 { return float32(math.Sin(float64(a))) }
