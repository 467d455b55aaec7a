// Command jugglehall is the lecture hall: one server for a class that plays Dev vs Ops at
// once in their browsers. The instructor creates a session and projects its page; teams
// join with the session's code, play the instructor's round in the browser game, and
// upload its replay; the server re-runs every replay with the model and keeps only what
// reproduces; the projector shows the class as results come in. See docs/hall.md (its
// API) and docs/instructor.md (a lecture with it).
//
//	jugglehall                                  SQLite in the user's data folder, on 127.0.0.1:8080
//	jugglehall -addr :8080 -db hall.db          a class on the local network
//	jugglehall -db postgres://user@host/hall    PostgreSQL: several processes behind one address
//
// It never imports ebiten (no display, no cgo: CGO_ENABLED=0 builds it). Exit status: 0
// after SIGINT or SIGTERM, 2 for bad usage, 1 for other failures.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

// usageError is bad usage: exit status 2.
type usageError struct{ error }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// errHelp ends the program after -h: exit status 0.
var errHelp = errors.New("help shown")

func exitCode(err error, stderr io.Writer) int {
	if err == nil || errors.Is(err, errHelp) {
		return 0
	}
	fmt.Fprintf(stderr, "jugglehall: %s\n", oneLine(err.Error()))
	var u usageError
	if errors.As(err, &u) {
		return 2
	}
	return 1
}

// oneLine makes an error one line, as a log and a terminal want it: pgx, for one, says
// a failed connection in a line per address it tried, often the same line twice.
func oneLine(msg string) string {
	var out []string
	for _, l := range strings.Split(msg, "\n") {
		if l = strings.TrimSpace(l); l != "" && !slices.Contains(out, l) {
			out = append(out, l)
		}
	}
	var b strings.Builder
	for i, l := range out {
		if i > 0 {
			if strings.HasSuffix(out[i-1], ":") {
				b.WriteString(" ")
			} else {
				b.WriteString("; ")
			}
		}
		b.WriteString(l)
	}
	return b.String()
}
