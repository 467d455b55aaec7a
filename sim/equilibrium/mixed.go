package equilibrium

import (
	"fmt"
	"math/big"
	"strings"

	"devopsjuggle/sim"
)

// Mixed is a mixed strategy profile: each role's probabilities over its strategies,
// exact rationals that sum to 1.
type Mixed struct {
	Dev, Ops []*big.Rat
}

// Of returns role r's probabilities.
func (m Mixed) Of(r sim.Role) []*big.Rat {
	if r == sim.Dev {
		return m.Dev
	}
	return m.Ops
}

// PureMixed returns profile p as a mixed profile of a rows x cols game.
func PureMixed(rows, cols int, p Profile) Mixed {
	m := Mixed{Dev: zeros(rows), Ops: zeros(cols)}
	m.Dev[p.Dev].SetInt64(1)
	m.Ops[p.Ops].SetInt64(1)
	return m
}

func zeros(n int) []*big.Rat {
	v := make([]*big.Rat, n)
	for i := range v {
		v[i] = new(big.Rat)
	}
	return v
}

// Pure reports whether each role plays one strategy with certainty, and which.
func (m Mixed) Pure() (Profile, bool) {
	var p Profile
	for r, v := range [2][]*big.Rat{m.Dev, m.Ops} {
		k := -1
		for i, x := range v {
			if x.Sign() != 0 {
				if k >= 0 {
					return Profile{}, false
				}
				k = i
			}
		}
		if r == 0 {
			p.Dev = k
		} else {
			p.Ops = k
		}
	}
	return p, true
}

// Support returns the strategies role r plays with positive probability.
func (m Mixed) Support(r sim.Role) []int {
	var s []int
	for i, x := range m.Of(r) {
		if x.Sign() > 0 {
			s = append(s, i)
		}
	}
	return s
}

// Equal reports whether two profiles have the same probabilities.
func (m Mixed) Equal(o Mixed) bool {
	eq := func(a, b []*big.Rat) bool {
		if len(a) != len(b) {
			return false
		}
		for i := range a {
			if a[i].Cmp(b[i]) != 0 {
				return false
			}
		}
		return true
	}
	return eq(m.Dev, o.Dev) && eq(m.Ops, o.Ops)
}

// String writes the profile as "(1/2 1/2) x (2/3 1/3)".
func (m Mixed) String() string {
	f := func(v []*big.Rat) string {
		s := make([]string, len(v))
		for i, x := range v {
			s[i] = x.RatString()
		}
		return "(" + strings.Join(s, " ") + ")"
	}
	return f(m.Dev) + " x " + f(m.Ops)
}

// check panics unless m is a probability profile for the table.
func (t *Table) checkMixed(m Mixed) {
	for r := range 2 {
		v := m.Of(sim.Role(r))
		if len(v) != t.Strategies(sim.Role(r)) {
			panic(fmt.Sprintf("equilibrium: %d probabilities for %d %s strategies", len(v), t.Strategies(sim.Role(r)), sim.Role(r)))
		}
		sum := new(big.Rat)
		for _, x := range v {
			if x.Sign() < 0 {
				panic("equilibrium: a negative probability")
			}
			sum.Add(sum, x)
		}
		if sum.Cmp(big.NewRat(1, 1)) != 0 {
			panic(fmt.Sprintf("equilibrium: %s probabilities sum to %s", sim.Role(r), sum.RatString()))
		}
	}
}

// pureSums returns, for each strategy s of role r, the role's payoff sum when it plays s
// against the other role's mixed strategy in m: the sums over the samples of sum_o
// m_o u(s, o).
func (t *Table) pureSums(m Mixed, r sim.Role) []*big.Rat {
	opp := m.Of(other(r))
	out := make([]*big.Rat, t.Strategies(r))
	for s := range out {
		v := new(big.Rat)
		for o, q := range opp {
			if q.Sign() == 0 {
				continue
			}
			x := new(big.Rat).SetInt64(t.Sum(r, own(r, s, o)))
			v.Add(v, x.Mul(x, q))
		}
		out[s] = v
	}
	return out
}

// Payoff returns role r's expected mean payoff under the mixed profile m.
func (t *Table) Payoff(m Mixed, r sim.Role) *big.Rat {
	t.checkMixed(m)
	v := new(big.Rat)
	for s, x := range t.pureSums(m, r) {
		p := m.Of(r)[s]
		if p.Sign() != 0 {
			v.Add(v, new(big.Rat).Mul(x, p))
		}
	}
	return v.Quo(v, big.NewRat(int64(t.seeds), 1))
}

// MixedRegret returns role r's best pure deviation from the mixed profile m by mean
// gain (From is -1), as Regret does for a pure profile: its interval comes from the
// per-seed gains of the expected payoffs, u_k(to, m_other) - u_k(m).
func (t *Table) MixedRegret(m Mixed, r sim.Role) Deviation {
	t.checkMixed(m)
	if p, ok := m.Pure(); ok {
		d := t.Regret(p, r)
		d.From = -1
		return d
	}
	sums := t.pureSums(m, r)
	value := new(big.Rat)
	for s, x := range sums {
		value.Add(value, new(big.Rat).Mul(x, m.Of(r)[s]))
	}
	best := -1
	for s, x := range sums {
		if x.Cmp(value) > 0 && (best < 0 || x.Cmp(sums[best]) > 0) {
			best = s
		}
	}
	if best < 0 {
		return none(r, -1)
	}
	return t.mixedSample(m, r, best).deviation(r, -1, best)
}

// mixedSample returns the per-sample gains of role r switching from the mixed profile m
// to its pure strategy to, scaled to integers: with the probabilities over common
// denominators, p_s = P_s / D and q_o = Q_o / E, the gain on sample k times D E is
// sum_o Q_o (D u_k(to, o) - sum_s P_s u_k(s, o)).
func (t *Table) mixedSample(m Mixed, r sim.Role, to int) *sample {
	P, D := integers(m.Of(r))
	Q, E := integers(m.Of(other(r)))
	s := &sample{n: int64(t.seeds), exact: t.exact}
	s.scale.Mul(D, E)
	var d, inner, x big.Int
	for k := range t.seeds {
		d.SetInt64(0)
		for o, q := range Q {
			if q.Sign() == 0 {
				continue
			}
			inner.Mul(D, x.SetInt64(t.Pay(r, own(r, to, o), k)))
			for ss, p := range P {
				if p.Sign() != 0 {
					inner.Sub(&inner, x.Mul(p, x.SetInt64(t.Pay(r, own(r, ss, o), k))))
				}
			}
			d.Add(&d, inner.Mul(&inner, q))
		}
		s.s1.Add(&s.s1, &d)
		s.s2.Add(&s.s2, x.Mul(&d, &d))
	}
	return s
}

// integers returns probabilities as integers over their least common denominator.
func integers(v []*big.Rat) ([]*big.Int, *big.Int) {
	den := big.NewInt(1)
	var g big.Int
	for _, x := range v {
		g.GCD(nil, nil, den, x.Denom())
		den.Mul(den, new(big.Int).Quo(x.Denom(), &g))
	}
	out := make([]*big.Int, len(v))
	for i, x := range v {
		n := new(big.Int).Mul(x.Num(), den)
		out[i] = n.Quo(n, x.Denom())
	}
	return out, den
}

// IsNash reports whether m is a Nash equilibrium of the mean payoffs, exactly: no role
// has a pure strategy that pays more than its mixed one against the other's.
func (t *Table) IsNash(m Mixed) bool {
	t.checkMixed(m)
	for r := range 2 {
		role := sim.Role(r)
		sums := t.pureSums(m, role)
		value := new(big.Rat)
		for s, x := range sums {
			value.Add(value, new(big.Rat).Mul(x, m.Of(role)[s]))
		}
		for _, x := range sums {
			if x.Cmp(value) > 0 {
				return false
			}
		}
	}
	return true
}
