package bot

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
)

// skipCases are configs whose rounds must play the same with and without skipping: the
// presets, the round of issue 13 where the budget bot's test target grew while it slept,
// and bot mixes no preset has.
func skipCases(t *testing.T) map[string]sim.Config {
	cases := map[string]sim.Config{}
	for _, name := range sim.PresetNames() {
		cfg, err := sim.Preset(name)
		require.NoError(t, err)
		cases[name] = cfg
	}
	c := cases["sre"]
	c.Monitoring = sim.MonitorNone
	c.DevBot.IntervalTicks = 16 * sim.TicksPerSecond
	c.DevBot.TestTicks = 3 // 0.05 s
	cases["sre, budget bot testing 0.05 s (issue 13)"] = c

	c = cases["sre"]
	c.DevBot = sim.DevBotSpec{Name: "mix", IntervalTicks: 90, TestTicks: 200, CalmBalls: 1, BudgetReservePermille: 900}
	c.OpsBot = sim.OpsBotSpec{Name: "mix", SkillPermille: 400, Gatekeeping: sim.Freeze, FreezeTicks: 30, Response: sim.RecoverFirst, ReactionTicks: 0}
	c.Gate = true
	c.SLOPermille = 995
	cases["sre, every dev rule at once, a clumsy freezing ops"] = c

	for _, preset := range sim.PresetNames() {
		for _, ops := range []string{"novice", "novice-nocue"} {
			c = cases[preset]
			c.OpsBot, _ = sim.OpsBotSpecFor(ops)
			c.DevBot = sim.MustDevBotSpec("novice")
			cases[preset+", dev novice, ops "+ops] = c
		}
	}

	c = cases["bluegreen"]
	c.DevBot = sim.DevBotSpec{Name: "mix", TestTicks: 7, BudgetReservePermille: 100}
	c.OpsBot = sim.OpsBotSpec{Name: "mix", SkillPermille: 950, Gatekeeping: sim.ApproveCalm, Response: sim.RollbackFirst, ReactionTicks: 200}
	c.ErrorBudget = true
	c.Monitoring = sim.MonitorBottomUp
	c.MaxBalls, c.TargetBalls = 2, 1
	cases["bluegreen, budget, bottom-up, two balls at most"] = c

	// Learners change their strategy at each month's start, asleep or not.
	c = cases["silo"]
	c.DevBot.Name, c.OpsBot.Name = "learner", "learner"
	cases["silo, learners"] = c
	c = cases["sre"]
	c.DevBot.Name = "learner"
	cases["sre, dev learner"] = c
	return cases
}

// TestSkippingChangesNothing: Round lets sleeping bots skip quiet ticks; a round must
// play exactly the same inputs with and without it.
func TestSkippingChangesNothing(t *testing.T) {
	for name, cfg := range skipCases(t) {
		cfg.Months = 2
		for seed := uint64(1); seed <= 8; seed++ {
			a, b := NewBotRound(cfg, seed), NewBotRound(cfg, seed)
			a.NoSkip = true
			for !a.World.Done() {
				ia := fmt.Sprint(a.Step(nil))
				ib := fmt.Sprint(b.Step(nil))
				require.Equal(t, ia, ib, "%s: inputs differ at tick %d (reproduce with -seed=%d)", name, a.World.Tick()-1, seed)
			}
			require.Equal(t, a.World.Hash(), b.World.Hash())
		}
	}
}

// TestOthersCannotPlayABotsRole (issue 13, defect 9): inputs sent for a role a bot plays,
// and malformed ones, are dropped: the round plays as if they had not been sent, with
// and without skipping.
func TestOthersCannotPlayABotsRole(t *testing.T) {
	cfg, err := sim.Preset("devops")
	require.NoError(t, err)
	cfg.Months = 1
	for _, noSkip := range []bool{false, true} {
		clean, noisy := NewBotRound(cfg, 4), NewBotRound(cfg, 4)
		clean.NoSkip, noisy.NoSkip = noSkip, noSkip
		for !clean.World.Done() {
			tk := clean.World.Tick()
			junk := []sim.Input{
				{Tick: tk, Role: sim.Dev, Action: sim.ActTestStop},
				{Tick: tk, Role: sim.Ops, Action: sim.ActCatchLeft + sim.Action(tk%2)},
				{Tick: tk, Role: sim.Ops, Action: sim.Action(tk % 40)},
				{Tick: tk, Role: sim.Role(tk % 3), Action: sim.ActRelease},
			}
			want := fmt.Sprint(clean.Step(nil))
			got := fmt.Sprint(noisy.Step(junk))
			require.Equal(t, want, got, "tick %d", tk)
		}
		assert.Equal(t, clean.World.Hash(), noisy.World.Hash())
	}

	// A role nobody plays takes the others' inputs.
	r := NewRound(cfg, 4, nil, nil)
	in := r.Step([]sim.Input{{Tick: 0, Role: sim.Ops, Action: sim.ActCatchLeft}, {Tick: 0, Role: sim.Ops, Action: sim.ActRelease}})
	assert.Equal(t, []sim.Input{{Tick: 0, Role: sim.Ops, Action: sim.ActCatchLeft}}, in)
	assert.Equal(t, int32(1), r.World.Stats().Whiffs)
}

func TestPlayIsDeterministic(t *testing.T) {
	cfg, _ := sim.Preset("devops")
	assert.Equal(t, Play(cfg, 9), Play(cfg, 9))
	assert.NotEqual(t, Play(cfg, 9).StateHash, Play(cfg, 10).StateHash)
}

// quietConfig has no releases: dev's tray never empties because ops rejects everything.
func quietConfig(skill int32) sim.Config {
	cfg := sim.DefaultConfig()
	cfg.OpsBot.Gatekeeping = sim.RejectAll
	cfg.OpsBot.SkillPermille = skill
	return cfg
}

func TestSkillSetsTheDropRate(t *testing.T) {
	drops := func(skill int32) int32 {
		var n int32
		for seed := uint64(1); seed <= 20; seed++ {
			n += Play(quietConfig(skill), seed).Drops
		}
		return n
	}
	assert.Zero(t, drops(1000), "a perfect juggler never drops two balls")
	low, mid := drops(300), drops(700)
	assert.Greater(t, low, mid, "less skill, more drops")
	assert.Zero(t, Play(quietConfig(700), 1).Released, "reject-all lets nothing out")
}

func TestLoadMakesOpsDropMore(t *testing.T) {
	cfg := sim.DefaultConfig()
	cfg.Gate = false
	cfg.DevBot = sim.MustDevBotSpec("greedy")
	cfg.TargetBalls = 2
	var busy, calm int32
	for seed := uint64(1); seed <= 20; seed++ {
		busy += Play(cfg, seed).Drops
		calm += Play(quietConfig(cfg.OpsBot.SkillPermille), seed).Drops
	}
	assert.Greater(t, busy, 2*calm, "releases add balls and balls add drops")
}

func TestDevStrategies(t *testing.T) {
	base := sim.DefaultConfig()
	base.Gate = false
	base.OpsBot.SkillPermille = 1000
	first := func(spec sim.DevBotSpec) (releases []sim.Tick, tested int32) {
		cfg := base
		cfg.Months = 2
		cfg.DevBot = spec
		r := NewBotRound(cfg, 3)
		for !r.World.Done() {
			for _, in := range r.Step(nil) {
				if in.Action == sim.ActRelease {
					releases = append(releases, in.Tick)
				}
			}
		}
		return releases, r.World.Stats().TestHalvings
	}
	greedy, g := first(sim.MustDevBotSpec("greedy"))
	require.NotEmpty(t, greedy)
	assert.Equal(t, base.BuildTicks, greedy[0], "greedy releases the first feature the tick after it is built")
	assert.Zero(t, g, "greedy never tests")

	tester, tt := first(sim.DevBotSpec{Name: "tester", TestTicks: 2 * base.TestHalvingTicks})
	require.NotEmpty(t, tester)
	assert.GreaterOrEqual(t, tester[0], base.BuildTicks+2*base.TestHalvingTicks)
	assert.GreaterOrEqual(t, tt, int32(2*len(tester))-2, "about two halvings per release")

	paced, _ := first(sim.DevBotSpec{Name: "paced", IntervalTicks: 600})
	require.Greater(t, len(paced), 1)
	for i := 1; i < len(paced); i++ {
		assert.GreaterOrEqual(t, paced[i]-paced[i-1], sim.Tick(600))
	}
	assert.Greater(t, len(greedy), len(paced))
}

func TestGatekeeping(t *testing.T) {
	for _, tc := range []struct {
		rule     sim.Gatekeeping
		approved func(r sim.Result) bool
	}{
		{sim.ApproveAll, func(r sim.Result) bool { return r.CRsApproved == r.CRs && r.CRs > 0 }},
		{sim.RejectAll, func(r sim.Result) bool { return r.CRsApproved == 0 && r.CRs > 0 }},
		{sim.Freeze, func(r sim.Result) bool { return r.CRsApproved > 0 && r.CRsApproved < r.CRs }},
	} {
		cfg := sim.DefaultConfig()
		cfg.OpsBot.Gatekeeping = tc.rule
		r := Play(cfg, 5)
		assert.True(t, tc.approved(r), "%s: %d of %d approved", tc.rule, r.CRsApproved, r.CRs)
	}
}

// TestOpsActsOnlyOnWhatItSees: without monitoring, the ops bot leaves a dropped live ball
// on the floor until a customer complains; with bottom-up alerts it starts at once.
func TestOpsActsOnlyOnWhatItSees(t *testing.T) {
	for _, tc := range []struct {
		mode     sim.Monitoring
		minDelay sim.Tick
		maxDelay sim.Tick
	}{
		{sim.MonitorNone, 120, 200},
		{sim.MonitorBottomUp, 0, 80},
	} {
		cfg := quietConfig(1000)
		cfg.Monitoring = tc.mode
		cfg.OpsBot.Response = sim.RecoverFirst
		r := NewBotRound(cfg, 1)
		// Make the live ball fall by hand: move it out of the bot's reach.
		r.World.Step(nil)
		var dropped, recovering sim.Tick = -1, -1
		for !r.World.Done() && recovering < 0 {
			if dropped < 0 {
				// The test plays ops itself until the live ball (v2) has dropped.
				r.World.Step(nil)
				for _, e := range r.World.Events() {
					if e.Kind == sim.EvDrop && e.Version == 2 {
						dropped = r.World.Tick() - 1
					}
				}
				continue
			}
			for _, in := range r.Step(nil) {
				if in.Action == sim.ActRecover {
					recovering = in.Tick
				}
			}
		}
		require.GreaterOrEqual(t, dropped, sim.Tick(0))
		require.GreaterOrEqual(t, recovering, sim.Tick(0), "%s: never recovered", tc.mode)
		d := recovering - dropped
		assert.True(t, d >= tc.minDelay && d <= tc.maxDelay, "%s: recovery began %d ticks after the drop", tc.mode, d)
	}
}

func TestRollbackFirstDiscardsTheLiveBallOnTheFloor(t *testing.T) {
	cfg := quietConfig(1000)
	cfg.Monitoring = sim.MonitorBottomUp
	cfg.OpsBot.Response = sim.RollbackFirst
	r := NewBotRound(cfg, 1)
	for r.World.Tick() < 70 { // nobody catches: both balls drop, v2 (live) at 67
		r.World.Step(nil)
	}
	// v1 fell too, so there is no standby in the air: the bot must recover instead.
	var acts []sim.Action
	for r.World.Tick() < 200 {
		for _, in := range r.Step(nil) {
			if in.Action == sim.ActRecover || in.Action == sim.ActDiscard {
				acts = append(acts, in.Action)
			}
		}
	}
	require.NotEmpty(t, acts)
	assert.Equal(t, sim.ActRecover, acts[0], "nothing to roll back to: pick the live ball up")
}

// TestReworkCrashOfIssue13 plays the scenario file that crashed jugglesim run: a greedy
// dev fills a 12-feature tray every 0.25 s while a clumsy ops, blind to drops, rolls
// features back faster than 5-s reworks clear them.
func TestReworkCrashOfIssue13(t *testing.T) {
	cfg, err := sim.Preset("sre")
	require.NoError(t, err)
	cfg.DevBot = sim.MustDevBotSpec("greedy")
	cfg.OpsBot.SkillPermille = 0
	cfg.Monitoring = sim.MonitorNone
	cfg.ErrorBudget = false
	cfg.TrayCap = 12
	cfg.BuildTicks = sim.TicksPerSecond / 4
	cfg.ReworkTicks = 5 * sim.TicksPerSecond
	r := NewBotRound(cfg, 8)
	for !r.World.Done() {
		r.Step(nil)
		require.NoError(t, r.World.CheckInvariants(), "tick %d", r.World.Tick())
	}
	assert.Positive(t, r.World.Stats().Rollbacks)
}
