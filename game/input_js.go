//go:build js

package game

import (
	"strings"
	"sync"
	"syscall/js"

	"github.com/hajimehoshi/ebiten/v2"
)

// In the browser, ebiten reads the keyboard and the mouse once per frame, from their
// state: a key pressed and released between two frames (a quick tap when frames are slow,
// 10 a second on a weak laptop) never looks pressed, and inpututil's "just pressed" misses
// it. So the page's own key and pointer events are kept here, each press once, and
// handed out to the game's ticks: every press arrives, one per key (and one tap) a tick,
// in the order they came.
var browserInput struct {
	mu   sync.Mutex
	keys []ebiten.Key // pressed since they were last handed out, oldest first
	taps []Point      // where a pointer went down, in the page's CSS pixels
}

// maxQueued bounds each queue: presses beyond it, seconds of a held-up game's ticks,
// are dropped rather than played long after.
const maxQueued = 64

func init() {
	win := js.Global().Get("window")
	if !win.Truthy() {
		return // not a page (node)
	}
	capture := js.ValueOf(map[string]any{"capture": true})
	win.Call("addEventListener", "keydown", js.FuncOf(func(this js.Value, args []js.Value) any {
		e := args[0]
		if e.Get("repeat").Bool() {
			return nil
		}
		if k, ok := keyOfCode(e.Get("code").String()); ok {
			browserInput.mu.Lock()
			if len(browserInput.keys) < maxQueued {
				browserInput.keys = append(browserInput.keys, k)
			}
			browserInput.mu.Unlock()
		}
		return nil
	}), capture)
	win.Call("addEventListener", "pointerdown", js.FuncOf(func(this js.Value, args []js.Value) any {
		e := args[0]
		if e.Get("button").Int() != 0 || e.Get("target").Get("tagName").String() != "CANVAS" {
			return nil // the left button, a finger or a pen, on the game (not the page's bar)
		}
		browserInput.mu.Lock()
		if len(browserInput.taps) < maxQueued {
			browserInput.taps = append(browserInput.taps, Point{float32(e.Get("clientX").Float()), float32(e.Get("clientY").Float())})
		}
		browserInput.mu.Unlock()
		return nil
	}), capture)
}

// keyOfCode is the ebiten key of a KeyboardEvent.code: "KeyJ" is J, the rest ("Enter",
// "ArrowLeft", "Digit4", "Comma", "F11") are ebiten's own names.
func keyOfCode(code string) (ebiten.Key, bool) {
	if len(code) == 4 && strings.HasPrefix(code, "Key") {
		code = code[3:]
	}
	var k ebiten.Key
	if err := k.UnmarshalText([]byte(code)); err != nil {
		return 0, false
	}
	return k, true
}

// justPressedKeys appends the keys pressed since the last tick: each press once, a key
// pressed twice since then now and again at the next tick.
func justPressedKeys(keys []ebiten.Key) []ebiten.Key {
	in := &browserInput
	in.mu.Lock()
	defer in.mu.Unlock()
	n := 0
	for _, k := range in.keys {
		if containsKey(keys, k) {
			break
		}
		keys = append(keys, k)
		n++
	}
	in.keys = append(in.keys[:0], in.keys[n:]...)
	return keys
}

func containsKey(keys []ebiten.Key, k ebiten.Key) bool {
	for _, x := range keys {
		if x == k {
			return true
		}
	}
	return false
}

// justTapped appends the first tap since the last tick (the others wait a tick each), in
// the screen's pixels: the page's CSS pixels through the canvas's place on the page, its
// device pixels and the letterbox, as ebiten maps a cursor.
func justTapped(taps []Point) []Point {
	in := &browserInput
	in.mu.Lock()
	if len(in.taps) == 0 {
		in.mu.Unlock()
		return taps
	}
	p := in.taps[0]
	in.taps = append(in.taps[:0], in.taps[1:]...)
	in.mu.Unlock()
	canvas := js.Global().Get("document").Call("querySelector", "canvas")
	if !canvas.Truthy() {
		return taps
	}
	rect := canvas.Call("getBoundingClientRect")
	dpr := js.Global().Get("window").Get("devicePixelRatio").Float()
	cw, ch := rect.Get("width").Float()*dpr, rect.Get("height").Float()*dpr
	s := min(cw/ScreenW, ch/ScreenH)
	ox, oy := (cw-ScreenW*s)/2, (ch-ScreenH*s)/2
	x := (float64(p.X)-rect.Get("left").Float())*dpr - ox
	y := (float64(p.Y)-rect.Get("top").Float())*dpr - oy
	return append(taps, Point{float32(x), float32(y)})
}
