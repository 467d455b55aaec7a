package sim

import "testing"

// BenchmarkStep is one tick of the world alone, fed the inputs of a scripted juggle
// (every ball caught on time), in steady state.
func BenchmarkStep(b *testing.B) {
	cfg := DefaultConfig()
	cfg.Months = MonthsLimit
	w := New(cfg, 1)
	in := make([]Input, 0, 4)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if w.Done() {
			b.StopTimer()
			w = New(cfg, uint64(i))
			b.StartTimer()
		}
		in = perfectJuggle(w, in[:0])
		w.Step(in)
	}
}

// perfectJuggle appends a catch for every ball arriving now, and a release whenever
// one is allowed and approval of every change request.
func perfectJuggle(w *World, in []Input) []Input {
	t := w.Tick()
	for _, b := range w.Balls() {
		if b.State.InJuggle() && b.Arrival == t {
			in = append(in, Input{Tick: t, Role: Ops, Action: ActCatchLeft + Action(b.Hand)})
		}
	}
	return in
}
