package equilibrium

import (
	"math/big"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
)

func rats(s ...string) []*big.Rat {
	out := make([]*big.Rat, len(s))
	for i, x := range s {
		r, ok := new(big.Rat).SetString(x)
		if !ok {
			panic(x)
		}
		out[i] = r
	}
	return out
}

func mixed(dev, ops []string) Mixed { return Mixed{Dev: rats(dev...), Ops: rats(ops...)} }

// lhEnds returns the distinct ends of the Lemke-Howson paths from every label.
func lhEnds(t *testing.T, tb *Table) []Mixed {
	t.Helper()
	var out []Mixed
	for k := range tb.Rows() + tb.Cols() {
		m, err := tb.LemkeHowson(k)
		require.NoError(t, err, "label %d", k)
		require.True(t, tb.IsNash(m), "label %d ends at %v, not an equilibrium", k, m)
		dup := false
		for _, o := range out {
			dup = dup || o.Equal(m)
		}
		if !dup {
			out = append(out, m)
		}
	}
	return out
}

func strings2(a, b string) []string { return []string{a, b} }

// Prisoner's dilemma: defecting dominates, so (defect, defect) is the one equilibrium,
// pure, though both would earn more cooperating.
func TestPrisonersDilemma(t *testing.T) {
	tb := NewExact(strings2("cooperate", "defect"), strings2("cooperate", "defect"),
		[][]int64{{3, 0}, {5, 1}}, [][]int64{{3, 5}, {0, 1}})
	for _, rule := range []Rule{Exact, Significant} {
		assert.Equal(t, []Profile{{1, 1}}, tb.PureEquilibria(rule), rule.String())
	}
	for _, m := range lhEnds(t, tb) {
		assert.True(t, m.Equal(PureMixed(2, 2, Profile{1, 1})), "%v", m)
	}
	all, err := tb.SupportEnumeration()
	require.NoError(t, err)
	require.Len(t, all, 1)
	sol, err := tb.Solve(Options{Mixed: MixedAlways})
	require.NoError(t, err)
	require.Len(t, sol.Equilibria, 1)
	e := sol.Equilibria[0]
	assert.True(t, e.IsPure)
	assert.Equal(t, "1", e.Pay[sim.Dev].RatString())
	// Mutual cooperation leaves each role 2 on the table.
	assert.Equal(t, "2", tb.Regret(Profile{0, 0}, sim.Dev).Gain.RatString())
	assert.Equal(t, "4", tb.NashConv(Profile{0, 0}).RatString())
}

// Matching pennies: no pure equilibrium; the unique equilibrium mixes 1/2, 1/2 for both.
func TestMatchingPennies(t *testing.T) {
	tb := NewExact(strings2("heads", "tails"), strings2("heads", "tails"),
		[][]int64{{1, -1}, {-1, 1}}, [][]int64{{-1, 1}, {1, -1}})
	assert.Empty(t, tb.PureEquilibria(Exact))
	want := mixed([]string{"1/2", "1/2"}, []string{"1/2", "1/2"})
	ends := lhEnds(t, tb)
	require.Len(t, ends, 1)
	assert.True(t, ends[0].Equal(want), "%v", ends[0])
	all, err := tb.SupportEnumeration()
	require.NoError(t, err)
	require.Len(t, all, 1)
	assert.True(t, all[0].Equal(want))
	sol, err := tb.Solve(Options{})
	require.NoError(t, err)
	require.True(t, sol.Mixed)
	require.Len(t, sol.Equilibria, 1)
	assert.Equal(t, "0", sol.Equilibria[0].Pay[sim.Dev].RatString())
	assert.Equal(t, "0", sol.Equilibria[0].Regret[sim.Ops].Gain.RatString())
	// Best responses chase each other round the four profiles.
	path := tb.BestResponsePath(Profile{0, 0}, Exact, 0)
	assert.Equal(t, Cycled, path.End)
	assert.Equal(t, []Profile{{0, 1}, {1, 1}, {1, 0}, {0, 0}}, pathProfiles(path))
	assert.Equal(t, 0, path.CycleStart)
}

// Battle of the sexes: two pure equilibria and one mixed, where dev (who prefers the
// first) plays it 2/3 of the time and ops (who prefers the second) plays the first 1/3.
func TestBattleOfTheSexes(t *testing.T) {
	tb := NewExact(strings2("opera", "football"), strings2("opera", "football"),
		[][]int64{{2, 0}, {0, 1}}, [][]int64{{1, 0}, {0, 2}})
	assert.Equal(t, []Profile{{0, 0}, {1, 1}}, tb.PureEquilibria(Exact))
	mix := mixed([]string{"2/3", "1/3"}, []string{"1/3", "2/3"})
	all, err := tb.SupportEnumeration()
	require.NoError(t, err)
	require.Len(t, all, 3)
	assert.True(t, all[0].Equal(PureMixed(2, 2, Profile{0, 0})))
	assert.True(t, all[1].Equal(PureMixed(2, 2, Profile{1, 1})))
	assert.True(t, all[2].Equal(mix), "%v", all[2])
	for _, m := range lhEnds(t, tb) {
		_, pure := m.Pure()
		assert.True(t, pure, "Lemke-Howson never ends at the mixed equilibrium of a 2x2 game with pure ones: %v", m)
	}
	sol, err := tb.Solve(Options{Mixed: MixedAlways, Search: Enumerate})
	require.NoError(t, err)
	require.Len(t, sol.Equilibria, 3)
	e := sol.Equilibria[2]
	assert.False(t, e.IsPure)
	assert.Equal(t, "2/3", e.Pay[sim.Dev].RatString())
	assert.Equal(t, "2/3", e.Pay[sim.Ops].RatString())
}

// A degenerate game, entry deterrence: staying out pays the entrant 0 whatever the
// incumbent does, so the incumbent is indifferent there and the equilibria are (enter,
// accommodate), (out, fight) and a continuum (out, fight with probability >= 1/2).
func TestDegenerate(t *testing.T) {
	tb := NewExact(strings2("enter", "out"), strings2("fight", "accommodate"),
		[][]int64{{-1, 1}, {0, 0}}, [][]int64{{-1, 1}, {2, 2}})
	assert.Equal(t, []Profile{{0, 1}, {1, 0}}, tb.PureEquilibria(Exact))
	ends := lhEnds(t, tb) // every end is checked to be an equilibrium
	assert.NotEmpty(t, ends)
	// The continuum's end point has supports of sizes 1 and 2: an equilibrium that
	// support enumeration (equal sizes) does not list, as documented.
	edge := mixed([]string{"0", "1"}, []string{"1/2", "1/2"})
	assert.True(t, tb.IsNash(edge))
	all, err := tb.SupportEnumeration()
	require.NoError(t, err)
	require.Len(t, all, 2)
	for _, m := range all {
		assert.False(t, m.Equal(edge))
	}
	// The incumbent's indifference when the entrant stays out is no reason to move.
	path := tb.BestResponsePath(Profile{1, 1}, Exact, 0)
	assert.Equal(t, Converged, path.End)
	assert.Equal(t, []Profile{{0, 1}}, pathProfiles(path))
}

// A game of ties everywhere: every profile is an equilibrium, and Lemke-Howson still
// ends, from every label, at one.
func TestAllTies(t *testing.T) {
	z := [][]int64{{0, 0, 0}, {0, 0, 0}}
	tb := NewExact([]string{"a", "b"}, []string{"x", "y", "z"}, z, z)
	assert.Len(t, tb.PureEquilibria(Exact), 6)
	assert.NotEmpty(t, lhEnds(t, tb))
	path := tb.BestResponsePath(Profile{1, 2}, Exact, 0)
	assert.Equal(t, Converged, path.End)
	assert.Empty(t, path.Steps)
}

// The dominance-solvable path: from mutual cooperation, dev defects, then ops does.
func TestPathConverges(t *testing.T) {
	tb := NewExact(strings2("cooperate", "defect"), strings2("cooperate", "defect"),
		[][]int64{{3, 0}, {5, 1}}, [][]int64{{3, 5}, {0, 1}})
	path := tb.BestResponsePath(Profile{0, 0}, Exact, 0)
	assert.Equal(t, Converged, path.End)
	require.Equal(t, []Profile{{1, 0}, {1, 1}}, pathProfiles(path))
	assert.Equal(t, sim.Dev, path.Steps[0].Move.Role)
	assert.Equal(t, "2", path.Steps[0].Move.Gain.RatString())
	assert.Equal(t, sim.Ops, path.Steps[1].Move.Role)
	assert.Equal(t, Profile{1, 1}, path.Last())
	// A bound of one move stops it half way.
	short := tb.BestResponsePath(Profile{0, 0}, Exact, 1)
	assert.Equal(t, Bounded, short.End)
	assert.Len(t, short.Steps, 1)
}

func pathProfiles(p Path) []Profile {
	var out []Profile
	for _, s := range p.Steps {
		out = append(out, s.To)
	}
	return out
}
