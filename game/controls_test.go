package game

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
)

// TestControlTableComplete: every control has a whole row (a default key that is not
// one of the game's own, a settings name, a label, an action), no two share a name or a
// default key, and the hint line and the how-to screen show each exactly once, under
// its role.
func TestControlTableComplete(t *testing.T) {
	names := map[string]Control{}
	keys := map[string]Control{}
	shown := map[Control]int{}
	for role, ctls := range helpOrder {
		for _, c := range ctls {
			shown[c]++
			assert.Equal(t, sim.Role(role), c.Role(), "%s is shown under its role", c.Name())
		}
	}
	for c := CtlNone + 1; c < NumControls; c++ {
		row := controlTable[c]
		assert.NotEmpty(t, row.name, "control %d has a settings name", c)
		assert.NotEmpty(t, row.label, "control %d has a label", c)
		assert.NotEqual(t, sim.ActNone, row.action, "control %d sends an action", c)
		assert.False(t, reserved(row.key), "%s: %s is the game's own key", row.name, KeyName(row.key))
		if other, ok := names[row.name]; ok {
			t.Errorf("%s: the name of control %d too", row.name, other)
		}
		if other, ok := keys[KeyName(row.key)]; ok {
			t.Errorf("%s: %s is control %d's default key too", row.name, KeyName(row.key), other)
		}
		names[row.name], keys[KeyName(row.key)] = c, c
		assert.Equal(t, 1, shown[c], "%s is shown once in the hints and how to play", row.name)
	}
}

// TestControlInputFromView: the test key stops a test that runs, and the swap key
// swaps at the hand of the ball due soonest.
func TestControlInputFromView(t *testing.T) {
	v := &sim.View{Tick: 100}
	assert.Equal(t, sim.ActTestStart, CtlTest.Input(100, v).Action)
	v.Testing = true
	assert.Equal(t, sim.ActTestStop, CtlTest.Input(100, v).Action)

	assert.Equal(t, int32(sim.Left), CtlSwap.Input(100, v).Arg, "nothing flies: left")
	v.BallsN = 3
	v.Balls[0] = sim.BallView{State: sim.BallAir, Hand: sim.Left, Arrival: 130}
	v.Balls[1] = sim.BallView{State: sim.BallAir, Hand: sim.Right, Arrival: 95}
	v.Balls[2] = sim.BallView{State: sim.BallFloor, Hand: sim.Left, Arrival: 100}
	in := CtlSwap.Input(100, v)
	assert.Equal(t, sim.Input{Tick: 100, Role: sim.Ops, Action: sim.ActSwap, Arg: int32(sim.Right)}, in,
		"the right hand's ball is 5 ticks late, the left's 30 ticks away; a ball on the floor is in no juggle")
}

// TestKeyHintsNoLonePunctuation: however many of ops' keys are still to be used, the key
// hints under production never start their second row with a punctuation key's cap (the
// discard key, ","): a lone comma at a line's start read as a stray one. Every hint
// shown keeps its order, and the rows stay inside the strip.
func TestKeyHintsNoLonePunctuation(t *testing.T) {
	g, _ := newTestGame(t, Options{})
	rs := startRound(t, g, "bluegreen")
	ops := helpOrder[sim.Ops]
	for _, c := range ops {
		rs.uses[c] = true
	}
	sx, _, sw, _ := stripRect(sim.Ops)
	rows := 0
	for used := 0; used < 1<<len(ops); used++ {
		for i, c := range ops {
			rs.used[c] = used&(1<<i) != 0
		}
		for _, ws := range windowSizes {
			r := g.r
			r.record = true
			r.Begin(nil, scaleOf(ws.w, ws.h))
			rs.drawKeyHints(g, r, sim.Ops)
			r.record = false
			first := map[float32]queuedText{} // each row's leftmost cap
			var order []string
			for _, q := range r.recorded {
				if q.st != styleKeyCap {
					assert.LessOrEqual(t, q.x+r.Measure(q.s, q.st), sx+sw, "%q inside the strip", q.s)
					continue
				}
				order = append(order, q.s)
				if f, ok := first[q.y]; !ok || q.x < f.x {
					first[q.y] = q
				}
			}
			r.Flush()
			for y, q := range first {
				if y > hintY+11 { // under the first row (its caps centred at hintY+11)
					rows++
					assert.False(t, len(q.s) == 1 && strings.ContainsAny(q.s, ",.;/"), "%dx%d, keys used %010b: the row at %.0f starts with %q", ws.w, ws.h, used, y, q.s)
				}
			}
			var want []string
			for _, c := range ops {
				if !rs.used[c] {
					want = append(want, KeyName(g.Bindings[c]))
				}
			}
			assert.Equal(t, want[:len(order)], order, "the hints in order")
		}
	}
	require.Positive(t, rows, "some hints took two rows")
}
