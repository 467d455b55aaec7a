package game

import (
	"fmt"
	"math"
	"strings"

	"devopsjuggle/sim"
	"devopsjuggle/sim/report"
)

// legendY is the legend's first row (production's left, between a release's start and
// the floor).
const legendY = 376

// handLabelGap is how far a hand's label stays, sideways, from the hand's centre: clear
// of a ball rising from the floor to the hand, or falling past it late, even a new
// release with its outer ring (ballR+6, 3 px wide).
const handLabelGap = ballR + 10

// drawProduction draws the juggler, the balls, the stand and the floor.
func (s *roundScene) drawProduction(g *Game, r *Renderer, v *sim.View, t float64) {
	r.Panel(prodX, prodY, prodW, prodH, ColPanel, ColPanelEdge)
	r.Rect(prodX, prodY, 6, prodH, ColSky)
	r.Text("PRODUCTION", prodX+18, prodY+8, styleHeading.In(ColSky))
	headW := r.Measure("PRODUCTION", styleHeading)
	ops := "ops: " + s.playerLabel(sim.Ops)
	r.Text(ops, prodX+18+headW+14, prodY+12, styleNote)
	sub := s.subtitle
	if sub == "" {
		sub = practices(&s.round.Config)
	}
	r.Text(sub, prodX+18, prodY+40, styleNote)

	// The floor.
	r.Rect(prodX+8, floorY+6, prodW-16, 4, ColDim)

	s.drawVersions(r, v, [2]float32{
		prodX + 18 + headW + 14 + r.Measure(ops, styleNote), // the heading line's end
		prodX + 18 + r.Measure(sub, styleNote),              // the practices' line's
	})
	s.drawLegend(r)

	s.drawJuggler(g, r, v, t)
	if v.Release == sim.BlueGreen {
		drawStand(r)
	}
	s.drawBalls(g, r, v, t)
}

// drawVersions counts the versions ops knows in production against the target, at the
// right end of the practices' line: above the incident panel, where no ball flies (in
// the middle of production a release flew across it, and "something fell" covered it).
// Where the practices' line is too long for it (sre's, blue/green's), it goes at the end
// of the heading's line, or else under the practices. ends are where the heading's and
// the practices' lines end.
func (s *roundScene) drawVersions(r *Renderer, v *sim.View, ends [2]float32) {
	n := 0
	for i := 0; i < v.BallsN; i++ {
		if v.Balls[i].State != sim.BallFloor || v.Balls[i].Known {
			n++
		}
	}
	st := styleNote
	if n > v.TargetBalls {
		st = styleLabel.In(ColYellow)
	}
	text := fmt.Sprintf("versions: %d (target %d)", n, v.TargetBalls)
	left := monX - 12 - r.Measure(text, styleLabel) - 12 // as wide as its bold form: it stays put when it turns bold
	y := float32(prodY + 62)
	switch {
	case ends[1] <= left:
		y = prodY + 40
	case ends[0] <= left:
		y = prodY + 12
	}
	r.Text(text, monX-12, y, st.At(Right))
}

// drawJuggler draws the juggler: head, body, legs, arms to the hands, the catch cue
// round each hand and the hands' labels.
func (s *roundScene) drawJuggler(g *Game, r *Renderer, v *sim.View, t float64) {
	body := ColDim
	r.Ring(jugglerX, headY, headR, 5, body)
	for _, l := range jugglerLimbs {
		r.Line(l[0], l[1], l[2], l[3], limbW, body)
	}
	win := float64(s.round.Config.CatchWindowTicks)
	for h := sim.Left; h <= sim.Right; h++ {
		x := handX(h)
		r.Disc(x, handY, handR, body)
		// The catch ring: it lights up while a ball is within the catch window.
		if s.dueSoon(v, h, t, win) {
			r.Ring(x, handY, catchRingR, 4, ColGreen)
		} else {
			r.Ring(x, handY, catchRingR, 2, ColPanelEdge)
		}
		if v.Busy[h] {
			r.Ring(x, handY, catchRingR-8, 3, ColYellow) // inside: the key caps sit outside
		}
	}
	s.drawApproachCues(r, v, t)
	s.drawBeatHint(g, r)
	for h := sim.Left; h <= sim.Right; h++ {
		label, x, y, st := s.handLabel(g, v, h)
		r.Text(label, x, y, st)
	}
}

// handLabel is hand h's label and where it is drawn: beside (not across) the path of a
// ball picked up from the floor. While the hand picks a ball up it says so, and its key
// would catch nothing.
func (s *roundScene) handLabel(g *Game, v *sim.View, h sim.Hand) (label string, x, y float32, st TextStyle) {
	name := [2]string{"LEFT", "RIGHT"}[h]
	label, col := name+" hand ["+KeyName(g.Bindings[CtlCatchLeft+Control(h)])+"]", ColText
	if v.Busy[h] {
		label, col = name+": picking up", ColYellow
	}
	if h == sim.Left {
		return label, handLX - handLabelGap, handY + 50, styleLabel.In(col).At(Right)
	}
	return label, handRX + handLabelGap, handY + 50, styleLabel.In(col)
}

// handLabelArea is where hand h's label is drawn, as a box.
func (s *roundScene) handLabelArea(g *Game, r *Renderer, v *sim.View, h sim.Hand) area {
	label, x, y, st := s.handLabel(g, v, h)
	w := r.Measure(label, st)
	if st.Align == Right {
		x -= w
	}
	return area{x, y, w, st.Size}
}

// The juggler's head (a ring, 5 px wide) and hands (discs), by their radii.
const headR, handR = 26, 16

// jugglerBody is what of the juggler the balls' tags and the captions keep clear of: its
// head (with its ring's stroke) and its two hands. A caption over the head, or a LIVE
// tag over a grey hand, hid what they covered and read as part of it.
var jugglerBody = [...]area{
	{jugglerX - headR - 3, headY - headR - 3, 2*headR + 6, 2*headR + 6},
	{handLX - handR, handY - handR, 2 * handR, 2 * handR},
	{handRX - handR, handY - handR, 2 * handR, 2 * handR},
}

// jugglerLimbs are the juggler's lines, (x0, y0, x1, y1), limbW wide: the body from the
// neck to the hips, the legs to the floor, the arms from the shoulders to the hands.
var jugglerLimbs = [...][4]float32{
	{jugglerX, headY + headR, jugglerX, hipY},
	{jugglerX, hipY, jugglerX - 40, floorY + 4},
	{jugglerX, hipY, jugglerX + 40, floorY + 4},
	{jugglerX, shoulderY, handLX, handY},
	{jugglerX, shoulderY, handRX, handY},
}

// The juggler's hips and shoulders (where the legs and arms start), and its lines' width.
const hipY, shoulderY, limbW = 460, headY + 50, 6

// limbStepPx is the longest piece of a limb one box of limbBoxes bounds: a diagonal
// arm's boxes overlap it by at most half of it each side.
const limbStepPx = 16

// limbBoxes bound the juggler's limbs (limbBoxesOf): what the tags and the captions keep
// off besides the head and hands (a tag across an arm, a caption across the legs, read
// as part of the juggler).
var limbBoxes = func() []area {
	var out []area
	for _, l := range jugglerLimbs {
		out = append(out, limbBoxesOf(l)...)
	}
	return out
}()

// limbBoxesOf bounds a limb as a staircase of small boxes along its line, its width and
// a pixel round. One box for the whole line would also keep tags and captions out of the
// room between the arms and legs, where the balls fly and the captions have their place.
func limbBoxesOf(l [4]float32) []area {
	dx, dy := l[2]-l[0], l[3]-l[1]
	n := int(math.Ceil(math.Hypot(float64(dx), float64(dy)) / limbStepPx))
	const pad = limbW/2 + 1
	out := make([]area, 0, n)
	for i := range n {
		x0, y0 := l[0]+dx*float32(i)/float32(n), l[1]+dy*float32(i)/float32(n)
		x1, y1 := l[0]+dx*float32(i+1)/float32(n), l[1]+dy*float32(i+1)/float32(n)
		out = append(out, area{min(x0, x1) - pad, min(y0, y1) - pad, max(x1-x0, x0-x1) + 2*pad, max(y1-y0, y0-y1) + 2*pad})
	}
	return out
}

// catchRingR is the radius of the ring round each hand: an approach cue closes on it.
const catchRingR = 40

// The approach cue, as rhythm games draw it (from sim/coach's cues): a ring round the
// hand a ball flies to, which shrinks as the ball comes and closes on the catch ring
// exactly when the ball is due: when a key pressed now is applied on its arrival tick.
// cueSpread is how much wider than the catch ring a cue starts, when the ball is thrown.
const cueSpread = 56

// cueRadius is the radius of an approach cue at progress p in [0, 1] (coach.Cue's
// ProgressAt): cueSpread wider than the catch ring when the ball is thrown, the catch
// ring's at its arrival (and after, while it can still be caught).
func cueRadius(p float64) float32 {
	return catchRingR + cueSpread*float32(1-min(max(p, 0), 1))
}

// cueTime is the model time a frame's cues are drawn at. A frame shows the tick just
// played, t (timeNow: the View's tick less one, plus the sub-tick part), and a key
// pressed while it shows is applied at the View's tick, t+1: the time the cues' progress
// counts in (coach.Cue: a view of tick T is what a press at T sees).
func cueTime(t float64) float64 { return t + 1 }

// ballColour is the colour a ball is drawn in: its cue takes it.
func ballColour(b *sim.BallView) colorRGBA {
	switch {
	case b.State == sim.BallIncoming:
		return ColYellow
	case b.Live && b.Cracked:
		return ColVermilion
	case b.Live:
		return ColSky
	}
	return ColGreen
}

// drawApproachCues draws the approach cue of each ball on its way to a hand (none for
// the balls the juggler still holds, in the grace before the first throws): fainter
// when just thrown, full as it closes.
func (s *roundScene) drawApproachCues(r *Renderer, v *sim.View, t float64) {
	cs := &s.cues
	for k := 0; k < cs.N; k++ {
		c := &cs.Cue[k]
		if c.Held {
			continue
		}
		b := ballOf(v, c.Version)
		if b == nil {
			continue
		}
		p := c.ProgressAt(cueTime(t))
		r.Ring(handX(c.Hand), handY, cueRadius(p), 4, fade(ballColour(b), 0.4+0.6*p))
	}
}

// ballOf returns the ball of version ver in the View, nil if there is none.
func ballOf(v *sim.View, ver sim.Version) *sim.BallView {
	for i := 0; i < v.BallsN; i++ {
		if v.Balls[i].Version == ver {
			return &v.Balls[i]
		}
	}
	return nil
}

// The beat hint's key caps: under each hand, on the juggler's side, outside its catch
// ring. No ball passes there: a ball caught late falls on past its hand, outward; a
// ball thrown rises from the hand inward, above it; a ball picked up rises straight under
// the hand; and the hands' labels and the floor's tags are outward.
const (
	beatCapW, beatCapH = 36, 40
	beatCapDX          = catchRingR + 4 // from the hand's centre, sideways, to the cap's near edge
	beatCapY           = handY + 22     // the cap's top
	beatCapGlow        = 2              // the next key's glow round its cap
)

// beatCapX is the left edge of hand h's key cap.
func beatCapX(h sim.Hand) float32 {
	if h == sim.Left {
		return handLX + beatCapDX
	}
	return handRX - beatCapDX - beatCapW
}

// drawBeatHint shows which key to press at each hand: for beginners (beatHint) both
// hands' catch keys, the next hand's a filled, glowing cap with its letter and the
// other's an outline (shape, not colour alone); and, for everyone, the key a prompt asks
// for (retire, swap) beside the hand where the ball it names is the next to land.
func (s *roundScene) drawBeatHint(g *Game, r *Renderer) {
	next := s.cues.Beat.Hand
	for h := sim.Left; h <= sim.Right; h++ {
		x, y := beatCapX(h), float32(beatCapY)
		ctl := CtlCatchLeft + Control(h)
		marked := s.mark.ctl != CtlNone && s.mark.hand == h && s.nextAt(h) == s.mark.version
		if marked {
			ctl = s.mark.ctl
		} else if !s.beatHint {
			continue
		}
		key := KeyName(g.Bindings[ctl])
		switch {
		case h == next || marked:
			col := ColYellow
			if h != next {
				col = fade(ColYellow, 0.6)
			}
			glow := beatCapArea(h)
			r.Rect(glow.x, glow.y, glow.w, glow.h, fade(col, 0.35))
			r.Rect(x, y, beatCapW, beatCapH, col)
			r.Text(key, x+beatCapW/2, y+beatCapH/2, styleKeyCap.At(CenterMid))
		default:
			r.Frame(x, y, beatCapW, beatCapH, 2, ColDim)
			r.Text(key, x+beatCapW/2, y+beatCapH/2, styleTag.In(ColDim))
		}
	}
}

// nextAt is the version of the next ball due at hand h (the one a press there would
// catch), 0 for none.
func (s *roundScene) nextAt(h sim.Hand) sim.Version {
	if k := s.cues.Next[h]; k >= 0 {
		return s.cues.Cue[k].Version
	}
	return 0
}

// drawStand draws the blue/green stand.
func drawStand(r *Renderer) {
	r.Rect(standX-40, standY, 80, floorY+6-standY, ColPanelEdge)
	r.Rect(standX-56, standY, 112, 8, ColPurple)
	r.Text("BLUE/", standX, standY+18, styleLabel.In(ColPurple).At(Center))
	r.Text("GREEN", standX, standY+40, styleLabel.In(ColPurple).At(Center))
	r.Text("stand", standX, standY+62, styleNote.At(Center))
}

// drawBalls draws the balls with their tags, which keep clear of the other balls, the
// captions, the juggler and the hands' labels.
func (s *roundScene) drawBalls(g *Game, r *Renderer, v *sim.View, t float64) {
	// Balls: the floor first, then those in the air over them.
	var at [sim.MaxBallsLimit]Point
	ballPositions(v, t, &at)
	for i := 0; i < v.BallsN; i++ {
		b := &v.Balls[i]
		if b.State != sim.BallFloor {
			continue
		}
		x, y := at[i].X, at[i].Y
		if !b.Known {
			// Ops does not know what fell: a grey smudge, no version.
			r.Ellipse(x, y+4, ballR+4, 7, ColPanelEdge)
			r.Text("?", x, y-20, styleStrong.In(ColDim).At(CenterMid))
			continue
		}
		r.Ellipse(x, y, ballR+6, 11, ColVermilion)
		r.Text(fmt.Sprintf("v%d", b.Version), x, y-28, styleTag.In(ColVermilion))
		if b.Live {
			r.Text("LIVE!", x, y-48, styleTag.In(ColVermilion))
		}
	}
	// The balls in the air, where they are drawn: a tag keeps clear of the others.
	var spots [sim.MaxBallsLimit]ballSpot
	n := 0
	for i := 0; i < v.BallsN; i++ {
		b := &v.Balls[i]
		if b.State == sim.BallFloor {
			continue
		}
		spots[n] = ballSpot{b, at[i].X, at[i].Y}
		n++
	}
	// The captions' plates, which a tag keeps clear of too (they are drawn over it).
	plates := s.plates[:0]
	for i := range s.fx.texts {
		c := &s.fx.texts[i]
		if c.live() {
			plates = append(plates, c.plate(r))
		}
	}
	s.plates = plates
	avoid := tagAvoid{balls: spots[:n], plates: plates}
	for h := sim.Left; h <= sim.Right; h++ {
		avoid.labels[h] = s.handLabelArea(g, r, v, h)
	}
	for i := range spots[:n] {
		sp := &spots[i]
		drawBallAmong(r, sp.b, sp.x, sp.y, &avoid)
		if s.mark.version != 0 && sp.b.Version == s.mark.version && sp.b.State.InJuggle() {
			drawMark(r, sp.b, sp.x, sp.y, s.mark.tag, &avoid)
		}
	}
}

// ballSpot is a ball and where it is drawn this frame.
type ballSpot struct {
	b    *sim.BallView
	x, y float32
}

// area is a rectangle of the screen, in logical pixels.
type area struct{ x, y, w, h float32 }

// overlaps reports whether two areas share a pixel.
func (a area) overlaps(b area) bool {
	return a.x < b.x+b.w && b.x < a.x+a.w && a.y < b.y+b.h && b.y < a.y+a.h
}

// tagAvoid is what a ball's tag keeps clear of: the other balls, the captions' plates
// and the hands' labels (handLabelArea).
type tagAvoid struct {
	balls  []ballSpot
	plates []area
	labels [2]area
}

// dueSoon reports whether a ball flying to hand h is within the catch window at t.
func (s *roundScene) dueSoon(v *sim.View, h sim.Hand, t, win float64) bool {
	for i := 0; i < v.BallsN; i++ {
		b := &v.Balls[i]
		if b.State.InJuggle() && b.Hand == h && math.Abs(float64(b.Arrival)-cueTime(t)) <= win {
			return true
		}
	}
	return false
}

// tagClearY is the lowest a ball's tag may reach above it and stay clear of the incident
// panel, which covers the top of the arcs.
const tagClearY = incY + incH + 4

// tagSide is where a ball's tag goes, in the order tried: above it, beside it right or
// left, under it.
type tagSide uint8

const (
	tagAbove tagSide = iota
	tagRight
	tagLeft
	tagBelow
	numTagSides
)

// tagBox is where a tag of width w (and the tag style's height) goes on side of a ball
// at (x, y).
func tagBox(side tagSide, x, y, w float32) (bx, by float32) {
	h := float32(styleTag.Size)
	switch side {
	case tagAbove:
		return x - w/2, y - ballR - 18 - h/2
	case tagRight:
		return x + ballR + 8, y - h/2
	case tagLeft:
		return x - ballR - 8 - w, y - h/2
	}
	return x - w/2, y + ballR + 8
}

// beatCapArea is hand h's beat-hint key cap with its glow.
func beatCapArea(h sim.Hand) area {
	return area{beatCapX(h) - beatCapGlow, beatCapY - beatCapGlow, beatCapW + 2*beatCapGlow, beatCapH + 2*beatCapGlow}
}

// tagKeepOut is what no ball's tag covers, wherever the balls are: the juggler's head
// and hands (jugglerBody), the beat hint's key caps with their glow, the monitoring
// column (its panels, the complaint bubble, the change request's box), and the
// juggler's limbs (limbBoxes: a LIVE tag across an arm hid it). A ball falling late
// past a hand, whose tag the hand pushes off its top, takes it under it then.
var tagKeepOut = append([]area{
	jugglerBody[0], jugglerBody[1], jugglerBody[2],
	beatCapArea(sim.Left), beatCapArea(sim.Right),
	{monX, monY, monW, floorY - monY},
}, limbBoxes...)

// tagFree reports whether a tag box stays clear of the incident panel, of tagKeepOut
// (the juggler's head, hands and limbs, the key caps, the monitoring column), of every other ball (its disc and its own tag's room above it: ballR
// plus a tag's height), of the captions' plates and of the hands' labels.
func tagFree(tag area, self *sim.BallView, avoid *tagAvoid) bool {
	if tag.y < tagClearY && tag.overlaps(area{incX, incY, incW, incH}) {
		return false
	}
	for _, b := range tagKeepOut {
		if tag.overlaps(b) {
			return false
		}
	}
	if avoid == nil {
		return true
	}
	h := float32(styleTag.Size)
	for _, o := range avoid.balls {
		if o.b == self {
			continue
		}
		r := float32(ballR + 6)
		if tag.overlaps(area{o.x - r, o.y - r - h - 4, 2 * r, 2*r + h + 4}) {
			return false
		}
	}
	for _, p := range avoid.plates {
		if tag.overlaps(p) {
			return false
		}
	}
	for _, l := range avoid.labels {
		if tag.overlaps(l) {
			return false
		}
	}
	return true
}

// ballTag writes a ball's tag (LIVE, DEFECT, NEW) above it or, where that would run into
// another ball, a caption, the juggler's head or hands, a key cap, a hand's label, the
// monitoring column or the incident panel (near the top of its arc), beside it or under
// it: the first side that is clear, else above.
func ballTag(r *Renderer, tag string, b *sim.BallView, x, y float32, c colorRGBA, avoid *tagAvoid) {
	w, h := r.Measure(tag, styleTag), float32(styleTag.Size)
	side := tagAbove
	// Bounded: two passes over the four sides; the second, with balls on every side,
	// lets the tag near another ball but still keeps it off the panel, tagKeepOut, the
	// captions and the hands' labels.
	found := false
	for pass := 0; pass < 2 && !found; pass++ {
		for sd := tagAbove; sd < numTagSides && !found; sd++ {
			bx, by := tagBox(sd, x, y, w)
			a := avoid
			if pass == 1 && avoid != nil {
				a = &tagAvoid{plates: avoid.plates, labels: avoid.labels}
			}
			if tagFree(area{bx, by, w, h}, b, a) {
				side, found = sd, true
			}
		}
	}
	bx, by := tagBox(side, x, y, w)
	r.Text(tag, bx, by, styleTag.In(c).At(Left))
}

// drawBall draws a ball by its state: live solid, standby a ring, a new release solid
// with a double outline, recovering a ring rising; every one with its version.
func drawBall(r *Renderer, b *sim.BallView, x, y float32) { drawBallAmong(r, b, x, y, nil) }

// drawBallAmong draws a ball among others: its tag keeps clear of them and of captions.
func drawBallAmong(r *Renderer, b *sim.BallView, x, y float32, avoid *tagAvoid) {
	label := fmt.Sprintf("v%d", b.Version)
	switch {
	case b.State == sim.BallIncoming:
		r.Disc(x, y, ballR, ColYellow)
		r.Ring(x, y, ballR+6, 3, ColYellow)
		r.Text(label, x, y, styleKeyCap)
		ballTag(r, "NEW", b, x, y, ColYellow, avoid)
	case b.Live:
		c := ColSky
		if b.Cracked {
			c = ColVermilion
		}
		r.Disc(x, y, ballR, c)
		if b.Cracked {
			for _, l := range crackLines {
				r.Line(x+l[0], y+l[1], x+l[2], y+l[3], 3, ColBlack)
			}
			ballTag(r, "DEFECT", b, x, y, ColVermilion, avoid)
		} else {
			ballTag(r, "LIVE", b, x, y, ColSky, avoid)
		}
		r.Text(label, x, y, styleKeyCap) // between the cracks: the prompts name versions
	case b.State == sim.BallStand:
		r.Ring(x, y, ballR-2, 5, ColPurple)
		r.Text(label, x, y, styleTag.In(ColPurple))
		r.Text("deployed,", x, y-ballR-40, styleTag.In(ColPurple))
		r.Text("not live", x, y-ballR-18, styleTag.In(ColPurple))
	default:
		c := ColGreen
		if b.State == sim.BallRecovering {
			c = ColYellow
		}
		r.Ring(x, y, ballR-2, 5, c)
		r.Text(label, x, y, styleTag.In(c))
	}
}

// crackLines are a cracked ball's cracks, as segments from its centre (x0, y0, x1, y1):
// a zig-zag across its top and one across its bottom, clear of the version in its middle
// (a crack through it made it unreadable).
var crackLines = [...][4]float32{
	{-14, -15, -7, -20}, {-7, -20, 0, -14}, {0, -14, 7, -20}, {7, -20, 14, -15},
	{-12, 16, -4, 21}, {-4, 21, 4, 14}, {4, 14, 11, 18},
}

// drawMark marks the ball a prompt names: a second ring round it, in the prompt's
// yellow, and what to do with it over it (RETIRE) where no tag is already (a standby's
// ring has none; the live ball's tag says LIVE or DEFECT).
func drawMark(r *Renderer, b *sim.BallView, x, y float32, tag string, avoid *tagAvoid) {
	r.Ring(x, y, ballR+9, 3, ColYellow)
	if !b.Live && b.State != sim.BallIncoming && tag != "" {
		ballTag(r, tag, b, x, y, ColYellow, avoid)
	}
}

// drawLegend explains the shapes, in the production panel's corner.
func (s *roundScene) drawLegend(r *Renderer) {
	x, y := float32(prodX+30), float32(legendY)
	r.Disc(x, y, 10, ColSky)
	r.Text("live", x+18, y, styleSmall.At(LeftMid))
	r.Ring(x, y+28, 9, 4, ColGreen)
	r.Text("standby", x+18, y+28, styleSmall.At(LeftMid))
	r.Disc(x, y+56, 10, ColYellow)
	r.Text("new release", x+18, y+56, styleSmall.At(LeftMid))
	r.Ellipse(x, y+84, 13, 6, ColVermilion)
	r.Text("dropped", x+18, y+84, styleSmall.At(LeftMid))
}

// The monitoring column's panels, top to bottom from monY, monGap apart: the customer
// KPI (top-down), the infrastructure alerts (bottom-up), or the NO MONITORING box.
const (
	kpiPanelH, infraPanelH, noMonPanelH = 150, 128, 84
	monGap                              = 8
)

// monitorsEnd is the bottom of the monitoring column's last panel.
func monitorsEnd(m sim.Monitoring) float32 {
	y := float32(monY)
	if m.TopDown() {
		y += kpiPanelH + monGap
	}
	if m.BottomUp() {
		y += infraPanelH + monGap
	}
	if m == sim.MonitorNone {
		y += noMonPanelH + monGap
	}
	return y - monGap
}

// complaintTail is how far the complaint bubble's tail reaches up: to the panel above.
const complaintTail = 16

// complaintRect is the customer's complaint bubble (its tail above it): in the monitoring
// column under the panels, where no ball ever flies. The arcs end at the right hand
// (handRX); a ball caught late flies on, down and to the right, past the column's left
// edge, so the bubble keeps 26 px inside it, and above the right hand's label. With no
// monitoring its tail points at the box that says customers will tell.
func complaintRect(m sim.Monitoring) (x, y, w, h float32) {
	return monX + 26, monitorsEnd(m) + complaintTail, monW - 26, 88
}

// drawMonitoring draws the panels the monitoring mode allows, top to bottom (see
// monitorsEnd), and the incident.
func (s *roundScene) drawMonitoring(g *Game, r *Renderer, v *sim.View) {
	flash := s.fx.Alerting()
	y := float32(monY)
	if v.Monitoring.TopDown() {
		s.drawKPIPanel(r, v, y, flash)
		y += kpiPanelH + monGap
	}
	if v.Monitoring.BottomUp() {
		drawInfraPanel(r, v, y, flash)
		y += infraPanelH + monGap
	}
	if v.Monitoring == sim.MonitorNone {
		drawNoMonitoring(r, y)
	}
	if v.Gate && v.CRActive {
		s.drawRequest(r, v)
	}
	s.drawIncident(r, v, flash)
}

// requestRect is the change request's box in ops' half: in the monitoring column, under
// the complaint bubble's place (the presets with a gate have no monitoring panels but
// the NO MONITORING box), above the right hand's key cap and the blue/green stand's
// tags (requestBottom), where no ball flies (a ball caught late at the right hand falls
// past it lower down). With more panels than the presets have, it rises over the
// bubble's place.
func requestRect(m sim.Monitoring) (x, y, w, h float32) {
	const h0 = 110
	_, by, _, bh := complaintRect(m)
	return monX, min(by+bh+4, requestBottom-h0), monW, h0
}

// capAnswerX is where ops' caption about the change request it answered is centred
// (capAnswerAt): under the box's left half, clear of the blue/green stand's tags under
// its right half.
const capAnswerX = monX + 64

// crFeature is the feature of the change request open: the tray's front (0 for none).
func crFeature(v *sim.View) sim.FeatureID {
	if v.TrayN == 0 {
		return 0
	}
	return v.Tray[0].ID
}

// capAnswerAt is the anchor of ops' caption about the change request it answered
// ("approved F1"): under the box (requestRect), its plate (styleCaptionSmall) a few
// pixels below the box's foot.
func capAnswerAt(m sim.Monitoring) (x, y float32) {
	_, by, _, bh := requestRect(m)
	return capAnswerX, by + bh + 4 + plateH(styleCaptionSmall)/2
}

// requestBottom is as low as the change request's box reaches: above the blue/green
// stand's "deployed, not live" tags over the ball on the stand (drawBall), and so above
// the right hand's key cap.
const requestBottom = standY - 2*ballR - 2 - 40 - SizeSmall/2 - 2

// The change request's box (requestRect), as offsets from its top left: the heading
// on the first row; under it, on the left, who asks and the time bar, and on the right
// the countdown (a key number, SizeKey) as tall as both; the buttons (layoutButtons) at
// the foot. The heading's ink and the countdown's are 8 px apart or more, as are the
// rows' and the buttons' (TestChangeRequestRoomy).
const (
	reqPad           = 10 // the texts' and the bar's margin, left and right
	reqHeadY         = 5  // the heading's top
	reqWhoY          = 30 // who asks: its top
	reqBarY, reqBarH = 56, 8
	reqCountY        = 49 // the countdown's middle
	reqBtnH          = 30 // the buttons' height; they end reqBtnFoot above the box's foot
	reqBtnFoot       = 6
)

// requestButtonsY is the top of the change request's buttons, in a box of height h.
func requestButtonsY(y, h float32) float32 { return y + h - reqBtnFoot - reqBtnH }

// crSeconds is a change request's countdown as shown: the seconds left, to a tenth.
func crSeconds(ticks sim.Tick) string {
	return fmt.Sprintf("%.1f s", float64(max(ticks, 0))/sim.TicksPerSecond)
}

// requestBar is where the change request's time bar goes: under who asks, up to the
// widest its countdown gets (its full time), so that it keeps its length as the
// countdown narrows.
func requestBar(r *Renderer, x, y, w float32, total sim.Tick) area {
	cw := r.Measure(crSeconds(total), styleKeyNumber)
	return area{x + reqPad, y + reqBarY, w - 2*reqPad - cw - 16, reqBarH}
}

// requestFlashTicks is how long a new change request's box lights up: 0.4 s.
const requestFlashTicks = 2 * sim.TicksPerSecond / 5

// drawRequest draws the change request ops must answer, in ops' half: whose it is, its
// countdown, and the buttons (laid out by layoutButtons) that approve or reject it.
func (s *roundScene) drawRequest(r *Renderer, v *sim.View) {
	x, y, w, h := requestRect(v.Monitoring)
	r.Panel(x, y, w, h, ColBG, ColYellow)
	if age := v.Tick - v.CRSince; age < requestFlashTicks {
		// A new request lights up: dev's next one can follow the last within a tick, and
		// would otherwise look like the one just answered.
		a := 0.3 * float64(requestFlashTicks-age) / requestFlashTicks
		r.Rect(x+2, y+2, w-4, h-4, fade(ColYellow, a))
	}
	r.Text("CHANGE REQUEST", x+reqPad, y+reqHeadY, styleLabel.In(ColYellow))
	id := crFeature(v)
	total := max(v.CRDeadline-v.CRSince, 1)
	b := requestBar(r, x, y, w, total)
	r.Text(fitText(r, fmt.Sprintf("F%d from dev", id), styleSmall, b.w), x+reqPad, y+reqWhoY, styleSmall)
	r.Text(crSeconds(v.CRDeadline-v.Tick), x+w-reqPad, y+reqCountY, styleKeyNumber.In(ColYellow).At(RightMid))
	bar(r, b.x, b.y, b.w, b.h, float32(v.CRDeadline-v.Tick)/float32(total), ColYellow)
}

// drawKPIPanel draws top-down monitoring at y: the customer KPI now, and its chart over
// the last 10 days, 50 % to 100 %, with the alert threshold; red, flashing, in an alert.
func (s *roundScene) drawKPIPanel(r *Renderer, v *sim.View, y float32, flash bool) {
	h := float32(kpiPanelH)
	edge := ColPanelEdge
	if v.KPIAlert {
		edge = ColVermilion
		if flash {
			r.Rect(monX, y, monW, h, fade(ColVermilion, 0.35))
		}
	}
	r.Panel(monX, y, monW, h, fade(ColBG, 0.9), edge)
	r.Text("CUSTOMER KPI", monX+10, y+6, styleLabel)
	kpi := float32(v.KPIPermille) / 10
	r.Text(fmt.Sprintf("%.1f %%", kpi), monX+monW-10, y+6, styleLabel.At(Right))
	cx, cy, cw, ch := float32(monX+10), y+34, float32(monW-20), h-44
	r.Rect(cx, cy, cw, ch, ColBG)
	thr := float32(s.round.Config.KPIThresholdPermille)
	ty := cy + ch*(1000-thr)/500
	r.Line(cx, ty, cx+cw, ty, 2, ColYellow)
	s.kpiBuf = s.round.KPI(s.kpiBuf)
	s.xs, s.ys = s.xs[:0], s.ys[:0]
	const step = 4
	for i := 0; i < len(s.kpiBuf); i += step {
		k := float32(max(s.kpiBuf[i], 500))
		s.xs = append(s.xs, cx+cw*float32(i)/float32(len(s.kpiBuf)-1))
		s.ys = append(s.ys, cy+ch*(1000-k)/500)
	}
	r.Polyline(s.xs, s.ys, 3, ColSky)
	if v.KPIAlert {
		// On a plate: the chart's line runs under it.
		r.Rect(cx+cw/2-56, cy+ch-26, 112, 24, ColBG)
		r.Text("KPI ALERT", cx+cw/2, cy+ch-14, styleTag.In(ColVermilion))
	}
}

// infraLabels name bottom-up monitoring's alerts (sim.View.Infra).
var infraLabels = [len(sim.View{}.Infra)]string{
	sim.InfraFloor:      "ball on floor",
	sim.InfraOverTarget: "over target",
	sim.InfraOverload:   "hand overload",
}

// drawInfraPanel draws bottom-up monitoring at y: a lamp per infrastructure alert, a
// filled warning triangle when on; the panel flashes while any is on.
func drawInfraPanel(r *Renderer, v *sim.View, y float32, flash bool) {
	h := float32(infraPanelH)
	on := false
	for _, a := range v.Infra {
		on = on || a
	}
	if on && flash {
		r.Rect(monX, y, monW, h, fade(ColVermilion, 0.35))
	}
	r.Panel(monX, y, monW, h, fade(ColBG, 0.9), ColPanelEdge)
	r.Text("INFRA ALERTS", monX+10, y+6, styleLabel)
	for k, label := range infraLabels {
		ly := y + 44 + float32(k)*28
		lx := float32(monX + 22)
		if v.Infra[k] {
			r.Polygon([]float32{lx, lx - 11, lx + 11}, []float32{ly - 11, ly + 9, ly + 9}, ColVermilion)
			r.Text(label, lx+20, ly, styleLabel.In(ColVermilion).At(LeftMid))
		} else {
			r.Ring(lx, ly, 8, 3, ColGreen)
			r.Text(label, lx+20, ly, styleNote.At(LeftMid))
		}
	}
}

// drawNoMonitoring draws the box that says, at y, that nobody watches production.
func drawNoMonitoring(r *Renderer, y float32) {
	r.Panel(monX, y, monW, noMonPanelH, fade(ColBG, 0.9), ColPanelEdge)
	r.Text("NO MONITORING", monX+10, y+6, styleLabel)
	r.Text("Customers will tell you", monX+10, y+32, styleNote)
	r.Text("when it is broken.", monX+10, y+54, styleNote)
}

// drawIncident draws the incident panel: the open incident once detected, and whatever
// ACK would acknowledge. ACK is offered while any detected incident is unacknowledged
// (View.Unacked), the open one or earlier ones already over, so the panel shows then too.
func (s *roundScene) drawIncident(r *Renderer, v *sim.View, flash bool) {
	inc := v.Incident
	if inc.ID == 0 && v.Unacked == 0 {
		return
	}
	earlier := v.Unacked // unacknowledged incidents other than the open one
	if inc.ID != 0 && !inc.Acked {
		earlier--
	}
	edge, fill := ColYellow, fade(ColBG, 0.9)
	if v.Unacked > 0 {
		edge = ColVermilion
		if flash && inc.ID != 0 && !inc.Acked {
			fill = fade(ColVermilion, 0.4)
		}
	}
	r.Panel(incX, incY, incW, incH, fill, edge)
	if inc.ID == 0 {
		// Over before ops acknowledged it: ACK still owes it.
		r.Text(strings.ToUpper(report.Count(v.Unacked, "incident"))+" NOT ACKNOWLEDGED", incX+12, incY+6, styleStrong.In(edge))
		r.Text("over before ops acknowledged: ACK to close", incX+12, incY+36, styleSmall)
		return
	}
	state := "UNACKNOWLEDGED"
	if inc.Acked {
		state = "acknowledged"
	}
	r.Text(fmt.Sprintf("INCIDENT #%d · %s", inc.ID, state), incX+12, incY+6, styleStrong.In(edge))
	w := float32(incW - 24)
	if earlier > 0 {
		// Under the ACK button: the earlier incidents ACK takes first (the oldest goes first).
		note := fmt.Sprintf("+%d earlier", earlier)
		r.Text(note, incX+incW-12, incY+36, styleLabel.In(ColYellow).At(Right))
		w -= r.Measure(note, styleLabel) + 16
	}
	line := fitText(r, fmt.Sprintf("%s · cause: %s", inc.DetectedBy, incidentCause(v)), styleSmall, w)
	r.Text(line, incX+12, incY+36, styleSmall)
}
