package game

import (
	"fmt"
	"math"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"

	"devopsjuggle/assets"
	"devopsjuggle/sim"
	"devopsjuggle/sim/report"
)

// debriefScene is the round's debrief: pay per role, uptime in nines, features, the
// incident timeline and the post-mortem, scrollable.
type debriefScene struct {
	rec       RoundRecord
	lines     []mdLine // the post-mortem, wrapped at the first Draw
	wrapScale float64  // the scale lines were wrapped at: text widths change with it
	scroll    float32
	age       int
}

// mdLine is one wrapped line of the post-mortem.
type mdLine struct {
	s   string
	st  TextStyle
	gap float32 // space above
}

func newDebriefScene(g *Game, rec RoundRecord) *debriefScene { return &debriefScene{rec: rec} }

// Post-mortem viewport.
const (
	pmX, pmY, pmW, pmH = 650, 84, 610, 540
)

func (s *debriefScene) Update(g *Game) error {
	s.age++
	gs := &g.Gestures
	s.scroll -= float32(gs.Wheel) * 40
	switch {
	case gs.Pressed(ebiten.KeyDown):
		s.scroll += 40
	case gs.Pressed(ebiten.KeyUp):
		s.scroll -= 40
	case gs.Pressed(ebiten.KeyPageDown) || gs.Pressed(ebiten.KeySpace):
		s.scroll += pmH - 60
	case gs.Pressed(ebiten.KeyPageUp):
		s.scroll -= pmH - 60
	case gs.Pressed(ebiten.KeyHome):
		s.scroll = 0
	}
	s.scroll = max(0, min(s.scroll, s.contentH()-pmH+20))
	if s.age < debriefHoldTicks {
		return nil
	}
	switch {
	case gs.Pressed(ebiten.KeyEnter) || gs.Pressed(ebiten.KeyEscape) || gs.Tapped(debriefBtn(0)):
		g.Audio.Play(assets.SoundClick)
		g.Switch(newTitleScene(g))
	case gs.Pressed(ebiten.KeyV) || gs.Tapped(debriefBtn(1)):
		g.Audio.Play(assets.SoundClick)
		g.Switch(newSessionScene(s))
	}
	return nil
}

// debriefHoldTicks is how long the debrief's buttons wait before a key or a tap leaves:
// 3 s, against the month screens' inputGuardTicks. The debrief is the round's lesson, and
// Enter is ops' acknowledge key: a player still pressing it as the round ended left the
// debrief unseen (a play-test did, twice). The buttons show the wait filling up, so
// that a key that does nothing yet reads as "not yet", not as a broken button.
const debriefHoldTicks = 3 * sim.TicksPerSecond

func debriefBtn(i int) (x, y, w, h float32) { return 30 + float32(i)*300, 634, 280, 52 }

func (s *debriefScene) contentH() float32 {
	h := float32(0)
	for _, l := range s.lines {
		h += l.gap + l.st.Size*1.3
	}
	return max(h, pmH)
}

// uptimeText is a round's uptime, "-" for a round ended before its first tick (its
// uptime is no figure: nothing ran).
func uptimeText(res *sim.Result) string {
	if res.Ticks == 0 {
		return "-"
	}
	return percent(res.Uptime)
}

// uptimeNines is a round's uptime in nines (ninesName), or that nothing ran.
func uptimeNines(res *sim.Result) string {
	if res.Ticks == 0 {
		return "ended before it began"
	}
	return ninesName(res.Uptime)
}

// ninesName names an uptime the way SREs say it aloud: 0.9993 is "three nines". The
// post-mortem's report.Nines gives the number ("3.2 nines"); on screen, the whole count
// in words reads better from the back of a lecture hall.
func ninesName(u float64) string {
	if u >= 1 {
		return "100 %: no downtime"
	}
	n := int(math.Floor(-math.Log10(1 - u)))
	names := []string{"less than one nine", "one nine", "two nines", "three nines", "four nines", "five nines"}
	return names[min(max(n, 0), len(names)-1)]
}

// wrapPostMortem lays the Markdown out as lines: headings bold, bullets, tables as one
// line per row; emphasis marks removed.
func (s *debriefScene) wrapPostMortem(r *Renderer) {
	const w = pmW - 30
	add := func(text string, st TextStyle, gap float32, indent string) {
		for i, l := range r.WrapFill(text, st, w-r.Measure(indent, st)) {
			if i > 0 {
				l = strings.Repeat(" ", len(indent)) + l
				gap = 0
			} else {
				l = indent + l
			}
			s.lines = append(s.lines, mdLine{l, st, gap})
		}
	}
	clean := strings.NewReplacer("**", "", "*", "", "`", "")
	for _, raw := range strings.Split(s.rec.PostMortem, "\n") {
		line := strings.TrimSpace(raw)
		switch {
		case line == "":
			continue
		case strings.HasPrefix(line, "# "):
			add(clean.Replace(line[2:]), styleHeading, 4, "")
		case strings.HasPrefix(line, "## "):
			add(clean.Replace(line[3:]), styleSection, 18, "")
		case strings.HasPrefix(line, "|---"):
			continue
		case strings.HasPrefix(line, "| #"):
			continue // the table's header: each row says what its cells are
		case strings.HasPrefix(line, "|"):
			cells := strings.Split(strings.Trim(line, "|"), "|")
			for i := range cells {
				cells[i] = strings.TrimSpace(cells[i])
			}
			if len(cells) >= 8 {
				// # | started | cause | detected | acknowledged | resolved | lasted | lowest availability
				add(fmt.Sprintf("#%s %s: %s; detected %s, acknowledged %s, resolved %s; lasted %s, availability down to %s",
					cells[0], cells[1], cells[2], cells[3], cells[4], cells[5], cells[6], cells[7]), styleSmall, 6, "• ")
			} else {
				add(strings.Join(cells, " · "), styleSmall, 6, "• ")
			}
		case strings.HasPrefix(line, "- "):
			add(clean.Replace(line[2:]), styleSmall, 6, "• ")
		default:
			add(clean.Replace(line), styleSmall, 8, "")
		}
	}
}

// Draw draws the debrief: its title, the round's figures, the incident timeline, the
// post-mortem and the buttons.
func (s *debriefScene) Draw(g *Game, r *Renderer) {
	if s.lines == nil || s.wrapScale != r.Scale() {
		s.lines, s.wrapScale = s.lines[:0], r.Scale()
		s.wrapPostMortem(r)
	}
	rec := &s.rec
	r.Text(debriefTitle(rec), 30, 18, styleTitle.At(Left))
	r.Text(fmt.Sprintf("dev: %s · ops: %s · %s", rec.Setup.Players[sim.Dev], rec.Setup.Players[sim.Ops], practices(&rec.Config)),
		30, 56, styleNote)
	drawFigures(r, rec)
	s.drawTimeline(r)
	s.drawPostMortem(r)
	for i, b := range []string{"BACK TO TITLE [Enter]", "SESSION VIEW [V]"} {
		x, by, w, h := debriefBtn(i)
		if s.age < debriefHoldTicks {
			r.Panel(x, by, w, h, ColPanel, ColDim)
			r.Rect(x+2, by+h-6, (w-4)*float32(s.age)/debriefHoldTicks, 4, ColSky)
			r.Text(b, x+w/2, by+h/2, styleButton.In(ColDim))
			continue
		}
		r.Panel(x, by, w, h, ColPanel, ColSky)
		r.Text(b, x+w/2, by+h/2, styleButton)
	}
}

// debriefTitle names the round, and says if it was a replay or ended early.
func debriefTitle(rec *RoundRecord) string {
	title := fmt.Sprintf("DEBRIEF: %s, seed %d", rec.Config.Name, rec.Setup.Seed)
	var notes []string
	if rec.Playback {
		notes = append(notes, "replay")
	}
	if !rec.Complete {
		notes = append(notes, "ended early")
	}
	if rec.NotForHall {
		notes = append(notes, "not sent to the hall")
	}
	if len(notes) > 0 {
		title += " (" + strings.Join(notes, ", ") + ")"
	}
	return title
}

// drawFigures draws the round's figures, big, two to a row: pay, uptime, incidents and
// the DORA figures.
func drawFigures(r *Renderer, rec *RoundRecord) {
	res := &rec.Result
	cell := func(i int, label, value, sub string, c colorRGBA) {
		x, y := 30+float32(i%2)*300, 96+float32(i/2)*112
		r.Panel(x, y, 290, 102, ColPanel, ColPanelEdge)
		r.Rect(x, y, 6, 102, c)
		if c == ColBlue {
			c = ColText // Okabe-Ito's blue is too dark for small text on the panel (3.3:1)
		}
		r.Text(label, x+18, y+8, styleLabel.In(c))
		r.Text(value, x+18, y+30, styleKeyNumber)
		r.Text(sub, x+18, y+74, styleNote)
	}
	cell(0, "DEV PAY", report.Dollars(res.DevPay), report.Count(res.Shipped, "feature")+" shipped", ColOrange)
	cell(1, "OPS PAY", report.Dollars(res.OpsPay), fmt.Sprintf("%s, %d rolled back", report.Count(res.Released, "release"), res.Rollbacks), ColSky)
	cell(2, "UPTIME", uptimeText(res), uptimeNines(res), ColGreen)
	cell(3, "INCIDENTS", fmt.Sprintf("%d", res.Incidents), restoreSub(rec), ColVermilion)
	cell(4, "DEPLOYS / MONTH", fmt.Sprintf("%.1f", res.DeploysPerMonth), fmt.Sprintf("DORA: %s", res.DeployBand), ColBlue)
	cell(5, "CHANGE FAILURES", fmt.Sprintf("%.0f %%", 100*res.ChangeFailureRate), fmt.Sprintf("DORA: %s", res.ChangeFailureBand), ColPurple)
}

// drawPostMortem draws the post-mortem's lines in its viewport, scrolled, and the scroll
// bar.
func (s *debriefScene) drawPostMortem(r *Renderer) {
	r.Panel(pmX-10, pmY-6, pmW+20, pmH+12, ColPanel, ColPanelEdge)
	r.Flush()
	y := pmY - s.scroll
	for _, l := range s.lines {
		y += l.gap
		if y > pmY-l.st.Size && y < pmY+pmH-l.st.Size*1.2 {
			r.Text(l.s, pmX+6, y, l.st)
		}
		y += l.st.Size * 1.3
	}
	total := s.contentH()
	r.Rect(pmX+pmW-4, pmY, 6, pmH, ColBG)
	r.Rect(pmX+pmW-4, pmY+pmH*s.scroll/total, 6, pmH*pmH/total, ColDim)
	r.Text("Post-mortem: wheel, arrows, PgUp/PgDn scroll", pmX+pmW, pmY+pmH+14, styleNote.At(Right))
}

// restoreSub is the incidents cell's line: the mean time to restore and its DORA band,
// or, with incidents still open at the end, how many (the timeline's note says they are
// counted up to the end).
func restoreSub(rec *RoundRecord) string {
	h, open, ok := restoreTime(rec)
	switch {
	case !ok:
		return "nothing to restore"
	case open > 0:
		return fmt.Sprintf("restore %s avg, %d open", hours(h), open)
	}
	return fmt.Sprintf("restore %s avg (%s)", hours(h), rec.Result.RestoreBand)
}

// hours formats real-world hours of the game's calendar.
func hours(h float64) string {
	if h >= 24 {
		return fmt.Sprintf("%.1f days", h/24)
	}
	return fmt.Sprintf("%.1f h", h)
}

// causeMark labels each cause with a letter, so the timeline reads without colour.
func causeMark(c sim.Cause) (string, colorRGBA) {
	switch c {
	case sim.CauseLiveDrop:
		return "D", ColVermilion
	case sim.CauseDefect:
		return "X", ColPurple
	case sim.CauseUpgrade:
		return "U", ColYellow
	case sim.CauseNoLive:
		return "N", ColVermilion
	}
	return "?", ColDim
}

// drawTimeline draws the round as a bar with its incidents where they happened.
func (s *debriefScene) drawTimeline(r *Renderer) {
	rec := &s.rec
	x, y, w := float32(30), float32(430), float32(590)
	r.Text("INCIDENT TIMELINE", x, y, styleLabel)
	ty := y + 44 // a row for the letters of incidents too short to hold one
	r.Rect(x, ty, w, 40, ColPanel)
	total := float32(rec.Config.Ticks())
	for m := 0; m <= rec.Config.Months; m++ {
		mx := x + w*float32(m)/float32(rec.Config.Months)
		r.Rect(mx-1, ty-4, 2, 48, ColPanelEdge)
		if m < rec.Config.Months {
			r.Text(fmt.Sprintf("M%d", m+1), mx+4, ty+44, styleNote)
		}
	}
	lastMark := float32(-100)
	present := map[sim.Cause]bool{}
	open := false
	for i := range rec.Incidents {
		inc := &rec.Incidents[i]
		end := inc.Resolved
		if end < 0 {
			end = rec.Result.Ticks
		}
		x0 := x + w*float32(inc.Start)/total
		x1 := max(x0+3, x+w*float32(end)/total)
		cause := report.MainCause(inc)
		present[cause] = true
		mark, c := causeMark(cause)
		h := float32(40) * float32(1000-inc.MinAvailabilityPermille) / 1000
		r.Rect(x0, ty+40-h, x1-x0, h, c)
		if inc.Resolved < 0 {
			// Still open at the end: an arrow past the bar's end says it went on.
			open = true
			r.Polygon([]float32{x1 + 2, x1 + 2, x1 + 12}, []float32{ty + 40 - h, ty + 40, ty + 40 - h/2}, c)
		}
		switch mx := (x0 + x1) / 2; {
		case x1-x0 >= 14 && h >= 20:
			r.Text(mark, mx, ty+40-h/2, styleKeyCap)
		case mx-lastMark >= 16: // over the bar, unless it would touch the last one
			r.Text(mark, mx, ty-12, styleKeyCap.In(c))
			lastMark = mx
		}
	}
	r.Text("height: how much was down · letter and colour: the cause", x, ty+72, styleNote)
	// The legend: the causes this round had (all four do not fit).
	lx := x
	for _, c := range []sim.Cause{sim.CauseLiveDrop, sim.CauseDefect, sim.CauseUpgrade, sim.CauseNoLive} {
		if !present[c] {
			continue
		}
		mark, col := causeMark(c)
		r.Rect(lx, ty+102, 20, 20, col)
		r.Text(mark, lx+10, ty+112, styleKeyCap)
		r.Text(causeWord(c), lx+26, ty+112, styleSmall.At(LeftMid))
		lx += 28 + r.Measure(causeWord(c), styleSmall) + 18
	}
	if len(rec.Incidents) == 0 {
		r.Text("no incident", lx, ty+112, styleSmall.In(ColDim).At(LeftMid))
	}
	if open {
		r.Polygon([]float32{x, x, x + 10}, []float32{ty + 132, ty + 146, ty + 139}, ColYellow)
		r.Text("still open at the end: its restore time counts up to the end", x+16, ty+130, styleNote.In(ColYellow))
	}
}

// causeWord is a cause in the timeline's legend, short enough for all four to fit.
func causeWord(c sim.Cause) string {
	switch c {
	case sim.CauseLiveDrop:
		return "live ball dropped"
	case sim.CauseUpgrade:
		return "restart"
	case sim.CauseNoLive:
		return "none live"
	}
	return c.String()
}
