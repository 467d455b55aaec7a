package bot

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
)

// opsCfg is the config the ops bots of these tests play: a 7-tick catch window, 48-tick
// recoveries.
func opsCfg() sim.Config { return sim.DefaultConfig() }

// perfect is an ops bot that never misses, reacting in 30 ticks.
func perfect(gate sim.Gatekeeping, resp sim.Response) *OpsBot {
	return NewOps(sim.OpsBotSpec{Name: "test", SkillPermille: 1000, Gatekeeping: gate, Response: resp,
		FreezeTicks: 400, ReactionTicks: 30}, opsCfg(), 1)
}

// opsView is production at tick t: v1 (a standby) due at the left hand at t+40, v2 (live)
// at the right hand at t+70, nothing wrong.
func opsView(t sim.Tick) *sim.View {
	v := &sim.View{Role: sim.Ops, Tick: t, TargetBalls: 2, MaxBalls: 6, Live: 2, BudgetLeftPermille: 1000, KPIPermille: -1, BallsGen: 1}
	v.Balls[0] = sim.BallView{Version: 1, State: sim.BallAir, Hand: sim.Left, Arrival: t + 40, Standby: true, Known: true}
	v.Balls[1] = sim.BallView{Version: 2, State: sim.BallAir, Hand: sim.Right, Arrival: t + 70, Live: true, Known: true}
	v.BallsN = 2
	return v
}

// add puts a ball in the view.
func add(v *sim.View, b sim.BallView) {
	v.Balls[v.BallsN] = b
	v.BallsN++
	v.BallsGen++
}

// look shows the bot the view at tick t and returns its inputs.
func look(b *OpsBot, v *sim.View, t sim.Tick) []sim.Input {
	v.Tick = t
	return b.Act(v, nil)
}

// TestPerfectOpsCatchesOnTheArrival: a juggler of skill 1000 presses each ball's hand on
// its arrival tick, and sleeps until then.
func TestPerfectOpsCatchesOnTheArrival(t *testing.T) {
	b := perfect(sim.ApproveAll, sim.RecoverFirst)
	v := opsView(0)
	assert.Empty(t, look(b, v, 0))
	assert.Equal(t, sim.Tick(40), b.Wake())
	assert.Empty(t, look(b, v, 39))
	assert.Equal(t, []sim.Input{{Tick: 40, Role: sim.Ops, Action: sim.ActCatchLeft}}, look(b, v, 40))
	assert.Empty(t, look(b, v, 41), "one press per ball")
	assert.Equal(t, sim.Tick(70), b.Wake())
	assert.Equal(t, []sim.Input{{Tick: 70, Role: sim.Ops, Action: sim.ActCatchRight}}, look(b, v, 70))
}

// TestTimingErrorGrowsWithLoad pins spread16: (1000 - skill)/300 catch windows at the
// target load (in sixteenths of a tick), 35 % more per ball over the target, 50 % more
// with another ball due at the same hand within two windows, 25 % more for a release.
func TestTimingErrorGrowsWithLoad(t *testing.T) {
	b := NewOps(sim.OpsBotSpec{SkillPermille: 700}, opsCfg(), 1) // window 7: 7*16*300/300 = 112
	v := opsView(0)
	assert.Equal(t, int64(112), b.spread16(v, 0, 2))
	assert.Equal(t, int64(112*135/100), b.spread16(v, 0, 3), "one ball over the target")
	assert.Equal(t, int64(112*170/100), b.spread16(v, 0, 4), "two over")
	assert.Equal(t, int64(112), b.spread16(v, 0, 1), "under the target: no less")

	v.Balls[1].Hand, v.Balls[1].Arrival = sim.Left, v.Balls[0].Arrival+14 // two windows apart
	assert.Equal(t, int64(112*3/2), b.spread16(v, 0, 2), "crowded hand")
	v.Balls[1].Arrival = v.Balls[0].Arrival - 14
	assert.Equal(t, int64(112*3/2), b.spread16(v, 0, 2), "crowded hand, the other ball first")
	v.Balls[1].Arrival = v.Balls[0].Arrival + 15
	assert.Equal(t, int64(112), b.spread16(v, 0, 2), "a tick further: not crowded")
	v.Balls[1].Arrival = v.Balls[0].Arrival - 15
	assert.Equal(t, int64(112), b.spread16(v, 0, 2))

	v.Balls[0].State = sim.BallIncoming
	assert.Equal(t, int64(112*5/4), b.spread16(v, 0, 2), "a release straight from dev")

	perfect := NewOps(sim.OpsBotSpec{SkillPermille: 1000}, opsCfg(), 1)
	assert.Zero(t, perfect.spread16(opsView(0), 0, 5))
}

// TestTimingErrorIsTriangular: errorTicks draws from [-s, s] sixteenths, rounded to whole
// ticks, most often near 0.
func TestTimingErrorIsTriangular(t *testing.T) {
	b := NewOps(sim.OpsBotSpec{SkillPermille: 700}, opsCfg(), 3)
	assert.Zero(t, b.errorTicks(0))
	assert.Zero(t, b.errorTicks(-5))
	counts := map[sim.Tick]int{}
	for range 20000 {
		e := b.errorTicks(112) // 7 ticks
		require.True(t, e >= -7 && e <= 7, "%d", e)
		counts[e]++
	}
	assert.Positive(t, counts[-7])
	assert.Positive(t, counts[7])
	assert.Greater(t, counts[0], 2*counts[5], "more often near the arrival")
	assert.Greater(t, counts[5], counts[7])
	assert.InDelta(t, counts[3], counts[-3], 300, "symmetric")
	for range 1000 {
		require.Contains(t, []sim.Tick{0}, b.errorTicks(7), "under half a tick rounds to 0")
	}
	for range 1000 {
		e := b.errorTicks(8)
		require.True(t, e >= -1 && e <= 1)
	}
}

// TestOpsAcknowledgesAfterItsReaction: a detected incident is acknowledged after the
// reaction time, once.
func TestOpsAcknowledgesAfterItsReaction(t *testing.T) {
	b := perfect(sim.ApproveAll, sim.RecoverFirst)
	v := opsView(0)
	v.Balls[0].Arrival, v.Balls[1].Arrival = 1000, 1000
	v.Unacked = 1
	v.Incident = sim.IncidentView{ID: 1, Start: 0, Detected: 0, Cause: sim.CauseUnknown}
	assert.Empty(t, look(b, v, 0))
	assert.Equal(t, sim.Tick(30), b.Wake(), "it sleeps until its reaction time is up (an event would wake it sooner)")
	assert.Empty(t, look(b, v, 29))
	assert.Equal(t, []sim.Action{sim.ActAcknowledge}, acts(look(b, v, 30)))
	v.Unacked = 0
	assert.NotContains(t, acts(look(b, v, 31)), sim.ActAcknowledge)
}

// TestGatekeeping pins each rule's answer to a change request, given after the reaction
// time.
func TestGatekeepingRules(t *testing.T) {
	for _, tc := range []struct {
		name string
		rule sim.Gatekeeping
		edit func(v *sim.View, b *OpsBot)
		want sim.Action // ActNone: no answer yet
	}{
		{"approve-all approves", sim.ApproveAll, nil, sim.ActApprove},
		{"approve-all approves even in trouble", sim.ApproveAll, func(v *sim.View, b *OpsBot) {
			v.Incident = sim.IncidentView{ID: 1, Detected: 0}
		}, sim.ActApprove},
		{"reject-all rejects", sim.RejectAll, nil, sim.ActReject},
		{"approve-calm approves when calm", sim.ApproveCalm, nil, sim.ActApprove},
		{"approve-calm waits over the target", sim.ApproveCalm, func(v *sim.View, b *OpsBot) {
			add(v, sim.BallView{Version: 3, State: sim.BallAir, Hand: sim.Left, Arrival: v.Tick + 90, Live: true, Known: true})
			v.Balls[1].Live, v.Balls[1].Standby = false, true
		}, sim.ActNone},
		{"approve-calm waits with a release in the air", sim.ApproveCalm, func(v *sim.View, b *OpsBot) {
			add(v, sim.BallView{Version: 3, State: sim.BallIncoming, Hand: sim.Left, Arrival: v.Tick + 90, Known: true})
		}, sim.ActNone},
		{"approve-calm waits while an upgrade restarts", sim.ApproveCalm, func(v *sim.View, b *OpsBot) { v.UpgradeUntil = 1031 }, sim.ActNone},
		{"approve-calm approves once the restart is over", sim.ApproveCalm, func(v *sim.View, b *OpsBot) { v.UpgradeUntil = 1030 }, sim.ActApprove},
		{"approve-calm waits with no live version", sim.ApproveCalm, func(v *sim.View, b *OpsBot) {
			v.Balls[1].Live, v.Live = false, 0
			v.Balls[0].Standby = false
			v.Balls[1].State, v.Balls[0].State = sim.BallIncoming, sim.BallIncoming
			v.Incident = sim.IncidentView{ID: 1, Detected: 0}
		}, sim.ActNone},
		{"approve-calm waits during an incident", sim.ApproveCalm, func(v *sim.View, b *OpsBot) {
			add(v, sim.BallView{Version: 3, State: sim.BallAir, Hand: sim.Left, Arrival: v.Tick + 90, Standby: true, Known: true})
			v.Incident = sim.IncidentView{ID: 1, Detected: 0}
		}, sim.ActNone},
		{"approve-calm rolls forward: an incident with nothing to roll back to", sim.ApproveCalm, func(v *sim.View, b *OpsBot) {
			v.Balls[0].State = sim.BallStand // no standby in the air
			v.Balls[0].Standby = false
			v.Incident = sim.IncidentView{ID: 1, Detected: 0}
		}, sim.ActApprove},
		{"approve-calm rolls forward with the live ball alone", sim.ApproveCalm, func(v *sim.View, b *OpsBot) {
			v.Balls[0], v.BallsN = v.Balls[1], 1 // v2 only, first of the balls
			v.Incident = sim.IncidentView{ID: 1, Detected: 0}
		}, sim.ActApprove},
		{"approve-calm waits on a known ball on the floor", sim.ApproveCalm, func(v *sim.View, b *OpsBot) {
			v.Balls[0].State = sim.BallFloor
		}, sim.ActNone},
		{"freeze rejects within FreezeTicks of a detection", sim.Freeze, func(v *sim.View, b *OpsBot) { b.lastDetected = 1030 - 399 }, sim.ActReject},
		{"freeze approves FreezeTicks after it", sim.Freeze, func(v *sim.View, b *OpsBot) { b.lastDetected = 1030 - 400 }, sim.ActApprove},
		{"freeze rejects within FreezeTicks of an approval", sim.Freeze, func(v *sim.View, b *OpsBot) { b.lastApproved = 1030 - 399 }, sim.ActReject},
		{"freeze approves FreezeTicks after it", sim.Freeze, func(v *sim.View, b *OpsBot) { b.lastApproved = 1030 - 400 }, sim.ActApprove},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := perfect(tc.rule, sim.RecoverFirst)
			v := opsView(1000)
			v.Balls[0].Arrival, v.Balls[1].Arrival = 2000, 2000 // no catch in the way
			v.CRActive, v.CRSince, v.CRDeadline = true, 1000, 1240
			if tc.edit != nil {
				tc.edit(v, b)
			}
			assert.NotContains(t, acts(look(b, v, 1000)), tc.want, "not before the reaction time")
			assert.NotContains(t, acts(look(b, v, 1029)), tc.want, "not before the reaction time")
			got := acts(look(b, v, 1030))
			for _, a := range []sim.Action{sim.ActApprove, sim.ActReject} {
				assert.Equal(t, a == tc.want, contains(got, a), "%v in %v", a, got)
			}
		})
	}
}

func contains(as []sim.Action, a sim.Action) bool {
	for _, x := range as {
		if x == a {
			return true
		}
	}
	return false
}

// TestFreezeFollowsAnApproval: after approving, the freeze rule rejects the next request
// for FreezeTicks.
func TestFreezeFollowsAnApproval(t *testing.T) {
	b := perfect(sim.Freeze, sim.RecoverFirst)
	v := opsView(1000)
	v.Balls[0].Arrival, v.Balls[1].Arrival = 5000, 5000
	v.CRActive, v.CRSince = true, 1000
	look(b, v, 1000)
	require.Equal(t, []sim.Action{sim.ActApprove}, acts(look(b, v, 1030)))
	v.CRActive = false
	look(b, v, 1031)
	v.CRActive, v.CRSince = true, 1100
	look(b, v, 1100)
	assert.Equal(t, []sim.Action{sim.ActReject}, acts(look(b, v, 1130)))
}

// TestIncidentResponse pins what the ops bot does about a known ball on the floor, once
// its reaction time has passed.
func TestIncidentResponse(t *testing.T) {
	type setup func(v *sim.View)
	liveDown := func(v *sim.View) { v.Balls[1].State, v.Balls[1].Arrival = sim.BallFloor, v.Tick }
	standbyUp := func(v *sim.View) {
		add(v, sim.BallView{Version: 3, State: sim.BallAir, Hand: sim.Left, Arrival: v.Tick + 500, Standby: true, Known: true})
	}
	for _, tc := range []struct {
		name  string
		resp  sim.Response
		setup []setup
		want  sim.Input // ActNone: nothing
	}{
		{"recover-first picks the live ball up", sim.RecoverFirst, []setup{liveDown}, sim.Input{Action: sim.ActRecover, Arg: 2}},
		{"rollback-first with no standby in the air picks it up", sim.RollbackFirst, []setup{liveDown, func(v *sim.View) {
			v.Balls[0].State = sim.BallRecovering
			v.Balls[0].Hand = sim.Left
		}}, sim.Input{Action: sim.ActRecover, Arg: 2}},
		{"rollback-first throws the live ball away: a rollback", sim.RollbackFirst, []setup{liveDown}, sim.Input{Action: sim.ActDiscard, Arg: 2}},
		{"a spare standby on the floor is let go", sim.RecoverFirst, []setup{standbyUp, func(v *sim.View) { v.Balls[0].State = sim.BallFloor }},
			sim.Input{Action: sim.ActDiscard, Arg: 1}},
		{"two spare standbys on the floor: the older first", sim.RecoverFirst, []setup{standbyUp, func(v *sim.View) {
			v.Balls[0].State = sim.BallFloor
			add(v, sim.BallView{Version: 4, State: sim.BallFloor, Hand: sim.Right, Standby: true, Known: true})
			v.Balls[1].Live, v.Balls[1].Standby = false, true
			v.Balls[2].Standby, v.Balls[2].Live = false, true // v3 live in the air
		}}, sim.Input{Action: sim.ActDiscard, Arg: 1}},
		{"a standby on the floor at the target is picked up", sim.RecoverFirst, []setup{func(v *sim.View) { v.Balls[0].State = sim.BallFloor }},
			sim.Input{Action: sim.ActRecover, Arg: 1}},
		{"no room in production: throw it away", sim.RecoverFirst, []setup{liveDown, func(v *sim.View) { v.MaxBalls = 2 }, standbyUp},
			sim.Input{Action: sim.ActDiscard, Arg: 2}},
		{"room for one more: pick it up", sim.RecoverFirst, []setup{liveDown, func(v *sim.View) { v.MaxBalls = 3 }, standbyUp},
			sim.Input{Action: sim.ActRecover, Arg: 2}},
		{"a ball ops does not know of: nothing", sim.RecoverFirst, []setup{liveDown, func(v *sim.View) { v.Balls[1].Known = false }},
			sim.Input{Action: sim.ActNone}},
		{"its hand busy picking another up: wait", sim.RecoverFirst, []setup{liveDown, func(v *sim.View) { v.Busy[sim.Right] = true }},
			sim.Input{Action: sim.ActNone}},
		// At tick 130 a 48-tick pick-up ends at 178; a ball due at 185 opens its window then.
		{"a ball due at that hand during the pick-up: wait for the gap", sim.RecoverFirst, []setup{liveDown, func(v *sim.View) {
			v.Balls[0].Hand, v.Balls[0].Arrival = sim.Right, 130+48+7
		}}, sim.Input{Action: sim.ActNone}},
		{"a ball due at that hand after the pick-up: go", sim.RecoverFirst, []setup{liveDown, func(v *sim.View) {
			v.Balls[0].Hand, v.Balls[0].Arrival = sim.Right, 130+48+7+1
		}}, sim.Input{Action: sim.ActRecover, Arg: 2}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := perfect(sim.ApproveAll, tc.resp)
			v := opsView(100)
			for _, s := range tc.setup {
				s(v)
			}
			v.BallsGen++
			first := look(b, v, 100)
			assert.NotContains(t, acts(first), sim.ActRecover, "not before the reaction time")
			assert.NotContains(t, acts(first), sim.ActDiscard, "not before the reaction time")
			if v.Balls[1].Known {
				assert.Equal(t, sim.Tick(130), b.Wake(), "it sleeps until its reaction time is up (an event would wake it sooner)")
			}
			assert.NotContains(t, acts(look(b, v, 129)), tc.want.Action)
			var got []sim.Input
			for _, in := range look(b, v, 130) {
				if in.Action == sim.ActRecover || in.Action == sim.ActDiscard {
					got = append(got, in)
				}
			}
			if tc.want.Action == sim.ActNone {
				assert.Empty(t, got)
				return
			}
			assert.Equal(t, []sim.Input{{Tick: 130, Role: sim.Ops, Action: tc.want.Action, Arg: tc.want.Arg}}, got)
		})
	}
}

// TestImpatientRecovery: a recover-first bot that waited two recoveries' time for a gap
// picks the ball up anyway.
func TestImpatientRecovery(t *testing.T) {
	b := perfect(sim.ApproveAll, sim.RecoverFirst)
	v := opsView(100)
	v.Balls[1].State = sim.BallFloor
	v.Balls[0].Hand = sim.Right
	for tk := sim.Tick(100); tk <= 100+2*48; tk++ {
		v.Balls[0].Arrival = tk + 10 // always due soon at that hand
		require.NotContains(t, acts(look(b, v, tk)), sim.ActRecover, "tick %d", tk)
	}
	v.Balls[0].Arrival = 100 + 2*48 + 1 + 10
	assert.Contains(t, acts(look(b, v, 100+2*48+1)), sim.ActRecover)
}

// TestDefectiveLiveVersionIsRolledBack: a cracked live ball is retired at its next catch
// when a standby is in the air: at once for rollback-first, after a recovery's time for
// recover-first.
func TestDefectiveLiveVersionIsRolledBack(t *testing.T) {
	for _, tc := range []struct {
		resp   sim.Response
		arrive sim.Tick // the live ball's arrival, after the crack shows at 0
		want   sim.Action
	}{
		{sim.RollbackFirst, 30, sim.ActRetireRight}, // decided at 30, the reaction time
		{sim.RecoverFirst, 30 + 47, sim.ActCatchRight},
		{sim.RecoverFirst, 30 + 48, sim.ActRetireRight},
	} {
		b := perfect(sim.ApproveAll, tc.resp)
		v := opsView(0)
		v.Balls[0].Arrival = 10000
		v.Balls[1].Arrival = tc.arrive
		v.Balls[1].Cracked = true
		v.Incident = sim.IncidentView{ID: 1, Detected: 0, Cause: sim.CauseUnknown}
		var got []sim.Action
		for tk := sim.Tick(0); tk <= tc.arrive; tk++ {
			got = append(got, acts(look(b, v, tk))...)
		}
		assert.Contains(t, got, tc.want, "%s, live due at %d", tc.resp, tc.arrive)
	}

	// With no standby in the air there is nothing to roll back to: catch it.
	b := perfect(sim.ApproveAll, sim.RollbackFirst)
	v := opsView(0)
	v.Balls[0].State = sim.BallFloor
	v.Balls[0].Known = false
	v.Balls[1].Arrival, v.Balls[1].Cracked = 40, true
	v.Incident = sim.IncidentView{ID: 1, Detected: 0}
	var got []sim.Action
	for tk := sim.Tick(0); tk <= 40; tk++ {
		got = append(got, acts(look(b, v, tk))...)
	}
	assert.Contains(t, got, sim.ActCatchRight)
	assert.NotContains(t, got, sim.ActRetireRight)
}

// TestPressRules: over the target, the oldest standby is retired at its catch; with a
// ball on the blue/green stand, a standby's catch is a swap, and so is the live ball's
// when no standby is in the air.
func TestPressRules(t *testing.T) {
	b := perfect(sim.ApproveAll, sim.RecoverFirst)
	v := opsView(0)
	add(v, sim.BallView{Version: 3, State: sim.BallAir, Hand: sim.Left, Arrival: 100, Live: true, Known: true})
	v.Balls[1].Live, v.Balls[1].Standby = false, true
	assert.Equal(t, []sim.Input{{Tick: 40, Role: sim.Ops, Action: sim.ActRetireLeft}}, look(b, v, 40), "v1, the oldest of three")
	assert.Equal(t, []sim.Input{{Tick: 70, Role: sim.Ops, Action: sim.ActCatchRight}}, look(b, v, 70),
		"v2 is not the oldest: caught")

	b = perfect(sim.ApproveAll, sim.RecoverFirst)
	v = opsView(0)
	add(v, sim.BallView{Version: 3, State: sim.BallStand, Hand: sim.NoHand, Known: true})
	assert.Equal(t, []sim.Input{{Tick: 40, Role: sim.Ops, Action: sim.ActSwap, Arg: int32(sim.Left)}}, look(b, v, 40), "the standby swapped out")

	b = perfect(sim.ApproveAll, sim.RecoverFirst)
	v = opsView(0)
	v.Balls[0].State, v.Balls[0].Known = sim.BallFloor, false
	add(v, sim.BallView{Version: 3, State: sim.BallStand, Hand: sim.NoHand, Known: true})
	assert.Equal(t, []sim.Input{{Tick: 70, Role: sim.Ops, Action: sim.ActSwap, Arg: int32(sim.Right)}}, look(b, v, 70), "no standby up: swap at the live ball")
}

// TestInt64nIsRandsInt64N: the ops bot's draws are math/rand/v2's, for bounds of every
// kind (powers of two, 1, small, and near 2^63 where the rejection loop runs often).
func TestInt64nIsRandsInt64N(t *testing.T) {
	bounds := []int64{1, 2, 3, 7, 8, 17, 100, 1 << 20, 1<<20 + 1, 1<<62 + 1, 3 << 61, math.MaxInt64}
	for seed := uint64(0); seed < 20; seed++ {
		ours := rand.NewPCG(seed, opsSalt)
		lib := rand.New(rand.NewPCG(seed, opsSalt))
		for i := 0; i < 500; i++ {
			n := bounds[i%len(bounds)]
			if got, want := int64n(ours, n), lib.Int64N(n); got != want {
				t.Fatalf("seed %d draw %d: int64n(%d) = %d, rand's Int64N = %d", seed, i, n, got, want)
			}
		}
	}
}
