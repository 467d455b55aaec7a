package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"devopsjuggle/sim/chart"
	"devopsjuggle/sim/report"
	"devopsjuggle/sim/sweep"
)

const plotSynopsis = `jugglesim plot [-o chart.png] [-by COLUMNS] [-where COLUMN=VALUE]... FILE...

Draws two charts from the rows of jugglesim sweep (CSV or JSONL; several files, such as
shards, are read as one):
  chart.png      features shipped against uptime: one colour and marker per group, a
                 faint dot per round, and each group's mean with 95 % confidence intervals
  chart-pay.png  mean pay per round of dev and of ops, per group, with 95 % intervals
The second file's name is the first's with -pay before the extension. -o chart.svg
draws SVG instead. A group is a cell of the sweep (the preset and every varied column)
unless -by names the columns to group by; rows that -where leaves out are not drawn.
Rounds of different lengths are never one group (features and pay per round grow with
the months): when the files mix them, each group is split by months.`

func plotCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("plot", plotSynopsis, true)
	out := fs.String("o", "chart.png", "the first chart's `FILE`, .png or .svg; the second gets -pay before the extension")
	by := fs.String("by", "", "comma-separated `COLUMNS` to group rows by (default: preset and every varied column)")
	var where listFlag
	fs.Var(&where, "where", "draw only rows whose `COLUMN=VALUE` (numbers compare as numbers); repeated, rows match any value of one column and every column named")
	points := fs.Int("points", 300, "at most this many single rounds drawn per group, spread evenly over the group's rows")
	if err := fs.parse(args, stdout); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("plot: expected the file of a sweep's rows (see jugglesim plot -h)")
	}
	if *points < 0 {
		return usagef("-points %d: must not be negative", *points)
	}
	format := strings.TrimPrefix(strings.ToLower(filepath.Ext(*out)), ".")
	if format != "png" && format != "svg" {
		return usagef("-o %s: charts are .png or .svg", *out)
	}
	payOut := strings.TrimSuffix(*out, filepath.Ext(*out)) + "-pay" + filepath.Ext(*out)

	if isCellsFile(fs.Arg(0)) {
		if *by != "" || len(where) > 0 {
			return usagef("plot: -by and -where group a sweep's rounds; %s holds an equilibrium sweep's cells", fs.Arg(0))
		}
		return plotCells(fs.Args(), *out, payOut, format, stdout)
	}
	var names []string
	for _, a := range fs.Args() {
		names = append(names, filepath.Base(a))
	}
	g := &grouper{points: *points}
	for _, path := range fs.Args() {
		if err := g.read(path, *by, where); err != nil {
			return err
		}
	}
	series := g.series()
	if len(series) == 0 {
		if len(where) == 0 {
			return usagef("plot: no rows to draw: the files hold no rounds")
		}
		return usagef("plot: no rows to draw: -where matches no round")
	}
	if len(series) > chart.MaxSeries {
		return usagef("plot: %d groups, more than the %d a chart tells apart: group with -by or pick rows with -where", len(series), chart.MaxSeries)
	}
	caption := fmt.Sprintf("%s: %d rounds, rules version %s", strings.Join(names, ", "), g.rows, g.rules)
	var charts []output // both or neither
	for _, c := range []struct {
		path string
		draw func(io.Writer, string, []chart.Series, string) error
	}{{*out, chart.ShippedVsUptime}, {payOut, chart.PayByRole}} {
		var b bytes.Buffer
		if err := c.draw(&b, format, series, caption); err != nil {
			return err
		}
		charts = append(charts, output{"", c.path, text(b.String)})
	}
	if err := writeOutputs(charts...); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s and %s: %s, %s\n", *out, payOut, report.Count(len(series), "group"), report.Count(g.rows, "round"))
	return nil
}

// grouper reads rows and gathers them by group.
type grouper struct {
	points   int
	header   []string
	keys     []int            // the columns of a group's name
	filter   map[int][]string // a row is drawn if, in every column, it has one of the values
	at       map[string]int
	order    []string          // the groups' keys, in the order first seen
	groups   map[string]*group // by key: the name and, unless it holds it, the months
	months   map[string]bool   // the months of the rows added
	byMonths bool              // the name holds the months (-by months)
	rows     int
	rules    string
}

type group struct {
	name   string
	months string
	stats  [4]sweep.Stat // shipped, uptime %, dev pay, ops pay
	points [][2]float64
	stride int // points keeps every stride-th round of the group
}

func (g *grouper) read(path, by string, where []string) error {
	file, err := os.Open(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			return usagef("%s: %v", path, pe.Err)
		}
		return usageError{err}
	}
	defer file.Close()
	// The format: by extension, else by the first byte (a JSON object or a CSV header).
	rd := bufio.NewReader(file)
	f, err := sweep.FormatFor(path)
	if err != nil {
		first, _ := rd.Peek(1)
		f = sweep.CSV
		if len(first) == 1 && first[0] == '{' {
			f = sweep.JSONL
		}
	}
	t, err := sweep.OpenTable(rd, path, f)
	if err != nil {
		return usageError{err}
	}
	if g.header == nil {
		if err := g.setup(t.Header, path, by, where); err != nil {
			return err
		}
	} else if strings.Join(t.Header, ",") != strings.Join(g.header, ",") {
		return usagef("%s: its columns differ from %s's", path, "the first file")
	}
	for {
		vals, ok, err := t.Next()
		if err != nil {
			return usageError{err}
		}
		if !ok {
			break
		}
		if err := g.add(vals, path, t.Line()); err != nil {
			return err
		}
	}
	// A last line being written (a running sweep) is left out.
	return nil
}

func (g *grouper) setup(header []string, path, by string, where []string) error {
	g.header = header
	g.at = map[string]int{}
	for i, h := range header {
		g.at[h] = i
	}
	for _, need := range []string{"shipped", "uptime", "dev_pay", "ops_pay", "preset", "seed", "months", "rules_version"} {
		if _, ok := g.at[need]; !ok {
			return usagef("%s: no %s column: not the output of jugglesim sweep", path, need)
		}
	}
	if by == "" {
		l, err := sweep.LayoutOf(header)
		if err != nil {
			return usagef("%s: %v", path, err)
		}
		g.keys = l.Cell
	} else {
		for _, col := range splitList(by) {
			i, ok := g.at[col]
			if !ok {
				return usagef("-by %s: %s has no column %q", by, path, col)
			}
			g.keys = append(g.keys, i)
			g.byMonths = g.byMonths || col == "months"
		}
	}
	g.filter = map[int][]string{}
	for _, w := range where {
		col, val, ok := strings.Cut(w, "=")
		i, known := g.at[col]
		if !ok || !known {
			return usagef("-where %q: expected COLUMN=VALUE with a column of %s", w, path)
		}
		g.filter[i] = append(g.filter[i], val)
	}
	g.groups, g.months = map[string]*group{}, map[string]bool{}
	return nil
}

func (g *grouper) add(vals []string, path string, line int) error {
	for i, want := range g.filter {
		if !slices.ContainsFunc(want, func(w string) bool { return sameValue(vals[i], w) }) {
			return nil
		}
	}
	if r := vals[g.at["rules_version"]]; g.rules == "" {
		g.rules = r
	} else if r != g.rules {
		return usagef("%s:%d: rules version %s among rows of rules version %s: the model changed between them; plot them apart", path, line, r, g.rules)
	}
	name, months := g.name(vals), vals[g.at["months"]]
	key := name
	if !g.byMonths {
		key += "\x00" + months
	}
	gr, ok := g.groups[key]
	if !ok {
		gr = &group{name: name, months: months, stride: 1}
		g.groups[key] = gr
		g.order = append(g.order, key)
	}
	g.months[months] = true
	var x [4]float64
	for k, col := range []string{"shipped", "uptime", "dev_pay", "ops_pay"} {
		v, err := strconv.ParseFloat(vals[g.at[col]], 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return usagef("%s:%d: %s %q is not a number", path, line, col, vals[g.at[col]])
		}
		x[k] = v
	}
	x[1] *= 100
	for k := range x {
		gr.stats[k].Add(x[k])
	}
	// Every stride-th round; when points are full, every other one goes and the stride
	// doubles, so the cloud samples the whole group, not its first cell.
	if n := gr.stats[0].N - 1; g.points > 0 && n%gr.stride == 0 {
		if len(gr.points) == g.points {
			for k := range (len(gr.points) + 1) / 2 {
				gr.points[k] = gr.points[2*k]
			}
			gr.points = gr.points[:(len(gr.points)+1)/2]
			gr.stride *= 2
		}
		if n%gr.stride == 0 {
			gr.points = append(gr.points, [2]float64{x[1], x[0]})
		}
	}
	g.rows++
	return nil
}

// sameValue compares a cell with a -where value: as numbers when both are (0.90 is
// 0.9), else as text.
func sameValue(cell, want string) bool {
	if cell == want {
		return true
	}
	a, err1 := strconv.ParseFloat(cell, 64)
	b, err2 := strconv.ParseFloat(want, 64)
	return err1 == nil && err2 == nil && a == b
}

func (g *grouper) name(vals []string) string {
	parts := make([]string, len(g.keys))
	for k, i := range g.keys {
		if g.header[i] == "preset" {
			parts[k] = vals[i]
		} else {
			parts[k] = g.header[i] + "=" + vals[i]
		}
	}
	return strings.Join(parts, " ")
}

func (g *grouper) series() []chart.Series {
	var out []chart.Series
	for _, key := range g.order {
		gr := g.groups[key]
		name := gr.name
		if len(g.months) > 1 && !g.byMonths {
			name += " months=" + gr.months
		}
		// An interval ends where the figure can: no fewer than 0 features, uptime
		// within 0-100 %. A class of a few teams has wide ones (Student's t with 1 degree
		// of freedom is 12.7), which ran the features axis below zero.
		est := func(s *sweep.Stat, lo, hi float64) chart.Estimate {
			ci := s.CI95()
			if math.IsNaN(ci) {
				ci = 0
			}
			return chart.Estimate{Mean: s.Mean(), Lo: max(s.Mean()-ci, lo), Hi: min(s.Mean()+ci, hi)}
		}
		inf := math.Inf(1)
		out = append(out, chart.Series{
			Name: name, Rounds: gr.stats[0].N,
			Shipped: est(&gr.stats[0], 0, inf), Uptime: est(&gr.stats[1], 0, 100),
			DevPay: est(&gr.stats[2], -inf, inf), OpsPay: est(&gr.stats[3], -inf, inf),
			Points: gr.points,
		})
	}
	return out
}
