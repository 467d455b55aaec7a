package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tinyGame is a scenario whose game is small enough to play in a test: one-month silo
// rounds, dev testing 2 s or not, ops approving or rejecting every change (and the
// preset's own gatekeeper, always in the space).
const tinyGame = `base = "silo"
name = "tiny"
months = 1
[dev.strategies]
interval_s = 0
test_s = [0, 2]
calm_balls = 0
include = []
[ops.strategies]
gatekeeping = ["approve-all", "reject-all"]
response = "recover-first"
reaction_s = 0.5
include = []
`

// eqFiles runs jugglesim equilibrium with every output asked for, in dir, and returns
// stdout and each file's bytes.
func eqFiles(t *testing.T, dir string, args ...string) (string, map[string]string) {
	t.Helper()
	all := append(args, "-o", filepath.Join(dir, "rows.csv"), "-matrix", filepath.Join(dir, "m.csv"),
		"-nfg", filepath.Join(dir, "g.nfg"), "-cells", filepath.Join(dir, "cells.csv"), "-progress", "off")
	out, _ := ok(t, append([]string{"equilibrium"}, all...)...)
	files := map[string]string{}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		require.NoError(t, err)
		files[e.Name()] = string(b)
	}
	return out, files
}

// Every output of jugglesim equilibrium is the same bytes for 1 worker and for the most,
// and for shards merged and then solved with -resume.
func TestEquilibriumBytesAnyWorkersAndShards(t *testing.T) {
	in := t.TempDir()
	tiny := write(t, in, "tiny.toml", tinyGame)
	args := []string{"-scenarios", tiny, "-seeds", "1-6", "-vary", "ops.pay.per_feature=0,20"}
	one, files1 := eqFiles(t, t.TempDir(), append(args, "-workers", "1")...)
	most, filesN := eqFiles(t, t.TempDir(), append(args, "-workers", strconv.Itoa(maxWorkers()))...)
	assert.Equal(t, one, most)
	assert.Equal(t, files1, filesN)
	for _, name := range []string{"rows.csv", "m.csv", "g-1.nfg", "g-2.nfg", "cells.csv"} {
		assert.NotEmpty(t, files1[name], name)
	}
	// 2 cells x 2 x 3 pairs x 6 seeds, and a header.
	assert.Equal(t, 2*2*3*6+1, strings.Count(files1["rows.csv"], "\n"))
	assert.Equal(t, 2*2*3+1, strings.Count(files1["m.csv"], "\n"))

	// Three shards, merged, then solved from the merged rows without playing.
	dir := t.TempDir()
	var parts []string
	for k := 1; k <= 3; k++ {
		part := filepath.Join(dir, "part"+strconv.Itoa(k)+".csv")
		out, _ := ok(t, append([]string{"equilibrium", "-shard", strconv.Itoa(k) + "/3", "-o", part, "-progress", "off"}, args...)...)
		assert.Contains(t, out, "Shard "+strconv.Itoa(k)+"/3")
		parts = append(parts, part)
	}
	merged := filepath.Join(dir, "merged.csv")
	ok(t, append([]string{"merge", "-o", merged}, parts...)...)
	b, err := os.ReadFile(merged)
	require.NoError(t, err)
	assert.Equal(t, files1["rows.csv"], string(b), "the shards merged are the whole run's rows")
	mdir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(mdir, "rows.csv"), b, 0o644))
	solved, filesM := eqFiles(t, mdir, append(args, "-resume")...)
	assert.Equal(t, one, solved, "solved from the merged rows")
	assert.Equal(t, files1, filesM)

	// An interrupted run (its file cut half-way, in the middle of a row) resumes to the
	// same bytes and the same solution.
	rdir := t.TempDir()
	rows := files1["rows.csv"]
	require.NoError(t, os.WriteFile(filepath.Join(rdir, "rows.csv"), []byte(rows[:len(rows)/2+7]), 0o644))
	resumed, filesR := eqFiles(t, rdir, append(args, "-resume")...)
	assert.Equal(t, one, resumed)
	assert.Equal(t, files1, filesR)
}

// A pay sweep whose answer is known by hand. Ops chooses between approving every change
// and rejecting every one (dev between testing or not; the preset's gatekeeper is in
// the space too); ops is paid $1,000 a month at 99 % uptime plus F a feature. Rejecting
// everything ships nothing and keeps the service up: exactly $1,000 a month, $6,000 a
// round, whatever F. At F = 0 nothing can pay ops more: it rejects every change, dev
// earns nothing, and the value (features x uptime) is 0. At F = $1,000 approving every
// change ships features each worth a month's bonus: ops approves every change, and that
// cell is the one a manager should choose.
func TestPaySweepKnownByHand(t *testing.T) {
	in := t.TempDir()
	tiny := write(t, in, "tiny.toml", strings.Replace(tinyGame, "months = 1", "months = 6", 1)+
		"[ops.pay]\nuptime_bonus = { \"0.99\" = 1000 }\n")
	cells := filepath.Join(t.TempDir(), "cells.jsonl")
	out, _ := ok(t, "equilibrium", "-scenarios", tiny, "-seeds", "1-10", "-vary", "ops.pay.per_feature=0,1000",
		"-cells", cells, "-json", "-progress", "off")
	var games []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var g map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &g))
		games = append(games, g)
	}
	require.Len(t, games, 2)
	free, paid := games[0]["played"].(map[string]any), games[1]["played"].(map[string]any)
	assert.Equal(t, "gate=reject-all,response=recover", free["ops"])
	assert.Equal(t, 6000.0, free["ops_pay"])
	assert.Equal(t, 0.0, free["dev_pay"])
	assert.Equal(t, 0.0, free["shipped"])
	assert.Equal(t, 1.0, free["uptime"])
	assert.Equal(t, "response=recover", paid["ops"], "approve every change")
	assert.Greater(t, paid["shipped"].(float64), 6.0)
	assert.Greater(t, paid["ops_pay"].(float64), 6000.0)
	for _, g := range games {
		for _, e := range g["equilibria"].([]any) {
			f := e.(map[string]any)
			assert.Equal(t, g["played"].(map[string]any)["ops"], f["ops"], "%s: one ops strategy in every equilibrium", g["cell"])
		}
		for _, key := range []string{"cell", "equilibria", "scripted"} {
			assert.Contains(t, g, key)
		}
	}
	// With F = 0, dev earns nothing whatever it plays: both dev strategies are
	// equilibria, alike on every seed.
	assert.Len(t, games[0]["equilibria"], 2)

	b, err := os.ReadFile(cells)
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	require.Len(t, lines, 2)
	var c0, c1 map[string]any
	require.NoError(t, json.Unmarshal([]byte(lines[0]), &c0))
	require.NoError(t, json.Unmarshal([]byte(lines[1]), &c1))
	assert.Equal(t, 0.0, c0["objective"])
	assert.Greater(t, c1["objective"].(float64), 5.0)
	assert.Equal(t, 1000.0, c1["ops.pay.per_feature"])

	table, _ := ok(t, "equilibrium", "-scenarios", tiny, "-seeds", "1-10", "-vary", "ops.pay.per_feature=0,1000", "-progress", "off")
	assert.Contains(t, table, "Best cell of tiny for value: tiny ops.pay.per_feature=1000")

	// When every cell scores the same, none is named best (a play-tester read silo's
	// "best cell" among cells that all ship nothing).
	table, _ = ok(t, "equilibrium", "-scenarios", tiny, "-seeds", "1-10", "-vary", "ops.pay.per_feature=0,1", "-progress", "off")
	assert.Contains(t, table, "No best cell of tiny for value: every cell's played equilibrium scores 0.00.")
	assert.NotContains(t, table, "Best cell of")
	assert.Contains(t, table, "A deviation counts only when it gains more than its 95 % interval")
}

// TestEquilibriumSaysWhatCannotMatter: a game's heading names its length in words, and
// the strategy axes the practices make inert are named as the docs write them ("ops'
// gate"): devops has no gate and no error budget.
func TestEquilibriumSaysWhatCannotMatter(t *testing.T) {
	in := t.TempDir()
	game := write(t, in, "short.toml", "base = \"devops\"\nname = \"short\"\nmonths = 1\n")
	out, _ := ok(t, "equilibrium", "-scenarios", game, "-seeds", "1-1", "-progress", "off")
	assert.Contains(t, out, "== short: 12 dev x 4 ops strategies, 1 month\n")
	assert.Contains(t, out, "   (ops' gate cannot matter here: there is no change-request gate")
	assert.Contains(t, out, "   (dev's reserve cannot matter here: there is no error budget")
	assert.NotContains(t, out, "ops's")
}

// The -matrix CSV holds the columns the issue names, a row per pair, means as numbers.
func TestEquilibriumMatrixAndJSON(t *testing.T) {
	in := t.TempDir()
	tiny := write(t, in, "tiny.toml", tinyGame)
	m := filepath.Join(t.TempDir(), "m.csv")
	out, _ := ok(t, "equilibrium", "-scenarios", tiny, "-seeds", "1-5", "-matrix", m, "-json", "-progress", "off")
	f, err := os.Open(m)
	require.NoError(t, err)
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	require.Len(t, recs, 1+2*3)
	want := []string{"cell", "dev_strategy", "ops_strategy", "rounds", "dev_pay", "ops_pay", "shipped", "uptime"}
	assert.Equal(t, want, recs[0][:len(want)])
	assert.Equal(t, []string{"tiny", "greedy", "response=recover", "5"}, recs[1][:4])
	up, err := strconv.ParseFloat(recs[1][7], 64)
	require.NoError(t, err)
	assert.True(t, up > 0 && up <= 1, "uptime is a fraction: %v", up)

	var g map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &g))
	scripted := g["scripted"].(map[string]any)
	assert.Equal(t, "greedy", scripted["dev"])
	assert.Equal(t, "gate=freeze,freeze=7s,response=recover", scripted["ops"])
	for _, key := range []string{"dev", "ops", "dev_pay", "ops_pay", "shipped", "uptime", "regret_dev", "regret_ops"} {
		assert.Contains(t, scripted, key)
		for _, e := range g["equilibria"].([]any) {
			assert.Contains(t, e, key)
		}
	}
	assert.Contains(t, g["rule"], "95 % interval")
}

func TestEquilibriumBadInput(t *testing.T) {
	in := t.TempDir()
	tiny := write(t, in, "tiny.toml", tinyGame)
	bad := write(t, in, "bad.toml", "[dev.strategies]\ntest_s = [\"long\"]\n")
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"-vary", "dev.test_s=1,2"}, "-vary dev.test_s: the bots' strategies are what the game solves"},
		{[]string{"-vary", "ops.bot=wall,cowboy"}, "-vary ops.bot"},
		{[]string{"-shard", "1/2"}, "-shard 1/2 needs -o"},
		{[]string{"-resume"}, "-resume needs the -o file"},
		{[]string{"-objective", "happiness"}, `-objective "happiness": must be value`},
		{[]string{"-feature-value", "3"}, "-feature-value and -downtime-cost are for -objective profit"},
		{[]string{"-seeds", "1-100001"}, "more than the 100000 seeds a game holds per pair"},
		{[]string{"-workers", "0"}, "-workers 0"},
		{[]string{"-flush", "-2s"}, "-flush -2s: must not be negative"},
		{[]string{"-o", "-"}, "-o -: the rows go to a file"},
		{[]string{"-nfg", "-"}, "-nfg -: it writes a file"},
		{[]string{"-scenarios", bad}, "bad.toml:2: dev.strategies.test_s"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			args := append([]string{"equilibrium", "-scenarios", tiny, "-seeds", "1-2"}, tc.args...)
			out, errOut, code := jugglesim(t, args...)
			assert.Equal(t, 2, code, errOut)
			assert.Empty(t, out)
			assert.Equal(t, 1, strings.Count(errOut, "\n"), errOut)
			assert.Contains(t, errOut, tc.msg)
		})
	}
	// An output whose folder is missing: an I/O failure before a round is played.
	_, errOut, code := jugglesim(t, "equilibrium", "-scenarios", tiny, "-seeds", "1-2", "-cells", filepath.Join(in, "no", "cells.csv"))
	assert.Equal(t, 1, code)
	assert.Contains(t, strings.ToLower(errOut), strings.ToLower("-cells: open "+filepath.Join(in, "no", "cells.csv")+": no such file or directory")) // js/wasm: "No such"
	assert.Empty(t, errOut[strings.Index(errOut, "\n")+1:], "one line")

	// Too many rounds to hold: refused before a round is played.
	_, errOut, code = jugglesim(t, "equilibrium", "-presets", "silo", "-seeds", "1-100000", "-vary", "ops.skill=0.5,0.6,0.7,0.8")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "more than the 20000000 a run holds in memory")
}

// jugglesim plot draws an incentive sweep's cells (CSV or JSON Lines): the equilibrium's
// features shipped, labelled with its uptime, and each role's pay against the varied
// field; a file of cells varying two fields, or -by, is refused.
func TestPlotDrawsAnIncentiveSweep(t *testing.T) {
	in := t.TempDir()
	tiny := write(t, in, "tiny.toml", tinyGame)
	dir := t.TempDir()
	cells, cellsJSONL := filepath.Join(dir, "cells.csv"), filepath.Join(dir, "cells.jsonl")
	args := []string{"equilibrium", "-scenarios", tiny, "-seeds", "1-4", "-vary", "ops.pay.per_feature=0,1000", "-progress", "off"}
	ok(t, append(args, "-cells", cells)...)
	ok(t, append(args, "-cells", cellsJSONL)...)

	out, _ := ok(t, "plot", cells, "-o", filepath.Join(dir, "eq.png"))
	assert.Equal(t, "wrote "+filepath.Join(dir, "eq.png")+" and "+filepath.Join(dir, "eq-pay.png")+": the equilibria of 2 cells\n", out)
	for _, name := range []string{"eq.png", "eq-pay.png"} {
		assert.Equal(t, 1350, pngSize(t, filepath.Join(dir, name)).X, name)
	}
	ok(t, "plot", cellsJSONL, "-o", filepath.Join(dir, "eq.svg"))
	svg := read(t, filepath.Join(dir, "eq.svg"))
	assert.Contains(t, svg, "ops.pay.per_feature", "the varied field is the x axis")
	assert.Contains(t, svg, "100.0 %", "rejecting every change at $0 a feature: uptime 100 %")
	assert.Contains(t, svg, "dev ", "dev's strategy labels its first point")
	assert.Contains(t, read(t, filepath.Join(dir, "eq-pay.svg")), "tiny: ops")

	two := filepath.Join(dir, "two.csv")
	ok(t, "equilibrium", "-scenarios", tiny, "-seeds", "1-2", "-vary", "ops.pay.per_feature=0,1000", "-vary", "dev.pay.per_feature=0,10", "-cells", two, "-progress", "off")
	for _, bad := range [][]string{{"plot", two}, {"plot", cells, "-by", "preset"}} {
		_, errOut, code := jugglesim(t, bad...)
		assert.Equal(t, 2, code, errOut)
		assert.Equal(t, 1, strings.Count(errOut, "\n"), errOut)
	}
	_, errOut, _ := jugglesim(t, "plot", two, "-o", filepath.Join(dir, "x.png"))
	assert.Contains(t, errOut, "the cells of 2 varied fields")
}
