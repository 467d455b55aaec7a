package chart

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTicksAreEvenAndExact: every tick label reads as its value, ticks are evenly spaced
// inside the range, and there are enough to read and few enough to fit, whatever the
// range.
func TestTicksAreEvenAndExact(t *testing.T) {
	for _, r := range [][2]float64{{85.2, 97.7}, {0, 1}, {0.9, 0.95}, {0, 3017}, {11.5, 12.5}, {-3, 40}, {96.1, 99.9}, {0, 0.004}, {0, 2939}, {85.6, 99.3}} {
		ticks := ticker{}.Ticks(r[0], r[1])
		require.GreaterOrEqual(t, len(ticks), 2, "%v", r)
		assert.LessOrEqual(t, len(ticks), maxTicks, "%v", r)
		for i, tk := range ticks {
			back, err := strconv.ParseFloat(tk.Label, 64)
			require.NoError(t, err)
			assert.InDelta(t, tk.Value, back, 1e-9, "range %v: tick %v prints as %s", r, tk.Value, tk.Label)
			assert.NotEqual(t, "-0", tk.Label)
			assert.True(t, tk.Value >= r[0]-1e-9 && tk.Value <= r[1]+1e-9, "range %v: tick %v outside", r, tk.Value)
			if i > 0 {
				assert.InDelta(t, ticks[1].Value-ticks[0].Value, tk.Value-ticks[i-1].Value, 1e-9, "range %v", r)
			}
		}
	}
}

func manySeries(n int) []Series {
	var series []Series
	for i := range n {
		m := float64(i)
		series = append(series, Series{Name: "preset cell=" + strconv.Itoa(i), Rounds: 10,
			Uptime: Estimate{90 + m/10, 89 + m/10, 91 + m/10}, Shipped: Estimate{m, m - 1, m + 1},
			DevPay: Estimate{100 * m, 90 * m, 110 * m}, OpsPay: Estimate{50, 40, 60}, Points: [][2]float64{{90, m}}})
	}
	return series
}

var charts = []struct {
	name string
	draw func(io.Writer, string, []Series, string) error
}{{"shipped", ShippedVsUptime}, {"pay", PayByRole}}

func TestChartsDrawManySeries(t *testing.T) {
	series := manySeries(MaxSeries)
	for _, c := range charts {
		var b bytes.Buffer
		require.NoError(t, c.draw(&b, "png", series, "test"), c.name)
		img, err := png.Decode(&b)
		require.NoError(t, err, c.name)
		assert.Equal(t, image.Rect(0, 0, 1350, 900), img.Bounds(), c.name)

		b.Reset()
		require.NoError(t, c.draw(&b, "svg", series, "test"), c.name)
		for dec := xml.NewDecoder(&b); ; {
			_, err := dec.Token()
			if err == io.EOF {
				break
			}
			require.NoError(t, err, "%s: well-formed SVG", c.name)
		}
	}
	assert.Error(t, ShippedVsUptime(&bytes.Buffer{}, "png", append(series, series[0]), ""), "too many to tell apart")
	assert.Error(t, PayByRole(&bytes.Buffer{}, "gif", series, ""))
	assert.Error(t, PayByRole(&bytes.Buffer{}, "png", nil, ""))
}

// TestChartsHaveTitleLabelsAndLegend reads a chart's SVG for its words and looks at its
// PNG for the legend: its marks in the series' colours and its text.
func TestChartsHaveTitleLabelsAndLegend(t *testing.T) {
	series := manySeries(4)
	for _, c := range charts {
		var b bytes.Buffer
		require.NoError(t, c.draw(&b, "svg", series, "rows.csv: 40 rounds"))
		svg := b.String()
		want := []string{"Pay by role", "rows.csv: 40 rounds", "pay per round ($)", ">dev<", ">ops<", ">preset<", ">cell=3<"}
		if c.name == "shipped" {
			want = []string{"Features shipped against uptime", "uptime (% of the round)", "features shipped per round",
				"rows.csv: 40 rounds", "preset cell=3 (n=10)", ">90.0<"}
		}
		for _, w := range want {
			assert.Contains(t, svg, w, c.name)
		}

		b.Reset()
		require.NoError(t, c.draw(&b, "png", series, "rows.csv: 40 rounds"))
		img, err := png.Decode(&b)
		require.NoError(t, err)
		W, H := img.Bounds().Dx(), img.Bounds().Dy()
		// The legend's column: right of every bar and marker of these series. Its
		// filled marks: series 0 and 3's markers, or dev and ops's bars.
		legend, marks := image.Rect(W*70/100, H/6, W, H), []int{0, 3}
		if c.name == "pay" {
			legend, marks = image.Rect(W*92/100, H/6, W, H), []int{0, 1}
		}
		for _, i := range marks {
			assert.Greater(t, count(img, legend, near(palette[i])), 20, "%s: legend mark %d", c.name, i)
		}
		assert.Greater(t, count(img, legend, dark), 100, "%s: legend text", c.name)
	}
}

func count(img image.Image, r image.Rectangle, match func(color.Color) bool) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if match(img.At(x, y)) {
				n++
			}
		}
	}
	return n
}

func near(want color.NRGBA) func(color.Color) bool {
	return func(c color.Color) bool {
		got := color.NRGBAModel.Convert(c).(color.NRGBA)
		d := func(a, b uint8) int { return max(int(a), int(b)) - min(int(a), int(b)) }
		return d(got.R, want.R)+d(got.G, want.G)+d(got.B, want.B) < 24
	}
}

func dark(c color.Color) bool {
	r, g, b, _ := c.RGBA()
	return r+g+b < 3*0x4000
}

func TestEverySeriesLooksDifferent(t *testing.T) {
	seen := map[string]int{}
	for i := range MaxSeries {
		c, g := style(i)
		key := fmt.Sprintf("%v/%T", c, g)
		prev, dup := seen[key]
		assert.False(t, dup, "series %d looks like series %d", i, prev)
		seen[key] = i
	}
}

// TestPayLabelsFitTheirGroups: a few groups' names are broken into lines under their
// bars; many are tilted.
func TestPayLabelsFitTheirGroups(t *testing.T) {
	for _, n := range []int{4, MaxSeries} {
		var b bytes.Buffer
		require.NoError(t, PayByRole(&b, "svg", manySeries(n), ""))
		svg := b.String()
		// One rotated text in either: the y axis's label.
		if n == 4 {
			assert.Contains(t, svg, ">preset<")
			assert.Equal(t, 1, strings.Count(svg, "rotate("))
		} else {
			assert.Contains(t, svg, ">preset cell=23 (n=10)<")
			assert.Equal(t, 1+n, strings.Count(svg, "rotate("))
		}
	}
}

// The charts of an incentive sweep draw as many lines as they tell apart, and refuse
// more, or none.
func TestEquilibriumChartsLimits(t *testing.T) {
	lines := func(n int) []Cells {
		var ls []Cells
		for i := range n {
			m := float64(i)
			ls = append(ls, Cells{Name: "s" + strconv.Itoa(i), Cells: []Cell{
				{X: 0, Shipped: m, Uptime: 99, DevPay: 10 * m, OpsPay: 5, Dev: "greedy", Ops: "response=recover"},
				{X: 25, Shipped: m + 1, Uptime: 97.5, DevPay: 10*m + 50, OpsPay: 0, Dev: "test=1s", Ops: "response=recover"}}})
		}
		return ls
	}
	var b bytes.Buffer
	require.NoError(t, EquilibriumOutcomes(&b, "png", "dev.pay.per_feature", lines(MaxSeries), "test"))
	_, err := png.Decode(&b)
	require.NoError(t, err)
	b.Reset()
	require.NoError(t, EquilibriumPay(&b, "svg", "dev.pay.per_feature", lines(MaxSeries/2), "test"))
	assert.Contains(t, b.String(), "s11: ops")
	assert.Error(t, EquilibriumOutcomes(io.Discard, "png", "x", lines(MaxSeries+1), "test"))
	assert.Error(t, EquilibriumPay(io.Discard, "png", "x", lines(MaxSeries/2+1), "test"))
	assert.Error(t, EquilibriumOutcomes(io.Discard, "png", "x", nil, "test"))
	assert.Error(t, EquilibriumPay(io.Discard, "png", "x", []Cells{{Name: "empty"}}, "test"))
}

// TestCellLabelsClearOfTheLine: a point's label goes above it, but below it where the
// line rises to the next point (drawn above, the line crossed it: a play-tester read
// "96.6 %" through the line in docs/img/dev-pay.png).
func TestCellLabelsClearOfTheLine(t *testing.T) {
	cells := []Cell{
		{X: 0, Shipped: 20, Uptime: 96.6, Dev: "test=2s"},
		{X: 10, Shipped: 20, Uptime: 96.6, Dev: "test=2s"},
		{X: 20, Shipped: 20, Uptime: 96.5, Dev: "test=2s"}, // the line rises after it
		{X: 30, Shipped: 30, Uptime: 95.7, Dev: "greedy"},
		{X: 40, Shipped: 25, Uptime: 95.1, Dev: "greedy"}, // it falls after the one before
	}
	var b bytes.Buffer
	require.NoError(t, EquilibriumOutcomes(&b, "svg", "dev.pay.per_feature", []Cells{{Name: "s", Cells: cells}}, "test"))
	// gonum writes a label as <text x=".." y=".." transform="scale(1, -1)" ...>text</text>:
	// y grows downwards on the page.
	y := map[string]float64{}
	for _, m := range regexp.MustCompile(`<text x="[^"]*" y="([^"]*)"[^>]*>([0-9.]+ %)</text>`).FindAllStringSubmatch(b.String(), -1) {
		v, err := strconv.ParseFloat(m[1], 64)
		require.NoError(t, err)
		y[m[2]] = v
	}
	require.Len(t, y, 4, "one label per uptime (96.6 % twice): %v", y)
	assert.Greater(t, y["96.5 %"], y["96.6 %"]+10, "below its point, which is level with the 96.6 % ones")
	assert.Less(t, y["95.7 %"], y["96.6 %"], "above its point, the highest")
	assert.Less(t, y["95.1 %"], y["96.5 %"], "above: the line falls to it")
}
