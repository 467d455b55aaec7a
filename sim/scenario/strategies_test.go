package scenario

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
	"devopsjuggle/sim/strategy"
)

// A config whose bots were set by strategy.Apply (as jugglesim equilibrium's rounds
// are) prints as a file that reads back to the same config: dev.bot and ops.bot take
// any strategy's name.
func TestStrategyBotsRoundTrip(t *testing.T) {
	for _, p := range sim.PresetNames() {
		cfg, err := sim.Preset(p)
		require.NoError(t, err)
		for _, name := range []string{"interval=6s,test=1s,hold=calm", "test=2s"} {
			strategy.MustParse(sim.Dev, name).Apply(&cfg)
		}
		strategy.MustParse(sim.Ops, "gate=reject-all,response=rollback,react=1s").Apply(&cfg)
		cfg.Name = "printed"
		s, err := Parse("printed.toml", Format(New(p, cfg)))
		require.NoError(t, err, p)
		assert.Equal(t, cfg, s.Config, p)
		assert.Equal(t, "test=2s", s.Config.DevBot.Name)
		assert.Equal(t, "gate=reject-all,response=rollback,react=1s", s.Config.OpsBot.Name)
		assert.Equal(t, DefaultGrids(), s.Strategies, "the printed spaces are the defaults")
	}
}

func TestBotNames(t *testing.T) {
	s, err := Parse("x.toml", []byte("[dev]\nbot = \"test=1s, hold=calm\"\n[ops]\nskill = 0.9\nbot = \"response=rollback,gate=approve-calm\"\n"))
	require.NoError(t, err)
	d, o := s.Config.DevBot, s.Config.OpsBot
	assert.Equal(t, "test=1s,hold=calm", d.Name, "the canonical name")
	assert.Equal(t, sim.Tick(60), d.TestTicks)
	assert.Equal(t, 2, d.CalmBalls)
	assert.Equal(t, "gate=approve-calm,response=rollback", o.Name)
	assert.Equal(t, sim.ApproveCalm, o.Gatekeeping)
	assert.Equal(t, int32(900), o.SkillPermille, "a strategy keeps the skill; the file's skill wins anyway")

	// The bots that play for their pay keep the base's parameters under their name.
	s, err = Parse("x.toml", []byte("base = \"devops\"\n[dev]\nbot = \"learner\"\n[ops]\nbot = \"equilibrium\"\n"))
	require.NoError(t, err)
	devops, _ := sim.Preset("devops")
	want := devops.DevBot
	want.Name = "learner"
	assert.Equal(t, want, s.Config.DevBot)
	wantOps := devops.OpsBot
	wantOps.Name = "equilibrium"
	assert.Equal(t, wantOps, s.Config.OpsBot)

	// A scripted bot is still itself.
	s, err = Parse("x.toml", []byte("[ops]\nbot = \"wall\"\n"))
	require.NoError(t, err)
	assert.Equal(t, sim.RejectAll, s.Config.OpsBot.Gatekeeping)
	assert.Equal(t, "wall", s.Config.OpsBot.Name)
}

func TestStrategiesTables(t *testing.T) {
	s, err := Parse("x.toml", []byte(`base = "silo"
[dev.strategies]
test_s = [0, 2]
interval_s = 0
include = ["tester"]
[ops.strategies]
gatekeeping = ["approve-all", "reject-all"]
reaction_s = 0.5
include = []
`))
	require.NoError(t, err)
	dev, err := s.Strategies[sim.Dev].Space(&s.Config)
	require.NoError(t, err)
	assert.Equal(t, []string{"greedy", "hold=calm", "test=2s", "test=2s,hold=calm"}, dev.Names(),
		"tester is test=2s,hold=calm already")
	ops, err := s.Strategies[sim.Ops].Space(&s.Config)
	require.NoError(t, err)
	assert.Equal(t, []string{"response=rollback", "response=recover", "gate=reject-all,response=rollback",
		"gate=reject-all,response=recover", "gate=freeze,freeze=7s,response=recover"}, ops.Names(),
		"the preset's own bot is always in the space")
	assert.Equal(t, 4, ops.Own)

	// A printed scenario keeps its spaces.
	back, err := Parse("x.toml", Format(s))
	require.NoError(t, err)
	assert.Equal(t, s.Strategies, back.Strategies)
}

func TestBadStrategiesTables(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		line       int
		field, msg string
	}{
		{"unknown axis", "[dev.strategies]\ntest_s = [1]\nwobble = [1]\n", 3, "dev.strategies.wobble", `unknown axis "wobble"`},
		{"bad value", "[ops.strategies]\ngatekeeping = [\"maybe\"]\n", 2, "ops.strategies.gatekeeping", "choose from approve-all"},
		{"not whole ticks", "[dev.strategies]\ntest_s = [0.11]\n", 2, "dev.strategies.test_s", "not a whole number of ticks"},
		{"twice", "[dev.strategies]\ntest_s = [1, 1.0]\n", 2, "dev.strategies.test_s", "lists 1s twice"},
		{"empty", "[dev.strategies]\ntest_s = []\n", 2, "dev.strategies.test_s", "needs at least one value"},
		{"bad include", "\n[ops.strategies]\ninclude = [\"hero\"]\n", 3, "ops.strategies.include", `ops strategy "hero"`},
		{"too many", "[dev.strategies]\ninterval_s = [0,1,2,3,4,5,6,7,8]\ntest_s = [0,1,2,3,4,5,6,7,8]\ncalm_balls = [0,1,2,3]\n", 1, "dev.strategies", "more than 256 combinations"},
		{"not a table", "[dev]\nstrategies = 3\n", 2, "dev.strategies", "must be a table"},
		{"unknown bot", "[dev]\nbot = \"hero\"\n", 2, "dev.bot", `unknown dev bot "hero" (choose from greedy, paced, careful, tester, budget, novice, equilibrium, learner, or a strategy's name`},
		{"bad strategy bot", "[dev]\nbot = \"test=often\"\n", 2, "dev.bot", `test=often: not a number of seconds`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("bad.toml", []byte(tc.text))
			var e *Error
			require.True(t, errors.As(err, &e), "%v", err)
			assert.Equal(t, tc.line, e.Line, "%v", err)
			assert.Equal(t, tc.field, e.Field, "%v", err)
			assert.Contains(t, e.Msg, tc.msg)
		})
	}
}
