package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden outputs in testdata")

// jugglesim runs the CLI in-process and returns its stdout, stderr and exit status.
func jugglesim(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), args, &out, &errb)
	code := exitCode(err, &errb)
	return out.String(), errb.String(), code
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./cmd/jugglesim -update to create it")
	assert.Equal(t, string(want), got)
}

func TestRunJSON(t *testing.T) {
	out, errOut, code := jugglesim(t, "run", "-preset", "silo", "-seed", "7", "-months", "6", "-json")
	require.Equal(t, 0, code, errOut)
	var r map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &r))
	for _, key := range []string{"preset", "seed", "months", "shipped", "uptime", "dev_pay", "ops_pay", "incidents",
		"drops", "rollbacks", "mttd_s", "mtta_s", "mttr_s", "deploys_per_month", "lead_time_days",
		"change_failure_rate", "time_to_restore_hours", "state_hash"} {
		assert.Contains(t, r, key)
	}
	assert.Equal(t, "silo", r["preset"])
	assert.Regexp(t, `^[0-9a-f]{16}$`, r["state_hash"])
	uptime := r["uptime"].(float64)
	assert.True(t, uptime > 0 && uptime <= 1, "uptime is a fraction: %v", uptime)
	assert.Equal(t, 1, strings.Count(out, "\n"), "one JSON object, one line")

	again, _, _ := jugglesim(t, "run", "-preset", "silo", "-seed", "7", "-months", "6", "-json")
	assert.Equal(t, out, again, "same seed, same output")
	// The same bytes on every platform: make test runs this on 386, arm64 and wasm too.
	golden(t, "run-silo-7.json", out)
}

func TestRunSummary(t *testing.T) {
	out, errOut, code := jugglesim(t, "run", "-preset", "bluegreen", "-seed", "3")
	require.Equal(t, 0, code, errOut)
	for _, want := range []string{"bluegreen, seed 3, 6 months", "Pay", "Features shipped", "Uptime", "Incidents",
		"DORA", "deployment frequency", "lead time", "change failure rate", "time to restore", "Month by month", "State hash"} {
		assert.Contains(t, out, want)
	}
	golden(t, "run-bluegreen-3.txt", out)
}

func TestBadUsageExitsTwoWithOneLine(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"fly"},
		{"run", "-preset", "waterfall"},
		{"run", "-seed", "seven"},
		{"run", "-seed", "-1"},
		{"run", "-months", "0"},
		{"run", "-months", "121"},
		{"run", "-colour"},
		{"run", "extra"},
		{"run", "-dev", "lazy"},
		{"run", "-ops", "nobody"},
		{"compare", "-seeds", "0"},
		{"compare", "-format", "xml"},
		{"compare", "-presets", "silo+ops"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			out, errOut, code := jugglesim(t, args...)
			assert.Equal(t, 2, code)
			if len(args) > 0 {
				assert.Empty(t, out)
				assert.Equal(t, 1, strings.Count(errOut, "\n"), "one line: %q", errOut)
			}
			assert.True(t, strings.HasPrefix(errOut, "jugglesim: ") || len(args) == 0, errOut)
		})
	}
}

// TestBotNamesInTheGamesForm: a bot given as the game and the lecture hall name it
// (bot:NAME) is the bot of its bare name, to the byte, in every command that takes one
// (-dev, -ops, a preset's +dev=/+ops=): the outputs, the config's name in them and the
// CSV rows are the same; and a wrong name, in either form, says both forms.
func TestBotNamesInTheGamesForm(t *testing.T) {
	for _, tt := range []struct {
		name        string
		bare, game  []string
		wantInBytes string
	}{
		{"run -json", []string{"run", "-months", "1", "-dev", "learner", "-ops", "cowboy", "-json"},
			[]string{"run", "-months", "1", "-dev", "bot:learner", "-ops", "bot:cowboy", "-json"}, `"silo+dev=learner+ops=cowboy"`},
		{"run", []string{"run", "-months", "1", "-preset", "devops", "-ops", "wall"},
			[]string{"run", "-months", "1", "-preset", "devops", "-ops", "bot:wall"}, "devops+ops=wall"},
		{"compare", []string{"compare", "-seeds", "3", "-months", "1", "-presets", "silo,sre", "-dev", "paced", "-format", "csv"},
			[]string{"compare", "-seeds", "3", "-months", "1", "-presets", "silo,sre", "-dev", "bot:paced", "-format", "csv"}, "sre+dev=paced"},
		{"sweep", []string{"sweep", "-seeds", "1-3", "-months", "1", "-presets", "silo+ops=cowboy,bluegreen+dev=tester", "-progress", "off"},
			[]string{"sweep", "-seeds", "1-3", "-months", "1", "-presets", "silo+ops=bot:cowboy,bluegreen+dev=bot:tester", "-progress", "off"}, "bluegreen+dev=tester"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			want, errOut, code := jugglesim(t, tt.bare...)
			require.Equal(t, 0, code, errOut)
			got, errOut, code := jugglesim(t, tt.game...)
			require.Equal(t, 0, code, errOut)
			assert.Equal(t, want, got, "bot:NAME plays as NAME")
			assert.Contains(t, got, tt.wantInBytes, "the config's name has the bare name")
			assert.NotContains(t, got, "bot:")
		})
	}
	for _, args := range [][]string{
		{"run", "-dev", "lazy"}, {"run", "-dev", "bot:lazy"}, {"run", "-ops", "bot:nobody"},
		{"run", "-dev", "bot"}, {"compare", "-presets", "silo+ops=bot:nobody"},
	} {
		_, errOut, code := jugglesim(t, args...)
		assert.Equal(t, 2, code, "%q", args)
		assert.Contains(t, errOut, "NAME or bot:NAME", "%q: the error says both forms", args)
	}
}

func TestHelpDocumentsEveryFlag(t *testing.T) {
	out, _, code := jugglesim(t, "run", "-h")
	assert.Equal(t, 0, code)
	for _, f := range []string{"-preset", "-seed", "-months", "-dev", "-ops", "-json"} {
		assert.Contains(t, out, f)
	}
	out, _, code = jugglesim(t, "help")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "run")
	assert.Contains(t, out, "compare")
}

func TestCompareIsTheSameWithAnyNumberOfWorkers(t *testing.T) {
	a, errOut, code := jugglesim(t, "compare", "-seeds", "12", "-months", "2", "-workers", "1", "-format", "csv")
	require.Equal(t, 0, code, errOut)
	b, _, _ := jugglesim(t, "compare", "-seeds", "12", "-months", "2", "-workers", strconv.Itoa(maxWorkers()), "-format", "csv")
	assert.Equal(t, a, b)
	assert.Equal(t, 5, strings.Count(a, "\n"), "a header and one row per preset")
	md, _, _ := jugglesim(t, "compare", "-seeds", "5", "-presets", "silo,silo+ops=wall")
	assert.Contains(t, md, "| silo+ops=wall |")
}

// TestCommandTable: help lists the table's commands in its order (the golden file pins
// the text), and every row dispatches to its command, whose -h names it.
func TestCommandTable(t *testing.T) {
	out, _, code := jugglesim(t, "help")
	require.Equal(t, 0, code)
	golden(t, "help.txt", out)
	last := -1
	for _, c := range commands {
		at := strings.Index(out, "\n  "+c.name+" ")
		require.Greater(t, at, last, "help lists %s in the table's order", c.name)
		last = at
		assert.Contains(t, out, c.summary)

		usage, errOut, code := jugglesim(t, c.name, "-h")
		assert.Equal(t, 0, code, errOut)
		assert.Contains(t, usage, "Usage: jugglesim "+c.name, "%s -h", c.name)
	}
	for _, alias := range []string{"-version", "--version"} {
		v, _, code := jugglesim(t, alias)
		assert.Equal(t, 0, code)
		assert.Equal(t, versionLine()+"\n", v)
	}
	_, errOut, code := jugglesim(t, "version", "extra")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, `version: unexpected argument "extra"`)
}

// TestOneLine: whatever an error quotes, the user gets one line of valid UTF-8 of
// bounded length (the campaign found a 510-kilobyte line quoting a replay's action).
func TestOneLine(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"a.toml:3: ops.skill: too big", "a.toml:3: ops.skill: too big"},
		{"unknown preset \"a\nb\"", `unknown preset "a\nb"`},
		{"bad \x1b[31mred\x1b[0m", `bad \x1b[31mred\x1b[0m`},
		{"not utf-8: \xff\xfe!", `not utf-8: \xff\xfe!`},
		{"kept: \uFFFD é ✓", "kept: \uFFFD é ✓"},
	} {
		assert.Equal(t, tc.want, oneLine(tc.in))
	}
	long := oneLine(`r.jsonl:2: action: unknown action "` + strings.Repeat("r", 1<<20) + `"`)
	assert.LessOrEqual(t, len(long), maxLineBytes+60)
	assert.True(t, strings.HasPrefix(long, `r.jsonl:2: action: unknown action "rrr`), long)
	assert.Contains(t, long, "bytes left out")
	assert.True(t, strings.HasSuffix(long, `rrr"`), "the end of the message is kept: %s", long)
	assert.True(t, utf8.ValidString(oneLine(strings.Repeat("é", 1000))), "not cut inside a character")
}

// TestScenarioCheckReportsEveryFile: check tells about every file, as its help says:
// ok on stdout for each good one, one line on stderr for each bad one, exit status 2.
func TestScenarioCheckReportsEveryFile(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.toml")
	require.NoError(t, os.WriteFile(good, []byte("base = \"sre\"\n"), 0o644))
	bad := filepath.Join(dir, "bad.toml")
	require.NoError(t, os.WriteFile(bad, []byte("[ops]\nskill = 2\n"), 0o644))
	missing := filepath.Join(dir, "missing.toml")
	out, errOut, code := jugglesim(t, "scenario", "check", bad, good, missing)
	assert.Equal(t, 2, code)
	assert.Equal(t, 1, strings.Count(out, "\n"), out)
	assert.Contains(t, out, "ok: "+good)
	lines := strings.Split(strings.TrimSuffix(errOut, "\n"), "\n")
	require.Len(t, lines, 2, errOut)
	assert.Contains(t, lines[0], "bad.toml:2: ops.skill")
	assert.Contains(t, strings.ToLower(lines[1]), "missing.toml: no such file")
}
