package sweep

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
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

// readHeader reads a CSV header line, newline included, bounded as a row is: a file
// with no newline (/dev/zero) is refused rather than read into memory forever.
func readHeader(rd *bufio.Reader) ([]byte, error) {
	var buf []byte
	for {
		b, err := rd.ReadSlice('\n')
		buf = append(buf, b...)
		switch {
		case len(buf) > maxRowBytes:
			return nil, fmt.Errorf("a line longer than %d bytes", maxRowBytes)
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF):
			return nil, errors.New("the header is cut short")
		case err != nil:
			return nil, err
		}
		return buf, nil
	}
}

// Merge joins the files of a sweep's shards, CSV or JSON Lines, into the rows of the
// whole sweep in run order: exactly the bytes the unsharded sweep writes. It refuses
// files whose columns differ, a run found twice, a run found in no file (a shard missing
// or unfinished), rows out of the sweep's order of cells and seeds or with other months
// or rules (a shard of another sweep), and a last cell short of seeds. A sweep of one
// cell whose last shard stopped early looks whole: its exit status and -resume are for
// that. It returns the rows written and the format.
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
			h, err := readHeader(pt.rd)
			if err != nil {
				return 0, f, fmt.Errorf("%s:1: %v", p.Name, err)
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

	if !formatKnown {
		return 0, f, errors.New("every file is empty: no rows to merge")
	}
	cols := keys
	if f == CSV {
		var err error
		if cols, err = splitCSV(strings.TrimRight(string(header), "\r\n")); err != nil {
			return 0, f, fmt.Errorf("%s:1: %v", parts[0].Name, err)
		}
	}
	order, err := newRunOrder(cols)
	if err != nil {
		return 0, f, fmt.Errorf("%s: %v", firstName, err)
	}

	bw := bufio.NewWriterSize(out, 64<<10)
	if _, err := bw.Write(header); err != nil {
		return 0, f, err
	}
	var rows uint64
	prevName, prevLine := "", 0 // where the last row written came from
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
			missing := fmt.Sprintf("runs %d to %d are", rows+1, min.run-1)
			if rows+1 == min.run-1 {
				missing = fmt.Sprintf("run %d is", rows+1)
			}
			return rows, f, fmt.Errorf("%s in none of the files: a shard is missing or unfinished", missing)
		}
		if err := order.check(min.run, min.cur, f); err != nil {
			where := ""
			if prevName != "" {
				where = fmt.Sprintf(" (run %d is %s:%d)", min.run-1, prevName, prevLine)
			}
			return rows, f, fmt.Errorf("%s:%d: %v%s: not shards of the same sweep", min.name, min.line, err, where)
		}
		prevName, prevLine = min.name, min.line
		if _, err := bw.Write(min.cur); err != nil {
			return rows, f, err
		}
		rows++
		if err := min.next(); err != nil {
			return rows, f, err
		}
	}
	if order.cellSize != 0 && rows%order.cellSize != 0 {
		return rows, f, fmt.Errorf("the last cell has %d of its %d seeds: a shard is missing its last runs or unfinished", rows%order.cellSize, order.cellSize)
	}
	return rows, f, bw.Flush()
}

// runOrder checks that the merged rows are one sweep's, in its order (the package
// comment): run r is seed first+(r-1) mod S of cell (r-1)/S, where S, the seeds of a
// cell, shows where the cell first changes. A shard of another sweep (other -vary
// values, seeds, months or rules) breaks that order somewhere.
type runOrder struct {
	Layout
	first       uint64 // run 1's seed
	cellSize    uint64 // S; 0 until the first cell has ended
	fixed, cell string // run 1's months and rules; the current cell
}

func newRunOrder(cols []string) (*runOrder, error) {
	l, err := LayoutOf(cols)
	if err != nil {
		return nil, err
	}
	return &runOrder{Layout: l}, nil
}

func (o *runOrder) check(run uint64, line []byte, f Format) error {
	text := strings.TrimRight(string(line), "\r\n")
	var vals []string
	var err error
	// Only the identity columns, the first of a row: splitting the whole row would cost
	// more than the rest of the merge.
	n := max(o.Rules, o.Months, o.Seed) + 1
	if f == JSONL {
		_, vals, err = splitJSONN(text, n)
	} else {
		vals, err = splitCSVN(text, n)
	}
	if err != nil {
		return err
	}
	if len(vals) <= o.Rules || len(vals) <= o.Months {
		return fmt.Errorf("run %d has %d columns", run, len(vals))
	}
	seed, err := strconv.ParseUint(vals[o.Seed], 10, 64)
	if err != nil {
		return fmt.Errorf("run %d: seed %q is not a number", run, vals[o.Seed])
	}
	var b strings.Builder
	for _, i := range o.Cell {
		b.WriteString(vals[i])
		b.WriteByte(0)
	}
	cell := b.String()
	fixed := vals[o.Months] + " months, rules version " + vals[o.Rules]
	if run == 1 {
		o.first, o.fixed, o.cell = seed, fixed, cell
		return nil
	}
	if fixed != o.fixed {
		return fmt.Errorf("run %d is of %s; run 1 of %s", run, fixed, o.fixed)
	}
	newCell := cell != o.cell
	if o.cellSize == 0 && newCell {
		o.cellSize = run - 1
	}
	want, starts := o.first+run-1, false
	if o.cellSize != 0 {
		pos := (run - 1) % o.cellSize
		want, starts = o.first+pos, pos == 0
	}
	switch {
	case seed != want:
		return fmt.Errorf("run %d is seed %d where this sweep has seed %d", run, seed, want)
	case newCell && !starts:
		return fmt.Errorf("run %d is in another cell than run %d, in the middle of a cell of %d seeds", run, run-1, o.cellSize)
	case !newCell && starts:
		return fmt.Errorf("run %d starts a new cell but repeats the cell of run %d", run, run-1)
	}
	o.cell = cell
	return nil
}
