package game

import (
	"fmt"

	"github.com/hajimehoshi/ebiten/v2"

	"devopsjuggle/assets"
	"devopsjuggle/sim"
	"devopsjuggle/sim/report"
)

// sessionScene compares the rounds played so far side by side: the same exercise under
// different incentives and practices, the lecture's point made visible.
type sessionScene struct {
	back  Scene
	first int // the first round shown
}

// sessionCols is how many rounds fit side by side.
const sessionCols = 4

func newSessionScene(back Scene) *sessionScene { return &sessionScene{back: back, first: -1} }

func (s *sessionScene) Update(g *Game) error {
	gs := &g.Gestures
	n := len(g.Session)
	if s.first < 0 {
		s.first = max(0, n-sessionCols)
	}
	switch {
	case gs.Pressed(ebiten.KeyLeft):
		s.first = max(0, s.first-1)
	case gs.Pressed(ebiten.KeyRight):
		s.first = min(max(0, n-sessionCols), s.first+1)
	case gs.Confirm() || gs.Pressed(ebiten.KeyEscape) || gs.Pressed(ebiten.KeyV) || len(gs.Taps) > 0:
		g.Audio.Play(assets.SoundClick)
		if _, ok := s.back.(*debriefScene); ok {
			g.Switch(newTitleScene(g)) // from the debrief, on to the next round
			return nil
		}
		g.Switch(s.back)
	}
	return nil
}

func (s *sessionScene) Draw(g *Game, r *Renderer) {
	r.Text("THE SESSION: same exercise, different incentives", ScreenW/2, 18, styleTitle)
	rounds := g.Session
	if len(rounds) == 0 {
		msg := "No round finished yet. Play one, then change the preset and play again with the same seed."
		if g.hall != nil {
			msg = "No round finished yet: play " + g.hall.RoundName() + " from the title."
		}
		r.Text(msg, ScreenW/2, 300, styleBody.In(ColDim).At(Center))
		return
	}
	first := max(0, s.first)
	shown := rounds[first:min(len(rounds), first+sessionCols)]
	// Scales shared by all rounds, so that bars compare.
	var maxShip int32
	var maxPay int64
	for _, rd := range rounds {
		maxShip = max(maxShip, rd.Result.Shipped)
		maxPay = max(maxPay, rd.Result.DevPay, rd.Result.OpsPay)
	}
	colW := float32(ScreenW-80) / sessionCols
	for i, rd := range shown {
		x := 40 + float32(i)*colW
		res := &rd.Result
		r.Panel(x, 70, colW-16, 560, ColPanel, ColPanelEdge)
		cx := x + (colW-16)/2
		r.Text(sessionRoundLabel(g.hall, &rd, first+i), cx, 82, styleLabel.In(ColDim).At(Center))
		r.Text(rd.Config.Name, cx, 106, styleTitle)
		r.Text(fmt.Sprintf("seed %d · %s", rd.Setup.Seed, report.Count(rd.Config.Months, "month")), cx, 144, styleNote.At(Center))
		r.Text(fmt.Sprintf("dev %s · ops %s", short(rd.Setup.Players[sim.Dev]), short(rd.Setup.Players[sim.Ops])), cx, 168, styleNote.At(Center))

		bx, bw := x+16, colW-48
		row := func(y float32, label, value string, frac float32, c colorRGBA) {
			r.Text(label, bx, y, styleLabel.In(c))
			r.Text(value, bx+bw, y-6, styleHeading.At(Right))
			bar(r, bx, y+28, bw, 14, frac, c)
		}
		row(200, "FEATURES", fmt.Sprintf("%d", res.Shipped), float32(res.Shipped)/float32(max(maxShip, 1)), ColOrange)
		// Uptime from 0 to 100 %: a round at 59 % shows a bar a little over half full, and
		// rounds compare at a glance (the figure says the small differences).
		row(256, "UPTIME", uptimeText(res), float32(res.Uptime), ColGreen)
		row(312, "DEV PAY", report.Dollars(res.DevPay), float32(res.DevPay)/float32(max(maxPay, 1)), ColOrange)
		row(368, "OPS PAY", report.Dollars(res.OpsPay), float32(res.OpsPay)/float32(max(maxPay, 1)), ColSky)
		for j, f := range sessionFigures(&rd) {
			fy := 426 + float32(j)*22
			r.Text(f.label, bx, fy, styleNote)
			r.Text(f.value, bx+bw, fy, styleLabel.At(Right))
		}
		if !rd.Complete {
			r.Text("ended early: not compared", bx, 606, styleLabel.In(ColYellow))
		}
	}
	r.Text(sessionTakeaway(g.hall, rounds), ScreenW/2, 648, stylePrompt)
}

// Footer is the session view's keys, in the status line.
func (s *sessionScene) Footer(g *Game) string {
	back := "Enter or click: back"
	if _, ok := s.back.(*debriefScene); ok {
		back = "Enter or click: to the title" // see Update
	}
	if len(g.Session) > sessionCols {
		return "Left/Right: more rounds · " + back
	}
	return back
}

func short(p Player) string {
	if p.Bot {
		return "bot"
	}
	return "human"
}

// sessionRoundLabel heads the card of the i-th round (from 0) of the session: "ROUND 1"
// in the game's own count; in hall mode the hall's number of its round ("ROUND 2", as
// the projector says it), and "NOT SENT TO THE HALL" on another round (hall.go).
func sessionRoundLabel(h *Hall, rd *RoundRecord, i int) string {
	switch {
	case h == nil:
		return fmt.Sprintf("ROUND %d", i+1)
	case rd.NotForHall:
		return "NOT SENT TO THE HALL"
	case h.N > 0:
		return fmt.Sprintf("ROUND %d", h.N)
	}
	return "THE HALL'S ROUND"
}

// sessionHallNext is the session view's last line in hall mode, where the instructor, not
// the class, chooses the next round.
const sessionHallNext = "The instructor sets the next round: the bar under the game offers it."

// sessionTakeaway compares two rounds in one sentence: the same round (seed and months)
// under other rules, the session's point. It takes the last complete round that has an
// earlier one of the same seed and months, and the first of those; rounds ended early
// are never compared (their figures cover part of the round). In hall mode it tells no
// class to change the preset or the seed: the instructor does (sessionHallNext).
func sessionTakeaway(h *Hall, rounds []RoundRecord) string {
	var done []*RoundRecord
	for i := range rounds {
		if rounds[i].Complete {
			done = append(done, &rounds[i])
		}
	}
	if len(done) < 2 {
		if h != nil {
			return sessionHallNext
		}
		return "Now change the preset and play the same seed again."
	}
	for j := len(done) - 1; j > 0; j-- {
		b := done[j]
		for _, a := range done[:j] {
			if a.Setup.Seed == b.Setup.Seed && a.Config.Months == b.Config.Months {
				return fmt.Sprintf("%s: %s at %s uptime  vs  %s: %s at %s",
					a.Config.Name, report.Count(a.Result.Shipped, "feature"), uptimeText(&a.Result),
					b.Config.Name, report.Count(b.Result.Shipped, "feature"), uptimeText(&b.Result))
			}
		}
	}
	if h != nil {
		return sessionHallNext
	}
	last := done[len(done)-1]
	return fmt.Sprintf("The rounds differ in seed or length: play seed %d for %s again to compare.",
		last.Setup.Seed, report.Count(last.Config.Months, "month"))
}

// figure is a labelled figure of a session card.
type figure struct{ label, value string }

// sessionFigures are a round's figures under its bars: its incidents and how they were
// handled (the mean times to restore and to detect, MTTR and MTTD, as the post-mortem
// and DORA say them; how many customers found,
// the monitoring's false alarms and misses), its rollbacks, and its uptime in nines.
func sessionFigures(rd *RoundRecord) []figure {
	res := &rd.Result
	byCustomers := 0
	for i := range rd.Incidents {
		if rd.Incidents[i].DetectedBy == sim.DetectedByComplaint {
			byCustomers++
		}
	}
	return []figure{
		{"incidents", fmt.Sprint(res.Incidents)},
		{"MTTR", restoreShort(rd)},
		{"MTTD", detectShort(res)},
		{"found by customers", fmt.Sprint(byCustomers)},
		{"false positives", fmt.Sprint(res.FalsePositives)},
		{"false negatives", fmt.Sprint(res.FalseNegatives)},
		{"rollbacks", fmt.Sprint(res.Rollbacks)},
		{"uptime", uptimeNines(res)},
	}
}

// detectShort is the mean time to detect the incidents that were detected, "-" when none
// was.
func detectShort(res *sim.Result) string {
	if res.Incidents == res.Undetected {
		return "-"
	}
	return hours(res.MTTDs * 24)
}
