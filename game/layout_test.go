package game

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/image/font"

	"devopsjuggle/sim"
)

// windowSizes are the windows the layout tests cover, from a small laptop's to a
// projector's: the logical 1280x720 screen letterboxed into each, text drawn at its
// resolution (so text widths change with it).
var windowSizes = []struct{ w, h int }{{800, 450}, {1024, 576}, {1024, 768}, {1280, 720}, {1366, 768}, {1920, 1080}}

// scaleOf is the device pixels per logical pixel of a window (Game.LayoutF).
func scaleOf(w, h int) float64 { return min(float64(w)/ScreenW, float64(h)/ScreenH) }

// frameLayout is where a frame of the round puts its texts, balls, tags and captions,
// in logical pixels.
type frameLayout struct {
	static   []textAt // every text but the balls' own
	balls    []area   // each ball in the air, on the stand or on the floor, with its label
	tags     []textAt // the balls' tags (LIVE, DEFECT, NEW), and the floor's labels
	captions []textAt // the captions, each box its plate
	body     []area   // the juggler's head and hands (jugglerBody)
	banners  []area   // the banner's plate, while one shows
}

// textAt is a text and its box.
type textAt struct {
	s string
	b area
}

func textBoxOf(r *Renderer, q queuedText) area {
	x0, y0, x1, y1 := textBox(r, q)
	return area{x0, y0, x1 - x0, y1 - y0}
}

// inkBox is where a recorded text's glyphs are inked, in logical pixels: laid out as
// Flush lays it out (ebiten's line box: the face's ascent and descent at the device's
// size), and bounded by its glyphs, from the tallest ascender to the deepest descender.
// The gap between two texts' inks is the gap a reader sees; textBox, the style's size
// tall, makes a 36 px number's empty line box look like room.
func inkBox(r *Renderer, q queuedText) area {
	st := q.st
	f := r.face(st.Font, st.Size*r.s)
	b, _ := font.BoundString(f.UnsafeInternal(), q.s)
	m := f.Metrics()
	base := float64(q.y*r.s) + m.HAscent // the baseline, in device pixels
	if st.Align >= LeftMid {
		base -= (m.HAscent + m.HDescent) / 2
	}
	x0, _, _, _ := textBox(r, q)
	px := func(v float64) float32 { return float32(v) / r.s }
	return area{
		x0 + px(float64(b.Min.X)/64), px(base + float64(b.Min.Y)/64),
		px(float64(b.Max.X-b.Min.X) / 64), px(float64(b.Max.Y-b.Min.Y) / 64),
	}
}

// gapBetween is the space between two boxes: how far apart they are across and down
// (negative where they overlap that way).
func gapBetween(a, b area) (across, down float32) {
	return max(b.x-(a.x+a.w), a.x-(b.x+b.w)), max(b.y-(a.y+a.h), a.y-(b.y+b.h))
}

// layoutOf lays the round scene's frame out at scale sc (nothing is drawn) and sorts what
// it shows.
func layoutOf(g *Game, rs *roundScene, sc float64) frameLayout {
	r := g.r
	l := frameLayout{body: jugglerBody[:]}
	r.record = true
	// The screen's shake moves everything together; laid out without it, the balls'
	// texts are found again in the whole frame.
	shake := rs.fx.shake
	rs.fx.shake = 0
	defer func() { r.record, rs.fx.shake = false, shake }()

	// The balls alone, to tell their texts from the others.
	r.Begin(nil, sc)
	v := &rs.round.View
	t := rs.timeNow(g)
	rs.drawBalls(g, r, v, t)
	own := map[queuedText]int{}
	for _, q := range r.recorded {
		own[q]++
	}
	var at [sim.MaxBallsLimit]Point
	ballPositions(v, t, &at)
	for i := 0; i < v.BallsN; i++ {
		b := &v.Balls[i]
		x, y := at[i].X, at[i].Y
		switch {
		case b.State == sim.BallFloor:
			l.balls = append(l.balls, area{x - ballR - 6, y - 11, 2*ballR + 12, 22})
		case b.State == sim.BallIncoming:
			l.balls = append(l.balls, area{x - ballR - 7, y - ballR - 7, 2*ballR + 14, 2*ballR + 14})
		default:
			l.balls = append(l.balls, area{x - ballR, y - ballR, 2 * ballR, 2 * ballR})
		}
	}
	for _, q := range r.recorded {
		inBall := false
		for _, bb := range l.balls {
			cx, cy := q.x, q.y
			inBall = inBall || (cx >= bb.x && cx <= bb.x+bb.w && cy >= bb.y && cy <= bb.y+bb.h && q.st.Align == CenterMid)
		}
		if !inBall {
			l.tags = append(l.tags, textAt{q.s, textBoxOf(r, q)})
		}
	}
	r.Flush()

	// The whole frame.
	r.Begin(nil, sc)
	rs.Draw(g, r)
	for _, q := range r.recorded {
		if own[q] > 0 {
			own[q]--
			continue
		}
		l.static = append(l.static, textAt{q.s, textBoxOf(r, q)})
	}
	r.Flush()
	for i := range rs.fx.texts {
		c := &rs.fx.texts[i]
		if !c.live() {
			continue
		}
		l.captions = append(l.captions, textAt{c.shown, c.plate(r)})
	}
	// Captions are drawn over the round: their texts are not the round's. Nor are the
	// pop-ups' (drawPopups: the banner and the complaint, on their own plates over the
	// balls and tags).
	over := make([]string, 0, len(l.captions)+5)
	for _, c := range l.captions {
		over = append(over, c.s)
	}
	if rs.fx.bannerLeft > 0 {
		over = append(over, rs.fx.banner, bannerSubText(r, rs.fx, bannerRect(r, rs.fx)))
		l.banners = append(l.banners, bannerRect(r, rs.fx))
	}
	if rs.fx.complaint > 0 {
		over = append(over, "A CUSTOMER SAYS:", "\"Your service", "is broken!\"")
	}
	for _, o := range over {
		for i := 0; i < len(l.static); i++ {
			if l.static[i].s == o {
				l.static = append(l.static[:i], l.static[i+1:]...)
				break
			}
		}
	}
	return l
}

// shrink is a box a pixel smaller on each side: boxes that only touch do not overlap.
func (a area) shrink() area { return area{a.x + 1, a.y + 1, a.w - 2, a.h - 2} }

// keepOutPart names tagKeepOut's i-th area.
func keepOutPart(i int) string {
	names := [...]string{"the juggler's " + bodyParts[0], "the " + bodyParts[1], "the " + bodyParts[2],
		"the left beat cap", "the right beat cap", "the monitoring column"}
	if i < len(names) {
		return names[i]
	}
	return "the juggler's limbs"
}

// limbParts name jugglerLimbs.
var limbParts = [len(jugglerLimbs)]string{"body", "left leg", "right leg", "left arm", "right arm"}

// limbUnder is the first of the juggler's limbs (jugglerLimbs[i] for i in limbs) that a
// box covers, "" for none.
func limbUnder(b area, limbs []int) string {
	for _, i := range limbs {
		for _, lb := range limbBoxesOf(jugglerLimbs[i]) {
			if b.overlaps(lb) {
				return limbParts[i]
			}
		}
	}
	return ""
}

// The limbs the tags keep off (all), and those the captions keep off: the legs. A
// caption over a hand ("something fell", 194 px on its plate) crosses the arm under it,
// and over the right hand the chest too: between the body and the change request's box
// there are 179 px.
var tagLimbs, captionLimbs = []int{0, 1, 2, 3, 4}, []int{1, 2}

// bodyParts name jugglerBody's areas.
var bodyParts = [len(jugglerBody)]string{"head", "left hand", "right hand"}

// layoutProblems lists what covers a text in a frame: a ball or a tag over a text of the
// round, a tag under another ball or over a tag, a caption's plate over a text, a tag or
// another caption; and a tag over the juggler's head, hands or limbs, a caption over its
// head, hands or legs.
func layoutProblems(l frameLayout) []string {
	var out []string
	for i, b := range l.body {
		for _, tg := range l.tags {
			if tg.b.shrink().overlaps(b) {
				out = append(out, fmt.Sprintf("the tag %q covers the juggler's %s", tg.s, bodyParts[i]))
			}
		}
		for _, c := range l.captions {
			if c.b.shrink().overlaps(b) {
				out = append(out, fmt.Sprintf("the caption %q covers the juggler's %s", c.s, bodyParts[i]))
			}
		}
	}
	for _, tg := range l.tags {
		if p := limbUnder(tg.b.shrink(), tagLimbs); p != "" {
			out = append(out, fmt.Sprintf("the tag %q covers the juggler's %s", tg.s, p))
		}
	}
	for _, c := range l.captions {
		if p := limbUnder(c.b.shrink(), captionLimbs); p != "" {
			out = append(out, fmt.Sprintf("the caption %q covers the juggler's %s", c.s, p))
		}
	}
	for _, s := range l.static {
		sb := s.b.shrink()
		for _, b := range l.balls {
			if sb.overlaps(b) {
				out = append(out, fmt.Sprintf("a ball covers %q", s.s))
			}
		}
		for _, tg := range l.tags {
			if sb.overlaps(tg.b) {
				out = append(out, fmt.Sprintf("the tag %q covers %q", tg.s, s.s))
			}
		}
		for _, c := range l.captions {
			if sb.overlaps(c.b) {
				out = append(out, fmt.Sprintf("the caption %q covers %q", c.s, s.s))
			}
		}
	}
	for i, tg := range l.tags {
		tb := tg.b.shrink()
		for j, o := range l.tags {
			if i < j && tb.overlaps(o.b) {
				out = append(out, fmt.Sprintf("the tags %q and %q touch", tg.s, o.s))
			}
		}
		for _, c := range l.captions {
			if tb.overlaps(c.b) {
				out = append(out, fmt.Sprintf("the caption %q covers the tag %q", c.s, tg.s))
			}
		}
	}
	for _, bn := range l.banners {
		for i, k := range tagKeepOut {
			if bn.overlaps(k) {
				out = append(out, fmt.Sprintf("the banner covers %s", keepOutPart(i)))
			}
		}
		for _, b := range l.balls {
			if bn.overlaps(b) {
				out = append(out, "the banner covers a ball")
			}
		}
		for _, tg := range l.tags {
			if bn.overlaps(tg.b) {
				out = append(out, fmt.Sprintf("the banner covers the tag %q", tg.s))
			}
		}
	}
	for i, c := range l.captions {
		for _, o := range l.captions[i+1:] {
			if c.b.shrink().overlaps(o.b) {
				out = append(out, fmt.Sprintf("the captions %q and %q touch", c.s, o.s))
			}
		}
	}
	return out
}

// TestNoTextUnderBallsOrTags plays a month of attract rounds of every preset and lays out
// every other frame at every window size from 800x450 to 1920x1080: no ball, tag or
// caption covers a text of the round, no tag touches another or sits under a caption,
// no caption covers another, and no tag covers the juggler's head, hands or limbs, no caption its head, hands or legs. (A ball's own version inside it, and balls crossing each
// other in the air, are not texts under balls.) A failure prints the frame, the size and
// the seed to reproduce.
func TestNoTextUnderBallsOrTags(t *testing.T) {
	if testing.Short() {
		t.Skip("lays out 20,000 frames")
	}
	for _, preset := range sim.PresetNames() {
		t.Run(preset, func(t *testing.T) {
			const seed = 5
			s := Setup{Preset: preset, Months: 1, Seed: seed, Players: bots}
			g, _ := newTestGame(t, Options{Start: true, Setup: s})
			seen := map[string]bool{}
			checked := 0
			for f := 0; f < 1790; f++ {
				update(t, g, 1)
				if f%2 == 1 {
					continue
				}
				rs := roundOf(t, g)
				for _, ws := range windowSizes {
					for _, p := range layoutProblems(layoutOf(g, rs, scaleOf(ws.w, ws.h))) {
						key := fmt.Sprintf("%s at %dx%d", p, ws.w, ws.h)
						if !seen[key] {
							seen[key] = true
							t.Errorf("frame %d, %dx%d: %s (reproduce with -preset=%s -seed=%d)", f, ws.w, ws.h, p, preset, seed)
						}
					}
					checked++
				}
				if len(seen) > 20 {
					t.FailNow()
				}
			}
			require.Positive(t, checked)
			assert.Empty(t, seen)
		})
	}
}

// TestBannerClearOfJuggler: the ROLLBACK banner covers neither the juggler (head, arms,
// hands) nor a ball nor a tag, nor the monitoring column, at every window size, all the
// time it shows: it sat over the juggler's head, arms and the live ball for 2.5 s (sre,
// autoplay, seed 3).
func TestBannerClearOfJuggler(t *testing.T) {
	const seed = 3
	s := Setup{Preset: "sre", Months: 3, Seed: seed, Players: bots}
	g, _ := newTestGame(t, Options{Start: true, Setup: s})
	shown := 0
	for f := 0; f < 3*1800 && shown < 150; f++ {
		update(t, g, 1)
		rs, ok := g.Scene().(*roundScene)
		if !ok {
			break
		}
		if rs.fx.bannerLeft == 0 {
			continue
		}
		shown++
		for _, ws := range windowSizes {
			l := layoutOf(g, rs, scaleOf(ws.w, ws.h))
			require.Len(t, l.banners, 1)
			for _, p := range layoutProblems(l) {
				t.Errorf("frame %d, %dx%d: %s (reproduce with -preset=sre -seed=%d)", f, ws.w, ws.h, p, seed)
			}
		}
		if t.Failed() {
			t.FailNow()
		}
	}
	require.Positive(t, shown, "a banner showed")
	t.Logf("banner shown %d frames", shown)
}

// TestCrackClearOfVersion: a cracked ball's cracks stay off its version number (a crack
// across it made "v12" unreadable), and inside the ball.
func TestCrackClearOfVersion(t *testing.T) {
	g, _ := newTestGame(t, Options{})
	for _, ws := range windowSizes {
		g.r.Begin(nil, scaleOf(ws.w, ws.h))
		w := g.r.Measure("v88", styleKeyCap)
		label := area{-w/2 - 2, -styleKeyCap.Size/2 - 2, w + 4, styleKeyCap.Size + 4}
		for _, l := range crackLines {
			for k := float32(0); k <= 1; k += 0.05 {
				x, y := l[0]+(l[2]-l[0])*k, l[1]+(l[3]-l[1])*k
				assert.False(t, label.overlaps(area{x - 1.5, y - 1.5, 3, 3}), "%dx%d: the crack %v crosses the version at (%.0f, %.0f)", ws.w, ws.h, l, x, y)
				assert.LessOrEqual(t, x*x+y*y, float32((ballR-2)*(ballR-2)), "the crack %v stays inside the ball", l)
			}
		}
	}
}

// TestWindowFitsMonitor: the window opens at 16:9, at most 90 % of the monitor each
// way (a 1024x768 screen no longer cuts ops' half off), and at the logical size when
// the monitor is unknown.
func TestWindowFitsMonitor(t *testing.T) {
	for _, tt := range []struct{ mw, mh, w, h int }{
		{1024, 768, 921, 518},
		{1920, 1080, 1728, 972},
		{1366, 768, 1228, 691},
		{800, 600, 720, 405},
		{2560, 1440, 2304, 1296},
		{1080, 1920, 972, 546}, // a portrait screen
		{0, 0, ScreenW, ScreenH},
	} {
		w, h := windowSize(tt.mw, tt.mh)
		assert.Equal(t, [2]int{tt.w, tt.h}, [2]int{w, h}, "monitor %dx%d", tt.mw, tt.mh)
		if tt.mw > 0 {
			assert.LessOrEqual(t, w*10, tt.mw*9)
			assert.LessOrEqual(t, h*10, tt.mh*9)
			assert.InDelta(t, 16.0/9, float64(w)/float64(h), 0.01)
		}
	}
}

// TestFloorPilesStayInProduction: however many balls lie on the floor under a hand, they
// stay inside production's panel (a play-tester saw five spill over dev's panel), 58 px
// apart while they fit, in order away from the hand.
func TestFloorPilesStayInProduction(t *testing.T) {
	for _, h := range []sim.Hand{sim.Left, sim.Right} {
		for n := 1; n <= sim.MaxBallsLimit; n++ {
			last := float32(0)
			for i := range n {
				b := sim.BallView{State: sim.BallFloor, Hand: h}
				x, _ := ballAt(&b, 0, i, n)
				assert.GreaterOrEqual(t, x-ballR-6, float32(prodX+8), "%v hand, ball %d of %d: inside production's left edge", h, i, n)
				assert.LessOrEqual(t, x+ballR+6, float32(prodX+prodW-8), "%v hand, ball %d of %d: inside its right edge", h, i, n)
				d := x - handX(h)
				if h == sim.Left {
					d = -d
				}
				assert.Greater(t, d, last, "%v hand, ball %d of %d: further from the hand than the one before", h, i, n)
				if i > 0 && n <= 4 {
					assert.InDelta(t, 58, d-last, 0.01, "%v hand, %d balls: 58 px apart while they fit", h, n)
				}
				last = d
			}
		}
	}
}

// TestChangeRequestRoomy: in ops' change request box, the countdown (36 px) no longer
// starts 3 px under the heading: at every window size, each of the box's texts (its
// heading, who asks, the countdown, the buttons' labels) keeps reqGap of ink-to-ink space
// from the texts above and below it, and from the time bar, and stays inside the box and
// off the buttons; with the widest texts a round shows (F999, the full countdown).
func TestChangeRequestRoomy(t *testing.T) {
	const reqGap = 8
	for _, preset := range []string{"silo", "bluegreen"} { // the presets with a gate
		t.Run(preset, func(t *testing.T) {
			g, _ := newTestGame(t, Options{})
			rs := startRound(t, g, preset)
			v := &rs.round.View
			for f := 0; f < 30*sim.TicksPerSecond && !v.CRActive; f++ {
				update(t, g, 1)
			}
			require.True(t, v.CRActive, "the dev bot asked for a change (reproduce with -preset=%s -seed=1)", preset)
			v.Tray[0].ID = 999
			for _, tick := range []sim.Tick{v.CRSince, v.CRDeadline - 1} {
				v.Tick = tick
				x, y, w, h := requestRect(v.Monitoring)
				box := area{x, y, w, h}
				for _, ws := range windowSizes {
					r := g.r
					r.record = true
					r.Begin(nil, scaleOf(ws.w, ws.h))
					rs.drawRequest(r, v)
					rs.drawButtons(g, r)
					r.record = false
					var texts []textAt
					for _, q := range r.recorded {
						if ib := inkBox(r, q); ib.overlaps(box) {
							texts = append(texts, textAt{q.s, ib})
						}
					}
					r.Flush()
					var buttons []area
					for _, b := range rs.buttons[:rs.buttonsN] {
						if b.ctl == CtlApprove || b.ctl == CtlReject {
							buttons = append(buttons, area{b.x, b.y, b.w, b.h})
						}
					}
					require.Len(t, buttons, 2, "APPROVE and REJECT")
					at := fmt.Sprintf("%s, tick %d, %dx%d", preset, tick, ws.w, ws.h)
					require.Len(t, texts, 5, "%s: the heading, who asks, the countdown and two buttons' labels: %v", at, texts)
					bar := requestBar(r, x, y, w, v.CRDeadline-v.CRSince)
					for i, a := range texts {
						inner := area{box.x + 6, box.y + 6, box.w - 12, box.h - 12}
						assert.True(t, a.b.x >= inner.x && a.b.y >= inner.y && a.b.x+a.b.w <= inner.x+inner.w && a.b.y+a.b.h <= inner.y+inner.h,
							"%s: %q %v inside the box %v, 6 px from its edges", at, a.s, a.b, box)
						for _, o := range texts[i+1:] {
							across, down := gapBetween(a.b, o.b)
							assert.True(t, across >= reqGap || down >= reqGap,
								"%s: %q and %q %.1f px apart down (%.1f across): want %d", at, a.s, o.s, down, across, reqGap)
						}
						if across, down := gapBetween(a.b, bar); across < reqGap {
							assert.GreaterOrEqual(t, down, float32(reqGap), "%s: %q and the time bar", at, a.s)
						}
						inButton := false
						for _, b := range buttons {
							inButton = inButton || (a.b.x >= b.x && a.b.x+a.b.w <= b.x+b.w && a.b.y >= b.y && a.b.y+a.b.h <= b.y+b.h)
						}
						for _, b := range buttons {
							if across, down := gapBetween(a.b, b); !inButton && across < reqGap {
								assert.GreaterOrEqual(t, down, float32(reqGap), "%s: %q and the buttons", at, a.s)
							}
						}
					}
					for _, b := range buttons {
						_, down := gapBetween(bar, b)
						assert.GreaterOrEqual(t, down, float32(reqGap), "%s: the time bar and the buttons", at)
					}
				}
			}
		})
	}
}

// TestRestartCaptionClearOfJuggler: "both balls back in hand: again", said when practice
// and the guided round's catch lesson start the juggle again after a fall, sat across
// the juggler's legs. All its life, at every window size, it covers no part of the
// juggler (head, hands, body, arms or legs), no text, tag or other caption.
func TestRestartCaptionClearOfJuggler(t *testing.T) {
	const said = "both balls back in hand: again"
	g, _ := newTestGame(t, Options{})
	guided, err := newGuidedScene(g)
	require.NoError(t, err)
	practice, err := newPracticeScene(g, sim.Easy)
	require.NoError(t, err)
	for name, restart := range map[string]struct {
		rs    *roundScene
		setup Setup
		cfg   sim.Config
	}{"the catch lesson": {guided.rs, guided.setup, guided.cfg}, "practice": {practice.rs, practice.setup, practice.cfg}} {
		rs := restart.rs
		require.NoError(t, rs.restartJuggle(restart.setup, restart.cfg))
		shown := 0
		for age := 0; ; age++ {
			require.Less(t, age, 200, "%s: the caption leaves", name)
			var at []textAt
			for _, ws := range windowSizes {
				l := layoutOf(g, rs, scaleOf(ws.w, ws.h))
				at = l.captions
				for _, p := range layoutProblems(l) {
					t.Errorf("%s, age %d, %dx%d: %s", name, age, ws.w, ws.h, p)
				}
				for _, c := range l.captions {
					if p := limbUnder(c.b.shrink(), tagLimbs); p != "" {
						t.Errorf("%s, age %d, %dx%d: the caption %q covers the juggler's %s", name, age, ws.w, ws.h, c.s, p)
					}
				}
			}
			if len(at) == 0 {
				break
			}
			require.Equal(t, said, at[0].s)
			shown++
			rs.fx.Tick()
			if t.Failed() {
				t.FailNow()
			}
		}
		assert.Positive(t, shown, "%s: the caption showed", name)
	}
}
