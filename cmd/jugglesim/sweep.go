package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"
	"time"

	"devopsjuggle/sim"
	"devopsjuggle/sim/scenario"
	"devopsjuggle/sim/sweep"
)

// listFlag collects a repeated flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, " ") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

const sweepSynopsis = `jugglesim sweep [-presets LIST] [-scenarios LIST] [-seeds FIRST-LAST] [-vary PATH=VALUES]... [-o FILE] [flags]

Plays every preset and scenario, with every combination of the -vary values, for every
seed, and writes one row per round: run (the round's number in the sweep), preset (the
preset's or scenario's name), seed, the varied parameters, then every field of
jugglesim run -json. Rows come in run order whatever -workers is, so the same command
writes the same bytes. A summary per cell (means and 95 % confidence intervals) follows
on stdout, or on stderr when the rows go to stdout.

  -vary ops.skill=0.5,0.7,0.9      a list of values
  -vary dev.interval_s=2:10:2      a range FROM:TO:STEP, TO included when a step lands on it
PATH is any key of a scenario file (jugglesim scenario print lists them all, in the
file's units: seconds, fractions, whole numbers, names).

Interrupted (Ctrl-C, SIGTERM), it leaves whole rows only; the same command with -resume
finishes the file, which is then the same as an uninterrupted run's. For a cluster,
-shard K/N runs every N-th round from the K-th; -shard auto/N reads K from Slurm's
SLURM_ARRAY_TASK_ID (counted from SLURM_ARRAY_TASK_MIN, so --array=0-7 and 1-8 both
work) or from Kubernetes' JOB_COMPLETION_INDEX (from 0). jugglesim merge joins the
shards' files into the bytes of the unsharded sweep.`

// sweepOptions are the flags of jugglesim sweep.
type sweepOptions struct {
	presets, scenarios, seeds, out, format, shard, progress string
	difficulty                                              string
	vary                                                    listFlag
	workers, months                                         int
	resume, summary, tickByTick                             bool
	flush                                                   time.Duration
	// botLog hears the bots that play for their pay (an equilibrium bot solving).
	botLog func(string)
}

func sweepCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o, err := sweepFlags(args, stdout)
	if err != nil {
		return err
	}
	o.botLog = stderrLog(stderr)
	plan, err := sweepPlan(o, false)
	if err != nil {
		return err
	}
	f, err := o.rowFormat()
	if err != nil {
		return err
	}
	sum := sweep.NewSummary(plan)
	out, err := openRows(o, plan, f, sum, stdout, stderr)
	if err != nil {
		return err
	}
	err = sweepPlay(ctx, o, plan, f, sum, nil, out, stderr)
	if cerr := out.close(); err == nil && cerr != nil {
		return fmt.Errorf("-o: %w", cerr)
	}
	if err != nil || !o.summary {
		return err
	}
	if plan.Shard != sweep.Whole {
		fmt.Fprintf(out.summary, "Shard %s: %d of the sweep's %d rounds.\n", plan.Shard, plan.Count(), plan.Total())
	}
	return sum.Write(out.summary)
}

// sweepFlags parses the flags and checks those that need no file.
func sweepFlags(args []string, stdout io.Writer) (*sweepOptions, error) {
	o := &sweepOptions{}
	fs := newFlags("sweep", sweepSynopsis, false)
	fs.StringVar(&o.presets, "presets", "", "comma-separated presets (default: all, unless -scenarios); a preset may swap a bot: silo+ops=cowboy")
	fs.StringVar(&o.scenarios, "scenarios", "", "comma-separated scenario files (TOML)")
	difficultyFlag(fs, &o.difficulty)
	fs.StringVar(&o.seeds, "seeds", "1-100", fmt.Sprintf("the seeds of each cell: FIRST-LAST, or N for 1-N; at most %d seeds", maxSweepSeeds))
	fs.Var(&o.vary, "vary", "`PATH=VALUES` to vary, repeatable: ops.skill=0.5,0.7,0.9 or dev.interval_s=2:10:2")
	fs.IntVar(&o.months, "months", 0, fmt.Sprintf("the rounds' length in months, 1 to %d (default: the scenario's, or 6 for a preset)", sim.MonthsLimit))
	fs.StringVar(&o.out, "o", "-", "the rows' `FILE`: .csv or .jsonl; - for stdout (CSV)")
	fs.StringVar(&o.format, "format", "", "csv or jsonl, instead of the one -o's extension names")
	fs.IntVar(&o.workers, "workers", runtime.GOMAXPROCS(0), workersDoc())
	fs.StringVar(&o.shard, "shard", "1/1", "run only shard `K/N` (K from 1), or auto/N from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX")
	fs.BoolVar(&o.resume, "resume", false, "finish the -o file of an interrupted run of the same command")
	fs.StringVar(&o.progress, "progress", "auto", "the progress bar on stderr: auto (on a terminal), on or off")
	fs.BoolVar(&o.summary, "summary", true, "print the summary table per cell at the end")
	fs.DurationVar(&o.flush, "flush", time.Second, "write rows to -o at least this often (0: every row); rows always go out whole")
	fs.BoolVar(&o.tickByTick, "tick-by-tick", false, "step the model at every tick instead of jumping over quiet ones (the same rows, slower)")
	if err := fs.parse(args, stdout); err != nil {
		return nil, err
	}
	if err := checkRunFlags(fs, o.workers, o.months, o.progress, o.flush); err != nil {
		return nil, err
	}
	if o.resume && o.out == "-" {
		return nil, usagef("-resume needs an -o file")
	}
	return o, nil
}

// rowFormat is the rows' format: -format's, else the one -o's extension names.
func (o *sweepOptions) rowFormat() (sweep.Format, error) {
	if o.format != "" {
		f, err := sweep.ParseFormat(o.format)
		if err != nil {
			return f, usageError{err}
		}
		return f, nil
	}
	f, err := sweep.FormatFor(o.out)
	if err != nil {
		return f, usagef("-o %v (or give -format)", err)
	}
	return f, nil
}

// rowsOut is where a sweep's rows go: the -o file or stdout, with the rows a -resume
// found there already, and where the summary goes.
type rowsOut struct {
	w       io.Writer
	file    *os.File // nil for stdout
	from    uint64
	summary io.Writer
	where   string // for messages: the file, or stdout
}

// openRows opens the rows' output and writes the header, or, with -resume, checks the
// rows already there (adding them to sum) and finds where to go on.
func openRows(o *sweepOptions, plan *sweep.Plan, f sweep.Format, sum *sweep.Summary, stdout, stderr io.Writer) (*rowsOut, error) {
	return openRowsWith(o, plan, f, sum, nil, stdout, stderr)
}

// openRowsWith is openRows that hands the rows a -resume finds to rows (sweep.ResumeRows).
func openRowsWith(o *sweepOptions, plan *sweep.Plan, f sweep.Format, sum *sweep.Summary, rows func(sweep.Job, *sim.Result) error, stdout, stderr io.Writer) (*rowsOut, error) {
	if o.out == "-" {
		if err := plan.Start(stdout, f); err != nil {
			return nil, err
		}
		return &rowsOut{w: stdout, summary: stderr, where: "stdout"}, nil
	}
	flags := os.O_RDWR | os.O_CREATE | os.O_TRUNC
	if o.resume {
		flags = os.O_RDWR | os.O_CREATE
	}
	file, err := os.OpenFile(o.out, flags, 0o644)
	if err != nil {
		return nil, fmt.Errorf("-o: %w", err)
	}
	out := &rowsOut{w: file, file: file, summary: stdout, where: o.out}
	if o.resume {
		if out.from, err = plan.ResumeRows(file, f, sum, rows); err != nil {
			file.Close()
			return nil, usageError{err}
		}
	} else if err := plan.Start(file, f); err != nil {
		file.Close()
		return nil, err
	}
	return out, nil
}

// close closes the -o file: its error is the last write's.
func (r *rowsOut) close() error {
	if r.file == nil {
		return nil
	}
	return r.file.Close()
}

// sweepPlay plays the rounds left, with the progress bar, and turns an interruption
// into its message and exit status.
func sweepPlay(ctx context.Context, o *sweepOptions, plan *sweep.Plan, f sweep.Format, sum *sweep.Summary, rows func(sweep.Job, *sim.Result), out *rowsOut, stderr io.Writer) error {
	bar := newProgress(stderr, o.progress, plan.Count(), out.from)
	opt := sweep.Options{Format: f, From: out.from, Summary: sum, Rows: rows, Workers: o.workers, Progress: bar.update, FlushEvery: o.flush, TickByTick: o.tickByTick}
	if o.flush <= 0 {
		opt.FlushBytes = 1 // every row
	}
	done, err := plan.Run(ctx, out.w, opt)
	bar.finish()
	if err != nil && ctx.Err() != nil && done < plan.Count() {
		return interrupted{fmt.Errorf("interrupted after %d of %d rounds (%v): %s holds them, whole rows only; run the same command with -resume to finish",
			done, plan.Count(), context.Cause(ctx), out.where), context.Cause(ctx)}
	}
	return err
}

// interrupted is a sweep stopped by a signal: exit status 128 + the signal's number, as
// a shell reports it (130 for Ctrl-C, 143 for SIGTERM).
type interrupted struct {
	error
	cause error
}

// ExitCode returns the exit status.
func (e interrupted) ExitCode() int {
	if e.cause != nil {
		switch s := e.cause.Error(); {
		case strings.HasPrefix(s, "interrupt"):
			return 130
		case strings.HasPrefix(s, "terminated"):
			return 143
		}
	}
	return 1
}

// sweepPlan builds and checks the plan before any file is touched: a sweep's, or a
// game's (jugglesim equilibrium: every pair of the sources' strategies).
func sweepPlan(o *sweepOptions, games bool) (*sweep.Plan, error) {
	var sources []sweep.Source
	presets := o.presets
	if presets == "" && o.scenarios == "" {
		presets = strings.Join(sim.PresetNames(), ",")
	}
	months := 6
	if o.months != 0 {
		months = o.months
	}
	for _, spec := range splitList(presets) {
		cfg, err := variant(spec, months, overrides{difficulty: o.difficulty})
		if err != nil {
			return nil, err
		}
		sources = append(sources, sweep.Source{Name: cfg.Name, Config: cfg, Strategies: scenario.DefaultGrids()})
	}
	for _, path := range splitList(o.scenarios) {
		s, err := scenario.Load(path)
		if err != nil {
			return nil, usageError{err}
		}
		cfg, err := override(s.Config, overrides{difficulty: o.difficulty}, o.months, o.months != 0)
		if err != nil {
			return nil, err
		}
		sources = append(sources, sweep.Source{Name: cfg.Name, File: path, Config: cfg, Strategies: s.Strategies})
	}
	var params []sweep.Param
	for _, spec := range o.vary {
		p, err := sweep.ParseVary(spec)
		if err != nil {
			return nil, usageError{err}
		}
		params = append(params, p)
	}
	seeds, err := sweep.ParseSeeds(o.seeds)
	if err != nil {
		return nil, usageError{err}
	}
	if seeds.Last-seeds.First >= maxSweepSeeds { // the count itself may not fit in 64 bits
		return nil, usagef("-seeds %s: more than the %d seeds a sweep plays per cell", o.seeds, maxSweepSeeds)
	}
	shard, err := sweep.ParseShard(o.shard, os.Getenv)
	if err != nil {
		return nil, usageError{err}
	}
	newPlan := sweep.NewPlan
	if games {
		newPlan = sweep.NewGamePlan
	}
	plan, err := newPlan(sources, params, seeds, shard)
	if err != nil {
		return nil, usageError{err}
	}
	plan.BotLog = o.botLog
	return plan, nil
}

// stderrLog prints notes, a line each, on stderr (between the progress bar's redraws).
func stderrLog(stderr io.Writer) func(string) {
	var mu sync.Mutex
	return func(s string) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(stderr, "\njugglesim: %s\n", s)
	}
}

func splitList(s string) []string {
	var out []string
	for _, x := range strings.Split(s, ",") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}
