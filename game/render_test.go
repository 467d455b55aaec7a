package game

import (
	"image"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"
)

// TestMeasureAsDrawn: Measure gives the width a text is drawn at, in logical pixels, at
// every window size: glyph advances do not scale with the size, and layout that measured
// at the logical size let text run past its box (4 to 7 % wider at some sizes).
func TestMeasureAsDrawn(t *testing.T) {
	g, _ := newTestGame(t, Options{})
	r := g.r
	const x0 = 10
	for _, tt := range []struct {
		s  string
		st TextStyle
	}{
		{"+$1,000 this month DEV PAY mmmm", styleNote},
		{"CHANGE REQUEST F12 · 3.5 s left", styleStrong},
		{"MONTH 12/12 · DAY 30", styleKeyNumber},
	} {
		for _, sc := range windowScales {
			img := ebiten.NewImage(int(ScreenW*sc), int(ScreenH*sc))
			r.Begin(img, sc)
			r.Text(tt.s, x0, 100, tt.st.In(ColText))
			r.Flush()
			w := r.Measure(tt.s, tt.st)
			rgba := image.NewRGBA(img.Bounds())
			img.ReadPixels(rgba.Pix)
			img.Deallocate()
			right := 0 // the last column with ink
			b := rgba.Bounds()
			for y := b.Min.Y; y < b.Max.Y; y++ {
				for x := b.Max.X - 1; x > right; x-- {
					if rgba.RGBAAt(x, y).A > 64 {
						right = x
						break
					}
				}
			}
			ink := float32(right+1)/float32(sc) - x0
			// The ink ends at most a pixel past the advance, and within a glyph's side
			// bearing before it.
			assert.LessOrEqual(t, ink, w+1, "%q at %.0f px, scale %.3f: drawn %.1f wide, measured %.1f", tt.s, tt.st.Size, sc, ink, w)
			assert.GreaterOrEqual(t, ink, w-tt.st.Size/4, "%q at %.0f px, scale %.3f: drawn %.1f wide, measured %.1f", tt.s, tt.st.Size, sc, ink, w)
		}
	}
}
