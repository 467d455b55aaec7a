package game

import (
	"testing"

	"github.com/stretchr/testify/assert"

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
