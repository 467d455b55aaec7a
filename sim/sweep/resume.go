package sweep

import (
	"bytes"
	"fmt"
	"io"
	"os"

	"devopsjuggle/sim"
)

// Start writes the header of a new output (nothing for JSON Lines).
func (p *Plan) Start(w io.Writer, f Format) error {
	_, err := w.Write(p.Header(f))
	return err
}

// Resume prepares the file of an interrupted run of the same sweep to be finished. It
// checks that the file is this sweep's: the same columns, and every row the row this
// sweep would write there (run, preset, seed and varied values), the last one to the byte
// (it plays that round again: a file from another build or rules version is refused). It
// drops a half-written last line, leaves the file positioned at its end, adds the rows
// to sum, and returns their number: the job to resume from. An empty file, or one cut
// inside its header, is started afresh. Lines are read under lineReader's rule.
func (p *Plan) Resume(file *os.File, f Format, sum *Summary) (uint64, error) {
	return p.ResumeRows(file, f, sum, nil)
}

// ResumeRows is Resume that also hands every row found to rows, in order, as its job
// and the sim.Result it was written from (every figure the row holds, the same floats:
// the rows a run would have handed to Options.Rows). An error from rows stops it.
func (p *Plan) ResumeRows(file *os.File, f Format, sum *Summary, rows func(Job, *sim.Result) error) (uint64, error) {
	if _, err := file.Seek(0, io.SeekStart); err != nil {
		return 0, err
	}
	r := &resumer{p: p, f: f, lines: newLineReader(file, file.Name()), rw: newRowWriter(p, f), each: rows}
	whole, err := r.readHeader()
	if err != nil {
		return 0, err
	}
	if !whole {
		if err := truncate(file, 0); err != nil {
			return 0, err
		}
		return 0, p.Start(file, f)
	}
	if err := r.readRows(sum); err != nil {
		return 0, err
	}
	if err := r.checkLastRow(); err != nil {
		return 0, err
	}
	// The end of the last whole row: a half-written one after it is dropped.
	if err := truncate(file, r.lines.offset); err != nil {
		return 0, err
	}
	return r.rows, nil
}

// resumer reads the file of an interrupted run, checking that each row is the one this
// sweep writes there.
type resumer struct {
	p      *Plan
	f      Format
	lines  *lineReader
	rw     *rowWriter
	rows   uint64 // the rows read
	last   []byte // the last row, with its newline
	prefix []byte // the identity columns of the row expected next
	each   func(Job, *sim.Result) error
}

// readHeader checks the file's header (CSV) against the plan's; it reports false when
// the file holds no whole header (empty, or cut inside it): a run to start afresh.
func (r *resumer) readHeader() (bool, error) {
	header := r.p.Header(r.f)
	if len(header) == 0 {
		return true, nil // JSON Lines: each row names its keys
	}
	h, ok, err := r.lines.next()
	if err != nil || !ok {
		return false, err
	}
	if !bytes.Equal(h, header) {
		return false, fmt.Errorf("%s:1: its columns are not this sweep's (another command made it): -resume needs the same presets, scenarios and -vary flags", r.lines.name)
	}
	return true, nil
}

// readRows reads every whole row, checks that each is the row this sweep writes there,
// and adds it to sum.
func (r *resumer) readRows(sum *Summary) error {
	cols := r.p.Columns()
	at := map[string]int{}
	for i, c := range cols {
		at[c.Name] = i
	}
	// Bounded by the file: each pass reads a line; the plan's Count bounds the rows.
	for {
		l, ok, err := r.lines.next()
		if err != nil || !ok {
			return err
		}
		vals, err := r.checkRow(l, len(cols))
		if err != nil {
			return err
		}
		if r.each != nil {
			j := r.p.Job(r.rows)
			res, err := decodeResult(cols, vals, r.p.Sources[r.p.Cells[j.Cell].Source].Name, j.Seed)
			if err == nil {
				err = r.each(j, &res)
			}
			if err != nil {
				return fmt.Errorf("%s:%d: %v", r.lines.name, r.lines.line, err)
			}
		}
		if sum != nil {
			var m [4]string
			for k, mt := range Metrics {
				m[k] = vals[at[mt.Name]]
			}
			if err := sum.addRow(r.p.Job(r.rows).Cell, m); err != nil {
				return fmt.Errorf("%s:%d: %v", r.lines.name, r.lines.line, err)
			}
		}
		r.last = append(r.last[:0], l...)
		r.rows++
	}
}

// checkRow checks that line is the row this sweep writes next (its identity columns,
// and ncols values), and returns its values.
func (r *resumer) checkRow(line []byte, ncols int) ([]string, error) {
	p, name, n := r.p, r.lines.name, r.lines.line
	if r.rows >= p.Count() {
		return nil, fmt.Errorf("%s:%d: more rows than this sweep has (%d): another command made it", name, n, p.Count())
	}
	j := p.Job(r.rows)
	r.prefix = r.rw.appendIdentity(r.prefix[:0], j)
	if !bytes.HasPrefix(line, r.prefix) {
		return nil, fmt.Errorf("%s:%d: not the row this sweep writes there (run %d, %s, seed %d): another command made the file",
			name, n, j.Run, p.CellName(j.Cell), j.Seed)
	}
	var vals []string
	var err error
	if r.f == CSV {
		vals, err = splitCSV(string(line[:len(line)-1]))
	} else {
		_, vals, err = splitJSON(string(line))
	}
	if err != nil || len(vals) != ncols {
		return nil, fmt.Errorf("%s:%d: not a row of this sweep: %v", name, n, err)
	}
	return vals, nil
}

// checkLastRow plays the last row's round again: the file must hold the very bytes
// this build writes for it.
func (r *resumer) checkLastRow() error {
	if r.rows == 0 {
		return nil
	}
	j := r.p.Job(r.rows - 1)
	res := r.p.Play(j)
	if want := r.rw.appendRow(nil, j, &res); !bytes.Equal(want, r.last) {
		return fmt.Errorf("%s:%d: the last row differs from what this build computes for run %d: the file was made by another command (other -months, or scenario files since edited), build or rules version, and cannot be resumed",
			r.lines.name, r.lines.line, j.Run)
	}
	return nil
}

// truncate cuts the file at size and moves to its end.
func truncate(file *os.File, size int64) error {
	if err := file.Truncate(size); err != nil {
		return err
	}
	_, err := file.Seek(size, io.SeekStart)
	return err
}
