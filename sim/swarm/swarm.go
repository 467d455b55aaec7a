// Package swarm is the model's own randomized tester, after TigerBeetle's VOPR. Each seed
// makes one random round (NewCase: a random valid config, random bots, person-like
// players) and plays it several ways that must agree (Modes): twice, replayed from its
// recording into a bare world, with the bots never sleeping, and jumping over quiet
// ticks (the round, and the replay, from event to event). The first play checks
// the model's invariants after every tick and the round's results for impossible values
// (rates above 1, negative times, more shipped than deployed). A failure names its seed,
// and `jugglesim swarm -seed N -count 1` reproduces it.
//
// A way of playing a round added later is one more Mode: a function that plays the case
// its own way and compares with the reference Trace (jump.go: next-event stepping).
package swarm

import (
	"bytes"
	"errors"
	"fmt"
	"runtime/debug"

	"devopsjuggle/sim"
	"devopsjuggle/sim/bot"
	"devopsjuggle/sim/replay"
)

// Failure is a case that failed: its seed, the mode (or "play" for the reference play's
// own checks) and what went wrong.
type Failure struct {
	Case *Case
	Mode string
	Err  error
}

// Error names the seed, the mode and the failure.
func (f *Failure) Error() string {
	return fmt.Sprintf("seed %d: %s: %v", f.Case.Seed, f.Mode, f.Err)
}

// Unwrap returns the failure's cause.
func (f *Failure) Unwrap() error { return f.Err }

// Repro is the command that plays the failing case again.
func (f *Failure) Repro() string {
	return fmt.Sprintf("jugglesim swarm -seed %d -count 1 -v", f.Case.Seed)
}

// CheckpointTicks is how often a Trace records the state hash: a divergence between two
// plays is reported at the first checkpoint that differs.
const CheckpointTicks = 120

// Trace is what one play of a case gives: everything another play must reproduce.
type Trace struct {
	Inputs      []sim.Input // every input applied, in order
	Checkpoints []uint64    // the state hash after each CheckpointTicks ticks
	Hash        uint64      // the final state hash
	Result      sim.Result
	// Replay is the play's recording (the reference play only).
	Replay *replay.Replay
}

// options says how to play a case.
type options struct {
	noSkip bool // bots look at every tick (bot.Round.NoSkip)
	check  bool // check invariants after every tick
	record bool // record a replay
}

// Play plays the case once: the reference play, with the invariants checked after every
// tick and the recording kept for the replay mode.
func Play(c *Case) (*Trace, error) { return play(c, options{check: true, record: true}) }

// play plays the case with the given options.
func play(c *Case, o options) (*Trace, error) {
	cfg := c.Config
	var bots [2]bot.Bot
	var persons [2]*person
	for role, p := range c.Players {
		switch p.Kind {
		case Bot:
			bots[role] = bot.New(sim.Role(role), cfg, c.Seed) // the novices too
		case Person:
			persons[role] = newPerson(sim.Role(role), p.Person, c.Seed)
		}
	}
	round := bot.NewRound(cfg, c.Seed, bots[sim.Dev], bots[sim.Ops])
	round.NoSkip = o.noSkip
	w := round.World
	var rec *replay.Recorder
	if o.record {
		rec = replay.NewRecorder(replay.NewHeader(cfg, c.Seed, "swarm", "devel"))
	}
	tr := &Trace{Inputs: make([]sim.Input, 0, 1024)}
	others := make([]sim.Input, 0, 8)
	for !w.Done() {
		others = others[:0]
		for _, p := range persons {
			if p != nil {
				others = p.act(w, others)
			}
		}
		applied := round.Step(others)
		tr.Inputs = append(tr.Inputs, applied...)
		if rec != nil {
			rec.Step(w, applied)
		}
		if o.check {
			if err := checkTick(w, applied); err != nil {
				return tr, fmt.Errorf("after tick %d: %w", w.Tick()-1, err)
			}
		}
		if w.Tick()%CheckpointTicks == 0 {
			tr.Checkpoints = append(tr.Checkpoints, w.Hash())
		}
	}
	tr.Hash, tr.Result = w.Hash(), w.Result()
	if rec != nil {
		tr.Replay = rec.Finish(w)
	}
	if o.check {
		if err := checkResult(outcomeOf(w)); err != nil {
			return tr, fmt.Errorf("result: %w", err)
		}
	}
	return tr, nil
}

// checkTick checks the world after a tick: its invariants, and that every input applied
// was well-formed (bots make none that is not, and Round drops the others').
func checkTick(w *sim.World, applied []sim.Input) error {
	for _, in := range applied {
		if !in.WellFormed() {
			return fmt.Errorf("a malformed input was applied: %v", in)
		}
	}
	return w.CheckInvariants()
}

// Mode is one way of playing a case that must agree with the reference play.
type Mode struct {
	Name string
	// Check plays c its own way and compares with ref, the reference play's trace.
	Check func(c *Case, ref *Trace) error
}

// Modes are the ways every case is played besides the reference play.
var Modes = []Mode{
	{"twice", checkTwice},
	{"replay", checkReplay},
	{"sleep", checkSleep},
	{"jump", checkJump},
	{"replay-jump", checkReplayJump},
}

// checkTwice plays the case again: the same inputs and hashes.
func checkTwice(c *Case, ref *Trace) error {
	tr, err := play(c, options{})
	if err != nil {
		return err
	}
	return compare(ref, tr)
}

// checkSleep plays the case with bots that look at every tick: skipping quiet ticks must
// change nothing.
func checkSleep(c *Case, ref *Trace) error {
	tr, err := play(c, options{noSkip: true})
	if err != nil {
		return err
	}
	return compare(ref, tr)
}

// checkReplay writes the reference play's recording, reads it back, and plays its inputs
// into a bare world (no bots, no persons): the hashes the file recorded (a checkpoint
// every 600 ticks and the end) must come out, and so must the Trace's.
func checkReplay(c *Case, ref *Trace) error {
	r, err := readBack(ref)
	if err != nil {
		return err
	}
	// The replay player hands out each tick's inputs and checks every checkpoint, the
	// end's hash and its result.
	w := sim.New(r.Header.Config, r.Header.Seed)
	p := replay.NewPlayer(r)
	tr := &Trace{}
	for !p.Done(w) {
		in := p.Inputs(w.Tick())
		w.Step(in)
		tr.Inputs = append(tr.Inputs, in...)
		if w.Tick()%CheckpointTicks == 0 {
			tr.Checkpoints = append(tr.Checkpoints, w.Hash())
		}
		if d := p.Check(w); d != nil {
			return d
		}
	}
	tr.Hash, tr.Result = w.Hash(), w.Result()
	if len(tr.Inputs) != len(r.Inputs) {
		return fmt.Errorf("the end: %d of %d inputs played", len(tr.Inputs), len(r.Inputs))
	}
	return compare(ref, tr)
}

// compare reports the first difference between two traces of one case.
func compare(want, got *Trace) error {
	for i := range min(len(want.Inputs), len(got.Inputs)) {
		if want.Inputs[i] != got.Inputs[i] {
			return fmt.Errorf("input %d differs: %v, then %v", i, want.Inputs[i], got.Inputs[i])
		}
	}
	if len(want.Inputs) != len(got.Inputs) {
		return fmt.Errorf("%d inputs, then %d", len(want.Inputs), len(got.Inputs))
	}
	for i := range min(len(want.Checkpoints), len(got.Checkpoints)) {
		if want.Checkpoints[i] != got.Checkpoints[i] {
			return fmt.Errorf("state hash after tick %d differs: %016x, then %016x", (i+1)*CheckpointTicks, want.Checkpoints[i], got.Checkpoints[i])
		}
	}
	if want.Hash != got.Hash {
		return fmt.Errorf("final state hash differs: %016x, then %016x", want.Hash, got.Hash)
	}
	if want.Result != got.Result {
		return fmt.Errorf("result differs:\n%+v\nthen\n%+v", want.Result, got.Result)
	}
	return nil
}

// Run plays the case of seed every way and returns the first failure as a *Failure (a
// panic in the model included), or nil.
func Run(seed uint64) error {
	c := NewCase(seed)
	_, err := RunCase(&c)
	return err
}

// RunCase plays a case every way: the reference play, then each of Modes. It returns the
// reference play's trace (nil if it panicked) and the first failure as a *Failure, or nil.
func RunCase(c *Case) (ref *Trace, err error) {
	mode := "play"
	defer func() {
		if p := recover(); p != nil {
			err = &Failure{Case: c, Mode: mode, Err: fmt.Errorf("panic: %v\n%s", p, debug.Stack())}
		}
	}()
	ref, err = Play(c)
	if err != nil {
		return ref, &Failure{Case: c, Mode: mode, Err: err}
	}
	for _, m := range Modes {
		mode = m.Name
		if err := m.Check(c, ref); err != nil {
			return ref, &Failure{Case: c, Mode: mode, Err: err}
		}
	}
	return ref, nil
}

// AsFailure returns err's *Failure, if it is one.
func AsFailure(err error) (*Failure, bool) {
	var f *Failure
	ok := errors.As(err, &f)
	return f, ok
}

// readBack writes the reference play's recording and reads it back, as a file would be.
func readBack(ref *Trace) (*replay.Replay, error) {
	var buf bytes.Buffer
	if err := ref.Replay.Encode(&buf); err != nil {
		return nil, fmt.Errorf("encoding the recording: %w", err)
	}
	r, err := replay.Decode(&buf)
	if err != nil {
		return nil, fmt.Errorf("the recording does not read back: %w", err)
	}
	return r, nil
}
