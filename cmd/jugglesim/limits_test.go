package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
	"devopsjuggle/sim/bot"
)

// TestLimitsAreEnforced: each limit refuses the first value past it with exit status 2
// and one line, and accepts the value at it (issue 13: compare -seeds 1000000000000
// panicked, -workers 100000000 ran out of memory).
func TestLimitsAreEnforced(t *testing.T) {
	most := strconv.Itoa(maxWorkers())
	over := strconv.Itoa(maxWorkers() + 1)
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"compare", "-workers", over}, "-workers " + over + ": must be from 1 to " + most},
		{[]string{"sweep", "-workers", over}, "-workers " + over + ": must be from 1 to " + most},
		{[]string{"compare", "-workers", "100000000"}, "-workers 100000000"},
		{[]string{"compare", "-seeds", "1000000000"}, "-seeds 1000000000: 4 presets x 1000000000 seeds is more than the 5000000 rounds"},
		{[]string{"compare", "-seeds", "1250001"}, "4 presets x 1250001 seeds is more than the 5000000 rounds"},
		{[]string{"compare", "-seeds", "5000001", "-presets", "silo"}, "1 presets x 5000001 seeds"},
		{[]string{"compare", "-seeds", "99999999999999999999"}, "value out of range"},
		{[]string{"compare", "-months", "121"}, "-months 121: must be in [1, 120]"},
		{[]string{"run", "-months", "121"}, "-months 121: must be in [1, 120]"},
		{[]string{"sweep", "-months", "121"}, "-months 121: must be in [1, 120]"},
		{[]string{"sweep", "-seeds", "1-10000001"}, "-seeds 1-10000001: more than the 10000000 seeds a sweep plays per cell"},
		{[]string{"sweep", "-seeds", "10000001"}, "more than the 10000000 seeds"},
		{[]string{"sweep", "-seeds", "0-18446744073709551615"}, "more than the 10000000 seeds"},
		{[]string{"sweep", "-seeds", "18446744073709551615"}, "more than the 10000000 seeds"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			out, errOut, code := jugglesim(t, tc.args...)
			assert.Equal(t, 2, code, errOut)
			assert.Empty(t, out)
			assert.Equal(t, 1, strings.Count(errOut, "\n"), errOut)
			assert.Contains(t, errOut, tc.msg)
		})
	}
	// The bounds themselves are accepted (the checks are cheap; the rounds are few).
	ok(t, "compare", "-workers", most, "-seeds", "2", "-months", "1")
	ok(t, "sweep", "-workers", most, "-seeds", "1-2", "-months", "1", "-presets", "silo")
	ok(t, "run", "-months", strconv.Itoa(sim.MonthsLimit), "-json")
	// The last seeds of the 64-bit range, and a range of exactly the most seeds checked
	// (not played: -shard picks one round of them).
	ok(t, "sweep", "-seeds", "18446744073709551614-18446744073709551615", "-months", "1", "-presets", "silo")
	ok(t, "sweep", "-seeds", "1-10000000", "-months", "1", "-presets", "silo", "-shard", "10000000/10000000", "-summary=false")
	compareSeeds := maxCompareRounds / 2
	_, errOut, code := jugglesim(t, "compare", "-seeds", strconv.Itoa(compareSeeds), "-presets", "silo,sre", "-workers", "0")
	assert.Contains(t, errOut, "-workers 0", "the seeds at the bound pass the check: %s", errOut)
	assert.Equal(t, 2, code)
}

// TestHelpShowsTheLimits: every bound is in the -h of the command it bounds.
func TestHelpShowsTheLimits(t *testing.T) {
	for cmd, wants := range map[string][]string{
		"run":     {"1 to 120"},
		"compare": {"1 to 120", "at most 5000000 rounds", "1 to " + strconv.Itoa(maxWorkers())},
		"sweep":   {"1 to 120", "at most 10000000 seeds", "1 to " + strconv.Itoa(maxWorkers())},
	} {
		out, _, code := jugglesim(t, cmd, "-h")
		require.Equal(t, 0, code)
		for _, want := range wants {
			assert.Contains(t, out, want, "jugglesim %s -h", cmd)
		}
	}
}

// TestSignalsAreObeyedPromptly: with the most workers allowed, each playing the longest
// rounds, SIGTERM and SIGINT stop compare and sweep within seconds (issue 13: a sweep
// with a million workers ignored SIGTERM).
func TestSignalsAreObeyedPromptly(t *testing.T) {
	if runtime.GOOS == "js" || runtime.GOOS == "wasip1" || runtime.GOOS == "windows" {
		t.Skip("no processes or signals here")
	}
	// A worker finishes the round it plays before it stops: with workersPerCore workers
	// a core, a signal waits for about that many rounds (twice that allowed, for a busy
	// machine). Measured, not assumed: 24-month rounds keep the test short under the
	// race detector and emulators; 120-month ones take five times as long.
	const months = 24
	cfg, err := sim.Preset("silo")
	require.NoError(t, err)
	cfg.Months = months
	start := time.Now()
	bot.Play(cfg, 1)
	round := time.Since(start)
	limit := 2*time.Second + 2*workersPerCore*round
	t.Logf("a %d-month round takes %v: a signal must be obeyed within %v", months, round, limit)

	dir := t.TempDir()
	rows := filepath.Join(dir, "rows.csv")
	workers := strconv.Itoa(maxWorkers())
	for _, tc := range []struct {
		args   []string
		signal syscall.Signal
		code   int
		msg    string
	}{
		{[]string{"compare", "-seeds", "100000", "-months", strconv.Itoa(months), "-workers", workers}, syscall.SIGTERM, 143, "interrupted (terminated"},
		{[]string{"compare", "-seeds", "100000", "-months", strconv.Itoa(months), "-workers", workers}, syscall.SIGINT, 130, "interrupted (interrupt"},
		{[]string{"sweep", "-seeds", "100000", "-months", strconv.Itoa(months), "-workers", workers, "-o", rows}, syscall.SIGTERM, 143, "interrupted after"},
	} {
		t.Run(fmt.Sprint(tc.args[0], " ", tc.signal), func(t *testing.T) {
			cmd := exec.Command(os.Args[0], tc.args...)
			cmd.Env = append(os.Environ(), "JUGGLESIM_RUN_MAIN=1")
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Skipf("cannot start the test binary as a program here (%v)", err)
			}
			time.Sleep(500 * time.Millisecond) // every worker in a round by now
			sent := time.Now()
			require.NoError(t, cmd.Process.Signal(tc.signal))
			err := cmd.Wait()
			took := time.Since(sent)
			var exit *exec.ExitError
			require.True(t, errors.As(err, &exit), "%v: %s", err, stderr.String())
			assert.Equal(t, tc.code, exit.ExitCode(), stderr.String())
			assert.Contains(t, stderr.String(), tc.msg)
			assert.Equal(t, 1, strings.Count(stderr.String(), "\n"), stderr.String())
			assert.Less(t, took, limit, "the signal took %v to be obeyed", took)
			t.Logf("%s stopped %v after %v", tc.args[0], tc.signal, took)
		})
	}
}

// A one-month round's summary says "1 month" (a fresh clone's run read "1 months").
func TestRunSummarySaysOneMonth(t *testing.T) {
	out, _ := ok(t, "run", "-preset", "silo", "-seed", "7", "-months", "1")
	assert.Contains(t, out, "silo, seed 7, 1 month (rules")
}

// TestRunSummaryMonitoringLines: with the KPI alone (devops) there are no alerts to
// count, and a line of "Alerts 0" read as if monitoring had detected nothing; the
// summary says what monitoring missed instead. Bottom-up monitoring (sre) counts its
// alerts too; no monitoring (silo) leaves complaints alone.
func TestRunSummaryMonitoringLines(t *testing.T) {
	devops, _ := ok(t, "run", "-preset", "devops", "-months", "1")
	assert.NotContains(t, devops, "Alerts")
	assert.Regexp(t, `\nMissed +\d+ +incidents monitoring did not detect \(false negatives\); \d+ complaints\n`, devops)
	sre, _ := ok(t, "run", "-preset", "sre", "-months", "1")
	assert.Regexp(t, `\nAlerts +\d+ +from the infrastructure \(bottom-up\), \d+ false positives\n`, sre)
	assert.Contains(t, sre, "\nMissed ")
	silo, _ := ok(t, "run", "-preset", "silo", "-months", "1")
	assert.Regexp(t, `\nComplaints +\d+ +no monitoring: customers tell you\n`, silo)
	assert.NotContains(t, silo, "Missed")
}
