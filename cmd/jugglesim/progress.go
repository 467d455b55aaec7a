package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/mattn/go-isatty"
)

// progress draws a sweep's progress bar on a terminal: percentage, rounds, rate and
// time left. It is hand-written rather than taken from a progress-bar library because
// those bring in net/http, and with it math/rand, which the layering test keeps out of
// everything under sim/ and cmd/jugglesim.
type progress struct {
	w           io.Writer
	on          bool
	from, total uint64
	start, last time.Time
	drawn       bool
	done        uint64
}

// progressEvery is how often the bar is redrawn at most.
const progressEvery = 100 * time.Millisecond

// newProgress returns a bar on w; mode is auto (on when w is a terminal), on or off.
func newProgress(w io.Writer, mode string, total, from uint64) *progress {
	on := mode == "on" || mode == "auto" && isTerminal(w)
	return &progress{w: w, on: on, from: from, total: total, start: time.Now()}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// update is sweep.Options.Progress.
func (p *progress) update(done, total uint64) {
	p.done = done
	if !p.on {
		return
	}
	now := time.Now()
	if now.Sub(p.last) < progressEvery && done < total {
		return
	}
	p.last = now
	p.draw(now)
}

func (p *progress) draw(now time.Time) {
	const width = 30
	frac := 1.0
	if p.total > 0 {
		frac = float64(p.done) / float64(p.total)
	}
	filled := int(frac * width)
	bar := strings.Repeat("=", filled) + strings.Repeat(" ", width-filled)
	if filled < width {
		bar = bar[:filled] + ">" + bar[filled+1:]
	}
	elapsed := now.Sub(p.start).Seconds()
	rate := 0.0
	if elapsed > 0 {
		rate = float64(p.done-p.from) / elapsed
	}
	eta := "?"
	if rate > 0 {
		eta = time.Duration(float64(p.total-p.done) / rate * float64(time.Second)).Round(time.Second).String()
	}
	// \r goes back to the start of the line; \x1b[K clears what a longer line left.
	fmt.Fprintf(p.w, "\r%3.0f%% [%s] %d/%d rounds  %s rounds/s  ETA %s\x1b[K", 100*frac, bar, p.done, p.total, rateText(rate), eta)
	p.drawn = true
}

func rateText(r float64) string {
	if r >= 10000 {
		return fmt.Sprintf("%.0fk", r/1000)
	}
	return fmt.Sprintf("%.0f", r)
}

// finish draws the bar one last time and ends its line.
func (p *progress) finish() {
	if !p.on {
		return
	}
	p.draw(time.Now())
	fmt.Fprintln(p.w)
}
