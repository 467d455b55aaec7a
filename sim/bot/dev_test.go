package bot

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
)

// devView is what a dev bot sees at tick t: one feature in the tray (chance 250 ‰), two
// balls in the air, nothing wrong, releases allowed.
func devView(t sim.Tick) *sim.View {
	v := &sim.View{Role: sim.Dev, Tick: t, TrayN: 1, CanRelease: true, BudgetLeftPermille: 1000,
		TargetBalls: 2, MaxBalls: 6, Live: 2, KPIPermille: -1}
	v.Tray[0] = sim.TrayView{ID: 1, ChancePermille: 250}
	v.Balls[0] = sim.BallView{Version: 1, State: sim.BallAir, Hand: sim.Left, Arrival: t + 30, Standby: true, Known: true}
	v.Balls[1] = sim.BallView{Version: 2, State: sim.BallAir, Hand: sim.Right, Arrival: t + 60, Live: true, Known: true}
	v.BallsN = 2
	return v
}

// acts returns the actions of the inputs.
func acts(in []sim.Input) []sim.Action {
	var as []sim.Action
	for _, x := range in {
		as = append(as, x.Action)
	}
	return as
}

func TestDevBotRules(t *testing.T) {
	for _, tc := range []struct {
		name string
		spec sim.DevBotSpec
		edit func(v *sim.View)
		want []sim.Action
		wake sim.Tick // from the view's tick; 0: do not check
	}{
		{"an empty tray: nothing to do until something happens", sim.DevBotSpec{}, func(v *sim.View) { v.TrayN = 0 }, nil, never - 100},
		{"greedy releases the front feature at once", sim.DevBotSpec{}, nil, []sim.Action{sim.ActRelease}, 1},
		{"a feature in review: wait for ops", sim.DevBotSpec{}, func(v *sim.View) { v.Tray[0].InReview = true; v.CanRelease = false }, nil, never - 100},
		{"releases refused: wait for an event", sim.DevBotSpec{}, func(v *sim.View) { v.CanRelease = false }, nil, never - 100},
		{"a tester starts testing", sim.DevBotSpec{TestTicks: 120}, nil, []sim.Action{sim.ActTestStart}, 1},
		{"nothing left to find: no test", sim.DevBotSpec{TestTicks: 120}, func(v *sim.View) { v.Tray[0].ChancePermille = 0 }, []sim.Action{sim.ActRelease}, 1},
		{"careful: two balls in the juggle is calm", sim.DevBotSpec{CalmBalls: 2}, nil, []sim.Action{sim.ActRelease}, 1},
		{"careful: three is not", sim.DevBotSpec{CalmBalls: 2}, func(v *sim.View) {
			v.Balls[2] = sim.BallView{Version: 3, State: sim.BallIncoming, Hand: sim.Left, Arrival: v.Tick + 10, Known: true}
			v.BallsN = 3
		}, nil, never - 100},
		{"careful: a ball on the stand is not in the juggle", sim.DevBotSpec{CalmBalls: 2}, func(v *sim.View) {
			v.Balls[2] = sim.BallView{Version: 3, State: sim.BallStand, Hand: sim.NoHand, Known: true}
			v.BallsN = 3
		}, []sim.Action{sim.ActRelease}, 1},
		{"careful: a known incident is not calm", sim.DevBotSpec{CalmBalls: 2}, func(v *sim.View) { v.Incident.ID = 1 }, nil, never - 100},
		{"careful: locked is not calm", sim.DevBotSpec{CalmBalls: 2}, func(v *sim.View) { v.Locked = true }, nil, never - 100},
		{"careful: a known ball on the floor is not calm", sim.DevBotSpec{CalmBalls: 5}, func(v *sim.View) { v.Balls[0].State = sim.BallFloor }, nil, never - 100},
		{"careful: a ball being picked up is not calm", sim.DevBotSpec{CalmBalls: 5}, func(v *sim.View) { v.Balls[0].State = sim.BallRecovering }, nil, never - 100},
		{"careful: a drop nobody knows of is calm", sim.DevBotSpec{CalmBalls: 5}, func(v *sim.View) {
			v.Balls[0].State, v.Balls[0].Known = sim.BallFloor, false
		}, []sim.Action{sim.ActRelease}, 1},
		{"careful: an upgrade restarting is not calm, until it ends", sim.DevBotSpec{CalmBalls: 2}, func(v *sim.View) { v.UpgradeUntil = v.Tick + 5 }, nil, 5},
		{"careful: an upgrade that ended is calm", sim.DevBotSpec{CalmBalls: 2}, func(v *sim.View) { v.UpgradeUntil = v.Tick }, []sim.Action{sim.ActRelease}, 1},
		{"budget: a reserve left is enough", sim.DevBotSpec{BudgetReservePermille: 400}, func(v *sim.View) { v.BudgetLeftPermille = 400 }, []sim.Action{sim.ActRelease}, 1},
		{"budget: below the reserve, hold", sim.DevBotSpec{BudgetReservePermille: 400}, func(v *sim.View) { v.BudgetLeftPermille = 399 }, nil, never - 100},
		{"no reserve: release whatever the budget", sim.DevBotSpec{}, func(v *sim.View) { v.BudgetLeftPermille = 0 }, []sim.Action{sim.ActRelease}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := devView(100)
			if tc.edit != nil {
				tc.edit(v)
			}
			b := NewDev(tc.spec)
			got := b.Act(v, nil)
			assert.Equal(t, tc.want, acts(got))
			for _, in := range got {
				assert.Equal(t, sim.Input{Tick: v.Tick, Role: sim.Dev, Action: in.Action, Arg: sim.ArgHandAuto}, in)
			}
			if tc.wake >= never-100 {
				assert.Equal(t, never, b.Wake())
			} else if tc.wake > 0 {
				assert.Equal(t, v.Tick+tc.wake, b.Wake())
			}
		})
	}
}

// step shows the bot the view at tick t, testing or not, and returns its actions.
func step(b *DevBot, v *sim.View, t sim.Tick, testing bool) []sim.Action {
	v.Tick, v.Testing = t, testing
	return acts(b.Act(v, nil))
}

// TestTesterTestsForTestTicks: testing counts from the tick the bot started it, whether
// or not the bot looked in between, and the release comes on the tick the target is met.
func TestTesterTestsForTestTicks(t *testing.T) {
	for _, looks := range []string{"every tick", "only when it woke"} {
		b := NewDev(sim.DevBotSpec{TestTicks: 120})
		v := devView(100)
		require.Equal(t, []sim.Action{sim.ActTestStart}, step(b, v, 100, false))
		if looks == "every tick" {
			for tk := sim.Tick(101); tk < 220; tk++ {
				require.Empty(t, step(b, v, tk, true), "tick %d", tk)
				require.Equal(t, sim.Tick(220), b.Wake())
			}
		} else {
			require.Empty(t, step(b, v, 101, true))
			require.Equal(t, sim.Tick(220), b.Wake(), "it sleeps until the target")
		}
		assert.Equal(t, []sim.Action{sim.ActRelease}, step(b, v, 220, true), looks)
	}
}

// TestTesterStopsTestingWhenItMustWait: tested enough but unable to release, dev goes
// back to building rather than testing on.
func TestTesterStopsTestingWhenItMustWait(t *testing.T) {
	for name, block := range map[string]func(v *sim.View){
		"releases refused": func(v *sim.View) { v.CanRelease = false },
		"not calm":         func(v *sim.View) { v.Incident.ID = 3 },
	} {
		b := NewDev(sim.DevBotSpec{TestTicks: 10, CalmBalls: 2})
		v := devView(0)
		require.Equal(t, []sim.Action{sim.ActTestStart}, step(b, v, 0, false))
		block(v)
		assert.Equal(t, []sim.Action{sim.ActTestStop}, step(b, v, 10, true), name)
		assert.Empty(t, step(b, v, 11, false), name)
	}
}

// TestBudgetBotTestsLongerAsTheBudgetBurns: the test target is TestTicks, plus twice
// TestTicks times the share of the month's error budget spent (three times as long when
// it is all spent).
func TestBudgetBotTestsLongerAsTheBudgetBurns(t *testing.T) {
	for _, tc := range []struct {
		left   int32
		target sim.Tick
	}{
		{1000, 100},
		{750, 150},
		{500, 200},
		{0, 300},
	} {
		b := NewDev(sim.DevBotSpec{TestTicks: 100, BudgetReservePermille: 1})
		v := devView(0)
		v.BudgetLeftPermille = tc.left
		require.Equal(t, []sim.Action{sim.ActTestStart}, step(b, v, 0, false))
		assert.Empty(t, step(b, v, tc.target-1, true), "%d ‰ left: still testing a tick before %d", tc.left, tc.target)
		if tc.left == 0 {
			continue // and holds: no budget left
		}
		assert.Equal(t, []sim.Action{sim.ActRelease}, step(b, v, tc.target, true), "%d ‰ left", tc.left)
	}
	// Without a reserve the target does not move.
	b := NewDev(sim.DevBotSpec{TestTicks: 100})
	v := devView(0)
	v.BudgetLeftPermille = 0
	step(b, v, 0, false)
	assert.Equal(t, []sim.Action{sim.ActRelease}, step(b, v, 100, true))
}

// TestPacedBotWaitsItsInterval: a paced bot releases at most once per IntervalTicks, and
// sleeps until the interval is over.
func TestPacedBotWaitsItsInterval(t *testing.T) {
	b := NewDev(sim.DevBotSpec{IntervalTicks: 300})
	v := devView(50)
	require.Equal(t, []sim.Action{sim.ActRelease}, step(b, v, 50, false))
	v.Tray[0].ID = 2
	assert.Empty(t, step(b, v, 51, false))
	assert.Equal(t, sim.Tick(350), b.Wake())
	assert.Empty(t, step(b, v, 349, false))
	assert.Equal(t, []sim.Action{sim.ActRelease}, step(b, v, 350, false))
}

// TestReworkIsTestedAgain: a feature that comes back from production is a new front
// feature: the tester tests it again from zero.
func TestReworkIsTestedAgain(t *testing.T) {
	b := NewDev(sim.DevBotSpec{TestTicks: 20})
	v := devView(0)
	step(b, v, 0, false)
	require.Equal(t, []sim.Action{sim.ActRelease}, step(b, v, 20, true))
	v.Tray[0].Rework = true // feature 1 again
	assert.Equal(t, []sim.Action{sim.ActTestStart}, step(b, v, 500, false))
	assert.Empty(t, step(b, v, 519, true))
	assert.Equal(t, []sim.Action{sim.ActRelease}, step(b, v, 520, true))
}
