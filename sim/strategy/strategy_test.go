package strategy_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
	"devopsjuggle/sim/bot"
	"devopsjuggle/sim/strategy"
)

var roles = []sim.Role{sim.Dev, sim.Ops}

func preset(t *testing.T, name string) sim.Config {
	t.Helper()
	cfg, err := sim.Preset(name)
	require.NoError(t, err)
	return cfg
}

func space(t *testing.T, cfg sim.Config, role sim.Role) *strategy.Space {
	t.Helper()
	sp, err := strategy.DefaultGrid(role).Space(&cfg)
	require.NoError(t, err)
	return sp
}

// Every strategy of every preset's default space has a unique name that reads back as
// the same strategy.
func TestNamesRoundTrip(t *testing.T) {
	for _, p := range sim.PresetNames() {
		for _, role := range roles {
			sp := space(t, preset(t, p), role)
			seen := map[string]bool{}
			for _, s := range sp.Strategies {
				name := s.Name()
				assert.False(t, seen[name], "%s %s: %q twice", p, role, name)
				seen[name] = true
				back, err := strategy.Parse(role, name)
				require.NoError(t, err, name)
				assert.True(t, back.Equal(s), "%s: %v read back as %v", name, s.Values, back.Values)
				assert.Equal(t, name, back.Name())
			}
		}
	}
}

// The default spaces: at least 12 strategies a role where the config lets the role
// choose, fewer only where an axis cannot matter, and the preset's own bot in each.
func TestDefaultSpaces(t *testing.T) {
	cases := []struct {
		preset   string
		dev, ops int
		own      [2]string
		inert    [2][]string
	}{
		{"silo", 12, 24, [2]string{"greedy", "gate=freeze,freeze=7s,response=recover"}, [2][]string{{"reserve"}, nil}},
		{"devops", 12, 4, [2]string{"test=2s,hold=calm", "response=rollback"}, [2][]string{{"reserve"}, {"gate", "freeze"}}},
		{"sre", 13, 4, [2]string{"test=2s,hold=calm,reserve=0.4", "response=rollback"}, [2][]string{nil, {"gate", "freeze"}}},
		{"bluegreen", 12, 24, [2]string{"greedy", "gate=freeze,freeze=7s,response=recover"}, [2][]string{{"reserve"}, nil}},
	}
	for _, c := range cases {
		cfg := preset(t, c.preset)
		for r, role := range roles {
			sp := space(t, cfg, role)
			assert.Len(t, sp.Strategies, []int{c.dev, c.ops}[r], "%s %s", c.preset, role)
			assert.Equal(t, c.own[r], sp.Strategies[sp.Own].Name(), "%s %s's own", c.preset, role)
			var inert []string
			for _, in := range sp.Inert {
				inert = append(inert, in.Key)
				assert.NotEmpty(t, in.Why)
			}
			assert.Equal(t, c.inert[r], inert, "%s %s", c.preset, role)
		}
	}
}

// The scripted bots map onto the axes as the package doc's table says.
func TestScripted(t *testing.T) {
	want := map[string]string{
		"greedy": "greedy", "paced": "interval=6s", "careful": "hold=calm", "tester": "test=2s,hold=calm",
		"budget":     "test=2s,hold=calm,reserve=0.4",
		"gatekeeper": "gate=freeze,freeze=7s,response=recover", "partner": "response=rollback",
		"sre": "response=rollback", "cowboy": "response=recover", "wall": "gate=reject-all,response=recover",
	}
	n := 0
	for _, role := range roles {
		for _, s := range strategy.Scripted(role) {
			require.Len(t, s.Aliases, 1)
			assert.Equal(t, want[s.Aliases[0]], s.Name(), s.Aliases[0])
			n++
			// The strategy's bot is the scripted bot: same parameters, the strategy's name.
			parsed, err := strategy.Parse(role, s.Aliases[0])
			require.NoError(t, err)
			if role == sim.Dev {
				spec := sim.MustDevBotSpec(s.Aliases[0])
				got := parsed.DevSpec()
				assert.Equal(t, s.Name(), got.Name)
				got.Name = spec.Name
				assert.Equal(t, spec, got)
			} else {
				spec, err := sim.OpsBotSpecFor(s.Aliases[0])
				require.NoError(t, err)
				got := parsed.OpsSpec(spec.SkillPermille)
				got.Name = spec.Name
				assert.Equal(t, spec, got)
			}
		}
	}
	assert.Equal(t, len(want), n, "a scripted bot without a line in the doc's table")
	// In the silo space, each scripted bot names the strategy it plays.
	sp := space(t, preset(t, "silo"), sim.Ops)
	k, ok := sp.Index("gatekeeper")
	require.True(t, ok)
	assert.Equal(t, sp.Own, k)
	assert.Equal(t, []string{"gatekeeper"}, sp.Strategies[k].Aliases)
}

// Strategies that the config makes alike, and the normalized names, really play alike:
// the same round, input for input, so merging them loses nothing.
func TestMergedStrategiesPlayAlike(t *testing.T) {
	cases := []struct {
		preset string
		role   sim.Role
		a, b   string
		mod    func(*sim.Config)
	}{
		// No gate: gatekeeping does nothing.
		{"devops", sim.Ops, "gate=freeze,freeze=7s,response=rollback", "response=rollback", nil},
		{"devops", sim.Ops, "gate=reject-all,response=recover", "response=recover", nil},
		// No error budget: the reserve never binds.
		{"silo", sim.Dev, "test=1s,hold=calm,reserve=0.4", "test=1s,hold=calm", nil},
		// No defects: testing does nothing.
		{"silo", sim.Dev, "test=2s", "greedy", func(c *sim.Config) { c.DefectChancePermille = 0 }},
	}
	for _, c := range cases {
		cfg := preset(t, c.preset)
		if c.mod != nil {
			c.mod(&cfg)
		}
		a, b := strategy.MustParse(c.role, c.a), strategy.MustParse(c.role, c.b)
		for seed := uint64(1); seed <= 3; seed++ {
			ca, cb := cfg, cfg
			a.Apply(&ca)
			b.Apply(&cb)
			ra, rb := bot.Play(ca, seed), bot.Play(cb, seed)
			assert.Equal(t, rb.StateHash, ra.StateHash, "%s: %s and %s differ on seed %d", c.preset, c.a, c.b, seed)
		}
		sp := space(t, cfg, c.role)
		ia, ok := sp.Index(c.a)
		require.True(t, ok, c.a)
		ib, ok := sp.Index(c.b)
		require.True(t, ok, c.b)
		assert.Equal(t, ib, ia, "%s and %s are one strategy in %s", c.a, c.b, c.preset)
	}
	// And one that must not merge: testing matters when features have defects.
	cfg := preset(t, "silo")
	sp := space(t, cfg, sim.Dev)
	ia, _ := sp.Index("test=2s")
	ib, _ := sp.Index("greedy")
	assert.NotEqual(t, ia, ib)
}

// A freeze of 0 is approve-calm, tick for tick; the ops bot's freeze rule is the only
// difference between the two gates.
func TestZeroFreezeIsApproveCalm(t *testing.T) {
	cfg := preset(t, "silo")
	calm, freeze := cfg, cfg
	calm.OpsBot.Gatekeeping, calm.OpsBot.FreezeTicks = sim.ApproveCalm, 0
	freeze.OpsBot.Gatekeeping, freeze.OpsBot.FreezeTicks = sim.Freeze, 0
	for seed := uint64(1); seed <= 3; seed++ {
		assert.Equal(t, bot.Play(calm, seed).StateHash, bot.Play(freeze, seed).StateHash)
	}
	assert.Equal(t, "gate=approve-calm,response=recover", strategy.FromOpsSpec(freeze.OpsBot).Name())
	assert.Equal(t, "response=recover", strategy.FromOpsSpec(sim.OpsBotSpec{Gatekeeping: sim.ApproveAll, FreezeTicks: 420, Response: sim.RecoverFirst, ReactionTicks: 30}).Name())
}

func TestParse(t *testing.T) {
	good := []struct {
		role     sim.Role
		in, name string
	}{
		{sim.Dev, "hold=calm,test=1s", "test=1s,hold=calm"},
		{sim.Dev, " test = 1 , hold = 2 ", "test=1s,hold=calm"},
		{sim.Dev, "calm_balls=3,test_s=0.5", "test=0.5s,hold=3"},
		{sim.Dev, "interval=0s,test=0,hold=off,reserve=0", "greedy"},
		{sim.Dev, "test=0.117", "test=0.117s"}, // 7 ticks
		{sim.Dev, "reserve=0.25", "reserve=0.25"},
		{sim.Ops, "response=rollback-first,gatekeeping=freeze,freeze_s=7", "gate=freeze,freeze=7s,response=rollback"},
		{sim.Ops, "gate=reject-all", "gate=reject-all,response=recover"},
		{sim.Ops, "response=recover,react=0.25s", "response=recover,react=0.25s"},
		{sim.Ops, "wall", "gate=reject-all,response=recover"},
		{sim.Dev, "budget", "test=2s,hold=calm,reserve=0.4"},
		{sim.Dev, "reserve=1,hold=16", "hold=16,reserve=1"}, // the largest values
		{sim.Dev, "test=0.0175", "test=0.017s"},             // 1.05 ticks: within 0.05 of one
	}
	for _, g := range good {
		s, err := strategy.Parse(g.role, g.in)
		if assert.NoError(t, err, g.in) {
			assert.Equal(t, g.name, s.Name(), g.in)
		}
	}
	bad := []struct {
		role    sim.Role
		in, msg string
	}{
		{sim.Dev, "speed=3", `unknown axis "speed"`},
		{sim.Dev, "test=1s,test=2s", "test given twice"},
		{sim.Dev, "test=0.11s", "not a whole number of ticks"},
		{sim.Dev, "test=-1", "negative"},
		{sim.Dev, "test=1e3", "not a number of seconds"},
		{sim.Dev, "hold=busy", "not a whole number or off (0), calm (2)"},
		{sim.Dev, "reserve=0.4005", "at most three decimals"},
		{sim.Dev, "reserve=2", "out of range"},
		{sim.Dev, "reserve=1.001", "out of range"},
		{sim.Dev, "hold=17", "out of range"},
		{sim.Dev, "test=0.0176", "not a whole number of ticks"}, // 1.056 ticks
		{sim.Dev, "test", "expected axis=value pairs"},
		{sim.Dev, "gatekeeper", "expected axis=value pairs"},
		{sim.Dev, "test=1s,", `"" is not axis=value`},
		{sim.Ops, "greedy", "expected axis=value pairs"},
		{sim.Ops, "gate=freeze,response=recover", "gate=freeze needs a freeze time"},
		{sim.Ops, "freeze=7s,response=recover", "freeze= only applies with gate=freeze"},
		{sim.Ops, "gate=open", "choose from approve-all, approve-calm, freeze, reject-all"},
	}
	for _, b := range bad {
		_, err := strategy.Parse(b.role, b.in)
		if assert.Error(t, err, b.in) {
			assert.Contains(t, err.Error(), b.msg, b.in)
		}
	}
}

// Every duration of up to ten seconds reads back as the same tick from its name.
func TestSecondsRoundTrip(t *testing.T) {
	for ticks := sim.Tick(0); ticks <= 600; ticks++ {
		s := strategy.FromDevSpec(sim.DevBotSpec{TestTicks: ticks})
		back, err := strategy.Parse(sim.Dev, s.Name())
		require.NoError(t, err, s.Name())
		require.Equal(t, int64(ticks), back.Value("test"), s.Name())
	}
	assert.Equal(t, "test=0.017s", strategy.FromDevSpec(sim.DevBotSpec{TestTicks: 1}).Name())
	assert.Equal(t, "test=1.5s", strategy.FromDevSpec(sim.DevBotSpec{TestTicks: 90}).Name())
}

// A printed grid reads back (as a scenario file's table) to the same grid, and the
// printed text says what each axis means.
func TestTOMLRoundTrip(t *testing.T) {
	for _, role := range roles {
		g := strategy.DefaultGrid(role)
		var buf bytes.Buffer
		require.NoError(t, g.WriteTOML(&buf))
		text := buf.String()
		for _, a := range strategy.Axes(role) {
			assert.Contains(t, text, a.FileKey+" = [")
		}
		for _, line := range strings.Split(text, "\n") {
			assert.LessOrEqual(t, len(line), 90, line)
		}
		var doc map[string]map[string]map[string]any
		_, err := toml.Decode(text, &doc)
		require.NoError(t, err, text)
		table := doc[role.String()]["strategies"]
		require.NotNil(t, table)
		back := strategy.Grid{Role: role, Values: make([][]int64, len(g.Values))}
		for k, v := range table {
			require.NoError(t, back.SetTOML(k, v), k)
		}
		assert.Equal(t, g, back)
	}
}

// A scenario narrows or widens a grid; mistakes name the key and the value.
func TestGridSet(t *testing.T) {
	cfg := preset(t, "silo")
	g := strategy.DefaultGrid(sim.Dev)
	g.Include = nil
	var doc map[string]any
	_, err := toml.Decode("test_s = [0, 0.5, 1, 3]\ncalm_balls = 2\ninterval = [\"0s\"]", &doc)
	require.NoError(t, err)
	for _, k := range []string{"test_s", "calm_balls", "interval"} {
		require.NoError(t, g.SetTOML(k, doc[k]), k)
	}
	sp, err := g.Space(&cfg)
	require.NoError(t, err)
	assert.Equal(t, []string{"hold=calm", "test=0.5s,hold=calm", "test=1s,hold=calm", "test=3s,hold=calm", "greedy"}, sp.Names(),
		"the grid's four, then silo's own bot")
	assert.Equal(t, 4, sp.Own)

	for _, c := range []struct {
		key string
		raw any
		msg string
	}{
		{"test_s", []any{int64(1), int64(1)}, "test_s lists 1s twice"},
		{"test_s", []any{}, "needs at least one value"},
		{"test_s", []any{true}, "is not a number or a string"},
		{"speed", []any{int64(1)}, `unknown axis "speed"`},
		{"include", []any{"fast"}, "include"},
		{"budget_reserve", []any{0.0004}, "at most three decimals"},
	} {
		err := g.SetTOML(c.key, c.raw)
		if assert.Error(t, err, c.key) {
			assert.Contains(t, err.Error(), c.msg)
		}
	}
	bad := strategy.DefaultGrid(sim.Ops)
	bad.Values[0] = []int64{7}
	_, err = bad.Space(&cfg)
	if assert.Error(t, err) {
		assert.Contains(t, err.Error(), "gatekeeping: 7 is out of range [0, 3]")
	}
	// Exactly MaxStrategies is fine; one more is not.
	sre := preset(t, "sre")
	full := strategy.Grid{Role: sim.Dev, Values: make([][]int64, 4)}
	for k, vals := range map[string][]string{
		"interval": {"0", "1", "2", "3"}, "test": {"0", "1", "2", "3"}, "hold": {"0", "1", "2", "3"}, "reserve": {"0", "0.1", "0.2", "0.4"},
	} {
		require.NoError(t, full.Set(k, vals))
	}
	sp, err = full.Space(&sre)
	require.NoError(t, err)
	assert.Len(t, sp.Strategies, strategy.MaxStrategies, "sre's own budget bot is on this grid")
	full.Include = []string{"test=5s"}
	_, err = full.Space(&sre)
	if assert.Error(t, err) {
		assert.Contains(t, err.Error(), "more than 256")
	}
	big := strategy.DefaultGrid(sim.Ops)
	var vals []string
	for i := 1; i <= 40; i++ {
		vals = append(vals, fmt.Sprint(i))
	}
	require.NoError(t, big.Set("freeze", vals))
	require.NoError(t, big.Set("react", vals[:8]))
	_, err = big.Space(&cfg)
	if assert.Error(t, err) {
		assert.Contains(t, err.Error(), "more than 256")
	}
}

// The printed grids say how names show each axis.
func TestTOMLText(t *testing.T) {
	var dev, ops bytes.Buffer
	require.NoError(t, strategy.DefaultGrid(sim.Dev).WriteTOML(&dev))
	require.NoError(t, strategy.DefaultGrid(sim.Ops).WriteTOML(&ops))
	for _, want := range []string{
		"[dev.strategies]\n",
		"# In names: interval=6s; interval=0s, the default, is left out.\n",
		"# In names: (none on this grid); reserve=0, the default, is left out.\n",
		"the strategy with none is greedy.\n",
		"# Least time between two releases, in seconds (the paced bot); 0 for none.\n",
	} {
		assert.Contains(t, dev.String(), want)
	}
	for _, want := range []string{
		"[ops.strategies]\n",
		"# In names: response=rollback, response=recover (always shown).\n",
		"# In names: react=1s; react=0.5s, the default, is left out.\n",
		"# How change requests are answered: approve-all, approve-calm (when production is calm),\n# freeze",
	} {
		assert.Contains(t, ops.String(), want)
	}
}

func TestAxesDocumented(t *testing.T) {
	for _, role := range roles {
		for _, a := range strategy.Axes(role) {
			assert.NotEmpty(t, a.Doc, a.Key)
			assert.True(t, strings.HasSuffix(a.Doc, "."), a.Key)
		}
	}
}

// TestParsePlayer: who plays a role reads as the game's flags, replays and the lecture
// hall write it; a dev bot's name in the ops seat, or a word that is no player, is refused.
func TestParsePlayer(t *testing.T) {
	for _, tt := range []struct {
		role sim.Role
		s    string
		bot  bool
		name string
	}{
		{sim.Dev, "human", false, ""},
		{sim.Ops, "bot", true, ""},
		{sim.Dev, "bot:greedy", true, "greedy"},
		{sim.Ops, "bot:learner", true, strategy.Learner},
		{sim.Dev, "bot:equilibrium", true, strategy.Equilibrium},
		{sim.Dev, "bot:test=1s,hold=calm", true, "test=1s,hold=calm"},
	} {
		bot, name, err := strategy.ParsePlayer(tt.role, tt.s)
		require.NoError(t, err, tt.s)
		assert.Equal(t, tt.bot, bot, tt.s)
		assert.Equal(t, tt.name, name, tt.s)
	}
	for _, bad := range []string{"robot", "bot:", "bot:nobody", "Human"} {
		_, _, err := strategy.ParsePlayer(sim.Ops, bad)
		assert.Error(t, err, bad)
	}
	_, _, err := strategy.ParsePlayer(sim.Ops, "bot:greedy")
	assert.ErrorContains(t, err, "unknown ops bot", "a dev bot in the ops seat")
}
