package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"devopsjuggle/sim/replay"
	"devopsjuggle/sim/report"
)

// errVerify is a replay that does not reproduce: exit status 1.
type errVerify struct{ error }

func replayCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("replay", "jugglesim replay [-json] [-summary] [-postmortem FILE] [-tick-by-tick] FILE.jsonl", true)
	asJSON := fs.Bool("json", false, "print the replayed result as one JSON object")
	summary := fs.Bool("summary", false, "print the round's whole summary, as jugglesim run does")
	pm := fs.String("postmortem", "", "also write the round's blameless post-mortem to `FILE` (Markdown)")
	tickByTick := fs.Bool("tick-by-tick", false, "step the model at every tick instead of jumping over quiet ones (the same result, slower)")
	if err := fs.parse(args, stdout); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("replay: expected one replay file (see jugglesim replay -h)")
	}
	path := fs.Arg(0)
	r, err := replay.ReadFile(path)
	if err != nil {
		var e *replay.Error
		if errors.As(err, &e) {
			return usageError{err}
		}
		var pe *os.PathError
		if errors.As(err, &pe) {
			return usagef("%s: %v", path, pe.Err)
		}
		return usagef("%s: %v", path, err)
	}
	// The replay player checks every checkpoint, the end's hash and its result.
	play := r.Play
	if *tickByTick {
		play = r.PlayTickByTick
	}
	w, err := play()
	if err != nil {
		var d *replay.Divergence
		if errors.As(err, &d) {
			return errVerify{fmt.Errorf("%s: %w", path, d)}
		}
		return fmt.Errorf("%s: %w", path, err)
	}
	got := w.Result()
	if err := writeOutputs(output{"-postmortem", *pm, text(func() string { return report.PostMortem(w) })}); err != nil {
		return err
	}
	switch {
	case *asJSON:
		return json.NewEncoder(stdout).Encode(got)
	case *summary:
		if err := writeSummary(stdout, w); err != nil {
			return err
		}
	}
	cfg := w.Config()
	how := fmt.Sprintf("%d months", cfg.Months)
	if !r.End.Complete {
		how = fmt.Sprintf("stopped at tick %d of %d", r.End.Tick, cfg.Ticks())
	}
	_, err = fmt.Fprintf(stdout, "ok: %s, seed %d, %s, %d checkpoints and the end match (state hash %s): shipped %d, uptime %.2f %%, dev pay %s, ops pay %s\n",
		got.Preset, got.Seed, how, len(r.Checkpoints), got.StateHash, got.Shipped, 100*got.Uptime, report.Dollars(got.DevPay), report.Dollars(got.OpsPay))
	return err
}
