package bot

import (
	"runtime"
	"testing"

	"devopsjuggle/sim"
)

// BenchmarkMonth plays one 30-second month of each preset with both bots, jumping over
// quiet ticks (Play).
func BenchmarkMonth(b *testing.B) { benchMonth(b, Play) }

// BenchmarkMonthTickByTick is BenchmarkMonth stepping the world at every tick, the way
// rounds were played before it could jump: the same rounds, for the ratio.
func BenchmarkMonthTickByTick(b *testing.B) { benchMonth(b, PlayTickByTick) }

func benchMonth(b *testing.B, play func(sim.Config, uint64) sim.Result) {
	for _, name := range sim.PresetNames() {
		cfg, err := sim.Preset(name)
		if err != nil {
			b.Fatal(err)
		}
		cfg.Months = 1
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			runtime.LockOSThread() // so that the thread's CPU time is the benchmark's
			defer runtime.UnlockOSThread()
			cpu0, cpuOK := threadCPU()
			for i := 0; i < b.N; i++ {
				play(cfg, uint64(i))
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "months/s")
			if cpu1, ok := threadCPU(); cpuOK && ok {
				b.ReportMetric(float64(cpu1-cpu0)/float64(b.N), "cpu-ns/op")
			}
		})
	}
}

// BenchmarkMonthWorld is the world's share of BenchmarkMonth: the inputs of 64 of its
// months (both bots', recorded once) given to the world alone, which jumps between them
// as a round does (AdvanceTo, then StepAhead at each tick with inputs), with no bot and
// no View. What BenchmarkMonth takes beyond it is the bots' looks and the round's.
func BenchmarkMonthWorld(b *testing.B) {
	for _, name := range sim.PresetNames() {
		cfg, err := sim.Preset(name)
		if err != nil {
			b.Fatal(err)
		}
		cfg.Months = 1
		var months [64][]sim.Input
		var hashes [64]uint64
		for i := range months {
			r := NewBotRound(cfg, uint64(i))
			for !r.World.Done() {
				months[i] = append(months[i], r.Advance(r.World.End())...)
			}
			hashes[i] = r.World.Hash()
		}
		var w sim.World
		play := func(i int) {
			w.Reset(cfg, uint64(i))
			for in := months[i]; len(in) > 0; {
				t, n := in[0].Tick, 1
				for n < len(in) && in[n].Tick == t {
					n++
				}
				w.AdvanceTo(t)
				w.StepAhead(in[:n])
				in = in[n:]
			}
			w.AdvanceTo(w.End())
		}
		for i := range months {
			if play(i); w.Hash() != hashes[i] {
				b.Fatalf("%s seed %d: the world alone ends in another state than the round", name, i)
			}
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				play(i % len(months))
				w.Result()
			}
		})
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
