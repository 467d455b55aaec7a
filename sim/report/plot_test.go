package report

import (
	"bytes"
	"fmt"
	"image/png"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTicksAreEvenAndExact: every tick label reads as its value, and ticks are evenly
// spaced, whatever the range.
func TestTicksAreEvenAndExact(t *testing.T) {
	for _, r := range [][2]float64{{85.2, 97.7}, {0, 1}, {0.9, 0.95}, {0, 3017}, {12, 12}, {-3, 40}, {96.1, 99.9}, {0, 0.004}} {
		_, _, ticks, digits := axis([]float64{r[0], r[1]}, false, 1e9)
		require.GreaterOrEqual(t, len(ticks), 2, "%v", r)
		for i, tk := range ticks {
			back, err := strconv.ParseFloat(fmtTick(tk, digits), 64)
			require.NoError(t, err)
			assert.InDelta(t, tk, back, 1e-9, "range %v: tick %v prints as %s", r, tk, fmtTick(tk, digits))
			if i > 0 {
				assert.InDelta(t, ticks[1]-ticks[0], tk-ticks[i-1], 1e-9, "range %v", r)
			}
		}
	}
}

func TestChartsDrawManySeries(t *testing.T) {
	var series []Series
	for i := range MaxSeries {
		m := float64(i)
		series = append(series, Series{Name: "cell " + strconv.Itoa(i), Rounds: 10,
			Uptime: Estimate{90 + m/10, 89 + m/10, 91 + m/10}, Shipped: Estimate{m, m - 1, m + 1},
			DevPay: Estimate{100 * m, 90 * m, 110 * m}, OpsPay: Estimate{50, 40, 60}, Points: [][2]float64{{90, m}}})
	}
	for _, draw := range []func(*bytes.Buffer) error{
		func(b *bytes.Buffer) error { return ShippedVsUptime(b, "png", series, "test") },
		func(b *bytes.Buffer) error { return PayByRole(b, "png", series, "test") },
	} {
		var b bytes.Buffer
		require.NoError(t, draw(&b))
		_, err := png.Decode(&b)
		require.NoError(t, err)
	}
	assert.Error(t, ShippedVsUptime(&bytes.Buffer{}, "png", append(series, series[0]), ""), "too many to tell apart")
	assert.Error(t, PayByRole(&bytes.Buffer{}, "gif", series, ""))
	assert.Error(t, PayByRole(&bytes.Buffer{}, "png", nil, ""))
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
