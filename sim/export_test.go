package sim

import "runtime"

// Hooks for the external tests (package sim_test).

// Emulated reports whether the tests run where make test-cross runs them emulated
// (arm64 under qemu, wasm under node: 10 to 50 times slower), or under the race
// detector: the long randomized tests play fewer rounds there, all of them natively on
// amd64 and 386.
func Emulated() bool { return runtime.GOARCH == "arm64" || runtime.GOOS == "js" || raceOn }

// SameView reports whether two views hold the same, whatever world they were observed in.
func SameView(a, b *View) bool {
	x, y := *a, *b
	x.src, y.src, x.stepped, y.stepped = nil, nil, 0, 0
	return x == y
}
