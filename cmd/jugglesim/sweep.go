package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"time"

	"devopsjuggle/sim"
	"devopsjuggle/sim/scenario"
	"devopsjuggle/sim/sweep"
)

func init() {
	register(command{"sweep", "play presets and scenarios x seeds x parameter values, one row per round (CSV or JSONL)", sweepCmd})
}

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
  -vary dev.interval_s=2:10:2      a range FROM:TO:STEP, TO included
PATH is any key of a scenario file (jugglesim scenario print lists them all, in the
file's units: seconds, fractions, whole numbers, names).

Interrupted (Ctrl-C, SIGTERM), it leaves whole rows only; the same command with -resume
finishes the file, which is then the same as an uninterrupted run's. For a cluster,
-shard K/N runs every N-th round from the K-th; -shard auto/N reads K from Slurm's
SLURM_ARRAY_TASK_ID (counted from SLURM_ARRAY_TASK_MIN, so --array=0-7 and 1-8 both
work) or from Kubernetes' JOB_COMPLETION_INDEX (from 0). jugglesim merge joins the
shards' files into the bytes of the unsharded sweep.`

type sweepOptions struct {
	presets, scenarios, seeds, out, format, shard, progress string
	vary                                                    listFlag
	workers, months                                         int
	resume, summary, tickByTick                             bool
	flush                                                   time.Duration
}

func sweepCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o sweepOptions
	fs := newFlags("sweep", sweepSynopsis, false)
	fs.StringVar(&o.presets, "presets", "", "comma-separated presets (default: all, unless -scenarios); a preset may swap a bot: silo+ops=cowboy")
	fs.StringVar(&o.scenarios, "scenarios", "", "comma-separated scenario files (TOML)")
	fs.StringVar(&o.seeds, "seeds", "1-100", "the seeds of each cell: FIRST-LAST, or N for 1-N")
	fs.Var(&o.vary, "vary", "`PATH=VALUES` to vary, repeatable: ops.skill=0.5,0.7,0.9 or dev.interval_s=2:10:2")
	fs.IntVar(&o.months, "months", 0, "the rounds' length in months (default: the scenario's, or 6 for a preset)")
	fs.StringVar(&o.out, "o", "-", "the rows' `FILE`: .csv or .jsonl; - for stdout (CSV)")
	fs.StringVar(&o.format, "format", "", "csv or jsonl, instead of the one -o's extension names")
	fs.IntVar(&o.workers, "workers", runtime.GOMAXPROCS(0), "rounds played at once")
	fs.StringVar(&o.shard, "shard", "1/1", "run only shard `K/N` (K from 1), or auto/N from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX")
	fs.BoolVar(&o.resume, "resume", false, "finish the -o file of an interrupted run of the same command")
	fs.StringVar(&o.progress, "progress", "auto", "the progress bar on stderr: auto (on a terminal), on or off")
	fs.BoolVar(&o.summary, "summary", true, "print the summary table per cell at the end")
	fs.DurationVar(&o.flush, "flush", time.Second, "write rows to -o at least this often (0: every row); rows always go out whole")
	fs.BoolVar(&o.tickByTick, "tick-by-tick", false, "step the model at every tick instead of jumping over quiet ones (the same rows, slower)")
	if err := fs.parse(args, stdout); err != nil {
		return err
	}
	if o.workers < 1 {
		return usagef("-workers %d: must be at least 1", o.workers)
	}
	if fs.isSet("months") && (o.months < 1 || o.months > sim.MonthsLimit) {
		return usagef("-months %d: must be in [1, %d]", o.months, sim.MonthsLimit)
	}
	if o.progress != "auto" && o.progress != "on" && o.progress != "off" {
		return usagef("-progress %q: must be auto, on or off", o.progress)
	}
	plan, err := sweepPlan(&o)
	if err != nil {
		return err
	}
	var f sweep.Format
	if o.format != "" {
		if f, err = sweep.ParseFormat(o.format); err != nil {
			return usageError{err}
		}
	} else if f, err = sweep.FormatFor(o.out); err != nil {
		return usagef("-o %v (or give -format)", err)
	}

	// The output: rows go to the file as they come, whole rows per write.
	var out io.Writer = stdout
	summaryTo := stdout
	sum := sweep.NewSummary(plan)
	var from uint64
	if o.out == "-" {
		if o.resume {
			return usagef("-resume needs an -o file")
		}
		summaryTo = stderr
		if err := plan.Start(stdout, f); err != nil {
			return err
		}
	} else {
		flags := os.O_RDWR | os.O_CREATE | os.O_TRUNC
		if o.resume {
			flags = os.O_RDWR | os.O_CREATE
		}
		file, err := os.OpenFile(o.out, flags, 0o644)
		if err != nil {
			return fmt.Errorf("-o: %w", err)
		}
		defer file.Close()
		if o.resume {
			if from, err = plan.Resume(file, f, sum); err != nil {
				return usageError{err}
			}
		} else if err := plan.Start(file, f); err != nil {
			return err
		}
		out = file
	}

	bar := newProgress(stderr, o.progress, plan.Count(), from)
	opt := sweep.Options{Format: f, From: from, Summary: sum, Workers: o.workers, Progress: bar.update, FlushEvery: o.flush, TickByTick: o.tickByTick}
	if o.flush <= 0 {
		opt.FlushBytes = 1 // every row
	}
	done, err := plan.Run(ctx, out, opt)
	bar.finish()
	if err != nil {
		if ctx.Err() != nil && done < plan.Count() {
			where := "stdout"
			if o.out != "-" {
				where = o.out
			}
			return interrupted{fmt.Errorf("interrupted after %d of %d rounds (%v): %s holds them, whole rows only; run the same command with -resume to finish",
				done, plan.Count(), context.Cause(ctx), where), context.Cause(ctx)}
		}
		return err
	}
	if o.summary {
		if plan.Shard != sweep.Whole {
			fmt.Fprintf(summaryTo, "Shard %s: %d of the sweep's %d rounds.\n", plan.Shard, plan.Count(), plan.Total())
		}
		return sum.Write(summaryTo)
	}
	return nil
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

// sweepPlan builds and checks the plan before any file is touched.
func sweepPlan(o *sweepOptions) (*sweep.Plan, error) {
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
		cfg, err := variant(spec, months)
		if err != nil {
			return nil, err
		}
		sources = append(sources, sweep.Source{Name: cfg.Name, Config: cfg})
	}
	for _, path := range splitList(o.scenarios) {
		s, err := scenario.Load(path)
		if err != nil {
			return nil, usageError{err}
		}
		cfg := s.Config
		if o.months != 0 {
			cfg.Months = o.months
		}
		sources = append(sources, sweep.Source{Name: cfg.Name, File: path, Config: cfg})
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
	shard, err := sweep.ParseShard(o.shard, os.Getenv)
	if err != nil {
		return nil, usageError{err}
	}
	plan, err := sweep.NewPlan(sources, params, seeds, shard)
	if err != nil {
		return nil, usageError{err}
	}
	return plan, nil
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
