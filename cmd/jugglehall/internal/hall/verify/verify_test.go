package verify_test

import (
	"bytes"
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/cmd/jugglehall/internal/hall/halltest"
	"devopsjuggle/cmd/jugglehall/internal/hall/verify"
	"devopsjuggle/sim"
)

var silo7 = verify.Round{Preset: "silo", Seed: 7, Months: 1}

func rounds(rs ...verify.Round) []verify.Numbered {
	out := make([]verify.Numbered, len(rs))
	for i, r := range rs {
		if err := r.Normalize(); err != nil {
			panic(err)
		}
		out[i] = verify.Numbered{N: i + 1, Round: r}
	}
	return out
}

func check(t *testing.T, err error) string {
	t.Helper()
	var e *verify.Error
	require.True(t, errors.As(err, &e), "want a *verify.Error, got %v", err)
	return e.Check
}

func TestAcceptsARoundTheSessionSet(t *testing.T) {
	body := halltest.MustRecord(silo7, 3)
	devops := verify.Round{Preset: "devops", Seed: 7, Months: 1}
	v, err := verify.Verify(body, rounds(silo7, devops))
	require.NoError(t, err)
	assert.Equal(t, 1, v.Round, "a past round counts")
	assert.Equal(t, "bot:tester", v.Dev)
	assert.Equal(t, "bot:cowboy", v.Ops)
	assert.Equal(t, "silo+dev=tester+ops=cowboy", v.Result.Preset, "jugglesim names a preset with other bots after them")
	assert.Equal(t, sim.Tick(1800), v.Result.Ticks)
	assert.Len(t, v.Hash, 64)

	// The latest round with the same rules is the one it counts for.
	v, err = verify.Verify(body, rounds(silo7, devops, silo7))
	require.NoError(t, err)
	assert.Equal(t, 3, v.Round)

	// Spacing does not change what an upload is.
	spaced := bytes.ReplaceAll(body, []byte("\n"), []byte("\n\n"))
	v2, err := verify.Verify(spaced, rounds(silo7))
	require.NoError(t, err)
	assert.Equal(t, v.Hash, v2.Hash)
	assert.Equal(t, v.Canonical, v2.Canonical)
}

func TestBotsAreFree(t *testing.T) {
	// Two teams with other bots (and so other configs' bot fields) play the same round.
	a, err := verify.Verify(halltest.MustRecord(silo7, 0), rounds(silo7))
	require.NoError(t, err)
	b, err := verify.Verify(halltest.MustRecord(silo7, 7), rounds(silo7))
	require.NoError(t, err)
	assert.NotEqual(t, a.Hash, b.Hash)
}

func TestRefusesWhatDoesNotCount(t *testing.T) {
	body := string(halltest.MustRecord(silo7, 1))
	lines := strings.Split(strings.TrimSpace(body), "\n")
	last := lines[len(lines)-1]
	edit := func(i int, from, to string) string {
		l := append([]string(nil), lines...)
		require.Contains(t, l[i], from)
		l[i] = strings.Replace(l[i], from, to, 1)
		return strings.Join(l, "\n") + "\n"
	}
	firstCheckpoint := 0
	firstInput := 0
	for i, l := range lines {
		if firstCheckpoint == 0 && strings.HasPrefix(l, `{"checkpoint"`) {
			firstCheckpoint = i
		}
		if firstInput == 0 && strings.Contains(l, `"action":"catch-left"`) {
			firstInput = i
		}
	}
	require.NotZero(t, firstCheckpoint)
	require.NotZero(t, firstInput)
	hash := regexp.MustCompile(`"hash":"([0-9a-f]{16})"`).FindStringSubmatch(lines[firstCheckpoint])[1]
	flipped := "0" + hash[1:]
	if flipped == hash {
		flipped = "1" + hash[1:]
	}
	shipped := regexp.MustCompile(`"shipped":(\d+)`).FindStringSubmatch(last)[1]

	tests := []struct {
		name, body string
		rounds     []verify.Numbered
		check      string
		msg        string
	}{
		{"empty", "", rounds(silo7), verify.CheckFormat, "empty file"},
		{"garbage", "\x00\x01PNG garbage", rounds(silo7), verify.CheckFormat, "line 1: header"},
		{"json but not a replay", `{"hello":"world"}`, rounds(silo7), verify.CheckFormat, "hello"},
		{"truncated", strings.Join(lines[:len(lines)-1], "\n"), rounds(silo7), verify.CheckFormat, "truncated"},
		{"other rules version", edit(0, `"rules_version":"`+sim.RulesVersion+`"`, `"rules_version":"0"`), rounds(silo7), verify.CheckRulesVersion, "rules version"},
		{"no round set", body, nil, verify.CheckRound, "not set a round"},
		{"another seed", body, rounds(verify.Round{Preset: "silo", Seed: 8, Months: 1}), verify.CheckRound, "never set"},
		{"another preset", body, rounds(verify.Round{Preset: "devops", Seed: 7, Months: 1}), verify.CheckRound, "never set"},
		{"another length", body, rounds(verify.Round{Preset: "silo", Seed: 7, Months: 2}), verify.CheckRound, "never set"},
		{"another difficulty", body, rounds(verify.Round{Preset: "silo", Seed: 7, Months: 1, Difficulty: verify.Easy}), verify.CheckRound, "catch_window_ticks = 12 where the replay has 7 (the difficulty: record it with jugglesim run -difficulty easy)"},
		{"edited rules", edit(0, `"defect_chance_permille":250`, `"defect_chance_permille":0`), rounds(silo7), verify.CheckRound, "defect_chance_permille"},
		{"edited input", edit(firstInput, `catch-left`, `catch-right`), rounds(silo7), verify.CheckCheckpoints, "diverges at tick"},
		{"edited checkpoint", edit(firstCheckpoint, hash, flipped), rounds(silo7), verify.CheckCheckpoints, "diverges at tick 600"},
		{"edited result", edit(len(lines)-1, `"shipped":`+shipped, `"shipped":9`+shipped), rounds(silo7), verify.CheckResult, "shipped: recorded 9"},
		{"bad player", edit(0, `"ops":"bot:cowboy"`, `"ops":"bot:nobody"`), rounds(silo7), verify.CheckPlayers, "unknown ops bot"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := verify.Verify([]byte(tc.body), tc.rounds)
			require.Error(t, err)
			assert.Equal(t, tc.check, check(t, err), "%v", err)
			assert.Contains(t, err.Error(), tc.msg)
		})
	}
}

func TestRefusesAStoppedRound(t *testing.T) {
	r := silo7
	require.NoError(t, r.Normalize())
	cfg, err := r.Config()
	require.NoError(t, err)
	rec := halltest.StoppedReplay(t, cfg, r.Seed, 700)
	_, err = verify.Verify(rec, rounds(silo7))
	assert.Equal(t, verify.CheckComplete, check(t, err), "%v", err)
	assert.Contains(t, err.Error(), "stopped at tick 700 of 1800")
}

func TestRoundNormalize(t *testing.T) {
	r := verify.Round{Preset: "sre", Seed: 1, Months: 3}
	require.NoError(t, r.Normalize())
	assert.Equal(t, verify.Normal, r.Difficulty)
	assert.Equal(t, "human", r.Dev)
	assert.Equal(t, "sre, seed 1, 3 months, normal", r.String())
	for _, bad := range []verify.Round{
		{Preset: "nope", Months: 1},
		{Preset: "silo", Months: 0},
		{Preset: "silo", Months: verify.MaxMonths + 1},
		{Preset: "silo", Months: 1, Difficulty: "brutal"},
		{Preset: "silo", Months: 1, Dev: "robot"},
		{Preset: "silo", Months: 1, Ops: "bot:greedy"}, // a dev bot in the ops seat
	} {
		assert.Error(t, bad.Normalize(), "%+v", bad)
	}
	ok := verify.Round{Preset: "silo", Months: verify.MaxMonths, Dev: "bot:paced", Ops: "bot:wall"}
	assert.NoError(t, ok.Normalize())
	// The bots that play for their pay, and strategies, as the game's title screen and
	// -dev/-ops offer them: an instructor can pair a class with one.
	for _, p := range [][2]string{{"bot:learner", "bot:equilibrium"}, {"bot:equilibrium", "bot:learner"}, {"bot:test=1s,hold=calm", "human"}} {
		ok := verify.Round{Preset: "devops", Months: 1, Dev: p[0], Ops: p[1]}
		assert.NoError(t, ok.Normalize(), "%+v", ok)
	}
}

// TestBotsThatPlayForPay: a replay whose seat a bot that plays for its pay filled counts
// (its inputs are in the replay, as every bot's). The server offers those bots
// (TestPagesAndOptions in package hall checks /api/options).
func TestBotsThatPlayForPay(t *testing.T) {
	body := strings.Replace(string(halltest.MustRecord(silo7, 1)), `"ops":"bot:cowboy"`, `"ops":"bot:learner"`, 1)
	require.Contains(t, body, `"ops":"bot:learner"`)
	v, err := verify.Verify([]byte(body), rounds(silo7))
	require.NoError(t, err)
	assert.Equal(t, "bot:learner", v.Ops)
}

func FuzzVerify(f *testing.F) {
	f.Add(halltest.MustRecord(silo7, 0))
	f.Add([]byte(`{"format":"devopsjuggle-replay"}`))
	rs := rounds(silo7)
	f.Fuzz(func(t *testing.T, b []byte) {
		v, err := verify.Verify(b, rs)
		if err == nil {
			require.Equal(t, 1, v.Round)
			return
		}
		var e *verify.Error
		require.True(t, errors.As(err, &e), "every refusal is a *verify.Error: %v", err)
	})
}
