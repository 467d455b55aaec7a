package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"runtime"
	"strings"
	"sync"

	"devopsjuggle/sim"
	"devopsjuggle/sim/bot"
)

func init() {
	register(command{"compare", "play presets over many seeds and print a table of means and spreads", compareCmd})
}

// metric is one column of the comparison.
type metric struct {
	name  string
	unit  string
	value func(r *sim.Result) float64
}

var compareMetrics = []metric{
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

func compareCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("compare", "jugglesim compare [-presets LIST] [-seeds N] [-months N] [-format markdown|csv|json]", false)
	presets := fs.String("presets", strings.Join(sim.PresetNames(), ","),
		"comma-separated presets; a preset may swap a bot: silo+ops=cowboy, devops+dev=greedy")
	seeds := fs.Int("seeds", 200, "play seeds 1 to N of each preset")
	months := fs.Int("months", 6, "the length of each round in months")
	format := fs.String("format", "markdown", "the table's format: markdown, csv or json")
	workers := fs.Int("workers", runtime.NumCPU(), "rounds played at once")
	if err := fs.parse(args, stdout); err != nil {
		return err
	}
	if *seeds < 1 {
		return usagef("-seeds %d: must be at least 1", *seeds)
	}
	if *workers < 1 {
		return usagef("-workers %d: must be at least 1", *workers)
	}
	if *format != "markdown" && *format != "csv" && *format != "json" {
		return usagef("-format %q: must be markdown, csv or json", *format)
	}
	var cfgs []sim.Config
	for _, spec := range strings.Split(*presets, ",") {
		cfg, err := variant(strings.TrimSpace(spec), *months)
		if err != nil {
			return err
		}
		cfgs = append(cfgs, cfg)
	}

	// results[c][s] is config c played with seed s+1; the table does not depend on the
	// number of workers.
	results := make([][]sim.Result, len(cfgs))
	for c := range cfgs {
		results[c] = make([]sim.Result, *seeds)
	}
	jobs := make(chan [2]int)
	var wg sync.WaitGroup
	for range *workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				results[j[0]][j[1]] = bot.Play(cfgs[j[0]], uint64(j[1]+1))
			}
		}()
	}
feed:
	for c := range cfgs {
		for s := range *seeds {
			select {
			case jobs <- [2]int{c, s}:
			case <-ctx.Done():
				break feed
			}
		}
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("interrupted: %w", err)
	}

	rows := make([][]stat, len(cfgs))
	for c := range cfgs {
		rows[c] = make([]stat, len(compareMetrics))
		xs := make([]float64, *seeds)
		for m, mt := range compareMetrics {
			for s := range results[c] {
				xs[s] = mt.value(&results[c][s])
			}
			rows[c][m] = summarise(xs)
		}
	}
	switch *format {
	case "csv":
		return compareCSV(stdout, cfgs, rows)
	case "json":
		return compareJSON(stdout, cfgs, rows, *seeds, *months)
	}
	return compareMarkdown(stdout, cfgs, rows, *seeds, *months)
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
