package main

import (
	"io"
	"testing"
)

// BenchmarkProgress is the bar's cost per row, drawn (to io.Discard) at most every
// progressEvery: next to a round's half millisecond, nothing.
func BenchmarkProgress(b *testing.B) {
	bar := newProgress(io.Discard, "on", uint64(b.N), 0)
	b.ReportAllocs()
	for i := range b.N {
		bar.update(uint64(i+1), uint64(b.N))
	}
	bar.finish()
}
