package game

import (
	"fmt"
	"image/color"
	"strings"

	"devopsjuggle/sim"
	"devopsjuggle/sim/report"
)

// The round screen's layout, in logical pixels.
const (
	topH = 80

	devX, devY, devW, devH = 12, 88, 420, 552
	buildY                 = 130
	reworkY                = 186
	trayY                  = 236
	cardH                  = 52
	testY                  = 434
	crY                    = 476
	releaseY               = 592

	prodX, prodY, prodW, prodH = 444, 88, 824, 552
	jugglerX                   = 830
	headY                      = 300
	handY                      = 440
	handLX, handRX             = 700, 960
	arcPeak                    = 200 // how high a throw rises above the hands
	releaseArc                 = 130 // how high a release rises: under the incident panel
	floorY                     = 578
	releaseFromX, releaseFromY = prodX + 10, 330
	standX, standY             = 1196, 500 // the stand's top
	ballR                      = 24
	opsBtnY                    = 592

	monX, monY, monW       = 1018, 96, 242
	incX, incY, incW, incH = prodX + 12, 150, 540, 62

	hintY = 646

	// Caption anchors (Effects.Say), each where a caption covers no heading: dev's header
	// row between its name and its player; the test meter's line, after its text; the strip
	// between the change request and the release button; above a hand; production's
	// upper left; on the floor left of the juggler's left leg (across the legs, "both
	// balls back in hand: again" read as part of the juggler).
	capDevX, capDevY   = devX + 205, devY + 21
	capTestX, capTestY = devX + 352, testY + 11
	capCRX, capCRY     = devX + devW/2, crY + 100
	capHandY           = handY - 70
	capLiveX, capLiveY = prodX + 150, 290
	capOpsX, capOpsY   = 630, 556
	capRise            = 30 // how far a caption over production floats up
	capOpsRise         = 20 // and one on its floor: under the left hand's label
	// capHandRise is how far a caption over a hand floats up: from over the hand's
	// catch ring to under the juggler's head, never onto either (jugglerBody).
	capHandRise = 20

	pauseBtnX, pauseBtnY, pauseBtnW, pauseBtnH = 1232, 4, 40, 40
)

// capHandX is where a caption about a hand is centred: over the hand, the right one's a
// little inward, so that a wide caption ("something fell") stays clear of the change
// request's box in the monitoring column.
func capHandX(h sim.Hand) float32 {
	if h == sim.Right {
		return handRX - 40
	}
	return handLX
}

func handX(h sim.Hand) float32 {
	if h == sim.Right {
		return handRX
	}
	return handLX
}

// timeNow is the model time a frame shows: the tick just played plus the sub-tick
// fraction since, so that balls glide between updates instead of jumping.
func (s *roundScene) timeNow(g *Game) float64 {
	a := g.Alpha()
	if s.paused {
		a = 0
	}
	if s.pb != nil {
		return s.pb.timeNow(s.round.View.Tick, a)
	}
	return float64(s.round.View.Tick-1) + a
}

// ballPositions puts each ball of v where it is drawn at model time t (ballAt), those on
// the floor spread under their hand in the order of v.Balls.
func ballPositions(v *sim.View, t float64, at *[sim.MaxBallsLimit]Point) {
	var floorN, floorIdx [2]int
	for i := 0; i < v.BallsN; i++ {
		if b := &v.Balls[i]; b.State == sim.BallFloor {
			floorN[b.Hand]++
		}
	}
	for i := 0; i < v.BallsN; i++ {
		b := &v.Balls[i]
		idx, n := 0, 0
		if b.State == sim.BallFloor {
			idx, n = floorIdx[b.Hand], floorN[b.Hand]
			floorIdx[b.Hand]++
		}
		at[i].X, at[i].Y = ballAt(b, t, idx, n)
	}
}

// ballAt returns where a ball is drawn at model time t (ticks, fractional); a ball on the
// floor is the floorIdx-th of the floorN under its hand.
func ballAt(b *sim.BallView, t float64, floorIdx, floorN int) (x, y float32) {
	span := float64(max(b.Arrival-b.From, 1))
	u := (t - float64(b.From)) / span
	switch b.State {
	case sim.BallAir:
		// A parabola from the other hand, continued past the catch when it is late; held
		// in the other hand until it is thrown (the grace before the first throws).
		u = max(u, 0)
		x0, x1 := float64(handX(b.Hand.Other())), float64(handX(b.Hand))
		if u > 1 {
			// Late: it falls straight past the hand, as fast as it came down, clear of the
			// hand's label beside it.
			return float32(x1), float32(handY + arcPeak*4*(u-1))
		}
		return float32(x0 + (x1-x0)*u), float32(handY - arcPeak*4*u*(1-u))
	case sim.BallIncoming:
		// A lower arc than a throw's, under the incident panel; late, the ball falls straight
		// past the hand, clear of the monitoring column and of the hand's label.
		x0, y0, x1 := float64(releaseFromX), float64(releaseFromY), float64(handX(b.Hand))
		ux := min(u, 1)
		return float32(x0 + (x1-x0)*ux), float32(y0 + (handY-y0)*u - releaseArc*4*u*(1-u))
	case sim.BallRecovering:
		u = min(max(u, 0), 1)
		return handX(b.Hand), float32(floorY - 12 + (handY-floorY+12)*u)
	case sim.BallStand:
		return standX, standY - ballR - 2
	}
	return handX(b.Hand) + floorOffset(b.Hand, floorIdx, floorN), floorY - 8
}

// floorOffset is how far from its hand the floorIdx-th of floorN balls on the floor under
// it lies: 58 px apart, closer when more would reach past production's edge (or, on the
// right, the stand), so that a pile of dropped balls never spills over dev's panel.
func floorOffset(h sim.Hand, floorIdx, floorN int) float32 {
	const first, apart = 34, 58
	room := float32(handLX - (prodX + 8 + ballR + 6) - first) // 184: four balls 58 apart
	dir := float32(-1)
	if h == sim.Right {
		room, dir = 4*apart, 1 // short of the stand
	}
	step := float32(apart)
	if floorN > 1 {
		step = min(step, room/float32(floorN-1))
	}
	return dir * (first + step*float32(floorIdx))
}

func (s *roundScene) Draw(g *Game, r *Renderer) { s.draw(g, r, nil) }

// draw draws the round; under a month's statement, ended is that month (the world is
// already in the next one), shown on the calendar.
func (s *roundScene) draw(g *Game, r *Renderer, ended *sim.MonthStatement) {
	v := &s.round.View
	t := s.timeNow(g)
	dx, dy := s.fx.offset()
	r.Shake(dx, dy)

	// Shapes first, texts after (see Renderer).
	s.drawTopBar(g, r, v, ended)
	s.drawDev(g, r, v)
	s.drawProduction(g, r, v, t)
	s.drawMonitoring(g, r, v)
	s.drawButtons(g, r)
	s.drawHints(g, r)
	s.fx.drawShapes(r)
	r.Flush() // the captions' plates cover the round's texts
	s.fx.drawTexts(r)
	r.Shake(0, 0)
	r.Flush()
	s.drawPopups(g, r, v)
	if s.countdown > 0 {
		s.drawCountdown(g, r)
	}
	if s.paused {
		r.Flush()
		s.drawPause(g, r)
	}
}

// drawCountdown is the "get ready" before the first tick, when people play.
func (s *roundScene) drawCountdown(g *Game, r *Renderer) {
	r.Rect(prodX+150, 230, 520, 150, fade(ColBlack, 0.85))
	r.Frame(prodX+150, 230, 520, 150, 3, ColYellow)
	n := (s.countdown + sim.TicksPerSecond - 1) / sim.TicksPerSecond
	r.Text(fmt.Sprintf("GET READY: %d", n), prodX+410, 270, styleHuge.In(ColYellow).At(CenterMid))
	msg := "Ops: press as each ring closes on its hand"
	if !s.round.Human(sim.Ops) {
		msg = "Dev: build, test and release features"
	}
	r.Text(msg, prodX+410, 340, styleStrong.At(CenterMid))
	r.Flush()
}

// percent formats a per-mille-ticks mean as "99.41 %".
func percent(f float64) string { return fmt.Sprintf("%.2f %%", 100*f) }

// The top bar's places: each role's pay at an edge (ops' left of the pause button), the
// preset, the calendar in the middle, the uptime. TestTopBarTextsApart checks that its
// texts stay topGap apart at every window size, with a round's widest figures.
const (
	topPresetX = 300
	topUptimeX = 870
	topOpsR    = ScreenW - 56
	topGap     = 8
)

func (s *roundScene) drawTopBar(g *Game, r *Renderer, v *sim.View, ended *sim.MonthStatement) {
	drawTopFrame(r)
	cfg := &s.round.Config

	// Pay: closed months, plus what this month adds so far where the player can know it,
	// after the label (measured: text is wider, relatively, in some window sizes). Under
	// a month's statement, the statement says what the month added.
	r.Text("DEV PAY", 20, 6, styleLabel.In(ColOrange))
	r.Text(report.Dollars(v.DevPay), 20, 26, styleKeyNumber)
	r.Text("OPS PAY", topOpsR, 6, styleLabel.In(ColSky).At(Right))
	r.Text(report.Dollars(v.OpsPay), topOpsR, 26, styleKeyNumber.At(Right))
	if ended == nil {
		r.Text(paySoFar(cfg.DevPay, v), 20+r.Measure("DEV PAY", styleLabel)+12, 6, styleNote)
		r.Text(paySoFar(cfg.OpsPay, v), topOpsR-r.Measure("OPS PAY", styleLabel)-12, 6, styleNote.At(Right))
	}

	// The calendar: 30 s a month, 1 s a day; the month that ended, all of it, under its
	// statement.
	month, day := v.Month, int(v.MonthTick/sim.TicksPerDay)+1
	frac := float32(v.MonthTick) / float32(cfg.MonthTicks)
	if ended != nil {
		month, day, frac = ended.Month, int(cfg.MonthTicks/sim.TicksPerDay), 1
	}
	r.Text(fmt.Sprintf("MONTH %d/%d · DAY %d", month+1, cfg.Months, day), ScreenW/2, 6, styleKeyNumber.At(Center))
	r.Rect(ScreenW/2-170, 54, 340, 10, ColPanelEdge)
	r.Rect(ScreenW/2-170, 54, 340*frac, 10, ColText)

	// The preset (its practices are listed over production).
	if s.round.Playback() {
		// A replay says so in place of the preset's label, on a plate, at 18 px as every
		// label (the preset's name under it says which).
		r.Rect(topPresetX-6, 3, r.Measure("REPLAY", styleLabel)+12, 24, ColPurple)
		r.Text("REPLAY", topPresetX, 6, styleLabel.In(ColBlack))
	} else {
		r.Text("PRESET", topPresetX, 6, styleLabel.In(ColDim))
	}
	// A scenario's or a replay's longer name ("silo+difficulty=normal") steps down a size,
	// then loses its middle, rather than run under the month's title.
	name, w, st := s.round.Config.Name, float32(ScreenW/2-170-16-topPresetX), styleHeading
	for _, smaller := range []TextStyle{styleStrong, styleLabel} {
		if r.Measure(name, st) <= w {
			break
		}
		st = smaller
	}
	r.Text(fitText(r, name, st, w), topPresetX, 30+(styleHeading.Size-st.Size)/2, st)

	// Uptime: the round's so far, as far as monitoring shows it (sim decides).
	r.Text("UPTIME", topUptimeX, 6, styleLabel.In(ColGreen))
	switch up, ok := uptimeSoFar(v); {
	case !ok:
		r.Text("?", topUptimeX, 26, styleKeyNumber.In(ColDim))
		r.Text("known at month end", topUptimeX+r.Measure("?", styleKeyNumber)+12, 42, styleNote)
	case v.Tick == 0:
		r.Text("-", topUptimeX, 26, styleKeyNumber.In(ColDim)) // nothing ran yet (get ready)
	default:
		r.Text(percent(up), topUptimeX, 26, styleKeyNumber)
	}

	drawPauseButton(r)
}

// uptimeSoFar is the round's uptime so far, and whether the View shows it: only when
// monitoring does (sim.View.UptimeKnown). Before the first tick it is no figure (0 of
// 0 ticks): the top bar shows "-".
func uptimeSoFar(v *sim.View) (float64, bool) {
	if !v.UptimeKnown {
		return 0, false
	}
	return float64(v.AvailSum) / float64(1000*max(int64(v.Tick), 1)), true
}

// paySoFar says what the month adds so far by the scheme (sim's rule, on what the View
// shows): "+$300 this month" when the uptime is known; otherwise only the part for
// features, with "+?" for an uptime bonus the player cannot see yet.
func paySoFar(p sim.PayScheme, v *sim.View) string {
	ticks := max(v.MonthTick, 1)
	if v.UptimeKnown || len(p.Tiers) == 0 {
		return "+" + report.Dollars(p.Pay(v.MonthShipped, v.MonthAvailSum, ticks)) + " this month"
	}
	if p.PerFeature == 0 {
		return "+? this month"
	}
	features := sim.PayScheme{PerFeature: p.PerFeature} // the scheme without its uptime tiers
	return "+" + report.Dollars(features.Pay(v.MonthShipped, 0, ticks)) + " +? this month"
}

// practices lists a config's practices in the lecture's words.
func practices(c *sim.Config) string {
	s := "no gate"
	if c.Gate {
		s = "change requests"
	}
	if c.Release == sim.BlueGreen {
		s += " · blue/green"
	} else {
		s += " · in-place"
	}
	switch c.Monitoring {
	case sim.MonitorNone:
		s += " · no monitoring"
	case sim.MonitorTopDown:
		s += " · top-down"
	case sim.MonitorBottomUp:
		s += " · bottom-up"
	case sim.MonitorBoth:
		s += " · both monitors"
	}
	if c.ErrorBudget {
		s += " · error budget"
	}
	return s
}

// bar draws a progress bar with a frame.
func bar(r *Renderer, x, y, w, h, frac float32, fill color.RGBA) {
	r.Rect(x, y, w, h, ColBG)
	r.Rect(x, y, w*min(max(frac, 0), 1), h, fill)
	r.Frame(x, y, w, h, 2, ColPanelEdge)
}

func (s *roundScene) playerLabel(role sim.Role) string {
	p := s.round.Setup.Players[role]
	if s.round.Playback() {
		return p.String() // the top bar and the hint line say it is a replay
	}
	if !p.Bot {
		return "human"
	}
	if role == sim.Dev {
		return "bot: " + s.round.Config.DevBot.Name
	}
	return "bot: " + s.round.Config.OpsBot.Name
}

func (s *roundScene) drawButtons(g *Game, r *Renderer) {
	// A row of buttons (those at one height) reads "LABEL [K]" when that fits every
	// button of the row; else the short forms where a button has one ("YES [Y]" and
	// "NO [N]" for APPROVE and REJECT in the change request's narrow box, where "APPROVE
	// [Y]" is 117 px in 112) when each button's fits; else the labels alone (the key
	// hints under the round name every key, and ops' strip puts the ones that answer a
	// prompt on caps). Labels keep their size, so that the row reads alike and the
	// change request's answers as large as every other button: the keys are what a
	// first-timer needs on them, and a key cap smaller than the label was too small.
	//
	// The buttons are laid out again for the state drawn: Update laid them out before
	// the tick it played (a tap hits what was drawn), and a tick can end the change
	// request, or the guided round, whose end card holds updates still.
	s.layoutButtons()
	// Each button's two forms with the key are formatted and measured once; a row is
	// then a scan.
	var full, short [len(s.buttons)]string
	var fullFits, shortFits [len(s.buttons)]bool
	for i := 0; i < s.buttonsN; i++ {
		b := &s.buttons[i]
		full[i] = buttonText(g, b)
		fullFits[i] = labelFits(r, full[i], b)
		short[i], shortFits[i] = full[i], fullFits[i]
		if buttonShort[b.ctl] != "" {
			short[i] = buttonShortText(g, b)
			shortFits[i] = labelFits(r, short[i], b)
		}
	}
	rowFits := func(b *button, fits *[len(s.buttons)]bool) bool {
		for i := 0; i < s.buttonsN; i++ {
			if s.buttons[i].y == b.y && !fits[i] {
				return false
			}
		}
		return true
	}
	var texts [len(s.buttons)]string
	for i := 0; i < s.buttonsN; i++ {
		switch b := &s.buttons[i]; {
		case rowFits(b, &fullFits):
			texts[i] = full[i]
		case rowFits(b, &shortFits):
			texts[i] = short[i]
		default:
			texts[i] = b.label
		}
	}
	for i := 0; i < s.buttonsN; i++ {
		b := &s.buttons[i]
		edge, fill, tc := ColPanelEdge, ColBG, ColDim
		if b.enabled {
			edge, tc = ColText, ColText
			switch b.ctl.Role() {
			case sim.Dev:
				edge = ColOrange
			default:
				edge = ColSky
			}
		}
		if b.ctl == CtlRelease && b.enabled {
			fill, tc = ColOrange, ColBlack
		}
		r.Panel(b.x, b.y, b.w, b.h, fill, edge)
		r.Text(texts[i], b.x+b.w/2, b.y+b.h/2, buttonStyle(b).In(tc))
	}
}

// buttonStyle is the style of a button's label.
func buttonStyle(b *button) TextStyle {
	if b.ctl == CtlRelease {
		return styleButton // the one button dev needs all round
	}
	return styleTag
}

// buttonText is a button's label with its key: "LABEL [K]".
func buttonText(g *Game, b *button) string {
	return fmt.Sprintf("%s [%s]", b.label, KeyName(g.Bindings[b.ctl]))
}

// buttonShortText is a button's short form with its key, "SHORT [K]"; the label's
// where it has no short form.
func buttonShortText(g *Game, b *button) string {
	if buttonShort[b.ctl] == "" {
		return buttonText(g, b)
	}
	return fmt.Sprintf("%s [%s]", buttonShort[b.ctl], KeyName(g.Bindings[b.ctl]))
}

// labelFits reports whether a label fits in a button, 6 pixels clear of each edge.
func labelFits(r *Renderer, label string, b *button) bool {
	return r.Measure(label, buttonStyle(b)) <= b.w-12
}

// stripLine is what a role's strip says in place of its key hints: a prompt (what to
// do now, and the keys that do it) or why a key did nothing.
type stripLine struct {
	text string
	keys [3]Control // the keys that answer a prompt, CtlNone past the last
	// refusal marks why a key did nothing (a cross, vermilion) rather than a prompt.
	refusal bool
}

// stripRect is a role's strip, under its panel: dev's under dev's, ops' under production.
func stripRect(role sim.Role) (x, y, w, h float32) {
	if role == sim.Dev {
		return devX, hintY - 2, devW, statusY - hintY + 1
	}
	return prodX, hintY - 2, prodW, statusY - hintY + 1
}

// drawStripsGround fills the strips' band at the screen's foot, which the strips, the
// replay's bar and the status line are drawn on.
func drawStripsGround(r *Renderer) {
	r.Rect(0, hintY-4, ScreenW, ScreenH-hintY+4, ColPanel)
}

// drawHints draws each role's strip, above the status line: the prompt or the refusal
// the role is shown now, else the keys of that role not used yet (those the round has
// a use for).
func (s *roundScene) drawHints(g *Game, r *Renderer) {
	drawStripsGround(r)
	for role := sim.Dev; role <= sim.Ops; role++ {
		if !s.round.Human(role) {
			continue
		}
		if l := s.stripShown(role); l != nil {
			if !l.refusal && s.prompt2[role].text != "" {
				s.drawStripLines(g, r, role, l, &s.prompt2[role])
				continue
			}
			s.drawStripLine(g, r, role, l)
			continue
		}
		s.drawKeyHints(g, r, role)
	}
	switch {
	case s.round.Playback():
		s.pb.draw(g, r, s)
	case !s.round.Human(sim.Dev) && !s.round.Human(sim.Ops):
		r.Text("ATTRACT MODE: bots play both roles · Esc for the menu", 16, hintY+14, stylePrompt.At(LeftMid))
	}
}

// stripShown is the line a role's strip shows now, nil for its key hints: why a key
// just did nothing, for a while, else the prompt.
func (s *roundScene) stripShown(role sim.Role) *stripLine {
	if s.refusalLeft[role] > 0 {
		return &s.refusal[role]
	}
	if s.prompt[role].text != "" {
		return &s.prompt[role]
	}
	return nil
}

// drawStripLine draws a prompt or a refusal in the role's strip: a framed line, a mark
// before it (an arrow for a prompt, a cross for a refusal: shape, not colour alone), the
// words, and the keys that answer a prompt. Words too long for one line take two, in
// the smaller size.
func (s *roundScene) drawStripLine(g *Game, r *Renderer, role sim.Role, l *stripLine) {
	x, y, w, h := stripRect(role)
	col := ColYellow
	if l.refusal {
		col = ColVermilion
	}
	r.Rect(x, y, w, h, ColBG)
	r.Frame(x, y, w, h, 3, col)
	mid := y + h/2
	mx := x + 18
	if l.refusal {
		r.Line(mx-7, mid-7, mx+7, mid+7, 4, col)
		r.Line(mx-7, mid+7, mx+7, mid-7, 4, col)
	} else {
		r.Polygon([]float32{mx - 6, mx - 6, mx + 8}, []float32{mid - 9, mid + 9, mid}, col)
	}
	kx := s.drawStripKeys(g, r, role, l, x+w-10, mid, 26)
	tx, tw := x+34, kx-x-40
	st := styleStrong.In(col)
	if l.refusal {
		st = styleStrong
	}
	if r.Measure(l.text, st) <= tw {
		r.Text(l.text, tx, mid, st.At(LeftMid))
		return
	}
	st = styleLabel.In(st.Color)
	lines := r.Wrap(l.text, st, tw)
	if len(lines) > 2 { // Wrap's lines are shared: set the two shown in a new slice
		lines = []string{lines[0], fitText(r, strings.Join(lines[1:], " "), st, tw)}
	}
	// Two lines 18 px apart: the second's descenders stay inside the strip's frame.
	for i, line := range lines {
		r.Text(line, tx, mid+18*float32(i)-9*float32(len(lines)-1), st.At(LeftMid))
	}
}

// drawStripLines draws two prompts in the role's strip, a row each in the smaller size:
// the most urgent first, with its arrow, the next under it, each with its keys.
func (s *roundScene) drawStripLines(g *Game, r *Renderer, role sim.Role, first, second *stripLine) {
	x, y, w, h := stripRect(role)
	r.Rect(x, y, w, h, ColBG)
	r.Frame(x, y, w, h, 3, ColYellow)
	for i, l := range [2]*stripLine{first, second} {
		mid := y + h/4 + float32(i)*h/2 + 1
		col := ColYellow
		if i == 1 {
			col = ColText
		}
		mx := x + 18
		r.Polygon([]float32{mx - 5, mx - 5, mx + 7}, []float32{mid - 7, mid + 7, mid}, col)
		kx := s.drawStripKeys(g, r, role, l, x+w-10, mid, 20)
		r.Text(fitText(r, l.text, styleLabel, kx-x-40), x+34, mid, styleLabel.In(col).At(LeftMid))
	}
}

// drawStripKeys draws a line's key caps, right-aligned at kx, centred on mid, capH
// tall; it returns the left edge of the first.
func (s *roundScene) drawStripKeys(g *Game, r *Renderer, role sim.Role, l *stripLine, kx, mid, capH float32) float32 {
	for i := len(l.keys) - 1; i >= 0; i-- {
		c := l.keys[i]
		if c == CtlNone {
			continue
		}
		key := KeyName(g.Bindings[c])
		kw := r.Measure(key, styleKeyCap) + 14
		kx -= kw
		r.Rect(kx, mid-capH/2, kw, capH, roleColour(role))
		r.Text(key, kx+kw/2, mid, styleKeyCap)
		kx -= 6
	}
	return kx
}

// roleColour is a role's colour: dev orange, ops sky.
func roleColour(role sim.Role) colorRGBA {
	if role == sim.Dev {
		return ColOrange
	}
	return ColSky
}

// drawKeyHints shows a role's keys until each has done something, in two rows of its
// strip (keyHintRows).
func (s *roundScene) drawKeyHints(g *Game, r *Renderer, role sim.Role) {
	const keyH, rowH = 22, 23
	sx, _, sw, _ := stripRect(role)
	var hints []keyHint
	for _, c := range helpOrder[role] {
		if s.used[c] || !s.uses[c] {
			continue
		}
		key := KeyName(g.Bindings[c])
		hints = append(hints, keyHint{c, key, r.Measure(key, styleLabel) + 12, r.Measure(c.Label(), styleSmall), 0})
	}
	rows := keyHintRows(hints, sw-4, int((statusY-hintY-keyH)/rowH)+1)
	for i, h := range hints {
		if rows[i] < 0 {
			break
		}
		x, y := sx+4+h.x, float32(hintY)+float32(rows[i])*rowH
		r.Rect(x, y, h.capW, keyH, roleColour(role))
		r.Text(h.key, x+h.capW/2, y+keyH/2, styleKeyCap)
		r.Text(h.ctl.Label(), x+h.capW+6, y+keyH/2, styleSmall.At(LeftMid))
	}
}

// keyHint is a key's hint in a strip: its cap (the key's name, capW wide), then its
// label (labelW wide); x is where keyHintRows puts it in its row.
type keyHint struct {
	ctl          Control
	key          string
	capW, labelW float32
	x            float32
}

// keyHintRows lays hints out in rows w wide, at most rowsN of them, each hint after the
// last while it fits (20 px apart); a hint that fits no row is -1. A row never starts
// with a key named by a punctuation mark (",", the discard key): a lone comma at a
// line's start reads as a stray one, so the hint before it goes down with it.
func keyHintRows(hints []keyHint, w float32, rowsN int) []int {
	rows := make([]int, len(hints))
	row, x, first := 0, float32(0), 0 // first: the row's first hint
	// Bounded: each pass places a hint or starts a row, and a hint moved down with a
	// punctuation key starts a row with at least one hint after it (first only grows).
	for i := 0; i < len(hints); i++ {
		h := &hints[i]
		if i > first && x+h.capW+h.labelW+20 > w {
			if punctuation(h.key) && i-1 > first {
				i-- // the hint before goes down with it
			}
			row, x, first = row+1, 0, i
			h = &hints[i]
		}
		if row >= rowsN {
			for j := i; j < len(hints); j++ {
				rows[j] = -1
			}
			break
		}
		rows[i], h.x = row, x
		x += h.capW + h.labelW + 20
	}
	return rows
}

// punctuation reports whether a key's name is a punctuation mark (",", ".", "/", ";").
func punctuation(key string) bool {
	return len(key) == 1 && strings.ContainsAny(key, ",.;/")
}

// Footer is the round's keys, in the status line: Esc and P pause it, or, in the pause
// menu, resume it.
func (s *roundScene) Footer(g *Game) string {
	if s.paused {
		return "Esc/P resume · F11 fullscreen · M mute"
	}
	if s.pb != nil {
		return s.pb.footer()
	}
	return "Esc/P pause · F11 fullscreen · M mute"
}

// The banner (a rollback, the error budget, a lesson passed) is a plate of two lines
// at the top of production, over its heading and above where any ball flies
// (handY-arcPeak-ballR) or the incident panel starts: over the juggler it hid his head,
// his arms and the live ball for its 2.5 s (TestNoTextUnderBallsOrTags checks it).
const (
	bannerY, bannerH = prodY + 2, incY - prodY - 2 // over the descenders of the heading's second row
	bannerTitleY     = 19                          // the title's middle, from the plate's top
	bannerSubY       = 45                          // the second line's middle
)

// bannerTitleStyle is the banner's first line.
var bannerTitleStyle = styleHeading

// bannerRect is the banner's plate: across production's heading rows, left of the
// monitoring column (a narrower plate left halves of the heading's texts peeking out);
// further left, over dev's heading, where a line is longer (the guided round's lessons
// say what the lesson did in a sentence).
func bannerRect(r *Renderer, fx *Effects) area {
	w := max(r.Measure(fx.banner, bannerTitleStyle), r.Measure(fx.bannerSub, styleStrong)) + 48
	w = min(max(w, monX-prodX-16), monX-16)
	return area{monX - 8 - w, bannerY, w, bannerH}
}

// bannerSubText is the banner's second line as it fits its plate b.
func bannerSubText(r *Renderer, fx *Effects, b area) string {
	return fitText(r, fx.bannerSub, styleStrong, b.w-24)
}

// drawPopups draws what covers the round: the banner and the customer's complaint.
func (s *roundScene) drawPopups(g *Game, r *Renderer, v *sim.View) {
	fx := s.fx
	if fx.bannerLeft > 0 {
		a := min(1, float64(fx.bannerLeft)/30)
		b := bannerRect(r, fx)
		x := b.x + b.w/2
		r.Rect(b.x, b.y, b.w, b.h, fade(ColBlack, a)) // opaque: the heading under it would ghost through
		r.Frame(b.x, b.y, b.w, b.h, 3, fade(fx.bannerCol, a))
		r.Text(fx.banner, x, b.y+bannerTitleY, bannerTitleStyle.In(fade(fx.bannerCol, a)).At(CenterMid))
		sub := bannerSubText(r, fx, b)
		r.Text(sub, x, b.y+bannerSubY, styleStrong.In(fade(ColText, a)).At(CenterMid))
	}
	if fx.complaint > 0 {
		a := min(1, float64(fx.complaint)/30)
		x, y, w, h := complaintRect(v.Monitoring)
		r.Rect(x, y, w, h, fade(ColText, a))
		r.Polygon([]float32{x + 30, x + 60, x + 40}, []float32{y, y, y - complaintTail}, fade(ColText, a))
		r.Text("A CUSTOMER SAYS:", x+12, y+6, styleLabel.In(fade(ColVermilion, a)))
		r.Text("\"Your service", x+12, y+28, styleHeading.In(fade(ColBlack, a)))
		r.Text("is broken!\"", x+12, y+56, styleHeading.In(fade(ColBlack, a)))
	}
	if d := s.round.Divergence; d != nil {
		r.Rect(prodX, prodY+prodH-40, prodW, 40, ColVermilion)
		msg := fitText(r, divergenceBanner(d, s.round.Config.MonthTicks), styleStrong, prodW-24)
		r.Text(msg, prodX+prodW/2, prodY+prodH-20, styleStrong.In(ColBlack).At(CenterMid))
	}
	r.Flush()
}

func pauseItemRect(i int) (x, y, w, h float32) {
	return ScreenW/2 - 200, 230 + float32(i)*56, 400, 48
}

func (s *roundScene) drawPause(g *Game, r *Renderer) {
	r.Rect(0, 0, ScreenW, ScreenH, fade(ColBlack, 0.75))
	r.Panel(ScreenW/2-240, 124, 480, 496, ColPanel, ColText)
	r.Text("PAUSED", ScreenW/2, 150, styleKeyNumber.At(Center))
	for i, it := range s.menuItems() {
		x, y, w, h := pauseItemRect(i)
		if i == s.pauseSel {
			r.Rect(x, y, w, h, ColSky)
			r.Text(it, x+w/2, y+h/2, styleButton.In(ColBlack))
		} else {
			r.Frame(x, y, w, h, 2, ColPanelEdge)
			r.Text(it, x+w/2, y+h/2, styleBody.At(CenterMid))
		}
	}
	r.Text("Esc or P resumes · arrows and Enter choose", ScreenW/2, 584, styleNote.At(Center))
}

// drawTopFrame is the top bar's band, which the round, the practice and the guided round
// share.
func drawTopFrame(r *Renderer) {
	r.Rect(0, 0, ScreenW, topH, ColPanel)
	r.Rect(0, topH-2, ScreenW, 2, ColPanelEdge)
}

// drawPauseButton is the pause button at the top bar's right end, for mouse and touch.
func drawPauseButton(r *Renderer) {
	r.Panel(pauseBtnX, pauseBtnY, pauseBtnW, pauseBtnH, ColBG, ColPanelEdge)
	r.Rect(pauseBtnX+12, pauseBtnY+10, 6, 20, ColText)
	r.Rect(pauseBtnX+22, pauseBtnY+10, 6, 20, ColText)
}
