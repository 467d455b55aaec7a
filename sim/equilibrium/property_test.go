package equilibrium

import (
	"flag"
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

var seedFlag = flag.Uint64("seed", 0, "run the property tests on this seed only")

// randomGame returns a game of up to maxSize strategies a role with payoffs in
// [-spread, spread]: a small spread makes ties (degenerate games) common.
func randomGame(rng *rand.Rand, maxSize int, spread int64) *Table {
	m, n := 1+rng.IntN(maxSize), 1+rng.IntN(maxSize)
	names := func(k int, p string) []string {
		out := make([]string, k)
		for i := range out {
			out[i] = fmt.Sprintf("%s%d", p, i)
		}
		return out
	}
	a, b := make([][]int64, m), make([][]int64, m)
	for i := range m {
		a[i], b[i] = make([]int64, n), make([]int64, n)
		for j := range n {
			a[i][j] = rng.Int64N(2*spread+1) - spread
			b[i][j] = rng.Int64N(2*spread+1) - spread
		}
	}
	return NewExact(names(m, "d"), names(n, "o"), a, b)
}

// bestResponse checks, from the table's payoffs alone and without the package's own
// helpers, that each role's mixed strategy in m earns the most any strategy can against
// the other's: every strategy it plays earns the maximum, so no deviation gains.
func bestResponse(tb *Table, m Mixed) error {
	rows, cols := tb.Rows(), tb.Cols()
	pay := func(role, i, j int) *big.Rat {
		return new(big.Rat).SetInt64(tb.sum[role][i*cols+j])
	}
	for role := range 2 {
		own, opp, n := m.Dev, m.Ops, rows
		if role == 1 {
			own, opp, n = m.Ops, m.Dev, cols
		}
		sum := new(big.Rat)
		vals := make([]*big.Rat, n)
		best := (*big.Rat)(nil)
		for s := range n {
			v := new(big.Rat)
			for o, q := range opp {
				i, j := s, o
				if role == 1 {
					i, j = o, s
				}
				v.Add(v, new(big.Rat).Mul(pay(role, i, j), q))
			}
			vals[s] = v
			if best == nil || v.Cmp(best) > 0 {
				best = v
			}
		}
		for s, p := range own {
			if p.Sign() < 0 {
				return fmt.Errorf("role %d plays %d with probability %s", role, s, p.RatString())
			}
			sum.Add(sum, p)
			if p.Sign() > 0 && vals[s].Cmp(best) != 0 {
				return fmt.Errorf("role %d plays %d, which earns %s against the best %s", role, s, vals[s].RatString(), best.RatString())
			}
		}
		if sum.Cmp(big.NewRat(1, 1)) != 0 {
			return fmt.Errorf("role %d's probabilities sum to %s", role, sum.RatString())
		}
	}
	return nil
}

// seeds yields the property tests' seeds, or only -seed's.
func seeds(n uint64) []uint64 {
	if *seedFlag != 0 {
		return []uint64{*seedFlag}
	}
	out := make([]uint64, n)
	for i := range out {
		out[i] = uint64(i) + 1
	}
	return out
}

// The solver's output is a best response by construction: on random integer games,
// degenerate ones included, every Lemke-Howson end and every enumerated equilibrium
// passes a check that recomputes each role's best deviation from the table.
func TestSolverBestResponds(t *testing.T) {
	for _, seed := range seeds(300) {
		rng := rand.New(rand.NewPCG(seed, 0x5eed))
		spread := []int64{1, 3, 1000}[seed%3]
		tb := randomGame(rng, 6, spread)
		for k := range tb.Rows() + tb.Cols() {
			m, err := tb.LemkeHowson(k)
			require.NoError(t, err, "reproduce with -seed=%d", seed)
			require.NoError(t, bestResponse(tb, m), "label %d of %v: reproduce with -seed=%d", k, tb.sum, seed)
		}
		all, err := tb.SupportEnumeration()
		require.NoError(t, err)
		for _, m := range all {
			require.NoError(t, bestResponse(tb, m), "reproduce with -seed=%d", seed)
		}
		// Pure equilibria: exactly the profiles the brute-force check accepts.
		var pure []Profile
		for i := range tb.Rows() {
			for j := range tb.Cols() {
				if bestResponse(tb, PureMixed(tb.Rows(), tb.Cols(), Profile{i, j})) == nil {
					pure = append(pure, Profile{i, j})
				}
			}
		}
		require.Equal(t, pure, tb.PureEquilibria(Exact), "reproduce with -seed=%d", seed)
		require.Equal(t, pure, tb.PureEquilibria(Significant), "an exact table has no noise: reproduce with -seed=%d", seed)
	}
}

// On nondegenerate games (payoffs spread wide, so ties are all but impossible) support
// enumeration finds every equilibrium: an odd number of them, among which every end of
// a Lemke-Howson path.
func TestSupportEnumerationComplete(t *testing.T) {
	for _, seed := range seeds(150) {
		rng := rand.New(rand.NewPCG(seed, 0xa11))
		tb := randomGame(rng, 5, 1_000_000)
		all, err := tb.SupportEnumeration()
		require.NoError(t, err)
		require.Equal(t, 1, len(all)%2, "%d equilibria: reproduce with -seed=%d", len(all), seed)
		for k := range tb.Rows() + tb.Cols() {
			m, err := tb.LemkeHowson(k)
			require.NoError(t, err)
			found := false
			for _, e := range all {
				found = found || e.Equal(m)
			}
			require.True(t, found, "label %d ends at %v, not enumerated: reproduce with -seed=%d", k, m, seed)
		}
	}
}

func TestSupportEnumerationBound(t *testing.T) {
	names := make([]string, 12)
	for i := range names {
		names[i] = fmt.Sprint(i)
	}
	tb := NewTable(names, names, 1)
	_, err := tb.SupportEnumeration()
	require.ErrorIs(t, err, ErrTooLarge)
	require.Equal(t, 12869, supportPairs(8, 8, MaxSupportPairs))
	require.Equal(t, 48619, supportPairs(9, 9, MaxSupportPairs))
}

// noisyGame returns a table over a few seeds whose per-seed payoffs are a level per
// profile plus noise, so that some deviations are significant and some are not.
func noisyGame(rng *rand.Rand) *Table {
	m, n, seeds := 1+rng.IntN(5), 1+rng.IntN(5), 2+rng.IntN(8)
	names := func(k int) []string {
		out := make([]string, k)
		for i := range out {
			out[i] = fmt.Sprint(i)
		}
		return out
	}
	tb := NewTable(names(m), names(n), seeds)
	for i := range m {
		for j := range n {
			dev, ops := rng.Int64N(100), rng.Int64N(100)
			for k := range seeds {
				tb.Set(Profile{i, j}, k, dev+rng.Int64N(60), ops+rng.Int64N(60))
			}
		}
	}
	return tb
}

// Under the significance rule: every exact equilibrium is one (a deviation that counts
// under it gains, so counts exactly too), a path that converges ends at one, a path
// that cycles comes back to where its cycle started, and no path outlasts the game's
// states.
func TestRulesAndPaths(t *testing.T) {
	for _, seed := range seeds(300) {
		rng := rand.New(rand.NewPCG(seed, 0xbad))
		tb := noisyGame(rng)
		exact, sig := tb.PureEquilibria(Exact), tb.PureEquilibria(Significant)
		for _, p := range exact {
			require.Contains(t, sig, p, "reproduce with -seed=%d", seed)
		}
		for _, rule := range []Rule{Exact, Significant} {
			eq := tb.PureEquilibria(rule)
			for i := range tb.Rows() {
				for j := range tb.Cols() {
					path := tb.BestResponsePath(Profile{i, j}, rule, 0)
					require.LessOrEqual(t, len(path.Steps), 2*tb.Rows()*tb.Cols())
					switch path.End {
					case Converged:
						require.Contains(t, eq, path.Last(), "%s path from %d,%d: reproduce with -seed=%d", rule, i, j, seed)
					case Cycled:
						require.Less(t, path.CycleStart, len(path.Steps))
						before := path.Start
						if path.CycleStart > 0 {
							before = path.Steps[path.CycleStart-1].To
						}
						require.Equal(t, before, path.Last(), "%s path from %d,%d: reproduce with -seed=%d", rule, i, j, seed)
					default:
						t.Fatalf("a path without a bound ended by its bound: reproduce with -seed=%d", seed)
					}
					for _, s := range path.Steps {
						require.True(t, s.Move.Counts(rule))
					}
				}
			}
		}
	}
}
