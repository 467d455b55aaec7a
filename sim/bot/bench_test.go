package bot

import (
	"testing"

	"devopsjuggle/sim"
)

// BenchmarkMonth plays one 30-second month of preset silo with both bots.
func BenchmarkMonth(b *testing.B) {
	cfg, err := sim.Preset("silo")
	if err != nil {
		b.Fatal(err)
	}
	cfg.Months = 1
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		Play(cfg, uint64(i))
	}
}

// BenchmarkStepWithBots is one tick of a silo round with both bots, in steady state.
func BenchmarkStepWithBots(b *testing.B) {
	cfg, err := sim.Preset("silo")
	if err != nil {
		b.Fatal(err)
	}
	cfg.Months = sim.MonthsLimit
	r := NewBotRound(cfg, 1)
	for range 600 {
		r.Step(nil)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if r.World.Done() {
			b.StopTimer()
			r = NewBotRound(cfg, uint64(i))
			b.StartTimer()
		}
		r.Step(nil)
	}
}
