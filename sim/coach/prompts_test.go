package coach

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
)

// view builds a view by hand: production's usual numbers and the balls given.
func view(tick sim.Tick, balls ...sim.BallView) *sim.View {
	v := &sim.View{Tick: tick, TargetBalls: 2, MaxBalls: 6, CatchWindowTicks: 7, RecoverTicks: 48, MonthTicks: 1800,
		Monitoring: sim.MonitorNone, Release: sim.InPlace}
	v.MonthTick = tick % 1800
	for i, b := range balls {
		v.Balls[i] = b
		if b.Live {
			v.Live = b.Version
		}
	}
	v.BallsN = len(balls)
	return v
}

func air(ver sim.Version, h sim.Hand, arrival sim.Tick) sim.BallView {
	return sim.BallView{Version: ver, State: sim.BallAir, Hand: h, From: arrival - 60, Arrival: arrival, Standby: true, Known: true}
}

func live(b sim.BallView) sim.BallView { b.Live, b.Standby = true, false; return b }

func floor(b sim.BallView, known bool) sim.BallView {
	b.State, b.Known = sim.BallFloor, known
	return b
}

func kinds(p *Prompts) []Kind {
	var ks []Kind
	for _, x := range p.List() {
		ks = append(ks, x.Kind)
	}
	return ks
}

func fill(v *sim.View, r sim.Role) *Prompts {
	var p Prompts
	p.Fill(v, r)
	return &p
}

// TestACalmJuggleShowsNothing: two versions in the air, nothing pending: no prompt for
// ops, and dev sees only what it may do with the feature in its tray.
func TestACalmJuggleShowsNothing(t *testing.T) {
	v := view(100, air(1, sim.Left, 130), live(air(2, sim.Right, 160)))
	assert.Empty(t, kinds(fill(v, sim.Ops)))
	assert.Empty(t, kinds(fill(v, sim.Dev)), "an empty tray")
	v.TrayN, v.Tray[0].ID, v.CanRelease = 1, 4, true
	p := fill(v, sim.Dev)
	require.Equal(t, []Kind{Ready}, kinds(p))
	assert.Equal(t, [2]sim.Action{sim.ActRelease, sim.ActTestStart}, p.Prompt[0].Actions)
	assert.Equal(t, "feature 4 is ready: test it or release it", p.Prompt[0].Text(v))
	v.Testing = true
	assert.Equal(t, sim.ActTestStop, fill(v, sim.Dev).Prompt[0].Actions[1], "testing: the key stops it")
}

// TestExtraVersions: one version over the target tells ops to retire the oldest standby
// in the air, at the hand it comes to, and says Now only while it is in its window.
func TestExtraVersions(t *testing.T) {
	v := view(100, air(1, sim.Left, 130), air(2, sim.Right, 115), live(air(3, sim.Left, 150)))
	p := fill(v, sim.Ops)
	require.Equal(t, []Kind{Extra}, kinds(p))
	x := p.Prompt[0]
	assert.Equal(t, Prompt{Kind: Extra, Priority: priority[Extra], Actions: [2]sim.Action{sim.ActRetireLeft}, Hand: sim.Left, Version: 1, N: 3, Target: 2}, x)
	assert.Equal(t, "3 versions, target 2: retire the oldest (v1)", x.Text(v))
	v.Balls[1].State = sim.BallRecovering
	assert.Equal(t, []Kind{Extra}, kinds(fill(v, sim.Ops)), "a ball being picked up is up")
	v.Tick = 130 - 8
	assert.False(t, fill(v, sim.Ops).Prompt[0].Now, "one tick before the window")
	v.Tick = 130 - 7
	assert.True(t, fill(v, sim.Ops).Prompt[0].Now)
	v.Tick = 130 + 7
	assert.True(t, fill(v, sim.Ops).Prompt[0].Now)
	v.Balls[2].Arrival = 131
	assert.True(t, fill(v, sim.Ops).Prompt[0].Now, "the live ball comes to the left hand after v1")
	v.Balls[2].Arrival = 129
	assert.False(t, fill(v, sim.Ops).Prompt[0].Now, "the live ball comes first: a press would retire it")
	v.Balls[2].Arrival = 130
	assert.True(t, fill(v, sim.Ops).Prompt[0].Now, "a tie goes to the older version")
	v.Balls[2].Arrival = 150
	v.Busy[sim.Left] = true
	assert.False(t, fill(v, sim.Ops).Prompt[0].Now, "the hand is busy")
	// At the target, nothing to retire; an unknown fall is no version ops can count.
	v = view(100, floor(air(1, sim.Left, 90), false), air(2, sim.Right, 115), live(air(3, sim.Left, 150)))
	assert.Equal(t, []Kind{Unseen}, kinds(fill(v, sim.Ops)))
}

// TestAFallenBall: a known ball on the floor tells ops to pick it up (or to throw it
// away when production has more than it needs, or no room); the live one first, and as
// LiveDown. Now says whether the hand is clear for the pick-up, with time to press.
func TestAFallenBall(t *testing.T) {
	v := view(100, floor(air(1, sim.Left, 90), true), live(air(2, sim.Right, 115)))
	p := fill(v, sim.Ops)
	require.Equal(t, []Kind{Fallen}, kinds(p))
	x := p.Prompt[0]
	assert.Equal(t, [2]sim.Action{sim.ActRecover, sim.ActDiscard}, x.Actions)
	assert.Equal(t, int32(1), x.Arg)
	assert.Equal(t, sim.Left, x.Hand)
	assert.True(t, x.Now, "nothing comes to the left hand")
	assert.Equal(t, sim.Input{Tick: 100, Role: sim.Ops, Action: sim.ActRecover, Arg: 1}, x.Input(100))
	assert.Equal(t, "v1 fell: pick it up, or throw it away", x.Text(v))

	// A ball due at the left hand within the pick-up (with the slack to press) is not Now.
	edge := sim.Tick(100 + pressSlackTicks + 48 + 7)
	v = view(100, floor(air(1, sim.Left, 90), true), live(air(2, sim.Left, edge)))
	assert.False(t, fill(v, sim.Ops).Prompt[0].Now)
	v.Balls[1].Arrival = edge + 1
	assert.True(t, fill(v, sim.Ops).Prompt[0].Now)
	v.Busy[sim.Left] = true
	assert.False(t, fill(v, sim.Ops).Prompt[0].Now, "the hand is busy")

	// A spare: throw it away.
	v = view(100, floor(air(1, sim.Left, 90), true), air(2, sim.Right, 115), live(air(3, sim.Left, 150)))
	p = fill(v, sim.Ops)
	assert.Equal(t, []Kind{Fallen}, kinds(p), "the spare on the floor is the one to go, not a standby in the air")
	assert.Equal(t, sim.ActDiscard, p.Prompt[0].Advised())
	assert.True(t, p.Prompt[0].Now, "throwing away takes no time")

	// The live version down, and the standby down too: the live one first.
	v = view(100, floor(air(1, sim.Right, 90), true), live(floor(air(2, sim.Left, 95), true)))
	p = fill(v, sim.Ops)
	require.Equal(t, []Kind{LiveDown}, kinds(p))
	assert.Equal(t, sim.Version(2), p.Prompt[0].Version)
	assert.Equal(t, sim.ActRecover, p.Prompt[0].Advised())
	assert.Equal(t, "the live version v2 fell: pick it up, or throw it away to roll back", p.Prompt[0].Text(v))

	// The live version down with a standby up: throw it away, a rollback to the standby
	// at once, rather than keep the service down through a pick-up.
	v2 := view(100, air(1, sim.Right, 130), live(floor(air(2, sim.Left, 95), true)))
	p = fill(v2, sim.Ops)
	require.Equal(t, []Kind{LiveDown}, kinds(p))
	assert.Equal(t, [2]sim.Action{sim.ActDiscard, sim.ActRecover}, p.Prompt[0].Actions)
	assert.True(t, p.Prompt[0].Now)
	assert.Equal(t, "the live version v2 fell: throw it away to roll back, or pick it up", p.Prompt[0].Text(v2))

	// No room to pick it up: throw it away.
	v.MaxBalls = 0
	assert.Equal(t, sim.ActDiscard, fill(v, sim.Ops).Prompt[0].Advised())
}

// TestRollback: a cracked live version with a standby in the air tells ops to retire it
// at its next catch; with nothing to roll back to, dev is told to release a fix.
func TestRollback(t *testing.T) {
	l := live(air(2, sim.Right, 115))
	l.Cracked = true
	v := view(110, air(1, sim.Left, 130), l)
	v.Unacked = 1
	p := fill(v, sim.Ops)
	require.Equal(t, []Kind{Rollback, Acknowledge}, kinds(p))
	assert.Equal(t, Prompt{Kind: Rollback, Priority: priority[Rollback], Actions: [2]sim.Action{sim.ActRetireRight}, Hand: sim.Right, Version: 2, Now: true}, p.Prompt[0])
	assert.Equal(t, [2]sim.Action{sim.ActAcknowledge}, p.Prompt[1].Actions)
	assert.Equal(t, sim.NoHand, p.Prompt[1].Hand)
	assert.Empty(t, kinds(fill(v, sim.Dev)), "a standby is up: no roll-forward")

	v = view(110, floor(air(1, sim.Left, 90), false), l)
	v.CanRelease, v.TrayN, v.Tray[0].ID = true, 1, 5
	assert.NotContains(t, kinds(fill(v, sim.Ops)), Rollback, "nothing up to roll back to")
	p = fill(v, sim.Dev)
	require.Equal(t, []Kind{RollForward, Ready}, kinds(p))
	assert.Equal(t, "the live version v2 is defective and nothing is up to roll back to: release a fix", p.Prompt[0].Text(v))

	l.Cracked = false
	v = view(110, air(1, sim.Left, 130), l)
	assert.Empty(t, kinds(fill(v, sim.Ops)), "a defect nobody has seen shows nothing")
}

// TestAChangeRequest: with the gate, ops is told to approve or reject, with the time
// left; dev is told it waits. Without the gate there is nothing to answer.
func TestAChangeRequest(t *testing.T) {
	v := view(100, air(1, sim.Left, 130), live(air(2, sim.Right, 160)))
	v.Gate, v.CRActive, v.CRSince, v.CRDeadline = true, true, 90, 90+240
	v.TrayN, v.Tray[0].ID, v.Tray[0].InReview = 1, 3, true
	p := fill(v, sim.Ops)
	require.Equal(t, []Kind{ChangeRequest}, kinds(p))
	assert.Equal(t, [2]sim.Action{sim.ActApprove, sim.ActReject}, p.Prompt[0].Actions)
	assert.Equal(t, sim.Tick(330), p.Prompt[0].Deadline)
	assert.Equal(t, "change request for feature 3: approve or reject", p.Prompt[0].Text(v))
	d := fill(v, sim.Dev)
	require.Equal(t, []Kind{Waiting}, kinds(d))
	assert.Equal(t, sim.ActNone, d.Prompt[0].Advised(), "a notice")
	assert.Equal(t, "feature 3 waits for ops to approve", d.Prompt[0].Text(v), "the time left is in the request's box, to the tenth")
	v.MaxBalls = 2
	p = fill(v, sim.Ops)
	assert.Equal(t, [2]sim.Action{sim.ActReject, sim.ActApprove}, p.Prompt[0].Actions, "full: an approval would be refused")
	assert.Equal(t, "change request for feature 3: production is full (2 balls): reject it", p.Prompt[0].Text(v))
	v.Gate = false
	assert.Empty(t, kinds(fill(v, sim.Ops)))
}

// TestDevNotices: releases locked (until the month ends), production full, the tray full.
func TestDevNotices(t *testing.T) {
	v := view(1000, air(1, sim.Left, 1030), live(air(2, sim.Right, 1060)))
	v.TrayN, v.Tray[0].ID, v.Stalled = 3, 7, true
	v.Locked = true
	p := fill(v, sim.Dev)
	require.Equal(t, []Kind{Locked}, kinds(p))
	assert.Equal(t, sim.Tick(1800), p.Prompt[0].Deadline)
	assert.Equal(t, "releases locked: error budget spent (14 s to next month)", p.Prompt[0].Text(v))
	v.Locked, v.MaxBalls = false, 2
	p = fill(v, sim.Dev)
	require.Equal(t, []Kind{ProductionFull}, kinds(p))
	assert.Equal(t, "production is full (2 balls): ops must retire one first", p.Prompt[0].Text(v))
	v.MaxBalls, v.CanRelease = 6, true
	p = fill(v, sim.Dev)
	require.Equal(t, []Kind{TrayFull, Ready}, kinds(p))
	assert.Equal(t, sim.ActRelease, p.Prompt[0].Advised())
}

// TestSwapIn: blue/green, a version on the stand: swap it in at the oldest standby's
// next catch, or at the live ball's when no standby is up.
func TestSwapIn(t *testing.T) {
	stand := sim.BallView{Version: 3, State: sim.BallStand, Hand: sim.NoHand, Known: true}
	v := view(100, air(1, sim.Left, 130), live(air(2, sim.Right, 110)), stand)
	v.Release = sim.BlueGreen
	p := fill(v, sim.Ops)
	require.Equal(t, []Kind{SwapIn}, kinds(p))
	assert.Equal(t, Prompt{Kind: SwapIn, Priority: priority[SwapIn], Actions: [2]sim.Action{sim.ActSwap}, Arg: int32(sim.Left), Hand: sim.Left, Version: 1, Stand: 3}, p.Prompt[0])
	assert.Equal(t, "v3 waits on the stand: swap it in as v1 comes down", p.Prompt[0].Text(v))
	v = view(100, floor(air(1, sim.Left, 90), true), live(air(2, sim.Right, 105)), stand)
	p = fill(v, sim.Ops)
	require.Equal(t, []Kind{Fallen, SwapIn}, kinds(p))
	assert.Equal(t, Prompt{Kind: SwapIn, Priority: priority[SwapIn], Actions: [2]sim.Action{sim.ActSwap}, Arg: int32(sim.Right), Hand: sim.Right, Version: 2, Stand: 3, Now: true}, p.Prompt[1])
}

// TestPromptsByUrgency: the most urgent prompt comes first, every kind has a name,
// its role, and words.
func TestPromptsByUrgency(t *testing.T) {
	l := live(floor(air(5, sim.Left, 90), true))
	v := view(100, floor(air(1, sim.Right, 80), false), air(2, sim.Left, 130), air(3, sim.Right, 120), air(4, sim.Left, 140), l)
	v.Unacked = 2
	v.Gate, v.CRActive, v.CRDeadline, v.TrayN = true, true, 300, 1
	assert.Equal(t, []Kind{LiveDown, Acknowledge, ChangeRequest, Extra, Unseen}, kinds(fill(v, sim.Ops)))
	seen := map[string]bool{}
	for k := None + 1; k < numKinds; k++ {
		assert.False(t, seen[k.String()], k)
		seen[k.String()] = true
		assert.NotZero(t, priority[k], k)
		x := Prompt{Kind: k}
		assert.NotEmpty(t, x.Text(v), k)
		assert.Equal(t, k >= Locked, x.Role() == sim.Dev, k)
	}
	assert.Equal(t, "?", numKinds.String())
	assert.Empty(t, (&Prompt{}).Text(v))
}
