package equilibrium

import (
	"errors"
	"fmt"
	"math/big"
)

// MaxSupportPairs bounds support enumeration: a game of m x n strategies has
// C(m+n, m) - 1 pairs of equal-size supports (12,869 for 8 x 8, 48,619 for 9 x 9,
// 2.7 million for 12 x 12).
const MaxSupportPairs = 50_000

// ErrTooLarge is returned by SupportEnumeration for a game with more than
// MaxSupportPairs pairs of supports.
var ErrTooLarge = errors.New("equilibrium: too many supports to enumerate")

// supportPairs returns C(m+n, m) - 1, or more than limit when it is larger.
func supportPairs(m, n, limit int) int {
	c := 1 // C(m+i, i) for i = 0..n
	for i := 1; i <= n; i++ {
		c = c * (m + i) / i
		if c > limit+1 {
			return limit + 1
		}
	}
	return c - 1
}

// SupportEnumeration returns every Nash equilibrium of the mean payoffs whose two
// supports have the same size and determine it uniquely, exactly: for each pair of
// supports it solves the indifference equations and keeps the solution when it is a
// probability profile against which nothing outside the supports pays more. Pure ones
// come first, then by support size and in the order of the supports.
//
// For a nondegenerate game (no mixed strategy with k strategies in its support has more
// than k pure best responses: almost every game of measured payoffs) that is every
// equilibrium, and their number is odd. In a degenerate game equilibria can form
// continua, and those whose supports differ in size are missed (their pure ones are not:
// PureEquilibria finds every pure one).
func (t *Table) SupportEnumeration() ([]Mixed, error) {
	m, n := t.Rows(), t.Cols()
	if p := supportPairs(m, n, MaxSupportPairs); p > MaxSupportPairs {
		return nil, fmt.Errorf("%w: a %d x %d game has more than %d pairs", ErrTooLarge, m, n, MaxSupportPairs)
	}
	a, b := t.matrix(0), t.matrix(1)
	var out []Mixed
	for k := 1; k <= min(m, n); k++ {
		for I := range combinations(m, k) {
			for J := range combinations(n, k) {
				// Ops' mix over J makes dev indifferent over I: sum_j a_ij y_j = v.
				y, ok := indifferent(k, func(r, c int) int64 { return a[I[r]*n+J[c]] })
				if !ok || !best(y, I, m, func(i, c int) int64 { return a[i*n+J[c]] }) {
					continue
				}
				// Dev's mix over I makes ops indifferent over J: sum_i b_ij x_i = u.
				x, ok := indifferent(k, func(r, c int) int64 { return b[I[c]*n+J[r]] })
				if !ok || !best(x, J, n, func(j, c int) int64 { return b[I[c]*n+j] }) {
					continue
				}
				mx := Mixed{Dev: zeros(m), Ops: zeros(n)}
				for c := range k {
					mx.Dev[I[c]] = x[c]
					mx.Ops[J[c]] = y[c]
				}
				out = append(out, mx)
			}
		}
	}
	return out, nil
}

// indifferent solves, for a k x k matrix e, the probabilities p (all positive, summing
// to 1) and the value v with sum_c e(r, c) p_c = v for every row r. It returns p and v
// as p[0..k-1], p[k], and false when the system is singular or a probability is not
// positive.
func indifferent(k int, e func(r, c int) int64) ([]*big.Rat, bool) {
	// Unknowns p_0..p_{k-1}, v: k equations e p - v = 0, and sum p = 1.
	mat := make([][]*big.Rat, k+1)
	for r := range mat {
		mat[r] = make([]*big.Rat, k+2)
		for c := range k + 2 {
			mat[r][c] = new(big.Rat)
		}
		if r < k {
			for c := range k {
				mat[r][c].SetInt64(e(r, c))
			}
			mat[r][k].SetInt64(-1)
		} else {
			for c := range k {
				mat[r][c].SetInt64(1)
			}
			mat[r][k+1].SetInt64(1)
		}
	}
	sol, ok := solve(mat)
	if !ok {
		return nil, false
	}
	for _, p := range sol[:k] {
		if p.Sign() <= 0 {
			return nil, false
		}
	}
	return sol, true
}

// best reports whether no strategy outside the support pays more than the value p[k]
// against the mix p over the support: payoff(s, c) is strategy s's payoff against the
// support's c-th strategy.
func best(p []*big.Rat, support []int, strategies int, payoff func(s, c int) int64) bool {
	k := len(support)
	in := 0
	var x big.Rat
	for s := range strategies {
		if in < k && support[in] == s {
			in++
			continue
		}
		v := new(big.Rat)
		for c := range k {
			v.Add(v, x.Mul(x.SetInt64(payoff(s, c)), p[c]))
		}
		if v.Cmp(p[k]) > 0 {
			return false
		}
	}
	return true
}

// solve solves a square linear system given as its augmented matrix by Gaussian
// elimination in exact rationals; false when it is singular.
func solve(mat [][]*big.Rat) ([]*big.Rat, bool) {
	n := len(mat)
	var x big.Rat
	for c := range n {
		piv := -1
		for r := c; r < n; r++ {
			if mat[r][c].Sign() != 0 {
				piv = r
				break
			}
		}
		if piv < 0 {
			return nil, false
		}
		mat[c], mat[piv] = mat[piv], mat[c]
		for r := range n {
			if r == c || mat[r][c].Sign() == 0 {
				continue
			}
			f := new(big.Rat).Quo(mat[r][c], mat[c][c])
			for k := c; k <= n; k++ {
				mat[r][k].Sub(mat[r][k], x.Mul(f, mat[c][k]))
			}
		}
	}
	out := make([]*big.Rat, n)
	for r := range n {
		out[r] = new(big.Rat).Quo(mat[r][n], mat[r][r])
	}
	return out, true
}

// combinations yields every k-subset of 0..n-1 in lexicographic order, as a slice
// reused between yields.
func combinations(n, k int) func(yield func([]int) bool) {
	return func(yield func([]int) bool) {
		c := make([]int, k)
		for i := range c {
			c[i] = i
		}
		for {
			if !yield(c) {
				return
			}
			i := k - 1
			for i >= 0 && c[i] == n-k+i {
				i--
			}
			if i < 0 {
				return
			}
			c[i]++
			for j := i + 1; j < k; j++ {
				c[j] = c[j-1] + 1
			}
		}
	}
}
