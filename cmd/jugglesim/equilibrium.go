package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"

	"devopsjuggle/sim"
	"devopsjuggle/sim/equilibrium"
	"devopsjuggle/sim/sweep"
)

const equilibriumSynopsis = `jugglesim equilibrium [-presets LIST] [-scenarios LIST] [-seeds FIRST-LAST] [-vary PATH=VALUES]... [flags]

What would self-interested dev and ops do under a pay scheme? For every preset and
scenario (and every combination of the -vary values: a cell), plays every pair of a dev
strategy and an ops strategy over the same seeds (common random numbers), builds the
game's payoff table (each role's mean pay) and solves it: its pure equilibria, the
path of best responses from the preset's own scripted bots, the equilibrium they lead
to (the one the equilibrium bot plays and the objective scores), each profile's regret
in dollars with its 95 % interval, and how much the scripted bots leave on the table.

A deviation counts only when it gains more than its 95 % interval (the paired per-seed
gains, Student's t): smaller gains are ties within the noise of the seeds.

The strategies are each role's strategy space (jugglesim scenario print shows the
default axes; a scenario's [dev.strategies] and [ops.strategies] narrow or widen them).
The rounds are a sweep with two more dimensions (dev_strategy and ops_strategy columns):
-o keeps them, -workers, -shard K/N with jugglesim merge, Ctrl-C and -resume work as
for jugglesim sweep, and every output is the same bytes for any number of workers. After
merging shards, the same command with -o MERGED.csv -resume solves from the rows
without playing a round.

  -vary dev.pay.per_feature=0:200:25   re-solve the game for each pay (an incentive
                                       sweep); -cells writes one row per cell
  -objective value|profit              score each cell's equilibrium and name the best

value is features shipped x uptime. profit is the company's: -feature-value dollars per
feature shipped, minus -downtime-cost dollars per hour of lost availability ((1 - uptime)
x the round's hours: a month is 30 days), minus dev's and ops' pay. A cell with several
equilibria is scored by the one best responses lead to from the scripted pair (the
played equilibrium); the table and -cells also give the worst and the best of its
equilibria.`

// equilibriumOptions are the flags of jugglesim equilibrium: sweep's, and its outputs.
type equilibriumOptions struct {
	sweepOptions
	matrix, nfg, cells string
	json               bool
	obj                objective
}

func equilibriumCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o, err := equilibriumFlags(args, stdout)
	if err != nil {
		return err
	}
	plan, err := sweepPlan(&o.sweepOptions, true)
	if err != nil {
		return err
	}
	if err := checkGamePlan(o, plan); err != nil {
		return err
	}
	if err := checkOutputDirs(o); err != nil {
		return err
	}
	g := newGames(plan)
	if err := equilibriumPlay(ctx, o, plan, g, stdout, stderr); err != nil {
		return err
	}
	if plan.Shard != sweep.Whole {
		_, err := fmt.Fprintf(stdout, "Shard %s: %d of the game's %d rounds, in %s. Merge the shards' files (jugglesim merge -o all.csv ...), then run this command without -shard, with -o all.csv -resume, to solve the games.\n",
			plan.Shard, plan.Count(), plan.Total(), o.out)
		return err
	}
	solved, err := g.solve(o.obj)
	if err != nil {
		return err
	}
	if err := writeOutputs(g.outputs(o, solved)...); err != nil {
		return err
	}
	if o.json {
		return writeGamesJSON(stdout, plan, solved, o.obj)
	}
	return writeGames(stdout, plan, solved, o.obj)
}

// equilibriumFlags parses the flags and checks those that need no file.
func equilibriumFlags(args []string, stdout io.Writer) (*equilibriumOptions, error) {
	o := &equilibriumOptions{}
	fs := newFlags("equilibrium", equilibriumSynopsis, false)
	fs.StringVar(&o.presets, "presets", "", "comma-separated presets (default: all, unless -scenarios)")
	fs.StringVar(&o.scenarios, "scenarios", "", "comma-separated scenario files (TOML), with their [dev.strategies] and [ops.strategies]")
	fs.StringVar(&o.seeds, "seeds", "1-200", fmt.Sprintf("the seeds every pair of strategies plays: FIRST-LAST, or N for 1-N; at most %d", maxGameSeeds))
	fs.Var(&o.vary, "vary", "`PATH=VALUES` to vary, repeatable, as for sweep: pay, practices, the model and ops.skill (the bots' strategies are what is solved)")
	fs.IntVar(&o.months, "months", 0, fmt.Sprintf("the rounds' length in months, 1 to %d (default: the scenario's, or 6 for a preset)", sim.MonthsLimit))
	fs.StringVar(&o.out, "o", "", "keep the rounds' rows in `FILE` (.csv or .jsonl), one per round as sweep writes them, with dev_strategy and ops_strategy; needed for -shard and -resume")
	fs.StringVar(&o.format, "format", "", "csv or jsonl, instead of the one -o's extension names")
	fs.IntVar(&o.workers, "workers", runtime.GOMAXPROCS(0), workersDoc())
	fs.StringVar(&o.shard, "shard", "1/1", "play only shard `K/N` of the rounds (K from 1), or auto/N as for sweep; needs -o")
	fs.BoolVar(&o.resume, "resume", false, "finish the -o file of an interrupted run of the same command (or solve from a finished or merged one)")
	fs.StringVar(&o.progress, "progress", "auto", "the progress bar on stderr: auto (on a terminal), on or off")
	fs.DurationVar(&o.flush, "flush", time.Second, "write rows to -o at least this often (0: every row)")
	fs.StringVar(&o.matrix, "matrix", "", "write the payoff table to `FILE` (CSV): one row per pair of strategies and cell, with means, intervals and regrets")
	fs.StringVar(&o.nfg, "nfg", "", "write each cell's game to `FILE` in Gambit's .nfg format (several cells: FILE-1.nfg, FILE-2.nfg...)")
	fs.StringVar(&o.cells, "cells", "", "write one row per cell to `FILE` (CSV, or JSON Lines if it ends in .jsonl): the played equilibrium's strategies and outcomes, and the objective (jugglesim plot draws it)")
	fs.BoolVar(&o.json, "json", false, "print one JSON object per cell instead of the table")
	obj := fs.String("objective", "value", "what a manager wants of a cell's equilibrium: value (features x uptime) or profit")
	fs.Float64Var(&o.obj.featureValue, "feature-value", 500, "for -objective profit: what a shipped feature is worth to the company, in dollars")
	fs.Float64Var(&o.obj.downtimeCost, "downtime-cost", 10, "for -objective profit: what an hour of lost availability costs the company, in dollars")
	if err := fs.parse(args, stdout); err != nil {
		return nil, err
	}
	if err := checkRunFlags(fs, o.workers, o.months, o.progress, o.flush); err != nil {
		return nil, err
	}
	if o.resume && o.out == "" {
		return nil, usagef("-resume needs the -o file of the run to finish")
	}
	if o.out == "-" {
		return nil, usagef("-o -: the rows go to a file; stdout has the solution")
	}
	var err error
	if o.obj, err = parseObjective(*obj, o.obj); err != nil {
		return nil, err
	}
	if (fs.isSet("feature-value") || fs.isSet("downtime-cost")) && o.obj.name != "profit" {
		return nil, usagef("-feature-value and -downtime-cost are for -objective profit")
	}
	for _, f := range []struct{ flag, path string }{{"-matrix", o.matrix}, {"-nfg", o.nfg}, {"-cells", o.cells}} {
		if f.path == "-" {
			return nil, usagef("%s -: it writes a file; stdout has the solution", f.flag)
		}
	}
	o.summary = false
	return o, nil
}

// checkGamePlan refuses what cannot be a game: -vary of a bot's choices (the solver
// chooses them), too many rounds to hold, a shard or a resume without a file.
func checkGamePlan(o *equilibriumOptions, plan *sweep.Plan) error {
	for _, p := range plan.Params {
		path := p.Field.Path
		if (strings.HasPrefix(path, "dev.") || strings.HasPrefix(path, "ops.")) && !strings.Contains(path, ".pay.") && path != "ops.skill" {
			return usagef("-vary %s: the bots' strategies are what the game solves; vary pay, practices, the model or ops.skill, and narrow or widen the strategies in a scenario's [dev.strategies] and [ops.strategies]", path)
		}
	}
	if plan.Seeds.Count() > maxGameSeeds {
		return usagef("-seeds %s: more than the %d seeds a game holds per pair", o.seeds, maxGameSeeds)
	}
	if plan.Total() > maxGameRounds {
		return usagef("%d rounds (%d cells, %d pairs of strategies, %d seeds): more than the %d a run holds in memory; use fewer seeds, cells or strategies",
			plan.Total(), len(plan.Games), len(plan.Cells), plan.Seeds.Count(), maxGameRounds)
	}
	if plan.Shard != sweep.Whole && o.out == "" {
		return usagef("-shard %s needs -o: a shard's rounds are merged from its file", plan.Shard)
	}
	return nil
}

// checkOutputDirs refuses, before a round is played, an output file whose folder is
// missing: the files are written only once every round has been played and solved.
func checkOutputDirs(o *equilibriumOptions) error {
	for _, f := range []struct{ flag, path string }{{"-matrix", o.matrix}, {"-nfg", o.nfg}, {"-cells", o.cells}} {
		if f.path == "" {
			continue
		}
		if st, err := os.Stat(filepath.Dir(f.path)); err != nil {
			var pe *os.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			return fmt.Errorf("%s: open %s: %w", f.flag, f.path, err)
		} else if !st.IsDir() {
			return fmt.Errorf("%s: open %s: %w", f.flag, f.path, syscall.ENOTDIR)
		}
	}
	return nil
}

// equilibriumPlay plays the rounds left into the games' matrices (and the -o file),
// with the progress bar; rounds a -resume finds in the file go into the matrices first.
func equilibriumPlay(ctx context.Context, o *equilibriumOptions, plan *sweep.Plan, g *games, stdout, stderr io.Writer) error {
	f := sweep.CSV
	out := &rowsOut{w: io.Discard, summary: stdout, where: "memory"}
	if o.out != "" {
		var err error
		if f, err = o.rowFormat(); err != nil {
			return err
		}
		if out, err = openRowsWith(&o.sweepOptions, plan, f, nil, g.resumed, stdout, stderr); err != nil {
			return err
		}
	}
	err := sweepPlay(ctx, &o.sweepOptions, plan, f, nil, g.add, out, stderr)
	if cerr := out.close(); err == nil && cerr != nil {
		return fmt.Errorf("-o: %w", cerr)
	}
	if err != nil && o.out == "" && ctx.Err() != nil {
		var in interrupted
		if ok := asInterrupted(err, &in); ok {
			in.error = fmt.Errorf("interrupted after %d of %d rounds (%v): nothing kept; give -o FILE to keep the rounds and finish them with -resume",
				g.added, plan.Count(), context.Cause(ctx))
			return in
		}
	}
	return err
}

func asInterrupted(err error, in *interrupted) bool {
	i, ok := err.(interrupted)
	if ok {
		*in = i
	}
	return ok
}

// games gathers the rounds of a game's plan, in job order, into each game's matrix.
type games struct {
	plan  *sweep.Plan
	mats  []*equilibrium.Matrix
	added uint64
}

func newGames(plan *sweep.Plan) *games {
	g := &games{plan: plan}
	n := int(plan.Seeds.Count())
	for i, gm := range plan.Games {
		g.mats = append(g.mats, equilibrium.NewMatrix(plan.GameName(i), gm.Spaces[sim.Dev].Names(), gm.Spaces[sim.Ops].Names(), n))
	}
	return g
}

// add is sweep.Options.Rows: one round, in job order. A shard's rounds only go to its
// file: its games are solved once the shards are merged.
func (g *games) add(j sweep.Job, r *sim.Result) {
	if g.plan.Shard != sweep.Whole {
		return
	}
	c := &g.plan.Cells[j.Cell]
	g.mats[c.Game].Add(equilibrium.Profile{Dev: c.Pair[0], Ops: c.Pair[1]}, int(j.Seed-g.plan.Seeds.First), r)
	g.added++
}

// resumed is add for the rows a -resume finds.
func (g *games) resumed(j sweep.Job, r *sim.Result) error {
	g.add(j, r)
	return nil
}
