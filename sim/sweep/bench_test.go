package sweep

import (
	"context"
	"io"
	"runtime"
	"testing"

	"devopsjuggle/sim"
	"devopsjuggle/sim/bot"
)

func benchPlan(b *testing.B, seeds uint64) *Plan {
	cfg, err := sim.Preset("silo")
	if err != nil {
		b.Fatal(err)
	}
	p, err := NewPlan([]Source{{Name: "silo", Config: cfg}}, nil, Seeds{1, seeds}, Whole)
	if err != nil {
		b.Fatal(err)
	}
	return p
}

// BenchmarkSweep plays six-month silo rounds on every core and writes their CSV rows:
// ns/op is the wall time per round.
func BenchmarkSweep(b *testing.B) {
	p := benchPlan(b, uint64(b.N))
	b.ReportAllocs()
	b.ResetTimer()
	if _, err := p.Run(context.Background(), io.Discard, Options{Summary: NewSummary(p), Workers: runtime.GOMAXPROCS(0)}); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkRow is the cost of writing one row, besides playing its round.
func BenchmarkRow(b *testing.B) {
	p := benchPlan(b, 1)
	r := bot.Play(p.Cells[0].Config, 1)
	w := newRowWriter(p, CSV)
	var buf []byte
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		buf = w.appendRow(buf[:0], p.Job(0), &r)
	}
}
