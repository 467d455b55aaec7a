package game

import (
	"image"
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"
)

// TestMeasureAsDrawn: Measure gives the width a text is drawn at, in logical pixels, at
// every window size. With go-text's faces glyph advances did not scale with the size, and
// layout that measured at the logical size let text run past its box (4 to 7 % wider at
// some sizes).
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

// TestWrapBalancesLastLines: Wrap leaves no word alone on a paragraph's last line when
// it could share it (dev's strip once read "test it or release / it"), keeps every word
// in order, keeps every line within the width, and breaks into as many lines as filling
// each line in turn does.
func TestWrapBalancesLastLines(t *testing.T) {
	g, _ := newTestGame(t, Options{})
	r := g.r
	st := styleLabel
	s := "feature 1 is ready: test it or release it"
	w := r.Measure("feature 1 is ready: test it or release", st) + 1 // greedy: "it" alone
	assert.Equal(t, []string{"feature 1 is ready:", "test it or release it"}, r.Wrap(s, st, w))

	// greedy is the line count of filling each line in turn.
	greedy := func(s string, w float32) (n int) {
		for _, para := range strings.Split(s, "\n") {
			n++
			line := ""
			for _, word := range strings.Fields(para) {
				if line != "" && r.Measure(line+" "+word, st) > w {
					n++
					line = word
				} else if line == "" {
					line = word
				} else {
					line += " " + word
				}
			}
		}
		return n
	}
	for _, s := range []string{
		s,
		"the tray is full: development stalls until you release",
		"In the lecture's silo every release is a change request: ops approves or rejects it.",
		"a b c d e f g h i j k l m n o p q r s t u v w x y z",
		"one\ntwo words here\n\nthree",
	} {
		for _, w := range []float32{60, 120, 200, 333, 480} {
			lines := r.Wrap(s, st, w)
			var words []string
			for _, l := range lines {
				words = append(words, strings.Fields(l)...)
				if strings.Contains(l, " ") {
					assert.LessOrEqual(t, r.Measure(l, st), w, "%q at %.0f px: %q is too wide", s, w, l)
				}
			}
			assert.Equal(t, strings.Fields(s), words, "%q at %.0f px: the words in order", s, w)
			assert.Len(t, lines, greedy(s, w), "%q at %.0f px: %q", s, w, lines)
		}
	}
}
