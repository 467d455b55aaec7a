// Command jugglesim runs the Dev vs Ops model headless, for researchers and for
// instructors preparing a lecture: one round with bots, or many rounds compared. It never
// imports ebiten, so it runs on any server (build it with CGO_ENABLED=0).
//
//	jugglesim run -preset silo -seed 7            a readable summary of one round
//	jugglesim run -preset sre -json               the same as one JSON object
//	jugglesim compare -seeds 200                  every preset over 200 seeds, side by side
//	jugglesim run -scenario a.toml -record r.jsonl -postmortem pm.md
//	jugglesim replay r.jsonl                      re-run a replay: ok, or where it diverges
//	jugglesim scenario print -preset sre          a complete, commented scenario file
//	jugglesim sweep -presets silo,sre -seeds 1-1000 -vary ops.skill=0.5,0.7,0.9 -o results.csv
//	jugglesim merge -o all.csv part1.csv part2.csv
//	jugglesim plot results.csv -o chart.png       features against uptime, and pay by role
//
// Exit status: 0 on success, 2 for bad usage or bad input (a value past a limit
// included: limits.go), 1 for other failures (a replay that diverges, an output that
// cannot be written), 130 or 143 for a sweep or a compare interrupted by SIGINT or
// SIGTERM. A failure prints one line on stderr.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"unicode"
	"unicode/utf8"

	_ "devopsjuggle/sim/bot/solve" // run's and compare's equilibrium bots solve the games they find nowhere
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		// After the first signal, the next one ends the program at once, as usual.
		<-ctx.Done()
		stop()
	}()
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

// usageError is bad usage or bad input: exit status 2.
type usageError struct{ error }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// reported is an error whose lines a command has printed already (scenario check
// prints one per bad file): exitCode prints nothing more.
type reported struct{ error }

func (r reported) Unwrap() error { return r.error }

// exitCode reports err on stderr (one line) and returns the exit status.
func exitCode(err error, stderr io.Writer) int {
	if err == nil || errors.Is(err, errHelp) {
		return 0
	}
	if !errors.As(err, new(reported)) {
		fmt.Fprintf(stderr, "jugglesim: %s\n", oneLine(err.Error()))
	}
	var u usageError
	if errors.As(err, &u) {
		return 2
	}
	var c interface{ ExitCode() int }
	if errors.As(err, &c) {
		return c.ExitCode()
	}
	return 1
}

// maxLineBytes bounds the line an error gets: a 100-kilobyte flag value or replay line
// quoted whole would bury the message.
const maxLineBytes = 400

// oneLine makes a message one clear line of valid UTF-8, whatever the user's input it
// quotes: control characters (a newline in a file name, a terminal's escape sequence)
// and bytes that are not UTF-8 are escaped as Go escapes them, and a message longer
// than maxLineBytes loses its middle.
func oneLine(msg string) string {
	var b strings.Builder
	for i, r := range msg {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(msg[i:], "\uFFFD"): // a byte that is not UTF-8
			fmt.Fprintf(&b, `\x%02x`, msg[i])
		case unicode.IsControl(r):
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteRune(r)
		}
	}
	s := b.String()
	if len(s) <= maxLineBytes {
		return s
	}
	head, tail := s[:maxLineBytes*2/3], s[len(s)-maxLineBytes/4:]
	for !utf8.ValidString(head) {
		head = head[:len(head)-1]
	}
	for !utf8.ValidString(tail) {
		tail = tail[1:]
	}
	return fmt.Sprintf("%s … (%d bytes left out) … %s", head, len(s)-len(head)-len(tail), tail)
}

// command is one subcommand: a row of the command table.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

// commands is the command table, in the order help lists them: one round, many, then
// the tools around sweeps. run dispatches through it and usage prints it; a new command
// is one row here (and its file).
var commands = []command{
	{"run", "play one round with bots and print its summary (or JSON)", runCmd},
	{"compare", "play presets over many seeds and print a table of means and spreads", compareCmd},
	{"scenario", "print a complete, commented scenario file to start from, or check scenario files", scenarioCmd},
	{"sweep", "play presets and scenarios x seeds x parameter values, one row per round (CSV or JSONL)", sweepCmd},
	{"equilibrium", "play every pair of dev and ops strategies and solve the game: what self-interested bots do under a pay scheme", equilibriumCmd},
	{"merge", "join the files of a sweep's shards into the unsharded sweep's file", mergeCmd},
	{"plot", "chart a sweep's rows: features shipped against uptime, and pay by role (PNG or SVG)", plotCmd},
	{"replay", "re-run a replay file: say ok with its result, or where it diverges", replayCmd},
	{"swarm", "play random rounds every way they must agree, and report any that do not (the model's own VOPR)", swarmCmd},
	{"version", "print the version and the rules version", versionCmd},
}

// run dispatches to a subcommand. What the command writes to stdout goes through a
// writer that keeps the first write error, and that error is the command's: a command
// that printed into a full disk fails (exit status 1) even where it did not look at
// the error itself, and a write error some code wrapped as bad input is still a write
// error.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		usage(stderr)
		return usagef("no command given")
	}
	out := &stickyWriter{w: stdout}
	err := dispatch(ctx, args, out, stderr)
	if out.err != nil {
		return out.err
	}
	return err
}

// dispatch runs the command args[0] names.
func dispatch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	name := args[0]
	switch name {
	case "-h", "-help", "--help", "help":
		usage(stdout)
		return nil
	case "-version", "--version":
		name = "version"
	}
	for _, c := range commands {
		if c.name == name {
			return c.run(ctx, args[1:], stdout, stderr)
		}
	}
	return usagef("unknown command %q (see jugglesim help)", name)
}

func versionCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("version", "jugglesim version", false)
	if err := fs.parse(args, stdout); err != nil {
		return err
	}
	_, err := fmt.Fprintln(stdout, versionLine())
	return err
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "jugglesim: the Dev vs Ops model, headless")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Usage: jugglesim <command> [flags]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commands:")
	width := 0
	for _, c := range commands {
		width = max(width, len(c.name))
	}
	for _, c := range commands {
		fmt.Fprintf(w, "  %-*s  %s\n", width, c.name, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Run 'jugglesim <command> -h' for a command's flags.")
}
