package equilibrium

import (
	"math"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/stat/distuv"

	"devopsjuggle/sim"
)

// synthetic returns a 2 x 1 table (dev chooses, ops has one strategy) whose dev payoffs
// on each seed are base[k] for strategy 0 and base[k] + gain[k] for strategy 1.
func synthetic(base, gain []int64) *Table {
	tb := NewTable([]string{"stay", "move"}, []string{"only"}, len(base))
	for k := range base {
		tb.Set(Profile{0, 0}, k, base[k], 0)
		tb.Set(Profile{1, 0}, k, base[k]+gain[k], 0)
	}
	return tb
}

func TestRegretInterval(t *testing.T) {
	// Gains 1..5: mean 3, s = sqrt(2.5), t(0.975, 4) = 2.776445: half-width 1.963.
	tb := synthetic([]int64{10, 20, 30, 40, 50}, []int64{1, 2, 3, 4, 5})
	d := tb.Regret(Profile{0, 0}, sim.Dev)
	assert.Equal(t, 1, d.To)
	assert.Equal(t, "3", d.Gain.RatString())
	assert.InDelta(t, 2.776445*math.Sqrt(2.5)/math.Sqrt(5), d.HalfWidth, 1e-6)
	assert.True(t, d.Significant)
	assert.True(t, d.Counts(Significant))
	assert.Equal(t, []Profile{{1, 0}}, tb.PureEquilibria(Significant))

	// Gains -1, 1, 3, 5: mean 2 but half-width 4.11: a tie within the noise. Both
	// profiles are equilibria under the significance rule, only "move" exactly.
	tb = synthetic([]int64{0, 0, 0, 0}, []int64{-1, 1, 3, 5})
	d = tb.Regret(Profile{0, 0}, sim.Dev)
	assert.Equal(t, "2", d.Gain.RatString())
	assert.InDelta(t, 3.182446*math.Sqrt(20.0/3)/2, d.HalfWidth, 1e-5)
	assert.False(t, d.Significant)
	assert.True(t, d.Counts(Exact))
	assert.False(t, d.Counts(Significant))
	assert.Equal(t, []Profile{{0, 0}, {1, 0}}, tb.PureEquilibria(Significant))
	assert.Equal(t, []Profile{{1, 0}}, tb.PureEquilibria(Exact))

	// Ties: the lowest index among the best, and staying when nothing pays more.
	tie := NewExact([]string{"a", "b", "c"}, []string{"x"}, [][]int64{{1}, {2}, {2}}, [][]int64{{0}, {0}, {0}})
	assert.Equal(t, 1, tie.Regret(Profile{0, 0}, sim.Dev).To)
	assert.Equal(t, 2, tie.Regret(Profile{2, 0}, sim.Dev).To)
	assert.Equal(t, 1, tie.Regret(Profile{1, 0}, sim.Dev).To)
	br, ok := tie.BestResponse(Profile{0, 0}, sim.Dev, Exact)
	require.True(t, ok)
	assert.Equal(t, 1, br.To)

	// No strategy gains: regret 0, no interval, staying is the best response.
	d = tb.Regret(Profile{1, 0}, sim.Dev)
	assert.Equal(t, 1, d.To)
	assert.Equal(t, 0, d.Gain.Sign())
	_, moves := tb.BestResponse(Profile{1, 0}, sim.Dev, Significant)
	assert.False(t, moves)
}

// Common random numbers: the seeds' own luck (here a spread of thousands of dollars)
// is shared by both profiles and cancels in the paired differences, so a steady gain of
// one dollar a seed is significant.
func TestRegretIsPaired(t *testing.T) {
	base := []int64{1000, 9000, 3000, 7000, 5000, 2000}
	tb := synthetic(base, []int64{1, 1, 1, 1, 1, 1})
	d := tb.Regret(Profile{0, 0}, sim.Dev)
	assert.Equal(t, "1", d.Gain.RatString())
	assert.Equal(t, 0.0, d.HalfWidth)
	assert.True(t, d.Significant)
	// Each profile's own mean pay is far less certain.
	assert.Greater(t, tb.paySample(Profile{0, 0}, sim.Dev).halfWidth(), 2000.0)
}

// The rule's edge, with two seeds: t(0.975, 1) = 12.706205, and gains a and b count
// when a + b > 12.706205 |a - b|.
func TestSignificanceEdge(t *testing.T) {
	cases := []struct {
		a, b int64
		want bool
	}{
		{7, 6, true},    // 13 > 12.706
		{6, 5, false},   // 11 < 12.706
		{14, 12, true},  // 26 > 25.412
		{13, 11, false}, // 24 < 25.412
		{-7, -6, false}, // a loss is never a gain
		// Exactly on the edge: mean 12706205 and half-width 12.706205 x 2000000 / 2, the
		// same: a gain must be more than its interval.
		{13706205, 11706205, false},
		{13706206, 11706206, true}, // a dollar more on each seed
	}
	for _, c := range cases {
		tb := synthetic([]int64{0, 0}, []int64{c.a, c.b})
		d := tb.Deviate(Profile{0, 0}, sim.Dev, 1)
		assert.Equal(t, c.want, d.Significant, "gains %d and %d", c.a, c.b)
		if c.a != 13706205 { // on the edge, only exact arithmetic can tell
			assert.Equal(t, c.want, d.GainFloat() > d.HalfWidth, "gains %d and %d", c.a, c.b)
		}
	}
	// One seed: no interval, nothing is significant; an exact table is another matter.
	one := synthetic([]int64{0}, []int64{5})
	d := one.Deviate(Profile{0, 0}, sim.Dev, 1)
	assert.True(t, math.IsNaN(d.HalfWidth))
	assert.False(t, d.Significant)
	exact := NewExact([]string{"a", "b"}, []string{"x"}, [][]int64{{0}, {1}}, [][]int64{{0}, {0}})
	assert.True(t, exact.Deviate(Profile{0, 0}, sim.Dev, 1).Significant)
}

// Squared gains in dollars overflow 64 bits long before sums do; the rule stays exact.
func TestSignificanceHugeGains(t *testing.T) {
	const g = int64(3) << 40
	tb := synthetic([]int64{0, 0, 0}, []int64{g, g + 1, g - 1})
	d := tb.Deviate(Profile{0, 0}, sim.Dev, 1)
	assert.True(t, d.Significant)
	assert.InDelta(t, 4.302653*1/math.Sqrt(3), d.HalfWidth, 1e-5)
}

// A mixed profile's regret: dev mixing half and half between a strategy paying 0 and one
// paying 2 a seed (against the one ops strategy) leaves 1 a seed on the table.
func TestMixedRegret(t *testing.T) {
	tb := synthetic([]int64{0, 0, 0}, []int64{2, 2, 2})
	m := mixed([]string{"1/2", "1/2"}, []string{"1"})
	d := tb.MixedRegret(m, sim.Dev)
	assert.Equal(t, -1, d.From)
	assert.Equal(t, 1, d.To)
	assert.Equal(t, "1", d.Gain.RatString())
	assert.Equal(t, 0.0, d.HalfWidth)
	assert.True(t, d.Significant)
	assert.Equal(t, "1", tb.Payoff(m, sim.Dev).RatString())
	assert.False(t, tb.IsNash(m))
	assert.Equal(t, 0, tb.MixedRegret(m, sim.Ops).Gain.Sign())
}

// The t table is conservative (never below the true quantile) and within 1e-4 of it.
func TestStudentT(t *testing.T) {
	if runtime.GOARCH == "wasm" {
		t.Skip("slow under node")
	}
	for df := int64(1); df <= 200_000; df += 1 + df/50 {
		want := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(df)}.Quantile(0.975)
		got := float64(studentT975(df)) / 1e6
		require.GreaterOrEqual(t, got, want-1e-12, "df %d", df)
		require.Less(t, got-want, 1e-4, "df %d", df)
	}
	require.InDelta(t, 1959964, studentT975(1<<62), 1, "the normal quantile, rounded up")
}

func TestTableGuards(t *testing.T) {
	tb := NewTable([]string{"a"}, []string{"x", "y"}, 2)
	tb.Set(Profile{0, 0}, 0, 1, 1)
	assert.Panics(t, func() { tb.Set(Profile{0, 0}, 0, 1, 1) }, "a sample set twice")
	assert.Panics(t, func() { tb.Set(Profile{0, 2}, 0, 1, 1) })
	assert.Panics(t, func() { tb.Set(Profile{0, 0}, 2, 1, 1) })
	err := tb.Complete()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "a x x has no payoffs for sample 1")
	_, err = tb.Solve(Options{})
	assert.Error(t, err)
}

// Profiles that pay alike on every seed group into one class.
func TestGroup(t *testing.T) {
	tb := NewTable([]string{"a", "b"}, []string{"x", "y"}, 2)
	tb.Set(Profile{0, 0}, 0, 0, 6000)
	tb.Set(Profile{0, 0}, 1, 0, 5000)
	tb.Set(Profile{1, 0}, 0, 0, 6000)
	tb.Set(Profile{1, 0}, 1, 0, 5000)
	tb.Set(Profile{0, 1}, 0, 0, 6000)
	tb.Set(Profile{0, 1}, 1, 0, 5001) // one dollar apart on one seed
	tb.Set(Profile{1, 1}, 0, 0, 5000)
	tb.Set(Profile{1, 1}, 1, 0, 6000) // the same sum, not the same seeds
	all := []Profile{{0, 0}, {0, 1}, {1, 0}, {1, 1}}
	assert.Equal(t, [][]Profile{{{0, 0}, {1, 0}}, {{0, 1}}, {{1, 1}}}, tb.Group(all))
	assert.Equal(t, [][]Profile{{{1, 1}}, {{0, 1}}, {{1, 0}, {0, 0}}}, tb.Group([]Profile{{1, 1}, {0, 1}, {1, 0}, {0, 0}}))
}
