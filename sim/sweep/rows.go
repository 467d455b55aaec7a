package sweep

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"devopsjuggle/sim"
	"devopsjuggle/sim/scenario"
)

// Format is the format of a sweep's rows.
type Format int

// The formats.
const (
	CSV   Format = iota // a header line of column names, then one line per round
	JSONL               // one JSON object per round, its keys in column order
)

func (f Format) String() string {
	if f == JSONL {
		return "jsonl"
	}
	return "csv"
}

// FormatFor picks a format from a file name: .csv, or .jsonl / .ndjson; "-" (stdout) is CSV.
func FormatFor(path string) (Format, error) {
	if path == "-" {
		return CSV, nil
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		return CSV, nil
	case ".jsonl", ".ndjson":
		return JSONL, nil
	}
	return CSV, fmt.Errorf("%s: cannot tell the format from its extension: use .csv or .jsonl", path)
}

// ParseFormat reads "csv" or "jsonl".
func ParseFormat(s string) (Format, error) {
	switch s {
	case "csv":
		return CSV, nil
	case "jsonl", "ndjson":
		return JSONL, nil
	}
	return CSV, fmt.Errorf("-format %q: must be csv or jsonl", s)
}

// kind is a column's JSON type.
type kind uint8

const (
	kNumber kind = iota
	kString
	kBool
)

// Column is one column of the rows.
type Column struct {
	Name string
	kind kind
}

// resultColumns are the fields of sim.Result, in order, but for preset and seed, which
// come first in a row.
var resultColumns, resultIndex = func() ([]Column, []int) {
	var cols []Column
	var idx []int
	t := reflect.TypeOf(sim.Result{})
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" || name == "-" || name == "preset" || name == "seed" {
			continue
		}
		k := kNumber
		switch f.Type.Kind() {
		case reflect.String:
			k = kString
		case reflect.Bool:
			k = kBool
		}
		cols = append(cols, Column{name, k})
		idx = append(idx, i)
	}
	return cols, idx
}()

// Identity columns: what a row is (its run, cell and seed), as opposed to its results.
const (
	colRun    = "run"
	colPreset = "preset"
	colSeed   = "seed"
	// ColDevStrategy and ColOpsStrategy name the strategies a game's row played.
	ColDevStrategy = "dev_strategy"
	ColOpsStrategy = "ops_strategy"
)

// Layout is where a sweep's row says what it is: its cell (the preset, then every varied
// column: those between seed and months), its seed, and the months and rules version
// that every row of one sweep shares.
type Layout struct {
	Cell                []int
	Seed, Months, Rules int
}

// LayoutOf finds the layout among the column names of a file of rows.
func LayoutOf(cols []string) (Layout, error) {
	l := Layout{Seed: -1, Months: -1, Rules: -1}
	preset := -1
	for i, c := range cols {
		switch c {
		case colPreset:
			preset = i
		case colSeed:
			l.Seed = i
		case "months":
			l.Months = i
		case "rules_version":
			l.Rules = i
		}
	}
	if preset < 0 || l.Seed < 0 || l.Months < l.Seed || l.Rules < 0 {
		return Layout{}, errors.New("no preset, seed, months or rules_version column: not the output of jugglesim sweep")
	}
	l.Cell = []int{preset}
	for i := l.Seed + 1; i < l.Months; i++ {
		l.Cell = append(l.Cell, i)
	}
	return l, nil
}

// Columns lists the columns of the plan's rows: run, preset, seed, every varied
// parameter by its path, then every field of sim.Result (jugglesim run -json).
func (p *Plan) Columns() []Column {
	cols := []Column{{colRun, kNumber}, {colPreset, kString}, {colSeed, kNumber}}
	for _, par := range p.Params {
		k := kNumber
		switch {
		case par.Field.IsString():
			k = kString
		case par.Field.Kind == scenario.Bool:
			k = kBool
		}
		cols = append(cols, Column{par.Field.Path, k})
	}
	if p.Games != nil {
		cols = append(cols, Column{ColDevStrategy, kString}, Column{ColOpsStrategy, kString})
	}
	return append(cols, resultColumns...)
}

// Header returns the first line of a file of the plan's rows: the column names for CSV,
// nothing for JSON Lines (each row names its keys).
func (p *Plan) Header(f Format) []byte {
	if f == JSONL {
		return nil
	}
	var b []byte
	for i, c := range p.Columns() {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendCSV(b, c.Name)
	}
	return append(b, '\n')
}

// rowWriter formats rows; one per worker.
type rowWriter struct {
	plan *Plan
	cols []Column
	f    Format
	vals []string
}

func newRowWriter(p *Plan, f Format) *rowWriter {
	return &rowWriter{plan: p, cols: p.Columns(), f: f}
}

// identity returns the values of a job's identity columns.
func (w *rowWriter) identity(j Job) []string {
	w.vals = append(w.vals[:0], strconv.FormatUint(j.Run, 10), w.plan.Sources[w.plan.Cells[j.Cell].Source].Name,
		strconv.FormatUint(j.Seed, 10))
	c := &w.plan.Cells[j.Cell]
	w.vals = append(w.vals, c.Values...)
	if w.plan.Games != nil {
		w.vals = append(w.vals, c.Strategies[0], c.Strategies[1])
	}
	return w.vals
}

// appendRow appends a job's row, with its newline.
func (w *rowWriter) appendRow(b []byte, j Job, r *sim.Result) []byte {
	vals := w.identity(j)
	rv := reflect.ValueOf(r).Elem()
	for _, i := range resultIndex {
		vals = append(vals, text(rv.Field(i)))
	}
	w.vals = vals
	return w.encode(b, vals, true)
}

// appendIdentity appends the start of a job's row: its identity columns and the
// separator after them. Every row of the job starts with these bytes.
func (w *rowWriter) appendIdentity(b []byte, j Job) []byte {
	return w.encode(b, w.identity(j), false)
}

func (w *rowWriter) encode(b []byte, vals []string, whole bool) []byte {
	switch w.f {
	case JSONL:
		b = append(b, '{')
		for i, v := range vals {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, w.cols[i].Name)
			b = append(b, ':')
			if w.cols[i].kind == kString {
				b = appendJSONString(b, v)
			} else {
				b = append(b, v...)
			}
		}
		if whole {
			return append(b, "}\n"...)
		}
		return append(b, ',')
	default:
		for i, v := range vals {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendCSV(b, v)
		}
		if whole {
			return append(b, '\n')
		}
		return append(b, ',')
	}
}

// text formats a Result field as JSON would, without quotes around strings.
func text(v reflect.Value) string {
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(v.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return strconv.FormatUint(v.Uint(), 10)
	case reflect.Float32, reflect.Float64:
		return formatFloat(v.Float())
	case reflect.Bool:
		return strconv.FormatBool(v.Bool())
	case reflect.String:
		return v.String()
	}
	panic("sweep: a Result field of kind " + v.Kind().String())
}

// decodeResult reads a row's values (in the order of cols, the plan's columns) back into
// the sim.Result it was written from: integers and booleans exactly, floats as the same
// float64 (rows hold the shortest decimal that reads back as it; "null" is NaN).
func decodeResult(cols []Column, vals []string, preset string, seed uint64) (sim.Result, error) {
	r := sim.Result{Preset: preset, Seed: seed}
	rv := reflect.ValueOf(&r).Elem()
	first := len(cols) - len(resultColumns)
	for k, i := range resultIndex {
		v, f := vals[first+k], rv.Field(i)
		var err error
		switch f.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			var n int64
			if n, err = strconv.ParseInt(v, 10, 64); err == nil && f.OverflowInt(n) {
				err = errors.New("out of range")
			}
			f.SetInt(n)
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
			var n uint64
			if n, err = strconv.ParseUint(v, 10, 64); err == nil && f.OverflowUint(n) {
				err = errors.New("out of range")
			}
			f.SetUint(n)
		case reflect.Float32, reflect.Float64:
			x := math.NaN()
			if v != "null" {
				x, err = strconv.ParseFloat(v, 64)
			}
			f.SetFloat(x)
		case reflect.Bool:
			var b bool
			b, err = strconv.ParseBool(v)
			f.SetBool(b)
		case reflect.String:
			f.SetString(v)
		}
		if err != nil {
			return r, fmt.Errorf("%s %q: %v", resultColumns[k].Name, v, err)
		}
	}
	return r, nil
}

// formatFloat writes a float as encoding/json does, so that rows match run -json.
func formatFloat(f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "null"
	}
	abs := math.Abs(f)
	fmtc := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		fmtc = 'e'
	}
	b := strconv.AppendFloat(nil, f, fmtc, -1, 64)
	if fmtc == 'e' {
		// clean up e-09 to e-9
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return string(b)
}

func appendJSONString(b []byte, s string) []byte {
	q, _ := json.Marshal(s)
	return append(b, q...)
}

// appendCSV appends one CSV field, quoted when encoding/csv would quote it.
func appendCSV(b []byte, s string) []byte {
	need := s == `\.` || strings.ContainsAny(s, ",\"\r\n")
	if !need && s != "" {
		r, _ := utf8.DecodeRuneInString(s)
		need = unicode.IsSpace(r)
	}
	if !need {
		return append(b, s...)
	}
	b = append(b, '"')
	b = append(b, strings.ReplaceAll(s, `"`, `""`)...)
	return append(b, '"')
}

// splitCSV splits one CSV line (without its newline) into fields.
func splitCSV(line string) ([]string, error) { return splitCSVN(line, -1) }

// splitCSVN splits the first n fields of a CSV line, every one if n < 0.
func splitCSVN(line string, n int) ([]string, error) {
	var out []string
	for len(out) != n {
		if strings.HasPrefix(line, `"`) {
			var f strings.Builder
			i := 1
			for {
				j := strings.IndexByte(line[i:], '"')
				if j < 0 {
					return nil, errors.New("a quoted field is not closed")
				}
				f.WriteString(line[i : i+j])
				i += j + 1
				if i < len(line) && line[i] == '"' {
					f.WriteByte('"')
					i++
					continue
				}
				break
			}
			out = append(out, f.String())
			line = line[i:]
			if line == "" {
				return out, nil
			}
			if line[0] != ',' {
				return nil, errors.New("text after a quoted field")
			}
			line = line[1:]
			continue
		}
		j := strings.IndexByte(line, ',')
		if j < 0 {
			return append(out, line), nil
		}
		out = append(out, line[:j])
		line = line[j+1:]
	}
	return out, nil
}

// splitJSON reads one JSON object line into its keys and values, in order; values are
// written as in a CSV row (strings without quotes).
func splitJSON(line string) (keys, vals []string, err error) { return splitJSONN(line, -1) }

// splitJSONN reads the first n keys and values of a JSON object line, every one and the
// object's end if n < 0.
func splitJSONN(line string, n int) (keys, vals []string, err error) {
	dec := json.NewDecoder(strings.NewReader(line))
	dec.UseNumber()
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, nil, errors.New("not a JSON object")
	}
	for len(vals) != n && dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, nil, err
		}
		k, _ := t.(string)
		v, err := dec.Token()
		if err != nil {
			return nil, nil, err
		}
		var s string
		switch x := v.(type) {
		case json.Number:
			s = x.String()
		case string:
			s = x
		case bool:
			s = strconv.FormatBool(x)
		case nil:
			s = "null"
		default:
			return nil, nil, fmt.Errorf("the value of %q is not a number, string or boolean", k)
		}
		keys = append(keys, k)
		vals = append(vals, s)
	}
	if n < 0 {
		if _, err := dec.Token(); err != nil {
			return nil, nil, err
		}
	}
	return keys, vals, nil
}

// Table reads a file of rows, CSV or JSON Lines, one line at a time (lineReader's rule).
type Table struct {
	Format Format
	Header []string // the column names
	// Partial is set when the file ends in a line with no newline: a row being written,
	// or cut short. Next does not return it.
	Partial bool
	lines   *lineReader
	first   []string // the first JSONL row, read to learn the header
}

// OpenTable reads the header of a table; name names it in errors.
func OpenTable(r io.Reader, name string, f Format) (*Table, error) {
	t := &Table{Format: f, lines: newLineReader(r, name)}
	line, ok, err := t.readLine()
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("%s: empty: no header", name)
	}
	if f == CSV {
		if t.Header, err = splitCSV(line); err != nil {
			return nil, fmt.Errorf("%s:1: %v", name, err)
		}
		if len(t.Header) < 3 || t.Header[0] != colRun {
			return nil, fmt.Errorf("%s:1: not the output of jugglesim sweep (the first column is not %q)", name, colRun)
		}
		return t, nil
	}
	keys, vals, err := splitJSON(line)
	if err != nil {
		return nil, fmt.Errorf("%s:1: %v", name, err)
	}
	if len(keys) < 3 || keys[0] != colRun {
		return nil, fmt.Errorf("%s:1: not the output of jugglesim sweep (the first key is not %q)", name, colRun)
	}
	t.Header, t.first = keys, vals
	return t, nil
}

// readLine returns the next complete line, without its newline ("\n" or "\r\n": a file
// saved by a Windows tool reads as the one written).
func (t *Table) readLine() (string, bool, error) {
	line, ok, err := t.lines.next()
	if !ok {
		t.Partial = t.lines.halfLine() > 0
		return "", false, err
	}
	return string(lineText(line)), true, nil
}

// Line is the number of the line Next last returned.
func (t *Table) Line() int { return t.lines.line }

// Next returns the next row's values, in header order, or false at the end.
func (t *Table) Next() ([]string, bool, error) {
	if t.first != nil {
		v := t.first
		t.first = nil
		return v, true, nil
	}
	line, ok, err := t.readLine()
	if err != nil || !ok {
		return nil, false, err
	}
	if t.Format == CSV {
		vals, err := splitCSV(line)
		if err != nil {
			return nil, false, fmt.Errorf("%s:%d: %v", t.lines.name, t.lines.line, err)
		}
		if len(vals) != len(t.Header) {
			return nil, false, fmt.Errorf("%s:%d: %d fields where the header has %d", t.lines.name, t.lines.line, len(vals), len(t.Header))
		}
		return vals, true, nil
	}
	keys, vals, err := splitJSON(line)
	if err != nil {
		return nil, false, fmt.Errorf("%s:%d: %v", t.lines.name, t.lines.line, err)
	}
	if !slicesEqual(keys, t.Header) {
		return nil, false, fmt.Errorf("%s:%d: the keys differ from the first row's", t.lines.name, t.lines.line)
	}
	return vals, true, nil
}

func slicesEqual(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// firstField returns the run number at the start of a row's line.
func firstField(line []byte, f Format) (uint64, error) {
	if f == JSONL {
		const prefix = `{"run":`
		if !bytes.HasPrefix(line, []byte(prefix)) {
			return 0, errors.New(`a row must start with {"run":`)
		}
		line = line[len(prefix):]
	}
	end := bytes.IndexByte(line, ',')
	if end < 0 {
		return 0, errors.New("no run number")
	}
	run, err := strconv.ParseUint(string(line[:end]), 10, 64)
	if err != nil || run == 0 {
		return 0, fmt.Errorf("%q is not a run number", line[:end])
	}
	return run, nil
}
