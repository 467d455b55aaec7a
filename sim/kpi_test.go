package sim

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// flatRing is the KPI window as the model kept it before it was kept in runs: one value
// a tick, the oldest at pos.
type flatRing struct {
	v   []int16
	pos int
	sum int64
}

func (f *flatRing) push(a int32) {
	f.sum += int64(a) - int64(f.v[f.pos])
	f.v[f.pos] = int16(a)
	f.pos = (f.pos + 1) % len(f.v)
}

// TestKPIWindowIsTheFlatRing moves the window by random stretches of random availability
// and requires, at each stop, the flat ring's index, sum and values in the hash's order,
// and the tick of the first crossing of a random limit that ticking one at a time finds.
func TestKPIWindowIsTheFlatRing(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	rounds := 300
	if Emulated() {
		rounds = 60
	}
	for round := 0; round < rounds; round++ {
		size := 1 + r.IntN(60)
		if round%10 == 0 {
			size = 1 + r.IntN(KPIWindowMax)
		}
		var runs []kpiRun
		if round%3 == 0 {
			runs = make([]kpiRun, 0, KPIWindowMax) // a window reused from a longer one
		}
		k := newKPIWindow(size, runs)
		f := flatRing{v: make([]int16, size), sum: 1000 * int64(size)}
		for i := range f.v {
			f.v[i] = 1000
		}
		levels := []int32{1000, 1000, 700, 0, int32(r.IntN(1001))}
		for step := 0; step < 200; step++ {
			a := levels[r.IntN(len(levels))]
			n := Tick(r.IntN(3))
			if r.IntN(4) == 0 {
				n = Tick(r.IntN(2*size + 2))
			}
			// Where the sum first falls below a limit near it, within n ticks, ticking.
			limit := f.sum + int64(r.IntN(2*size*50+1)) - int64(size*50)
			want := Tick(0)
			g := flatRing{v: append([]int16(nil), f.v...), pos: f.pos, sum: f.sum}
			for j := Tick(1); j <= n && want == 0; j++ {
				if g.sum < limit {
					want = 1
					break
				}
				g.push(a)
				if g.sum < limit {
					want = j
				}
			}
			if f.sum < limit {
				want = 1
			}
			require.Equal(t, want, k.crossing(a, limit, n), "crossing of %d within %d ticks of %d", limit, n, a)

			if n == 1 && step%2 == 0 {
				if !k.still(a) { // as the tick's step does
					k.push(a, 1)
				}
			} else {
				k.push(a, n)
			}
			for range n {
				f.push(a)
			}
			require.Equal(t, f.pos, k.pos, "pos")
			require.Equal(t, f.sum, k.sum, "sum")
			var got []int16
			k.each(func(v int16) { got = append(got, v) })
			require.Equal(t, f.v, got, "values in the flat ring's order")
			require.LessOrEqual(t, k.runsN, size)
		}
	}
}
