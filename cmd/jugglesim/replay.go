package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"devopsjuggle/sim/bot"
	"devopsjuggle/sim/replay"
	"devopsjuggle/sim/report"
	"devopsjuggle/sim/strategy"
)

// errVerify is a replay that does not reproduce: exit status 1.
type errVerify struct{ error }

func replayCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("replay", "jugglesim replay [-json] [-summary] [-postmortem FILE] [-tick-by-tick] FILE.jsonl...", true)
	asJSON := fs.Bool("json", false, "print each replayed result as one JSON object (a line each)")
	summary := fs.Bool("summary", false, "print each round's whole summary, as jugglesim run does")
	pm := fs.String("postmortem", "", "also write the round's blameless post-mortem to `FILE` (Markdown; one replay file)")
	tickByTick := fs.Bool("tick-by-tick", false, "step the model at every tick instead of jumping over quiet ones (the same result, slower)")
	if err := fs.parse(args, stdout); err != nil {
		return err
	}
	switch {
	case fs.NArg() == 0:
		return usagef("replay: expected a replay file (see jugglesim replay -h)")
	case fs.NArg() > 1 && *pm != "":
		return usagef("replay: -postmortem writes one file: give one replay file")
	case fs.NArg() == 1:
		return replayOne(fs.Arg(0), *asJSON, *summary, *tickByTick, *pm, stdout)
	}
	// Several files: one result each, in order; a failure is told on stderr and the
	// next file is checked.
	failed, status := 0, 1
	for _, path := range fs.Args() {
		if ctx.Err() != nil {
			return interrupted{fmt.Errorf("interrupted (%v) after %d of %d replays", context.Cause(ctx), failed, fs.NArg()), context.Cause(ctx)}
		}
		err := replayOne(path, *asJSON, *summary, *tickByTick, "", stdout)
		if err == nil {
			continue
		}
		var u usageError
		if !errors.As(err, &u) && !errors.As(err, new(errVerify)) {
			return err // stdout failed: no point going on
		}
		failed++
		if errors.As(err, &u) {
			status = 2
		}
		fmt.Fprintf(stderr, "jugglesim: %s\n", oneLine(err.Error()))
	}
	if failed > 0 {
		return replayFailures{failed, fs.NArg(), status}
	}
	return nil
}

// replayFailures is several replays of which some failed: exit status 2 if one was no
// replay (or could not be read), else 1.
type replayFailures struct{ failed, files, status int }

func (e replayFailures) Error() string {
	return fmt.Sprintf("%d of %d replays failed", e.failed, e.files)
}

// ExitCode is the command's exit status.
func (e replayFailures) ExitCode() int { return e.status }

// replayOne checks one replay file and prints its result: "ok: ..." (after the whole
// summary with -summary), or one JSON object with asJSON.
func replayOne(path string, asJSON, summary, tickByTick bool, pm string, stdout io.Writer) error {
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
	if tickByTick {
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
	// What its bots that play for their pay chose: the replay holds their inputs, not
	// their reasons, so they are seated again over it (nil if none played, or if they
	// would not have pressed as recorded).
	var choices []strategy.Decision
	if pm != "" || summary && !asJSON {
		choices = bot.ReplayChoices(r.Header.Config, r.Header.Seed, r.Header.Bots(), r.Inputs, r.End.Tick)
	}
	if err := writeOutputs(output{"-postmortem", pm, text(func() string {
		return report.PostMortem(w) + report.DecisionsSection(choices)
	})}); err != nil {
		return err
	}
	who := playersOf(&r.Header)
	switch {
	case asJSON:
		return json.NewEncoder(stdout).Encode(got)
	case summary:
		if err := writeSummary(stdout, w, who, choices); err != nil {
			return err
		}
	}
	cfg := w.Config()
	how := report.Count(cfg.Months, "month")
	if !r.End.Complete {
		how = fmt.Sprintf("stopped at tick %d of %d", r.End.Tick, cfg.Ticks())
	}
	_, err = fmt.Fprintf(stdout, "ok: %s, seed %d, %s, %s; %d checkpoints and the end match (state hash %s): shipped %d, uptime %.2f %%, dev pay %s, ops pay %s\n",
		got.Preset, got.Seed, how, who, len(r.Checkpoints), got.StateHash, got.Shipped, 100*got.Uptime, report.Dollars(got.DevPay), report.Dollars(got.OpsPay))
	return err
}

// playersOf says who played each role of a replay, from its header: "dev: a person, ops:
// bot novice". A header that does not say (replays recorded before it did) reads "who
// played is not recorded".
func playersOf(h *replay.Header) string {
	if len(h.Players) == 0 {
		return "who played is not recorded"
	}
	seat := func(role, spec string) string {
		p, ok := h.Players[role]
		switch {
		case !ok:
			return role + ": not recorded"
		case p == "human":
			return role + ": a person"
		case p == "bot":
			return role + ": bot " + spec // the config's bot
		case strings.HasPrefix(p, strategy.BotPrefix):
			return role + ": bot " + strategy.BotName(p)
		}
		return fmt.Sprintf("%s: %q", role, p)
	}
	return seat("dev", h.Config.DevBot.Name) + ", " + seat("ops", h.Config.OpsBot.Name)
}
