package game

import (
	"fmt"
	"strings"
)

// The guided round's screen: the round's production and monitoring on the right, the
// lesson's panel in dev's place on the left (the guide plays dev), the lesson's prompt
// in ops' strip, and a card between lessons.

func (s *guidedScene) Draw(g *Game, r *Renderer) {
	rs := s.rs
	v := &rs.round.View
	t := rs.timeNow(g)
	if s.card != cardNone {
		t = float64(v.Tick - 1) // a card holds the world still
	}
	dx, dy := rs.fx.offset()
	r.Shake(dx, dy)
	s.drawTop(r)
	s.drawPanel(g, r)
	rs.drawProduction(g, r, v, t)
	rs.drawMonitoring(g, r, v)
	rs.drawButtons(g, r)
	rs.drawHints(g, r)
	rs.fx.drawShapes(r)
	r.Flush()
	rs.fx.drawTexts(r)
	r.Shake(0, 0)
	r.Flush()
	rs.drawPopups(g, r, v)
	switch s.card {
	case cardLesson:
		s.drawLessonCard(g, r)
	case cardEnd:
		s.drawEndCard(g, r)
	}
	if rs.paused {
		r.Flush()
		rs.drawPause(g, r)
	}
}

// drawTop is the guided round's top bar: what it is, and the lesson.
func (s *guidedScene) drawTop(r *Renderer) {
	drawTopFrame(r)
	r.Text("GUIDED FIRST ROUND", 20, 6, styleLabel.In(ColSky))
	r.Text("you play ops", 20, 30, styleHeading)
	r.Text(fmt.Sprintf("LESSON %d/%d · %s", s.lesson+1, numLessons, lessons[s.lesson].title), ScreenW/2+40, 20, styleKeyNumber.At(Center))
	drawPauseButton(r)
}

// The lesson panel's checklist rows.
const (
	checkY    = devY + 50
	checkRowH = 32
)

// drawPanel is the lesson's panel, in dev's place: the lessons, ticked off, and what
// this one asks.
func (s *guidedScene) drawPanel(g *Game, r *Renderer) {
	r.Panel(devX, devY, devW, devH, ColPanel, ColPanelEdge)
	r.Rect(devX, devY, 6, devH, ColSky)
	r.Text("LESSONS", devX+18, devY+8, styleHeading.In(ColSky))
	r.Text("dev: the guide", devX+devW-14, devY+12, styleNote.At(Right))
	x := float32(devColX)
	for l := lessonCatch; l < numLessons; l++ {
		y := float32(checkY + int(l)*checkRowH)
		mid := y + 12
		st := styleBody.In(ColDim)
		switch {
		case s.passed[l]:
			drawTick(r, x+10, mid, ColGreen)
			st = styleBody
		case s.skipped[l]:
			r.Line(x+2, mid, x+18, mid, 4, ColYellow)
			r.Text(fmt.Sprintf("%d  %s", l+1, lessons[l].title), x+30, mid, st.At(LeftMid))
			r.Text("skipped", devColX+devColW, mid, styleSmall.In(ColYellow).At(RightMid))
			continue
		case l == s.lesson:
			r.Polygon([]float32{x + 3, x + 3, x + 19}, []float32{mid - 9, mid + 9, mid}, ColYellow)
			st = styleStrong.In(ColYellow)
		default:
			r.Ring(x+10, mid, 7, 2, ColDim)
		}
		r.Text(fmt.Sprintf("%d  %s", l+1, lessons[l].title), x+30, mid, st.At(LeftMid))
	}
	y := float32(checkY + int(numLessons)*checkRowH + 12)
	r.Rect(devColX, y-8, devColW, 2, ColPanelEdge)
	for _, line := range r.Wrap(lessons[s.lesson].intro, styleSmall, devColW) {
		if y > devY+devH-26 {
			break
		}
		r.Text(line, x, y, styleSmall)
		y += 23
	}
}

// drawTick draws a tick mark centred at (x, y).
func drawTick(r *Renderer, x, y float32, c colorRGBA) {
	r.Line(x-8, y, x-2, y+7, 4, c)
	r.Line(x-2, y+7, x+9, y-8, 4, c)
}

// The cards' frame, over the middle of the screen.
const (
	lessonX, lessonY, lessonW, lessonH = 250, 120, 780, 470
)

// drawLessonCard is the card before a lesson: what the last one did, why this one starts
// again if it does, what to do, the keys, and how to start.
func (s *guidedScene) drawLessonCard(g *Game, r *Renderer) {
	r.Flush()
	r.Rect(0, 0, ScreenW, ScreenH, fade(ColBlack, 0.55))
	r.Panel(lessonX, lessonY, lessonW, lessonH, ColPanel, ColSky)
	l := &lessons[s.lesson]
	x, y := float32(lessonX+30), float32(lessonY+20)
	if s.done != "" && s.again == "" {
		y = s.drawDone(r, x, y)
	}
	if s.again != "" {
		for _, line := range r.Wrap(s.again, styleStrong, lessonW-60) {
			r.Text(line, x, y, styleStrong.In(ColVermilion))
			y += 26
		}
		y += 12
	}
	r.Text(fmt.Sprintf("LESSON %d OF %d: %s", s.lesson+1, numLessons, l.title), ScreenW/2, y, styleTitle.In(ColSky))
	y += 52
	for _, line := range r.Wrap(l.intro, styleBody, lessonW-60) {
		r.Text(line, x, y, styleBody)
		y += 28
	}
	y += 16
	kx := x
	for _, c := range l.keys {
		key := KeyName(g.Bindings[c])
		kw := r.Measure(key, styleKeyCap) + 16
		r.Rect(kx, y, kw, 30, ColSky)
		r.Text(key, kx+kw/2, y+15, styleKeyCap)
		r.Text(c.Label(), kx+kw+8, y+15, styleBody.At(LeftMid))
		kx += kw + 8 + r.Measure(c.Label(), styleBody) + 30
	}
	r.Text("Enter or Space: start", ScreenW/2, lessonY+lessonH-44, stylePrompt)
}

// drawDone writes, with a tick, what the last lesson's end did, from y down; it returns
// where the card goes on.
func (s *guidedScene) drawDone(r *Renderer, x, y float32) float32 {
	// Wrapped as the "again" lines are: a long one ran past the card's edge. A skipped
	// lesson gets a dash, not a tick.
	col := ColGreen
	if s.doneSkip {
		col = ColYellow
		r.Line(x+2, y+13, x+18, y+13, 4, col)
	} else {
		drawTick(r, x+10, y+13, col)
	}
	for _, line := range r.Wrap(s.done, styleStrong, lessonW-90) {
		r.Text(line, x+30, y+13, styleStrong.In(col).At(LeftMid))
		y += 26
	}
	return y + 14
}

// drawEndCard is the card at the end: what the last lesson did (as every lesson's card
// says of the one before: the approve lesson's answer went unsaid), what was learnt, and
// the lecture's round to play.
func (s *guidedScene) drawEndCard(g *Game, r *Renderer) {
	r.Flush()
	r.Rect(0, 0, ScreenW, ScreenH, fade(ColBlack, 0.6))
	r.Panel(lessonX, lessonY, lessonW, lessonH, ColPanel, ColGreen)
	x, y := float32(lessonX+30), float32(lessonY+20)
	if s.done != "" {
		y = s.drawDone(r, x, y)
	}
	y += 4
	r.Text("GUIDED ROUND DONE", ScreenW/2, y, styleTitle.In(ColGreen))
	y += 56
	for _, line := range r.Wrap(s.endText(), styleBody, lessonW-60) {
		r.Text(line, x, y, styleBody)
		y += 28
	}
	y += 20
	next := "Next: the lecture's round. Silo: you as ops, paid by uptime; the dev bot, paid per feature."
	if g.hall != nil {
		t := g.hall.title()
		next = "Next: " + strings.ToLower(t[:1]) + t[1:] + ", as the instructor set it: played to its end, it counts."
	}
	for _, line := range r.Wrap(next, styleStrong, lessonW-60) {
		r.Text(line, x, y, styleStrong)
		y += 28
	}
	r.Text("Enter or Space: play it · Esc: title", ScreenW/2, lessonY+lessonH-44, stylePrompt)
}

// endText is what the end card says was learnt: every key ops needs, or, after skips,
// which lessons are still to do.
func (s *guidedScene) endText() string {
	const round = " In a round nobody waits for you: the prompts in your strip, under production, say what matters most at each moment."
	if t := s.skippedTitles(); t != "" {
		return "You skipped " + t + ": HOW TO PLAY lists their keys, and the guided round (title screen) teaches them again." + round
	}
	return "You have used every key ops needs in the lecture's round: catch, retire, roll back, " +
		"pick up, acknowledge, approve or reject." + round
}

// Footer is the guided round's keys, in the status line.
func (s *guidedScene) Footer(g *Game) string {
	switch {
	case s.rs.paused:
		return s.rs.Footer(g)
	case s.card == cardEnd:
		return "Enter: play " + nextRoundName(g) + " · Esc: title"
	case s.card == cardLesson:
		return "Enter or Space: start the lesson · Esc/P pause"
	}
	return "Esc/P pause: restart or skip a lesson · F11 fullscreen · M mute"
}
