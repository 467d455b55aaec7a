//go:build race

package bot

// raceOn: the race detector makes these single-goroutine tests 10 times slower without
// finding anything in them; make test plays them in full on 386 too.
const raceOn = true
