package sweep

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
	"devopsjuggle/sim/bot"
)

// testPlan is a small sweep: two presets x two skills x two intervals x seeds, of
// one-month rounds.
func testPlan(t *testing.T, seeds string, shard Shard) *Plan {
	t.Helper()
	var sources []Source
	for _, name := range []string{"silo", "sre"} {
		cfg, err := sim.Preset(name)
		require.NoError(t, err)
		cfg.Months = 1
		sources = append(sources, Source{Name: name, Config: cfg})
	}
	var params []Param
	for _, spec := range []string{"ops.skill=0.6,0.9", "dev.interval_s=0:2:2"} {
		p, err := ParseVary(spec)
		require.NoError(t, err)
		params = append(params, p)
	}
	s, err := ParseSeeds(seeds)
	require.NoError(t, err)
	plan, err := NewPlan(sources, params, s, shard)
	require.NoError(t, err)
	return plan
}

// sweep runs a plan into memory.
func sweep(t *testing.T, p *Plan, f Format, workers int) (string, *Summary) {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, p.Start(&b, f))
	sum := NewSummary(p)
	n, err := p.Run(context.Background(), &b, Options{Format: f, Summary: sum, Workers: workers})
	require.NoError(t, err)
	require.Equal(t, p.Count(), n)
	return b.String(), sum
}

func TestTheSameBytesWithAnyNumberOfWorkers(t *testing.T) {
	p := testPlan(t, "1-6", Whole)
	for _, f := range []Format{CSV, JSONL} {
		one, sum1 := sweep(t, p, f, 1)
		eight, sum8 := sweep(t, p, f, 8)
		assert.Equal(t, one, eight, "%s: workers 1 and 8", f)
		assert.Equal(t, sum1, sum8)
		lines := strings.Split(strings.TrimSuffix(one, "\n"), "\n")
		want := 2 * 2 * 2 * 6
		if f == CSV {
			want++
			assert.Equal(t, "run,preset,seed,ops.skill,dev.interval_s,months,rules_version,ticks,shipped", lines[0][:len("run,preset,seed,ops.skill,dev.interval_s,months,rules_version,ticks,shipped")])
			assert.True(t, strings.HasPrefix(lines[1], "1,silo,1,0.6,0,1,"+sim.RulesVersion+",1800,"), lines[1])
			assert.True(t, strings.HasPrefix(lines[7], "7,silo,1,0.6,2,"), "seeds run fastest, then the last -vary: %s", lines[7])
			assert.True(t, strings.HasPrefix(lines[25], "25,sre,1,0.6,0,"), lines[25])
		}
		assert.Len(t, lines, want)
	}
}

// TestRowsAreRunJSON: a row holds exactly the fields of jugglesim run -json for its
// round, with the same values.
func TestRowsAreRunJSON(t *testing.T) {
	p := testPlan(t, "3-4", Whole)
	out, _ := sweep(t, p, JSONL, 2)
	first := strings.SplitN(out, "\n", 2)[0]
	var row map[string]any
	require.NoError(t, json.Unmarshal([]byte(first), &row))
	cfg := p.Cells[0].Config
	r := bot.Play(cfg, 3)
	b, _ := json.Marshal(r)
	var want map[string]any
	require.NoError(t, json.Unmarshal(b, &want))
	for k, v := range want {
		assert.Equal(t, v, row[k], k)
	}
	assert.Equal(t, 0.6, row["ops.skill"])
	assert.Equal(t, 0.0, row["dev.interval_s"])
	assert.Equal(t, 1.0, row["run"])
	assert.Len(t, row, len(want)+3)

	csv, _ := sweep(t, p, CSV, 2)
	tab, err := OpenTable(strings.NewReader(csv), "x.csv", CSV)
	require.NoError(t, err)
	vals, ok, err := tab.Next()
	require.True(t, ok)
	require.NoError(t, err)
	for i, h := range tab.Header {
		if v, ok := want[h]; ok {
			assert.Equal(t, fmt.Sprint(v), normalise(vals[i]), h)
		}
	}
}

// normalise reads a CSV number as JSON does, to compare with fmt's output of a float64.
func normalise(s string) string {
	var v any
	if json.Unmarshal([]byte(s), &v) == nil {
		return fmt.Sprint(v)
	}
	return s
}

func TestShardsMergeIntoTheWhole(t *testing.T) {
	for _, f := range []Format{CSV, JSONL} {
		whole, _ := sweep(t, testPlan(t, "1-5", Whole), f, 2)
		for _, n := range []int{1, 3, 7, 50} {
			var parts []Part
			total := 0
			for k := n; k >= 1; k-- { // any order
				out, _ := sweep(t, testPlan(t, "1-5", Shard{k, n}), f, 2)
				parts = append(parts, Part{Name: fmt.Sprintf("part%d", k), R: strings.NewReader(out)})
				total += len(out)
			}
			var merged bytes.Buffer
			rows, mf, err := Merge(&merged, parts)
			require.NoError(t, err, "%s %d shards", f, n)
			assert.Equal(t, f, mf)
			assert.Equal(t, uint64(40), rows)
			assert.Equal(t, whole, merged.String(), "%s: %d shards merged", f, n)
		}
	}
}

func TestMergeRefusesWhatIsNotAWholeSweep(t *testing.T) {
	part := func(k, n int, seeds string) string {
		out, _ := sweep(t, testPlan(t, seeds, Shard{k, n}), CSV, 1)
		return out
	}
	p1, p2, p3 := part(1, 3, "1-2"), part(2, 3, "1-2"), part(3, 3, "1-2")
	merge := func(texts ...string) error {
		var parts []Part
		for i, s := range texts {
			parts = append(parts, Part{Name: fmt.Sprintf("p%d.csv", i+1), R: strings.NewReader(s)})
		}
		var b bytes.Buffer
		_, _, err := Merge(&b, parts)
		return err
	}
	require.NoError(t, merge(p1, p2, p3))
	assert.ErrorContains(t, merge(p1, p3), "run 2 is in none of the files")
	assert.ErrorContains(t, merge(p1, p2, p3, p2), "run 2 is in both")
	assert.ErrorContains(t, merge(p1, p2, p3[:len(p3)-10]), "p3.csv:6: the last row is cut short")
	other, _ := sweep(t, testPlan(t, "1-2", Shard{2, 3}), JSONL, 1)
	assert.ErrorContains(t, merge(p1, other, p3), "p2.csv is jsonl but p1.csv is csv")
	assert.ErrorContains(t, merge(p1, strings.Replace(p2, "ops.skill", "ops.skil", 1), p3), "its columns differ")
	assert.ErrorContains(t, merge("hello\n"), "not the output of jugglesim sweep")
	assert.ErrorContains(t, merge("", ""), "every file is empty")

	// Shards of other sweeps, with the same columns.
	otherPlan := func(edit func(*Plan)) string {
		p := testPlan(t, "1-2", Shard{3, 3})
		edit(p)
		out, _ := sweep(t, p, CSV, 1)
		return out
	}
	fewer := otherPlan(func(p *Plan) { p.Seeds = Seeds{1, 3} })
	assert.ErrorContains(t, merge(p1, p2, fewer), "p1.csv:3: run 4 is seed 2 where this sweep has seed 1 (run 3 is p3.csv:2)")
	shifted := otherPlan(func(p *Plan) { p.Seeds = Seeds{2, 3} })
	assert.ErrorContains(t, merge(p1, p2, shifted), "p3.csv:2: run 3 is seed 2 where this sweep has seed 1 (run 2 is p2.csv:2): not shards of the same sweep")
	shorter := otherPlan(func(p *Plan) {
		for i := range p.Cells {
			p.Cells[i].Config.Months = 2
		}
	})
	assert.ErrorContains(t, merge(p1, p2, shorter), "run 3 is of 2 months, rules version "+sim.RulesVersion+"; run 1 of 1 months")
	skilled := otherPlan(func(p *Plan) {
		for i := range p.Cells {
			p.Cells[i].Values[0] = "0.8"
		}
	})
	assert.ErrorContains(t, merge(p1, p2, skilled), "p1.csv:3: run 4 is in another cell than run 3, in the middle of a cell of 2 seeds (run 3 is p3.csv:2)")
	cut := strings.Join(strings.SplitAfter(p1, "\n")[:6], "") // without run 16, the last
	assert.ErrorContains(t, merge(cut, p2, p3), "the last cell has 1 of its 2 seeds")
}

// interrupted runs a plan into a file and cancels it once `after` rows are written.
func interrupted(t *testing.T, p *Plan, f Format, path string, after uint64) uint64 {
	t.Helper()
	file, err := os.Create(path)
	require.NoError(t, err)
	defer file.Close()
	require.NoError(t, p.Start(file, f))
	ctx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	stopped := errors.New("interrupt")
	n, err := p.Run(ctx, file, Options{Format: f, Workers: 3, FlushBytes: 1, Progress: func(done, _ uint64) {
		if done == after {
			cancel(stopped)
		}
	}})
	require.ErrorIs(t, err, stopped)
	require.GreaterOrEqual(t, n, after)
	require.Less(t, n, p.Count(), "an interrupted run stops early")
	return n
}

// resume finishes a file with -resume's steps.
func resume(t *testing.T, p *Plan, f Format, path string) (uint64, *Summary) {
	t.Helper()
	file, err := os.OpenFile(path, os.O_RDWR, 0)
	require.NoError(t, err)
	defer file.Close()
	sum := NewSummary(p)
	from, err := p.Resume(file, f, sum)
	require.NoError(t, err)
	n, err := p.Run(context.Background(), file, Options{Format: f, From: from, Summary: sum, Workers: 2})
	require.NoError(t, err)
	require.Equal(t, p.Count(), n)
	return from, sum
}

func TestAnInterruptedSweepResumesToTheSameBytes(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []Format{CSV, JSONL} {
		// 240 jobs: more than the jobs Run hands out ahead of the writer, so that a
		// cancelled run stops early.
		p := testPlan(t, "1-30", Whole)
		whole, wholeSum := sweep(t, p, f, 1)
		for _, after := range []uint64{1, 7, 100} {
			path := filepath.Join(dir, fmt.Sprintf("r-%d.%s", after, f))
			n := interrupted(t, p, f, path, after)
			got, err := os.ReadFile(path)
			require.NoError(t, err)
			assert.True(t, strings.HasPrefix(whole, string(got)), "an interrupted file is a prefix of the whole, in whole rows")
			assert.True(t, strings.HasSuffix(string(got), "\n"))

			from, sum := resume(t, p, f, path)
			assert.Equal(t, n, from)
			got, _ = os.ReadFile(path)
			assert.Equal(t, whole, string(got), "%s: resumed after %d rows", f, after)
			assert.Equal(t, wholeSum, sum, "the summary covers the rows found too")
		}
	}
}

func TestResumeDropsAHalfWrittenRow(t *testing.T) {
	dir := t.TempDir()
	p := testPlan(t, "1-3", Whole)
	whole, _ := sweep(t, p, CSV, 2)
	for _, cut := range []int{0, 10, 150, len(whole) / 2, len(whole) - 1, len(whole)} {
		path := filepath.Join(dir, fmt.Sprintf("cut-%d.csv", cut))
		require.NoError(t, os.WriteFile(path, []byte(whole[:cut]), 0o644))
		resume(t, p, CSV, path)
		got, _ := os.ReadFile(path)
		assert.Equal(t, whole, string(got), "cut at byte %d", cut)
	}
}

func TestResumeRefusesAnotherSweepsFile(t *testing.T) {
	dir := t.TempDir()
	p := testPlan(t, "1-3", Whole)
	whole, _ := sweep(t, p, CSV, 2)
	lines := strings.SplitAfter(whole, "\n")
	try := func(text string, plan *Plan) error {
		path := filepath.Join(dir, "other.csv")
		require.NoError(t, os.WriteFile(path, []byte(text), 0o644))
		file, err := os.OpenFile(path, os.O_RDWR, 0)
		require.NoError(t, err)
		defer file.Close()
		_, err = plan.Resume(file, CSV, nil)
		return err
	}
	assert.ErrorContains(t, try(whole, testPlan(t, "2-4", Whole)), "other.csv:2: not the row this sweep writes there (run 1, silo ops.skill=0.6 dev.interval_s=0, seed 2)")
	assert.ErrorContains(t, try(strings.Replace(whole, "dev.interval_s", "dev.test_s", 1), p), "other.csv:1: its columns are not this sweep's")
	last := lines[5]
	fields := strings.Split(last, ",")
	fields[9] = "999" // a result edited by hand
	assert.ErrorContains(t, try(strings.Join(lines[:5], "")+strings.Join(fields, ","), p), "other.csv:6: the last row differs from what this build computes for run 5")
	assert.ErrorContains(t, try(whole+lines[1], p), "more rows than this sweep has")
}

func TestParseVary(t *testing.T) {
	p, err := ParseVary("dev.interval_s=2:10:2")
	require.NoError(t, err)
	assert.Equal(t, []any{2.0, 4.0, 6.0, 8.0, 10.0}, p.Values)
	p, err = ParseVary("ops.skill=0.5:0.9:0.1")
	require.NoError(t, err)
	assert.Len(t, p.Values, 5, "the end is included despite rounding")
	p, err = ParseVary("dev.interval_s=0:0.1:0.0167")
	require.NoError(t, err)
	assert.Len(t, p.Values, 7, "a step in rounded seconds still reaches the end: 0 to 6 ticks")
	p, err = ParseVary("model.tray_cap=1:3:1")
	require.NoError(t, err)
	assert.Equal(t, []any{int64(1), int64(2), int64(3)}, p.Values)
	p, err = ParseVary("practices.monitoring=none,top-down")
	require.NoError(t, err)
	assert.Equal(t, []any{"none", "top-down"}, p.Values)
	for spec, msg := range map[string]string{
		"ops.skill":                    "expected PATH=V1,V2",
		"ops.skil=0.5":                 `"ops.skil" is not a scenario field`,
		"ops.skill=high":               `"high" is not a number`,
		"practices.gate=1:2:1":         "a range needs a numeric field",
		"ops.skill=0.9:0.5:0.1":        "the range goes down",
		"ops.skill=0.5:0.9:0":          "the step 0 must be positive",
		"dev.interval_s=0:1000:0.0167": "60001 values: at most 10000",
		"ops.skill=0:1:0.00001":        "0.00001 is not a fraction with at most three decimals",
		"dev.interval_s=0:1:0.01":      "0.01 is not a whole number of ticks",
		"model.tray_cap=1:2:0.5":       "0.5 is not a whole number",
		"base=sre":                     "not a scenario field",
		"dev.pay.uptime_bonus=1":       "not a scenario field",
		"practices.gate=yes":           "not true or false",
		"dev.interval_s=1:2:3:4":       "a range is FROM:TO:STEP",
		"dev.interval_s=a:2:1":         `"a" is not a number`,
		"ops.skill=0.5,0.7,,0.9":       `"" is not a number`,
		"months=1:3:1":                 "run one sweep per length with -months N",
		"model.tray_cap=1.5":           "not a whole number",
		"dev.bot=greedy,paced":         "",
		"ops.gatekeeping=freeze,all":   "",
	} {
		_, err := ParseVary(spec)
		if msg == "" {
			assert.NoError(t, err, spec)
			continue
		}
		assert.ErrorContains(t, err, msg, spec)
	}
}

func TestNewPlanChecksEveryCell(t *testing.T) {
	silo, _ := sim.Preset("silo")
	src := []Source{{Name: "silo", Config: silo}}
	seeds := Seeds{1, 2}
	vary := func(specs ...string) []Param {
		var ps []Param
		for _, s := range specs {
			p, err := ParseVary(s)
			require.NoError(t, err)
			ps = append(ps, p)
		}
		return ps
	}
	_, err := NewPlan(src, vary("ops.skill=0.5,1.5"), seeds, Whole)
	assert.ErrorContains(t, err, "-vary ops.skill=0.5,1.5: 1.5 must be a fraction from 0 to 1")
	_, err = NewPlan(src, vary("model.catch_window_s=0.1,0.6"), seeds, Whole)
	assert.ErrorContains(t, err, "cell silo model.catch_window_s=0.6: model.flight_s: must be longer than two catch windows")
	_, err = NewPlan(src, vary("ops.skill=0.7,0.70"), seeds, Whole)
	assert.ErrorContains(t, err, "the same once converted")
	_, err = NewPlan(src, vary("ops.skill=0.7", "ops.skill=0.8"), seeds, Whole)
	assert.ErrorContains(t, err, "given twice")
	_, err = NewPlan(append(src, Source{Name: "silo", File: "silo.toml", Config: silo}), nil, seeds, Whole)
	assert.ErrorContains(t, err, `preset silo and silo.toml are both named "silo"`)
	_, err = NewPlan(nil, nil, seeds, Whole)
	assert.ErrorContains(t, err, "nothing to sweep")

	// A bot set by -vary comes before its parameters, whatever the flags' order.
	p, err := NewPlan(src, vary("dev.interval_s=1", "dev.bot=paced"), seeds, Whole)
	require.NoError(t, err)
	assert.Equal(t, sim.Tick(60), p.Cells[0].Config.DevBot.IntervalTicks)
	assert.Equal(t, "silo dev.interval_s=1 dev.bot=paced", p.CellName(0))
}

func TestParseSeedsAndShards(t *testing.T) {
	s, err := ParseSeeds("1-1000")
	require.NoError(t, err)
	assert.Equal(t, Seeds{1, 1000}, s)
	s, err = ParseSeeds("200")
	require.NoError(t, err)
	assert.Equal(t, Seeds{1, 200}, s)
	for _, bad := range []string{"0", "-3", "5-2", "a-b", "", "1-2-3"} {
		_, err := ParseSeeds(bad)
		assert.Error(t, err, bad)
	}

	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	for _, tc := range []struct {
		spec string
		env  []string
		want Shard
		err  string
	}{
		{"2/4", nil, Shard{2, 4}, ""},
		{"0/4", nil, Shard{}, "K must be from 1 to 4"},
		{"5/4", nil, Shard{}, "K must be from 1 to 4"},
		{"2/0", nil, Shard{}, "N at least 1"},
		{"auto/4", nil, Shard{}, "neither SLURM_ARRAY_TASK_ID nor JOB_COMPLETION_INDEX"},
		{"auto/4", []string{"SLURM_ARRAY_TASK_ID", "3"}, Shard{3, 4}, ""},
		{"auto/4", []string{"SLURM_ARRAY_TASK_ID", "0", "SLURM_ARRAY_TASK_MIN", "0"}, Shard{1, 4}, ""},
		{"auto/4", []string{"SLURM_ARRAY_TASK_ID", "3", "SLURM_ARRAY_TASK_MIN", "0", "SLURM_ARRAY_TASK_COUNT", "4"}, Shard{4, 4}, ""},
		{"auto/4", []string{"SLURM_ARRAY_TASK_ID", "1", "SLURM_ARRAY_TASK_MIN", "1", "SLURM_ARRAY_TASK_COUNT", "8"}, Shard{}, "has 8 tasks, not 4"},
		{"auto/4", []string{"SLURM_ARRAY_TASK_ID", "0"}, Shard{}, "makes shard 0"},
		{"auto/4", []string{"JOB_COMPLETION_INDEX", "0"}, Shard{1, 4}, ""},
		{"auto/4", []string{"JOB_COMPLETION_INDEX", "3"}, Shard{4, 4}, ""},
		{"auto/4", []string{"JOB_COMPLETION_INDEX", "4"}, Shard{}, "must be from 0 to 3"},
	} {
		got, err := ParseShard(tc.spec, env(tc.env...))
		if tc.err != "" {
			assert.ErrorContains(t, err, tc.err, "%s %v", tc.spec, tc.env)
			continue
		}
		require.NoError(t, err, "%s %v", tc.spec, tc.env)
		assert.Equal(t, tc.want, got, "%s %v", tc.spec, tc.env)
	}
}

func TestShardsAreDisjointAndCoverTheSweep(t *testing.T) {
	whole := testPlan(t, "1-7", Whole)
	seen := map[uint64]int{}
	for k := 1; k <= 5; k++ {
		p := testPlan(t, "1-7", Shard{k, 5})
		for i := range p.Count() {
			j := p.Job(i)
			seen[j.Run]++
			assert.Equal(t, whole.Job(j.Run-1), j)
		}
	}
	assert.Len(t, seen, int(whole.Total()))
	for run, n := range seen {
		assert.Equal(t, 1, n, "run %d", run)
	}
}

func TestSummaryIntervals(t *testing.T) {
	var s Stat
	for _, x := range []float64{1, 2, 3, 4, 5} {
		s.Add(x)
	}
	assert.InDelta(t, 3, s.Mean(), 1e-12)
	assert.InDelta(t, 1.5811, s.SD(), 1e-4)
	assert.InDelta(t, 2.776*1.5811/2.2361, s.CI95(), 1e-3, "t(0.975, 4) = 2.776")
	p := testPlan(t, "1-3", Whole)
	_, sum := sweep(t, p, CSV, 2)
	var b bytes.Buffer
	require.NoError(t, sum.Write(&b))
	assert.Contains(t, b.String(), "sre ops.skill=0.9 dev.interval_s=2")
	assert.Contains(t, b.String(), "uptime %")
	assert.Equal(t, len(p.Cells)+2, strings.Count(b.String(), "\n"))
}

func TestFloatsAreWrittenAsJSONWritesThem(t *testing.T) {
	for _, x := range []float64{0, 1, 0.5, 1e-7, 123456789, 1e21, 2.5e-10, 0.9661666666666666} {
		b, _ := json.Marshal(x)
		assert.Equal(t, string(b), formatFloat(x))
	}
}
