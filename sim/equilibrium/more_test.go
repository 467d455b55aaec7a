package equilibrium

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
)

// The compact tableau stands for the full one: after any pivots, every entry of every
// variable (and the right-hand side) is det times the entry of B^-1 [M | I | 1],
// recomputed here in rationals from the basis alone.
func TestTableauIsTheFullTableau(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	for round := range 40 {
		rows, cols := 2+rng.IntN(4), 2+rng.IntN(4)
		m := make([][]int64, rows)
		for r := range m {
			m[r] = make([]int64, cols)
			for c := range m[r] {
				m[r][c] = 1 + rng.Int64N(9)
			}
		}
		// Variables 0..cols-1 are z, cols..cols+rows-1 the slacks.
		nonbasic := make([]int, cols)
		for c := range nonbasic {
			nonbasic[c] = c
		}
		tb := newTableau(rows, cols, nonbasic, func(r, c int) int64 { return m[r][c] })
		full := func(r, v int) int64 { // [M | I]
			if v < cols {
				return m[r][v]
			}
			if v-cols == r {
				return 1
			}
			return 0
		}
		for step := range 6 {
			// Enter a random nonbasic variable with a positive entry somewhere.
			v := tb.nonbasic[rng.IntN(cols)]
			pos := false
			for r := range rows {
				pos = pos || tb.a[r][tb.col[v]].Sign() > 0
			}
			if !pos {
				continue
			}
			tb.pivot(v)
			// B^-1 [M | I | 1] by Gaussian elimination on [B | M I 1].
			n := rows + cols
			aug := make([][]*big.Rat, rows)
			for r := range aug {
				aug[r] = make([]*big.Rat, rows+n+1)
				for k := range rows {
					aug[r][k] = big.NewRat(full(r, tb.basis[k]), 1)
				}
				for w := range n {
					aug[r][rows+w] = big.NewRat(full(r, w), 1)
				}
				aug[r][rows+n] = big.NewRat(1, 1)
			}
			for c := range rows {
				p := c
				for aug[p][c].Sign() == 0 {
					p++
				}
				aug[c], aug[p] = aug[p], aug[c]
				for r := range rows {
					if r != c && aug[r][c].Sign() != 0 {
						f := new(big.Rat).Quo(aug[r][c], aug[c][c])
						for k := c; k < len(aug[r]); k++ {
							aug[r][k].Sub(aug[r][k], new(big.Rat).Mul(f, aug[c][k]))
						}
					}
				}
			}
			det := new(big.Rat).SetInt(&tb.det)
			var x big.Int
			for r := range rows {
				inv := new(big.Rat).Inv(aug[r][r])
				for w := range n + 1 {
					want := new(big.Rat).Mul(aug[r][rows+w], inv)
					want.Mul(want, det)
					var got *big.Int
					if w == n {
						got = &tb.a[r][tb.cols]
					} else {
						got = tb.entry(r, w, &x)
					}
					require.Equal(t, want.RatString(), got.String(), "round %d step %d row %d variable %d", round, step, r, w)
				}
			}
		}
	}
}

func TestLabelRange(t *testing.T) {
	tb := NewExact([]string{"a", "b"}, []string{"x"}, [][]int64{{1}, {2}}, [][]int64{{0}, {0}})
	for _, k := range []int{-1, 3} {
		_, err := tb.LemkeHowson(k)
		assert.Error(t, err, "label %d", k)
	}
	m, err := tb.LemkeHowson(2)
	require.NoError(t, err)
	assert.True(t, m.Equal(PureMixed(2, 1, Profile{1, 0})))
}

// MixedRegret picks the best pure deviation, and none at an equilibrium.
func TestMixedRegretChoice(t *testing.T) {
	// Against ops' only strategy, dev's three pay 0, 3 and 5 on both seeds.
	tb := NewTable([]string{"a", "b", "c"}, []string{"x"}, 2)
	for k := range 2 {
		tb.Set(Profile{0, 0}, k, 0, 0)
		tb.Set(Profile{1, 0}, k, 3, 0)
		tb.Set(Profile{2, 0}, k, 5, 0)
	}
	m := mixed([]string{"1/2", "1/2", "0"}, []string{"1"})
	d := tb.MixedRegret(m, sim.Dev)
	assert.Equal(t, 2, d.To)
	assert.Equal(t, "7/2", d.Gain.RatString())
	eq := mixed([]string{"0", "0", "1"}, []string{"1"})
	d = tb.MixedRegret(eq, sim.Dev)
	assert.Equal(t, -1, d.From, "a mixed profile's regret comes from no pure strategy")
	assert.Equal(t, 2, d.To, "from a pure profile: its own strategy")
	assert.Equal(t, 0, d.Gain.Sign())
	// A mixed profile that is an equilibrium: no deviation, To -1.
	tie := NewExact([]string{"a", "b"}, []string{"x"}, [][]int64{{4}, {4}}, [][]int64{{0}, {0}})
	d = tie.MixedRegret(mixed([]string{"1/3", "2/3"}, []string{"1"}), sim.Dev)
	assert.Equal(t, -1, d.To)
	assert.Equal(t, 0, d.Gain.Sign())
	// A profile's own pure strategies, asymmetric.
	p, ok := PureMixed(2, 3, Profile{1, 2}).Pure()
	assert.True(t, ok)
	assert.Equal(t, Profile{1, 2}, p)
}

// A deviation that gains nothing never counts, on an exact table or not.
func TestZeroGainNeverCounts(t *testing.T) {
	exact := NewExact([]string{"a", "b"}, []string{"x"}, [][]int64{{1}, {1}}, [][]int64{{0}, {0}})
	d := exact.Deviate(Profile{0, 0}, sim.Dev, 1)
	assert.False(t, d.Significant)
	assert.False(t, d.Counts(Exact))
	assert.False(t, d.Counts(Significant))
	assert.Equal(t, "exact", Exact.String())
	assert.Equal(t, "significant", Significant.String())
	assert.Contains(t, Significant.Explain(), "95 %")
}

// Solve follows one Lemke-Howson path by default, every label's with LemkeHowsonAll.
func TestSolveSearches(t *testing.T) {
	more := 0
	for seed := uint64(1); seed <= 60; seed++ {
		tb := randomGame(rand.New(rand.NewPCG(seed, 0x501)), 4, 1000)
		var ends []Mixed
		for k := range tb.Rows() + tb.Cols() {
			m, err := tb.LemkeHowson(k)
			require.NoError(t, err)
			if _, pure := m.Pure(); pure {
				continue
			}
			dup := false
			for _, e := range ends {
				dup = dup || e.Equal(m)
			}
			if !dup {
				ends = append(ends, m)
			}
		}
		pure := len(tb.PureEquilibria(Exact))
		all, err := tb.Solve(Options{Mixed: MixedAlways, Search: LemkeHowsonAll})
		require.NoError(t, err)
		require.Len(t, all.Equilibria, pure+len(ends), "seed %d", seed)
		first, err := tb.Solve(Options{Mixed: MixedAlways})
		require.NoError(t, err)
		one := 0
		if m, _ := tb.LemkeHowson(0); !isPure(m) {
			one = 1
		}
		require.Len(t, first.Equilibria, pure+one, "seed %d", seed)
		if len(ends) > one {
			more++
		}
	}
	assert.Positive(t, more, "no game where other labels find more: the test cannot tell the searches apart")
}

func isPure(m Mixed) bool { _, ok := m.Pure(); return ok }

// The t table's interpolated values are the ceiling of the interpolation, no more.
func TestStudentTCeiling(t *testing.T) {
	for _, df := range []int64{31, 33, 47, 99, 250, 4000, 200000} {
		got := studentT975(df)
		// The same interpolation in rationals.
		var want *big.Rat
		for k := 1; k < len(tLarge); k++ {
			lo, hi := tLarge[k-1], tLarge[k]
			if df <= hi.df {
				w := new(big.Rat).SetFrac64((df-lo.df)*hi.df, (hi.df-lo.df)*df)
				want = new(big.Rat).Sub(big.NewRat(lo.t, 1), w.Mul(w, big.NewRat(lo.t-hi.t, 1)))
				break
			}
		}
		if want == nil {
			lo := tLarge[len(tLarge)-1]
			w := new(big.Rat).SetFrac64(df-lo.df, df)
			want = new(big.Rat).Sub(big.NewRat(lo.t, 1), w.Mul(w, big.NewRat(lo.t-tNormal, 1)))
		}
		f, _ := want.Float64()
		assert.Equal(t, int64(math.Ceil(f)), got, "df %d", df)
	}
}

func TestSupportPairsLimit(t *testing.T) {
	assert.Equal(t, 12869, supportPairs(8, 8, 12869), "exactly the limit")
	assert.Equal(t, 12001, supportPairs(8, 8, 12000), "beyond the limit: limit + 1")
	assert.Equal(t, 2, supportPairs(1, 2, 100), "one strategy against either of two")
}

func TestMessages(t *testing.T) {
	tb := NewTable([]string{"a", "b"}, []string{"x", "y"}, 2)
	for _, p := range []Profile{{0, 0}, {0, 1}, {1, 0}} {
		tb.Set(p, 0, 1, 1)
		tb.Set(p, 1, 1, 1)
	}
	tb.Set(Profile{1, 1}, 0, 1, 1)
	assert.EqualError(t, tb.Complete(), "equilibrium: b x y has no payoffs for sample 1")
	assert.PanicsWithValue(t, "equilibrium: profile {2 0} outside a 2 x 2 table", func() { tb.Pay(sim.Dev, Profile{2, 0}, 0) })
	assert.PanicsWithValue(t, "equilibrium: profile {0 2} outside a 2 x 2 table", func() { tb.Pay(sim.Dev, Profile{0, 2}, 0) })
	assert.PanicsWithValue(t, "equilibrium: profile {-1 0} outside a 2 x 2 table", func() { tb.Pay(sim.Dev, Profile{-1, 0}, 0) })
}
