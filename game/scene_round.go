package game

import (
	"fmt"
	"path/filepath"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"devopsjuggle/assets"
	"devopsjuggle/sim"
	"devopsjuggle/sim/replay"
	"devopsjuggle/sim/report"
)

// roundScene is the round: the world stepped once per update, drawn from its View.
type roundScene struct {
	round *Round
	fx    *Effects
	// record is where the replay is saved at the end ("" for the data folder's default).
	record string

	paused   bool
	pauseSel int
	// used marks the controls used this round: their hints then leave the screen.
	used [NumControls]bool
	// buttons are this tick's clickable areas, rebuilt from the View each update.
	buttons  [16]button
	buttonsN int
	// finished is set once the round is over (or ended) and its replay saved.
	finished bool
	// countdown is the ticks of "get ready" left before the first tick.
	countdown int

	kpiBuf []int16
	xs, ys []float32
}

// button is a clickable (tappable) area that sends a control.
type button struct {
	x, y, w, h float32
	label      string
	ctl        Control
	enabled    bool
}

func newRoundScene(g *Game, s Setup, record string) (*roundScene, error) {
	rd, err := NewRound(s)
	if err != nil {
		return nil, err
	}
	rs := &roundScene{round: rd, fx: NewEffects(), record: record}
	if rd.Human(sim.Dev) || rd.Human(sim.Ops) {
		rs.countdown = readyTicks
	}
	return rs, nil
}

// readyTicks is the "get ready" before a round that people play: the first balls land
// half a second after the first tick.
const readyTicks = 3 * sim.TicksPerSecond

// newReplayScene plays a replay file back.
func newReplayScene(g *Game, path string) (*roundScene, error) {
	r, err := replay.ReadFile(path)
	if err != nil {
		return nil, err
	}
	rd, err := NewPlayback(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &roundScene{round: rd, fx: NewEffects()}, nil
}

func (s *roundScene) Update(g *Game) error {
	gs := &g.Gestures
	if gs.Pressed(ebiten.KeyEscape) || gs.Pressed(ebiten.KeyP) || gs.Tapped(pauseBtnX, pauseBtnY, pauseBtnW, pauseBtnH) {
		s.paused = !s.paused
		s.pauseSel = 0
		g.Audio.Play(assets.SoundClick)
		return nil
	}
	if s.paused {
		return s.updatePause(g)
	}
	s.layoutButtons()
	if s.countdown > 0 {
		s.countdown--
		return nil
	}
	ctls := gs.Controls(&g.Bindings, g.controls[:0])
	for _, t := range gs.Taps {
		if c := s.tapControl(t); c != CtlNone {
			ctls = append(ctls, c)
		}
	}
	g.controls = ctls
	for _, c := range ctls {
		if s.round.Human(c.Role()) {
			s.used[c] = true
		}
	}
	before := s.round.World.Tick()
	evs := s.round.Step(ctls)
	s.feedback(g, evs)
	s.fx.Tick()
	if s.round.Done() {
		s.finish(g, true)
		return nil
	}
	for _, e := range evs {
		if e.Kind == sim.EvMonthEnd && s.round.World.Tick() > before {
			st := s.round.World.Statements()
			g.Switch(newMonthScene(s, st[len(st)-1]))
		}
	}
	return nil
}

// tapControl is the control a tap means: a hand to catch, or a button.
func (s *roundScene) tapControl(p Point) Control {
	for i := 0; i < s.buttonsN; i++ {
		b := &s.buttons[i]
		if b.enabled && p.In(b.x, b.y, b.w, b.h) {
			return b.ctl
		}
	}
	for h, x := range [2]float32{handLX, handRX} {
		dx, dy := p.X-x, p.Y-handY
		if dx*dx+dy*dy < 80*80 {
			return CtlCatchLeft + Control(h)
		}
	}
	return CtlNone
}

// layoutButtons lists the buttons the View allows now, for the roles people play.
func (s *roundScene) layoutButtons() {
	v := &s.round.View
	s.buttonsN = 0
	add := func(x, y, w, h float32, label string, c Control, on bool) {
		if s.buttonsN < len(s.buttons) && s.round.Human(c.Role()) {
			s.buttons[s.buttonsN] = button{x, y, w, h, label, c, on}
			s.buttonsN++
		}
	}
	add(devX+16, releaseY, 226, 44, "RELEASE", CtlRelease, v.CanRelease)
	test := "TEST"
	if v.Testing {
		test = "STOP TEST"
	}
	add(devX+252, releaseY, devW-268, 44, test, CtlTest, v.TrayN > 0 && !v.CRActive)
	if v.CRActive {
		add(devX+devW-262, crY+36, 126, 40, "APPROVE", CtlApprove, true)
		add(devX+devW-130, crY+36, 114, 40, "REJECT", CtlReject, true)
	}
	bx := float32(prodX + 12)
	add(bx, opsBtnY, 150, 40, "RETIRE L", CtlRetireLeft, true)
	bx += 158
	if v.Release == sim.BlueGreen {
		add(bx, opsBtnY, 120, 40, "SWAP", CtlSwap, true)
		bx += 128
	}
	known := s.knownFloor()
	add(bx, opsBtnY, 130, 40, "PICK UP", CtlRecover, known)
	bx += 138
	add(bx, opsBtnY, 130, 40, "DISCARD", CtlDiscard, known)
	bx += 138
	add(bx, opsBtnY, 150, 40, "RETIRE R", CtlRetireRight, true)
	if v.Unacked > 0 {
		add(incX+incW-150, incY+5, 140, 32, "ACK", CtlAck, true) // beside the title, above the cause
	}
}

// knownFloor reports whether ops can see a ball on the floor.
func (s *roundScene) knownFloor() bool {
	v := &s.round.View
	for i := 0; i < v.NBalls; i++ {
		if b := &v.Balls[i]; b.State == sim.BallFloor && b.Known {
			return true
		}
	}
	return false
}

// feedback turns the tick's events into sound, captions and flashes.
func (s *roundScene) feedback(g *Game, evs []sim.Event) {
	a, fx, v := g.Audio, s.fx, &s.round.View
	for _, e := range evs {
		switch e.Kind {
		case sim.EvCatch:
			a.Play(assets.SoundCatch)
			x := handX(e.Hand)
			fx.Flash(x, handY, 30, ColGreen)
		case sim.EvWhiff:
			a.Play(assets.SoundWhiff)
			fx.Say("miss", handX(e.Hand), capHandY, capRise, styleCaptionBig.In(ColYellow))
		case sim.EvBusy:
			fx.Say("busy picking up", handX(e.Hand), capHandY, capRise, styleCaption.In(ColYellow))
		case sim.EvDrop:
			a.Play(assets.SoundDrop)
			fx.Shake(14)
			msg := "something fell"
			if s.floorKnown(e.Version) {
				msg = fmt.Sprintf("DROP v%d", e.Version)
			}
			fx.Say(msg, handX(e.Hand), capHandY, capRise, styleCaptionBig.In(ColVermilion))
		case sim.EvRollback:
			a.Play(assets.SoundRollback)
			fx.Banner("ROLLBACK", fmt.Sprintf("v%d out, v%d live", e.Version, v.Live), ColYellow)
		case sim.EvShipped:
			a.Play(assets.SoundCash)
			if p := s.round.Config.DevPay.PerFeature; p > 0 {
				fx.Say("+"+report.Dollars(int64(p))+" shipped", capDevX, capDevY, 0, styleCaption.In(ColOrange))
			} else {
				fx.Say("shipped", capDevX, capDevY, 0, styleCaption.In(ColOrange))
			}
		case sim.EvClawback:
			fx.Say("clawed back", capDevX, capDevY, 0, styleCaption.In(ColVermilion))
		case sim.EvMonthEnd:
			a.Play(assets.SoundMonthEnd)
		case sim.EvDetected:
			fx.Alert()
			if e.Det != sim.DetectedByComplaint {
				a.Play(assets.SoundPager)
			}
		case sim.EvAlert:
			fx.Alert()
			a.Play(assets.SoundPager)
		case sim.EvComplaint:
			fx.Complain()
			a.Play(assets.SoundComplaint)
		case sim.EvCRSubmitted:
			a.Play(assets.SoundRequest)
		case sim.EvCRTimedOut:
			fx.Say("change request expired", capCRX, capCRY, 0, styleCaption.In(ColYellow))
		case sim.EvCRRejected:
			fx.Say("change rejected", capCRX, capCRY, 0, styleCaption.In(ColYellow))
		case sim.EvCRApproved:
			fx.Say("change approved", capCRX, capCRY, 0, styleCaption.In(ColGreen))
		case sim.EvRelease:
			a.Play(assets.SoundRelease)
		case sim.EvLive:
			fx.Say(fmt.Sprintf("v%d LIVE", e.Version), capLiveX, capLiveY, capRise, styleCaptionBig.In(ColSky))
		case sim.EvSwap:
			fx.Flash(standX, standY-30, 40, ColPurple)
		case sim.EvTestHalved:
			fx.Say("halved", capTestX, capTestY, 0, styleCaptionSmall.In(ColGreen))
		case sim.EvLocked:
			fx.Banner("ERROR BUDGET SPENT", "releases locked until next month", ColVermilion)
		case sim.EvRefused:
			if s.round.Human(e.Role) {
				if e.Role == sim.Dev {
					fx.Say("not now: "+e.Action.String(), capCRX, capCRY, 0, styleCaption)
				} else {
					fx.Say("not now: "+e.Action.String(), capOpsX, capOpsY, capRise, styleCaption)
				}
			}
		}
	}
}

// floorKnown reports whether ops knows of the ball of version ver lying on the floor.
func (s *roundScene) floorKnown(ver sim.Version) bool {
	v := &s.round.View
	for i := 0; i < v.NBalls; i++ {
		if b := &v.Balls[i]; b.Version == ver {
			return b.Known
		}
	}
	return false
}

// pause menu entries.
var pauseItems = []string{"Resume", "Restart round", "How to play", "Settings", "End round: debrief", "Quit to title"}

func (s *roundScene) updatePause(g *Game) error {
	gs := &g.Gestures
	n := len(pauseItems)
	switch {
	case gs.Pressed(ebiten.KeyUp):
		s.pauseSel = (s.pauseSel + n - 1) % n
	case gs.Pressed(ebiten.KeyDown):
		s.pauseSel = (s.pauseSel + 1) % n
	}
	sel := -1
	if gs.Confirm() {
		sel = s.pauseSel
	}
	for i := range pauseItems {
		x, y, w, h := pauseItemRect(i)
		if gs.Tapped(x, y, w, h) {
			sel = i
		}
	}
	if sel < 0 {
		return nil
	}
	g.Audio.Play(assets.SoundClick)
	switch sel {
	case 0:
		s.paused = false
	case 1:
		if s.round.Playback() {
			r, err := newReplayScene(g, g.opts.Replay)
			if err != nil {
				g.Notify(err.Error())
				return nil
			}
			g.Switch(r)
			return nil
		}
		r, err := newRoundScene(g, s.round.Setup, "")
		if err != nil {
			g.Notify(err.Error())
			return nil
		}
		g.Switch(r)
	case 2:
		g.Switch(newHowToScene(s))
	case 3:
		g.Switch(newSettingsScene(s))
	case 4:
		s.finish(g, false)
	case 5:
		s.finish(g, false)
		g.Switch(newTitleScene(g))
	}
	return nil
}

// finish saves the replay, records the round in the session and shows the debrief.
func (s *roundScene) finish(g *Game, complete bool) {
	if s.finished {
		return
	}
	s.finished = true
	w := s.round.World
	rec := RoundRecord{Setup: s.round.Setup, Config: s.round.Config, Result: w.Result(),
		Statements: append([]sim.MonthStatement(nil), w.Statements()...),
		Incidents:  append([]sim.Incident(nil), w.Incidents()...),
		PostMortem: report.PostMortem(w) + report.DecisionsSection(s.round.Decisions()), Complete: complete && w.Done(), Playback: s.round.Playback()}
	if !s.round.Playback() {
		rec.ReplayPath = s.saveReplay(g)
		if onRoundEnd != nil && s.round.World.Tick() > 0 { // hook: the lecture hall's upload (hall_js.go)
			onRoundEnd(s.round.Replay())
		}
		if joinsSession(s.round) {
			g.Session = append(g.Session, rec)
		}
	} else if d := s.round.Divergence; d != nil {
		g.Notify("Replay " + d.Error())
	}
	g.Switch(newDebriefScene(g, rec))
}

// onRoundEnd, when set, is handed the replay of each round played (not a playback) when
// it ends. Hook: only the lecture hall's browser page sets it (hall_js.go).
var onRoundEnd func(*replay.Replay)

// joinsSession reports whether a round joins the session view: one that people played
// (bots on both roles are a warm-up, or the attract mode before class), and that got
// past its first tick.
func joinsSession(rd *Round) bool {
	return (rd.Human(sim.Dev) || rd.Human(sim.Ops)) && rd.World.Tick() > 0
}

// saveReplay writes the round's replay, as far as it was played, to -record's file or
// the data folder; it returns the path, "" if none was written. A round ended before
// its first tick (during "get ready") has nothing to replay: it writes none.
func (s *roundScene) saveReplay(g *Game) string {
	if s.round.Playback() || s.round.World.Tick() == 0 {
		return ""
	}
	path := s.record
	if path == "" && g.opts.DataDir != "" {
		name := fmt.Sprintf("%s-%s-seed%d.replay.jsonl", time.Now().Format("20060102-150405"), s.round.Config.Name, s.round.Setup.Seed)
		path = filepath.Join(g.opts.DataDir, "replays", name)
	}
	if path == "" {
		return ""
	}
	if err := s.round.SaveReplay(path); err != nil {
		g.Notify("Replay not saved: " + err.Error())
		return ""
	}
	g.Notify("Replay saved: " + path)
	return path
}

// currentRound returns the round under the scene (the round, its month statement), nil
// if there is none.
func currentRound(sc Scene) *roundScene {
	switch s := sc.(type) {
	case *roundScene:
		return s
	case *monthScene:
		return s.rs
	case *howToScene:
		return currentRound(s.back)
	case *settingsScene:
		return currentRound(s.back)
	}
	return nil
}
