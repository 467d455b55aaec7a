package game

import (
	"fmt"
	"image/color"
	"math/rand/v2"

	"devopsjuggle/sim"
)

// Effects is the cosmetic feedback of a round: floating captions, flashes, a screen
// shake, banners and pop-ups. It has its own random source (never the world's) and
// fixed-size pools, so that a long round allocates nothing here.
type Effects struct {
	rng     *rand.Rand
	texts   [24]floatText
	flashes [12]flash
	shake   int // ticks of shake left
	// Banner is a big caption across production (a rollback, the error budget), and
	// bannerSub its second, smaller line.
	banner     string
	bannerSub  string
	bannerCol  color.RGBA
	bannerLeft int
	// Complaint is the customer's pop-up (no monitoring), ticks left.
	complaint int
	// alert counts ticks since the last pager alert, for the flash.
	alert int
	// QuietLeftOf drops the captions anchored left of it: a scene that draws its own
	// panel in dev's place (practice, the guided round) has no dev panel to caption.
	QuietLeftOf float32
}

// floatText is a caption. Captions said at the same anchor share it: a repeat merges
// into the one shown ("change rejected ×3"), a different one pushes it a row up.
type floatText struct {
	s         string    // what was said
	shown     string    // s, with the count of repeats
	n         int       // how many times s was said while shown
	x, y      float32   // the anchor: its middle, at the start
	rise      float32   // how far it floats up over its life
	row       int       // rows above the anchor
	st        TextStyle // a caption style (styleCaption...): centred on the anchor
	age, life int
	minor     bool // said by SayMinor: it gives way to the others at a one-row anchor
}

// captionRows is how many captions stack at one anchor; an older one leaves.
const captionRows = 2

// captionRowsAt is how many captions stack at the anchor (x, y): captionRows, but one
// under the change request in dev's panel and under ops' box (capAnswerAt), whose box a
// second row would cover, and one over a hand,
// where a second row would cover the juggler's head (a newer caption there replaces
// the older: "something fell" after "nothing to catch").
func captionRowsAt(x, y float32) int {
	if x == capCRX && y == capCRY || x == capAnswerX || y == capHandY {
		return 1
	}
	return captionRows
}

func (t *floatText) live() bool { return t.age < t.life }

// at returns where the caption's middle is drawn now.
func (t *floatText) at() (x, y float32) {
	p := float32(t.age) / float32(t.life)
	return t.x, t.y - p*t.rise - float32(t.row)*(t.st.Size+12)
}

type flash struct {
	x, y, r   float32
	col       color.RGBA
	age, life int
}

// NewEffects returns empty effects with a fixed cosmetic seed (screenshots repeat).
func NewEffects() *Effects {
	return &Effects{rng: rand.New(rand.NewPCG(1, 2)), alert: 1 << 20}
}

// Say shows a caption centred on (x, y) for about a second, floating rise pixels up.
// Captions at one anchor neither pile up nor cover each other: a repeat of the caption
// shown there counts ("×2") and starts its second again; another caption takes the
// anchor and pushes the older ones a row up (captionRows at most).
func (e *Effects) Say(s string, x, y, rise float32, st TextStyle) {
	e.say(s, x, y, rise, st, false, true)
}

// SayMinor is Say for a caption that gives way: where its anchor holds one row
// (captionRowsAt), it replaces no other caption shown there ("nothing to catch" a moment after
// "something fell" over a hand would hide the drop), though a repeat still counts.
func (e *Effects) SayMinor(s string, x, y, rise float32, st TextStyle) {
	e.say(s, x, y, rise, st, true, true)
}

// SayPress is SayMinor for a caption that answers a press which did nothing ("nothing to
// catch"): a repeat starts its second again but is not counted. A count of presses over
// a hand read as a count of balls ("miss ×292" over a round of 4 misses), and mashing
// both hands widened the two captions into each other.
func (e *Effects) SayPress(s string, x, y, rise float32, st TextStyle) {
	e.say(s, x, y, rise, st, true, false)
}

func (e *Effects) say(s string, x, y, rise float32, st TextStyle, minor, count bool) {
	if x < e.QuietLeftOf {
		return
	}
	for i := range e.texts {
		t := &e.texts[i]
		if t.live() && t.x == x && t.y == y && t.s == s && t.row == 0 {
			if count {
				t.n++
				t.shown = fmt.Sprintf("%s ×%d", s, t.n)
			}
			t.age = 0
			return
		}
	}
	rows := captionRowsAt(x, y)
	if minor && rows == 1 {
		for i := range e.texts {
			if t := &e.texts[i]; t.live() && t.x == x && t.y == y && !t.minor {
				return
			}
		}
	}
	for i := range e.texts {
		t := &e.texts[i]
		if t.live() && t.x == x && t.y == y {
			if t.row++; t.row >= rows {
				t.age = t.life
			}
		}
	}
	slot := &e.texts[0]
	for i := range e.texts {
		t := &e.texts[i]
		if !t.live() {
			slot = t
			break
		}
		if t.age > slot.age {
			slot = t // all busy: reuse the oldest
		}
	}
	*slot = floatText{s: s, shown: s, n: 1, x: x, y: y, rise: rise, st: st, life: 70, minor: minor}
}

// Flash rings out from (x, y).
func (e *Effects) Flash(x, y, r float32, col color.RGBA) {
	slot := &e.flashes[0]
	for i := range e.flashes {
		f := &e.flashes[i]
		if f.age >= f.life {
			slot = f
			break
		}
		if f.age > slot.age {
			slot = f
		}
	}
	*slot = flash{x: x, y: y, r: r, col: col, life: 18}
}

// Shake shakes the screen for a few ticks.
func (e *Effects) Shake(ticks int) { e.shake = max(e.shake, ticks) }

// Banner shows a big caption for a few seconds: a short title, and what it means.
func (e *Effects) Banner(title, sub string, col color.RGBA) {
	e.banner, e.bannerSub, e.bannerCol, e.bannerLeft = title, sub, col, 150
}

// Complain shows the customer's pop-up.
func (e *Effects) Complain() { e.complaint = 150 }

// Alert starts the pager flash.
func (e *Effects) Alert() { e.alert = 0 }

// Tick ages everything by one tick.
func (e *Effects) Tick() {
	for i := range e.texts {
		if e.texts[i].age < e.texts[i].life {
			e.texts[i].age++
		}
	}
	for i := range e.flashes {
		if e.flashes[i].age < e.flashes[i].life {
			e.flashes[i].age++
		}
	}
	e.shake = max(0, e.shake-1)
	e.bannerLeft = max(0, e.bannerLeft-1)
	e.complaint = max(0, e.complaint-1)
	if e.alert < 1<<20 {
		e.alert++
	}
}

// Alerting reports whether the pager flash is on now: on and off four times a
// second for two seconds after an alert.
func (e *Effects) Alerting() bool { return e.alert < 120 && e.alert/8%2 == 0 }

// offset is the screen shake of this frame, in logical pixels.
func (e *Effects) offset() (float32, float32) {
	if e.shake == 0 {
		return 0, 0
	}
	a := float32(e.shake) * 0.8
	return (e.rng.Float32()*2 - 1) * a, (e.rng.Float32()*2 - 1) * a
}

// drawShapes draws the flashes (under the round's texts).
func (e *Effects) drawShapes(r *Renderer) {
	for i := range e.flashes {
		f := &e.flashes[i]
		if f.age >= f.life {
			continue
		}
		p := float64(f.age) / float64(f.life)
		r.Ring(f.x, f.y, f.r*(1+float32(p)), 4, fade(f.col, 1-p))
	}
}

// alpha is a caption's opacity: full, then fading over the last 40 % of its life.
func (t *floatText) alpha() float64 {
	p := float64(t.age) / float64(t.life)
	if p > 0.6 {
		return (1 - p) / 0.4
	}
	return 1
}

// plateH is the height of a caption's plate in style st.
func plateH(st TextStyle) float32 { return st.Size + 8 }

// plate is the dark plate behind a caption, where it is now (at): what the balls' tags
// keep clear of, and what the layout tests check.
func (t *floatText) plate(r *Renderer) area {
	x, y := t.at()
	w, h := r.Measure(t.shown, t.st)+16, plateH(t.st)
	if m := captionRightAt(t.x, t.y); x+w/2 > m {
		x = m - w/2 // a long caption ("something fell ×3") slides left of its anchor
	}
	return area{x - w/2, y - h/2, w, h}
}

// captionRightAt is as far right as a caption's plate at the anchor (x, y) reaches: over
// the right hand, short of the monitoring column (the change request's box); anywhere
// else, the screen's edge.
func captionRightAt(x, y float32) float32 {
	if y == capHandY && x == capHandX(sim.Right) {
		return monX - 4
	}
	return ScreenW
}

// drawTexts draws the captions, each on a dark plate so that it reads over anything.
// The round flushes its own texts first, so that a plate covers what is under it.
func (e *Effects) drawTexts(r *Renderer) {
	for i := range e.texts {
		t := &e.texts[i]
		if !t.live() {
			continue
		}
		a := t.alpha()
		p := t.plate(r)
		r.Rect(p.x, p.y, p.w, p.h, fade(ColBlack, 0.8*a))
		r.Text(t.shown, p.x+p.w/2, p.y+p.h/2, t.st.In(fade(t.st.Color, a)))
	}
}
