package equilibrium

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// benchTable returns a size x size table over seeds samples with pay like a round's:
// each profile has its own level (what its strategies earn) plus each seed's luck,
// whole dollars up to a few thousand.
func benchTable(size, seeds int) *Table {
	rng := rand.New(rand.NewPCG(uint64(size), 7))
	names := make([]string, size)
	for i := range names {
		names[i] = fmt.Sprint("s", i)
	}
	t := NewTable(names, names, seeds)
	luck := make([]int64, seeds)
	for k := range luck {
		luck[k] = rng.Int64N(1000)
	}
	for i := range size {
		for j := range size {
			dev, ops := rng.Int64N(5000), rng.Int64N(5000)
			for k := range seeds {
				t.Set(Profile{i, j}, k, dev+luck[k]+rng.Int64N(300), ops+luck[k]+rng.Int64N(300))
			}
		}
	}
	return t
}

// BenchmarkLemkeHowson: one Lemke-Howson path, exact integer pivoting, on the sums of
// a random empirical game over 200 seeds.
func BenchmarkLemkeHowson(b *testing.B) {
	for _, size := range []int{24, 48} {
		t := benchTable(size, 200)
		b.Run(fmt.Sprintf("%dx%d", size, size), func(b *testing.B) {
			for b.Loop() {
				if _, err := t.LemkeHowson(0); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSolve: what the equilibrium command does per cell: every pure equilibrium
// under the significance rule (paired intervals over 200 seeds), then a mixed one by
// Lemke-Howson, checked exactly and described with its regrets.
func BenchmarkSolve(b *testing.B) {
	for _, size := range []int{24, 48} {
		t := benchTable(size, 200)
		b.Run(fmt.Sprintf("%dx%d", size, size), func(b *testing.B) {
			for b.Loop() {
				if _, err := t.Solve(Options{Mixed: MixedAlways}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSolveAllLabels: the same, following Lemke-Howson from every label.
func BenchmarkSolveAllLabels(b *testing.B) {
	for _, size := range []int{24, 48} {
		t := benchTable(size, 200)
		b.Run(fmt.Sprintf("%dx%d", size, size), func(b *testing.B) {
			for b.Loop() {
				if _, err := t.Solve(Options{Mixed: MixedAlways, Search: LemkeHowsonAll}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkPureEquilibria: the significance rule over every profile and deviation.
func BenchmarkPureEquilibria(b *testing.B) {
	for _, size := range []int{24, 48} {
		t := benchTable(size, 200)
		b.Run(fmt.Sprintf("%dx%d", size, size), func(b *testing.B) {
			for b.Loop() {
				t.PureEquilibria(Significant)
			}
		})
	}
}
