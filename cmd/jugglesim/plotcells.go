package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"devopsjuggle/sim/chart"
	"devopsjuggle/sim/report"
)

// cellColumn reports whether a column of a -cells file is one of its own (cellColumns,
// the cell's name and its preset), not a varied field.
func cellColumn(col string) bool {
	return col == "cell" || col == "preset" || slices.Contains(cellColumns, col)
}

// isCellsFile reports whether a file holds jugglesim equilibrium's -cells rows (CSV or
// JSON Lines): its first line names dev_strategy and objective, and no seed.
func isCellsFile(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	first, _ := bufio.NewReader(f).ReadString('\n')
	has := func(col string) bool {
		return strings.Contains(first, `"`+col+`"`) || slices.Contains(strings.Split(strings.TrimSpace(first), ","), col)
	}
	return has("dev_strategy") && has("objective") && !has("seed")
}

// cellRows reads a -cells file: its rows as column -> value, and its varied columns.
func cellRows(path string) ([]map[string]string, []string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			return nil, nil, usagef("%s: %v", path, pe.Err)
		}
		return nil, nil, err
	}
	var rows []map[string]string
	var varied []string
	if bytes.HasPrefix(b, []byte("{")) {
		for i, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
			var m map[string]any
			if err := json.Unmarshal([]byte(line), &m); err != nil {
				return nil, nil, usagef("%s:%d: %v", path, i+1, err)
			}
			row := map[string]string{}
			for k, v := range m {
				row[k] = fmt.Sprint(v)
				if i == 0 && !cellColumn(k) {
					varied = append(varied, k)
				}
			}
			rows = append(rows, row)
		}
		sort.Strings(varied)
		return rows, varied, nil
	}
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		return nil, nil, usagef("%s: %v", path, err)
	}
	for _, h := range recs[0] {
		if !cellColumn(h) {
			varied = append(varied, h)
		}
	}
	for _, rec := range recs[1:] {
		row := map[string]string{}
		for i, h := range recs[0] {
			row[h] = rec[i]
		}
		rows = append(rows, row)
	}
	return rows, varied, nil
}

// plotCells draws an incentive sweep's cells (jugglesim equilibrium -cells): the
// equilibrium's features shipped and uptime, and each role's pay, against the one
// varied field, a line per preset or scenario.
func plotCells(paths []string, out, payOut, format string, stdout io.Writer) error {
	var lines []chart.Cells
	at := map[string]int{}
	xlabel, rules := "", ""
	n := 0
	for _, path := range paths {
		rows, varied, err := cellRows(path)
		if err != nil {
			return err
		}
		if len(varied) != 1 {
			return usagef("plot: %s: the cells of %s; a chart of cells draws one varied field against the equilibrium (jugglesim equilibrium with one -vary)",
				path, report.Count(len(varied), "varied field"))
		}
		if xlabel == "" {
			xlabel = varied[0]
		} else if xlabel != varied[0] {
			return usagef("plot: %s varies %s, not %s as %s does", path, varied[0], xlabel, paths[0])
		}
		for i, row := range rows {
			var c chart.Cell
			var err error
			for _, f := range []struct {
				col string
				v   *float64
			}{{xlabel, &c.X}, {"shipped", &c.Shipped}, {"uptime", &c.Uptime}, {"dev_pay", &c.DevPay}, {"ops_pay", &c.OpsPay}} {
				if *f.v, err = strconv.ParseFloat(row[f.col], 64); err != nil {
					return usagef("plot: %s: row %d: %s %q is not a number", path, i+1, f.col, row[f.col])
				}
			}
			c.Uptime *= 100
			c.Dev, c.Ops = row["dev_strategy"], row["ops_strategy"]
			name := row["preset"]
			k, ok := at[name]
			if !ok {
				k, at[name] = len(lines), len(lines)
				lines = append(lines, chart.Cells{Name: name})
			}
			lines[k].Cells = append(lines[k].Cells, c)
			rules = row["rules_version"]
			n++
		}
	}
	if n == 0 {
		return usagef("plot: no cells to draw: the files hold none")
	}
	for _, ln := range lines {
		sort.SliceStable(ln.Cells, func(i, j int) bool { return ln.Cells[i].X < ln.Cells[j].X })
	}
	caption := fmt.Sprintf("%s: the equilibria of %s, rules version %s", strings.Join(baseNames(paths), ", "), report.Count(n, "cell"), rules)
	var charts []output
	for _, c := range []struct {
		path string
		draw func(io.Writer, string, string, []chart.Cells, string) error
	}{{out, chart.EquilibriumOutcomes}, {payOut, chart.EquilibriumPay}} {
		var b bytes.Buffer
		if err := c.draw(&b, format, xlabel, lines, caption); err != nil {
			return usageError{err}
		}
		charts = append(charts, output{"", c.path, text(b.String)})
	}
	if err := writeOutputs(charts...); err != nil {
		return err
	}
	_, err := fmt.Fprintf(stdout, "wrote %s and %s: the equilibria of %s\n", out, payOut, report.Count(n, "cell"))
	return err
}

// baseNames returns the paths' file names.
func baseNames(paths []string) []string {
	var names []string
	for _, p := range paths {
		names = append(names, filepath.Base(p))
	}
	return names
}
