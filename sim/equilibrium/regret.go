package equilibrium

import (
	"math"
	"math/big"
	"math/bits"

	"devopsjuggle/sim"
)

// Rule decides when a role's deviation from a profile counts: when it makes the profile
// not an equilibrium, and when a best-response path moves.
type Rule int

// The rules.
const (
	// Significant: a deviation counts only when it gains more than its 95 % interval,
	// i.e. the mean of its paired per-seed gains exceeds the half-width of their 95 %
	// confidence interval (Student's t), so that the whole interval lies above zero. Gains
	// within the noise of the seeds are ties. On an exact table it is Exact.
	Significant Rule = iota
	// Exact: a deviation counts when its mean gain is positive, however small.
	Exact
)

// String names the rule as output says it.
func (r Rule) String() string {
	if r == Exact {
		return "exact"
	}
	return "significant"
}

// Explain says what the rule means, for output.
func (r Rule) Explain() string {
	if r == Exact {
		return "a deviation counts when its mean gain is positive"
	}
	return "a deviation counts only when it gains more than its 95 % interval " +
		"(paired per-seed gains, Student's t): smaller gains are ties within the noise of the seeds"
}

// Deviation is what one role gains, on average over the samples, by switching alone
// from a profile to another of its strategies while the other role keeps its own.
//
// Its interval comes from the paired differences of the role's payoffs on each sample
// (common random numbers: both profiles were played with the same seeds), d_k =
// u(to, k) - u(from, k): the mean gain is mean(d), and HalfWidth is t(0.975, n-1) s / √n
// with s the standard deviation of the d_k. Pairing removes the seed's own luck, shared
// by both profiles, from the noise.
type Deviation struct {
	Role sim.Role
	// From is the role's strategy in the profile (-1 when it is mixed); To is the
	// strategy it switches to (From when no strategy gains: then Gain is 0).
	From, To int
	// Gain is the mean gain, exactly.
	Gain *big.Rat
	// HalfWidth is the half-width of the 95 % confidence interval of the mean gain, in
	// the payoffs' unit; 0 on an exact table or for no deviation, NaN with fewer than two
	// samples.
	HalfWidth float64
	// Significant reports whether Gain > HalfWidth, decided exactly (not with the float).
	Significant bool
}

// Counts reports whether the deviation counts under the rule.
func (d Deviation) Counts(rule Rule) bool {
	if d.Gain.Sign() <= 0 {
		return false
	}
	return rule == Exact || d.Significant
}

// GainFloat returns the mean gain as the nearest float64.
func (d Deviation) GainFloat() float64 {
	f, _ := d.Gain.Float64()
	return f
}

// none is the deviation that stays.
func none(r sim.Role, from int) Deviation {
	return Deviation{Role: r, From: from, To: from, Gain: new(big.Rat)}
}

// sample is a deviation's per-sample gains, scaled by a positive integer: gain_k =
// d_k / scale. Integer sums make the significance rule exact.
type sample struct {
	n      int64
	s1, s2 big.Int // sum and sum of squares of the d_k
	scale  big.Int
	exact  bool // the table has no noise
}

// significant reports whether the mean gain exceeds the 95 % half-width:
// mean > t s / √n, with mean = S1/n and s² = (n S2 - S1²) / (n (n-1)), is (for S1 > 0)
// S1² (n-1) > t² (n S2 - S1²). t is in millionths, so the right side is over 10^12.
func (s *sample) significant() bool {
	if s.s1.Sign() <= 0 {
		return false
	}
	if s.exact {
		return true
	}
	if s.n < 2 {
		return false // no interval: the gain cannot be told from noise
	}
	lhs := new(big.Int).Mul(&s.s1, &s.s1)
	lhs.Mul(lhs, big.NewInt(s.n-1))
	lhs.Mul(lhs, big.NewInt(1_000_000_000_000))
	rhs := s.spread()
	t := big.NewInt(studentT975(s.n - 1))
	rhs.Mul(rhs, t)
	rhs.Mul(rhs, t)
	return lhs.Cmp(rhs) > 0
}

// spread returns n S2 - S1², n (n-1) times the sample variance (never negative).
func (s *sample) spread() *big.Int {
	v := new(big.Int).Mul(&s.s2, big.NewInt(s.n))
	return v.Sub(v, new(big.Int).Mul(&s.s1, &s.s1))
}

// halfWidth returns t s / √n for the unscaled gains: 0 for an exact table, NaN for fewer
// than two samples. It is the square root of one exactly computed rational, so it is the
// same float on every platform.
func (s *sample) halfWidth() float64 {
	switch {
	case s.exact:
		return 0
	case s.n < 2:
		return math.NaN()
	}
	t := big.NewInt(studentT975(s.n - 1))
	num := s.spread()
	num.Mul(num, t)
	num.Mul(num, t)
	den := big.NewInt(s.n * s.n)
	den.Mul(den, big.NewInt(s.n-1))
	den.Mul(den, big.NewInt(1_000_000_000_000))
	den.Mul(den, &s.scale)
	den.Mul(den, &s.scale)
	v, _ := new(big.Rat).SetFrac(num, den).Float64()
	return math.Sqrt(v)
}

func (s *sample) deviation(r sim.Role, from, to int) Deviation {
	return Deviation{Role: r, From: from, To: to,
		Gain:      new(big.Rat).SetFrac(&s.s1, new(big.Int).Mul(&s.scale, big.NewInt(s.n))),
		HalfWidth: s.halfWidth(), Significant: s.significant()}
}

// own returns the profile where role r plays s and the other role plays o.
func own(r sim.Role, s, o int) Profile {
	if r == sim.Dev {
		return Profile{s, o}
	}
	return Profile{o, s}
}

// other returns the other role.
func other(r sim.Role) sim.Role { return 1 - r }

// pairedSample returns the per-sample gains of role r switching from profile p to
// strategy to. The sum of squares is accumulated in 128 bits: squared gains in dollars
// overflow 64.
func (t *Table) pairedSample(p Profile, r sim.Role, to int) *sample {
	from, q := t.cell(p), t.cell(p.with(r, to))
	s := &sample{n: int64(t.seeds), exact: t.exact}
	s.scale.SetInt64(1)
	var hi, lo uint64
	a, b := t.pay[r][from*t.seeds:(from+1)*t.seeds], t.pay[r][q*t.seeds:(q+1)*t.seeds]
	for k := range a {
		d := b[k] - a[k]
		if d < 0 {
			d = -d
		}
		h, l := bits.Mul64(uint64(d), uint64(d))
		var c uint64
		lo, c = bits.Add64(lo, l, 0)
		hi += h + c
	}
	s.s1.SetInt64(t.sum[r][q] - t.sum[r][from])
	s.s2.SetUint64(hi)
	s.s2.Lsh(&s.s2, 64)
	s.s2.Or(&s.s2, new(big.Int).SetUint64(lo))
	return s
}

// Deviate returns what role r gains by switching alone from profile p to its strategy to.
func (t *Table) Deviate(p Profile, r sim.Role, to int) Deviation {
	return t.pairedSample(p, r, to).deviation(r, p.of(r), to)
}

// Regret returns role r's best deviation from profile p by mean gain (the lowest index
// among equals): its Gain is the role's regret, what it leaves on the table by playing
// p. When no strategy gains, the regret is 0 and To is p's own strategy. The interval is
// that of the chosen deviation alone (choosing the best of many favours a lucky one: a
// regret near its interval is a tie).
func (t *Table) Regret(p Profile, r sim.Role) Deviation {
	from, o := p.of(r), p.of(other(r))
	best, bestSum := from, t.Sum(r, p)
	for s := range t.Strategies(r) {
		if v := t.Sum(r, own(r, s, o)); v > bestSum {
			best, bestSum = s, v
		}
	}
	if best == from {
		return none(r, from)
	}
	return t.Deviate(p, r, best)
}

// NashConv returns the sum of both roles' regrets in profile p: 0 exactly at a pure
// equilibrium of the mean payoffs.
func (t *Table) NashConv(p Profile) *big.Rat {
	return new(big.Rat).Add(t.Regret(p, sim.Dev).Gain, t.Regret(p, sim.Ops).Gain)
}

// BestResponse returns role r's best deviation from p that counts under the rule: the
// largest mean gain among the deviations that count (the lowest index among equals).
// It reports false when none counts: p's strategy is then a best response for r.
func (t *Table) BestResponse(p Profile, r sim.Role, rule Rule) (Deviation, bool) {
	o := p.of(other(r))
	base := t.Sum(r, p)
	var best Deviation
	found := false
	for s := range t.Strategies(r) {
		v := t.Sum(r, own(r, s, o))
		if v <= base || (found && v <= t.Sum(r, own(r, best.To, o))) {
			continue // a deviation that gains nothing never counts
		}
		if d := t.Deviate(p, r, s); d.Counts(rule) {
			best, found = d, true
		}
	}
	return best, found
}

// PureEquilibria returns the profiles where no deviation of either role counts under
// the rule, in row order. Under Exact they are the pure Nash equilibria of the mean
// payoffs; under Significant, also the profiles whose better deviations are all within
// the noise.
func (t *Table) PureEquilibria(rule Rule) []Profile {
	var out []Profile
	for i := range t.Rows() {
		for j := range t.Cols() {
			p := Profile{i, j}
			if _, ok := t.BestResponse(p, sim.Dev, rule); ok {
				continue
			}
			if _, ok := t.BestResponse(p, sim.Ops, rule); ok {
				continue
			}
			out = append(out, p)
		}
	}
	return out
}
