package replay

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"devopsjuggle/sim"
)

// Divergence is where a replay stopped matching the model: the first checkpoint (or the
// end) whose state hash differs, or, with every hash matching, an end line whose result
// differs from the replayed one.
type Divergence struct {
	Tick     sim.Tick // the first checkpoint (or the end) that does not match
	LastGood sim.Tick // the last checkpoint that matched, 0 if none
	Want     uint64   // the recorded hash
	Got      uint64   // the hash the model gives
	// Result is set when the hashes match to the end but the recorded result does not:
	// the first field that differs, as "shipped: recorded 1, replayed 4".
	Result string
}

// Error says where the replay diverged.
func (d *Divergence) Error() string {
	if d.Result != "" {
		return fmt.Sprintf("the states match to the end, but the recorded result differs from the replayed one (%s): the end line was edited", d.Result)
	}
	return fmt.Sprintf("diverges at tick %d: recorded hash %016x, replayed %016x (last match at tick %d)",
		d.Tick, d.Want, d.Got, d.LastGood)
}

// Player plays a replay back: it hands out the recorded inputs of each tick and checks
// the world's state hash at every checkpoint and at the end, keeping the first
// divergence. It is the one way a replay is played: by Play (jugglesim replay, the class
// server's check of an upload, the golden tests) and by the game's playback, which steps
// its own world through a round.
//
// Use it in lockstep with a world made from the replay's header, one tick at a time:
//
//	p := replay.NewPlayer(r)
//	for !p.Done(w) {
//		w.Step(p.Inputs(w.Tick()))
//		if d := p.Check(w); d != nil { ... }
//	}
type Player struct {
	r        *Replay
	input    int      // the next input to hand out
	check    int      // the next checkpoint to compare
	lastGood sim.Tick // the last checkpoint that matched
	ended    bool     // the end has been compared
	div      *Divergence
}

// NewPlayer returns a player of r, at tick 0. It does not change r.
func NewPlayer(r *Replay) *Player { return &Player{r: r} }

// Replay returns the replay being played.
func (p *Player) Replay() *Replay { return p.r }

// Done reports whether w has reached the replay's end: the round's end, or where a
// quit game stopped recording.
func (p *Player) Done(w *sim.World) bool { return w.Tick() >= p.r.End.Tick }

// Inputs returns the recorded inputs of tick t, to pass to the Step that plays it. Call
// it once per tick, in tick order; inputs of ticks skipped are never handed out. The
// slice is the replay's own, capped so that appending to it copies: do not modify it.
func (p *Player) Inputs(t sim.Tick) []sim.Input {
	in := p.r.Inputs
	for p.input < len(in) && in[p.input].Tick < t {
		p.input++
	}
	start := p.input
	for p.input < len(in) && in[p.input].Tick == t {
		p.input++
	}
	return in[start:p.input:p.input]
}

// Check compares w, just stepped, with the replay: the checkpoint recorded for w's tick,
// if any, and at the end the final hash and then the result. It returns the first
// divergence, nil while everything matches; once the replay has diverged it returns that
// divergence every time and compares nothing more. Call it after every Step: a
// checkpoint of a tick it was not called at is not compared.
func (p *Player) Check(w *sim.World) *Divergence {
	if p.div != nil {
		return p.div
	}
	t := w.Tick()
	cps := p.r.Checkpoints
	for ; p.check < len(cps) && cps[p.check].Tick <= t; p.check++ {
		c := cps[p.check]
		if c.Tick < t {
			continue
		}
		if h := w.Hash(); h != c.Hash {
			p.div = &Divergence{Tick: t, LastGood: p.lastGood, Want: c.Hash, Got: h}
			return p.div
		}
		p.lastGood = t
	}
	if t != p.r.End.Tick || p.ended {
		return nil
	}
	p.ended = true
	end := &p.r.End
	if h := w.Hash(); h != end.Hash {
		p.div = &Divergence{Tick: t, LastGood: p.lastGood, Want: end.Hash, Got: h}
		return p.div
	}
	if got := w.Result(); got != end.Result {
		p.div = &Divergence{Tick: t, LastGood: t, Want: end.Hash, Got: end.Hash, Result: resultDiff(end.Result, got)}
	}
	return p.div
}

// Next returns the first tick from t on at which the replay has something to hand out or
// compare: a recorded input, a checkpoint, or its end. A world with nothing to play before
// it can jump there (sim.World.AdvanceTo) and be checked, as Play does.
func (p *Player) Next(t sim.Tick) sim.Tick {
	next := p.r.End.Tick
	for _, in := range p.r.Inputs[p.input:] {
		if in.Tick >= t {
			next = min(next, in.Tick)
			break
		}
	}
	for _, c := range p.r.Checkpoints[p.check:] {
		if c.Tick >= t {
			next = min(next, c.Tick)
			break
		}
	}
	return next
}

// Divergence returns the first divergence found so far, nil if none.
func (p *Player) Divergence() *Divergence { return p.div }

// Play re-runs the replay in a new world made from its header, to its end or to the
// first divergence. It returns the world where it stopped, and the *Divergence as the
// error if the replay does not reproduce. It jumps from one recorded input or checkpoint
// to the next (Player.Next, sim.World.AdvanceTo).
func (r *Replay) Play() (*sim.World, error) { return r.play(false) }

// PlayTickByTick is Play stepping the world at every tick, as the game's playback does:
// the same world and answer, more slowly (jugglesim replay -tick-by-tick).
func (r *Replay) PlayTickByTick() (*sim.World, error) { return r.play(true) }

func (r *Replay) play(tickByTick bool) (*sim.World, error) {
	w := sim.New(r.Header.Config, r.Header.Seed)
	p := NewPlayer(r)
	// Bounded: each pass steps the world one tick or jumps it on, and End.Tick is within
	// the round.
	for !p.Done(w) {
		if next := p.Next(w.Tick()); next > w.Tick() && !tickByTick {
			w.AdvanceTo(next)
		} else {
			w.Step(p.Inputs(w.Tick()))
		}
		if d := p.Check(w); d != nil {
			return w, d
		}
	}
	if d := p.Check(w); d != nil { // a replay that ends at tick 0 steps nothing
		return w, d
	}
	return w, nil
}

// resultDiff names the first field, by JSON key in alphabetical order, that differs
// between the recorded result and the replayed one.
func resultDiff(want, got sim.Result) string {
	a, _ := json.Marshal(want)
	b, _ := json.Marshal(got)
	var ma, mb map[string]any
	_ = json.Unmarshal(a, &ma)
	_ = json.Unmarshal(b, &mb)
	for _, k := range slices.Sorted(maps.Keys(ma)) {
		if fmt.Sprint(ma[k]) != fmt.Sprint(mb[k]) {
			return fmt.Sprintf("%s: recorded %v, replayed %v", k, ma[k], mb[k])
		}
	}
	return "no field differs"
}
