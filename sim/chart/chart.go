// Package chart draws the charts of sweep results for researchers (jugglesim plot):
// features shipped against uptime, and pay by role. gonum/plot draws the axes, ticks,
// grid, scatter, error bars, bar charts and legend; this package chooses what to draw and
// where the title and legend go.
//
// It is the research side's alone: the game and its browser build must not link gonum
// (sim/imports_test.go checks it), so nothing the game imports may import this package.
package chart

import (
	"fmt"
	"image/color"
	"io"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Estimate is a mean with its 95 % confidence interval.
type Estimate struct{ Mean, Lo, Hi float64 }

// Series is one group of rounds in a chart: a preset, a scenario, or a cell of a sweep.
type Series struct {
	Name    string
	Rounds  int
	Uptime  Estimate // percent
	Shipped Estimate
	DevPay  Estimate // dollars per round
	OpsPay  Estimate
	// Points are some of the rounds, (uptime %, features shipped), drawn as a faint cloud.
	Points [][2]float64
}

// Okabe and Ito's colour-blind-safe palette, yellow last (it is faint on white).
var palette = []color.NRGBA{
	{0x00, 0x72, 0xB2, 0xFF}, // blue
	{0xD5, 0x5E, 0x00, 0xFF}, // vermillion
	{0x00, 0x9E, 0x73, 0xFF}, // bluish green
	{0xCC, 0x79, 0xA7, 0xFF}, // reddish purple
	{0xE6, 0x9F, 0x00, 0xFF}, // orange
	{0x56, 0xB4, 0xE9, 0xFF}, // sky blue
	{0x00, 0x00, 0x00, 0xFF}, // black
	{0xF0, 0xE4, 0x42, 0xFF}, // yellow
}

var glyphs = []draw.GlyphDrawer{
	draw.CircleGlyph{}, draw.SquareGlyph{}, draw.TriangleGlyph{}, draw.PyramidGlyph{},
	draw.RingGlyph{}, draw.BoxGlyph{}, draw.CrossGlyph{}, draw.PlusGlyph{},
}

// MaxSeries is the most series a chart shows: beyond it, neither colours nor legend
// can be told apart.
const MaxSeries = 24

// style returns series i's colour and marker: both change from one series to the next,
// so that no two of the first MaxSeries look the same, even in grey.
func style(i int) (color.NRGBA, draw.GlyphDrawer) {
	return palette[i%len(palette)], glyphs[(i+i/len(palette))%len(glyphs)]
}

// Chart sizes: 9 x 6 inches, 150 dots per inch in PNG; text in points, large enough to
// read on a projected slide.
const (
	chartW = 9 * vg.Inch
	chartH = 6 * vg.Inch
	dpi    = 150
	margin = vg.Length(12)

	titleSize   = 18
	labelSize   = 15 // axis labels, subtitle
	tickSize    = 13 // tick labels, legend
	captionSize = 11
)

// sans is Liberation Sans, one of the fonts gonum/plot carries (its default is the serif).
func sans(size vg.Length) font.Font {
	return font.Font{Typeface: "Liberation", Variant: "Sans", Size: size}
}

func textStyle(size vg.Length, c color.Color) text.Style {
	return text.Style{Color: c, Font: sans(size), Handler: plot.DefaultTextHandler, YAlign: draw.YTop}
}

// newPlot returns a plot with the charts' fonts, ticks, axis labels and light grid
// lines.
func newPlot(xlabel, ylabel string) (*plot.Plot, *plotter.Grid) {
	p := plot.New()
	p.BackgroundColor = nil // render fills the whole chart
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = sans(labelSize)
		a.Label.Padding = vg.Points(6)
		a.Tick.Label.Font = sans(tickSize)
		a.Tick.Marker = ticker{}
		a.LineStyle.Color = color.Gray{0x44}
		a.Tick.LineStyle.Color = color.Gray{0x44}
	}
	p.X.Label.Text, p.Y.Label.Text = xlabel, ylabel
	grid := plotter.NewGrid()
	grid.Vertical = draw.LineStyle{Color: color.Gray{0xDD}, Width: vg.Points(0.75)}
	grid.Horizontal = grid.Vertical
	p.Add(grid)
	return p, grid
}

// ticker is the axes' plot.Ticker: gonum/plot's default labels few ticks, at steps such
// as 6 or 2.5 and with needless decimals (0.00). This one labels 2 to maxTicks ticks at
// the smallest step of 1, 2 or 5 times a power of ten that keeps within maxTicks,
// printed with the decimals the step needs.
type ticker struct{}

const maxTicks = 7

// Ticks returns the ticks in [lo, hi].
func (ticker) Ticks(lo, hi float64) []plot.Tick {
	const eps = 1e-9
	// From a tenth of the range's power of ten, the range is 10 to 100 units: a step of
	// 20 units leaves at most 6 ticks.
	unit := math.Pow(10, math.Floor(math.Log10(hi-lo))-1)
	var step, first, last float64
	for _, m := range []float64{1, 2, 5, 10, 20} {
		step = m * unit
		first, last = math.Ceil(lo/step-eps), math.Floor(hi/step+eps)
		if last-first+1 <= maxTicks {
			break
		}
	}
	digits := max(0, -int(math.Floor(math.Log10(step)+eps)))
	var ticks []plot.Tick
	for k := first; k <= last; k++ {
		v := k * step
		label := strconv.FormatFloat(v, 'f', digits, 64)
		if strings.Trim(label, "-0.") == "" {
			label = strings.TrimPrefix(label, "-") // no "-0"
		}
		ticks = append(ticks, plot.Tick{Value: v, Label: label})
	}
	return ticks
}

// newLegend returns a legend for the column right of the plot, from its top down.
func newLegend() plot.Legend {
	l := plot.NewLegend()
	l.TextStyle.Font = sans(tickSize)
	l.Left, l.Top = true, true
	l.Padding = vg.Points(4)
	l.ThumbnailWidth = vg.Points(16)
	return l
}

// chart is what render lays out: a title, a subtitle that says how to read the chart,
// a caption that says where the data came from, the plot and its legend.
type chart struct {
	title, subtitle, caption string
	plot                     *plot.Plot
	legend                   plot.Legend
	// fit, if set, is called with the plot's area before it is drawn: bars are sized in
	// points, and the area is known only here.
	fit func(area draw.Canvas)
}

// render draws a chart in format, "png" or "svg", and writes it to w. A legend too long
// for the chart is set smaller, down to the caption's size, then the chart grows taller
// to hold it.
func render(w io.Writer, format string, ch chart) error {
	lines := []struct {
		text string
		sty  text.Style
	}{
		{ch.title, textStyle(titleSize, color.Black)},
		{ch.subtitle, textStyle(labelSize, color.Black)},
		{ch.caption, textStyle(captionSize, color.Gray{0x55})},
	}
	titleH := margin
	for _, line := range lines {
		if line.text != "" {
			titleH += line.sty.Height(line.text) + 2
		}
	}
	legendH := func() vg.Length {
		r := ch.legend.Rectangle(draw.Canvas{})
		return r.Max.Y - r.Min.Y
	}
	height := chartH
	for ch.legend.TextStyle.Font.Size > captionSize && titleH+legendH()+2*margin > height {
		ch.legend.TextStyle.Font.Size--
	}
	height = max(height, titleH+legendH()+2*margin)

	var c vg.CanvasWriterTo
	switch format {
	case "png":
		// plot.WriterTo would draw at 96 dots per inch: too coarse for a slide.
		c = vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(chartW, height), vgimg.UseDPI(dpi))}
	case "svg":
		// Fonts embedded: a viewer without Liberation Sans would otherwise fall back to
		// another font, whose widths break the layout.
		c = vgsvg.NewWith(vgsvg.UseWH(chartW, height), vgsvg.EmbedFonts(true))
	default:
		return fmt.Errorf("charts are png or svg, not %q", format)
	}
	dc := draw.New(c)
	dc.SetColor(color.White)
	dc.Fill(dc.Rectangle.Path())

	// The title block, left-aligned at the top.
	top := height - margin
	for _, line := range lines {
		if line.text != "" {
			dc.FillText(line.sty, vg.Point{X: margin, Y: top}, line.text)
			top -= line.sty.Height(line.text) + 2
		}
	}
	top -= margin

	r := ch.legend.Rectangle(dc)
	legendW := r.Max.X - r.Min.X + 2*margin
	area := draw.Crop(dc, margin, -legendW, margin, top-height)
	if ch.fit != nil {
		ch.fit(area)
	}
	ch.plot.Draw(area)
	ch.legend.Draw(draw.Crop(dc, chartW-legendW+margin, 0, margin, top-height))
	_, err := c.WriteTo(w)
	return err
}

// meanCI is one mean with its 95 % intervals on both axes, for plotter's error bars.
type meanCI struct {
	plotter.XYs
	plotter.XErrors
	plotter.YErrors
}

func newMeanCI(x, y Estimate) meanCI {
	return meanCI{
		XYs:     plotter.XYs{{X: x.Mean, Y: y.Mean}},
		XErrors: plotter.XErrors{{Low: x.Mean - x.Lo, High: x.Hi - x.Mean}},
		YErrors: plotter.YErrors{{Low: y.Mean - y.Lo, High: y.Hi - y.Mean}},
	}
}

// ShippedVsUptime draws features shipped against uptime, one colour and marker per
// series: a faint cloud of single rounds, and each series' mean with its 95 %
// confidence intervals on both axes. format is "png" or "svg".
func ShippedVsUptime(w io.Writer, format string, series []Series, caption string) error {
	if err := checkSeries(series); err != nil {
		return err
	}
	p, _ := newPlot("uptime (% of the round)", "features shipped per round")
	p.Y.Min = 0 // features are counted from zero
	l := newLegend()
	for i, s := range series {
		clr, _ := style(i)
		clr.A = 0x50
		cloud, err := plotter.NewScatter(pointsXY(s.Points))
		if err != nil {
			return fmt.Errorf("%s: %w", s.Name, err)
		}
		cloud.GlyphStyle = draw.GlyphStyle{Color: clr, Radius: vg.Points(1.6), Shape: draw.CircleGlyph{}}
		p.Add(cloud)
	}
	for i, s := range series {
		clr, shape := style(i)
		m := newMeanCI(s.Uptime, s.Shipped)
		xbars, err := plotter.NewXErrorBars(m)
		if err != nil {
			return fmt.Errorf("%s: %w", s.Name, err)
		}
		ybars, err := plotter.NewYErrorBars(m)
		if err != nil {
			return fmt.Errorf("%s: %w", s.Name, err)
		}
		for _, b := range []*draw.LineStyle{&xbars.LineStyle, &ybars.LineStyle} {
			*b = draw.LineStyle{Color: clr, Width: vg.Points(1.6)}
		}
		xbars.CapWidth, ybars.CapWidth = vg.Points(6), vg.Points(6)
		// A white disc under the marker keeps a hollow one readable over its cloud.
		// (NewXErrorBars has checked the point: NewScatter cannot fail on it.)
		halo, _ := plotter.NewScatter(m.XYs)
		halo.GlyphStyle = draw.GlyphStyle{Color: color.White, Radius: vg.Points(7.5), Shape: draw.CircleGlyph{}}
		mean, _ := plotter.NewScatter(m.XYs)
		mean.GlyphStyle = draw.GlyphStyle{Color: clr, Radius: vg.Points(6), Shape: shape}
		p.Add(xbars, ybars, halo, mean)
		l.Add(legendName(s), halo, mean)
	}
	// A little room beyond the data, so that no marker is cut in half by an axis.
	dx, dy := 0.03*(p.X.Max-p.X.Min), 0.03*(p.Y.Max-p.Y.Min)
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = p.X.Min-dx, p.X.Max+dx, p.Y.Min-dy, p.Y.Max+dy
	return render(w, format, chart{
		title:    "Features shipped against uptime",
		subtitle: "markers: means; bars: 95 % confidence intervals; dots: single rounds",
		caption:  caption, plot: p, legend: l,
	})
}

func pointsXY(pts [][2]float64) plotter.XYs {
	xys := make(plotter.XYs, len(pts))
	for i, pt := range pts {
		xys[i].X, xys[i].Y = pt[0], pt[1]
	}
	return xys
}

// PayByRole draws each series' mean pay per round for dev and ops side by side, with
// 95 % confidence intervals. format is "png" or "svg".
func PayByRole(w io.Writer, format string, series []Series, caption string) error {
	if err := checkSeries(series); err != nil {
		return err
	}
	p, grid := newPlot("", "pay per round ($)")
	grid.Vertical.Color = nil // the groups are categories
	p.X.Padding = 0           // the bars stand on the axis
	p.X.Min, p.X.Max = -0.5, float64(len(series))-0.5
	l := newLegend()
	// The two bars of a group stand either side of its tick, half a group's width in all.
	const half = 0.2
	var bars []*plotter.BarChart
	for r, role := range []struct {
		name string
		pay  func(Series) Estimate
	}{{"dev", func(s Series) Estimate { return s.DevPay }}, {"ops", func(s Series) Estimate { return s.OpsPay }}} {
		var means plotter.Values
		ci := meanCI{}
		for i, s := range series {
			e := role.pay(s)
			means = append(means, e.Mean)
			ci.XYs = append(ci.XYs, plotter.XY{X: float64(i) + half*float64(2*r-1), Y: e.Mean})
			ci.YErrors = append(ci.YErrors, struct{ Low, High float64 }{e.Mean - e.Lo, e.Hi - e.Mean})
		}
		b, err := plotter.NewBarChart(means, 1)
		if err != nil {
			return err
		}
		b.XMin = half * float64(2*r-1)
		b.Color = palette[r]
		b.LineStyle.Width = 0
		whiskers, err := plotter.NewYErrorBars(ci)
		if err != nil {
			return err
		}
		whiskers.LineStyle = draw.LineStyle{Color: color.Black, Width: vg.Points(1.4)}
		bars = append(bars, b)
		p.Add(b, whiskers)
		l.Add(role.name, b)
	}
	var names []string
	for _, s := range series {
		names = append(names, legendName(s))
	}
	return render(w, format, chart{
		title:    "Pay by role",
		subtitle: "bars: mean pay per round; whiskers: 95 % confidence intervals",
		caption:  caption, plot: p, legend: l,
		fit: func(area draw.Canvas) {
			groupW := func() vg.Length {
				data := p.DataCanvas(area)
				return (data.Max.X - data.Min.X) / vg.Length(len(series))
			}
			fitLabels(p, names, groupW())
			w := groupW()
			for _, b := range bars {
				b.Width = 2 * half * w * 0.95
			}
		},
	})
}

// fitLabels breaks the groups' names at spaces, one word a line, or, when a word is
// still wider than its group, tilts them and leaves room left of the first name.
func fitLabels(p *plot.Plot, names []string, group vg.Length) {
	tick := &p.X.Tick.Label
	widest := vg.Length(0)
	wrapped := make([]string, len(names))
	for i, n := range names {
		wrapped[i] = strings.ReplaceAll(n, " ", "\n")
		for _, word := range strings.Fields(n) {
			widest = max(widest, tick.Width(word))
		}
	}
	axisLine := p.X.LineStyle
	defer func() { p.X.LineStyle = axisLine }() // NominalX hides it; the bars stand on it
	if widest < group*0.95 {
		p.NominalX(wrapped...)
		p.Y.Padding = 0 // NominalX's room for the first name: it fits in its group
		return
	}
	p.NominalX(names...)
	// Tilted so that neighbours stand a line and a half apart, and at least 30°.
	tick.Rotation = math.Asin(min(1, 1.5*float64(tick.Height("0")/group)))
	tick.Rotation = max(tick.Rotation, math.Pi/6)
	tick.XAlign, tick.YAlign = draw.XRight, draw.YTop
	p.Y.Padding = max(0, tick.Width(names[0])*vg.Length(math.Cos(tick.Rotation))-group/2)
}

func checkSeries(series []Series) error {
	if len(series) == 0 {
		return fmt.Errorf("nothing to plot: no rounds")
	}
	if len(series) > MaxSeries {
		return fmt.Errorf("%d series: a chart tells %d apart at most", len(series), MaxSeries)
	}
	return nil
}

// legendName is a series' name and its number of rounds.
func legendName(s Series) string {
	return fmt.Sprintf("%s (n=%d)", s.Name, s.Rounds)
}
