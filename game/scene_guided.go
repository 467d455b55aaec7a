package game

import (
	"fmt"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"

	"devopsjuggle/assets"
	"devopsjuggle/sim"
	"devopsjuggle/sim/coach"
)

// The guided first round teaches ops' keys one lesson at a time, each waiting for the
// player to do it: catch, retire, roll back, pick up, acknowledge, approve or reject.
// Each lesson is a situation the scene sets up in a world of its own (a config, a seed,
// and scripted inputs: dev's releases, or ops' juggling before a ball is let fall), or
// goes on in the last lesson's world. Nothing in it is random but the world's seeded
// draws, so the same keys at the same ticks play it the same way every time
// (TestGuidedRoundScript).

// lessonID names a lesson.
type lessonID int

// The lessons, in their order.
const (
	lessonCatch lessonID = iota
	lessonRetire
	lessonRollback
	lessonPickUp
	lessonAck
	lessonApprove
	numLessons
)

// guidedLesson is what a lesson says: its name, its card's text, the keys it teaches.
type guidedLesson struct {
	key   string // its name in tests: "catch", "retire"...
	title string
	intro string // the card before it: what to do, and why
	keys  []Control
	// goesOn: the lesson goes on in the last lesson's world, at once, with no card.
	goesOn bool
}

// catchGoal is how many catches in a row the first lesson asks for.
const catchGoal = 8

var lessons = [numLessons]guidedLesson{
	lessonCatch: {key: "catch", title: "CATCH",
		intro: "Production holds two versions of the service: two balls. Juggling them is supporting them. " +
			"Catch each ball at the hand it flies to: a ring closes on the hand as the ball comes, and the lit key " +
			fmt.Sprintf("beside a hand is the next to press. Catch %d in a row.", catchGoal),
		keys: []Control{CtlCatchLeft, CtlCatchRight}},
	lessonRetire: {key: "retire", title: "RETIRE",
		intro: "Dev releases a new version: a yellow ball tagged NEW flies in. Catch it and it becomes the live " +
			"version. Production then holds three versions, and the target is two (the live one and a standby " +
			"to roll back to): every extra ball is extra load. Retire the oldest: press retire at its hand as it lands.",
		keys: []Control{CtlRetireLeft, CtlRetireRight}},
	lessonRollback: {key: "rollback", title: "ROLL BACK",
		intro: "Dev releases again, and this version has a defect. Catch it: it goes live, and the customer KPI " +
			"(top right) falls. Monitoring then shows the live ball cracked, tagged DEFECT. Roll back: retire the " +
			"live ball as it lands. The version before it is live again, and the feature goes back to dev.",
		keys: []Control{CtlRetireLeft, CtlRetireRight}},
	lessonPickUp: {key: "pickup", title: "PICK UP",
		intro: "The live version fell: the service is down until it is back in the air. Pick it up (it rises " +
			"for a moment, the service still down, and its hand catches nothing meanwhile), or throw it away: a " +
			"rollback to the standby, live at once. Keep the other ball up meanwhile.",
		keys: []Control{CtlRecover, CtlDiscard}},
	lessonAck: {key: "ack", title: "ACKNOWLEDGE", goesOn: true,
		intro: "Every outage is an incident. Acknowledge it: it tells everyone that ops is on it, and the " +
			"post-mortem counts how long that took.",
		keys: []Control{CtlAck}},
	lessonApprove: {key: "approve", title: "APPROVE OR REJECT",
		intro: "In the lecture's silo every release is a change request: ops approves or rejects it. Dev is paid " +
			"per feature shipped, ops by uptime: a release is a risk to your uptime. Wait for dev's request, then decide.",
		keys: []Control{CtlApprove, CtlReject}},
}

// guidedConfig is the world of a lesson: the lecture's juggle on easy, a month far longer
// than a lesson, nobody paid, no defects but the roll-back lesson's, dev quick to build.
func guidedConfig(l lessonID) (sim.Config, error) {
	c, err := sim.Preset("silo")
	if err != nil {
		return c, err
	}
	c.Name = "guided"
	c.Months, c.MonthTicks = 1, 20*60*sim.TicksPerSecond
	c.Gate = false
	c.Monitoring = sim.MonitorNone
	c.DevPay, c.OpsPay = sim.PayScheme{}, sim.PayScheme{}
	c.DefectChancePermille = 0
	c.BuildTicks = sim.TicksPerSecond
	c.CRTimeoutTicks = 60 * sim.TicksPerSecond
	sim.Easy.Apply(&c)
	switch l {
	case lessonRollback:
		c.DefectChancePermille = 1000
		c.Monitoring = sim.MonitorTopDown // the customer KPI reveals the defect
	case lessonPickUp, lessonAck:
		c.Monitoring = sim.MonitorBottomUp // the fall is seen at once
	case lessonApprove:
		c.Gate = true
	}
	return c, c.Validate()
}

// guidedSeed is every lesson's seed: a lesson's world is the same every time.
const guidedSeed = 1

// card is what covers the guided round: a lesson's card, or the end's.
type card uint8

const (
	cardNone card = iota // the lesson is being played
	cardLesson
	cardEnd
)

// guidedScene is the guided first round.
type guidedScene struct {
	rs     *roundScene
	lesson lessonID
	card   card
	age    int // ticks the card has been shown (keys wait inputGuardTicks)
	// done says what the last lesson's end did, on the next card; again why this lesson
	// starts again.
	done, again string
	// streak counts catches in a row (the catch lesson); released is set once the
	// lesson's release went out.
	streak   int
	released bool
	// passed marks the lessons done, skipped those left by the pause menu's "Skip
	// lesson", for the checklist and the end card; doneSkip says the last one was skipped
	// (its card shows no tick).
	passed, skipped [numLessons]bool
	doneSkip        bool
	// setup and cfg made the lesson's world; resetLeft counts down to a new one after a
	// fall in the catch lesson (resetTicks, as in practice).
	setup     Setup
	cfg       sim.Config
	resetLeft int
}

// guidedMenu is the guided round's pause menu.
var guidedMenu = []string{"Resume", "Restart lesson", "Skip lesson", "How to play", "Quit to title"}

func newGuidedScene(g *Game) (*guidedScene, error) {
	s := &guidedScene{}
	if err := s.start(lessonCatch); err != nil {
		return nil, err
	}
	return s, nil
}

// start sets lesson l up: its own world (or, for a lesson that goes on, the last one's),
// and its card.
func (s *guidedScene) start(l lessonID) error {
	s.lesson, s.streak, s.released, s.age = l, 0, false, 0
	s.card = cardLesson
	if lessons[l].goesOn && s.rs != nil {
		s.card = cardNone
		s.rs.fx.Banner(lessons[l].title, s.done, ColGreen)
		s.setUses()
		return nil
	}
	cfg, err := guidedConfig(l)
	if err != nil {
		return err
	}
	setup := Setup{Preset: cfg.Name, Months: 1, Seed: guidedSeed, Difficulty: sim.Easy, Players: [2]Player{{Bot: true}, Human}}
	s.setup, s.cfg, s.resetLeft = setup, cfg, 0
	rd, err := newScriptedRound(setup, cfg, "guide")
	if err != nil {
		return err
	}
	s.rs = &roundScene{round: rd, fx: NewEffects(), beatHint: true, menu: guidedMenu,
		subtitle: "guided first round · you play ops", juggleOnly: l == lessonCatch, ownStrip: true}
	s.rs.fx.QuietLeftOf = prodX
	s.setUses()
	if l == lessonPickUp {
		letLiveFall(rd)
	}
	s.rs.observe(nil)
	s.setPrompt()
	return nil
}

// setUses gives hints and buttons the keys taught so far.
func (s *guidedScene) setUses() {
	s.rs.uses = [NumControls]bool{}
	for l := lessonCatch; l <= s.lesson; l++ {
		for _, c := range lessons[l].keys {
			s.rs.uses[c] = true
		}
	}
	s.rs.uses[CtlCatchLeft], s.rs.uses[CtlCatchRight] = true, true
}

// letLiveFall sets the pick-up lesson's situation up: the scene juggles for the player,
// catching each ball on its arrival tick, and lets the live version fall at its first
// arrival; it stops once no ball is due for most of a second, so that the player takes
// over calmly. A bounded loop: the fall comes within two flights of the grace's end.
func letLiveFall(rd *Round) {
	fall := rd.View.Live
	fell := false
	var in []sim.Input
	for range 20 * sim.TicksPerSecond {
		v := &rd.View
		if fell && calm(v, 50) {
			return
		}
		in = in[:0]
		for i := 0; i < v.BallsN; i++ {
			b := &v.Balls[i]
			if b.State.InJuggle() && b.Arrival == v.Tick && (b.Version != fall || fell) {
				in = append(in, sim.Input{Tick: v.Tick, Role: sim.Ops, Action: sim.ActCatchLeft + sim.Action(b.Hand)})
			}
		}
		for _, e := range rd.StepWith(nil, in) {
			fell = fell || e.Kind == sim.EvDrop && e.Version == fall
		}
	}
}

// calm reports whether no ball is due at a hand within ticks.
func calm(v *sim.View, ticks sim.Tick) bool {
	for i := 0; i < v.BallsN; i++ {
		if b := &v.Balls[i]; b.State.InJuggle() && b.Arrival-v.Tick < ticks {
			return false
		}
	}
	return true
}

func (s *guidedScene) Update(g *Game) error {
	rs := s.rs
	if s.card == cardEnd {
		return s.updateCard(g)
	}
	if rs.pauseKeys(g) {
		return nil
	}
	if rs.paused {
		s.updatePause(g)
		return nil
	}
	if s.card == cardLesson {
		return s.updateCard(g)
	}
	rs.layoutButtons()
	evs := rs.play(g, s.script())
	s.judge(g, evs)
	if s.resetLeft > 0 && s.card == cardNone {
		if s.resetLeft--; s.resetLeft == 0 {
			if err := s.rs.restartJuggle(s.setup, s.cfg); err != nil {
				return err
			}
		}
	}
	s.setPrompt()
	return nil
}

// updatePause runs the guided round's pause menu.
func (s *guidedScene) updatePause(g *Game) {
	rs := s.rs
	switch rs.pickPause(g) {
	case 0:
		rs.paused = false
	case 1:
		s.restart(g, "")
	case 2:
		s.skip(g)
	case 3:
		g.Switch(newHowToScene(s))
	case 4:
		g.Switch(newTitleScene(g))
	}
}

// updateCard waits on a card for Enter, Space or a tap.
func (s *guidedScene) updateCard(g *Game) error {
	s.age++
	s.rs.fx.Tick()
	gs := &g.Gestures
	if gs.Pressed(ebiten.KeyEscape) && s.card == cardEnd {
		g.Switch(newTitleScene(g))
		return nil
	}
	if s.age < inputGuardTicks || !(gs.Confirm() || len(gs.Taps) > 0) {
		return nil
	}
	g.Audio.Play(assets.SoundClick)
	if s.card == cardEnd {
		s.playLecture(g)
		return nil
	}
	s.card = cardNone
	s.setPrompt()
	return nil
}

// playLecture starts the lecture's round as the guided round's end offers it: silo, the
// player as ops, the dev bot as dev, on the title's choices of months and seed; in hall
// mode, the hall's round as the instructor set it (the one the hall counts).
func (s *guidedScene) playLecture(g *Game) {
	st := &g.Settings
	d, _ := sim.ParseDifficulty(st.Difficulty)
	setup := Setup{Preset: "silo", Months: st.Months, Seed: 1, Difficulty: d, Players: [2]Player{{Bot: true}, Human}}
	if g.hall != nil {
		setup = g.hall.Round
	}
	r, err := newRoundScene(g, setup, "")
	if err != nil {
		g.Notify(err.Error())
		return
	}
	g.Switch(r)
}

// nextRoundName is what the guided round's end calls the round it offers (playLecture),
// in its strip and its status line: "the lecture's round", or in hall mode the hall's
// ("round 2").
func nextRoundName(g *Game) string {
	if g.hall != nil {
		return g.hall.RoundName()
	}
	return "the lecture's round"
}

// restart sets the lesson up again from its start; why says what went wrong.
func (s *guidedScene) restart(g *Game, why string) {
	if lessons[s.lesson].goesOn {
		s.rs.paused = false
		return // it waits in its world: nothing to set up again
	}
	s.again = why
	if err := s.start(s.lesson); err != nil {
		g.Notify(err.Error())
	}
}

// next moves on to the next lesson, or to the end; note says what the lesson's end did.
func (s *guidedScene) next(g *Game, note string) {
	s.passed[s.lesson] = true
	s.advance(g, note, false)
}

// skip moves on without the lesson: the checklist and the end card say it was skipped,
// not done (the end card said "you have used every key ops needs" after skips).
func (s *guidedScene) skip(g *Game) {
	s.skipped[s.lesson] = true
	s.advance(g, fmt.Sprintf("Lesson %d skipped: %s.", s.lesson+1, lessons[s.lesson].title), true)
}

// skippedTitles names the lessons skipped and not passed since, "" for none.
func (s *guidedScene) skippedTitles() string {
	var t []string
	for l := range numLessons {
		if s.skipped[l] && !s.passed[l] {
			t = append(t, lessons[l].title)
		}
	}
	return strings.Join(t, ", ")
}

// advance moves on to the next lesson, or to the end, after a lesson passed or skipped.
func (s *guidedScene) advance(g *Game, note string, skipped bool) {
	s.done, s.again, s.doneSkip = note, "", skipped
	g.Audio.Play(assets.SoundLesson)
	if s.lesson+1 == numLessons {
		s.card, s.age, s.rs.paused = cardEnd, 0, false
		s.rs.prompt[sim.Ops] = stripLine{text: "guided round done: " + nextRoundName(g) + " is next", keys: [3]Control{}}
		if !g.Settings.Guided {
			g.Settings.Guided = true
			g.SaveSettings()
		}
		return
	}
	if err := s.start(s.lesson + 1); err != nil {
		g.Notify(err.Error())
	}
}

// script is the lesson's scripted inputs for this tick: dev's release, when the lesson
// has one, at a moment its ball lands clear of the others.
func (s *guidedScene) script() []sim.Input {
	rd := s.rs.round
	v := &rd.View
	switch s.lesson {
	case lessonRetire, lessonRollback:
		if s.released || v.TrayN == 0 {
			return nil
		}
		if h, ok := releaseSlot(v, &rd.Config); ok {
			return []sim.Input{{Tick: v.Tick, Role: sim.Dev, Action: sim.ActRelease, Arg: sim.ArgHandLeft + int32(h)}}
		}
	case lessonApprove:
		if !s.released && v.TrayN > 0 && v.CanRelease {
			return []sim.Input{{Tick: v.Tick, Role: sim.Dev, Action: sim.ActRelease, Arg: sim.ArgHandAuto}}
		}
	}
	return nil
}

// releaseGapTicks is the least time between a released ball's landing and any other
// ball's at that hand, this landing and the next (twice the easy catch window): a
// newcomer catches each with one press.
const releaseGapTicks = 25

// releaseSlot returns a hand a release sent now would land at clear of the other balls
// (releaseGapTicks), and at the other hand a flight later, if they are caught on time.
func releaseSlot(v *sim.View, cfg *sim.Config) (sim.Hand, bool) {
	land := v.Tick + cfg.ReleaseFlightTicks
	for _, h := range [2]sim.Hand{sim.Left, sim.Right} {
		if clearAt(v, h, land, cfg.FlightTicks) && clearAt(v, h.Other(), land+cfg.FlightTicks, cfg.FlightTicks) {
			return h, true
		}
	}
	return sim.NoHand, false
}

// clearAt reports whether no ball lands at hand h within releaseGapTicks of tick at:
// those flying there, and those flying to the other hand, thrown back a flight later.
func clearAt(v *sim.View, h sim.Hand, at, flight sim.Tick) bool {
	for i := 0; i < v.BallsN; i++ {
		b := &v.Balls[i]
		if !b.State.InJuggle() {
			continue
		}
		a := b.Arrival
		if b.Hand != h {
			a += flight
		}
		if d := a - at; d < releaseGapTicks && d > -releaseGapTicks {
			return false
		}
	}
	return true
}

// judge reads the tick's events: has the player done the lesson's action (next), or has
// the situation been lost (restart)?
func (s *guidedScene) judge(g *Game, evs []sim.Event) {
	var fell, retired, rolledBack, picked, discarded, acked, approved, rejected, timedOut bool
	for _, e := range evs {
		switch e.Kind {
		case sim.EvCatch:
			s.streak++
		case sim.EvDrop:
			fell = true
			s.streak = 0
		case sim.EvRelease, sim.EvCRSubmitted:
			s.released = true
		case sim.EvRetire:
			retired = true
		case sim.EvRollback:
			rolledBack = true
		case sim.EvRecoverStart:
			picked = picked || e.Role == sim.Ops
		case sim.EvDiscard:
			discarded = true
		case sim.EvAcknowledged:
			acked = true
		case sim.EvCRApproved:
			approved = true
		case sim.EvCRRejected:
			rejected = true
		case sim.EvCRTimedOut:
			timedOut = true
		}
	}
	switch s.lesson {
	case lessonCatch:
		switch {
		case s.streak >= catchGoal:
			s.next(g, fmt.Sprintf("%d catches in a row.", catchGoal))
		case fell && s.resetLeft == 0:
			s.resetLeft = resetTicks // the juggle starts again, both balls in hand
		}
	case lessonRetire:
		switch {
		case rolledBack:
			s.restart(g, "That was the live version: retiring it is a rollback (the next lesson). Retire a standby: a ring.")
		case retired:
			s.next(g, "Retired: two versions again, the live one and a standby.")
		case fell:
			s.restart(g, "A ball fell, so this lesson starts again.")
		}
	case lessonRollback:
		switch {
		case rolledBack:
			s.next(g, "Rolled back: the version before is live again, and the feature went back to dev.")
		case retired:
			// The new release retired before it went live: nothing is left to roll back,
			// and no other release comes, so the lesson would wait for ever.
			s.restart(g, "You retired the new release before it went live: nothing to roll back. Again: let it land and go live.")
		case fell:
			s.restart(g, "A ball fell, so this lesson starts again.")
		}
	case lessonPickUp:
		switch {
		case picked:
			s.next(g, "Picked up: back in the air, the service is up again.")
		case discarded:
			s.next(g, "Thrown away: a rollback to the standby, which is live now.")
		}
	case lessonAck:
		if acked {
			s.next(g, "Acknowledged.")
		}
	case lessonApprove:
		switch {
		case approved:
			s.next(g, "Approved: the release flies in, a risk you chose to take.")
		case rejected:
			s.next(g, "Rejected: the feature goes back to dev's tray, and dev earns nothing for it.")
		case timedOut:
			s.released = false // nobody answered: dev asks again
		}
	}
}

// lessonPrompt is the kind of coach prompt each lesson teaches to answer (None: the
// lesson says what to do itself).
var lessonPrompt = [numLessons]coach.Kind{
	lessonRetire: coach.Extra, lessonRollback: coach.Rollback, lessonPickUp: coach.LiveDown,
	lessonAck: coach.Acknowledge, lessonApprove: coach.ChangeRequest,
}

// setPrompt sets what the ops strip says the lesson wants now, with the keys that do it:
// the coach's prompt of the lesson's kind once it shows (the words and keys of a real
// round), else what to do meanwhile; one thing at a time. The ball the prompt names is
// marked, and its key shown at its hand.
func (s *guidedScene) setPrompt() {
	rs := s.rs
	if s.card == cardEnd {
		return // the end card's line stays
	}
	v := &rs.round.View
	rs.mark = promptMark{}
	if k := lessonPrompt[s.lesson]; k != coach.None {
		if p := rs.prompts[sim.Ops].Find(k); p != nil {
			rs.prompt[sim.Ops] = promptLine(p, v)
			rs.mark = markOf(p)
			return
		}
	}
	line := stripLine{keys: [3]Control{CtlCatchLeft, CtlCatchRight}}
	incoming, live := false, sim.Version(0)
	for i := 0; i < v.BallsN; i++ {
		b := &v.Balls[i]
		incoming = incoming || b.State == sim.BallIncoming
		if b.Live {
			live = b.Version
		}
	}
	switch s.lesson {
	case lessonCatch:
		line.text = fmt.Sprintf("catch each ball as its ring closes on the hand: %d of %d in a row", min(s.streak, catchGoal), catchGoal)
	case lessonApprove:
		line.text = "keep juggling: dev asks to release a feature in a moment"
	case lessonRetire, lessonRollback:
		switch {
		case !s.released:
			line.text = "keep juggling: dev releases a new version in a moment"
		case incoming:
			line.text = "catch the NEW ball: it becomes the live version"
		case s.lesson == lessonRollback:
			line.text = fmt.Sprintf("v%d is live: watch the customer KPI, top right", live)
		default:
			line.text = "keep juggling"
		}
	default:
		line.text = "keep juggling"
	}
	rs.prompt[sim.Ops] = line
}
