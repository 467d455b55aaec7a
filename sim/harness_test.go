package sim

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// harness drives a World tick by tick for the rule tests. With auto set, it catches
// every ball in the juggle exactly on its arrival tick, like a perfect juggler, so that
// a test only scripts what it is about.
type harness struct {
	t    *testing.T
	w    *World
	auto bool
	// skip lists versions the perfect juggler leaves alone.
	skip map[Version]bool
}

func newHarness(t *testing.T, cfg Config) *harness {
	t.Helper()
	require.NoError(t, cfg.Validate())
	return &harness{t: t, w: New(cfg, 1), skip: map[Version]bool{}}
}

// testConfig is the default config with the gate off and no monitoring: the simplest
// world to script.
func testConfig() Config {
	c := DefaultConfig()
	c.Gate = false
	return c
}

// act builds an input for the current tick.
func (h *harness) act(a Action, arg int32) Input {
	return Input{Tick: h.w.Tick(), Role: a.Role(), Action: a, Arg: arg}
}

// step plays one tick with the given actions (and the perfect juggler's catches).
func (h *harness) step(acts ...Input) {
	h.t.Helper()
	in := make([]Input, 0, len(acts)+2)
	for _, a := range acts {
		a.Tick = h.w.Tick()
		in = append(in, a)
	}
	if h.auto {
		pressed := [2]bool{}
		for _, a := range in {
			if a.Action >= ActCatchLeft && a.Action <= ActRetireRight {
				pressed[(a.Action-ActCatchLeft)%2] = true
			}
			if a.Action == ActSwap {
				pressed[a.Arg] = true
			}
		}
		for _, b := range h.w.Balls() {
			if b.State.InJuggle() && b.Arrival == h.w.Tick() && !h.skip[b.Version] && !pressed[b.Hand] {
				in = append(in, Input{Tick: h.w.Tick(), Role: Ops, Action: ActCatchLeft + Action(b.Hand)})
				pressed[b.Hand] = true
			}
		}
	}
	h.w.Step(in)
	h.check()
}

// stepTo plays ticks with no scripted action until the world is at tick t.
func (h *harness) stepTo(t Tick) {
	h.t.Helper()
	require.LessOrEqual(h.t, h.w.Tick(), t)
	for h.w.Tick() < t {
		h.step()
	}
}

// ball returns the ball with version v.
func (h *harness) ball(v Version) Ball {
	h.t.Helper()
	i := h.w.find(v)
	require.GreaterOrEqual(h.t, i, 0, "no ball v%d", v)
	return h.w.balls[i]
}

// has reports whether version v is in production.
func (h *harness) has(v Version) bool { return h.w.find(v) >= 0 }

// events returns the kinds of the last step's events.
func (h *harness) events() []EventKind {
	var ks []EventKind
	for _, e := range h.w.Events() {
		ks = append(ks, e.Kind)
	}
	return ks
}

// check asserts the world's invariants after every step.
func (h *harness) check() {
	h.t.Helper()
	require.NoError(h.t, h.w.CheckInvariants())
}
