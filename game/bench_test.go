package game

import (
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
)

// BenchmarkUpdateAutoplay is one frame's Update in attract mode: the model's step, the
// bots, the View and the feedback. Run under xvfb-run with -run '^$' -bench .
func BenchmarkUpdateAutoplay(b *testing.B) {
	s := Setup{Preset: "sre", Months: 120, Seed: 1, Players: bots}
	g, err := New(Options{Start: true, Setup: s, Devices: &fakeDevices{}, Mute: true, FixedStep: true, Log: discard{}})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := g.Update(); err != nil {
			b.Fatal(err)
		}
		if _, ok := g.Scene().(*monthScene); ok {
			g.Switch(currentRound(g.Scene()))
		}
	}
}

// BenchmarkDrawRound is one frame of the round: Draw, then ebiten's flush of the GPU
// commands and a read-back (which waits for the GPU, Mesa's llvmpipe on the CPU here).
// Sub-benchmarks: with the round shapes smoothed (anti-aliased), and without.
func BenchmarkDrawRound(b *testing.B) {
	for _, smooth := range []bool{true, false} {
		name := map[bool]string{true: "smooth", false: "flat"}[smooth]
		b.Run(name, func(b *testing.B) {
			s := Setup{Preset: "sre", Months: 6, Seed: 1, Players: bots}
			g, err := New(Options{Start: true, Setup: s, Devices: &fakeDevices{}, Mute: true, FixedStep: true, Log: discard{}})
			if err != nil {
				b.Fatal(err)
			}
			g.r.AA = smooth
			for range 600 {
				g.Update()
			}
			img := ebiten.NewImage(ScreenW, ScreenH)
			pix := make([]byte, 4*ScreenW*ScreenH)
			b.ReportAllocs()
			for b.Loop() {
				g.DrawOn(img, 1)
				img.ReadPixels(pix)
			}
		})
	}
}
