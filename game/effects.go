package game

import (
	"image/color"
	"math/rand/v2"

	"devopsjuggle/assets"
)

// Effects is the cosmetic feedback of a round: floating captions, flashes, a screen
// shake, banners and pop-ups. It has its own random source (never the world's) and
// fixed-size pools, so that a long round allocates nothing here.
type Effects struct {
	rng     *rand.Rand
	texts   [24]floatText
	flashes [12]flash
	shake   int // frames of shake left
	// Banner is a big caption across production (a rollback, the error budget).
	banner     string
	bannerCol  color.RGBA
	bannerLeft int
	// Complaint is the customer's pop-up (no monitoring), frames left.
	complaint int
	// alert counts frames since the last pager alert, for the flash.
	alert int
}

type floatText struct {
	s         string
	x, y      float32
	col       color.RGBA
	size      float32
	age, life int
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

// Say floats a caption up from (x, y) for about a second.
func (e *Effects) Say(s string, x, y float32, col color.RGBA, size float32) {
	slot := &e.texts[0]
	for i := range e.texts {
		t := &e.texts[i]
		if t.age >= t.life {
			slot = t
			break
		}
		if t.age > slot.age {
			slot = t // all busy: reuse the oldest
		}
	}
	*slot = floatText{s: s, x: x, y: y, col: col, size: size, life: 70}
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

// Shake shakes the screen for a few frames.
func (e *Effects) Shake(frames int) { e.shake = max(e.shake, frames) }

// Banner shows a big caption for a few seconds.
func (e *Effects) Banner(s string, col color.RGBA) {
	e.banner, e.bannerCol, e.bannerLeft = s, col, 150
}

// Complain shows the customer's pop-up.
func (e *Effects) Complain() { e.complaint = 150 }

// Alert starts the pager flash.
func (e *Effects) Alert() { e.alert = 0 }

// Tick ages everything by one frame.
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

// Alerting reports whether the pager flash is on this frame: on and off four times a
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

// drawShapes draws the flashes.
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

// drawTexts queues the floating captions and the banner.
func (e *Effects) drawTexts(r *Renderer) {
	for i := range e.texts {
		t := &e.texts[i]
		if t.age >= t.life {
			continue
		}
		p := float64(t.age) / float64(t.life)
		a := 1.0
		if p > 0.6 {
			a = (1 - p) / 0.4
		}
		r.Text(t.s, t.x, t.y-float32(p)*40, t.size, assets.Bold, fade(t.col, a), CenterMid)
	}
}
