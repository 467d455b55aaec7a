package game

import (
	"testing"

	"devopsjuggle/sim"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCaptionsMerge: a caption said again at its anchor counts instead of piling up;
// another one at the same anchor pushes it a row up, and the rows are bounded.
func TestCaptionsMerge(t *testing.T) {
	e := NewEffects()
	live := func() []*floatText {
		var l []*floatText
		for i := range e.texts {
			if e.texts[i].live() {
				l = append(l, &e.texts[i])
			}
		}
		return l
	}
	for range 3 {
		e.Say("change rejected", capCRX, capCRY, 0, styleCaption.In(ColYellow))
		e.Tick()
	}
	require.Len(t, live(), 1)
	assert.Equal(t, "change rejected ×3", live()[0].shown)

	e.Say("change approved", capCRX, capCRY, 0, styleCaption.In(ColGreen))
	require.Len(t, live(), 1, "under the change request, one row: a second would cover its box")
	assert.Equal(t, "change approved", live()[0].shown)

	e = NewEffects()
	e.Say("v3 LIVE", capLiveX, capLiveY, capRise, styleCaptionBig.In(ColSky))
	e.Say("v4 LIVE", capLiveX, capLiveY, capRise, styleCaptionBig.In(ColSky))
	l := live()
	require.Len(t, l, 2)
	_, y0 := l[0].at()
	_, y1 := l[1].at()
	assert.GreaterOrEqual(t, abs32(y0-y1), float32(SizeLarge+8), "stacked a row apart")

	e.Say("v5 LIVE", capLiveX, capLiveY, capRise, styleCaptionBig.In(ColSky))
	assert.Len(t, live(), captionRows, "the oldest row leaves")

	// Over a hand, one row: a second would cover the juggler's head.
	e = NewEffects()
	e.Say("miss", capHandX(sim.Left), capHandY, capHandRise, styleCaptionBig.In(ColYellow))
	e.Say("something fell", capHandX(sim.Left), capHandY, capHandRise, styleCaptionBig.In(ColVermilion))
	require.Len(t, live(), 1, "the newer caption replaces the older over a hand")
	assert.Equal(t, "something fell", live()[0].shown)
	e.SayMinor("miss", capHandX(sim.Left), capHandY, capHandRise, styleCaptionBig.In(ColYellow))
	require.Len(t, live(), 1)
	assert.Equal(t, "something fell", live()[0].shown, "a late press's miss does not hide the drop")
	e.SayMinor("miss", capHandX(sim.Right), capHandY, capHandRise, styleCaptionBig.In(ColYellow))
	assert.Len(t, live(), 2, "another anchor is another stack")
	e.SayMinor("busy picking up", capHandX(sim.Right), capHandY, capHandRise, styleCaption.In(ColYellow))
	assert.Equal(t, []string{"something fell", "busy picking up"}, []string{live()[0].shown, live()[1].shown}, "a minor caption replaces another minor one")
	e.Say("DROP v2", capHandX(sim.Right), capHandY, capHandRise, styleCaptionBig.In(ColVermilion))
	assert.Equal(t, []string{"something fell", "DROP v2"}, []string{live()[0].shown, live()[1].shown}, "a drop replaces a miss")
}

// TestHandCaptionsClearOfJuggler: a caption over a hand, the widest said there, stays
// off the juggler's head and hands all its life, from the hand's catch ring up (the
// "something fell" over the right hand floated up onto the head), and off the change
// request's box beside the right hand.
func TestHandCaptionsClearOfJuggler(t *testing.T) {
	g, _ := newTestGame(t, Options{})
	for _, ws := range windowSizes {
		g.r.Begin(nil, scaleOf(ws.w, ws.h))
		for h := sim.Left; h <= sim.Right; h++ {
			for _, c := range []struct {
				s  string
				st TextStyle
			}{{"something fell ×9", styleCaptionBig}, {"DROP v99 ×9", styleCaptionBig}, {"busy picking up ×9", styleCaption}, {captionWhiff, styleCaption}} {
				e := NewEffects()
				e.Say(c.s, capHandX(h), capHandY, capHandRise, c.st)
				ft := &e.texts[0]
				for ft.live() {
					p := ft.plate(g.r)
					for i, b := range jugglerBody {
						assert.False(t, p.overlaps(b), "%dx%d: %q over the %v hand, age %d, covers the juggler's %s", ws.w, ws.h, c.s, h, ft.age, bodyParts[i])
					}
					assert.GreaterOrEqual(t, p.y+p.h, float32(headY+headR+3), "under the head")
					assert.LessOrEqual(t, p.y+p.h, float32(handY-catchRingR-2), "above the catch ring")
					rx, ry, _, rh := requestRect(sim.MonitorNone)
					if p.y < ry+rh {
						assert.Less(t, p.x+p.w, rx, "%dx%d: %q over the %v hand, short of the change request's box", ws.w, ws.h, c.s, h)
					}
					e.Tick()
				}
			}
		}
	}
}

func abs32(x float32) float32 { return max(x, -x) }

// TestCaptionsCoverNoHeading plays attract rounds of every preset and checks every
// frame: no caption's plate covers another caption, the top bar, a panel's heading, the
// change request's box in ops' half, the key caps beside the hands or the strips where
// prompts and refusals are said.
func TestCaptionsCoverNoHeading(t *testing.T) {
	for _, preset := range sim.PresetNames() {
		t.Run(preset, func(t *testing.T) {
			s := Setup{Preset: preset, Months: 1, Seed: 5, Players: bots}
			g, _ := newTestGame(t, Options{Start: true, Setup: s})
			r := g.r
			text := func(s string, x, y float32, st TextStyle) area {
				return area{x, y, r.Measure(s, st), st.Size * 1.2}
			}
			headings := map[string]area{
				"the top bar":        {0, 0, ScreenW, topH},
				"DEV":                text("DEV", devX+18, devY+8, styleHeading),
				"PRODUCTION":         text("PRODUCTION", prodX+18, prodY+8, styleHeading),
				"the tray's heading": text("Ready to release: 3/3", devX+16, trayY-4, styleStrong),
				"CHANGE REQUEST":     text("CHANGE REQUEST F10 · 3.5 s left", devX+26, crY+6, styleStrong),
				"the strips":         {0, hintY - 4, ScreenW, statusY - hintY + 4},
			}
			for h := sim.Left; h <= sim.Right; h++ {
				headings[h.String()+" key cap"] = beatCapArea(h)
			}
			if cfg, _ := s.Config(); cfg.Gate {
				x, y, w, h := requestRect(cfg.Monitoring)
				headings["the change request in ops' half"] = area{x, y, w, h}
			}
			seen := 0
			for f := 0; f < 1700; f++ { // the month, without its statement
				update(t, g, 1)
				rs := roundOf(t, g)
				var plates []area
				for i := range rs.fx.texts {
					c := &rs.fx.texts[i]
					if !c.live() {
						continue
					}
					b := c.plate(r)
					for name, h := range headings {
						assert.False(t, b.overlaps(h), "frame %d: %q covers %s", f, c.shown, name)
					}
					for _, o := range plates {
						assert.False(t, b.overlaps(o), "frame %d: %q covers another caption", f, c.shown)
					}
					plates = append(plates, b)
					seen++
				}
				if t.Failed() {
					t.Fatalf("reproduce with -preset=%s -seed=5", preset)
				}
			}
			assert.Positive(t, seen, "captions were shown")
		})
	}
}

// TestPracticeSaysDropped: "something fell" is monitoring's cue (a drop ops cannot see
// yet); practice has no monitoring and nothing to find out, so a drop is "dropped".
func TestPracticeSaysDropped(t *testing.T) {
	g, _ := newTestGame(t, Options{})
	p, err := newPracticeScene(g, sim.Easy)
	require.NoError(t, err)
	p.rs.feedback(g, []sim.Event{{Kind: sim.EvDrop, Hand: sim.Right, Version: 2}})
	var said []string
	for i := range p.rs.fx.texts {
		if c := &p.rs.fx.texts[i]; c.live() {
			said = append(said, c.shown)
		}
	}
	assert.Equal(t, []string{"dropped"}, said)
}

// TestMissKeepsDrop: a late press a moment after a ball fell at a hand says "nothing to
// catch", which must not hide "something fell" there (a hand's caption row holds one
// caption).
func TestMissKeepsDrop(t *testing.T) {
	g, _ := newTestGame(t, Options{})
	rs := startRound(t, g, "silo")
	atHand := func() []string {
		var said []string
		for i := range rs.fx.texts {
			if c := &rs.fx.texts[i]; c.live() && c.y == capHandY {
				said = append(said, c.shown)
			}
		}
		return said
	}
	rs.feedback(g, []sim.Event{{Kind: sim.EvDrop, Hand: sim.Left, Version: 1}})
	drop := atHand()
	require.Len(t, drop, 1)
	rs.fx.Tick()
	rs.feedback(g, []sim.Event{{Kind: sim.EvWhiff, Hand: sim.Left}})
	assert.Equal(t, drop, atHand(), "the drop's caption stays")
}

// TestWhiffSaysNothingToCatch: a press with no ball in reach says so over its hand, never
// "miss" and never a count (a play-test read "miss ×292", a count of presses, over a
// round whose result counted 4 misses); mashing both hands keeps the two captions apart,
// at every window size.
func TestWhiffSaysNothingToCatch(t *testing.T) {
	g, _ := newTestGame(t, Options{})
	rs := startRound(t, g, "silo")
	for range 300 {
		rs.feedback(g, []sim.Event{{Kind: sim.EvWhiff, Hand: sim.Left}, {Kind: sim.EvWhiff, Hand: sim.Right}})
		rs.fx.Tick()
	}
	var said []*floatText
	for i := range rs.fx.texts {
		if c := &rs.fx.texts[i]; c.live() && c.y == capHandY {
			said = append(said, c)
		}
	}
	require.Len(t, said, 2, "one caption over each hand")
	for _, c := range said {
		assert.Equal(t, "nothing to catch", c.shown)
	}
	for _, ws := range windowSizes {
		g.r.Begin(nil, scaleOf(ws.w, ws.h))
		a, b := said[0].plate(g.r), said[1].plate(g.r)
		across, _ := gapBetween(a, b)
		assert.GreaterOrEqual(t, across, float32(8), "%dx%d: the two hands' captions %v and %v", ws.w, ws.h, a, b)
	}
}
