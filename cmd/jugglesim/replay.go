package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"devopsjuggle/sim"
	"devopsjuggle/sim/replay"
	"devopsjuggle/sim/report"
)

// errVerify is a replay that does not reproduce: exit status 1.
type errVerify struct{ error }

func replayCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("replay", "jugglesim replay [-json] [-summary] [-postmortem FILE] FILE.jsonl", true)
	asJSON := fs.Bool("json", false, "print the replayed result as one JSON object")
	summary := fs.Bool("summary", false, "print the round's whole summary, as jugglesim run does")
	pm := fs.String("postmortem", "", "also write the round's blameless post-mortem to `FILE` (Markdown)")
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
	w, err := r.Play()
	if err != nil {
		var d *replay.Divergence
		if errors.As(err, &d) {
			return errVerify{fmt.Errorf("%s: %w", path, d)}
		}
		return fmt.Errorf("%s: %w", path, err)
	}
	got := w.Result()
	if got != r.End.Result {
		return errVerify{fmt.Errorf("%s: the states match to the end, but the recorded result differs from the replayed one (%s): the end line was edited",
			path, resultDiff(r.End.Result, got))}
	}
	if err := writeOutputs(output{"-postmortem", *pm, text(func() string { return report.PostMortem(w) })}); err != nil {
		return err
	}
	switch {
	case *asJSON:
		return json.NewEncoder(stdout).Encode(got)
	case *summary:
		if err := writeSummary(stdout, w, nil); err != nil {
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

// resultDiff names the first fields that differ between two results.
func resultDiff(want, got sim.Result) string {
	a, _ := json.Marshal(want)
	b, _ := json.Marshal(got)
	var ma, mb map[string]any
	_ = json.Unmarshal(a, &ma)
	_ = json.Unmarshal(b, &mb)
	for _, k := range sortedKeys(ma) {
		if fmt.Sprint(ma[k]) != fmt.Sprint(mb[k]) {
			return fmt.Sprintf("%s: recorded %v, replayed %v", k, ma[k], mb[k])
		}
	}
	return "no field differs"
}
