package sweep

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"devopsjuggle/sim/bot"
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
// inside its header, is started afresh.
func (p *Plan) Resume(file *os.File, f Format, sum *Summary) (uint64, error) {
	name := file.Name()
	if _, err := file.Seek(0, io.SeekStart); err != nil {
		return 0, err
	}
	rd := bufio.NewReaderSize(file, 64<<10)
	var good int64 // the end of the last complete line
	readLine := func() ([]byte, bool, error) {
		var buf []byte
		for {
			part, err := rd.ReadSlice('\n')
			buf = append(buf, part...)
			switch {
			case err == nil:
				good += int64(len(buf))
				return buf, true, nil
			case errors.Is(err, bufio.ErrBufferFull):
				if len(buf) > maxRowBytes {
					return nil, false, fmt.Errorf("%s: a line longer than %d bytes: not this sweep's output", name, maxRowBytes)
				}
				continue
			case errors.Is(err, io.EOF):
				return nil, false, nil // a partial line, if any, is dropped
			}
			return nil, false, err
		}
	}
	restart := func() (uint64, error) {
		if err := truncate(file, 0); err != nil {
			return 0, err
		}
		return 0, p.Start(file, f)
	}

	line := 0
	if header := p.Header(f); len(header) > 0 {
		h, ok, err := readLine()
		if err != nil {
			return 0, err
		}
		if !ok {
			return restart()
		}
		line++
		if !bytes.Equal(h, header) {
			return 0, fmt.Errorf("%s:1: its columns are not this sweep's (another command made it): -resume needs the same presets, scenarios and -vary flags", name)
		}
	}
	cols := p.Columns()
	at := map[string]int{}
	for i, c := range cols {
		at[c.Name] = i
	}
	rw := newRowWriter(p, f)
	var rows uint64
	var last []byte
	var prefix []byte
	for {
		l, ok, err := readLine()
		if err != nil {
			return 0, err
		}
		if !ok {
			break
		}
		line++
		if rows >= p.Count() {
			return 0, fmt.Errorf("%s:%d: more rows than this sweep has (%d): another command made it", name, line, p.Count())
		}
		j := p.Job(rows)
		prefix = rw.appendIdentity(prefix[:0], j)
		if !bytes.HasPrefix(l, prefix) {
			return 0, fmt.Errorf("%s:%d: not the row this sweep writes there (run %d, %s, seed %d): another command made the file",
				name, line, j.Run, p.CellName(j.Cell), j.Seed)
		}
		var vals []string
		if f == CSV {
			vals, err = splitCSV(string(l[:len(l)-1]))
		} else {
			_, vals, err = splitJSON(string(l))
		}
		if err != nil || len(vals) != len(cols) {
			return 0, fmt.Errorf("%s:%d: not a row of this sweep: %v", name, line, err)
		}
		if sum != nil {
			var m [4]string
			for k, mt := range Metrics {
				m[k] = vals[at[mt.Name]]
			}
			if err := sum.addRow(j.Cell, m); err != nil {
				return 0, fmt.Errorf("%s:%d: %v", name, line, err)
			}
		}
		last = append(last[:0], l...)
		rows++
	}
	if rows > 0 {
		j := p.Job(rows - 1)
		r := bot.Play(p.Cells[j.Cell].Config, j.Seed)
		if want := rw.appendRow(nil, j, &r); !bytes.Equal(want, last) {
			return 0, fmt.Errorf("%s:%d: the last row differs from what this build computes for run %d: the file was made by another command (other -months, or scenario files since edited), build or rules version, and cannot be resumed",
				name, line, j.Run)
		}
	}
	if err := truncate(file, good); err != nil {
		return 0, err
	}
	return rows, nil
}

// truncate cuts the file at size and moves to its end.
func truncate(file *os.File, size int64) error {
	if err := file.Truncate(size); err != nil {
		return err
	}
	_, err := file.Seek(size, io.SeekStart)
	return err
}
