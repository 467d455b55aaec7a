package game

import (
	"bytes"
	"flag"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
)

// guidedFrames bounds a guided round played by script: about four minutes.
const guidedFrames = 4 * 60 * sim.TicksPerSecond

// pressedFrame is the keys pressed at one frame of a script.
type pressedFrame struct {
	frame int
	keys  []ebiten.Key
}

// guidedKeys is what a person who reads the screen presses now: Space on a card; each
// ball's key on its arrival tick (the cue closed), the key the prompt shows at its hand
// for the ball it names (retire, roll back); the lesson's key once the strip asks.
func guidedKeys(s *guidedScene) []ebiten.Key {
	if s.card != cardNone {
		return []ebiten.Key{ebiten.KeySpace}
	}
	v := &s.rs.round.View
	var keys []ebiten.Key
	mark := &s.rs.mark
	for i := 0; i < v.BallsN; i++ {
		b := &v.Balls[i]
		if !b.State.InJuggle() || b.Arrival != v.Tick {
			continue
		}
		ctl := CtlCatchLeft + Control(b.Hand)
		if mark.ctl != CtlNone && b.Version == mark.version {
			ctl = mark.ctl // the ball the prompt names: the key shown at its hand
		}
		keys = append(keys, DefaultBindings()[ctl])
	}
	p := &s.rs.prompt[sim.Ops]
	switch s.lesson {
	case lessonPickUp:
		if p.keys[0] == CtlRecover || p.keys[1] == CtlRecover {
			keys = append(keys, ebiten.KeyI) // the lesson's title: pick it up
		}
	case lessonAck:
		if v.Unacked > 0 {
			keys = append(keys, ebiten.KeyEnter)
		}
	case lessonApprove:
		if v.CRActive && p.keys[0] == CtlApprove {
			keys = append(keys, ebiten.KeyY)
		}
	}
	return keys
}

// playGuided plays the guided round from the title's GUIDED FIRST ROUND with keys from
// next (given the scene and the frame) until its end card, and returns the lessons in
// the order they were played, frame by frame.
func playGuided(t *testing.T, next func(g *Game, s *guidedScene, frame int) []ebiten.Key) (*Game, *guidedScene, []lessonID) {
	t.Helper()
	g, d := newTestGame(t, Options{})
	title := g.Scene().(*titleScene)
	require.Equal(t, rowPractice, title.sel, "a first-timer's title offers the practice first")
	title.sel = rowGuided
	d.press(ebiten.KeyEnter)
	update(t, g, 1)
	s, ok := g.Scene().(*guidedScene)
	require.True(t, ok, "GUIDED FIRST ROUND starts the guided round, not %T", g.Scene())
	var seen []lessonID
	for f := 0; f < guidedFrames && s.card != cardEnd; f++ {
		if len(seen) == 0 || seen[len(seen)-1] != s.lesson {
			seen = append(seen, s.lesson)
		}
		d.press(next(g, s, f)...)
		update(t, g, 1)
		require.Same(t, s, g.Scene(), "frame %d: the guided round is still on", f)
	}
	return g, s, seen
}

// TestGuidedRoundScript plays the guided round through with a script of inputs, as a
// person who reads each prompt would: every lesson in order, each one done by its key,
// and none started again; then the same keys at the same frames play it the same way
// (the guided round is deterministic).
func TestGuidedRoundScript(t *testing.T) {
	var script []pressedFrame
	g, s, seen := playGuided(t, func(_ *Game, s *guidedScene, f int) []ebiten.Key {
		k := guidedKeys(s)
		if len(k) > 0 {
			script = append(script, pressedFrame{f, k})
		}
		return k
	})
	require.Equal(t, cardEnd, s.card, "the script reached the end card")
	t.Logf("guided round: %d presses, last world tick %d", len(script), s.rs.round.World.Tick())
	assert.Equal(t, []lessonID{lessonCatch, lessonRetire, lessonRollback, lessonPickUp, lessonAck, lessonApprove}, seen)
	assert.Equal(t, [numLessons]bool{true, true, true, true, true, true}, s.passed)
	assert.Empty(t, s.again, "no lesson started again")
	assert.True(t, g.Settings.Guided, "the guided round is remembered as done")
	hash, tick := s.rs.round.World.Hash(), s.rs.round.World.Tick()

	// The end card comes the tick the change request was approved: no APPROVE or REJECT
	// button is left drawn without its request's box (they once were).
	require.False(t, s.rs.round.View.CRActive)
	r := g.r
	r.record = true
	r.Begin(nil, 1)
	s.Draw(g, r)
	answered := false // the end card says what the last lesson's answer did, as each card does
	for _, q := range r.recorded {
		assert.NotContains(t, []string{"APPROVE", "REJECT", "CHANGE REQUEST"}, q.s, "the end card's frame")
		answered = answered || strings.HasPrefix(q.s, "Approved:")
	}
	r.Flush()
	r.record = false
	assert.True(t, answered, "the end card says the change was approved")

	i := 0
	_, s2, seen2 := playGuided(t, func(_ *Game, _ *guidedScene, f int) []ebiten.Key {
		if i < len(script) && script[i].frame == f {
			i++
			return script[i-1].keys
		}
		return nil
	})
	assert.Equal(t, seen, seen2)
	require.Equal(t, cardEnd, s2.card)
	assert.Equal(t, tick, s2.rs.round.World.Tick())
	assert.Equal(t, hash, s2.rs.round.World.Hash(), "the same keys give the same last world")

	// Its end offers the lecture's round: silo, the person as ops, the dev bot.
	g.Gestures = Gestures{}
	update(t, g, inputGuardTicks)
	g.devices.(*fakeDevices).press(ebiten.KeyEnter)
	update(t, g, 1)
	rd := roundOf(t, g).round
	assert.Equal(t, "silo", rd.Config.Name)
	assert.True(t, rd.Human(sim.Ops))
	assert.False(t, rd.Human(sim.Dev))
}

var shotsDir = flag.String("shots", "", "save frames of the scripted guided round and practice into this folder (to look at)")

// TestGuidedShots saves frames of the scripted guided round: each card, and each lesson
// once its prompt asks for the lesson's key. Only with -shots DIR.
func TestGuidedShots(t *testing.T) {
	if *shotsDir == "" {
		t.Skip("no -shots folder")
	}
	last := ""
	n := 0
	save := func(g *Game, name string) {
		var buf bytes.Buffer
		require.NoError(t, png.Encode(&buf, frame(g)))
		n++
		require.NoError(t, os.WriteFile(filepath.Join(*shotsDir, fmt.Sprintf("guided-%02d-%s.png", n, name)), buf.Bytes(), 0o644))
	}
	g, _, _ := playGuided(t, func(g *Game, s *guidedScene, f int) []ebiten.Key {
		state := fmt.Sprintf("%s-%d-%v", lessons[s.lesson].key, s.card, s.rs.prompt[sim.Ops].keys[0])
		if state != last {
			last = state
			save(g, state)
		}
		return guidedKeys(s)
	})
	save(g, "end")
}

// Retiring the new release before it goes live leaves nothing to roll back, and no
// other release comes: the rollback lesson starts again from its own world, saying why,
// instead of waiting for ever (a play-tester was stuck there).
func TestGuidedRollbackRetiredReleaseRestarts(t *testing.T) {
	g, _ := newTestGame(t, Options{})
	s, err := newGuidedScene(g)
	require.NoError(t, err)
	require.NoError(t, s.start(lessonRollback))
	before := s.rs.round
	s.judge(g, []sim.Event{{Kind: sim.EvRetire, Role: sim.Ops}})
	assert.Equal(t, lessonRollback, s.lesson, "the same lesson")
	assert.False(t, s.passed[lessonRollback])
	assert.Contains(t, s.again, "nothing to roll back")
	assert.True(t, before != s.rs.round, "a fresh world: dev releases again")
}

// After a round people played, the title keeps its seed and who played each role: the
// guided round's lecture round has the dev bot, which the settings do not say, and the
// next round (another preset) started with nobody playing dev.
func TestTitleKeepsTheLastRoundsPlayers(t *testing.T) {
	g, _ := newTestGame(t, Options{})
	played := Setup{Preset: "silo", Months: 1, Seed: 9, Players: [2]Player{{Bot: true}, Human}}
	g.Session = append(g.Session, RoundRecord{Setup: played})
	s := newTitleScene(g)
	assert.Equal(t, played.Players, s.setup.Players)
	assert.Equal(t, uint64(9), s.setup.Seed)
}

// TestLessonCardTextsInside: what a lesson's end says on the next card ("Rolled back: the
// version before is live again...", a play-tester saw it run past the card's edge), and
// why a lesson starts again, stay inside the card.
func TestLessonCardTextsInside(t *testing.T) {
	g, _ := newTestGame(t, Options{})
	r := g.r
	for _, tc := range []struct {
		lesson lessonID
		ev     sim.Event
	}{
		{lessonRetire, sim.Event{Kind: sim.EvRetire, Role: sim.Ops}},
		{lessonRetire, sim.Event{Kind: sim.EvRollback, Role: sim.Ops}}, // starts again
		{lessonRollback, sim.Event{Kind: sim.EvRollback, Role: sim.Ops}},
		{lessonRollback, sim.Event{Kind: sim.EvRetire, Role: sim.Ops}}, // starts again
	} {
		s, err := newGuidedScene(g)
		require.NoError(t, err)
		require.NoError(t, s.start(tc.lesson))
		s.judge(g, []sim.Event{tc.ev})
		require.Equal(t, cardLesson, s.card, "%v after %v: a card", tc.lesson, tc.ev.Kind)
		r.Begin(nil, 1)
		r.record = true
		s.drawLessonCard(g, r)
		r.record = false
		for _, q := range r.recorded {
			x0, _, x1, _ := textBox(r, q)
			assert.GreaterOrEqual(t, x0, float32(lessonX), "%q", q.s)
			assert.LessOrEqual(t, x1, float32(lessonX+lessonW), "%q runs past the card", q.s)
		}
	}
}

// A lesson left by the pause menu's "Skip lesson" is skipped, not done: the checklist
// marks it so, its card has no tick, and the end card names it instead of saying every
// key was used (it said so after skips).
func TestGuidedSkipIsNotPassed(t *testing.T) {
	var skippedAt []lessonID
	g, s, _ := playGuided(t, func(g *Game, s *guidedScene, f int) []ebiten.Key {
		switch {
		case s.card != cardNone:
			if s.age > inputGuardTicks && f%2 == 0 {
				return []ebiten.Key{ebiten.KeyEnter}
			}
		case s.lesson == lessonRetire || s.lesson == lessonAck:
			// Pause, down to "Skip lesson", choose it: one key a frame.
			switch {
			case !s.rs.paused:
				return []ebiten.Key{ebiten.KeyEscape}
			case s.rs.pauseSel < 2:
				return []ebiten.Key{ebiten.KeyDown}
			default:
				skippedAt = append(skippedAt, s.lesson)
				return []ebiten.Key{ebiten.KeyEnter}
			}
		default:
			return guidedKeys(s)
		}
		return nil
	})
	require.Equal(t, cardEnd, s.card)
	assert.Equal(t, []lessonID{lessonRetire, lessonAck}, skippedAt)
	assert.False(t, s.passed[lessonRetire])
	assert.False(t, s.passed[lessonAck])
	assert.True(t, s.passed[lessonCatch])
	text := strings.Join(said(g), " ")
	assert.Contains(t, text, "You skipped RETIRE, ACKNOWLEDGE")
	assert.NotContains(t, text, "every key ops needs")
	assert.Contains(t, said(g), "skipped", "the checklist's mark")
	if *shotsDir != "" {
		var buf bytes.Buffer
		require.NoError(t, png.Encode(&buf, frame(g)))
		require.NoError(t, os.WriteFile(filepath.Join(*shotsDir, "guided-skipped-end.png"), buf.Bytes(), 0o644))
	}
}
