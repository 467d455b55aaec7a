package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"devopsjuggle/sim"
	"devopsjuggle/sim/report"
	"devopsjuggle/sim/scenario"
)

const scenarioUsage = "jugglesim scenario print [-preset NAME | -scenario FILE] [-o FILE]\n       jugglesim scenario check FILE..."

func scenarioCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usagef("scenario: expected print or check (usage: %s)", strings.ReplaceAll(scenarioUsage, "\n      ", ";"))
	}
	switch args[0] {
	case "print":
		return scenarioPrint(args[1:], stdout)
	case "check":
		return scenarioCheck(args[1:], stdout, stderr)
	case "-h", "-help", "--help", "help":
		fmt.Fprintf(stdout, "Usage: %s\n\n", scenarioUsage)
		fmt.Fprintln(stdout, "print writes every field of a preset (or a scenario file) with its meaning and unit;")
		fmt.Fprintln(stdout, "edit it, or delete the lines you keep as they are. check loads files and reports the")
		fmt.Fprintln(stdout, "first problem of each at its file, line and field.")
		return errHelp
	}
	return usagef("scenario: unknown subcommand %q: expected print or check", args[0])
}

func scenarioPrint(args []string, stdout io.Writer) error {
	fs := newFlags("scenario print", "jugglesim scenario print [-preset NAME | -scenario FILE] [-o FILE]", false)
	preset := fs.String("preset", "silo", "the preset to print: "+strings.Join(sim.PresetNames(), ", "))
	file := fs.String("scenario", "", "print a scenario file with every field filled in")
	out := fs.String("o", "-", "write to `FILE` instead of stdout")
	if err := fs.parse(args, stdout); err != nil {
		return err
	}
	var text []byte
	if *file != "" {
		if fs.isSet("preset") {
			return usagef("scenario print: -preset and -scenario: give one of them")
		}
		s, err := scenario.Load(*file)
		if err != nil {
			return usageError{err}
		}
		text = scenario.Format(s)
	} else {
		var err error
		if text, err = scenario.FormatPreset(*preset); err != nil {
			return usageError{err}
		}
	}
	return writeOutput("-o", *out, stdout, func(w io.Writer) error {
		_, err := w.Write(text)
		return err
	})
}

func scenarioCheck(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("scenario check", "jugglesim scenario check FILE...", true)
	if err := fs.parse(args, stdout); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("scenario check: expected scenario files")
	}
	// Every file is checked: ok on stdout for a good one, its first problem on stderr
	// for a bad one (one line each), and exit status 2 if any is bad.
	bad := 0
	for _, path := range fs.Args() {
		s, err := scenario.Load(path)
		if err != nil {
			bad++
			if fs.NArg() == 1 {
				return usageError{err}
			}
			fmt.Fprintf(stderr, "jugglesim: %s\n", oneLine(err.Error()))
			continue
		}
		c := s.Config
		fmt.Fprintf(stdout, "ok: %s: %q, %s, from %s: %s\n", path, c.Name, report.Count(c.Months, "month"), s.Base, practices(c))
	}
	if bad > 0 {
		return reported{usagef("%d of %d scenario files are bad", bad, fs.NArg())}
	}
	return nil
}
