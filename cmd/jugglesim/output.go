package main

import (
	"io"

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
func writeOutput(path string, stdout io.Writer, write func(io.Writer) error) error {
	if path == "-" {
		return checked(stdout, write)
	}
	return atomicfile.Write(path, func(f io.Writer) error { return checked(f, write) })
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
