package game

import (
	"fmt"
	"image"
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/sim/report"
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

// TestWrapKeepsItsLines: Wrap and WrapFill keep the lines they set for the frames that
// draw the text again, and what they give back is what they would set anew (wrap,
// wrapFill): in another font or size, or by the other of the two, the same text is set
// again (TestWrapBalancesLastLines sets one at several widths); the kept texts stay
// bounded (wrapsMax).
func TestWrapKeepsItsLines(t *testing.T) {
	g, _ := newTestGame(t, Options{})
	r := g.r
	s := lessons[2].intro
	for _, w := range []float32{200, 333, lessonW - 60} {
		for _, st := range []TextStyle{styleBody, styleSmall, styleStrong, styleBody} {
			assert.Equal(t, r.wrap(s, st, w), r.Wrap(s, st, w), "%.0f px, size %v, font %v", w, st.Size, st.Font)
			assert.Equal(t, r.wrapFill(s, st, w), r.WrapFill(s, st, w), "filled, %.0f px, size %v, font %v", w, st.Size, st.Font)
		}
	}
	for i := range 3 * wrapsMax {
		r.Wrap(fmt.Sprintf("text %d", i), styleBody, 200)
	}
	assert.LessOrEqual(t, len(r.wraps), wrapsMax, "kept lines")
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

// TestWrapReadsEvenly: the paragraphs the game wraps read as a block: each line of a
// paragraph of two lines or more, its last included, is at least evenShare of the
// widest line's width. Balancing only the last two lines left the line before the last
// half empty (lesson card 1; the post-mortem's first paragraph).
func TestWrapReadsEvenly(t *testing.T) {
	const evenShare = 0.7
	g, _ := newTestGame(t, Options{})
	r := g.r
	r.Begin(nil, 1)
	check := func(what string, lines []string, st TextStyle) {
		if len(lines) < 2 {
			return
		}
		widest := float32(0)
		for _, l := range lines {
			widest = max(widest, r.Measure(strings.TrimSpace(l), st))
		}
		for i, l := range lines {
			assert.GreaterOrEqual(t, r.Measure(strings.TrimSpace(l), st), evenShare*widest, "%s, line %d of %d is short: %q", what, i+1, len(lines), lines)
		}
	}
	for l := range numLessons {
		check(fmt.Sprintf("lesson %d's card", l+1), r.Wrap(lessons[l].intro, styleBody, lessonW-60), styleBody)
	}
}

// The post-mortem is a document's column: each line of a paragraph holds every word that
// fits (the next one would not), as filling reads, but for a last line of one word, which
// takes one from the line before; Wrap's even lines made its first paragraph a narrower
// column beside full ones.
func TestPostMortemFillsItsColumn(t *testing.T) {
	g, _ := newTestGame(t, Options{})
	r := g.r
	r.Begin(nil, 1)
	setup := Setup{Preset: "silo", Months: 1, Seed: 1, Players: bots}
	rd, err := NewRound(setup)
	require.NoError(t, err)
	for !rd.Done() {
		rd.Step(nil)
	}
	d := &debriefScene{rec: RoundRecord{PostMortem: report.PostMortem(rd.World)}}
	d.wrapPostMortem(r)
	const w = pmW - 30
	broken := 0
	for i := 0; i+1 < len(d.lines); i++ {
		l, next := d.lines[i], d.lines[i+1]
		if next.gap > 0 {
			continue // the paragraph's last line
		}
		if i+2 == len(d.lines) || d.lines[i+2].gap > 0 {
			// The line before the last: it gives its last word to a last line of one.
			assert.NotEqual(t, 1, len(strings.Fields(next.s)), "line %d, %q, ends a paragraph alone", i+2, next.s)
			if len(strings.Fields(next.s)) == 2 {
				continue
			}
		}
		indent := float32(0)
		if strings.HasPrefix(strings.TrimSpace(l.s), "•") || strings.HasPrefix(l.s, " ") {
			indent = r.Measure("• ", l.st)
		}
		text := strings.TrimLeft(l.s, " •")
		word := strings.Fields(next.s)[0]
		assert.Greater(t, r.Measure(text+" "+word, l.st), w-indent, "line %d, %q, had room for %q", i+1, l.s, word)
		broken++
	}
	require.Greater(t, broken, 3, "the post-mortem has paragraphs of several lines")
}
