package game

import (
	"fmt"

	"github.com/hajimehoshi/ebiten/v2"

	"devopsjuggle/assets"
	"devopsjuggle/sim"
)

// practiceTicks is the warm-up's length: 30 s, a month of the exercise.
const practiceTicks = 30 * sim.TicksPerSecond

// practiceConfig is the warm-up's world: the two balls of a round's start and nothing
// else. Nobody plays dev, so nothing is ever released; nobody is paid. Its month is far
// longer than the warm-up, which counts its own 30 s: a ball that falls ends the world,
// and a new one starts the juggle again (resetTicks).
func practiceConfig(d sim.Difficulty) (sim.Config, error) {
	cfg, err := sim.Preset("silo")
	if err != nil {
		return cfg, err
	}
	cfg.Name = "practice"
	cfg.Months, cfg.MonthTicks = 1, 10*practiceTicks
	cfg.Gate = false
	cfg.DevPay, cfg.OpsPay = sim.PayScheme{}, sim.PayScheme{}
	d.Apply(&cfg)
	return cfg, cfg.Validate()
}

// resetTicks is how long a fallen ball is shown before the juggle starts again, both
// balls back in the juggler's hands (then the grace, then the first throws): a beginner
// finds the beat again from its start rather than in the middle of a broken pattern.
const resetTicks = 45

// practiceScene is the 30-s juggle-only warm-up: ops' two catch keys, the approach cues
// and the beat hint, a count of catches; when a ball falls the juggle starts again.
type practiceScene struct {
	rs    *roundScene
	setup Setup
	cfg   sim.Config

	caught, dropped, whiffs int
	streak, best            int
	// ticks counts the juggle's ticks played (the 30 s); resetLeft the ticks until the
	// juggle starts again after a fall.
	ticks, resetLeft int
	// over is set when the 30 s are up: the result card shows, age counts its ticks.
	over bool
	age  int
}

// practiceMenu is the practice's pause menu.
var practiceMenu = []string{"Resume", "Practise again", "How to play", "Quit to title"}

// newPracticeScene starts a warm-up on the difficulty chosen (a first-timer's is easy).
func newPracticeScene(g *Game, d sim.Difficulty) (*practiceScene, error) {
	cfg, err := practiceConfig(d)
	if err != nil {
		return nil, err
	}
	s := Setup{Preset: cfg.Name, Months: 1, Seed: 1, Difficulty: d, Players: [2]Player{{Bot: true}, Human}}
	rd, err := newScriptedRound(s, cfg, "nobody")
	if err != nil {
		return nil, err
	}
	rs := &roundScene{round: rd, fx: NewEffects(), countdown: readyTicks, beatHint: true, menu: practiceMenu,
		subtitle: "practice: juggling only · no dev · no pay", juggleOnly: true, noPrompts: true}
	rs.fx.QuietLeftOf = prodX
	rs.uses[CtlCatchLeft], rs.uses[CtlCatchRight] = true, true
	rs.prompt[sim.Ops] = stripLine{text: "catch each ball as its ring closes on the hand", keys: [3]Control{CtlCatchLeft, CtlCatchRight}}
	rs.observe(nil)
	return &practiceScene{rs: rs, setup: s, cfg: cfg}, nil
}

func (s *practiceScene) Update(g *Game) error {
	rs := s.rs
	if s.over {
		return s.updateOver(g)
	}
	if rs.pauseKeys(g) {
		return nil
	}
	if rs.paused {
		switch rs.pickPause(g) {
		case 0:
			rs.paused = false
		case 1:
			s.again(g)
		case 2:
			g.Switch(newHowToScene(s))
		case 3:
			g.Switch(newTitleScene(g))
		}
		return nil
	}
	if rs.countdown > 0 {
		rs.countdown--
		return nil
	}
	s.ticks++
	for _, e := range rs.play(g, nil) {
		switch e.Kind {
		case sim.EvCatch:
			s.caught++
			s.streak++
			s.best = max(s.best, s.streak)
		case sim.EvDrop:
			if s.resetLeft == 0 {
				s.dropped++
				s.streak = 0
				s.resetLeft = resetTicks
			}
		case sim.EvWhiff:
			s.whiffs++
		}
	}
	if s.resetLeft > 0 {
		if s.resetLeft--; s.resetLeft == 0 {
			if err := rs.restartJuggle(s.setup, s.cfg); err != nil {
				return err
			}
		}
	}
	if s.ticks >= practiceTicks {
		s.over = true
		g.Audio.Play(assets.SoundMonthEnd)
		if !g.Settings.Practised {
			g.Settings.Practised = true
			g.SaveSettings()
		}
	}
	return nil
}

// again starts another warm-up.
func (s *practiceScene) again(g *Game) {
	p, err := newPracticeScene(g, s.setup.Difficulty)
	if err != nil {
		g.Notify(err.Error())
		return
	}
	g.Switch(p)
}

// The result card's buttons: the guided round, practise again, the title.
var practiceDoneItems = [3]string{"GUIDED FIRST ROUND [Enter]", "PRACTISE AGAIN [R]", "TITLE [Esc]"}

func practiceDoneRect(i int) (x, y, w, h float32) {
	xs, ws := [3]float32{300, 590, 810}, [3]float32{280, 210, 170}
	return xs[i], 470, ws[i], 52
}

func (s *practiceScene) updateOver(g *Game) error {
	s.age++
	s.rs.fx.Tick()
	if s.age < inputGuardTicks {
		return nil
	}
	gs := &g.Gestures
	act := -1
	switch {
	case gs.Confirm():
		act = 0
	case gs.Pressed(ebiten.KeyR):
		act = 1
	case gs.Pressed(ebiten.KeyEscape):
		act = 2
	}
	for i := range practiceDoneItems {
		if gs.Tapped(practiceDoneRect(i)) {
			act = i
		}
	}
	if act < 0 {
		return nil
	}
	g.Audio.Play(assets.SoundClick)
	switch act {
	case 0:
		gd, err := newGuidedScene(g)
		if err != nil {
			g.Notify(err.Error())
			return nil
		}
		g.Switch(gd)
	case 1:
		s.again(g)
	case 2:
		g.Switch(newTitleScene(g))
	}
	return nil
}

// rate is the share of balls caught, in per cent: every ball that came was caught or
// fell.
func (s *practiceScene) rate() int {
	n := s.caught + s.dropped
	if n == 0 {
		return 0
	}
	return (100*s.caught + n/2) / n
}

func (s *practiceScene) Draw(g *Game, r *Renderer) {
	rs := s.rs
	v := &rs.round.View
	t := rs.timeNow(g)
	dx, dy := rs.fx.offset()
	r.Shake(dx, dy)
	s.drawTop(r)
	s.drawPanel(g, r)
	rs.drawProduction(g, r, v, t)
	rs.drawHints(g, r)
	rs.fx.drawShapes(r)
	r.Flush()
	rs.fx.drawTexts(r)
	r.Shake(0, 0)
	r.Flush()
	if rs.countdown > 0 {
		rs.drawCountdown(g, r)
	}
	if s.over {
		s.drawResult(r)
	}
	if rs.paused {
		r.Flush()
		rs.drawPause(g, r)
	}
}

// drawTop is the practice's top bar: what it is, the time left, the balls caught.
func (s *practiceScene) drawTop(r *Renderer) {
	drawTopFrame(r)
	r.Text("PRACTICE", 20, 6, styleLabel.In(ColSky))
	r.Text("juggling only", 20, 30, styleHeading)
	left := (practiceTicks - s.ticks + sim.TicksPerSecond - 1) / sim.TicksPerSecond
	r.Text(fmt.Sprintf("%d s LEFT", max(left, 0)), ScreenW/2, 6, styleKeyNumber.At(Center))
	frac := float32(s.ticks) / practiceTicks
	r.Rect(ScreenW/2-170, 54, 340, 10, ColPanelEdge)
	r.Rect(ScreenW/2-170, 54, 340*min(frac, 1), 10, ColText)
	r.Text("CAUGHT", topUptimeX, 6, styleLabel.In(ColGreen))
	r.Text(fmt.Sprint(s.caught), topUptimeX, 26, styleKeyNumber)
	r.Text("MISSED", topOpsR, 6, styleLabel.In(ColVermilion).At(Right))
	r.Text(fmt.Sprint(s.dropped), topOpsR, 26, styleKeyNumber.At(Right))
	drawPauseButton(r)
}

// drawPanel explains the warm-up in dev's place (nobody plays dev here), and counts.
func (s *practiceScene) drawPanel(g *Game, r *Renderer) {
	r.Panel(devX, devY, devW, devH, ColPanel, ColPanelEdge)
	r.Rect(devX, devY, 6, devH, ColSky)
	r.Text("WARM-UP", devX+18, devY+8, styleHeading.In(ColSky))
	x, y := float32(devColX), float32(devY+50)
	keys := KeyName(g.Bindings[CtlCatchLeft]) + " (left) and " + KeyName(g.Bindings[CtlCatchRight]) + " (right)"
	for _, para := range []string{
		"Catch each ball at the hand it flies to: press " + keys + ".",
		"A ring closes on the hand as the ball comes: press as it meets the hand's ring.",
		"The lit key beside a hand is the one to press next.",
		"A ball you miss falls: then the juggler takes both balls back and starts again.",
	} {
		for _, l := range r.Wrap(para, styleBody, devColW) {
			r.Text(l, x, y, styleBody)
			y += 26
		}
		y += 8
	}
	y = float32(devY + devH - 150)
	r.Rect(devColX, y-10, devColW, 2, ColPanelEdge)
	r.Text("IN A ROW", x, y, styleLabel.In(ColDim))
	r.Text(fmt.Sprint(s.streak), x, y+22, styleKeyNumber)
	r.Text("BEST RUN", x+200, y, styleLabel.In(ColDim))
	r.Text(fmt.Sprint(s.best), x+200, y+22, styleKeyNumber)
	r.Text(fmt.Sprintf("presses with no ball in reach: %d", s.whiffs), x, y+76, styleNote)
}

// drawResult is the card at the end: how many balls were caught, and what next.
func (s *practiceScene) drawResult(r *Renderer) {
	r.Flush()
	r.Rect(0, 0, ScreenW, ScreenH, fade(ColBlack, 0.6))
	x, y, w, h := float32(270), float32(150), float32(740), float32(400)
	r.Panel(x, y, w, h, ColPanel, ColSky)
	r.Text("WARM-UP DONE", ScreenW/2, y+20, styleTitle)
	n := s.caught + s.dropped
	r.Text(fmt.Sprintf("%d of %d balls caught: %d %%", s.caught, n, s.rate()), ScreenW/2, y+76, styleKeyNumber.At(Center))
	r.Text(fmt.Sprintf("best run: %d in a row", s.best), ScreenW/2, y+130, styleBody.At(Center))
	verdict := "Ready: the guided first round teaches the rest, one thing at a time."
	if s.rate() < 90 {
		verdict = "Again? Press as each ring meets the hand, not when the ball arrives."
	}
	r.Text(verdict, ScreenW/2, y+180, stylePrompt)
	for i, it := range practiceDoneItems {
		bx, by, bw, bh := practiceDoneRect(i)
		fill, tc := ColPanel, ColText
		if i == 0 {
			fill, tc = ColSky, ColBlack
		}
		r.Panel(bx, by, bw, bh, fill, ColPanelEdge)
		r.Text(it, bx+bw/2, by+bh/2, styleTag.In(tc))
	}
}

// Footer is the practice's keys, in the status line.
func (s *practiceScene) Footer(g *Game) string {
	if s.over {
		return "Enter: guided first round · R: again · Esc: title"
	}
	return s.rs.Footer(g)
}
