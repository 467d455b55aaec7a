package game

import (
	"image"
	"image/color"
	"math"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"

	"devopsjuggle/assets"
)

// The logical screen: every scene lays itself out in these pixels; the window letterboxes
// them at any size.
const (
	ScreenW = 1280
	ScreenH = 720
)

// queuedText is a text drawn at the next flush.
type queuedText struct {
	s    string
	x, y float32
	st   TextStyle
}

// Renderer draws in logical pixels onto a screen that may be larger (high-DPI, a big
// window): shapes and text are drawn at the device's resolution, so text stays crisp.
//
// Shapes are drawn at once; texts are queued and drawn together by Flush. Interleaving
// anti-aliased vector shapes with text multiplies GPU draw calls (each switch flushes
// ebiten's anti-aliasing buffer), so a scene draws its shapes, then its texts, and calls
// Flush between layers that must cover each other (an overlay over the round).
type Renderer struct {
	// AA smooths the edges of round shapes. ebiten anti-aliases through a buffer at twice
	// the resolution, which costs a software renderer (Mesa's llvmpipe) more than half
	// of each frame; the game turns it off when the frame rate is low (smoothFPS).
	AA bool

	dst    *ebiten.Image
	s      float32 // device pixels per logical pixel
	dx, dy float32 // a cosmetic offset in logical pixels (screen shake)

	fonts [2]*opentype.Font
	faces map[faceKey]*text.GoXFace
	wraps map[wrapKey][]string // Wrap's lines, by its arguments
	texts []queuedText
	white *ebiten.Image
	verts []ebiten.Vertex
	idx   []uint16
	path  vector.Path

	// record keeps every text of the frame in recorded (tests read what a scene says).
	record   bool
	recorded []queuedText
}

type faceKey struct {
	font assets.Font
	size float32
}

// wrapKey is what Wrap's and WrapFill's lines depend on: the text, the face it is
// measured in (at the frame's scale), the width, and which of the two set them.
type wrapKey struct {
	s    string
	face faceKey
	w    float32
	fill bool
}

// wrapsMax bounds the lines Wrap and WrapFill keep: a frame wraps a few texts, the same from one
// frame to the next; when the texts change enough to fill it, it starts again empty.
const wrapsMax = 64

// NewRenderer loads the fonts.
//
// Text is set by golang.org/x/image's TrueType reader (ebiten's GoXFace), not by ebiten's
// GoTextFace: the game's texts are Latin with a few symbols and need no shaping, and
// GoTextFace links a whole text shaper (go-text's HarfBuzz port and OpenType tables) into
// the browser build, about 300 KB of its gzipped size.
func NewRenderer() (*Renderer, error) {
	r := &Renderer{AA: true, s: 1, faces: map[faceKey]*text.GoXFace{}, wraps: map[wrapKey][]string{}, texts: make([]queuedText, 0, 256)}
	for _, f := range []assets.Font{assets.Regular, assets.Bold} {
		ft, err := opentype.Parse(assets.TTF(f))
		if err != nil {
			return nil, err
		}
		r.fonts[f] = ft
	}
	white := ebiten.NewImage(3, 3)
	white.Fill(color.White)
	r.white = white.SubImage(image.Rect(1, 1, 2, 2)).(*ebiten.Image)
	return r, nil
}

// Begin starts a frame on dst with s device pixels per logical pixel. A nil dst lays the
// frame out without drawing it: texts are measured and recorded, nothing is drawn (the
// layout tests check thousands of frames at every window size).
func (r *Renderer) Begin(dst *ebiten.Image, s float64) {
	r.dst, r.s = dst, float32(s)
	r.texts = r.texts[:0]
	r.recorded = r.recorded[:0]
	r.dx, r.dy = 0, 0
}

// Scale returns the device pixels per logical pixel of the frame.
func (r *Renderer) Scale() float64 { return float64(r.s) }

// Shake offsets what is drawn next by (dx, dy) logical pixels; Shake(0, 0) ends it.
func (r *Renderer) Shake(dx, dy float32) { r.dx, r.dy = dx, dy }

func (r *Renderer) pt(x, y float32) (float32, float32) { return (x + r.dx) * r.s, (y + r.dy) * r.s }

// Clear fills the whole screen.
func (r *Renderer) Clear(c color.RGBA) {
	if r.dst != nil {
		r.dst.Fill(c)
	}
}

// Rect fills a rectangle.
func (r *Renderer) Rect(x, y, w, h float32, c color.RGBA) {
	if r.dst == nil {
		return
	}
	x, y = r.pt(x, y)
	vector.DrawFilledRect(r.dst, x, y, w*r.s, h*r.s, c, false)
}

// Frame strokes a rectangle's outline inside its bounds.
func (r *Renderer) Frame(x, y, w, h, width float32, c color.RGBA) {
	if r.dst == nil {
		return
	}
	x, y = r.pt(x, y)
	hw := width * r.s / 2
	vector.StrokeRect(r.dst, x+hw, y+hw, w*r.s-2*hw, h*r.s-2*hw, width*r.s, c, false)
}

// Panel is a filled rectangle with an outline.
func (r *Renderer) Panel(x, y, w, h float32, fill, edge color.RGBA) {
	r.Rect(x, y, w, h, fill)
	r.Frame(x, y, w, h, 2, edge)
}

// Disc fills a circle.
func (r *Renderer) Disc(cx, cy, rad float32, c color.RGBA) {
	if r.dst == nil {
		return
	}
	cx, cy = r.pt(cx, cy)
	vector.DrawFilledCircle(r.dst, cx, cy, rad*r.s, c, r.AA)
}

// Ring strokes a circle.
func (r *Renderer) Ring(cx, cy, rad, width float32, c color.RGBA) {
	if r.dst == nil {
		return
	}
	cx, cy = r.pt(cx, cy)
	vector.StrokeCircle(r.dst, cx, cy, rad*r.s, width*r.s, c, r.AA)
}

// Line strokes a segment.
func (r *Renderer) Line(x0, y0, x1, y1, width float32, c color.RGBA) {
	if r.dst == nil {
		return
	}
	x0, y0 = r.pt(x0, y0)
	x1, y1 = r.pt(x1, y1)
	vector.StrokeLine(r.dst, x0, y0, x1, y1, width*r.s, c, r.AA)
}

// Ellipse fills an axis-aligned ellipse (a flattened ball on the floor).
func (r *Renderer) Ellipse(cx, cy, rx, ry float32, c color.RGBA) {
	const n = 24
	r.trace(n, true, func(i int) (float32, float32) {
		a := float32(i) * 2 * math.Pi / n
		return cx + rx*cos32(a), cy + ry*sin32(a)
	})
	r.verts, r.idx = r.path.AppendVerticesAndIndicesForFilling(r.verts[:0], r.idx[:0])
	r.drawTriangles(c)
}

// Polyline strokes a line through the points (logical pixels) in one draw: charts.
func (r *Renderer) Polyline(xs, ys []float32, width float32, c color.RGBA) {
	if len(xs) < 2 {
		return
	}
	r.trace(len(xs), false, func(i int) (float32, float32) { return xs[i], ys[i] })
	op := &vector.StrokeOptions{Width: width * r.s, LineJoin: vector.LineJoinRound}
	r.verts, r.idx = r.path.AppendVerticesAndIndicesForStroke(r.verts[:0], r.idx[:0], op)
	r.drawTriangles(c)
}

// Polygon fills a closed polygon.
func (r *Renderer) Polygon(xs, ys []float32, c color.RGBA) {
	r.trace(len(xs), true, func(i int) (float32, float32) { return xs[i], ys[i] })
	r.verts, r.idx = r.path.AppendVerticesAndIndicesForFilling(r.verts[:0], r.idx[:0])
	r.drawTriangles(c)
}

func cos32(a float32) float32 { return float32(math.Cos(float64(a))) }
func sin32(a float32) float32 { return float32(math.Sin(float64(a))) }

// trace makes r.path the line through n points given in logical pixels, closed or not.
func (r *Renderer) trace(n int, closed bool, at func(i int) (float32, float32)) {
	p := &r.path
	*p = vector.Path{}
	for i := 0; i < n; i++ {
		x, y := r.pt(at(i))
		if i == 0 {
			p.MoveTo(x, y)
		} else {
			p.LineTo(x, y)
		}
	}
	if closed {
		p.Close()
	}
}

func (r *Renderer) drawTriangles(c color.RGBA) {
	if r.dst == nil {
		return
	}
	cr, cg, cb, ca := float32(c.R)/255, float32(c.G)/255, float32(c.B)/255, float32(c.A)/255
	for i := range r.verts {
		v := &r.verts[i]
		v.SrcX, v.SrcY = 1, 1
		v.ColorR, v.ColorG, v.ColorB, v.ColorA = cr, cg, cb, ca
	}
	op := &ebiten.DrawTrianglesOptions{AntiAlias: r.AA, FillRule: ebiten.FillRuleNonZero}
	r.dst.DrawTriangles(r.verts, r.idx, r.white, op)
}

// Text queues a text at (x, y) in a style; it is drawn at the next Flush.
func (r *Renderer) Text(s string, x, y float32, st TextStyle) {
	r.texts = append(r.texts, queuedText{s, x + r.dx, y + r.dy, st})
	if r.record {
		r.recorded = append(r.recorded, r.texts[len(r.texts)-1])
	}
}

// Flush draws the queued texts.
func (r *Renderer) Flush() {
	if r.dst == nil {
		r.texts = r.texts[:0]
		return
	}
	for i := range r.texts {
		t := &r.texts[i]
		st := &t.st
		op := &text.DrawOptions{}
		op.GeoM.Translate(float64(t.x*r.s), float64(t.y*r.s))
		op.ColorScale.ScaleWithColor(st.Color)
		switch st.Align {
		case Center, CenterMid:
			op.PrimaryAlign = text.AlignCenter
		case Right, RightMid:
			op.PrimaryAlign = text.AlignEnd
		}
		if st.Align >= LeftMid {
			op.SecondaryAlign = text.AlignCenter
		}
		op.LineSpacing = float64(st.Size*r.s) * 1.25
		text.Draw(r.dst, t.s, r.face(st.Font, st.Size*r.s), op)
	}
	r.texts = r.texts[:0]
}

func (r *Renderer) face(f assets.Font, size float32) *text.GoXFace {
	k := faceKey{f, size}
	fc, ok := r.faces[k]
	if !ok {
		if len(r.faces) > 64 {
			clear(r.faces) // the window was resized many times: forget old sizes
		}
		// NewFace fails only on options it cannot read; these are always valid.
		xf, err := opentype.NewFace(r.fonts[f], &opentype.FaceOptions{Size: float64(size), DPI: 72, Hinting: font.HintingNone})
		if err != nil {
			panic(err)
		}
		fc = text.NewGoXFace(xf)
		r.faces[k] = fc
	}
	return fc
}

// Measure returns the width of a one-line text in a style (its size and font), in
// logical pixels, as Flush draws it: at size x scale device pixels, divided by the scale.
// The faces are unhinted, so glyph advances scale with the size to 1/64 of a device pixel:
// a text measures the same, within a pixel, at every window size.
func (r *Renderer) Measure(s string, st TextStyle) float32 {
	return float32(text.Advance(s, r.face(st.Font, st.Size*r.s))) / r.s
}

// Wrap breaks s into lines no wider than w logical pixels in a style, at spaces. Each
// paragraph takes as many lines as filling each line in turn takes (the room a layout
// keeps for it), and its words are spread over them evenly (evenLines): "feature 1 is
// ready: test it or release / it" reads "feature 1 is ready: / test it or release it",
// and a card of four lines no longer ends in two half-empty ones.
//
// The lines are kept for the next call with the same text, face and width (scenes wrap
// their texts in Draw, every frame: a lesson's card took 0.14 ms and 98 allocations a
// frame to set again), so a caller must not change them.
func (r *Renderer) Wrap(s string, st TextStyle, w float32) []string {
	return r.kept(wrapKey{s, faceKey{st.Font, st.Size * r.s}, w, false}, func() []string { return r.wrap(s, st, w) })
}

// kept returns the lines kept for k, else those set sets, kept.
func (r *Renderer) kept(k wrapKey, set func() []string) []string {
	if lines, ok := r.wraps[k]; ok {
		return lines
	}
	if len(r.wraps) >= wrapsMax {
		clear(r.wraps)
	}
	lines := set()
	lines = lines[:len(lines):len(lines)] // a caller's append copies
	r.wraps[k] = lines
	return lines
}

// wrap is Wrap without keeping the lines.
func (r *Renderer) wrap(s string, st TextStyle, w float32) []string {
	return paragraphs(s, func(words []string) []string {
		return r.evenLines(words, r.fillLines(words, st, w), st, w)
	})
}

// WrapFill breaks s into lines no wider than w logical pixels in a style, at spaces,
// filling each line in turn: ragged right, as a document's column reads (the
// post-mortem, the how-to's rules), except that a paragraph does not end in one word
// alone ("blame."): the line before gives it its last word. Wrap's even lines suit a card
// or a caption, read as a block; in a column of full paragraphs they read as a narrower
// column. Its lines are kept, as Wrap's are: a caller must not change them.
func (r *Renderer) WrapFill(s string, st TextStyle, w float32) []string {
	return r.kept(wrapKey{s, faceKey{st.Font, st.Size * r.s}, w, true}, func() []string { return r.wrapFill(s, st, w) })
}

// wrapFill is WrapFill without keeping the lines.
func (r *Renderer) wrapFill(s string, st TextStyle, w float32) []string {
	return paragraphs(s, func(words []string) []string {
		filled := r.fillLines(words, st, w)
		if n := len(filled); n >= 2 && !strings.Contains(filled[n-1], " ") {
			if i := strings.LastIndexByte(filled[n-2], ' '); i > 0 && strings.Count(filled[n-2], " ") >= 2 {
				if last := filled[n-2][i+1:] + " " + filled[n-1]; r.Measure(last, st) <= w {
					filled[n-2], filled[n-1] = filled[n-2][:i], last
				}
			}
		}
		return filled
	})
}

// paragraphs sets each paragraph of s (its lines) with set, given its words; an empty one
// is an empty line.
func paragraphs(s string, set func(words []string) []string) []string {
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		words := strings.Fields(para)
		if len(words) == 0 {
			lines = append(lines, "")
			continue
		}
		lines = append(lines, set(words)...)
	}
	return lines
}

// fillLines sets words in lines no wider than w, each filled in turn (a word wider than
// w alone on its line).
func (r *Renderer) fillLines(words []string, st TextStyle, w float32) []string {
	var lines []string
	line := words[0]
	for _, word := range words[1:] {
		if r.Measure(line+" "+word, st) > w {
			lines = append(lines, line)
			line = word
		} else {
			line += " " + word
		}
	}
	return append(lines, line)
}

// evenWordsMax bounds the paragraphs evenLines spreads (its work grows with the square
// of the words): longer ones keep their filled lines. The longest paragraph the game
// shows, a lesson's card, has 60 words.
const evenWordsMax = 200

// evenLines sets words in as many lines as filled (the filled lines, n of them), with
// the breaks that make the sum of the squares of the room each line leaves, the last
// line's included, the least: the lines come out about as wide as each other. Widths are
// summed from the words' and a space's; a line that measures wider than w whole (a
// kerning's pixel) leaves the filled lines as they are.
func (r *Renderer) evenLines(words, filled []string, st TextStyle, w float32) []string {
	n, m := len(filled), len(words)
	if n < 2 || m > evenWordsMax {
		return filled
	}
	at := make([]float32, m+1) // at[i]: the words before i, each with a space after
	space := r.Measure(" ", st)
	for i, word := range words {
		at[i+1] = at[i] + r.Measure(word, st) + space
	}
	// cost[k*(m+1)+i] is the least sum of squares setting words[i:] in k lines, and
	// brk the end of the first of them.
	inf := float32(math.Inf(1))
	cost := make([]float32, (n+1)*(m+1))
	brk := make([]int, (n+1)*(m+1))
	for i := range cost {
		cost[i] = inf
	}
	cost[0*(m+1)+m] = 0
	for k := 1; k <= n; k++ {
		for i := m - 1; i >= 0; i-- {
			for j := i + 1; j <= m; j++ {
				lw := at[j] - at[i] - space
				if lw > w && j > i+1 {
					break
				}
				room := max(w-lw, 0)
				if c := room*room + cost[(k-1)*(m+1)+j]; c < cost[k*(m+1)+i] {
					cost[k*(m+1)+i], brk[k*(m+1)+i] = c, j
				}
			}
		}
	}
	if cost[n*(m+1)] == inf {
		return filled
	}
	lines := make([]string, 0, n)
	for k, i := n, 0; k > 0; k-- {
		j := brk[k*(m+1)+i]
		line := strings.Join(words[i:j], " ")
		if j > i+1 && r.Measure(line, st) > w {
			return filled
		}
		lines = append(lines, line)
		i = j
	}
	return lines
}
