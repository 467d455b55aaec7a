package game

import (
	"runtime"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"
)

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

// AppendJustPressedKeys: in the browser, from the page's own key events, so that a
// press between two slow frames is not lost (input_js.go).
func (ebitenDevices) AppendJustPressedKeys(keys []ebiten.Key) []ebiten.Key {
	return justPressedKeys(keys)
}

// AppendTaps: the mouse and the touch screen; in the browser, the page's pointer events,
// which cover both (input_js.go).
func (d *ebitenDevices) AppendTaps(taps []Point) []Point {
	taps = justTapped(taps)
	if runtime.GOOS == "js" {
		return taps
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
