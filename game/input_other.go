//go:build !js

package game

import (
	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"
)

// justPressedKeys appends the keys pressed since the last tick. On the desktop GLFW's
// sticky keys keep a key pressed and released between two polls pressed until the next
// one, so inpututil sees every press.
func justPressedKeys(keys []ebiten.Key) []ebiten.Key { return inpututil.AppendJustPressedKeys(keys) }

// justTapped appends where the mouse's left button went down since the last tick.
func justTapped(taps []Point) []Point {
	if inpututil.IsMouseButtonJustPressed(ebiten.MouseButtonLeft) {
		x, y := ebiten.CursorPosition()
		taps = append(taps, Point{float32(x), float32(y)})
	}
	return taps
}
