package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"devopsjuggle/sim/report"
	"devopsjuggle/sim/swarm"
)

// swarmOptions are the flags of jugglesim swarm.
type swarmOptions struct {
	seed     uint64
	count    uint64
	duration time.Duration
	workers  int
	verbose  bool
	progress string
}

const swarmDoc = `Each seed makes a random round: a random valid config (every practice, monitoring mode,
release style and pay scheme; durations from the shortest to the longest the model
accepts), random bots or person-like players who press keys at any tick, sensible or not.
Every round is played with its invariants checked after every tick and its results
checked for impossible values, then played again, replayed from its recording into a bare
world, played with bots that never sleep, and played and replayed jumping over quiet
ticks: all must agree. A failure prints its seed
and the command that reproduces it. Exit status 1 if any round failed.`

func swarmCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o swarmOptions
	fs := newFlags("swarm", "jugglesim swarm [-seed N] [-count N] [-duration D] [-workers N] [-v]\n\n"+swarmDoc, false)
	fs.Uint64Var(&o.seed, "seed", 1, "the first seed: rounds play seeds N, N+1, ...")
	fs.Uint64Var(&o.count, "count", 1000, "the number of rounds; with -duration, the most (0: no limit)")
	fs.DurationVar(&o.duration, "duration", 0, "stop starting rounds after this long (e.g. 10m); 0: play -count rounds")
	fs.IntVar(&o.workers, "workers", runtime.GOMAXPROCS(0), workersDoc())
	fs.BoolVar(&o.verbose, "v", false, "describe every round played and its outcome")
	fs.StringVar(&o.progress, "progress", "auto", "a progress line on stderr: auto (on a terminal), on or off")
	if err := fs.parse(args, stdout); err != nil {
		return err
	}
	if err := checkWorkers(o.workers); err != nil {
		return err
	}
	switch {
	case o.duration < 0:
		return usagef("swarm: -duration %v: must not be negative", o.duration)
	case o.count == 0 && o.duration == 0:
		return usagef("swarm: -count 0 needs a -duration")
	case o.progress != "auto" && o.progress != "on" && o.progress != "off":
		return usagef("swarm: -progress %q: auto, on or off", o.progress)
	}
	if !fs.isSet("count") && o.duration > 0 {
		o.count = 0
	}
	if o.count == 0 || o.count > math.MaxUint64-o.seed {
		o.count = math.MaxUint64 - o.seed // seeds run out first: never in practice
	}
	return runSwarm(ctx, &o, stdout, stderr)
}

// swarmRun is a swarm in progress.
type swarmRun struct {
	o        *swarmOptions
	start    time.Time
	done     atomic.Uint64
	failed   atomic.Uint64
	mu       sync.Mutex // guards out and seeds
	out      io.Writer
	failures []uint64
}

func runSwarm(ctx context.Context, o *swarmOptions, stdout, stderr io.Writer) error {
	s := &swarmRun{o: o, start: time.Now(), out: stdout}
	var deadline <-chan time.Time
	if o.duration > 0 {
		t := time.NewTimer(o.duration)
		defer t.Stop()
		deadline = t.C
	}
	// Seeds are handed out in order until the count, the deadline or a signal: the rounds
	// played are then exactly seeds seed to seed+n-1.
	seeds := make(chan uint64)
	go func() {
		defer close(seeds)
		for i := uint64(0); i < o.count; i++ {
			select {
			case seeds <- o.seed + i:
			case <-deadline:
				return
			case <-ctx.Done():
				return
			}
		}
	}()
	stopLine := s.progressLine(stderr)
	var wg sync.WaitGroup
	for range o.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for seed := range seeds {
				s.play(seed)
			}
		}()
	}
	wg.Wait()
	stopLine()

	n, failed := s.done.Load(), s.failed.Load()
	elapsed := time.Since(s.start)
	rate := float64(n) / max(elapsed.Seconds(), 1e-9)
	seedsRun := "none"
	if n > 0 {
		seedsRun = fmt.Sprintf("seeds %d-%d", o.seed, o.seed+n-1)
	}
	if _, err := fmt.Fprintf(stdout, "swarm: %s (%s) in %.1f s, %.0f rounds/s, %d failed\n", report.Count(n, "round"), seedsRun, elapsed.Seconds(), rate, failed); err != nil {
		return err
	}
	if ctx.Err() != nil {
		return interrupted{fmt.Errorf("swarm: interrupted after %d rounds (%v), %d failed", n, context.Cause(ctx), failed), context.Cause(ctx)}
	}
	if failed > 0 {
		return fmt.Errorf("swarm: %d of %d rounds failed (seeds %s)", failed, n, s.failedSeeds())
	}
	return nil
}

// play plays one seed and reports it.
func (s *swarmRun) play(seed uint64) {
	c := swarm.NewCase(seed)
	tr, err := swarm.RunCase(&c)
	if err != nil {
		s.failed.Add(1)
	}
	s.done.Add(1)
	if err == nil && !s.o.verbose {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err == nil {
		r := &tr.Result
		fmt.Fprintf(s.out, "ok   %s\n     %d shipped, %d deploys, %d drops, %d incidents, uptime %.2f %%, state hash %s\n",
			c.String(), r.Shipped, r.Deploys, r.Drops, r.Incidents, 100*r.Uptime, r.StateHash)
		return
	}
	s.failures = append(s.failures, seed)
	msg := err.Error()
	if lines := strings.Split(msg, "\n"); !s.o.verbose && len(lines) > 12 {
		msg = strings.Join(append(lines[:12], "\t... (the whole stack with -v)"), "\n")
	}
	repro := fmt.Sprintf("jugglesim swarm -seed %d -count 1 -v", seed)
	if f, ok := swarm.AsFailure(err); ok {
		repro = f.Repro()
	}
	fmt.Fprintf(s.out, "FAIL %s\n     case: %s\n     reproduce: %s\n", msg, c.String(), repro)
}

// failedSeeds lists the failed seeds in order, the first ten.
func (s *swarmRun) failedSeeds() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	seeds := append([]uint64(nil), s.failures...)
	for i := 1; i < len(seeds); i++ {
		for j := i; j > 0 && seeds[j] < seeds[j-1]; j-- {
			seeds[j], seeds[j-1] = seeds[j-1], seeds[j]
		}
	}
	var parts []string
	for i, seed := range seeds {
		if i == 10 {
			parts = append(parts, "...")
			break
		}
		parts = append(parts, fmt.Sprint(seed))
	}
	return strings.Join(parts, ", ")
}

// progressLine draws "N rounds, R/s, F failed" on stderr every half second when it is a
// terminal (or -progress on); it returns the function that ends the line.
func (s *swarmRun) progressLine(w io.Writer) (stop func()) {
	on := s.o.progress == "on" || s.o.progress == "auto" && isTerminal(w)
	if !on {
		return func() {}
	}
	quit, ended := make(chan struct{}), make(chan struct{})
	draw := func() {
		n := s.done.Load()
		el := time.Since(s.start)
		fmt.Fprintf(w, "\rswarm: %d rounds, %.0f/s, %d failed, %s   ", n, float64(n)/max(el.Seconds(), 1e-9), s.failed.Load(), el.Truncate(time.Second))
	}
	go func() {
		defer close(ended)
		tick := time.NewTicker(500 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-tick.C:
				draw()
			case <-quit:
				draw()
				fmt.Fprintln(w)
				return
			}
		}
	}()
	return func() { close(quit); <-ended }
}
