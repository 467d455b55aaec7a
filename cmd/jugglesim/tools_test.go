package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
)

// TestMain lets a test run the real program in a child process (for signals): with
// JUGGLESIM_RUN_MAIN=1 the test binary is jugglesim.
func TestMain(m *testing.M) {
	if os.Getenv("JUGGLESIM_RUN_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// write puts a file in dir and returns its path.
func write(t *testing.T, dir, name, text string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(path, []byte(text), 0o644))
	return path
}

func ok(t *testing.T, args ...string) (string, string) {
	t.Helper()
	out, errOut, code := jugglesim(t, args...)
	require.Equal(t, 0, code, "jugglesim %s: %s", strings.Join(args, " "), errOut)
	return out, errOut
}

// pngSize decodes a PNG file and returns its size in pixels.
func pngSize(t *testing.T, path string) image.Point {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	img, err := png.Decode(f)
	require.NoError(t, err, path)
	return img.Bounds().Size()
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(b)
}

func TestPrintedScenariosPlayLikeTheirPresets(t *testing.T) {
	dir := t.TempDir()
	for _, name := range sim.PresetNames() {
		path := filepath.Join(dir, name+".toml")
		ok(t, "scenario", "print", "-preset", name, "-o", path)
		printed, _ := ok(t, "scenario", "print", "-preset", name)
		assert.Equal(t, printed, read(t, path))
		byScenario, _ := ok(t, "run", "-scenario", path, "-seed", "5", "-json")
		byPreset, _ := ok(t, "run", "-preset", name, "-seed", "5", "-json")
		assert.Equal(t, byPreset, byScenario, name)
		out, _ := ok(t, "scenario", "check", path)
		assert.Contains(t, out, "ok: "+path)
	}
	// A partial file, and -months over the file's.
	path := write(t, dir, "skilled.toml", "base = \"silo\"\nmonths = 2\n[ops]\nskill = 0.95\n")
	out, _ := ok(t, "run", "-scenario", path, "-json")
	assert.Contains(t, out, `"preset":"skilled"`)
	assert.Contains(t, out, `"months":2`)
	out, _ = ok(t, "run", "-scenario", path, "-json", "-months", "1")
	assert.Contains(t, out, `"months":1`)
}

// TestREADMEExperiment follows README's Experiments commands: a printed preset, swept
// beside that same preset.
func TestREADMEExperiment(t *testing.T) {
	dir := t.TempDir()
	printed, _ := ok(t, "scenario", "print", "-preset", "sre")
	my := write(t, dir, "my.toml", printed)
	csv := filepath.Join(dir, "results.csv")
	ok(t, "sweep", "-presets", "silo,sre", "-scenarios", my, "-seeds", "1-3",
		"-vary", "ops.skill=0.5,0.9", "-summary=false", "-o", csv)
	rows := strings.Split(strings.TrimSpace(read(t, csv)), "\n")
	require.Len(t, rows, 1+3*2*3)
	assert.True(t, strings.HasPrefix(rows[len(rows)-1], "18,my,3,0.9,"), "the copy is named after its file: %s", rows[len(rows)-1])
}

func TestRecordReplayAndPostMortem(t *testing.T) {
	dir := t.TempDir()
	rec, pm := filepath.Join(dir, "r.jsonl"), filepath.Join(dir, "pm.md")
	runOut, _ := ok(t, "run", "-preset", "devops", "-seed", "3", "-months", "2", "-json", "-record", rec, "-postmortem", pm)
	assert.Contains(t, read(t, pm), "# Post-mortem: devops, seed 3")
	info, err := os.Stat(rec)
	require.NoError(t, err)
	if runtime.GOOS != "js" && runtime.GOOS != "windows" {
		assert.Equal(t, os.FileMode(0o644), info.Mode().Perm(), "a replay is for sharing")
	}

	out, _ := ok(t, "replay", rec)
	hash := runOut[strings.Index(runOut, `"state_hash":"`)+14:][:16]
	assert.Regexp(t, `^ok: devops, seed 3, 2 months, dev: bot tester, ops: bot partner; 5 checkpoints and the end match \(state hash `+hash+`\)`, out)
	asJSON, _ := ok(t, "replay", "-json", rec)
	assert.Equal(t, runOut, asJSON, "the replay gives the round's result")
	ok(t, "replay", rec, "-postmortem", filepath.Join(dir, "pm2.md"))
	assert.Equal(t, read(t, pm), read(t, filepath.Join(dir, "pm2.md")))

	// Drop one of ops' inputs after tick 1000: the replay diverges at checkpoint 1200.
	lines := strings.SplitAfter(read(t, rec), "\n")
	k := 1
	for ; k < len(lines); k++ {
		var tick int
		if _, err := fmt.Sscanf(lines[k], `{"t":%d,"role":"ops"`, &tick); err == nil && tick >= 1000 {
			break
		}
	}
	require.Less(t, k, len(lines))
	edited := write(t, dir, "edited.jsonl", strings.Join(append(append([]string{}, lines[:k]...), lines[k+1:]...), ""))
	_, errOut, code := jugglesim(t, "replay", edited)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "edited.jsonl: diverges at tick 1200")
	assert.Equal(t, 1, strings.Count(errOut, "\n"))

	// An end line edited by hand: the hashes match but the result does not.
	last := lines[len(lines)-2]
	fake := write(t, dir, "fake.jsonl", strings.Join(lines[:len(lines)-2], "")+strings.Replace(last, `"shipped":`, `"shipped":1`, 1))
	_, errOut, code = jugglesim(t, "replay", fake)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "the recorded result differs from the replayed one (shipped: recorded 1")
}

func TestBadInputExitsTwoWithOneLine(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("SLURM_ARRAY_TASK_ID", "")
	t.Setenv("JOB_COMPLETION_INDEX", "")
	bad := write(t, dir, "bad.toml", "[ops]\nskill = 1.5\n")
	good := write(t, dir, "good.toml", "[ops]\nskill = 0.8\n")
	rec := filepath.Join(dir, "r.jsonl")
	ok(t, "run", "-months", "1", "-record", rec)
	lines := strings.SplitAfter(read(t, rec), "\n")
	truncated := write(t, dir, "truncated.jsonl", strings.Join(lines[:len(lines)/2], ""))
	cut := write(t, dir, "cut.jsonl", read(t, rec)[:len(read(t, rec))/2])
	notReplay := write(t, dir, "notreplay.jsonl", "{}\n")
	other := filepath.Join(dir, "other.csv")
	ok(t, "sweep", "-presets", "silo", "-seeds", "1-2", "-months", "1", "-o", other)
	gap1 := filepath.Join(dir, "gap1.csv")
	ok(t, "sweep", "-presets", "silo", "-seeds", "1-4", "-months", "1", "-shard", "1/3", "-o", gap1)
	notSweep := write(t, dir, "notsweep.csv", "a,b,c\n1,2,3\n")

	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"run", "-scenario", filepath.Join(dir, "none.toml")}, "none.toml: no such file"},
		{[]string{"run", "-scenario", bad}, "bad.toml:2: ops.skill: 1.5 must be a fraction from 0 to 1"},
		{[]string{"run", "-scenario", good, "-preset", "sre"}, "give one of them"},
		{[]string{"run", "-scenario", good, "-months", "0"}, "-months 0"},
		{[]string{"replay"}, "expected a replay file"},
		{[]string{"replay", "a.jsonl", "b.jsonl", "-postmortem", "pm.md"}, "-postmortem writes one file: give one replay file"},
		{[]string{"replay", filepath.Join(dir, "none.jsonl")}, "none.jsonl: no such file"},
		{[]string{"replay", truncated}, "truncated.jsonl:"},
		{[]string{"replay", cut}, "cut.jsonl:"},
		{[]string{"replay", notReplay}, "not a replay"},
		{[]string{"scenario"}, "expected print or check"},
		{[]string{"scenario", "fly"}, "unknown subcommand"},
		{[]string{"scenario", "print", "-preset", "waterfall"}, `unknown preset "waterfall"`},
		{[]string{"scenario", "print", "extra"}, "unexpected argument"},
		{[]string{"scenario", "check", bad}, "bad.toml:2: ops.skill"},
		{[]string{"scenario", "check"}, "expected scenario files"},
		{[]string{"sweep", "-seeds", "0"}, "-seeds"},
		{[]string{"sweep", "-seeds", "5-1"}, "goes down"},
		{[]string{"sweep", "-vary", "ops.skil=1"}, `"ops.skil" is not a scenario field`},
		{[]string{"sweep", "-vary", "ops.skill=2"}, "2 must be a fraction"},
		{[]string{"sweep", "-vary", "model.catch_window_s=0.6"}, "model.flight_s: must be longer than two catch windows"},
		{[]string{"sweep", "-shard", "3/2"}, "K must be from 1 to 2"},
		{[]string{"sweep", "-shard", "auto/2"}, "neither SLURM_ARRAY_TASK_ID nor JOB_COMPLETION_INDEX"},
		{[]string{"sweep", "-o", filepath.Join(dir, "x.txt")}, "cannot tell the format"},
		{[]string{"sweep", "-format", "xml"}, "must be csv or jsonl"},
		{[]string{"sweep", "-resume"}, "-resume needs an -o file"},
		{[]string{"sweep", "-workers", "0"}, "-workers 0"},
		{[]string{"sweep", "-months", "200"}, "-months 200"},
		{[]string{"sweep", "-progress", "maybe"}, "-progress"},
		{[]string{"sweep", "-flush", "-1s"}, "-flush -1s: must not be negative"},
		{[]string{"sweep", "-scenarios", bad}, "bad.toml:2: ops.skill"},
		{[]string{"sweep", "-scenarios", good + "," + good}, "are both named"},
		{[]string{"sweep", "-presets", "silo", "-seeds", "2-3", "-months", "1", "-o", other, "-resume"}, "other.csv:2: not the row this sweep writes there (run 1, silo, seed 2)"},
		{[]string{"sweep", "-presets", "silo", "-seeds", "1-2", "-vary", "ops.skill=0.5", "-o", other, "-resume"}, "its columns are not this sweep's"},
		{[]string{"merge"}, "expected the shards' files"},
		{[]string{"merge", filepath.Join(dir, "none.csv")}, "none.csv: no such file"},
		{[]string{"merge", "-o", filepath.Join(dir, "all.csv"), gap1}, "runs 2 to 3 are in none of the files"},
		{[]string{"merge", "-o", filepath.Join(dir, "all.csv"), gap1, other}, "run 1 is in both"},
		{[]string{"merge", notSweep}, "not the output of jugglesim sweep"},
		{[]string{"plot"}, "expected the file of a sweep's rows"},
		{[]string{"plot", other, "-o", filepath.Join(dir, "c.gif")}, "charts are .png or .svg"},
		{[]string{"plot", filepath.Join(dir, "none.csv")}, "none.csv: no such file"},
		{[]string{"plot", notSweep, "-o", filepath.Join(dir, "c.png")}, "not the output of jugglesim sweep"},
		{[]string{"plot", other, "-by", "colour", "-o", filepath.Join(dir, "c.png")}, `no column "colour"`},
		{[]string{"plot", other, "-where", "preset=sre", "-o", filepath.Join(dir, "c.png")}, "no rows to draw"},
		{[]string{"plot", other, "-by", "seed", "-where", "x", "-o", filepath.Join(dir, "c.png")}, "-where"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			out, errOut, code := jugglesim(t, tc.args...)
			assert.Equal(t, 2, code, errOut)
			assert.Empty(t, out)
			assert.Equal(t, 1, strings.Count(errOut, "\n"), "one line: %q", errOut)
			assert.True(t, strings.HasPrefix(errOut, "jugglesim: "), errOut)
			// Lower case: js/wasm spells "No such file or directory".
			assert.Contains(t, strings.ToLower(errOut), strings.ToLower(tc.msg))
		})
	}
	_, err := os.Stat(filepath.Join(dir, "all.csv"))
	assert.True(t, errors.Is(err, os.ErrNotExist), "a failed merge leaves no file")
}

// sweepArgs is a small sweep: 2 presets x 2 skills x 6 seeds of one-month rounds.
var sweepArgs = []string{"sweep", "-presets", "silo,sre", "-seeds", "1-6", "-months", "1", "-vary", "ops.skill=0.6,0.9"}

func TestSweepIsTheSameWithAnyNumberOfWorkersAndShards(t *testing.T) {
	dir := t.TempDir()
	var whole string
	for _, ext := range []string{"csv", "jsonl"} {
		one := filepath.Join(dir, "one."+ext)
		summary, _ := ok(t, append(sweepArgs, "-workers", "1", "-o", one)...)
		most := filepath.Join(dir, "most."+ext)
		ok(t, append(sweepArgs, "-workers", strconv.Itoa(maxWorkers()), "-o", most)...)
		assert.Equal(t, read(t, one), read(t, most), ext)
		assert.Contains(t, summary, "sre ops.skill=0.9")
		assert.Contains(t, summary, "95 % confidence intervals")

		var parts []string
		for k := 1; k <= 3; k++ {
			p := filepath.Join(dir, fmt.Sprintf("part%d.%s", k, ext))
			ok(t, append(sweepArgs, "-shard", fmt.Sprintf("%d/3", k), "-o", p)...)
			parts = append(parts, p)
		}
		all := filepath.Join(dir, "all."+ext)
		_, msg := ok(t, append([]string{"merge", "-o", all}, parts[2], parts[0], parts[1])...)
		assert.Contains(t, msg, "merged 24 rows from 3 files")
		assert.Equal(t, read(t, one), read(t, all), "%s: the shards merged are the whole", ext)
		if ext == "csv" {
			whole = read(t, one)
		}
	}
	// Rows on stdout, the summary on stderr.
	out, errOut := ok(t, sweepArgs...)
	assert.Equal(t, whole, out)
	assert.Contains(t, errOut, "Means ± 95 %")
	out, errOut = ok(t, append(sweepArgs, "-summary=false")...)
	assert.Equal(t, whole, out)
	assert.Empty(t, errOut, "no progress bar when stderr is not a terminal")
	// -shard auto/3 from Kubernetes' index, from 0.
	t.Setenv("SLURM_ARRAY_TASK_ID", "")
	t.Setenv("JOB_COMPLETION_INDEX", "1")
	auto, _ := ok(t, append(sweepArgs, "-shard", "auto/3", "-summary=false")...)
	two, _ := ok(t, append(sweepArgs, "-shard", "2/3", "-summary=false")...)
	assert.Equal(t, two, auto)
}

func TestSweepResumesAFileCutShort(t *testing.T) {
	dir := t.TempDir()
	whole := filepath.Join(dir, "whole.csv")
	ok(t, append(sweepArgs, "-o", whole)...)
	text := read(t, whole)
	for _, cut := range []int{0, 5, len(text) / 3, len(text) - 2} {
		path := write(t, dir, "cut.csv", text[:cut])
		ok(t, append(sweepArgs, "-o", path, "-resume")...)
		assert.Equal(t, text, read(t, path), "cut at byte %d", cut)
	}
	// -resume on a file that is not there yet starts it.
	fresh := filepath.Join(dir, "fresh.csv")
	ok(t, append(sweepArgs, "-o", fresh, "-resume")...)
	assert.Equal(t, text, read(t, fresh))
}

func TestProgressBarWhenAsked(t *testing.T) {
	_, errOut := ok(t, append(sweepArgs, "-progress", "on", "-summary=false")...)
	assert.Regexp(t, `\r 100% \[={30}\] \(24/24, \d+ rounds/s\) \[\d+s\]\n$`, errOut, "the last line: done, the rate, the time")

	// Resumed, the bar counts the rounds left, so that its rate is this run's.
	dir := t.TempDir()
	path := filepath.Join(dir, "rows.csv")
	ok(t, append(sweepArgs, "-o", path)...)
	lines := strings.SplitAfter(read(t, path), "\n")
	write(t, dir, "rows.csv", strings.Join(lines[:1+20], ""))
	_, errOut = ok(t, append(sweepArgs, "-o", path, "-resume", "-progress", "on", "-summary=false")...)
	assert.Regexp(t, `\rresumed after 20 rounds: 100% \[={30}\] \(4/4, `, errOut)
}

func TestPlotWritesPNGAndSVG(t *testing.T) {
	dir := t.TempDir()
	rows := filepath.Join(dir, "rows.csv")
	ok(t, append(sweepArgs, "-o", rows)...)
	out, _ := ok(t, "plot", rows, "-o", filepath.Join(dir, "chart.png"))
	assert.Contains(t, out, "4 groups, 24 rounds")
	for _, name := range []string{"chart.png", "chart-pay.png"} {
		size := pngSize(t, filepath.Join(dir, name))
		assert.Equal(t, 1350, size.X, name)
		assert.Equal(t, 900, size.Y, name)
	}
	jsonl := filepath.Join(dir, "rows.jsonl")
	ok(t, append(sweepArgs, "-o", jsonl)...)
	ok(t, "plot", jsonl, "-o", filepath.Join(dir, "chart.svg"), "-by", "preset")
	for _, name := range []string{"chart.svg", "chart-pay.svg"} {
		text := read(t, filepath.Join(dir, name))
		dec := xml.NewDecoder(strings.NewReader(text))
		for {
			_, err := dec.Token()
			if err == io.EOF {
				break
			}
			require.NoError(t, err, "%s is well-formed XML", name)
		}
		assert.True(t, strings.HasPrefix(text, "<?xml"), name)
	}
	// The groups by preset: in the legend, and under the bars, a word a line.
	shipped, pay := read(t, filepath.Join(dir, "chart.svg")), read(t, filepath.Join(dir, "chart-pay.svg"))
	assert.True(t, strings.Contains(shipped, "Features shipped against uptime"), "the title")
	assert.True(t, strings.Contains(shipped, ">sre (n=12)<"), "a legend entry")
	assert.True(t, strings.Contains(pay, "Pay by role"), "the title")
	assert.True(t, strings.Contains(pay, ">sre<") && strings.Contains(pay, ">(n=12)<"), "a group's name")
}

// TestPlotPicksRows: -where keeps rows of any value given for a column, numbers compare
// as numbers, the cloud samples a whole group, and a value that is no number is refused
// with its line.
func TestPlotPicksRows(t *testing.T) {
	header := []string{"run", "preset", "seed", "ops.skill", "months", "shipped", "uptime", "dev_pay", "ops_pay", "rules_version"}
	row := func(run int, skill string, shipped int) []string {
		return []string{fmt.Sprint(run), "silo", fmt.Sprint(run), skill, "6", fmt.Sprint(shipped), "0.9", "100", "200", "1"}
	}
	g := &grouper{points: 10}
	require.NoError(t, g.setup(header, "rows.csv", "preset", []string{"ops.skill=0.50", "ops.skill=0.9", "preset=silo"}))
	for run := 1; run <= 300; run++ {
		skill := []string{"0.5", "0.7", "0.9"}[(run-1)/100]
		require.NoError(t, g.add(row(run, skill, run), "rows.csv", run+1))
	}
	s := g.series()
	require.Len(t, s, 1)
	assert.Equal(t, 200, s[0].Rounds, "0.5 and 0.9, not 0.7")
	require.LessOrEqual(t, len(s[0].Points), 10)
	require.GreaterOrEqual(t, len(s[0].Points), 5)
	assert.Equal(t, 1.0, s[0].Points[0][1], "the first round")
	assert.Greater(t, s[0].Points[len(s[0].Points)-1][1], 250.0, "and rounds of the last cell")

	bad := row(301, "0.5", 0)
	bad[6] = "NaN"
	err := g.add(bad, "rows.csv", 302)
	var ue usageError
	require.ErrorAs(t, err, &ue)
	assert.ErrorContains(t, err, `rows.csv:302: uptime "NaN" is not a number`)
}

// TestPlotIntervalsEndWhereFiguresDo: a class of two teams has 95 % intervals wider
// than the figures can go; they end at 0 features and at 0 and 100 % uptime (they ran
// the features axis to -5).
func TestPlotIntervalsEndWhereFiguresDo(t *testing.T) {
	header := []string{"run", "preset", "seed", "months", "shipped", "uptime", "dev_pay", "ops_pay", "rules_version"}
	g := &grouper{points: 10}
	require.NoError(t, g.setup(header, "class.csv", "", nil))
	for i, r := range [][2]string{{"2", "0.995"}, {"22", "0.80"}} {
		require.NoError(t, g.add([]string{fmt.Sprint(i + 1), "silo", "7", "2", r[0], r[1], "1200", "0", "3"}, "class.csv", i+2))
	}
	s := g.series()
	require.Len(t, s, 1)
	assert.Equal(t, 12.0, s[0].Shipped.Mean)
	assert.Equal(t, 0.0, s[0].Shipped.Lo, "no fewer than no features")
	assert.InDelta(t, 12+127.06, s[0].Shipped.Hi, 0.1, "above, the interval itself: t(1) = 12.706 times a standard error of 10")
	assert.Equal(t, 100.0, s[0].Uptime.Hi, "no more than 100 %")
	assert.Equal(t, 0.0, s[0].Uptime.Lo, "89.75 ± 124: no less than 0 %")
}

// TestPlotSplitsRoundsOfDifferentLengths: features and pay per round grow with the
// months, so rounds of one and of six months (two sweeps, or a class's rounds) are never
// one group: each group is split by months, and says so in its name.
func TestPlotSplitsRoundsOfDifferentLengths(t *testing.T) {
	header := []string{"run", "preset", "seed", "months", "shipped", "uptime", "dev_pay", "ops_pay", "rules_version"}
	row := func(run int, months string) []string {
		return []string{fmt.Sprint(run), "silo", fmt.Sprint(run), months, fmt.Sprint(run), "0.9", "100", "200", "3"}
	}
	for _, by := range []string{"", "preset", "preset,months"} {
		g := &grouper{points: 10}
		require.NoError(t, g.setup(header, "rows.csv", by, nil))
		for run := 1; run <= 30; run++ {
			require.NoError(t, g.add(row(run, []string{"6", "1"}[run%2]), "rows.csv", run+1))
		}
		var names []string
		for _, s := range g.series() {
			names = append(names, fmt.Sprintf("%s (n=%d)", s.Name, s.Rounds))
		}
		assert.Equal(t, []string{"silo months=1 (n=15)", "silo months=6 (n=15)"}, names, "-by %q", by)
	}
}

// TestSweepInterruptedBySIGINT runs the real program, interrupts it with SIGINT as Ctrl-C
// does, and finishes the file with -resume.
func TestSweepInterruptedBySIGINT(t *testing.T) {
	if runtime.GOOS == "js" || runtime.GOOS == "wasip1" || runtime.GOOS == "windows" {
		t.Skip("no processes or signals here")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "rows.csv")
	// Long enough that it is still running when the signal comes (400 six-month rounds
	// took 40 ms once rounds jumped over quiet ticks, and sometimes ended first), short
	// enough to play whole twice: about half a second of twelve-month rounds.
	args := []string{"sweep", "-presets", "silo", "-seeds", "1-2000", "-months", "12", "-workers", "1", "-flush", "0", "-o", path}
	cmd := selfCommand(t, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Start(), "the test binary as a program")
	// Wait for a few rows, then interrupt.
	deadline := time.Now().Add(time.Minute)
	for countLines(path) < 4 && time.Now().Before(deadline) {
		time.Sleep(2 * time.Millisecond)
	}
	require.NoError(t, cmd.Process.Signal(syscall.SIGINT))
	err := cmd.Wait()
	var exit *exec.ExitError
	require.True(t, errors.As(err, &exit), "%v: %s", err, stderr.String())
	assert.Equal(t, 130, exit.ExitCode(), stderr.String())
	assert.Contains(t, stderr.String(), "interrupted after")
	assert.Contains(t, stderr.String(), "run the same command with -resume")
	got := read(t, path)
	require.True(t, strings.HasSuffix(got, "\n"), "whole rows only")

	wholePath := filepath.Join(dir, "whole.csv")
	ok(t, append(append([]string{}, args[:len(args)-1]...), wholePath)...)
	whole := read(t, wholePath)
	assert.True(t, strings.HasPrefix(whole, got), "the interrupted file is the start of the whole")
	assert.Less(t, len(got), len(whole), "it was interrupted before the end")
	ok(t, append(args, "-resume")...)
	assert.True(t, read(t, path) == whole, "resumed, the file is the uninterrupted run's")
}

func countLines(path string) int {
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	n := 0
	for sc := bufio.NewScanner(f); sc.Scan(); {
		n++
	}
	return n
}

// TestReplaySeveralFilesAndWhoPlayed: jugglesim replay checks every file it is given,
// one result line each in order, says who played each role from the file's header (a
// person, the preset's bot, a named bot; not recorded in older files), tells each
// failure on stderr and exits 1 when one does not reproduce, 2 when one is no replay.
func TestReplaySeveralFilesAndWhoPlayed(t *testing.T) {
	dir := t.TempDir()
	bots, novice := filepath.Join(dir, "bots.jsonl"), filepath.Join(dir, "novice.jsonl")
	ok(t, "run", "-preset", "silo", "-seed", "7", "-months", "1", "-record", bots)
	ok(t, "run", "-preset", "devops", "-seed", "2", "-months", "1", "-ops", "novice", "-difficulty", "easy", "-record", novice)
	rec := read(t, bots)
	const players = `"players":{"dev":"bot:greedy","ops":"bot:gatekeeper"}`
	require.Contains(t, rec, players)
	person := write(t, dir, "person.jsonl", strings.Replace(rec, players, `"players":{"dev":"bot","ops":"human"}`, 1))
	old := write(t, dir, "old.jsonl", strings.Replace(rec, ","+players, "", 1))
	third := strings.SplitAfter(rec, "\n")[3]
	require.Contains(t, third, `"t":`, "an input")
	diverged := write(t, dir, "diverged.jsonl", strings.Replace(rec, third, "", 1)) // one input less

	out, errOut, code := jugglesim(t, "replay", bots, novice, person, old)
	require.Equal(t, 0, code, errOut)
	got := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, got, 4)
	assert.Contains(t, got[0], "ok: silo, seed 7, 1 month, dev: bot greedy, ops: bot gatekeeper;")
	assert.Contains(t, got[1], "ok: devops+ops=novice+difficulty=easy, seed 2, 1 month, dev: bot tester, ops: bot novice;")
	assert.Contains(t, got[2], "ok: silo, seed 7, 1 month, dev: bot greedy, ops: a person;", "a person played ops, the preset's bot dev")
	assert.Contains(t, got[3], "ok: silo, seed 7, 1 month, who played is not recorded;")

	out, errOut, code = jugglesim(t, "replay", bots, diverged, novice)
	assert.Equal(t, 1, code)
	assert.Equal(t, 2, strings.Count(out, "ok: "), "the others are checked")
	assert.Contains(t, errOut, "diverged.jsonl: diverges at tick")
	assert.Contains(t, errOut, "jugglesim: 1 of 3 replays failed")

	_, errOut, code = jugglesim(t, "replay", bots, filepath.Join(dir, "none.jsonl"), diverged)
	assert.Equal(t, 2, code, "a file that is no replay")
	assert.Contains(t, strings.ToLower(errOut), "none.jsonl: no such file", "js/wasm spells it with capitals")
	assert.Contains(t, errOut, "2 of 3 replays failed")

	asJSON, _ := ok(t, "replay", "-json", bots, novice)
	assert.Equal(t, 2, strings.Count(asJSON, "\n"), "one JSON object a line each")
	assert.Contains(t, asJSON, `"catches":`)
}

// TestDifficultyAndNovice: -difficulty plays the juggle as people get it (the name says
// so, and easy's window catches more), compare -ops seats a bot in every preset that
// names none and shows the catch rate and working features, and a bad level is bad
// usage.
func TestDifficultyAndNovice(t *testing.T) {
	out, _ := ok(t, "compare", "-presets", "silo,devops+ops=partner", "-ops", "novice-nocue", "-difficulty", "easy",
		"-seeds", "3", "-months", "1", "-format", "csv")
	rows := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, rows, 3)
	assert.True(t, strings.HasSuffix(rows[0], ",working_features_mean,working_features_sd,caught_mean,caught_sd"), rows[0])
	assert.True(t, strings.HasPrefix(rows[1], "silo+ops=novice-nocue+difficulty=easy,"), rows[1])
	assert.True(t, strings.HasPrefix(rows[2], "devops+ops=partner+difficulty=easy,"), "a preset's own bot wins: %s", rows[2])

	caught := func(args ...string) float64 {
		out, _ := ok(t, append([]string{"run", "-preset", "devops", "-ops", "novice-nocue", "-months", "1", "-json"}, args...)...)
		var r sim.Result
		require.NoError(t, json.Unmarshal([]byte(out), &r))
		require.Positive(t, r.Catches+r.Misses)
		return float64(r.Catches) / float64(r.Catches+r.Misses)
	}
	normal, easy := caught("-difficulty", "normal"), caught("-difficulty", "easy")
	assert.Less(t, normal, 0.5, "reacting to the ring on normal: late")
	assert.Greater(t, easy, 0.6, "easy's window forgives a reaction")

	out, _ = ok(t, "sweep", "-presets", "sre", "-difficulty", "hard", "-seeds", "1-2", "-months", "1", "-summary=false")
	assert.Contains(t, out, "\n1,sre+difficulty=hard,1,1,3,")
	_, errOut, code := jugglesim(t, "run", "-difficulty", "nightmare")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, `difficulty "nightmare": want easy, normal or hard`)
	_, errOut, code = jugglesim(t, "compare", "-presets", "silo+difficulty=insane", "-seeds", "1")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, `difficulty "insane"`)
}
