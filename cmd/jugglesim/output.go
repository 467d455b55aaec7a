package main

import (
	"fmt"
	"io"
	"strings"

	"devopsjuggle/internal/atomicfile"
)

// stickyWriter passes writes on to w until one fails; from then on it fails every write
// with that first error, which it keeps in err. A command can print with fmt.Fprintf
// and still fail (exit status 1) when stdout is a full disk or a closed pipe.
type stickyWriter struct {
	w   io.Writer
	err error
}

func (s *stickyWriter) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.w.Write(p)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	s.err = err
	return n, err
}

// Sync syncs w when it can (stdout redirected to a file): a sweep syncs its rows at the
// end, interrupted or not.
func (s *stickyWriter) Sync() error {
	if f, ok := s.w.(interface{ Sync() error }); ok {
		return f.Sync()
	}
	return nil
}

// writeOutput writes an output to path, or to stdout when path is "-": a file through
// atomicfile (whole or not at all; a link written through, a device written directly,
// a directory refused).
func writeOutput(flag, path string, stdout io.Writer, write func(io.Writer) error) error {
	if path == "-" {
		return checked(stdout, write)
	}
	return writeOutputs(output{flag, path, write})
}

// checked runs write on w and returns w's first write error ahead of write's own: write
// may wrap what it could not write in an error of its own, even a usageError (exit
// status 2), but a failed write is an I/O failure (exit status 1).
func checked(w io.Writer, write func(io.Writer) error) error {
	s := &stickyWriter{w: w}
	err := write(s)
	if s.err != nil {
		return s.err
	}
	return err
}

// output is one file a command writes: the flag that names it (for messages; "" for
// none), its path ("" when not asked for) and what goes in it.
type output struct {
	flag, path string
	write      func(io.Writer) error
}

// writeOutputs writes a command's files all or none: each is prepared (written whole to
// a temporary file beside it, or to a device directly), and only when every one was
// are they put in place. A command that fails leaves no output of its own behind.
func writeOutputs(outs ...output) error {
	var pending []*atomicfile.Pending
	var flags []string
	defer func() {
		for _, p := range pending {
			p.Discard()
		}
	}()
	named := func(flag string, err error) error {
		if flag == "" {
			return err
		}
		return fmt.Errorf("%s: %w", flag, err)
	}
	for _, o := range outs {
		if o.path == "" {
			continue
		}
		if strings.ContainsRune(o.path, 0) {
			return usagef("%s %q: a file name cannot hold a NUL byte", o.flag, o.path)
		}
		p, err := atomicfile.Prepare(o.path, func(w io.Writer) error { return checked(w, o.write) })
		if err != nil {
			return named(o.flag, err)
		}
		pending, flags = append(pending, p), append(flags, o.flag)
	}
	for i, p := range pending {
		if err := p.Commit(); err != nil {
			return named(flags[i], err)
		}
	}
	return nil
}

// text is an output's write of the text f returns, made only if the output is asked for.
func text(f func() string) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := io.WriteString(w, f())
		return err
	}
}
