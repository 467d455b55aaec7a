package equilibrium

import (
	"fmt"
	"math/big"

	"devopsjuggle/sim"
)

// Profile is a pure strategy profile: the index of dev's strategy (a row of the table)
// and of ops' strategy (a column).
type Profile struct {
	Dev, Ops int
}

// of returns the role's strategy in the profile.
func (p Profile) of(r sim.Role) int {
	if r == sim.Dev {
		return p.Dev
	}
	return p.Ops
}

// with returns the profile with role r's strategy replaced by s.
func (p Profile) with(r sim.Role, s int) Profile {
	if r == sim.Dev {
		p.Dev = s
	} else {
		p.Ops = s
	}
	return p
}

// Table is an empirical two-player game: for every profile of a dev strategy (row) and
// an ops strategy (column), each role's integer payoff (pay, in whole dollars) on each
// of the same Seeds samples (common random numbers: sample k of every profile was played
// with the same seed). Per-seed values, not only sums, are kept so that the gain of a
// deviation can be judged against the noise of its paired differences.
//
// An exact table (NewExact) has one sample with no noise: a textbook game.
type Table struct {
	// Names are the strategies' names, dev's (rows) and ops' (columns).
	Names [2][]string
	seeds int
	exact bool
	pay   [2][]int64 // [role][(i*cols+j)*seeds+k]
	sum   [2][]int64 // [role][i*cols+j]
	have  []bool     // per (profile, seed): Set was called
	haveN int
}

// NewTable returns an empty table of dev x ops strategies over seeds samples a profile;
// fill it with Set.
func NewTable(dev, ops []string, seeds int) *Table {
	if len(dev) == 0 || len(ops) == 0 || seeds < 1 {
		panic(fmt.Sprintf("equilibrium: a table of %d x %d strategies and %d seeds", len(dev), len(ops), seeds))
	}
	n := len(dev) * len(ops)
	t := &Table{Names: [2][]string{dev, ops}, seeds: seeds, have: make([]bool, n*seeds)}
	for r := range t.pay {
		t.pay[r] = make([]int64, n*seeds)
		t.sum[r] = make([]int64, n)
	}
	return t
}

// NewExact returns a complete table of a known game: devPay[i][j] and opsPay[i][j] are
// the payoffs when dev plays i and ops plays j. Its payoffs are exact: a deviation
// counts when it gains anything, under either rule.
func NewExact(dev, ops []string, devPay, opsPay [][]int64) *Table {
	t := NewTable(dev, ops, 1)
	t.exact = true
	for i := range dev {
		for j := range ops {
			t.Set(Profile{i, j}, 0, devPay[i][j], opsPay[i][j])
		}
	}
	return t
}

// Rows returns dev's number of strategies; Cols, ops'.
func (t *Table) Rows() int { return len(t.Names[sim.Dev]) }

// Cols returns ops' number of strategies.
func (t *Table) Cols() int { return len(t.Names[sim.Ops]) }

// Seeds returns the samples per profile.
func (t *Table) Seeds() int { return t.seeds }

// Exact reports whether the table is a known game without noise (NewExact).
func (t *Table) Exact() bool { return t.exact }

// Strategies returns a role's number of strategies.
func (t *Table) Strategies(r sim.Role) int { return len(t.Names[r]) }

func (t *Table) cell(p Profile) int {
	if p.Dev < 0 || p.Dev >= t.Rows() || p.Ops < 0 || p.Ops >= t.Cols() {
		panic(fmt.Sprintf("equilibrium: profile %v outside a %d x %d table", p, t.Rows(), t.Cols()))
	}
	return p.Dev*t.Cols() + p.Ops
}

// Set records the payoffs of profile p on sample k (the k-th seed, from 0). Each sample
// is set once.
func (t *Table) Set(p Profile, k int, devPay, opsPay int64) {
	c := t.cell(p)
	if k < 0 || k >= t.seeds {
		panic(fmt.Sprintf("equilibrium: sample %d of %d", k, t.seeds))
	}
	i := c*t.seeds + k
	if t.have[i] {
		panic(fmt.Sprintf("equilibrium: profile %v sample %d set twice", p, k))
	}
	t.have[i] = true
	t.haveN++
	for r, v := range [2]int64{devPay, opsPay} {
		t.pay[r][i] = v
		t.sum[r][c] += v
	}
}

// Complete returns nil when every sample of every profile is set, or an error naming the
// first missing one.
func (t *Table) Complete() error {
	if t.haveN == len(t.have) {
		return nil
	}
	for i, ok := range t.have {
		if !ok {
			c := i / t.seeds
			return fmt.Errorf("equilibrium: %s x %s has no payoffs for sample %d",
				t.Names[sim.Dev][c/t.Cols()], t.Names[sim.Ops][c%t.Cols()], i%t.seeds)
		}
	}
	return nil
}

// Pay returns role r's payoff in profile p on sample k.
func (t *Table) Pay(r sim.Role, p Profile, k int) int64 { return t.pay[r][t.cell(p)*t.seeds+k] }

// Sum returns role r's payoff in profile p summed over the samples. The solver works on
// sums: dividing every payoff by the same number of samples changes no equilibrium.
func (t *Table) Sum(r sim.Role, p Profile) int64 { return t.sum[r][t.cell(p)] }

// Mean returns role r's mean payoff in profile p, exactly.
func (t *Table) Mean(r sim.Role, p Profile) *big.Rat {
	return big.NewRat(t.Sum(r, p), int64(t.seeds))
}

// matrix returns role r's sums as a rows x cols matrix in row order.
func (t *Table) matrix(r sim.Role) []int64 { return t.sum[r] }

// Alike reports whether profiles p and q gave each role the same payoff on every sample:
// the game cannot tell them apart (their rounds may still differ in what pay does not
// see). A wall of rejections, for one, pays the same whatever dev does.
func (t *Table) Alike(p, q Profile) bool {
	a, b := t.cell(p)*t.seeds, t.cell(q)*t.seeds
	for r := range t.pay {
		for k := range t.seeds {
			if t.pay[r][a+k] != t.pay[r][b+k] {
				return false
			}
		}
	}
	return true
}

// Group splits profiles into classes of alike ones (Alike with the class's first), the
// classes in the order of their first profile, each in the given order: forty-eight
// equilibria that are "ops rejects everything, whatever dev does" read as one.
func (t *Table) Group(ps []Profile) [][]Profile {
	var out [][]Profile
	for _, p := range ps {
		found := false
		for c := range out {
			if t.Alike(out[c][0], p) {
				out[c] = append(out[c], p)
				found = true
				break
			}
		}
		if !found {
			out = append(out, []Profile{p})
		}
	}
	return out
}
