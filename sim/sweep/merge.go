package sweep

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// Part is one file to merge.
type Part struct {
	Name string
	R    io.Reader
}

// part is a Part being read.
type part struct {
	name string
	rd   *bufio.Reader
	line int
	cur  []byte // the current row, with its newline; nil at the end
	run  uint64
	f    Format
}

func (pt *part) next() error {
	var buf []byte
	for {
		b, err := pt.rd.ReadSlice('\n')
		buf = append(buf, b...)
		switch {
		case err == nil:
			pt.line++
			prev := pt.run
			run, err := firstField(buf, pt.f)
			if err != nil {
				return fmt.Errorf("%s:%d: %v", pt.name, pt.line, err)
			}
			if run <= prev {
				return fmt.Errorf("%s:%d: run %d comes after run %d: not the output of jugglesim sweep", pt.name, pt.line, run, prev)
			}
			pt.cur, pt.run = buf, run
			return nil
		case errors.Is(err, bufio.ErrBufferFull):
			if len(buf) > maxRowBytes {
				return fmt.Errorf("%s:%d: a line longer than %d bytes", pt.name, pt.line+1, maxRowBytes)
			}
		case errors.Is(err, io.EOF):
			if len(buf) > 0 {
				return fmt.Errorf("%s:%d: the last row is cut short: finish that shard first (the same jugglesim sweep command with -resume)", pt.name, pt.line+1)
			}
			pt.cur = nil
			return nil
		default:
			return fmt.Errorf("%s: %v", pt.name, err)
		}
	}
}

// Merge joins the files of a sweep's shards, CSV or JSON Lines, into the rows of the
// whole sweep in run order: exactly the bytes the unsharded sweep writes. It refuses
// files whose columns differ, a run found twice, and a run found in no file (a shard
// missing or unfinished); it cannot tell that the shard with the very last runs stopped
// early, which its exit status and -resume are for. It returns the rows written and the
// format.
func Merge(out io.Writer, parts []Part) (uint64, Format, error) {
	if len(parts) == 0 {
		return 0, CSV, errors.New("no files to merge")
	}
	var header []byte
	var keys []string
	var f Format
	formatKnown, firstName := false, ""
	ps := make([]*part, len(parts))
	for i, p := range parts {
		pt := &part{name: p.Name, rd: bufio.NewReaderSize(p.R, 64<<10)}
		first, err := pt.rd.Peek(1)
		if err != nil && !errors.Is(err, io.EOF) {
			return 0, f, fmt.Errorf("%s: %v", p.Name, err)
		}
		if len(first) == 0 {
			// Only a JSON Lines shard with no rounds is empty (a CSV one has its header).
			pt.f = JSONL
			ps[i] = pt
			continue
		}
		pf := CSV
		if first[0] == '{' {
			pf = JSONL
		}
		if formatKnown && pf != f {
			return 0, f, fmt.Errorf("%s is %s but %s is %s", p.Name, pf, firstName, f)
		}
		f, formatKnown, firstName = pf, true, p.Name
		pt.f = pf
		if pf == CSV {
			h, err := pt.rd.ReadBytes('\n')
			if err != nil {
				return 0, f, fmt.Errorf("%s:1: the header is cut short", p.Name)
			}
			pt.line++
			if !bytes.HasPrefix(h, []byte(colRun+",")) {
				return 0, f, fmt.Errorf("%s:1: not the output of jugglesim sweep (the first column is not %q)", p.Name, colRun)
			}
			if header == nil {
				header = h
			} else if !bytes.Equal(h, header) {
				return 0, f, fmt.Errorf("%s:1: its columns differ from %s's: not shards of the same sweep", p.Name, parts[0].Name)
			}
		}
		if err := pt.next(); err != nil {
			return 0, f, err
		}
		if pf == JSONL && pt.cur != nil {
			k, _, err := splitJSON(string(pt.cur))
			if err != nil {
				return 0, f, fmt.Errorf("%s:%d: %v", p.Name, pt.line, err)
			}
			if keys == nil {
				keys = k
			} else if !slicesEqual(k, keys) {
				return 0, f, fmt.Errorf("%s:%d: its keys differ from the other files': not shards of the same sweep", p.Name, pt.line)
			}
		}
		ps[i] = pt
	}

	bw := bufio.NewWriterSize(out, 64<<10)
	if _, err := bw.Write(header); err != nil {
		return 0, f, err
	}
	var rows uint64
	for {
		var min *part
		for _, pt := range ps {
			if pt.cur == nil {
				continue
			}
			if min != nil && pt.run == min.run {
				return rows, f, fmt.Errorf("run %d is in both %s (line %d) and %s (line %d): not disjoint shards", pt.run, min.name, min.line, pt.name, pt.line)
			}
			if min == nil || pt.run < min.run {
				min = pt
			}
		}
		if min == nil {
			break
		}
		if min.run != rows+1 {
			return rows, f, fmt.Errorf("runs %d to %d are in none of the files: a shard is missing or unfinished", rows+1, min.run-1)
		}
		if _, err := bw.Write(min.cur); err != nil {
			return rows, f, err
		}
		rows++
		if err := min.next(); err != nil {
			return rows, f, err
		}
	}
	return rows, f, bw.Flush()
}
