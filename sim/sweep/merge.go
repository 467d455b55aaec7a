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
	m := &merger{firstPart: parts[0].Name}
	for _, p := range parts {
		if err := m.open(p); err != nil {
			return 0, m.f, err
		}
	}
	if !m.known {
		return 0, m.f, errors.New("every file is empty: no rows to merge")
	}
	order, err := m.runOrder()
	if err != nil {
		return 0, m.f, err
	}
	bw := bufio.NewWriterSize(out, 64<<10)
	if _, err := bw.Write(m.header); err != nil {
		return 0, m.f, err
	}
	rows, err := m.copyRows(bw, order)
	if err != nil {
		return rows, m.f, err
	}
	if order.cellSize != 0 && rows%order.cellSize != 0 {
		return rows, m.f, fmt.Errorf("the last cell has %d of its %d seeds: a shard is missing its last runs or unfinished", rows%order.cellSize, order.cellSize)
	}
	return rows, m.f, bw.Flush()
}

// merger joins the parts: what they must share (the format, a CSV header or JSONL
// keys) and the parts being read.
type merger struct {
	parts      []*part
	f          Format
	known      bool     // f is known: a part was not empty
	formatFrom string   // the last part read that was not empty, whose format every part has
	firstPart  string   // the first part's name, whose columns the others' must be
	header     []byte   // the CSV header, with its newline
	keys       []string // the JSONL keys
}

// open starts reading a part: its format from its first byte, its header (CSV) and its
// first row, whose columns (the header, or the JSONL keys) must be the other parts'.
func (m *merger) open(p Part) error {
	pt := &part{name: p.Name, lines: newLineReader(p.R, p.Name)}
	m.parts = append(m.parts, pt)
	first, err := pt.lines.rd.Peek(1)
	if err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("%s: %v", p.Name, err)
	}
	if len(first) == 0 {
		// Only a JSON Lines shard with no rounds is empty (a CSV one has its header).
		pt.f = JSONL
		return nil
	}
	pf := CSV
	if first[0] == '{' {
		pf = JSONL
	}
	if m.known && pf != m.f {
		return fmt.Errorf("%s is %s but %s is %s", p.Name, pf, m.formatFrom, m.f)
	}
	m.f, m.known, m.formatFrom, pt.f = pf, true, p.Name, pf
	if pf == CSV {
		if err := m.readHeader(pt); err != nil {
			return err
		}
	}
	if err := pt.next(); err != nil {
		return err
	}
	if pf == JSONL && pt.cur != nil {
		return m.checkKeys(pt)
	}
	return nil
}

// readHeader reads a CSV part's header, which must be the first part's.
func (m *merger) readHeader(pt *part) error {
	h, ok, err := pt.lines.next()
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("%s:1: the header is cut short", pt.name)
	}
	if !bytes.HasPrefix(h, []byte(colRun+",")) {
		return fmt.Errorf("%s:1: not the output of jugglesim sweep (the first column is not %q)", pt.name, colRun)
	}
	if m.header == nil {
		m.header = bytes.Clone(h)
	} else if !bytes.Equal(h, m.header) {
		return fmt.Errorf("%s:1: its columns differ from %s's: not shards of the same sweep", pt.name, m.firstPart)
	}
	return nil
}

// checkKeys checks that a JSONL part's first row has the keys of the other parts'.
func (m *merger) checkKeys(pt *part) error {
	k, _, err := splitJSON(string(pt.cur))
	if err != nil {
		return fmt.Errorf("%s:%d: %v", pt.name, pt.lines.line, err)
	}
	if m.keys == nil {
		m.keys = k
	} else if !slicesEqual(k, m.keys) {
		return fmt.Errorf("%s:%d: its keys differ from the other files': not shards of the same sweep", pt.name, pt.lines.line)
	}
	return nil
}

// runOrder returns the checker of the sweep's order, from the parts' columns.
func (m *merger) runOrder() (*runOrder, error) {
	cols := m.keys
	if m.f == CSV {
		var err error
		if cols, err = splitCSV(strings.TrimRight(string(m.header), "\r\n")); err != nil {
			return nil, fmt.Errorf("%s:1: %v", m.firstPart, err)
		}
	}
	order, err := newRunOrder(cols)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", m.formatFrom, err)
	}
	return order, nil
}

// copyRows writes the parts' rows in run order, checking that every run from 1 is in
// exactly one part and in the sweep's order, and returns the rows written.
func (m *merger) copyRows(w io.Writer, order *runOrder) (uint64, error) {
	var rows uint64
	prevName, prevLine := "", 0 // where the last row written came from
	// Bounded: every pass writes a row and reads the next of its part, or returns.
	for {
		lowest, err := m.lowestRun()
		if err != nil || lowest == nil {
			return rows, err
		}
		if lowest.run != rows+1 {
			missing := fmt.Sprintf("runs %d to %d are", rows+1, lowest.run-1)
			if rows+1 == lowest.run-1 {
				missing = fmt.Sprintf("run %d is", rows+1)
			}
			return rows, fmt.Errorf("%s in none of the files: a shard is missing or unfinished", missing)
		}
		if err := order.check(lowest.run, lowest.cur, m.f); err != nil {
			where := ""
			if prevName != "" {
				where = fmt.Sprintf(" (run %d is %s:%d)", lowest.run-1, prevName, prevLine)
			}
			return rows, fmt.Errorf("%s:%d: %v%s: not shards of the same sweep", lowest.name, lowest.lines.line, err, where)
		}
		prevName, prevLine = lowest.name, lowest.lines.line
		if _, err := w.Write(lowest.cur); err != nil {
			return rows, err
		}
		rows++
		if err := lowest.next(); err != nil {
			return rows, err
		}
	}
}

// lowestRun returns the part whose current row has the lowest run, nil when every part
// has ended; a run found in two parts is an error.
func (m *merger) lowestRun() (*part, error) {
	var lowest *part
	for _, pt := range m.parts {
		if pt.cur == nil {
			continue
		}
		if lowest != nil && pt.run == lowest.run {
			return nil, fmt.Errorf("run %d is in both %s (line %d) and %s (line %d): not disjoint shards", pt.run, lowest.name, lowest.lines.line, pt.name, pt.lines.line)
		}
		if lowest == nil || pt.run < lowest.run {
			lowest = pt
		}
	}
	return lowest, nil
}

// part is a Part being read.
type part struct {
	name  string
	lines *lineReader
	cur   []byte // the current row, with its newline, until next; nil at the end
	run   uint64
	f     Format
}

// next reads the part's next row, whose run must come after the current one's. A half
// line at the end is an unfinished shard.
func (pt *part) next() error {
	line, ok, err := pt.lines.next()
	if err != nil {
		return err
	}
	if !ok {
		if pt.lines.halfLine() > 0 {
			return fmt.Errorf("%s:%d: the last row is cut short: finish that shard first (the same jugglesim sweep command with -resume)", pt.name, pt.lines.line+1)
		}
		pt.cur = nil
		return nil
	}
	run, err := firstField(line, pt.f)
	if err != nil {
		return fmt.Errorf("%s:%d: %v", pt.name, pt.lines.line, err)
	}
	if run <= pt.run {
		return fmt.Errorf("%s:%d: run %d comes after run %d: not the output of jugglesim sweep", pt.name, pt.lines.line, run, pt.run)
	}
	pt.cur, pt.run = line, run
	return nil
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

// check checks that a run's row comes where the sweep's order puts it.
func (o *runOrder) check(run uint64, line []byte, f Format) error {
	id, err := o.identity(run, line, f)
	if err != nil {
		return err
	}
	if run == 1 {
		o.first, o.fixed, o.cell = id.seed, id.fixed, id.cell
		return nil
	}
	if id.fixed != o.fixed {
		return fmt.Errorf("run %d is of %s; run 1 of %s", run, id.fixed, o.fixed)
	}
	newCell := id.cell != o.cell
	if o.cellSize == 0 && newCell {
		o.cellSize = run - 1
	}
	want, starts := o.first+run-1, false
	if o.cellSize != 0 {
		pos := (run - 1) % o.cellSize
		want, starts = o.first+pos, pos == 0
	}
	switch {
	case id.seed != want:
		return fmt.Errorf("run %d is seed %d where this sweep has seed %d", run, id.seed, want)
	case newCell && !starts:
		return fmt.Errorf("run %d is in another cell than run %d, in the middle of a cell of %d seeds", run, run-1, o.cellSize)
	case !newCell && starts:
		return fmt.Errorf("run %d starts a new cell but repeats the cell of run %d", run, run-1)
	}
	o.cell = id.cell
	return nil
}

// rowIdentity is what a row says it is: its seed, its cell (the values of the cell's
// columns, each ended by a NUL) and its months and rules version.
type rowIdentity struct {
	seed        uint64
	cell, fixed string
}

// identity reads a row's identity columns.
func (o *runOrder) identity(run uint64, line []byte, f Format) (rowIdentity, error) {
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
		return rowIdentity{}, err
	}
	if len(vals) <= o.Rules || len(vals) <= o.Months {
		return rowIdentity{}, fmt.Errorf("run %d has %d columns", run, len(vals))
	}
	seed, err := strconv.ParseUint(vals[o.Seed], 10, 64)
	if err != nil {
		return rowIdentity{}, fmt.Errorf("run %d: seed %q is not a number", run, vals[o.Seed])
	}
	var b strings.Builder
	for _, i := range o.Cell {
		b.WriteString(vals[i])
		b.WriteByte(0)
	}
	return rowIdentity{seed: seed, cell: b.String(), fixed: vals[o.Months] + " months, rules version " + vals[o.Rules]}, nil
}
