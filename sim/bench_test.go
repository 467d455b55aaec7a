package sim_test

import (
	"testing"

	"devopsjuggle/sim"
	"devopsjuggle/sim/bot"
)

// BenchmarkStep is one tick of the world alone, in a busy round: each preset's bots
// played a 6-month round once, and the benchmark steps a bare world through the inputs
// they sent (catches, releases, change requests and answers, rollbacks, recoveries),
// round after round. The metrics say how busy: releases, change requests and incidents
// in each round.
func BenchmarkStep(b *testing.B) {
	for _, name := range sim.PresetNames() {
		b.Run(name, func(b *testing.B) {
			cfg, err := sim.Preset(name)
			if err != nil {
				b.Fatal(err)
			}
			const seed = 1
			// byTick[t] holds the inputs of tick t: no search while stepping.
			byTick := make([][]sim.Input, cfg.Ticks())
			r := bot.NewBotRound(cfg, seed)
			for !r.World.Done() {
				t := r.World.Tick()
				byTick[t] = append(byTick[t], r.Step(nil)...)
			}
			res := r.World.Result()
			w := sim.New(cfg, seed)
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				if w.Done() {
					b.StopTimer()
					if w.Result() != res {
						b.Fatal("the replayed round differs from the bots' round")
					}
					w = sim.New(cfg, seed)
					b.StartTimer()
				}
				w.Step(byTick[w.Tick()])
			}
			b.ReportMetric(float64(res.Released), "releases/round")
			b.ReportMetric(float64(res.CRs), "CRs/round")
			b.ReportMetric(float64(res.Incidents), "incidents/round")
		})
	}
}
