package swarm

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
)

// TestSwarm plays 60 random rounds every way, on every platform the tests run on
// (make test runs a longer swarm natively, through jugglesim swarm).
func TestSwarm(t *testing.T) {
	n := uint64(60)
	if testing.Short() {
		n = 20
	}
	for seed := uint64(1); seed <= n; seed++ {
		if err := Run(seed); err != nil {
			f, ok := AsFailure(err)
			require.True(t, ok, "%v", err)
			t.Fatalf("%v\ncase: %s\nreproduce: %s", err, f.Case, f.Repro())
		}
	}
}

// TestCasesCoverTheModel: the cases are valid and reproducible, and between them they
// use every practice, monitoring mode, release style, kind of player and named bot, and
// the edges of the bounds.
func TestCasesCoverTheModel(t *testing.T) {
	seen := map[string]bool{}
	see := func(format string, args ...any) { seen[fmt.Sprintf(format, args...)] = true }
	for seed := uint64(0); seed < 2000; seed++ {
		c := NewCase(seed)
		require.NoError(t, c.Config.Validate(), "seed %d", seed)
		require.Equal(t, c, NewCase(seed), "seed %d: the same case from the same seed", seed)
		cfg := &c.Config
		see("gate %v", cfg.Gate)
		see("release %s", cfg.Release)
		see("monitoring %s", cfg.Monitoring)
		see("budget %v", cfg.ErrorBudget)
		see("dev bot %s", cfg.DevBot.Name)
		see("ops bot %s", cfg.OpsBot.Name)
		see("ops %s %s", cfg.OpsBot.Gatekeeping, cfg.OpsBot.Response)
		for role, p := range c.Players {
			see("%s %d", sim.Role(role), p.Kind)
		}
		see("months %d", min(cfg.Months, 4))
		if cfg.Months == sim.MonthsLimit {
			see("the most months")
		}
		if cfg.MaxBalls == sim.MaxBallsLimit/2 && cfg.TrayCap == sim.TrayLimit {
			see("the most balls and the largest tray")
		}
		if cfg.CatchWindowTicks == 0 && cfg.UpgradeDowntimeTicks == 0 {
			see("no catch window, no downtime")
		}
		if cfg.BuildTicks == sim.DurationLimit || cfg.ReworkTicks == sim.DurationLimit {
			see("a duration at its limit")
		}
		if len(cfg.DevPay.Tiers) == 3 || len(cfg.OpsPay.Tiers) == 3 {
			see("three pay tiers")
		}
	}
	var want []string
	for _, b := range []bool{false, true} {
		want = append(want, fmt.Sprintf("gate %v", b), fmt.Sprintf("budget %v", b))
	}
	want = append(want, "release in-place", "release blue-green")
	for _, m := range []sim.Monitoring{sim.MonitorNone, sim.MonitorBottomUp, sim.MonitorTopDown, sim.MonitorBoth} {
		want = append(want, "monitoring "+string(m))
	}
	for _, n := range sim.DevBotNames() {
		want = append(want, "dev bot "+n, "dev bot "+n+"~")
	}
	for _, n := range sim.OpsBotNames() {
		want = append(want, "ops bot "+n, "ops bot "+n+"~")
	}
	for _, g := range []sim.Gatekeeping{sim.ApproveAll, sim.ApproveCalm, sim.Freeze, sim.RejectAll} {
		for _, r := range []sim.Response{sim.RollbackFirst, sim.RecoverFirst} {
			want = append(want, fmt.Sprintf("ops %s %s", g, r))
		}
	}
	for _, role := range []sim.Role{sim.Dev, sim.Ops} {
		for _, k := range []PlayerKind{Bot, Person, Nobody} {
			want = append(want, fmt.Sprintf("%s %d", role, k))
		}
	}
	want = append(want, "months 1", "months 2", "months 3", "months 4", "the most months",
		"the most balls and the largest tray", "no catch window, no downtime", "a duration at its limit", "three pay tiers")
	for _, w := range want {
		assert.True(t, seen[w], "no case with %s", w)
	}
}

// TestModesCatchADifference: a mode that plays differently from the reference is caught,
// at the first input or checkpoint that differs.
func TestModesCatchADifference(t *testing.T) {
	c := busyCase(t)
	ref, err := Play(c)
	require.NoError(t, err)
	for _, m := range Modes {
		require.NoError(t, m.Check(c, ref), m.Name)

		edited := *ref
		edited.Checkpoints = append([]uint64(nil), ref.Checkpoints...)
		edited.Checkpoints[0]++
		assert.ErrorContains(t, m.Check(c, &edited), fmt.Sprintf("state hash after tick %d differs", CheckpointTicks), m.Name)

		edited = *ref
		edited.Inputs = append([]sim.Input(nil), ref.Inputs...)
		edited.Inputs[len(edited.Inputs)/2].Arg++
		assert.ErrorContains(t, m.Check(c, &edited), fmt.Sprintf("input %d differs", len(edited.Inputs)/2), m.Name)

		edited = *ref
		edited.Result.Shipped++
		assert.ErrorContains(t, m.Check(c, &edited), "result differs", m.Name)
	}
}

// TestFailuresNameTheirSeed: a failing mode, and a panic in the model, are reported with
// the seed and the command that reproduces them.
func TestFailuresNameTheirSeed(t *testing.T) {
	saved := Modes
	defer func() { Modes = saved }()
	Modes = append(append([]Mode(nil), saved...), Mode{"planted", func(c *Case, ref *Trace) error {
		return errors.New("a planted failure")
	}})
	err := Run(42)
	f, ok := AsFailure(err)
	require.True(t, ok, "%v", err)
	assert.Equal(t, "seed 42: planted: a planted failure", f.Error())
	assert.Equal(t, "jugglesim swarm -seed 42 -count 1 -v", f.Repro())

	Modes = saved
	c := NewCase(7)
	c.Config.FlightTicks = 0 // sim.New panics on an invalid config
	_, err = RunCase(&c)
	f, ok = AsFailure(err)
	require.True(t, ok, "%v", err)
	assert.Equal(t, "play", f.Mode)
	assert.Contains(t, f.Error(), "seed 7: play: panic: sim: New with an invalid config")
}

// TestImpossibleResultsAreCaught: the result checks pass a real round and fail each
// impossible value.
func TestImpossibleResultsAreCaught(t *testing.T) {
	c := busyCase(t)
	w := sim.New(c.Config, c.Seed)
	tr, err := Play(c)
	require.NoError(t, err)
	for k := 0; !w.Done(); {
		var in []sim.Input
		for ; k < len(tr.Inputs) && tr.Inputs[k].Tick == w.Tick(); k++ {
			in = append(in, tr.Inputs[k])
		}
		w.Step(in)
	}
	good := outcomeOf(w)
	require.NoError(t, checkResult(good))
	require.Positive(t, good.result.Deploys)
	for name, edit := range map[string]func(o *outcome){
		"uptime above 1":             func(o *outcome) { o.result.Uptime = 1.0001 },
		"negative uptime":            func(o *outcome) { o.result.Uptime = -0.1 },
		"change failures above 100%": func(o *outcome) { o.result.ChangeFailureRate = 1.01 },
		"negative MTTR":              func(o *outcome) { o.result.MTTRs = -1 },
		"negative lead time":         func(o *outcome) { o.result.LeadTimeDays = -1 },
		"MTTD longer than the round": func(o *outcome) { o.result.MTTDs = float64(o.result.Ticks) },
		"more shipped than deployed": func(o *outcome) { o.result.Shipped = o.result.Deploys + 1 },
		"more deployed than released": func(o *outcome) {
			o.result.Deploys = o.result.Released + 1
			o.result.Shipped = 0
		},
		"downtime beyond the round":     func(o *outcome) { o.result.DowntimeHours = float64(o.result.Ticks) },
		"locked beyond the round":       func(o *outcome) { o.result.LockedDays = float64(o.result.Ticks) },
		"undetected beyond incidents":   func(o *outcome) { o.result.Undetected = o.result.Incidents + 1 },
		"false positives beyond alerts": func(o *outcome) { o.result.FalsePositives = o.result.InfraAlerts + 1 },
		"a round of the wrong length":   func(o *outcome) { o.result.Ticks-- },
		"a missing month":               func(o *outcome) { o.months = o.months[1:] },
		"a month paid wrong": func(o *outcome) {
			o.months = append([]sim.MonthStatement(nil), o.months...)
			o.months[0].DevPay++
		},
		"months that do not add up": func(o *outcome) { o.result.DevPay++ },
	} {
		o := good
		edit(&o)
		assert.Error(t, checkResult(o), name)
	}
}

// busyCase returns a case whose round deploys and rolls back.
func busyCase(t *testing.T) *Case {
	for seed := uint64(1); seed < 1000; seed++ {
		c := NewCase(seed)
		tr, err := Play(&c)
		require.NoError(t, err)
		if tr.Result.Deploys > 3 && tr.Result.Rollbacks > 0 && len(tr.Checkpoints) > 2 {
			return &c
		}
	}
	t.Fatal("no busy case in 1000 seeds")
	return nil
}
