package main

import (
	"fmt"
	"runtime"
	"time"

	"devopsjuggle/sim"
)

// The limits of what jugglesim accepts, shown in each command's -h and in
// docs/research.md (Limits). Beyond them a command refuses to start (exit status 2, one
// line) rather than run out of memory or for days. The length of a round is the
// model's own bound, sim.MonthsLimit, which sim.Config.Validate enforces.
const (
	// maxCompareRounds bounds compare's presets x seeds: compare keeps 96 bytes of
	// figures per round to compute the spreads, about 200 bytes of memory with the
	// garbage collector's headroom (measured: 52 MB of peak RSS for 200,000 rounds), so
	// about 1 GB at the bound; a bigger study is a sweep, which streams.
	maxCompareRounds = 5_000_000
	// maxSweepSeeds bounds the seeds of each cell of a sweep: 10 million six-month
	// rounds take an hour and a half of one core. A sweep streams its rows, so memory is
	// no reason; the bound catches a mistyped range (1-10000000000 for 1-1000000), which
	// would run for a year, and a range whose count does not fit in 64 bits. A sweep as
	// a whole is bounded by sim/sweep (2^40 rounds).
	maxSweepSeeds = 10_000_000
	// workersPerCore bounds -workers: rounds are pure computation, so more workers than
	// cores only hold more rounds in memory and more rounds to finish before a signal is
	// obeyed; up to four per core still lets a user oversubscribe a shared machine.
	workersPerCore = 4
	// maxGameSeeds bounds the seeds every pair of strategies plays in jugglesim
	// equilibrium, and maxGameRounds the rounds of a run (cells x pairs x seeds): a game
	// keeps each round's pay for the paired intervals (16 bytes) and the figures' sums
	// per pair, so 20 million rounds hold about 400 MB. Phase 1's projection: a preset's
	// default game (12 x 24 pairs) over 200 seeds is 57,600 rounds, ten seconds.
	maxGameSeeds  = 100_000
	maxGameRounds = 20_000_000
)

// maxWorkers is the most rounds played at once: workersPerCore x the cores Go runs on
// (GOMAXPROCS: the machine's cores, or the container's CPU limit).
func maxWorkers() int { return workersPerCore * runtime.GOMAXPROCS(0) }

// workersDoc describes -workers in -h.
func workersDoc() string {
	return fmt.Sprintf("rounds played at once, 1 to %d (%d x the %d cores Go uses here)", maxWorkers(), workersPerCore, runtime.GOMAXPROCS(0))
}

// checkWorkers refuses a -workers outside [1, maxWorkers()].
func checkWorkers(n int) error {
	if n < 1 || n > maxWorkers() {
		return usagef("-workers %d: must be from 1 to %d (%d x the %d cores Go uses here)", n, maxWorkers(), workersPerCore, runtime.GOMAXPROCS(0))
	}
	return nil
}

// checkRunFlags checks what sweep and equilibrium (the commands that play many rounds
// with a progress bar) share: -workers, -months when given, -progress and -flush.
func checkRunFlags(fs *flagSet, workers, months int, progress string, flush time.Duration) error {
	if err := checkWorkers(workers); err != nil {
		return err
	}
	if fs.isSet("months") && (months < 1 || months > sim.MonthsLimit) {
		return usagef("-months %d: must be in [1, %d]", months, sim.MonthsLimit)
	}
	if progress != "auto" && progress != "on" && progress != "off" {
		return usagef("-progress %q: must be auto, on or off", progress)
	}
	if flush < 0 {
		return usagef("-flush %v: must not be negative (0 writes every row at once)", flush)
	}
	return nil
}
