package game

import (
	"fmt"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"

	"devopsjuggle/assets"
	"devopsjuggle/sim"
	"devopsjuggle/sim/report"
)

// monthScene is the pause between months: the month's statement over the frozen round.
type monthScene struct {
	rs  *roundScene
	st  sim.MonthStatement
	age int
	// brief is what the bots that play for their pay chose this month and why
	// (drawDecisions), taken once: the round stands still while the statement shows,
	// and a replay's Round.Decisions plays the recording again from its start (0.64 ms
	// and 61 KB a call at month 12), which Draw paid every frame.
	brief []string
}

// attractMonthTicks is how long the statement stays when bots play both roles.
const attractMonthTicks = 5 * sim.TicksPerSecond

// inputGuardTicks ignores keys for a moment on a card a key pressed for the round could
// skip unread (the guided round's lessons, practice's end).
const inputGuardTicks = sim.TicksPerSecond * 3 / 4

// monthHoldTicks is how long the month's statement waits before a key or a click moves
// on: 2 s, time to read the two pays and the month's figures. Enter is ops' acknowledge
// key, and an ops player pressing it as the month ended skipped the statement unseen
// once inputGuardTicks (0.75 s) were over. The prompt shows the wait filling up, as the
// debrief's buttons do (debriefHoldTicks, 3 s: the debrief is longer).
const monthHoldTicks = 2 * sim.TicksPerSecond

func newMonthScene(r *roundScene, st sim.MonthStatement) *monthScene {
	return &monthScene{rs: r, st: st, brief: report.MonthBrief(r.round.Decisions(), st.Month)}
}

func (s *monthScene) attract() bool {
	rd := s.rs.round
	return !rd.Human(sim.Dev) && !rd.Human(sim.Ops)
}

func (s *monthScene) Update(g *Game) error {
	s.age++
	gs := &g.Gestures
	next := s.age > monthHoldTicks && (gs.Confirm() || gs.Pressed(ebiten.KeyEscape) || len(gs.Taps) > 0)
	if next || (s.attract() && s.age >= attractMonthTicks) {
		g.Audio.Play(assets.SoundClick)
		g.Switch(s.rs)
	}
	s.rs.fx.Tick()
	return nil
}

func (s *monthScene) Draw(g *Game, r *Renderer) {
	s.rs.draw(g, r, &s.st)
	r.Flush()
	r.Rect(0, 0, ScreenW, ScreenH, fade(ColBlack, 0.78))
	s.drawStatement(r)
}

// The statement's panel, and its flow: each part starts stmtGap under the one above,
// however many lines the pay's reasons take (shared pay splits them in two: the second,
// "+ uptime under 95.0 %: no bonus", sat against the table at a fixed y).
const (
	stmtX, stmtY, stmtW, stmtH = 250, 80, 780, 570
	stmtGap                    = 14 // between the pay's reasons and the table
	stmtRowH                   = 34 // a row of the table
	stmtLineH                  = 22 // a line of the pay's reasons
)

// stmtPromptY is where the prompt's line is centred, and stmtBarY where the hold's bar
// fills under it.
const (
	stmtPromptY = stmtY + stmtH - 44
	stmtBarY    = stmtY + stmtH - 22
)

// drawStatement draws the statement's panel.
func (s *monthScene) drawStatement(r *Renderer) {
	x, y, w, h := float32(stmtX), float32(stmtY), float32(stmtW), float32(stmtH)
	r.Panel(x, y, w, h, ColPanel, ColText)
	cfg := &s.rs.round.Config
	st := &s.st
	r.Text(fmt.Sprintf("END OF MONTH %d OF %d", st.Month+1, cfg.Months), x+w/2, y+16, styleTitle)
	r.Text("The month's statement", x+w/2, y+54, styleBody.In(ColDim).At(Center))

	// Pay, big: what each role was paid for this month, and why.
	r.Text("DEV PAID", x+w/4, y+92, styleLabel.In(ColOrange).At(Center))
	r.Text(report.Dollars(st.DevPay), x+w/4, y+114, styleHuge)
	r.Text("OPS PAID", x+3*w/4, y+92, styleLabel.In(ColSky).At(Center))
	r.Text(report.Dollars(st.OpsPay), x+3*w/4, y+114, styleHuge)
	payY, lines := y+186, 0
	for i, p := range [2]sim.PayScheme{cfg.DevPay, cfg.OpsPay} {
		// On one line if it fits its half of the panel, else a line per part.
		parts := payWhy(p, st)
		ls := []string{strings.Join(parts, " + ")}
		if r.Measure(ls[0], styleNote) > w/2-24 {
			ls = parts
			for j := 1; j < len(ls); j++ {
				ls[j] = "+ " + ls[j]
			}
		}
		for j, l := range ls {
			r.Text(l, x+w/4+float32(i)*w/2, payY+float32(j)*stmtLineH, styleNote.At(Center))
		}
		lines = max(lines, len(ls))
	}

	rows := []struct{ k, v string }{
		{"Features shipped", fmt.Sprintf("%d", st.Shipped)},
		{"Versions deployed", fmt.Sprintf("%d", st.Deploys)},
		{"Uptime", percent(st.Uptime())},
		{"Incidents", fmt.Sprintf("%d", st.Incidents)},
		{"Balls dropped", fmt.Sprintf("%d", st.Drops)},
	}
	if st.ErrorBudget > 0 {
		rows = append(rows, struct{ k, v string }{"Error budget used", fmt.Sprintf("%d %%", st.ErrorUsed*100/st.ErrorBudget)})
	}
	tableY := payY + float32(lines)*stmtLineH + stmtGap
	for i, row := range rows {
		ry := tableY + float32(i)*stmtRowH
		r.Rect(x+140, ry+stmtRowH-2, w-280, 1, ColPanelEdge)
		r.Text(row.k, x+150, ry+6, styleBody)
		r.Text(row.v, x+w-150, ry, styleHeading.At(Right))
	}
	s.drawDecisions(r, x, tableY+float32(len(rows))*stmtRowH+4, w)

	msg := "Enter, Space or click: next month"
	if s.attract() {
		msg = fmt.Sprintf("Next month in %d s (or press Enter)", max(0, (attractMonthTicks-s.age)/sim.TicksPerSecond+1))
	}
	if s.age > monthHoldTicks {
		r.Text(msg, x+w/2, stmtPromptY, stylePrompt.At(CenterMid))
		return
	}
	// The hold: the prompt dim, and a bar under it filling until keys work.
	r.Text(msg, x+w/2, stmtPromptY, stylePrompt.In(ColDim).At(CenterMid))
	bx, by, bw, bh := stmtHoldBar(r, msg)
	r.Rect(bx, by, bw, bh, ColPanelEdge)
	r.Rect(bx, by, bw*float32(s.age)/monthHoldTicks, bh, ColSky)
}

// stmtHoldBar is where the hold's bar fills: under the prompt msg, as wide as it.
func stmtHoldBar(r *Renderer, msg string) (x, y, w, h float32) {
	w = r.Measure(msg, stylePrompt)
	return stmtX + stmtW/2 - w/2, stmtBarY, w, 4
}

// drawDecisions writes what the bots that play for their pay chose this month and why
// (sim/report's words, s.brief), below the statement's rows from y: a line each (at
// most one a role).
func (s *monthScene) drawDecisions(r *Renderer, x, y, w float32) {
	for i, l := range s.brief {
		r.Text(l, x+w/2, y+2+float32(i)*21, styleSmall.In(ColYellow).At(Center))
	}
}

// payWhy says how a scheme paid the month, part by part: per feature, and which uptime
// tier was met.
func payWhy(p sim.PayScheme, st *sim.MonthStatement) []string {
	var parts []string
	if p.PerFeature > 0 {
		parts = append(parts, fmt.Sprintf("%s x %s", report.Dollars(int64(p.PerFeature)), report.Count(st.Shipped, "feature")))
	}
	if len(p.Tiers) > 0 {
		met := false
		for _, t := range p.Tiers {
			if st.AvailSum >= int64(t.MinUptimePermille)*int64(st.Ticks) {
				parts = append(parts, fmt.Sprintf("uptime >= %.1f %%: +%s", float64(t.MinUptimePermille)/10, report.Dollars(int64(t.Bonus))))
				met = true
				break
			}
		}
		if !met {
			low := p.Tiers[len(p.Tiers)-1]
			parts = append(parts, fmt.Sprintf("uptime under %.1f %%: no bonus", float64(low.MinUptimePermille)/10))
		}
	}
	return parts
}
