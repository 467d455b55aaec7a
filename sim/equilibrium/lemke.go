package equilibrium

import (
	"errors"
	"fmt"
	"math/big"
)

// ErrPivotLimit is returned when Lemke-Howson takes more than MaxPivots pivots (its
// paths can be exponentially long on games built to defeat it; empirical games are not).
var ErrPivotLimit = errors.New("equilibrium: Lemke-Howson pivot limit reached")

// MaxPivots bounds the pivots of one Lemke-Howson path.
const MaxPivots = 1 << 16

// tableau is one of Lemke-Howson's two linear systems in integer (Bareiss, "fraction
// free") form: every entry is an integer, the basic variables' columns hold det in their
// row and 0 elsewhere, and a basic variable's value is its row's right-hand side / det.
// Each pivot divides exactly, so no rational arithmetic and no rounding is needed.
type tableau struct {
	rows, vars int
	a          [][]big.Int // rows x (vars + 1); the last column is the right-hand side
	basis      []int       // the basic variable of each row
	det        big.Int
	slack      int // the first of the rows slack variables, whose columns were the identity
}

// newTableau returns the system  M z + w = 1  for a rows x k matrix M (given by its
// entries m(row, col)), z >= 0 and w >= 0, with the slacks w basic. Variables are
// numbered by label: columns of M are variables first..first+k-1 and the slacks the
// others, as the caller's labelling says.
func newTableau(rows, vars, slack int, entry func(row, v int) int64) *tableau {
	t := &tableau{rows: rows, vars: vars, slack: slack, basis: make([]int, rows)}
	t.det.SetInt64(1)
	t.a = make([][]big.Int, rows)
	for r := range t.a {
		t.a[r] = make([]big.Int, vars+1)
		for v := range vars {
			t.a[r][v].SetInt64(entry(r, v))
		}
		t.a[r][vars].SetInt64(1)
		t.basis[r] = slack + r
	}
	return t
}

// rowOf returns the row in which variable v is basic, or -1.
func (t *tableau) rowOf(v int) int {
	for r, b := range t.basis {
		if b == v {
			return r
		}
	}
	return -1
}

// lexLess reports whether row r1's ratio vector (right-hand side, then the slack columns
// in order) over its entry in column c is lexicographically smaller than row r2's. The
// slack columns are det times the basis inverse, whose rows are independent, so two
// rows never tie: the lexicographic rule makes every degenerate game behave as a
// slightly perturbed, nondegenerate one, and the path cannot cycle.
func (t *tableau) lexLess(r1, r2, c int) bool {
	var x, y big.Int
	p1, p2 := &t.a[r1][c], &t.a[r2][c]
	for k := -1; k < t.rows; k++ {
		col := t.vars // the right-hand side first
		if k >= 0 {
			col = t.slack + k
		}
		x.Mul(&t.a[r1][col], p2)
		y.Mul(&t.a[r2][col], p1)
		if d := x.Cmp(&y); d != 0 {
			return d < 0
		}
	}
	panic("equilibrium: two rows of a tableau tie lexicographically")
}

// pivot brings variable c into the basis by the lexicographic minimum-ratio test and
// returns the variable that leaves.
func (t *tableau) pivot(c int) int {
	r := -1
	for i := range t.rows {
		if t.a[i][c].Sign() > 0 && (r < 0 || t.lexLess(i, r, c)) {
			r = i
		}
	}
	if r < 0 {
		// Cannot happen: every payoff is positive, so every column has a positive entry.
		panic("equilibrium: an unbounded Lemke-Howson ray")
	}
	p, pr := &t.a[r][c], t.a[r]
	var x, y, f big.Int
	for i := range t.rows {
		if i == r {
			continue
		}
		row := t.a[i]
		f.Set(&row[c])
		for k := range row {
			// row[k] = (p row[k] - f a[r][k]) / det, exact.
			switch {
			case pr[k].Sign() == 0 || f.Sign() == 0:
				if row[k].Sign() == 0 {
					continue
				}
				x.Mul(p, &row[k])
			default:
				x.Mul(p, &row[k])
				x.Sub(&x, y.Mul(&f, &pr[k]))
			}
			row[k].Quo(&x, &t.det)
		}
	}
	t.det.Set(p)
	leaving := t.basis[r]
	t.basis[r] = c
	return leaving
}

// value returns variable v's value times det (0 when it is not basic).
func (t *tableau) value(v int) *big.Int {
	if r := t.rowOf(v); r >= 0 {
		return &t.a[r][t.vars]
	}
	return new(big.Int)
}

// LemkeHowson returns the equilibrium of the mean payoffs at the end of the
// Lemke-Howson path that starts by dropping label k (0..Rows()-1 for dev's strategies,
// Rows()..Rows()+Cols()-1 for ops'), computed exactly with integer pivoting. Different
// labels may end at different equilibria; a game may have equilibria no label reaches.
// Degenerate games are handled by the lexicographic ratio test.
func (t *Table) LemkeHowson(k int) (Mixed, error) {
	m, n := t.Rows(), t.Cols()
	if k < 0 || k >= m+n {
		return Mixed{}, fmt.Errorf("equilibrium: label %d of a %d x %d game", k, m, n)
	}
	a, b := positive(t.matrix(0)), positive(t.matrix(1))
	// Labels 0..m-1 are dev's strategies, m..m+n-1 ops'. In each system the variable
	// numbered v carries label v.
	//
	// P, ops' best-response polytope over dev's x: B^T x + s = 1; x_i is variable i,
	// the slack s_j of ops' strategy j is variable m+j.
	pt := newTableau(n, m+n, m, func(j, v int) int64 {
		switch {
		case v < m:
			return b[v*n+j]
		case v == m+j:
			return 1
		}
		return 0
	})
	// Q, dev's best-response polytope over ops' y: r + A y = 1; the slack r_i of dev's
	// strategy i is variable i, y_j is variable m+j.
	qt := newTableau(m, m+n, 0, func(i, v int) int64 {
		switch {
		case v == i:
			return 1
		case v >= m:
			return a[i*n+v-m]
		}
		return 0
	})
	// Drop label k: bring its variable into the system where it is not basic (x_k in P,
	// y_k in Q). The variable that leaves carries a label now present twice; its twin in
	// the other system enters next, until label k leaves.
	cur := qt
	if k < m {
		cur = pt
	}
	enter := k
	for range MaxPivots {
		leave := cur.pivot(enter)
		if leave == k {
			return mixedFrom(pt, qt, m, n), nil
		}
		enter = leave
		if cur == pt {
			cur = qt
		} else {
			cur = pt
		}
	}
	return Mixed{}, ErrPivotLimit
}

// mixedFrom reads the equilibrium off the final tableaux, normalized to probabilities.
func mixedFrom(pt, qt *tableau, m, n int) Mixed {
	norm := func(vals []*big.Int) []*big.Rat {
		sum := new(big.Int)
		for _, v := range vals {
			sum.Add(sum, v)
		}
		out := make([]*big.Rat, len(vals))
		for i, v := range vals {
			out[i] = new(big.Rat).SetFrac(v, sum)
		}
		return out
	}
	x := make([]*big.Int, m)
	for i := range x {
		x[i] = pt.value(i)
	}
	y := make([]*big.Int, n)
	for j := range y {
		y[j] = qt.value(m + j)
	}
	return Mixed{Dev: norm(x), Ops: norm(y)}
}

// positive returns the matrix shifted so that its least entry is 1: adding a constant to
// a role's payoffs changes no equilibrium, and positive payoffs keep the polytopes
// bounded.
func positive(v []int64) []int64 {
	lo := v[0]
	for _, x := range v {
		lo = min(lo, x)
	}
	out := make([]int64, len(v))
	for i, x := range v {
		out[i] = x - lo + 1
	}
	return out
}
