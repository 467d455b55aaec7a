package sweep

import (
	"context"
	"fmt"
	"io"
	"sync"
	"time"

	"devopsjuggle/sim"
	"devopsjuggle/sim/bot"
	_ "devopsjuggle/sim/bot/solve" // a sweep's equilibrium bots solve the games they find nowhere
)

// Options tune a run; the zero value is usable.
type Options struct {
	// Format is the rows' format (default CSV): the one Start or Resume used on out.
	Format Format
	// From is the job of the shard to start from: 0, or what Resume returned.
	From uint64
	// Summary, when set, gets every row written.
	Summary *Summary
	// Rows, when set, gets every round written, in job order: its job and its result.
	Rows func(Job, *sim.Result)
	// Workers is how many rounds are played at once (default 1).
	Workers int
	// Progress, when set, is called after each row is written with the rows written so
	// far (those found by Resume included) and the shard's total.
	Progress func(done, total uint64)
	// FlushBytes and FlushEvery bound how long complete rows wait in memory before they
	// are written, in one write of whole rows (defaults 64 KiB and 1 s).
	FlushBytes int
	FlushEvery time.Duration
	// SyncEvery is how often the output is synced to disk, when it can be (default 10 s);
	// it is always synced at the end, interrupted or not.
	SyncEvery time.Duration
	// Now is the clock for flushing (default time.Now); tests may stop it.
	Now func() time.Time
	// TickByTick plays the rounds stepping every tick (bot.PlayTickByTick) instead of
	// jumping over quiet ticks: the same rows, more slowly.
	TickByTick bool
}

// withDefaults fills in the defaults, and plays no more rounds at once than there are
// (left) to play.
func (opt Options) withDefaults(left uint64) Options {
	opt.Workers = max(opt.Workers, 1)
	if uint64(opt.Workers) > left {
		opt.Workers = int(max(left, 1))
	}
	if opt.FlushBytes <= 0 {
		opt.FlushBytes = 64 << 10
	}
	if opt.FlushEvery <= 0 {
		opt.FlushEvery = time.Second
	}
	if opt.SyncEvery <= 0 {
		opt.SyncEvery = 10 * time.Second
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	return opt
}

// Syncer is an output that can be flushed to stable storage (an *os.File).
type Syncer interface{ Sync() error }

// result is a played job on its way to the writer.
type result struct {
	i   uint64 // the job's index in the shard
	row []byte
	r   sim.Result
}

// Run plays the plan's shard from job opt.From (0, or what Resume found) to the end, and
// writes the rows to out in job order, whatever the number of workers: a row is written
// only when every row before it has been. Each write holds whole rows only, so out never
// ends in half a row. When ctx is cancelled, Run stops feeding jobs, writes the rows
// already played that come next in order, syncs, and returns ctx's cause with the number
// of rows in out.
func (p *Plan) Run(ctx context.Context, out io.Writer, opt Options) (uint64, error) {
	total := p.Count()
	if opt.From > total {
		return opt.From, fmt.Errorf("sweep: from %d of %d jobs", opt.From, total)
	}
	opt = opt.withDefaults(total - opt.From)
	pl := newPipeline(opt.Workers)
	go p.feed(ctx, pl, opt.From, total)
	var wg sync.WaitGroup
	for range opt.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p.work(pl, opt.Format, opt.TickByTick)
		}()
	}
	go func() {
		wg.Wait()
		close(pl.results)
	}()

	w := newOrderedWriter(p, out, opt, pl, total)
	for res := range pl.results {
		w.take(res)
	}
	if err := w.finish(); err != nil {
		return w.next, err
	}
	if w.next < total {
		if err := context.Cause(ctx); err != nil {
			return w.next, err
		}
		return w.next, ctx.Err()
	}
	return w.next, nil
}

// Play plays a job's round: the cell's config with its bots, those that play for their
// pay over the source's strategy spaces.
func (p *Plan) Play(j Job) sim.Result { return p.play(j, false) }

// play is Play, stepping the world at every tick when tickByTick (Options.TickByTick).
func (p *Plan) play(j Job, tickByTick bool) sim.Result {
	c := &p.Cells[j.Cell]
	return bot.PlayWith(c.Config, j.Seed, bot.Options{Strategies: p.Sources[c.Source].Strategies, Log: p.BotLog, TickByTick: tickByTick})
}

// pipeline is a run's channels: job indexes to the workers, played rows to the writer,
// and the tokens that bound the jobs handed out but not yet written.
type pipeline struct {
	// The window bounds the jobs handed out but not yet written, and so the memory held
	// for rows waiting for an earlier one: memory stays flat in the number of rounds.
	window  uint64
	tokens  chan struct{} // one per job handed out and not yet written
	jobs    chan uint64
	results chan result
	stop    chan struct{} // closed when the writer gives up (a write failed)
}

func newPipeline(workers int) *pipeline {
	window := uint64(4*workers + 64)
	return &pipeline{
		window:  window,
		tokens:  make(chan struct{}, window),
		jobs:    make(chan uint64),
		results: make(chan result, window),
		stop:    make(chan struct{}),
	}
}

// feed hands out the jobs from..total-1 in order, each once a token is free, until ctx
// is cancelled or the writer gives up; then it closes the jobs.
func (p *Plan) feed(ctx context.Context, pl *pipeline, from, total uint64) {
	defer close(pl.jobs)
	for i := from; i < total; i++ {
		select {
		case pl.tokens <- struct{}{}:
		case <-ctx.Done():
			return
		case <-pl.stop:
			return
		}
		select {
		case pl.jobs <- i:
		case <-ctx.Done():
			return
		case <-pl.stop:
			return
		}
	}
}

// work plays the jobs it is handed and sends their rows to the writer.
func (p *Plan) work(pl *pipeline, f Format, tickByTick bool) {
	rw := newRowWriter(p, f)
	for i := range pl.jobs {
		j := p.Job(i)
		r := p.play(j, tickByTick)
		pl.results <- result{i: i, row: rw.appendRow(nil, j, &r), r: r}
	}
}

// orderedWriter writes the played rows in job order, whole rows per write: a row waits
// in pending until every row before it has come, and complete rows wait in buf until
// FlushBytes or FlushEvery.
type orderedWriter struct {
	p       *Plan
	out     io.Writer
	syncer  Syncer // out, if it can be synced
	opt     Options
	pl      *pipeline
	pending []*result // by job index modulo the window
	next    uint64    // the next job to write
	total   uint64
	buf     []byte

	lastFlush, lastSync time.Time
	err                 error // the first write or sync that failed
}

func newOrderedWriter(p *Plan, out io.Writer, opt Options, pl *pipeline, total uint64) *orderedWriter {
	syncer, _ := out.(Syncer)
	w := &orderedWriter{p: p, out: out, syncer: syncer, opt: opt, pl: pl, pending: make([]*result, pl.window),
		next: opt.From, total: total}
	w.lastFlush, w.lastSync = opt.Now(), opt.Now()
	return w
}

// take holds a played row until its turn, and writes every row whose turn has come.
// After a failed write it only drains the workers.
func (w *orderedWriter) take(res result) {
	if w.err != nil {
		return
	}
	w.pending[res.i%w.pl.window] = &res
	// Bounded by the window: each pass writes one of the pending rows.
	for {
		r := w.pending[w.next%w.pl.window]
		if r == nil || r.i != w.next {
			return
		}
		w.pending[w.next%w.pl.window] = nil
		w.write(r)
	}
}

// write adds the next row to the buffer (and the summary), frees its job's token, and
// flushes when the buffer is full or old enough.
func (w *orderedWriter) write(r *result) {
	w.buf = append(w.buf, r.row...)
	if w.opt.Summary != nil {
		w.opt.Summary.Add(w.p.Job(w.next).Cell, &r.r)
	}
	if w.opt.Rows != nil {
		w.opt.Rows(w.p.Job(w.next), &r.r)
	}
	w.next++
	<-w.pl.tokens
	if w.opt.Progress != nil {
		w.opt.Progress(w.next, w.total)
	}
	if len(w.buf) >= w.opt.FlushBytes || w.opt.Now().Sub(w.lastFlush) >= w.opt.FlushEvery {
		w.flush(false)
	}
}

// flush writes the buffered rows in one write, and syncs if forced or SyncEvery has
// passed since the last sync.
func (w *orderedWriter) flush(force bool) {
	if w.err != nil || len(w.buf) == 0 {
		return
	}
	if _, err := w.out.Write(w.buf); err != nil {
		w.fail(err)
		return
	}
	w.buf = w.buf[:0]
	w.lastFlush = w.opt.Now()
	if w.syncer != nil && (force || w.lastFlush.Sub(w.lastSync) >= w.opt.SyncEvery) {
		if err := w.syncer.Sync(); err != nil && !isUnsupportedSync(err) {
			w.fail(err)
			return
		}
		w.lastSync = w.lastFlush
	}
}

// fail records the first failure and tells the feeder to stop.
func (w *orderedWriter) fail(err error) {
	w.err = err
	close(w.pl.stop)
}

// finish writes what is buffered and syncs, and returns the first failure.
func (w *orderedWriter) finish() error {
	w.flush(true)
	if w.syncer != nil && w.err == nil {
		if err := w.syncer.Sync(); err != nil && !isUnsupportedSync(err) {
			w.err = err
		}
	}
	return w.err
}
