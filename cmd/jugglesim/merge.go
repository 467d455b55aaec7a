package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"devopsjuggle/sim/report"
	"devopsjuggle/sim/sweep"
)

func mergeCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("merge", "jugglesim merge -o ALL.csv PART.csv...\n\nJoins the files that jugglesim sweep -shard K/N wrote into exactly the bytes of the\nunsharded sweep: rows in run order, one header. It refuses files of different sweeps,\na run found twice, and runs found in no file (a shard missing or cut short).", true)
	out := fs.String("o", "-", "the merged `FILE` (written whole or not at all); - for stdout")
	if err := fs.parse(args, stdout); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("merge: expected the shards' files (see jugglesim merge -h)")
	}
	var parts []sweep.Part
	for _, path := range fs.Args() {
		f, err := os.Open(path)
		if err != nil {
			var pe *os.PathError
			if errors.As(err, &pe) {
				return usagef("%s: %v", path, pe.Err)
			}
			return usageError{err}
		}
		defer f.Close()
		parts = append(parts, sweep.Part{Name: path, R: f})
	}
	var rows uint64
	err := writeOutput("-o", *out, stdout, func(w io.Writer) error {
		n, f, err := sweep.Merge(w, parts)
		if err != nil {
			return usageError{err} // unless a write failed: writeOutput returns that
		}
		if want, ferr := sweep.FormatFor(*out); *out != "-" && ferr == nil && want != f {
			return usagef("-o %s: the shards are %s", *out, f)
		}
		rows = n
		return nil
	})
	if err != nil {
		return err
	}
	if *out == "-" {
		return nil
	}
	fmt.Fprintf(stderr, "merged %s from %s into %s\n", report.Count(rows, "row"), report.Count(len(parts), "file"), *out)
	return nil
}
