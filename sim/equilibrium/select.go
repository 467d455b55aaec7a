package equilibrium

import (
	"fmt"
	"math"
	"math/big"
)

// Selection is the one equilibrium a game's roles are taken to play, when it has several
// (or none that is pure), and how it was chosen: the equilibrium bot plays it, and an
// incentive sweep scores it.
type Selection struct {
	// Profile is the selected equilibrium: pure when Path converged.
	Profile Mixed
	// Path is the best-response path from the start (the config's own strategies, the
	// preset's scripted bots).
	Path Path
	// Mixed reports that the path did not converge (it cycled), so Profile is the mixed
	// equilibrium Lemke-Howson finds first (dropping dev's first strategy).
	Mixed bool
}

// Select chooses the equilibrium to play: where iterated best responses from start lead
// under the rule when they converge (what self-interested roles drift to from today's
// practice: a pure equilibrium under the rule), else, when they cycle, the mixed
// equilibrium Lemke-Howson reaches first. Both are deterministic: the same table gives
// the same selection everywhere.
func (t *Table) Select(start Profile, rule Rule) (Selection, error) {
	if err := t.Complete(); err != nil {
		return Selection{}, err
	}
	s := Selection{Path: t.BestResponsePath(start, rule, 0)}
	if s.Path.End == Converged {
		s.Profile = PureMixed(t.Rows(), t.Cols(), s.Path.Last())
		return s, nil
	}
	m, err := t.LemkeHowson(0)
	if err != nil {
		return Selection{}, err
	}
	if !t.IsNash(m) {
		panic(fmt.Sprintf("equilibrium: Lemke-Howson's %v is not an equilibrium", m))
	}
	s.Profile, s.Mixed = m, true
	return s, nil
}

// Expected returns the expected mean of a matrix column (one of Metrics: "shipped",
// "uptime", ...) under the mixed profile m: the sum over the profiles it plays of their
// probability times the profile's mean. It reports false when no profile m plays has a
// value (a lead time with no deploys). The products are rounded one at a time (explicit
// conversions), so that the same matrix gives the same float everywhere.
func (m *Matrix) Expected(mx Mixed, column string) (float64, bool) {
	i := metricIndex(column)
	if i < 0 {
		panic(fmt.Sprintf("equilibrium: no metric %q", column))
	}
	t := m.Table
	t.checkMixed(mx)
	var sum, weight float64
	missing := false
	for r, p := range mx.Dev {
		if p.Sign() == 0 {
			continue
		}
		for c, q := range mx.Ops {
			if q.Sign() == 0 {
				continue
			}
			st := &m.stats[t.cell(Profile{r, c})][i]
			if st.n == 0 {
				missing = true
				continue
			}
			pq, _ := new(big.Rat).Mul(p, q).Float64()
			sum += float64(pq * float64(st.sum/float64(st.n)))
			weight += pq
		}
	}
	if weight == 0 {
		return math.NaN(), false
	}
	if missing {
		sum = float64(sum / weight) // the mean over the profiles that have a value
	}
	return sum, true
}

// Mean returns a profile's mean of a matrix column, as Expected does for a pure profile.
func (m *Matrix) Mean(p Profile, column string) (float64, bool) {
	return m.Expected(PureMixed(m.Table.Rows(), m.Table.Cols(), p), column)
}

func metricIndex(column string) int {
	for i, mt := range Metrics {
		if mt.Column == column {
			return i
		}
	}
	return -1
}

// Float returns a rational as the nearest float64.
func Float(x *big.Rat) float64 {
	f, _ := x.Float64()
	return f
}
