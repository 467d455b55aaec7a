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
// free") form, stored compactly: one column per nonbasic variable and the right-hand
// side. In the full tableau, which it stands for, every entry is an integer, a basic
// variable's column holds det in its row and 0 elsewhere (so it need not be stored), and
// a basic variable's value is its row's right-hand side / det. Each pivot divides
// exactly, so no rational arithmetic and no rounding is needed.
type tableau struct {
	rows, cols int
	a          [][]big.Int // rows x (cols + 1); the last column is the right-hand side
	basis      []int       // the basic variable of each row
	nonbasic   []int       // the nonbasic variable of each column
	col        []int       // each variable's column, -1 while it is basic
	det        big.Int
	slack      int // the first of the rows slack variables, basic at the start
}

// newTableau returns the system  M z + w = 1  with z >= 0 and w >= 0, the slacks w
// basic: w_r is variable slack+r, and the c-th variable of z is nonbasic[c], with column
// m(row, c) of M.
func newTableau(rows, slack int, nonbasic []int, m func(row, c int) int64) *tableau {
	cols := len(nonbasic)
	t := &tableau{rows: rows, cols: cols, slack: slack, basis: make([]int, rows),
		nonbasic: append([]int(nil), nonbasic...), col: make([]int, rows+cols)}
	t.det.SetInt64(1)
	for v := range t.col {
		t.col[v] = -1
	}
	for c, v := range nonbasic {
		t.col[v] = c
	}
	t.a = make([][]big.Int, rows)
	for r := range t.a {
		t.a[r] = make([]big.Int, cols+1)
		for c := range cols {
			t.a[r][c].SetInt64(m(r, c))
		}
		t.a[r][cols].SetInt64(1)
		t.basis[r] = slack + r
	}
	return t
}

// entry returns the full tableau's entry of variable v in row r (into x).
func (t *tableau) entry(r, v int, x *big.Int) *big.Int {
	if c := t.col[v]; c >= 0 {
		return &t.a[r][c]
	}
	if t.basis[r] == v {
		return x.Set(&t.det)
	}
	return x.SetInt64(0)
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

// lexLess reports whether row r1's ratio vector (right-hand side, then the slack
// variables' columns in order) over its entry in column c is lexicographically smaller
// than row r2's. The slack columns are det times the basis inverse, whose rows are
// independent, so two rows never tie: the lexicographic rule makes every degenerate game
// behave as a slightly perturbed, nondegenerate one, and the path cannot cycle.
func (t *tableau) lexLess(r1, r2, c int) bool {
	var x, y, e1, e2 big.Int
	p1, p2 := &t.a[r1][c], &t.a[r2][c]
	x.Mul(&t.a[r1][t.cols], p2) // the right-hand side first
	y.Mul(&t.a[r2][t.cols], p1)
	if d := x.Cmp(&y); d != 0 {
		return d < 0
	}
	for k := range t.rows {
		v := t.slack + k
		x.Mul(t.entry(r1, v, &e1), p2)
		y.Mul(t.entry(r2, v, &e2), p1)
		if d := x.Cmp(&y); d != 0 {
			return d < 0
		}
	}
	panic("equilibrium: two rows of a tableau tie lexicographically")
}

// pivot brings variable v into the basis by the lexicographic minimum-ratio test and
// returns the variable that leaves.
func (t *tableau) pivot(v int) int {
	c := t.col[v]
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
			if k == c {
				// The leaving variable's column, det e_r before the pivot, becomes -f here
				// (and stays det in row r).
				row[k].Neg(&f)
				continue
			}
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
	leaving := t.basis[r]
	// Column c now holds the leaving variable: det (the old one) in row r.
	var old big.Int
	old.Set(&t.det)
	t.det.Set(&pr[c])
	pr[c].Set(&old)
	t.basis[r] = v
	t.nonbasic[c] = leaving
	t.col[v], t.col[leaving] = -1, c
	return leaving
}

// value returns variable v's value times det (0 when it is not basic).
func (t *tableau) value(v int) *big.Int {
	if r := t.rowOf(v); r >= 0 {
		return &t.a[r][t.cols]
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
	xs := make([]int, m)
	for i := range xs {
		xs[i] = i
	}
	pt := newTableau(n, m, xs, func(j, i int) int64 { return b[i*n+j] })
	// Q, dev's best-response polytope over ops' y: r + A y = 1; the slack r_i of dev's
	// strategy i is variable i, y_j is variable m+j.
	ys := make([]int, n)
	for j := range ys {
		ys[j] = m + j
	}
	qt := newTableau(m, 0, ys, func(i, j int) int64 { return a[i*n+j] })
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
