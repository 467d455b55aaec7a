package sweep

import (
	"reflect"
	"strconv"

	"devopsjuggle/sim"
)

// RoundRows writes the rows of rounds played outside a sweep (the class server's), in
// the columns of a sweep with no varied parameter (run, preset, seed, then every field of
// sim.Result) followed by extra columns: the same scripts read both.
type RoundRows struct {
	w rowWriter
}

// NewRoundRows returns a writer of rows with the extra columns named.
func NewRoundRows(f Format, extra ...string) *RoundRows {
	cols := append([]Column{{colRun, kNumber}, {colPreset, kString}, {colSeed, kNumber}}, resultColumns...)
	for _, e := range extra {
		cols = append(cols, Column{e, kString})
	}
	return &RoundRows{w: rowWriter{cols: cols, f: f}}
}

// Header returns the CSV header line (nothing for JSON Lines).
func (rr *RoundRows) Header() []byte {
	if rr.w.f == JSONL {
		return nil
	}
	var b []byte
	for i, c := range rr.w.cols {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendCSV(b, c.Name)
	}
	return append(b, '\n')
}

// AppendRow appends the row of a round, numbered run, with the extra columns' values.
func (rr *RoundRows) AppendRow(b []byte, run uint64, r *sim.Result, extra ...string) []byte {
	w := &rr.w
	vals := append(w.vals[:0], strconv.FormatUint(run, 10), r.Preset, strconv.FormatUint(r.Seed, 10))
	rv := reflect.ValueOf(r).Elem()
	for _, i := range resultIndex {
		vals = append(vals, text(rv.Field(i)))
	}
	vals = append(vals, extra...)
	w.vals = vals
	return w.encode(b, vals, true)
}
