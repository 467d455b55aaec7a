package main

// The bad-input campaign (issue 13): hundreds of scenario files, replay files and
// command lines, each mutated from a good one by a seeded generator, run through
// run(ctx, args, stdout, stderr). Each must end in the documented way: exit status 0,
// or 2 (bad input) with exactly one line on stderr, or 1 with one line for a replay
// that does not reproduce or an output that cannot be written; never a panic, never a
// hang, never a half-written output. A failing case prints its seed:
//
//	go test ./cmd/jugglesim -run 'TestBadInputCampaign/scenarios' -campaign.seed=N -campaign.n=1

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
)

var (
	campaignSeed = flag.Uint64("campaign.seed", 1, "the seed of TestBadInputCampaign's first case of each kind")
	campaignN    = flag.Int("campaign.n", 0, "cases of each kind in TestBadInputCampaign (0: the default)")
	campaignShow = flag.Bool("campaign.show", false, "log what every case of TestBadInputCampaign printed on stderr, to read the messages")
)

// campaignCases is the number of cases of each kind, -campaign.n unless 0.
func campaignCases(def int) int {
	if *campaignN > 0 {
		return *campaignN
	}
	return def
}

// caseTimeout is how long one case may take before it counts as a hang: generous, for
// the race detector and for arm64 under qemu.
const caseTimeout = 60 * time.Second

// maxMessageBytes bounds the line a bad input gets: one clear line, even for a
// 100-kilobyte flag value.
const maxMessageBytes = 600

// outcome is what a case did.
type outcome struct {
	out, errOut string
	code        int
	panicked    any
	stack       string
}

// runInProcess runs jugglesim in-process; a panic is caught and returned, a case that
// takes longer than caseTimeout is reported as a hang.
func runInProcess(args []string) (outcome, bool) {
	done := make(chan outcome, 1)
	go func() {
		var o outcome
		defer func() {
			if p := recover(); p != nil {
				o.panicked, o.stack = p, string(debug.Stack())
			}
			done <- o
		}()
		var out, errb bytes.Buffer
		err := run(context.Background(), args, &out, &errb)
		o.code = exitCode(err, &errb)
		o.out, o.errOut = out.String(), errb.String()
	}()
	select {
	case o := <-done:
		return o, true
	case <-time.After(caseTimeout):
		return outcome{}, false
	}
}

// campaign is one kind of case: its cases share a folder, which must hold only the
// fixtures after a case that failed (no half-written output) and is emptied of a
// successful case's outputs.
type campaign struct {
	t        *testing.T
	kind     string
	dir      string
	fixtures map[string][]byte
	codes    map[int]int
	n        int
}

func newCampaign(t *testing.T, kind string, fixtures map[string][]byte) *campaign {
	dir := t.TempDir()
	t.Chdir(dir) // relative paths in mutated flags land here, never in the source tree
	c := &campaign{t: t, kind: kind, dir: dir, fixtures: fixtures, codes: map[int]int{}}
	c.restore()
	return c
}

// restore puts the fixtures back as they were and removes everything else.
func (c *campaign) restore() {
	entries, err := os.ReadDir(c.dir)
	require.NoError(c.t, err)
	for _, e := range entries {
		if _, ok := c.fixtures[e.Name()]; !ok {
			path := filepath.Join(c.dir, e.Name())
			os.Chmod(path, 0o755)
			require.NoError(c.t, os.RemoveAll(path))
		}
	}
	for name, data := range c.fixtures {
		path := filepath.Join(c.dir, name)
		if old, err := os.ReadFile(path); err != nil || !bytes.Equal(old, data) {
			os.Remove(path) // a link or a device a case left there
			require.NoError(c.t, os.WriteFile(path, data, 0o644))
		}
	}
}

// extra lists the files in the folder that are not fixtures, or fixtures changed.
func (c *campaign) extra() []string {
	entries, err := os.ReadDir(c.dir)
	require.NoError(c.t, err)
	var out []string
	for _, e := range entries {
		data, ok := c.fixtures[e.Name()]
		if !ok {
			out = append(out, e.Name())
			continue
		}
		if now, err := os.ReadFile(filepath.Join(c.dir, e.Name())); err != nil || !bytes.Equal(now, data) {
			out = append(out, e.Name()+" (changed)")
		}
	}
	return out
}

// form is the documented ways a case may end.
type form struct {
	codes []int // the exit statuses; 1 only with a message that says why
	// lines is the most lines on stderr when it fails (1, or one per file for scenario
	// check, which also prints ok on stdout for the good files).
	lines int
}

// check runs one case and reports it with its seed if it ends in an undocumented way.
// after, if not nil, checks a successful case's outputs.
func (c *campaign) check(seed uint64, args []string, input string, allowed form, after func() error) {
	c.t.Helper()
	c.n++
	o, finished := runInProcess(args)
	problem := ""
	switch {
	case !finished:
		problem = fmt.Sprintf("no answer after %v: a hang", caseTimeout)
	case o.panicked != nil:
		problem = fmt.Sprintf("panic: %v\n%s", o.panicked, o.stack)
	default:
		problem = judge(o, allowed)
	}
	if problem == "" && o.code != 0 {
		if files := c.extra(); len(files) > 0 {
			problem = fmt.Sprintf("it failed but left %v behind: an output must be whole or not there", files)
		}
	}
	if problem == "" && o.code == 0 && after != nil {
		if err := after(); err != nil {
			problem = err.Error()
		}
	}
	c.codes[o.code]++
	if *campaignShow {
		c.t.Logf("seed %d: %q: exit %d: %s", seed, args, o.code, clip(o.errOut))
	}
	if problem != "" {
		if len(input) > 2000 {
			input = input[:2000] + "..."
		}
		c.t.Errorf("%s case, seed %d: jugglesim %q: %s\nstdout: %q\nstderr: %q\ninput:\n%s\nreproduce with: go test ./cmd/jugglesim -run 'TestBadInputCampaign/%s' -campaign.seed=%d -campaign.n=1",
			c.kind, seed, args, problem, clip(o.out), o.errOut, input, c.kind, seed)
	}
	if finished {
		c.restore()
	}
}

func clip(s string) string {
	if len(s) > 300 {
		return s[:300] + "..."
	}
	return s
}

// judge returns what is wrong with an outcome, or "".
func judge(o outcome, f form) string {
	if !slices.Contains(f.codes, o.code) {
		return fmt.Sprintf("exit status %d, expected one of %v", o.code, f.codes)
	}
	if o.code == 0 {
		return ""
	}
	if o.out != "" && f.lines == 1 {
		return "it failed but printed to stdout"
	}
	if !strings.HasSuffix(o.errOut, "\n") {
		return "stderr does not end a line"
	}
	lines := strings.Split(strings.TrimSuffix(o.errOut, "\n"), "\n")
	if len(lines) > f.lines {
		return fmt.Sprintf("%d lines on stderr, expected at most %d", len(lines), f.lines)
	}
	for _, msg := range lines {
		switch {
		case !strings.HasPrefix(msg, "jugglesim: "):
			return "a line does not start with jugglesim:"
		case len(msg) > maxMessageBytes:
			return fmt.Sprintf("a line of %d bytes: not a clear line", len(msg))
		case strings.Contains(msg, "%!"):
			return "a formatting mistake in the message"
		case !utf8.ValidString(msg):
			return "the message is not valid UTF-8: quote what the user gave"
		case o.code == 1 && !oneReason(msg):
			return "exit status 1 without saying why (diverges, differs, or an output that cannot be written)"
		}
	}
	return ""
}

// oneReason reports whether a message of exit status 1 is one of its documented kinds.
func oneReason(msg string) bool {
	for _, why := range []string{"diverges at tick", "the recorded result differs", "no space left", "is a directory",
		"permission denied", "read-only file system", "no such file or directory", "not a directory", "file name too long"} {
		if strings.Contains(strings.ToLower(msg), why) {
			return true
		}
	}
	return false
}

// mutator makes bad inputs from good ones.
type mutator struct{ r *rand.Rand }

func newMutator(seed uint64) *mutator {
	return &mutator{rand.New(rand.NewPCG(seed, 0x6a75676c6573696d))}
}

func (m *mutator) pick(xs []string) string { return xs[m.r.IntN(len(xs))] }

// badValues are values that a field or flag should refuse, or accept, but never crash
// on: out of range, of the wrong type, huge, empty, not text.
var badValues = []string{
	"", "0", "-1", "-0", "1", "2", "0.5", "1.5", "-0.25", "0.0001", "0.1234", "1e3", "1e400", "-1e400", "NaN", "nan", "inf", "-inf",
	"9223372036854775807", "-9223372036854775808", "9223372036854775808", "18446744073709551616",
	"99999999999999999999999999", "4611686018427387904", "1048577", "121", "10000001", "0x1F", "1_000", "007",
	"abc", "true", "yes", `"text"`, `""`, "[1, 2]", "{}", "{ x = 1 }", "1979-05-27T07:32:00Z", "\"silo\"", "\"nobody\"",
	"１", "é", "\x00", "\xff\xfe", "a\nb", "\t", "=", "==", "#", "'", `"`, `\`, "[", "]", "{", "\"unterminated",
	strings.Repeat("9", 400), strings.Repeat("x", 5000),
}

// mutateScenario applies one to three mutations to a scenario file's text.
func (m *mutator) mutateScenario(text string) string {
	for range 1 + m.r.IntN(3) {
		lines := strings.Split(text, "\n")
		i := m.r.IntN(len(lines))
		switch m.r.IntN(12) {
		case 0: // delete a line
			lines = slices.Delete(lines, i, i+1)
		case 1: // duplicate a line
			lines = slices.Insert(lines, i, lines[i])
		case 2: // swap two lines
			j := m.r.IntN(len(lines))
			lines[i], lines[j] = lines[j], lines[i]
		case 3, 4, 5: // a key's value: out of range, the wrong type, huge
			keys := keyLines(lines)
			if len(keys) > 0 {
				k := keys[m.r.IntN(len(keys))]
				key, _, _ := strings.Cut(lines[k], "=")
				lines[k] = key + "= " + m.pick(badValues)
			}
		case 6: // an unknown key or table
			lines = slices.Insert(lines, i, m.pick([]string{"colour = 1", "[unknown]", "dev.extra = 3", "interval = 2",
				"[dev.pay.extra]", "ops.skill = 0.5", "[[dev]]", "base = \"waterfall\"", "months = 0", "name = \"\"", "x.y.z = 1"}))
		case 7: // flip a character
			if len(text) > 0 {
				b := []byte(strings.Join(lines, "\n"))
				b[m.r.IntN(len(b))] = m.pick([]string{"=", "\"", "[", "]", "#", "\n", "{", ",", ".", "0", "x", "\x00", "\xff"})[0]
				lines = strings.Split(string(b), "\n")
			}
		case 8: // truncate
			s := strings.Join(lines, "\n")
			lines = strings.Split(s[:m.r.IntN(len(s)+1)], "\n")
		case 9: // binary garbage
			g := make([]byte, 1+m.r.IntN(200))
			for k := range g {
				g[k] = byte(m.r.IntN(256))
			}
			lines = slices.Insert(lines, i, string(g))
		case 10: // a huge line
			lines = slices.Insert(lines, i, "name = \""+strings.Repeat("n", 1+m.r.IntN(300000))+"\"")
		case 11: // a tiny file: one key, or nothing
			lines = []string{m.pick([]string{"", "base = \"sre\"", "months = 1", "[ops]\nskill = 2", "\ufeffbase = \"silo\""})}
		}
		text = strings.Join(lines, "\n")
	}
	return text
}

// keyLines are the indexes of lines that set a key.
func keyLines(lines []string) []int {
	var out []int
	for i, l := range lines {
		if t := strings.TrimSpace(l); t != "" && !strings.HasPrefix(t, "#") && !strings.HasPrefix(t, "[") && strings.Contains(t, "=") {
			out = append(out, i)
		}
	}
	return out
}

// badJSONValues are JSON values for a replay's fields.
var badJSONValues = []string{
	"0", "-1", "1", "2", "600", "1799", "1800", "1801", "99999999999", "9223372036854775807", "-9223372036854775808",
	"9223372036854775808", "1e30", "4611686018427387904", "1.5", "null", "true", `""`, `"x"`, `"approve"`, `"release"`,
	`"none"`, `"dev"`, `"ops"`, `"both"`, "[]", "{}", `"0000000000000000"`, `"zzzzzzzzzzzzzzzz"`, `"` + strings.Repeat("f", 17) + `"`,
}

// mutateReplay applies one to three mutations to a replay file's text.
func (m *mutator) mutateReplay(text string) string {
	for range 1 + m.r.IntN(3) {
		lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
		i := m.r.IntN(len(lines))
		switch m.r.IntN(11) {
		case 0: // delete a line
			lines = slices.Delete(lines, i, i+1)
		case 1: // duplicate a line
			lines = slices.Insert(lines, i, lines[i])
		case 2: // swap two lines
			j := m.r.IntN(len(lines))
			lines[i], lines[j] = lines[j], lines[i]
		case 3, 4, 5: // a field's value, anywhere: the header's config included
			lines[i] = m.editJSON(lines[i])
		case 6: // truncate
			s := strings.Join(lines, "\n")
			lines = strings.Split(s[:m.r.IntN(len(s)+1)], "\n")
		case 7: // a huge line
			lines = slices.Insert(lines, i, `{"t":1,"role":"dev","action":"`+strings.Repeat("r", 1+m.r.IntN(1<<21))+`"}`)
		case 8: // binary garbage or a flipped byte
			b := []byte(lines[i])
			if len(b) > 0 {
				b[m.r.IntN(len(b))] = byte(m.r.IntN(256))
			}
			lines[i] = string(b)
		case 9: // an unknown key, or another kind of line
			lines = slices.Insert(lines, i, m.pick([]string{`{"colour":1}`, `{}`, `[]`, `null`, `{"t":5}`, `{"checkpoint":600}`,
				`{"t":10,"role":"ops","action":"release"}`, `{"t":10,"role":"dev","action":"none"}`, `{"t":10,"role":"dev","action":"fly"}`,
				`{"end":1800,"hash":"0000000000000000","complete":true,"result":{}}`, `{"t":3,"role":"dev","action":"release","arg":99999}`}))
		case 10: // CRLF, or no final newline, or nothing at all
			switch m.r.IntN(3) {
			case 0:
				return strings.ReplaceAll(text, "\n", "\r\n")
			case 1:
				return strings.TrimSuffix(text, "\n")
			default:
				return ""
			}
		}
		text = strings.Join(lines, "\n") + "\n"
	}
	return text
}

// editJSON sets one value of a JSON line (at any depth) to a bad one.
func (m *mutator) editJSON(line string) string {
	var v any
	if json.Unmarshal([]byte(line), &v) != nil {
		return line + m.pick([]string{"}", "x", ","})
	}
	var paths [][]string
	var walk func(v any, path []string)
	walk = func(v any, path []string) {
		if obj, ok := v.(map[string]any); ok {
			for k, x := range obj {
				p := append(slices.Clone(path), k)
				paths = append(paths, p)
				walk(x, p)
			}
		}
	}
	walk(v, nil)
	if len(paths) == 0 {
		return line
	}
	slices.SortFunc(paths, func(a, b []string) int { return strings.Compare(strings.Join(a, "."), strings.Join(b, ".")) })
	path := paths[m.r.IntN(len(paths))]
	obj := v.(map[string]any)
	for _, k := range path[:len(path)-1] {
		obj = obj[k].(map[string]any)
	}
	var bad any
	_ = json.Unmarshal([]byte(m.pick(badJSONValues)), &bad)
	if m.r.IntN(8) == 0 {
		delete(obj, path[len(path)-1])
	} else {
		obj[path[len(path)-1]] = json.RawMessage(m.pick(badJSONValues))
	}
	b, err := json.Marshal(v)
	if err != nil {
		return line
	}
	return string(b)
}

// mutateArgs applies one to three mutations to a command line.
func (m *mutator) mutateArgs(args []string) []string {
	args = slices.Clone(args)
	flagAt := func() int { // the index of a flag followed by its value, or -1
		var at []int
		for i := 1; i+1 < len(args); i++ {
			if strings.HasPrefix(args[i], "-") && !strings.Contains(args[i], "=") && !strings.HasPrefix(args[i+1], "-") {
				at = append(at, i)
			}
		}
		if len(at) == 0 {
			return -1
		}
		return at[m.r.IntN(len(at))]
	}
	// Values a flag accepts but that make a long run (a million seeds) are left out: a
	// long run is not a bad input.
	values := slices.DeleteFunc(slices.Clone(badValues), func(v string) bool { return v == "1048577" })
	values = append(values, ".", "/", "/dev/full", "/dev/null", "/dev/zero", "none/x.csv", "x.txt",
		"good.toml", "r.jsonl", "all.csv", "p1.csv", "out.csv", "out.jsonl", "c.png", "c.svg", "1-5", "3-3", "0-0",
		"18446744073709551615-18446744073709551615", "0-18446744073709551615", "1-10000001", "5-1", "1-", "-5", "1/3", "3/3",
		"0/3", "4/3", "auto/3", "1/0", "silo,", ",", "sre+dev=", "silo+ops=cowboy", "silo+dev=greedy+ops=wall", "+ops=x",
		"silo,silo", "waterfall", "ops.skill=2", "ops.skill=0.5,0.5", "ops.skill=", "ops.skil=1", "dev.interval_s=2:1:1",
		"dev.interval_s=1:9999999:1", "dev.interval_s=0:1:0", "model.catch_window_s=0.6", "practices.release=\"x\"",
		"markdown", "csv", "json", "jsonl", "xml", "on", "off", "auto", "1ns", "-1s", "99999h", "preset", "seed", "colour",
		"preset=silo", "x")
	for range 1 + m.r.IntN(3) {
		switch m.r.IntN(10) {
		case 0, 1, 2: // a flag's value
			if i := flagAt(); i >= 0 {
				args[i+1] = m.pick(values)
			}
		case 3: // -flag=value
			if i := flagAt(); i >= 0 {
				args[i] += "=" + m.pick(values)
				args = slices.Delete(args, i+1, i+2)
			}
		case 4: // a flag without its value
			if i := flagAt(); i >= 0 {
				args = slices.Delete(args, i+1, i+2)
			}
		case 5: // an unknown or misspelt flag
			args = slices.Insert(args, 1+m.r.IntN(len(args)), m.pick([]string{"-colour", "--seeds", "-Seed", "-seed=", "---x", "-", "--",
				"-h=1", "-json=maybe", "-summary=2", "-resume=yes", "-o", "-workers", "-months", "-preset=", "-vary"}))
		case 6: // a stray argument
			args = slices.Insert(args, 1+m.r.IntN(len(args)), m.pick(values))
		case 7: // a flag twice, the second bad
			if i := flagAt(); i >= 0 {
				args = append(args, args[i], m.pick(values))
			}
		case 8: // two arguments swapped
			if len(args) > 2 {
				i, j := 1+m.r.IntN(len(args)-1), 1+m.r.IntN(len(args)-1)
				args[i], args[j] = args[j], args[i]
			}
		case 9: // cut short
			args = args[:1+m.r.IntN(len(args))]
		}
	}
	return args
}

// presetScenarios are the printed scenario files of every preset.
func presetScenarios(t *testing.T) map[string]string {
	out := map[string]string{}
	for _, name := range sim.PresetNames() {
		text, _ := ok(t, "scenario", "print", "-preset", name)
		out[name] = text
	}
	return out
}

// recordedRounds are replay files of short rounds of every preset.
func recordedRounds(t *testing.T) []string {
	dir := t.TempDir()
	var out []string
	for i, name := range sim.PresetNames() {
		path := filepath.Join(dir, name+".jsonl")
		ok(t, "run", "-preset", name, "-seed", strconv.Itoa(i+1), "-months", "1", "-record", path)
		out = append(out, read(t, path))
	}
	return out
}

func TestBadInputCampaign(t *testing.T) {
	base := *campaignSeed
	t.Run("scenarios", func(t *testing.T) { scenarioCampaign(t, base, campaignCases(300)) })
	t.Run("replays", func(t *testing.T) { replayCampaign(t, base, campaignCases(200)) })
	t.Run("flags", func(t *testing.T) { flagCampaign(t, base, campaignCases(300)) })
}

// scenarioCampaign: mutated scenario files, checked, played, swept and printed.
func scenarioCampaign(t *testing.T, base uint64, n int) {
	texts := presetScenarios(t)
	names := sim.PresetNames()
	c := newCampaign(t, "scenarios", nil)
	for k := range n {
		seed := base + uint64(k)
		m := newMutator(seed)
		text := m.mutateScenario(texts[names[m.r.IntN(len(names))]])
		c.fixtures = map[string][]byte{"my.toml": []byte(text)}
		c.restore()
		var args []string
		var after func() error
		switch seed % 4 {
		case 0:
			args = []string{"scenario", "check", "my.toml"}
		case 1:
			args = []string{"run", "-scenario", "my.toml", "-months", "1", "-seed", strconv.FormatUint(seed, 10), "-record", "r.jsonl", "-postmortem", "pm.md"}
			after = func() error { // the recording is whole: it replays
				if o, _ := runInProcess([]string{"replay", "r.jsonl"}); o.code != 0 {
					return fmt.Errorf("its recording does not replay: %s", o.errOut)
				}
				return nil
			}
		case 2:
			args = []string{"sweep", "-scenarios", "my.toml", "-seeds", "1-2", "-months", "1", "-summary=false", "-o", "rows.csv"}
		case 3:
			args = []string{"scenario", "print", "-scenario", "my.toml", "-o", "printed.toml"}
			after = func() error { // what print writes loads back
				if o, _ := runInProcess([]string{"scenario", "check", "printed.toml"}); o.code != 0 {
					return fmt.Errorf("the printed scenario does not load: %s", o.errOut)
				}
				return nil
			}
		}
		c.check(seed, args, text, form{[]int{0, 2}, 1}, after)
	}
	t.Logf("%d mutated scenario files: exit statuses %v", c.n, c.codes)
}

// replayCampaign: mutated recordings, replayed.
func replayCampaign(t *testing.T, base uint64, n int) {
	rounds := recordedRounds(t)
	c := newCampaign(t, "replays", nil)
	for k := range n {
		seed := base + uint64(k)
		m := newMutator(seed)
		text := m.mutateReplay(rounds[m.r.IntN(len(rounds))])
		c.fixtures = map[string][]byte{"r.jsonl": []byte(text)}
		c.restore()
		args := [][]string{{"replay", "r.jsonl"}, {"replay", "-json", "r.jsonl"}, {"replay", "-summary", "-postmortem", "pm.md", "r.jsonl"}}[seed%3]
		c.check(seed, args, text, form{[]int{0, 1, 2}, 1}, nil)
	}
	t.Logf("%d mutated replay files: exit statuses %v", c.n, c.codes)
}

// flagCampaign: mutated command lines of every command, with good files around.
func flagCampaign(t *testing.T, base uint64, n int) {
	fixtures := map[string][]byte{"good.toml": []byte("base = \"sre\"\nmonths = 1\n[ops]\nskill = 0.8\n")}
	src := t.TempDir()
	ok(t, "run", "-months", "1", "-record", filepath.Join(src, "r.jsonl"))
	for k := 1; k <= 2; k++ {
		ok(t, "sweep", "-presets", "silo,sre", "-seeds", "1-3", "-months", "1", "-summary=false", "-shard", fmt.Sprintf("%d/2", k), "-o", filepath.Join(src, fmt.Sprintf("p%d.csv", k)))
	}
	ok(t, "merge", "-o", filepath.Join(src, "all.csv"), filepath.Join(src, "p1.csv"), filepath.Join(src, "p2.csv"))
	for _, name := range []string{"r.jsonl", "p1.csv", "p2.csv", "all.csv"} {
		fixtures[name] = []byte(read(t, filepath.Join(src, name)))
	}
	lines := [][]string{
		{"run", "-preset", "sre", "-seed", "3", "-months", "1", "-json"},
		{"run", "-scenario", "good.toml", "-dev", "greedy", "-ops", "cowboy", "-record", "out.jsonl", "-postmortem", "pm.md"},
		{"compare", "-seeds", "3", "-months", "1", "-presets", "silo,sre", "-format", "csv", "-workers", "2"},
		{"sweep", "-presets", "silo", "-seeds", "1-3", "-months", "1", "-vary", "ops.skill=0.5,0.9", "-o", "out.csv", "-summary=false",
			"-shard", "1/1", "-format", "csv", "-flush", "0", "-progress", "off", "-workers", "2"},
		{"sweep", "-scenarios", "good.toml", "-seeds", "2", "-o", "out.jsonl", "-resume", "-summary=true"},
		{"merge", "-o", "out.csv", "p1.csv", "p2.csv"},
		{"plot", "all.csv", "-o", "c.svg", "-by", "preset", "-where", "preset=silo", "-points", "10"},
		{"replay", "-json", "-postmortem", "pm.md", "r.jsonl"},
		{"scenario", "print", "-preset", "sre", "-o", "s.toml"},
		{"scenario", "check", "good.toml"},
		{"version"},
		{"swarm", "-seed", "3", "-count", "3", "-workers", "1", "-progress", "off"},
	}
	c := newCampaign(t, "flags", fixtures)
	for k := range n {
		seed := base + uint64(k)
		m := newMutator(seed)
		args := m.mutateArgs(lines[m.r.IntN(len(lines))])
		if args[0] == "swarm" {
			args = append(args, "-duration", "2s") // a mutated -count may be any number
		}
		f := form{[]int{0, 1, 2}, 1}
		if len(args) > 2 && args[0] == "scenario" && args[1] == "check" {
			f.lines = len(args) - 2 // a line per bad file
		}
		c.check(seed, args, strings.Join(args, " "), f, nil)
	}
	t.Logf("%d mutated command lines: exit statuses %v", c.n, c.codes)
}

// TestBadInputThroughTheBinary runs a few of the campaign's kinds of bad input through
// the program itself (this test binary as jugglesim): the same one line and exit
// status as in-process, from a real process with real stdout and stderr.
func TestBadInputThroughTheBinary(t *testing.T) {
	if runtime.GOOS == "js" || runtime.GOOS == "wasip1" || runtime.GOOS == "windows" {
		t.Skip("no processes here")
	}
	dir := t.TempDir()
	bad := write(t, dir, "bad.toml", "[ops]\nskill = 1.5\n")
	garbage := write(t, dir, "garbage.jsonl", "\x00\xff{\n")
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"run", "-scenario", bad}, 2, "bad.toml:2: ops.skill"},
		{[]string{"replay", garbage}, 2, "garbage.jsonl:1:"},
		{[]string{"compare", "-seeds", "1000000000"}, 2, "-seeds 1000000000"},
		{[]string{"compare", "-seeds", "1-5"}, 2, "compare plays seeds 1 to N: give N, such as 200 (sweep takes a range"},
		{[]string{"sweep", "-workers", "100000000"}, 2, "-workers 100000000"},
		{[]string{"run", "-record", dir}, 1, "is a directory"},
		{[]string{"scenario", "check", "/dev/zero"}, 2, "/dev/zero: more than 1048576 bytes"},
		{[]string{"merge", "/dev/zero"}, 2, "/dev/zero:1: a line longer than"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			in := runInProcessOK(t, tc.args)
			cmd := exec.Command(os.Args[0], tc.args...)
			cmd.Env = append(os.Environ(), "JUGGLESIM_RUN_MAIN=1")
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			var exit *exec.ExitError
			if err != nil && !errors.As(err, &exit) {
				t.Skipf("cannot run the test binary as a program here (%v)", err)
			}
			require.NotNil(t, exit, "it failed: %s", stderr.String())
			require.Equal(t, tc.code, exit.ExitCode(), stderr.String())
			require.Empty(t, stdout.String())
			require.Equal(t, in.errOut, stderr.String(), "the same line as in-process")
			require.Equal(t, 1, strings.Count(stderr.String(), "\n"))
			require.Contains(t, stderr.String(), tc.msg)
		})
	}
}

func runInProcessOK(t *testing.T, args []string) outcome {
	t.Helper()
	o, finished := runInProcess(args)
	require.True(t, finished, "a hang")
	require.Nil(t, o.panicked, "%s", o.stack)
	return o
}
