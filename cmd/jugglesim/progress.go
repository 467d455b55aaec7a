package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/schollz/progressbar/v3"
)

// progress is a sweep's progress bar (schollz/progressbar): percentage, rounds, rate
// and time left. Off, it is nil and draws nothing.
type progress struct {
	bar  *progressbar.ProgressBar
	from uint64
}

// progressEvery is how often the bar is redrawn at most.
const progressEvery = 100 * time.Millisecond

// newProgress returns a bar on w; mode is auto (on when w is a terminal), on or off.
// total is the shard's rounds and from the rounds a -resume found done: the bar counts
// the others, so that its rate and time left are this run's.
func newProgress(w io.Writer, mode string, total, from uint64) *progress {
	on := mode == "on" || mode == "auto" && isTerminal(w)
	if !on || from >= total {
		return nil
	}
	desc := ""
	if from > 0 {
		desc = fmt.Sprintf("resumed after %d rounds:", from)
	}
	bar := progressbar.NewOptions64(int64(total-from),
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription(desc),
		progressbar.OptionSetTheme(progressbar.ThemeASCII), // any terminal font shows it
		progressbar.OptionSetWidth(30),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("rounds"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionShowElapsedTimeOnFinish(),
		progressbar.OptionThrottle(progressEvery),
		progressbar.OptionOnCompletion(func() { fmt.Fprintln(w) }), // ends the bar's line
	)
	// The clock starts now: started by the first round, the first rate would be that
	// of a round that took no time.
	bar.StartWithoutRender()
	return &progress{bar: bar, from: from}
}

// isTerminal reports whether w is a terminal, Cygwin's and MSYS2's included.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// update is sweep.Options.Progress.
func (p *progress) update(done, _ uint64) {
	if p != nil {
		_ = p.bar.Set64(int64(done - p.from)) // only a failed write to stderr: the sweep goes on
	}
}

// finish ends the bar's line when the sweep stopped short of the end (at the end, the
// bar has ended it).
func (p *progress) finish() {
	if p != nil && !p.bar.IsFinished() {
		_ = p.bar.Exit()
	}
}
