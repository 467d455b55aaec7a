package game

import (
	"fmt"
	"image/color"
	"path/filepath"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"devopsjuggle/assets"
	"devopsjuggle/sim"
	"devopsjuggle/sim/coach"
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
	// uses marks the controls this round has a use for: only those get a hint.
	uses [NumControls]bool
	// buttons are this tick's clickable areas, rebuilt from the View each update.
	buttons  [16]button
	buttonsN int
	// finished is set once the round is over (or ended) and its replay saved.
	finished bool
	// countdown is the ticks of "get ready" left before the first tick.
	countdown int
	// pb is the replay's speed, hold and seek (playback.go); nil unless a replay plays.
	pb        *playback
	earlyKeys // the keys pressed during "get ready" (getready.go)
	// beatHint shows beginners which hand is next (easy, practice, the guided round).
	beatHint bool
	// menu, when set, replaces the pause menu's entries (practice, the guided round,
	// which handle the choice themselves).
	menu []string
	// subtitle, when set, replaces the preset's practices under PRODUCTION.
	subtitle string
	// juggleOnly keeps the feedback to the juggle (practice): no pager, no banners.
	juggleOnly bool
	// cues, prompts and mark are what sim/coach makes of the View after each step: the
	// approach cues, each role's prompts, and the ball the ops prompt names with the key
	// that answers it (coach.go).
	cues    coach.Cues
	prompts [2]coach.Prompts
	mark    promptMark
	// lastPrompt is the kind of each role's most urgent prompt at the last step.
	lastPrompt [2]coach.Kind
	// noPrompts keeps coach's prompts out (practice: only the juggle); ownStrip leaves
	// the strips and the mark to the scene, which reads the prompts (the guided round).
	noPrompts, ownStrip bool
	// prompt is what each role's strip tells it to do now ("" for its key hints), and
	// refusal why a key of that role just did nothing, shown refusalLeft more ticks
	// (over the prompts: it answers what the player just did).
	prompt      [2]stripLine
	prompt2     [2]stripLine // the next most urgent, under it (ops' strip has room)
	refusal     [2]stripLine
	refusalLeft [2]int
	// asked is the feature of the change request open last (ops' caption names it).
	asked sim.FeatureID

	kpiBuf []int16
	xs, ys []float32
	plates []area // the captions' plates, which the balls' tags avoid (drawBalls)
}

// button is a clickable (tappable) area that sends a control.
type button struct {
	x, y, w, h float32
	label      string
	ctl        Control
	enabled    bool
}

// buttonShort is a control's button label in a shorter form, shown with the key where
// "LABEL [K]" does not fit ("YES [Y]" for APPROVE in the change request's narrow box);
// "" for none.
var buttonShort = [NumControls]string{CtlApprove: "YES", CtlReject: "NO"}

func newRoundScene(g *Game, s Setup, record string) (*roundScene, error) {
	rd, err := NewRound(s)
	if err != nil {
		return nil, err
	}
	rs := &roundScene{round: rd, fx: NewEffects(), record: record, beatHint: s.Difficulty == sim.Easy, uses: controlsUsed(&rd.Config)}
	if rd.Human(sim.Dev) || rd.Human(sim.Ops) {
		rs.countdown = readyTicks
	}
	rs.observe(nil)
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
	rs := &roundScene{round: rd, fx: NewEffects(), uses: controlsUsed(&rd.Config), pb: newPlayback()}
	rs.observe(nil)
	return rs, nil
}

func (s *roundScene) Update(g *Game) error {
	if s.pauseKeys(g) {
		return nil
	}
	if s.paused {
		return s.updatePause(g)
	}
	if s.pb != nil {
		return s.pb.update(g, s)
	}
	s.layoutButtons()
	if s.countdown > 0 {
		s.holdEarlyKeys(g)
		if s.countdown--; s.countdown == 0 {
			g.withdraw(noticeCountdown) // "Not yet: the round starts in 1 s" is over
		}
		return nil
	}
	s.giveEarlyKeys(g)
	s.advance(g)
	return nil
}

// advance plays one tick of the round and, at the round's end or a month's, moves on to
// the debrief or the month's statement; it reports whether it did (the round scene is
// left). A round played and a replay played back move on alike.
func (s *roundScene) advance(g *Game) bool {
	before := s.round.World.Tick()
	evs := s.play(g, nil)
	if s.round.Done() {
		s.finish(g, true)
		return true
	}
	for _, e := range evs {
		if e.Kind == sim.EvMonthEnd && s.round.World.Tick() > before {
			st := s.round.World.Statements()
			g.Switch(newMonthScene(s, st[len(st)-1]))
			return true
		}
	}
	return false
}

// pauseKeys toggles the pause on Esc, P or the pause button, and reports whether it did.
func (s *roundScene) pauseKeys(g *Game) bool {
	gs := &g.Gestures
	if gs.Pressed(ebiten.KeyEscape) || gs.Pressed(ebiten.KeyP) || gs.Tapped(pauseBtnX, pauseBtnY, pauseBtnW, pauseBtnH) {
		s.paused = !s.paused
		s.pauseSel = 0
		g.Audio.Play(assets.SoundClick)
		return true
	}
	return false
}

// play steps the round one tick: the players' controls (keys and taps) of this tick and
// the scene's scripted inputs, then the feedback. It marks the controls that did
// something (their hints leave the screen), and returns the tick's events.
func (s *roundScene) play(g *Game, script []sim.Input) []sim.Event {
	gs := &g.Gestures
	ctls := gs.Controls(&g.Bindings, g.controls[:0])
	for _, t := range gs.Taps {
		if c := s.tapControl(t); c != CtlNone {
			ctls = append(ctls, c)
		}
	}
	g.controls = ctls
	// What each control means now, before the step changes the View.
	var pressed [8]struct {
		c  Control
		in sim.Input
	}
	n := 0
	for _, c := range ctls {
		if in, ok := s.round.Input(c); ok && n < len(pressed) {
			pressed[n].c, pressed[n].in = c, in
			n++
		}
	}
	evs := s.round.StepWith(ctls, script)
	for _, p := range pressed[:n] {
		if didSomething(p.in, evs) {
			s.used[p.c] = true
		}
	}
	s.observe(g)
	s.feedback(g, evs)
	s.fx.Tick()
	for role := range s.refusalLeft {
		s.refusalLeft[role] = max(0, s.refusalLeft[role]-1)
	}
	return evs
}

// didSomething reports whether an input of the last step did what its key is for: it
// was not refused, and a press at a hand caught a ball there (a press with nothing to
// catch, or at a hand busy picking up, did nothing). A hint leaves the screen only then:
// a key pressed at the wrong moment has not been learnt.
func didSomething(in sim.Input, evs []sim.Event) bool {
	hand := sim.NoHand
	switch in.Action {
	case sim.ActCatchLeft, sim.ActCatchRight:
		hand = sim.Hand(in.Action - sim.ActCatchLeft)
	case sim.ActRetireLeft, sim.ActRetireRight:
		hand = sim.Hand(in.Action - sim.ActRetireLeft)
	case sim.ActSwap:
		hand = sim.Hand(in.Arg)
	}
	caught := false
	for _, e := range evs {
		switch {
		case e.Kind == sim.EvRefused && e.Role == in.Role && e.Action == in.Action && e.Arg == in.Arg:
			return false
		case e.Kind == sim.EvCatch && e.Hand == hand:
			caught = true
		}
	}
	return hand == sim.NoHand || caught
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
		if s.buttonsN < len(s.buttons) && s.round.Human(c.Role()) && s.uses[c] {
			s.buttons[s.buttonsN] = button{x: x, y: y, w: w, h: h, label: label, ctl: c, enabled: on}
			s.buttonsN++
		}
	}
	add(devX+16, releaseY, 226, 44, "RELEASE", CtlRelease, v.CanRelease)
	test := "TEST"
	if v.Testing {
		test = "STOP TEST"
	}
	add(devX+252, releaseY, devW-268, 44, test, CtlTest, v.TrayN > 0 && !v.CRActive)
	if v.CRActive && v.Gate {
		// In the change request's box, in ops' half.
		x, y, w, h := requestRect(v.Monitoring)
		by := requestButtonsY(y, h)
		add(x+6, by, w/2-9, reqBtnH, "APPROVE", CtlApprove, true)
		add(x+w/2+3, by, w/2-9, reqBtnH, "REJECT", CtlReject, true)
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
	for i := 0; i < v.BallsN; i++ {
		if b := &v.Balls[i]; b.State == sim.BallFloor && b.Known {
			return true
		}
	}
	return false
}

// captionWhiff is said over a hand pressed with no ball in reach (sim.EvWhiff). It was
// "miss", and a play-test's caption read "miss ×292" for a round whose result counted 4
// misses (balls that reached a hand and fell): a press with nothing in the catch window
// is no missed ball, and a student reading "miss" counts a cost the model never charged.
// Repeats are not counted (Effects.SayPress): the count was of presses.
const captionWhiff = "nothing to catch"

// feedback turns the tick's events into sound, captions and flashes.
func (s *roundScene) feedback(g *Game, evs []sim.Event) {
	a, fx, v := g.Audio, s.fx, &s.round.View
	for _, e := range evs {
		if s.juggleOnly && !juggleEvent(e.Kind) {
			continue
		}
		switch e.Kind {
		case sim.EvCatch:
			a.Play(assets.SoundCatch)
			x := handX(e.Hand)
			fx.Flash(x, handY, 30, ColGreen)
		case sim.EvWhiff:
			a.Play(assets.SoundWhiff)
			fx.SayPress(captionWhiff, capHandX(e.Hand), capHandY, capHandRise, styleCaption.In(ColYellow))
		case sim.EvBusy:
			fx.SayMinor("busy picking up", capHandX(e.Hand), capHandY, capHandRise, styleCaption.In(ColYellow))
			s.refuse(e, v)
		case sim.EvDrop:
			a.Play(assets.SoundDrop)
			fx.Shake(14)
			// Which version fell shows once monitoring (or an incident) shows it. In
			// practice and the catch lesson there is nothing to monitor and no version
			// to tell apart: a drop is only a drop.
			msg := "something fell"
			switch {
			case s.juggleOnly:
				msg = "dropped"
			case s.floorKnown(e.Version):
				msg = fmt.Sprintf("DROP v%d", e.Version)
			}
			fx.Say(msg, capHandX(e.Hand), capHandY, capHandRise, styleCaptionBig.In(ColVermilion))
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
			s.asked = e.Feature
		case sim.EvCRTimedOut:
			fx.Say("change request expired", capCRX, capCRY, 0, styleCaption.In(ColYellow))
			s.sayAnswer("expired", ColYellow, v)
		case sim.EvCRRejected:
			fx.Say("change rejected", capCRX, capCRY, 0, styleCaption.In(ColYellow))
			s.sayAnswer("rejected", ColYellow, v)
		case sim.EvCRApproved:
			fx.Say("change approved", capCRX, capCRY, 0, styleCaption.In(ColGreen))
			s.sayAnswer("approved", ColGreen, v)
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
			s.refuse(e, v)
		}
	}
	if v.CRActive && v.TrayN > 0 {
		s.asked = crFeature(v) // a replay sought past the request's submission
	}
}

// sayAnswer tells, under the change request's box in ops' half, what became of the
// request just answered or expired ("approved F1"): dev's panel says it too, but ops
// watches its own box, where dev's next request may take F1's place within a tick and
// look unchanged.
func (s *roundScene) sayAnswer(what string, col color.RGBA, v *sim.View) {
	x, y := capAnswerAt(v.Monitoring)
	s.fx.Say(fmt.Sprintf("%s F%d", what, s.asked), x, y, 0, styleCaptionSmall.In(col))
}

// refusalTicks is how long a refusal's reason stays in its role's strip: 2.5 s.
const refusalTicks = 5 * sim.TicksPerSecond / 2

// refuse shows, in the strip of the role whose key did nothing, why, in plain words
// (coach.Explain); for a role a person plays.
func (s *roundScene) refuse(e sim.Event, v *sim.View) {
	if !s.round.Human(e.Role) {
		return
	}
	s.refusal[e.Role] = stripLine{text: coach.Explain(&e, v), refusal: true}
	s.refusalLeft[e.Role] = refusalTicks
}

// restartJuggle replaces the round's world by a new one of cfg, both balls back in the
// juggler's hands (practice, the guided round's catch lesson, after a fall).
func (s *roundScene) restartJuggle(setup Setup, cfg sim.Config) error {
	rd, err := newScriptedRound(setup, cfg, s.round.scriptedBy[sim.Dev])
	if err != nil {
		return err
	}
	s.round = rd
	s.fx.Say("both balls back in hand: again", capOpsX, capOpsY, capOpsRise, styleCaption.In(ColSky))
	s.observe(nil)
	return nil
}

// juggleEvent reports whether an event is the juggle's own (a catch, a miss, a drop):
// all the feedback practice gives.
func juggleEvent(k sim.EventKind) bool {
	return k == sim.EvCatch || k == sim.EvWhiff || k == sim.EvBusy || k == sim.EvDrop
}

// floorKnown reports whether ops knows of the ball of version ver lying on the floor.
func (s *roundScene) floorKnown(ver sim.Version) bool {
	v := &s.round.View
	for i := 0; i < v.BallsN; i++ {
		if b := &v.Balls[i]; b.Version == ver {
			return b.Known
		}
	}
	return false
}

// pause menu entries.
var pauseItems = []string{"Resume", "Restart round", "How to play", "Settings", "End round: debrief", "Quit to title"}

// menuItems is the pause menu's entries: the round's, or a practice's or guided
// round's own (menu).
func (s *roundScene) menuItems() []string {
	if s.menu != nil {
		return s.menu
	}
	return pauseItems
}

// pickPause moves the pause menu's selection and returns the entry chosen this tick
// (Enter, Space or a tap), -1 for none.
func (s *roundScene) pickPause(g *Game) int {
	gs := &g.Gestures
	items := s.menuItems()
	n := len(items)
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
	for i := range items {
		x, y, w, h := pauseItemRect(i)
		if gs.Tapped(x, y, w, h) {
			sel = i
		}
	}
	if sel >= 0 {
		g.Audio.Play(assets.SoundClick)
	}
	return sel
}

func (s *roundScene) updatePause(g *Game) error {
	sel := s.pickPause(g)
	if sel < 0 {
		return nil
	}
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
		rec.NotForHall = g.hall != nil && !g.hall.Plays(s.round.Setup)
		// Hook: the lecture hall's upload (hall_js.go), of the hall's round only (hall.go).
		if onRoundEnd != nil && s.round.World.Tick() > 0 && g.hall.Plays(s.round.Setup) {
			onRoundEnd(s.round.Replay())
		}
		if joinsSession(s.round) {
			g.Session = append(g.Session, rec)
		}
	} else if d := s.round.Divergence; d != nil {
		g.Notify(divergenceNotice(d))
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
