package game

import (
	"fmt"
	"slices"

	"github.com/hajimehoshi/ebiten/v2"

	"devopsjuggle/sim"
)

// Keys pressed during "get ready" (the countdown before a round people play). A press in
// its last moment, within the catch window of the first tick, is a press on the beat of
// a ball due then: it is held, and given to the round at its first tick, as if pressed
// then. An earlier press does nothing, and the status line says why, once per round
// ("Not yet: the round starts in 2 s"), rather than dropping it silently.

// holdEarlyKeys looks at the keys pressed during the countdown, countdown ticks before
// the first tick: it holds those of a role a person plays pressed in the last catch
// window, one press per key, and answers an earlier one with a notice.
func (s *roundScene) holdEarlyKeys(g *Game) {
	for _, k := range g.Gestures.Keys {
		c := g.Bindings.Control(k)
		if c == CtlNone || !s.round.Human(c.Role()) {
			continue
		}
		if sim.Tick(s.countdown) <= s.round.Config.CatchWindowTicks {
			if !slices.Contains(s.early, k) {
				s.early = append(s.early, k)
			}
			continue
		}
		if !s.earlySaid {
			s.earlySaid = true
			secs := (s.countdown + sim.TicksPerSecond - 1) / sim.TicksPerSecond
			g.notify(noticeCountdown, fmt.Sprintf("Not yet: the round starts in %d s.", secs))
		}
	}
}

// noticeCountdown keys the "Not yet" notice, withdrawn when the countdown ends: a notice
// stays 5 s, and "the round starts in 1 s" was still up at day 4 of the round.
const noticeCountdown = "countdown"

// giveEarlyKeys adds the keys held during the countdown to this tick's, the round's
// first.
func (s *roundScene) giveEarlyKeys(g *Game) {
	for _, k := range s.early {
		if !g.Gestures.Pressed(k) {
			g.Gestures.Keys = append(g.Gestures.Keys, k)
		}
	}
	s.early = s.early[:0]
}

// earlyKeys is what a round scene keeps of the keys pressed during "get ready".
type earlyKeys struct {
	early     []ebiten.Key // held for the first tick
	earlySaid bool         // the notice that a key came too early was shown
}
