package sweep

import (
	"context"
	"fmt"
	"io"
	"sync"
	"time"

	"devopsjuggle/sim"
	"devopsjuggle/sim/bot"
)

// Options tune a run; the zero value is usable.
type Options struct {
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

// Syncer is an output that can be flushed to stable storage (an *os.File).
type Syncer interface{ Sync() error }

// result is a played job on its way to the writer.
type result struct {
	i   uint64 // the job's index in the shard
	row []byte
	r   sim.Result
}

// Run plays the plan's shard from its from-th job (0, or what Resume found) to the end,
// and writes the rows to out in job order, whatever the number of workers: a row is
// written only when every row before it has been. Each write holds whole rows only, so
// out never ends in half a row. When ctx is cancelled, Run stops feeding jobs, writes the
// rows already played that come next in order, syncs, and returns ctx's cause with the
// number of rows in out. sum, if not nil, gets every row written.
func (p *Plan) Run(ctx context.Context, out io.Writer, f Format, from uint64, sum *Summary, opt Options) (uint64, error) {
	total := p.Count()
	if from > total {
		return from, fmt.Errorf("sweep: from %d of %d jobs", from, total)
	}
	workers := max(opt.Workers, 1)
	if left := total - from; uint64(workers) > left {
		workers = int(max(left, 1))
	}
	flushBytes := opt.FlushBytes
	if flushBytes <= 0 {
		flushBytes = 64 << 10
	}
	flushEvery, syncEvery := opt.FlushEvery, opt.SyncEvery
	if flushEvery <= 0 {
		flushEvery = time.Second
	}
	if syncEvery <= 0 {
		syncEvery = 10 * time.Second
	}
	now := opt.Now
	if now == nil {
		now = time.Now
	}

	// The window bounds the jobs handed out but not yet written, and so the memory held
	// for rows waiting for an earlier one: memory stays flat in the number of rounds.
	window := uint64(4*workers + 64)
	tokens := make(chan struct{}, window)
	jobs := make(chan uint64)
	results := make(chan result, window)
	stop := make(chan struct{}) // closed when the writer gives up (a write failed)

	go func() {
		defer close(jobs)
		for i := from; i < total; i++ {
			select {
			case tokens <- struct{}{}:
			case <-ctx.Done():
				return
			case <-stop:
				return
			}
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			case <-stop:
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rw := newRowWriter(p, f)
			play := bot.Play
			if opt.TickByTick {
				play = bot.PlayTickByTick
			}
			for i := range jobs {
				j := p.Job(i)
				r := play(p.Cells[j.Cell].Config, j.Seed)
				results <- result{i: i, row: rw.appendRow(nil, j, &r), r: r}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	// The writer: rows in job order, whole rows per write.
	pending := make([]*result, window)
	next := from
	var buf []byte
	lastFlush, lastSync := now(), now()
	syncer, _ := out.(Syncer)
	var werr error
	flush := func(force bool) {
		if werr != nil || len(buf) == 0 {
			return
		}
		if _, err := out.Write(buf); err != nil {
			werr = err
			close(stop)
			return
		}
		buf = buf[:0]
		lastFlush = now()
		if syncer != nil && (force || lastFlush.Sub(lastSync) >= syncEvery) {
			if err := syncer.Sync(); err != nil && !isUnsupportedSync(err) {
				werr = err
				close(stop)
				return
			}
			lastSync = lastFlush
		}
	}
	for res := range results {
		if werr != nil {
			continue // drain the workers
		}
		pending[res.i%window] = &res
		for {
			r := pending[next%window]
			if r == nil || r.i != next {
				break
			}
			pending[next%window] = nil
			buf = append(buf, r.row...)
			if sum != nil {
				sum.Add(p.Job(next).Cell, &r.r)
			}
			next++
			<-tokens
			if opt.Progress != nil {
				opt.Progress(next, total)
			}
			if len(buf) >= flushBytes || now().Sub(lastFlush) >= flushEvery {
				flush(false)
			}
		}
	}
	flush(true)
	if syncer != nil && werr == nil {
		if err := syncer.Sync(); err != nil && !isUnsupportedSync(err) {
			werr = err
		}
	}
	if werr != nil {
		return next, werr
	}
	if next < total {
		if err := context.Cause(ctx); err != nil {
			return next, err
		}
		return next, ctx.Err()
	}
	return next, nil
}
