package game

import (
	"devopsjuggle/assets"
	"devopsjuggle/sim"
	"devopsjuggle/sim/coach"
)

// What the round shows of sim/coach: the approach cues and the beat (drawn by
// draw_production.go), the prompts in each role's strip, with the keys that answer
// them, and the ball an ops prompt names. The coach decides from the View alone, as the
// novice bot does: the screen and the bot see the same thing.

// promptMark is the ball an ops prompt names (retire it, roll it back) and the control
// that answers it at the hand it lands at next; ctl is CtlNone when no prompt names one.
type promptMark struct {
	version sim.Version
	hand    sim.Hand
	ctl     Control
	tag     string // the words over the ball: RETIRE, ROLL BACK
}

// observe works out the cues, and the prompts of the roles people play, from the View;
// it sounds a prompt that has just appeared (a change request rings on its own). A
// scene that says what to do itself (ownStrip) gets the prompts but sets the strips and
// the mark; practice (noPrompts) has none.
func (s *roundScene) observe(g *Game) {
	v := &s.round.View
	s.cues.Fill(v)
	if !s.ownStrip {
		s.mark = promptMark{}
	}
	for role := sim.Dev; role <= sim.Ops; role++ {
		ps := &s.prompts[role]
		if !s.round.Human(role) || s.noPrompts {
			ps.N = 0
			continue
		}
		ps.Fill(v, role)
		if s.ownStrip {
			continue
		}
		top := coach.None
		if ps.N > 0 {
			top = ps.Prompt[0].Kind
		}
		if top != s.lastPrompt[role] && top != coach.None && sounded(top) && g != nil {
			g.Audio.Play(assets.SoundPrompt)
		}
		s.lastPrompt[role] = top
		s.prompt[role], s.prompt2[role] = stripLine{}, stripLine{}
		shown := 0
		for i := 0; i < ps.N && shown < promptsShown(role); i++ {
			p := &ps.Prompt[i]
			if p.Kind == coach.ChangeRequest && v.Gate {
				continue // its own box in ops' half says it, with its buttons and keys
			}
			l := promptLine(p, v)
			if shown == 0 {
				s.prompt[role] = l
			} else {
				s.prompt2[role] = l
			}
			shown++
			if role == sim.Ops && s.mark.ctl == CtlNone {
				s.mark = markOf(p)
			}
		}
	}
}

// promptsShown is how many prompts a role's strip shows at once: ops' strip, under
// production, has room for two lines; dev's, half as wide, for one (in two lines if
// it must).
func promptsShown(role sim.Role) int {
	if role == sim.Ops {
		return 2
	}
	return 1
}

// sounded reports whether a prompt of kind k sounds when it appears: ops' calls to act
// on the juggle or an incident. A change request has its own ring; dev's prompts and
// the notices come and go with the tray, silently.
func sounded(k coach.Kind) bool {
	switch k {
	case coach.LiveDown, coach.Rollback, coach.Acknowledge, coach.Extra, coach.Fallen, coach.SwapIn:
		return true
	}
	return false
}

// promptLine is a prompt's line in the strip: its words, and the keys of the actions
// that answer it.
func promptLine(p *coach.Prompt, v *sim.View) stripLine {
	l := stripLine{text: p.Text(v)}
	n := 0
	for _, a := range p.Actions {
		if c := controlFor(a); c != CtlNone {
			l.keys[n] = c
			n++
		}
	}
	return l
}

// markOf is the ball an ops prompt names, and the key that answers it at its hand.
func markOf(p *coach.Prompt) promptMark {
	switch p.Kind {
	case coach.Extra:
		return promptMark{p.Version, p.Hand, controlFor(p.Actions[0]), "RETIRE"}
	case coach.Rollback:
		return promptMark{p.Version, p.Hand, controlFor(p.Actions[0]), "ROLL BACK"}
	case coach.SwapIn:
		return promptMark{p.Version, p.Hand, CtlSwap, "SWAP"}
	}
	return promptMark{}
}

// controlFor is the control whose key sends action a (release: to the hand with fewer
// balls coming), CtlNone for ActNone.
func controlFor(a sim.Action) Control {
	switch a {
	case sim.ActNone:
		return CtlNone
	case sim.ActRelease:
		return CtlRelease
	case sim.ActTestStart, sim.ActTestStop:
		return CtlTest
	}
	for c := CtlNone + 1; c < NumControls; c++ {
		if controlTable[c].action == a {
			return c
		}
	}
	return CtlNone
}

// controlsUsed marks the controls a round of cfg has a use for (coach.Used): the hints
// and buttons show only those (no approve or reject without the change-request gate, no
// swap without blue/green).
func controlsUsed(cfg *sim.Config) [NumControls]bool {
	var used [NumControls]bool
	set := coach.Used(cfg)
	for c := CtlNone + 1; c < NumControls; c++ {
		used[c] = set.Has(controlTable[c].action)
	}
	return used
}
