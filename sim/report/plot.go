package report

// The charts of sweep results, drawn with gonum/plot's drawing layers (vg, vg/draw,
// vgimg, vgsvg, its Liberation fonts). The plot package itself, with its axes and
// legends, cannot be used here: it imports every output format, PDF's among them, and
// that one imports math/rand, which TestLayering keeps out of everything under sim/ and
// cmd/jugglesim. So this file lays out the axes, ticks and legend itself.

import (
	"fmt"
	"image/color"
	"io"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/font/liberation"
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

// Chart sizes: 9 x 6 inches, 150 dots per inch in PNG.
const (
	chartW = 9 * vg.Inch
	chartH = 6 * vg.Inch
	dpi    = 150
)

var fonts = font.NewCache(liberation.Collection())

func textStyle(size vg.Length) draw.TextStyle {
	return draw.TextStyle{
		Color:   color.Black,
		Font:    font.Font{Typeface: "Liberation", Variant: "Sans", Size: size},
		Handler: text.Plain{Fonts: fonts},
	}
}

var (
	titleStyle = textStyle(15)
	labelStyle = textStyle(13)
	tickStyle  = textStyle(11)
	smallStyle = textStyle(10)
	gridLine   = draw.LineStyle{Color: color.Gray{0xDD}, Width: vg.Points(0.5)}
	axisLine   = draw.LineStyle{Color: color.Gray{0x44}, Width: vg.Points(1)}
)

// canvas is a blank chart in a format: "png" or "svg".
type canvas struct {
	vg.CanvasWriterTo
	dc draw.Canvas
}

func newCanvas(format string) (*canvas, error) {
	var c vg.CanvasWriterTo
	switch format {
	case "png":
		img := vgimg.NewWith(vgimg.UseWH(chartW, chartH), vgimg.UseDPI(dpi), vgimg.UseBackgroundColor(color.White))
		c = vgimg.PngCanvas{Canvas: img}
	case "svg":
		// Fonts embedded: a viewer without Liberation Sans would otherwise fall back to
		// another font, whose widths break the layout.
		c = vgsvg.NewWith(vgsvg.UseWH(chartW, chartH), vgsvg.EmbedFonts(true))
	default:
		return nil, fmt.Errorf("charts are png or svg, not %q", format)
	}
	dc := draw.New(c)
	dc.FillPolygon(color.White, []vg.Point{{X: 0, Y: 0}, {X: chartW, Y: 0}, {X: chartW, Y: chartH}, {X: 0, Y: chartH}})
	return &canvas{c, dc}, nil
}

// frame is a chart's plot area and the scales of its axes.
type frame struct {
	dc                     draw.Canvas
	x0, x1, y0, y1         vg.Length // the plot area on the canvas
	xmin, xmax, ymin, ymax float64   // the data it shows
	xticks, yticks         []float64
	xdigits, ydigits       int
	xlabel, ylabel         string
	titleLines             []string // the title, then a subtitle
	caption                string   // where the data came from
	noXTicks               bool     // categories instead (bars)
	catLabelH              vg.Length
	legendW                vg.Length
	legendTitle            string
	legendNames            []string
	legendGlyph            func(i int) (clr color.NRGBA, g draw.GlyphDrawer, square bool)
}

func (f *frame) X(v float64) vg.Length {
	return f.x0 + vg.Length((v-f.xmin)/(f.xmax-f.xmin))*(f.x1-f.x0)
}

func (f *frame) Y(v float64) vg.Length {
	return f.y0 + vg.Length((v-f.ymin)/(f.ymax-f.ymin))*(f.y1-f.y0)
}

const margin = vg.Length(12)

// layout places the title, the legend on the right and the axes' labels, and leaves the
// plot area.
func (f *frame) layout() {
	W, H := chartW, chartH
	top := H - margin
	for _, l := range f.titleLines {
		top -= titleStyle.Height(l)
	}
	if f.caption != "" {
		top -= smallStyle.Height(f.caption) + 2
	}
	f.y1 = top - 10
	// The legend: a column on the right.
	f.legendW = 0
	for _, n := range f.legendNames {
		f.legendW = max(f.legendW, tickStyle.Width(n))
	}
	if f.legendTitle != "" {
		f.legendW = max(f.legendW-18, labelStyle.Width(f.legendTitle)-18)
	}
	f.legendW += 18 + 2*margin
	f.x1 = W - margin - f.legendW
	// The y axis: its label, rotated, then the tick labels.
	maxTick := vg.Length(0)
	for _, t := range f.yticks {
		maxTick = max(maxTick, tickStyle.Width(fmtTick(t, f.ydigits)))
	}
	f.x0 = margin + labelStyle.Height(f.ylabel) + 8 + maxTick + 6
	// The x axis: tick labels or categories, then its label.
	below := labelStyle.Height(f.xlabel) + 8 + tickStyle.Height("0") + 6
	if f.noXTicks {
		below = labelStyle.Height(f.xlabel) + 8 + f.catLabelH + 6
	}
	f.y0 = margin + below
}

// drawAxes draws the title, grid, axes, ticks and labels.
func (f *frame) drawAxes() {
	dc := f.dc
	y := chartH - margin
	for i, l := range f.titleLines {
		st := titleStyle
		if i > 0 {
			st = labelStyle
		}
		st.YAlign = draw.YTop
		dc.FillText(st, vg.Point{X: margin, Y: y}, l)
		y -= st.Height(l)
	}
	if f.caption != "" {
		st := smallStyle
		st.YAlign = draw.YTop
		st.Color = color.Gray{0x44}
		dc.FillText(st, vg.Point{X: margin, Y: y - 2}, f.caption)
	}
	for _, t := range f.yticks {
		yy := f.Y(t)
		dc.StrokeLine2(gridLine, f.x0, yy, f.x1, yy)
		st := tickStyle
		st.XAlign, st.YAlign = draw.XRight, draw.YCenter
		dc.FillText(st, vg.Point{X: f.x0 - 6, Y: yy}, fmtTick(t, f.ydigits))
	}
	if !f.noXTicks {
		for _, t := range f.xticks {
			xx := f.X(t)
			dc.StrokeLine2(gridLine, xx, f.y0, xx, f.y1)
			st := tickStyle
			st.XAlign, st.YAlign = draw.XCenter, draw.YTop
			dc.FillText(st, vg.Point{X: xx, Y: f.y0 - 6}, fmtTick(t, f.xdigits))
		}
	}
	dc.StrokeLine2(axisLine, f.x0, f.y0, f.x1, f.y0)
	dc.StrokeLine2(axisLine, f.x0, f.y0, f.x0, f.y1)
	st := labelStyle
	st.XAlign, st.YAlign = draw.XCenter, draw.YBottom
	dc.FillText(st, vg.Point{X: (f.x0 + f.x1) / 2, Y: margin}, f.xlabel)
	st.Rotation = math.Pi / 2
	st.XAlign, st.YAlign = draw.XCenter, draw.YTop
	dc.FillText(st, vg.Point{X: margin, Y: (f.y0 + f.y1) / 2}, f.ylabel)
}

// drawLegend lists the series on the right of the plot area.
func (f *frame) drawLegend() {
	dc := f.dc
	x := f.x1 + margin
	y := f.y1
	if f.legendTitle != "" {
		st := labelStyle
		st.YAlign = draw.YTop
		dc.FillText(st, vg.Point{X: x, Y: y}, f.legendTitle)
		y -= labelStyle.Height(f.legendTitle) + 4
	}
	for i, n := range f.legendNames {
		clr, g, square := f.legendGlyph(i)
		h := tickStyle.Height(n) + 5
		cy := y - h/2
		if square {
			dc.FillPolygon(clr, []vg.Point{{X: x + 2, Y: cy - 5}, {X: x + 12, Y: cy - 5}, {X: x + 12, Y: cy + 5}, {X: x + 2, Y: cy + 5}})
		} else {
			dc.DrawGlyphNoClip(draw.GlyphStyle{Color: clr, Radius: 4.5, Shape: g}, vg.Point{X: x + 7, Y: cy})
		}
		st := tickStyle
		st.YAlign = draw.YCenter
		dc.FillText(st, vg.Point{X: x + 18, Y: cy}, n)
		y -= h
	}
}

// ShippedVsUptime draws features shipped against uptime, one colour and marker per
// series: a faint cloud of single rounds, and each series' mean with its 95 %
// confidence intervals on both axes. format is "png" or "svg".
func ShippedVsUptime(w io.Writer, format string, series []Series, caption string) error {
	if err := checkSeries(series); err != nil {
		return err
	}
	c, err := newCanvas(format)
	if err != nil {
		return err
	}
	var xs, ys []float64
	for _, s := range series {
		xs = append(xs, s.Uptime.Lo, s.Uptime.Hi, s.Uptime.Mean)
		ys = append(ys, s.Shipped.Lo, s.Shipped.Hi, s.Shipped.Mean)
		for _, p := range s.Points {
			xs = append(xs, p[0])
			ys = append(ys, p[1])
		}
	}
	f := &frame{dc: c.dc, xlabel: "uptime (% of the round)", ylabel: "features shipped per round", caption: caption,
		titleLines: []string{"Features shipped against uptime", "markers: means; bars: 95 % confidence intervals; dots: single rounds"}}
	f.xmin, f.xmax, f.xticks, f.xdigits = axis(xs, false, 100)
	f.ymin, f.ymax, f.yticks, f.ydigits = axis(ys, true, math.Inf(1))
	for _, s := range series {
		f.legendNames = append(f.legendNames, legendName(s))
	}
	f.legendGlyph = func(i int) (color.NRGBA, draw.GlyphDrawer, bool) { c, g := style(i); return c, g, false }
	f.layout()
	f.drawAxes()

	area := draw.Crop(c.dc, f.x0, f.x1-chartW, f.y0, f.y1-chartH)
	for i, s := range series {
		clr, _ := style(i)
		faint := clr
		faint.A = 0x50
		for _, p := range s.Points {
			area.DrawGlyph(draw.GlyphStyle{Color: faint, Radius: 1.6, Shape: draw.CircleGlyph{}}, vg.Point{X: f.X(p[0]), Y: f.Y(p[1])})
		}
	}
	for i, s := range series {
		clr, g := style(i)
		bar := draw.LineStyle{Color: clr, Width: vg.Points(1.6)}
		mx, my := f.X(s.Uptime.Mean), f.Y(s.Shipped.Mean)
		x0, x1 := f.X(s.Uptime.Lo), f.X(s.Uptime.Hi)
		y0, y1 := f.Y(s.Shipped.Lo), f.Y(s.Shipped.Hi)
		area.StrokeLines(bar, area.ClipLinesXY([]vg.Point{{X: x0, Y: my}, {X: x1, Y: my}})...)
		area.StrokeLines(bar, area.ClipLinesXY([]vg.Point{{X: mx, Y: y0}, {X: mx, Y: y1}})...)
		const capLen = 3
		area.StrokeLines(bar, area.ClipLinesXY([]vg.Point{{X: x0, Y: my - capLen}, {X: x0, Y: my + capLen}}, []vg.Point{{X: x1, Y: my - capLen}, {X: x1, Y: my + capLen}},
			[]vg.Point{{X: mx - capLen, Y: y0}, {X: mx + capLen, Y: y0}}, []vg.Point{{X: mx - capLen, Y: y1}, {X: mx + capLen, Y: y1}})...)
		area.DrawGlyph(draw.GlyphStyle{Color: color.White, Radius: 6.5, Shape: draw.CircleGlyph{}}, vg.Point{X: mx, Y: my})
		area.DrawGlyph(draw.GlyphStyle{Color: clr, Radius: 5, Shape: g}, vg.Point{X: mx, Y: my})
	}
	f.drawLegend()
	_, err = c.WriteTo(w)
	return err
}

// PayByRole draws each series' mean pay per round for dev and ops side by side, with
// 95 % confidence intervals. format is "png" or "svg".
func PayByRole(w io.Writer, format string, series []Series, caption string) error {
	if err := checkSeries(series); err != nil {
		return err
	}
	c, err := newCanvas(format)
	if err != nil {
		return err
	}
	ys := []float64{0}
	for _, s := range series {
		ys = append(ys, s.DevPay.Hi, s.OpsPay.Hi, s.DevPay.Mean, s.OpsPay.Mean)
	}
	f := &frame{dc: c.dc, xlabel: "", ylabel: "pay per round ($)", caption: caption, noXTicks: true,
		titleLines: []string{"Pay by role", "bars: mean pay per round; whiskers: 95 % confidence intervals"}}
	f.ymin, f.ymax, f.yticks, f.ydigits = axis(ys, true, math.Inf(1))
	f.ymin = 0
	f.xmin, f.xmax = 0, float64(len(series))
	roles := []string{"dev", "ops"}
	roleColour := []color.NRGBA{palette[0], palette[1]}
	f.legendNames = roles
	f.legendTitle = "role"
	f.legendGlyph = func(i int) (color.NRGBA, draw.GlyphDrawer, bool) { return roleColour[i], nil, true }
	// Category labels under the groups: rotated when they do not fit side by side.
	var labels []string
	maxW := vg.Length(0)
	for _, s := range series {
		labels = append(labels, legendName(s))
		maxW = max(maxW, tickStyle.Width(labels[len(labels)-1]))
	}
	f.catLabelH = tickStyle.Height("0")
	f.layout()
	groupW := (f.x1 - f.x0) / vg.Length(len(series))
	rotate := maxW > groupW*0.95
	if rotate {
		f.catLabelH = maxW*vg.Length(math.Sin(math.Pi/6)) + tickStyle.Height("0")
		f.layout()
		groupW = (f.x1 - f.x0) / vg.Length(len(series))
		// The first label runs left of its group: make room for it.
		w0 := tickStyle.Width(labels[0]) * vg.Length(math.Cos(math.Pi/6))
		for range 3 {
			if need := margin + w0 - groupW/2; f.x0 < need {
				f.x0 = need
				groupW = (f.x1 - f.x0) / vg.Length(len(series))
			}
		}
	}
	f.drawAxes()
	barW := min(groupW*0.35, 60)
	for i, s := range series {
		cx := f.x0 + groupW*(vg.Length(i)+0.5)
		for r, e := range []Estimate{s.DevPay, s.OpsPay} {
			left := cx - barW + vg.Length(r)*barW
			top := f.Y(e.Mean)
			c.dc.FillPolygon(roleColour[r], []vg.Point{{X: left + 1, Y: f.y0}, {X: left + barW - 1, Y: f.y0}, {X: left + barW - 1, Y: top}, {X: left + 1, Y: top}})
			mid := left + barW/2
			whisker := draw.LineStyle{Color: color.Black, Width: vg.Points(1.2)}
			lo, hi := f.Y(e.Lo), f.Y(e.Hi)
			c.dc.StrokeLine2(whisker, mid, lo, mid, hi)
			c.dc.StrokeLine2(whisker, mid-barW/5, lo, mid+barW/5, lo)
			c.dc.StrokeLine2(whisker, mid-barW/5, hi, mid+barW/5, hi)
		}
		st := tickStyle
		if rotate {
			st.Rotation = math.Pi / 6
			st.XAlign, st.YAlign = draw.XRight, draw.YTop
		} else {
			st.XAlign, st.YAlign = draw.XCenter, draw.YTop
		}
		c.dc.FillText(st, vg.Point{X: cx, Y: f.y0 - 6}, labels[i])
	}
	f.drawLegend()
	_, err = c.WriteTo(w)
	return err
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

// axis returns a range that holds every value with some room, nice ticks across it and
// the decimals they need. A range that reaches near zero starts at zero when fromZero;
// none goes beyond ceiling.
func axis(vals []float64, fromZero bool, ceiling float64) (lo, hi float64, ticks []float64, digits int) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, v := range vals {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			continue
		}
		lo, hi = min(lo, v), max(hi, v)
	}
	if lo > hi {
		lo, hi = 0, 1
	}
	if hi-lo < 1e-9 {
		lo, hi = lo-0.5, hi+0.5
	}
	pad := (hi - lo) * 0.05
	lo, hi = lo-pad, hi+pad
	if fromZero && lo > 0 && lo < (hi-lo)*0.5 {
		lo = 0
	}
	if fromZero && lo < 0 && lo+pad >= 0 {
		lo = 0
	}
	hi = min(hi, ceiling+pad)
	step := niceStep((hi - lo) / 6)
	for t := math.Ceil(lo/step) * step; t <= hi+step*1e-9; t += step {
		ticks = append(ticks, math.Round(t/step)*step)
	}
	digits = max(0, -int(math.Floor(math.Log10(step)+1e-9)))
	return lo, hi, ticks, digits
}

// niceStep rounds a rough tick step up to 1, 2 or 5 times a power of ten, so that the
// tick labels need no more decimals than the step has.
func niceStep(rough float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(rough)))
	for _, m := range []float64{1, 2, 5} {
		if m*p >= rough*(1-1e-9) {
			return m * p
		}
	}
	return 10 * p
}

func fmtTick(v float64, digits int) string {
	s := strconv.FormatFloat(v, 'f', digits, 64)
	if strings.HasPrefix(s, "-") && strings.Trim(s, "-0.") == "" {
		s = s[1:] // no "-0"
	}
	return s
}
