package replay

import (
	"testing"

	"devopsjuggle/sim"
	"devopsjuggle/sim/bot"
)

// BenchmarkPlay plays a six-month silo round's replay back: what jugglesim replay does.
func BenchmarkPlay(b *testing.B) {
	cfg := sim.DefaultConfig()
	round := bot.NewBotRound(cfg, 7)
	rec := NewRecorder(NewHeader(cfg, 7, "bench", "devel"))
	for !round.World.Done() {
		rec.Step(round.World, round.Step(nil))
	}
	r := rec.Finish(round.World)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Play(); err != nil {
			b.Fatal(err)
		}
	}
}
