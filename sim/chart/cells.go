package chart

import (
	"fmt"
	"image/color"
	"io"
	"strconv"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Cell is one cell of an incentive sweep (jugglesim equilibrium -cells): the equilibrium
// its roles play at one value of the varied field, and its outcomes.
type Cell struct {
	X               float64 // the varied field's value
	Shipped, Uptime float64 // features shipped per round; uptime in percent
	DevPay, OpsPay  float64 // dollars per round
	Dev, Ops        string  // the strategies the equilibrium plays
}

// Cells is a line of cells: one source (a preset or a scenario) at every value of the
// varied field, in the order of X.
type Cells struct {
	Name  string
	Cells []Cell
}

// EquilibriumOutcomes draws, against the varied field (xlabel), the features shipped in
// each cell's equilibrium, a line per source; each point is labelled with its uptime,
// and with dev's strategy where it changes from the point before: above the point, or
// below it where the line rises to the next one. format is "png" or
// "svg".
func EquilibriumOutcomes(w io.Writer, format, xlabel string, lines []Cells, caption string) error {
	if err := checkCells(lines); err != nil {
		return err
	}
	p, _ := newPlot(xlabel, "features shipped per round")
	p.Y.Min = 0
	l := newLegend()
	for i, ln := range lines {
		clr, shape := style(i)
		xys := make(plotter.XYs, len(ln.Cells))
		// A point's label goes above it, or below it where the line rises to the next
		// point (above, the line would cross it).
		var above, below plotter.XYLabels
		for k, c := range ln.Cells {
			xys[k] = plotter.XY{X: c.X, Y: c.Shipped}
			label := strconv.FormatFloat(c.Uptime, 'f', 1, 64) + " %"
			if k == 0 || c.Dev != ln.Cells[k-1].Dev {
				label = "dev " + c.Dev + "\n" + label
			}
			at := &above
			if k+1 < len(ln.Cells) && ln.Cells[k+1].Shipped > c.Shipped {
				at = &below
			}
			at.XYs = append(at.XYs, xys[k])
			at.Labels = append(at.Labels, label)
		}
		line, points, err := plotter.NewLinePoints(xys)
		if err != nil {
			return fmt.Errorf("%s: %w", ln.Name, err)
		}
		line.LineStyle = draw.LineStyle{Color: clr, Width: vg.Points(1.6)}
		points.GlyphStyle = draw.GlyphStyle{Color: clr, Radius: vg.Points(5), Shape: shape}
		p.Add(line, points)
		for _, side := range []struct {
			labels *plotter.XYLabels
			align  draw.YAlignment
			dy     vg.Length
		}{{&above, draw.YBottom, vg.Points(8)}, {&below, draw.YTop, -vg.Points(8)}} {
			if len(side.labels.XYs) == 0 {
				continue
			}
			lab, err := plotter.NewLabels(side.labels)
			if err != nil {
				return fmt.Errorf("%s: %w", ln.Name, err)
			}
			for k := range lab.TextStyle {
				lab.TextStyle[k] = textStyle(captionSize, color.Gray{0x33})
				lab.TextStyle[k].XAlign = draw.XCenter
				lab.TextStyle[k].YAlign = side.align
			}
			lab.Offset = vg.Point{Y: side.dy}
			p.Add(lab)
		}
		l.Add(ln.Name, line, points)
	}
	// Room above the highest point for its label, and beside the first and last.
	dx := 0.06 * (p.X.Max - p.X.Min)
	p.X.Min, p.X.Max, p.Y.Max = p.X.Min-dx, p.X.Max+dx, p.Y.Max*1.2+1
	return render(w, format, chart{
		title:    "The equilibrium's features shipped, and its uptime",
		subtitle: "markers: each cell's equilibrium; labels: uptime, dev's strategy",
		caption:  caption, plot: p, legend: l,
	})
}

// EquilibriumPay draws, against the varied field, each role's mean pay per round in
// each cell's equilibrium: a line per source and role. format is "png" or "svg".
func EquilibriumPay(w io.Writer, format, xlabel string, lines []Cells, caption string) error {
	if err := checkCells(lines); err != nil {
		return err
	}
	if 2*len(lines) > MaxSeries {
		return fmt.Errorf("%d sources: a pay chart tells %d apart at most", len(lines), MaxSeries/2)
	}
	p, _ := newPlot(xlabel, "pay per round ($)")
	p.Y.Min = 0
	l := newLegend()
	for i, ln := range lines {
		for r, role := range []struct {
			name string
			pay  func(Cell) float64
		}{{"dev", func(c Cell) float64 { return c.DevPay }}, {"ops", func(c Cell) float64 { return c.OpsPay }}} {
			clr, shape := style(2*i + r)
			xys := make(plotter.XYs, len(ln.Cells))
			for k, c := range ln.Cells {
				xys[k] = plotter.XY{X: c.X, Y: role.pay(c)}
			}
			line, points, err := plotter.NewLinePoints(xys)
			if err != nil {
				return fmt.Errorf("%s: %w", ln.Name, err)
			}
			line.LineStyle = draw.LineStyle{Color: clr, Width: vg.Points(1.6)}
			if r == 1 {
				line.LineStyle.Dashes = []vg.Length{vg.Points(6), vg.Points(3)}
			}
			points.GlyphStyle = draw.GlyphStyle{Color: clr, Radius: vg.Points(5), Shape: shape}
			p.Add(line, points)
			l.Add(ln.Name+": "+role.name, line, points)
		}
	}
	dx := 0.03 * (p.X.Max - p.X.Min)
	p.X.Min, p.X.Max, p.Y.Max = p.X.Min-dx, p.X.Max+dx, p.Y.Max*1.05+1
	return render(w, format, chart{
		title:    "Pay by role in the equilibrium",
		subtitle: "markers: mean pay per round in each cell's equilibrium; dev solid, ops dashed",
		caption:  caption, plot: p, legend: l,
	})
}

func checkCells(lines []Cells) error {
	if len(lines) == 0 {
		return fmt.Errorf("nothing to plot: no cells")
	}
	if len(lines) > MaxSeries {
		return fmt.Errorf("%d sources: a chart tells %d apart at most", len(lines), MaxSeries)
	}
	for _, ln := range lines {
		if len(ln.Cells) == 0 {
			return fmt.Errorf("%s: no cells", ln.Name)
		}
	}
	return nil
}
