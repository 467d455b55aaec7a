// Package coach says what the screen tells a player, worked out from a sim.View and
// nothing else: the approach cue of every ball on its way to a hand and the beat hint
// (cues.go), the prompts that say what to do when it matters (prompts.go), the reasons
// of refused inputs in plain words (refusals.go), and which actions a round uses at all
// (actions.go).
//
// The game draws from it, and the novice bot (sim/bot) plays from it, so the bot sees
// exactly what the screen shows. It imports only the model and the standard library,
// and filling cues or prompts allocates nothing: a bot may call it every tick. Only the
// words (Prompt.Text, Explain) allocate, and only when asked for.
package coach

import "devopsjuggle/sim"

// Cue is one ball on its way to a hand, as the approach cue draws it: a ring at the hand
// that shrinks as the ball comes and closes on its arrival tick, as rhythm games do.
//
// Timing: an input applied at tick T catches the ball when |T - Arrival| <= the catch
// window (View.CatchWindowTicks). A view observed before the step of tick T has Tick
// T, so LeadTicks is how many ticks after the view's tick the ball arrives, and a press
// given with this view catches it when -window <= LeadTicks <= window.
type Cue struct {
	Version sim.Version
	Hand    sim.Hand
	// From is when the ball was thrown (or will be: Held), Arrival when it reaches Hand.
	From, Arrival sim.Tick
	// LeadTicks is Arrival minus the view's tick: positive while the ball comes, 0 on
	// its arrival tick, negative while it is late but still catchable.
	LeadTicks sim.Tick
	// ProgressPermille is how far along its approach the ball is: 0 when thrown (and
	// while held), 1000 on its arrival tick, and 1000 after it (late).
	ProgressPermille int32
	// InWindow: a press at Hand now would catch it, if it is the Next ball there.
	InWindow bool
	// Held: the juggler still holds the ball (From is after the view's tick): the grace
	// before the round's first throws (sim.Config.GraceTicks).
	Held bool
	// New is an in-place release flying in from dev: catching it makes it live.
	New     bool
	Live    bool
	Standby bool
	// Blocked: its hand is picking a ball up, and a press there catches nothing.
	Blocked bool
	// Next: the earliest ball due at its hand, the one a press there would catch.
	Next bool
}

// ProgressAt is the cue's progress at model time t in ticks, a fraction in [0, 1], for
// drawing between ticks: the ring closes (1) exactly at Arrival.
func (c *Cue) ProgressAt(t float64) float64 {
	span := float64(c.Arrival - c.From)
	if span <= 0 {
		return 1
	}
	return min(1, max(0, (t-float64(c.From))/span))
}

// Beat is the beat hint: which hand is next, and when.
type Beat struct {
	// Hand is the hand of the next ball due, NoHand when no ball is on its way.
	Hand    sim.Hand
	Version sim.Version
	// At is the ball's arrival tick; LeadTicks is At minus the view's tick.
	At, LeadTicks sim.Tick
}

// Cues is what the screen shows of the juggle's rhythm at one tick.
type Cues struct {
	Tick        sim.Tick
	WindowTicks sim.Tick
	// Cue holds N cues, earliest arrival first (the older version first on a tie).
	Cue [sim.MaxBallsLimit]Cue
	N   int
	// Next is, per hand, the index in Cue of the ball a press there would catch (the
	// earliest due there), -1 for none.
	Next [2]int
	// Beat is the next ball due at either hand; Then is the one after it (at either
	// hand): a beginner's hint of which hand comes next, and next but one.
	Beat, Then Beat
}

// Fill works out the cues of view v. It allocates nothing.
func (c *Cues) Fill(v *sim.View) {
	c.Tick, c.WindowTicks, c.N = v.Tick, v.CatchWindowTicks, 0
	c.Next = [2]int{-1, -1}
	for i := 0; i < v.BallsN; i++ {
		b := &v.Balls[i]
		if !b.State.InJuggle() || b.Hand != sim.Left && b.Hand != sim.Right {
			continue
		}
		cu := Cue{
			Version: b.Version, Hand: b.Hand, From: b.From, Arrival: b.Arrival,
			LeadTicks: b.Arrival - v.Tick, Held: b.From > v.Tick,
			New: b.State == sim.BallIncoming, Live: b.Live, Standby: b.Standby, Blocked: v.Busy[b.Hand],
		}
		cu.InWindow = cu.LeadTicks <= v.CatchWindowTicks && cu.LeadTicks >= -v.CatchWindowTicks
		switch span := b.Arrival - b.From; {
		case cu.LeadTicks <= 0 || span <= 0:
			cu.ProgressPermille = 1000
		case !cu.Held:
			cu.ProgressPermille = int32((v.Tick - b.From) * 1000 / span)
		}
		// Insert in arrival order (at most MaxBallsLimit cues).
		k := c.N
		for k > 0 && before(&cu, &c.Cue[k-1]) {
			c.Cue[k] = c.Cue[k-1]
			k--
		}
		c.Cue[k] = cu
		c.N++
	}
	for k := 0; k < c.N; k++ {
		cu := &c.Cue[k]
		if c.Next[cu.Hand] < 0 {
			c.Next[cu.Hand] = k
			cu.Next = true
		}
	}
	c.Beat, c.Then = beatOf(c, 0), beatOf(c, 1)
}

// before orders cues by arrival, then by version (the ball the world catches first).
func before(a, b *Cue) bool {
	return a.Arrival < b.Arrival || a.Arrival == b.Arrival && a.Version < b.Version
}

func beatOf(c *Cues, k int) Beat {
	if k >= c.N {
		return Beat{Hand: sim.NoHand}
	}
	cu := &c.Cue[k]
	return Beat{Hand: cu.Hand, Version: cu.Version, At: cu.Arrival, LeadTicks: cu.LeadTicks}
}

// Of returns the cue of version ver, or nil when that ball is not on its way to a hand.
func (c *Cues) Of(ver sim.Version) *Cue {
	for k := 0; k < c.N; k++ {
		if c.Cue[k].Version == ver {
			return &c.Cue[k]
		}
	}
	return nil
}
