package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"devopsjuggle/sim"
	"devopsjuggle/sim/bot"
	"devopsjuggle/sim/strategy"
)

// metric is one column of the comparison.
type metric struct {
	name  string
	unit  string
	value func(r *sim.Result) float64
}

var compareMetrics = [...]metric{
	{"features shipped", "", func(r *sim.Result) float64 { return float64(r.Shipped) }},
	{"uptime", "%", func(r *sim.Result) float64 { return 100 * r.Uptime }},
	{"dev pay", "$", func(r *sim.Result) float64 { return float64(r.DevPay) }},
	{"ops pay", "$", func(r *sim.Result) float64 { return float64(r.OpsPay) }},
	{"drops", "", func(r *sim.Result) float64 { return float64(r.Drops) }},
	{"rollbacks", "", func(r *sim.Result) float64 { return float64(r.Rollbacks) }},
	{"fully down", "h", func(r *sim.Result) float64 { return r.DowntimeHours }},
	{"MTTD", "d", func(r *sim.Result) float64 { return r.MTTDs }},
	{"deploys", "/month", func(r *sim.Result) float64 { return r.DeploysPerMonth }},
	{"change failure", "%", func(r *sim.Result) float64 { return 100 * r.ChangeFailureRate }},
	// Added with rules version 3, after the others so that scripts keep their columns:
	// the lecture's "working features" (shipped x uptime) and the share of the balls
	// that reached a hand that were caught.
	{"working features", "", func(r *sim.Result) float64 { return float64(r.Shipped) * r.Uptime }},
	{"caught", "%", func(r *sim.Result) float64 { return 100 * catchRate(r) }},
}

// catchRate is the share of the balls that reached a hand that were caught: 1 when none
// did.
func catchRate(r *sim.Result) float64 {
	if n := r.Catches + r.Misses; n > 0 {
		return float64(r.Catches) / float64(n)
	}
	return 1
}

// figures are a round's value of every metric: what compare keeps of a round.
type figures [len(compareMetrics)]float64

func figuresOf(r *sim.Result) figures {
	var f figures
	for m, mt := range compareMetrics {
		f[m] = mt.value(r)
	}
	return f
}

// stat is the mean and standard deviation of a metric over seeds.
type stat struct {
	Mean float64 `json:"mean"`
	SD   float64 `json:"sd"`
}

func summarise(xs []float64) stat {
	var m float64
	for _, x := range xs {
		m += x
	}
	m /= float64(len(xs))
	var v float64
	for _, x := range xs {
		v += (x - m) * (x - m)
	}
	if len(xs) > 1 {
		v /= float64(len(xs) - 1)
	}
	return stat{m, math.Sqrt(v)}
}

// compareOptions are the flags of jugglesim compare.
type compareOptions struct {
	presets, format string
	seeds, months   int
	workers         int
	overrides
}

func compareCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o, cfgs, err := compareFlags(args, stdout)
	if err != nil {
		return err
	}
	results, err := comparePlay(ctx, cfgs, o)
	if err != nil {
		return err
	}
	rows := make([][]stat, len(cfgs))
	for c := range cfgs {
		rows[c] = make([]stat, len(compareMetrics))
		xs := make([]float64, o.seeds)
		for m := range compareMetrics {
			for s := range results[c] {
				xs[s] = results[c][s][m]
			}
			rows[c][m] = summarise(xs)
		}
	}
	switch o.format {
	case "csv":
		return compareCSV(stdout, cfgs, rows)
	case "json":
		return compareJSON(stdout, cfgs, rows, o.seeds, o.months)
	}
	return compareMarkdown(stdout, cfgs, rows, o.seeds, o.months)
}

// seedCount is compare's -seeds: a count, where sweep's -seeds is a range, which people
// type here too ("1-5": flag's own error said only "parse error").
type seedCount int

func (n *seedCount) String() string { return strconv.Itoa(int(*n)) }

func (n *seedCount) Set(s string) error {
	v, err := strconv.Atoi(s)
	if errors.Is(err, strconv.ErrRange) {
		return errors.New("value out of range")
	}
	if err != nil {
		return fmt.Errorf("compare plays seeds 1 to N: give N, such as 200 (sweep takes a range of seeds, such as 1-200)")
	}
	*n = seedCount(v)
	return nil
}

// compareFlags parses and checks the flags, and returns the configs to play.
func compareFlags(args []string, stdout io.Writer) (compareOptions, []sim.Config, error) {
	var o compareOptions
	fs := newFlags("compare", "jugglesim compare [-presets LIST] [-seeds N] [-months N] [-dev BOT] [-ops BOT] [-difficulty LEVEL] [-format markdown|csv|json] [-workers N]", false)
	fs.StringVar(&o.presets, "presets", strings.Join(sim.PresetNames(), ","),
		"comma-separated presets; a preset may swap a bot or set a difficulty: silo+ops=cowboy, devops+dev=greedy, sre+difficulty=easy")
	fs.StringVar(&o.dev, "dev", "", "the dev bot of every preset, instead of its own (a preset's +dev= wins), as NAME or bot:NAME: "+strategy.BotNamesHelp(sim.Dev))
	fs.StringVar(&o.ops, "ops", "", "the ops bot of every preset, instead of its own (a preset's +ops= wins), as NAME or bot:NAME: "+strategy.BotNamesHelp(sim.Ops))
	difficultyFlag(fs, &o.difficulty)
	o.seeds = 200
	fs.Var((*seedCount)(&o.seeds), "seeds", fmt.Sprintf("play seeds 1 to `N` of each preset; presets x N at most %d rounds (use sweep for more)", maxCompareRounds))
	fs.IntVar(&o.months, "months", 6, fmt.Sprintf("the length of each round in months, 1 to %d", sim.MonthsLimit))
	fs.StringVar(&o.format, "format", "markdown", "the table's format: markdown, csv or json")
	fs.IntVar(&o.workers, "workers", runtime.GOMAXPROCS(0), workersDoc())
	if err := fs.parse(args, stdout); err != nil {
		return o, nil, err
	}
	if o.seeds < 1 {
		return o, nil, usagef("-seeds %d: must be at least 1", o.seeds)
	}
	if err := checkWorkers(o.workers); err != nil {
		return o, nil, err
	}
	if o.format != "markdown" && o.format != "csv" && o.format != "json" {
		return o, nil, usagef("-format %q: must be markdown, csv or json", o.format)
	}
	var cfgs []sim.Config
	for _, spec := range strings.Split(o.presets, ",") {
		cfg, err := variant(strings.TrimSpace(spec), o.months, o.overrides)
		if err != nil {
			return o, nil, err
		}
		cfgs = append(cfgs, cfg)
	}
	if o.seeds > maxCompareRounds/len(cfgs) {
		return o, nil, usagef("-seeds %d: %d presets x %d seeds is more than the %d rounds compare holds in memory; jugglesim sweep streams any number",
			o.seeds, len(cfgs), o.seeds, maxCompareRounds)
	}
	return o, cfgs, nil
}

// comparePlay plays every config over seeds 1 to o.seeds: results[c][s] is config c with
// seed s+1, so the table does not depend on the number of workers. Cancelled, it stops
// handing out rounds, lets the workers finish the one each is playing (at most
// workersPerCore rounds per core) and returns.
func comparePlay(ctx context.Context, cfgs []sim.Config, o compareOptions) ([][]figures, error) {
	results := make([][]figures, len(cfgs))
	for c := range cfgs {
		results[c] = make([]figures, o.seeds)
	}
	jobs := make(chan [2]int)
	var wg sync.WaitGroup
	for range o.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				r := bot.Play(cfgs[j[0]], uint64(j[1]+1))
				results[j[0]][j[1]] = figuresOf(&r)
			}
		}()
	}
feed:
	for c := range cfgs {
		for s := range o.seeds {
			select {
			case jobs <- [2]int{c, s}:
			case <-ctx.Done():
				break feed
			}
		}
	}
	close(jobs)
	wg.Wait()
	if ctx.Err() != nil {
		cause := context.Cause(ctx)
		return nil, interrupted{fmt.Errorf("interrupted (%v) before the table was complete", cause), cause}
	}
	return results, nil
}

func compareMarkdown(w io.Writer, cfgs []sim.Config, rows [][]stat, seeds, months int) error {
	if seeds == 1 {
		fmt.Fprintf(w, "Seed 1 (one round each: no spread), %d-month rounds, rules version %s.\n\n", months, sim.RulesVersion)
	} else {
		fmt.Fprintf(w, "Means ± standard deviations over seeds 1-%d, %d-month rounds, rules version %s.\n\n", seeds, months, sim.RulesVersion)
	}
	fmt.Fprint(w, "| preset |")
	for _, m := range compareMetrics {
		if m.unit != "" {
			fmt.Fprintf(w, " %s (%s) |", m.name, m.unit)
		} else {
			fmt.Fprintf(w, " %s |", m.name)
		}
	}
	fmt.Fprint(w, "\n|---|")
	for range compareMetrics {
		fmt.Fprint(w, "---:|")
	}
	fmt.Fprintln(w)
	for c, cfg := range cfgs {
		fmt.Fprintf(w, "| %s |", cfg.Name)
		for _, s := range rows[c] {
			if seeds == 1 {
				fmt.Fprintf(w, " %s |", num(s.Mean))
			} else {
				fmt.Fprintf(w, " %s ± %s |", num(s.Mean), num(s.SD))
			}
		}
		fmt.Fprintln(w)
	}
	return nil
}

// num prints a mean or spread with three significant digits at most.
func num(x float64) string {
	switch a := math.Abs(x); {
	case a >= 100:
		return fmt.Sprintf("%.0f", x)
	case a >= 10:
		return fmt.Sprintf("%.1f", x)
	}
	return fmt.Sprintf("%.2f", x)
}

func compareCSV(w io.Writer, cfgs []sim.Config, rows [][]stat) error {
	fmt.Fprint(w, "preset")
	for _, m := range compareMetrics {
		key := strings.ReplaceAll(m.name, " ", "_")
		fmt.Fprintf(w, ",%s_mean,%s_sd", key, key)
	}
	fmt.Fprintln(w)
	for c, cfg := range cfgs {
		fmt.Fprint(w, cfg.Name)
		for _, s := range rows[c] {
			fmt.Fprintf(w, ",%g,%g", s.Mean, s.SD)
		}
		fmt.Fprintln(w)
	}
	return nil
}

func compareJSON(w io.Writer, cfgs []sim.Config, rows [][]stat, seeds, months int) error {
	type row struct {
		Preset  string          `json:"preset"`
		Metrics map[string]stat `json:"metrics"`
	}
	out := struct {
		Seeds        int    `json:"seeds"`
		Months       int    `json:"months"`
		RulesVersion string `json:"rules_version"`
		Rows         []row  `json:"rows"`
	}{seeds, months, sim.RulesVersion, nil}
	for c, cfg := range cfgs {
		r := row{Preset: cfg.Name, Metrics: map[string]stat{}}
		for m, mt := range compareMetrics {
			r.Metrics[mt.name] = rows[c][m]
		}
		out.Rows = append(out.Rows, r)
	}
	return json.NewEncoder(w).Encode(out)
}
