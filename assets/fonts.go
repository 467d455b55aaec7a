// Package assets holds what the game shows and plays besides code: the Go fonts and the
// sounds. It never imports ebiten, so that a tool can use it without a display.
//
// Fonts: the Go fonts by Bigelow & Holmes, from golang.org/x/image/font/gofont (BSD
// licence, see fonts/LICENSE). They are compiled into the binary by that package.
//
// Sounds: synthesized at start-up by Synth (sounds.go) from a few lines of arithmetic,
// so that no binary audio file is committed. They are original works, dedicated to the
// public domain (CC0 1.0); see README.md.
package assets

import (
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
)

// Font names a typeface the game uses.
type Font int

// The typefaces.
const (
	Regular Font = iota
	Bold
)

// TTF returns the TrueType data of a typeface.
func TTF(f Font) []byte {
	switch f {
	case Bold:
		return gobold.TTF
	}
	return goregular.TTF
}
