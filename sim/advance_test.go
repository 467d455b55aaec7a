package sim_test

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
	"devopsjuggle/sim/internal/simtest"
	"devopsjuggle/sim/replay"
)

// lockstep plays one round two ways: ref steps every tick, jump jumps over quiet ticks
// with AdvanceTo and plays its inputs with StepAhead. Both get the same inputs at the
// same ticks. Each keeps its views from one comparison to the next, as a round does, so
// that jump's are brought up to date only in part where they can be (Observe) and
// ref's are filled anew.
type lockstep struct {
	t              *testing.T
	ref, jump      *sim.World
	seed           uint64
	vRef, vJump    sim.View
	steps, skipped int
	flights        int // ticks with inputs that changed only flights (FlightsOnly)
	// shape is jump's view at the last comparison, for BallsShapeGen's promise.
	shape    sim.View
	shapeSet bool
}

func newLockstep(t *testing.T, cfg sim.Config, seed uint64) *lockstep {
	return &lockstep{t: t, ref: sim.New(cfg, seed), jump: sim.New(cfg, seed), seed: seed}
}

// advanceTo brings both worlds to tick target with no inputs: ref a tick at a time,
// checking at each that a tick before the next event it announced is quiet, and jump
// in one AdvanceTo.
func (l *lockstep) advanceTo(target sim.Tick) {
	l.t.Helper()
	for l.ref.Tick() < target && !l.ref.Done() {
		now, next := l.ref.Tick(), l.ref.NextEvent()
		require.GreaterOrEqual(l.t, next, now, "the next event is in the past at tick %d (reproduce with -seed=%d)", now, l.seed)
		l.ref.Step(nil)
		if now < next {
			require.Empty(l.t, l.ref.Events(), "tick %d said quiet (next event at %d) has events (reproduce with -seed=%d)", now, next, l.seed)
			l.skipped++
		}
	}
	l.jump.AdvanceTo(target)
	l.compare("after AdvanceTo")
}

// step plays the current tick in both with the inputs: ref with Step, jump with
// StepAhead, which may jump over the rest of the tick.
func (l *lockstep) step(in []sim.Input) {
	l.t.Helper()
	l.ref.Step(in)
	l.jump.StepAhead(in)
	if l.jump.FlightsOnly() { // only catches, each of a ball in the air
		for _, e := range l.jump.Events() {
			require.Equal(l.t, sim.EvCatch, e.Kind, "FlightsOnly after inputs %v at tick %d (reproduce with -seed=%d)", in, l.ref.Tick()-1, l.seed)
		}
		require.Len(l.t, l.jump.Events(), len(in), "FlightsOnly after inputs %v at tick %d (reproduce with -seed=%d)", in, l.ref.Tick()-1, l.seed)
		l.flights++
	}
	l.steps++
	l.compare(fmt.Sprint("after inputs ", in))
}

// compare requires the same state, events and views, and the invariants.
func (l *lockstep) compare(when string) {
	l.t.Helper()
	r, j := l.ref, l.jump
	require.Equal(l.t, r.Tick(), j.Tick(), when)
	require.Equal(l.t, r.Hash(), j.Hash(), "state hashes at tick %d %s (reproduce with -seed=%d)", r.Tick(), when, l.seed)
	require.Equal(l.t, r.Events(), j.Events(), "events at tick %d %s (reproduce with -seed=%d)", r.Tick(), when, l.seed)
	require.NoError(l.t, j.CheckInvariants(), "at tick %d %s (reproduce with -seed=%d)", r.Tick(), when, l.seed)
	for role := sim.Dev; role <= sim.Ops; role++ {
		r.Observe(role, &l.vRef)
		j.Observe(role, &l.vJump)
		require.True(l.t, sim.SameView(&l.vRef, &l.vJump), "%s's views at tick %d %s (reproduce with -seed=%d)", role, r.Tick(), when, l.seed)
	}
	// The same BallsShapeGen: the same balls in the same states, but for the flights
	// of balls caught in the air (and Cracked, which no ball counter follows).
	if v, was := &l.vJump, &l.shape; l.shapeSet && v.BallsShapeGen == was.BallsShapeGen {
		require.Equal(l.t, was.BallsN, v.BallsN, "balls at tick %d %s with the same BallsShapeGen (reproduce with -seed=%d)", r.Tick(), when, l.seed)
		for i := range v.BallsN {
			a, b := was.Balls[i], v.Balls[i]
			if a != b {
				require.Equal(l.t, sim.BallAir, b.State, "ball %d at tick %d %s changed with the same BallsShapeGen (reproduce with -seed=%d)", i, r.Tick(), when, l.seed)
			}
			a.Hand, a.From, a.Arrival, a.Cracked = b.Hand, b.From, b.Arrival, b.Cracked
			require.Equal(l.t, a, b, "ball %d at tick %d %s with the same BallsShapeGen (reproduce with -seed=%d)", i, r.Tick(), when, l.seed)
		}
	}
	l.shape, l.shapeSet = l.vJump, true
}

// TestAdvanceMatchesStepping plays random configs with random human-like inputs at
// arbitrary ticks, quiet ones included, both ways: every tick, and jumping to the next
// input (sometimes stopping half-way); the state, the events, the views must match at
// every stop, and every tick said to be quiet must be.
func TestAdvanceMatchesStepping(t *testing.T) {
	rounds := 300
	if testing.Short() || sim.Emulated() {
		rounds = 40
	}
	var steps, skipped, flights int
	var ticks sim.Tick
	for seed := uint64(1); seed <= uint64(rounds); seed++ {
		r := rand.New(rand.NewPCG(seed, 99))
		cfg := simtest.Config(r)
		l := newLockstep(t, cfg, seed)
		roles := [2]bool{r.IntN(3) != 0, r.IntN(3) != 0}
		var in []sim.Input
		for !l.ref.Done() {
			next := simtest.NextInputTick(l.ref, r)
			if r.IntN(4) == 0 { // stop somewhere on the way, perhaps in a quiet stretch
				l.advanceTo(l.ref.Tick() + sim.Tick(r.Int64N(int64(next-l.ref.Tick()+1))))
			}
			l.advanceTo(next)
			if l.ref.Done() {
				break
			}
			in = simtest.Inputs(l.ref, r, roles, in[:0])
			l.step(in)
		}
		steps += l.steps
		skipped += l.skipped
		flights += l.flights
		ticks += l.ref.Tick()
	}
	t.Logf("%d rounds, %d ticks: %d with inputs (%d only catches), %d said quiet and jumped over", rounds, ticks, steps, flights, skipped)
	require.Positive(t, flights, "no tick with inputs that only caught balls: StepAhead's shortcut went untested")
}

// FuzzAdvance plays the fuzz encoding of FuzzStep both ways.
func FuzzAdvance(f *testing.F) {
	f.Add([]byte{0})
	f.Add([]byte{0xff, 1, byte(sim.ActRelease), 0, 0, byte(sim.ActApprove), 0, 50, byte(sim.ActRecover), 0})
	f.Add([]byte{0x1c, 30, byte(sim.ActCatchLeft), 0, 33, byte(sim.ActRelease), 1, 60, byte(sim.ActDiscard), 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		seed := uint64(len(data))
		r := rand.New(rand.NewPCG(seed, uint64(len(data))*7+1))
		var p byte
		if len(data) > 0 {
			p, data = data[0], data[1:]
		}
		cfg := simtest.Config(rand.New(rand.NewPCG(uint64(p), 3)))
		cfg.Months = 1
		l := newLockstep(t, cfg, seed)
		var in []sim.Input
		for len(data) >= 3 && !l.ref.Done() {
			l.advanceTo(l.ref.Tick() + sim.Tick(data[0]))
			if l.ref.Done() {
				break
			}
			a := sim.Action(data[1] % 16)
			in = append(in[:0], sim.Input{Tick: l.ref.Tick(), Role: sim.Role(data[1] >> 7), Action: a, Arg: int32(int8(data[2]))})
			if data[1]&0x40 != 0 {
				in = simtest.Inputs(l.ref, r, [2]bool{true, true}, in)
			}
			l.step(in)
			data = data[3:]
		}
		l.advanceTo(cfg.Ticks())
	})
}

// TestGoldenBothWays: the golden rounds (replay files) played back tick by tick, as the
// game does, give every recorded hash too (TestGolden plays them jumping from input to
// input, replay.Replay.Play), and the same world.
func TestGoldenBothWays(t *testing.T) {
	for _, gc := range goldenCases {
		t.Run(gc.file, func(t *testing.T) {
			r, err := replay.ReadFile(filepath.Join("testdata", "golden", gc.file))
			require.NoError(t, err)
			jumped, err := r.Play()
			require.NoError(t, err)
			stepped, err := r.PlayTickByTick()
			require.NoError(t, err)
			require.Equal(t, stepped.Hash(), jumped.Hash())
			require.Equal(t, r.End.Result, stepped.Result())
		})
	}
}
