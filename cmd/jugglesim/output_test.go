package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// inputs makes the files the commands read: a replay, two shards and their merge, and a
// scenario.
func inputs(t *testing.T) (dir string) {
	t.Helper()
	dir = t.TempDir()
	ok(t, "run", "-months", "1", "-record", filepath.Join(dir, "r.jsonl"))
	for k := 1; k <= 2; k++ {
		ok(t, "sweep", "-presets", "silo,sre", "-seeds", "1-3", "-months", "1", "-summary=false",
			"-shard", fmt.Sprintf("%d/2", k), "-o", filepath.Join(dir, fmt.Sprintf("p%d.csv", k)))
	}
	ok(t, "merge", "-o", filepath.Join(dir, "all.csv"), filepath.Join(dir, "p1.csv"), filepath.Join(dir, "p2.csv"))
	write(t, dir, "good.toml", "base = \"sre\"\n[ops]\nskill = 0.8\n")
	write(t, dir, "tiny.toml", tinyGame)
	return dir
}

// stdoutCommands are the command lines that print to stdout, with in for the folder of
// inputs and out for a folder to write in.
func stdoutCommands(in, out string) [][]string {
	return [][]string{
		{"help"},
		{"version"},
		{"run", "-h"},
		{"run", "-months", "1"},
		{"run", "-months", "1", "-json"},
		{"compare", "-seeds", "3", "-months", "1"},
		{"compare", "-seeds", "3", "-months", "1", "-format", "csv"},
		{"compare", "-seeds", "3", "-months", "1", "-format", "json"},
		{"sweep", "-presets", "silo", "-seeds", "1-3", "-months", "1", "-summary=false"},
		{"sweep", "-presets", "silo", "-seeds", "1-3", "-months", "1", "-o", filepath.Join(out, "rows.csv")}, // the summary
		{"merge", filepath.Join(in, "p1.csv"), filepath.Join(in, "p2.csv")},
		{"scenario", "print", "-preset", "sre"},
		{"scenario", "check", filepath.Join(in, "good.toml")},
		{"scenario", "check", "-h"},
		{"replay", filepath.Join(in, "r.jsonl")},
		{"replay", "-json", filepath.Join(in, "r.jsonl")},
		{"replay", "-summary", filepath.Join(in, "r.jsonl")},
		{"plot", filepath.Join(in, "all.csv"), "-o", filepath.Join(out, "c.svg")},
		{"swarm", "-seed", "1", "-count", "3", "-workers", "1"},
		{"equilibrium", "-scenarios", filepath.Join(in, "tiny.toml"), "-seeds", "1-2"},
		{"equilibrium", "-scenarios", filepath.Join(in, "tiny.toml"), "-seeds", "1-2", "-json"},
	}
}

// failingWriter accepts n bytes, then fails every write as a full disk does.
type failingWriter struct{ n int }

var errDiskFull = errors.New("disk full")

func (w *failingWriter) Write(p []byte) (int, error) {
	if len(p) <= w.n {
		w.n -= len(p)
		return len(p), nil
	}
	k := w.n
	w.n = 0
	return k, errDiskFull
}

// TestEveryCommandReportsAFailedWrite: whatever command prints to a stdout that fails,
// at its first byte or half-way, it exits with status 1 and says so in one line; no
// write error is ignored (issue 13: compare into /dev/full exited 0, merge 2).
func TestEveryCommandReportsAFailedWrite(t *testing.T) {
	in := inputs(t)
	for _, args := range stdoutCommands(in, t.TempDir()) {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			whole, errOut, code := jugglesim(t, args...)
			require.Equal(t, 0, code, errOut)
			require.NotEmpty(t, whole)
			fails := []int{0, len(whole) / 2, len(whole) - 1}
			if args[0] == "swarm" {
				fails = fails[:2] // its line holds a rate: its length varies
			}
			for _, n := range fails {
				var errb bytes.Buffer
				err := run(context.Background(), args, &failingWriter{n}, &errb)
				assert.Equal(t, 1, exitCode(err, &errb), "failing after %d bytes", n)
				assert.Equal(t, "jugglesim: disk full\n", errb.String(), "failing after %d bytes", n)
			}
		})
	}
}

// TestFullStdoutInAProcess: the same with the program's real stdout on /dev/full.
func TestFullStdoutInAProcess(t *testing.T) {
	_, full := devices(t)
	in, out := inputs(t), t.TempDir()
	for _, args := range stdoutCommands(in, out) {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			f, err := os.OpenFile(full, os.O_WRONLY, 0)
			require.NoError(t, err)
			defer f.Close()
			code, stderr := runProcess(t, f, args...)
			assert.Equal(t, 1, code, stderr)
			assert.Equal(t, 1, strings.Count(stderr, "\n"), stderr)
			assert.Contains(t, stderr, "no space left on device")
		})
	}
}

// runProcess runs this test binary as jugglesim with stdout on w, and returns its exit
// status and stderr.
func runProcess(t *testing.T, w *os.File, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "JUGGLESIM_RUN_MAIN=1")
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = w, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0, stderr.String()
	case errors.As(err, &exit):
		return exit.ExitCode(), stderr.String()
	}
	t.Skipf("cannot run the test binary as a program here (%v)", err)
	return 0, ""
}

// outputCommands are the command lines that write a file, the path given by out.
func outputCommands(in string) []struct {
	name string
	args func(out string) []string
} {
	return []struct {
		name string
		args func(out string) []string
	}{
		{"run -record", func(out string) []string { return []string{"run", "-months", "1", "-record", out} }},
		{"run -postmortem", func(out string) []string { return []string{"run", "-months", "1", "-postmortem", out} }},
		{"replay -postmortem", func(out string) []string { return []string{"replay", "-postmortem", out, filepath.Join(in, "r.jsonl")} }},
		{"scenario print -o", func(out string) []string { return []string{"scenario", "print", "-o", out} }},
		{"equilibrium -matrix", func(out string) []string {
			return []string{"equilibrium", "-scenarios", filepath.Join(in, "tiny.toml"), "-seeds", "1-2", "-matrix", out}
		}},
		{"equilibrium -cells", func(out string) []string {
			return []string{"equilibrium", "-scenarios", filepath.Join(in, "tiny.toml"), "-seeds", "1-2", "-cells", out}
		}},
		{"merge -o", func(out string) []string {
			return []string{"merge", "-o", out, filepath.Join(in, "p1.csv"), filepath.Join(in, "p2.csv")}
		}},
	}
}

// TestOutputsAreWrittenLikeTrustedTools: every file jugglesim writes replaces a regular
// file whole, writes through a symbolic link, writes a device directly, and refuses a
// directory or a missing folder with one line (issue 13: -record onto /dev/full
// replaced the device, onto a link replaced the link, onto /tmp made a file in /).
func TestOutputsAreWrittenLikeTrustedTools(t *testing.T) {
	in := inputs(t)
	for _, cmd := range outputCommands(in) {
		t.Run(cmd.name, func(t *testing.T) {
			// A symbolic link: its target is written, the link stays.
			if runtime.GOOS != "windows" && runtime.GOOS != "js" && runtime.GOOS != "wasip1" {
				links, targets := t.TempDir(), t.TempDir()
				target := write(t, targets, "target.csv", "old")
				link := filepath.Join(links, "out.csv")
				require.NoError(t, os.Symlink(target, link))
				ok(t, cmd.args(link)...)
				info, err := os.Lstat(link)
				require.NoError(t, err)
				assert.True(t, info.Mode()&fs.ModeSymlink != 0, "the link stays a link")
				assert.NotEqual(t, "old", read(t, target), "its target is written")
				assert.Len(t, entries(t, links), 1, "nothing beside the link")
				assert.Len(t, entries(t, targets), 1, "nothing beside the target")
			}

			// A directory: one line naming it, and nothing written in or beside it.
			parent := t.TempDir()
			dir := filepath.Join(parent, "out.csv")
			require.NoError(t, os.Mkdir(dir, 0o755))
			out, errOut, code := jugglesim(t, cmd.args(dir)...)
			assert.Equal(t, 1, code, errOut)
			assert.Empty(t, out)
			assert.Equal(t, 1, strings.Count(errOut, "\n"), errOut)
			assert.Contains(t, strings.ToLower(errOut), strings.ToLower(dir)+": is a directory") // js/wasm: "Is a directory"
			assert.Empty(t, entries(t, dir))
			assert.Len(t, entries(t, parent), 1)

			// A folder that is not there.
			missing := filepath.Join(parent, "none", "out.csv")
			_, errOut, code = jugglesim(t, cmd.args(missing)...)
			assert.Equal(t, 1, code, errOut)
			assert.Contains(t, strings.ToLower(errOut), strings.ToLower(missing+": no such file or directory"))
			assert.Len(t, entries(t, parent), 1)

			if runtime.GOOS != "linux" {
				return
			}
			// Devices: written, never replaced; a full one is a failed write.
			null, full := devices(t)
			ok(t, cmd.args(null)...)
			_, errOut, code = jugglesim(t, cmd.args(full)...)
			assert.Equal(t, 1, code)
			assert.Contains(t, errOut, full+": no space left on device")
			assert.Equal(t, 1, strings.Count(errOut, "\n"), errOut)
			for _, dev := range []string{null, full} {
				info, err := os.Stat(dev)
				require.NoError(t, err)
				assert.True(t, info.Mode()&fs.ModeCharDevice != 0, "%s is still a device", dev)
			}
		})
	}
}

func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

// TestAFailedCommandLeavesNoOutput: run's and plot's outputs are written all or none, so
// a command that fails on its second output has not left its first behind.
func TestAFailedCommandLeavesNoOutput(t *testing.T) {
	dir := t.TempDir()
	rec := filepath.Join(dir, "r.jsonl")
	_, errOut, code := jugglesim(t, "run", "-months", "1", "-record", rec, "-postmortem", filepath.Join(dir, "none", "pm.md"))
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "-postmortem: create ")
	assert.Empty(t, entries(t, dir), "no replay without its post-mortem")

	in := inputs(t)
	require.NoError(t, os.Mkdir(filepath.Join(dir, "c-pay.svg"), 0o755))
	_, errOut, code = jugglesim(t, "plot", filepath.Join(in, "all.csv"), "-o", filepath.Join(dir, "c.svg"))
	assert.Equal(t, 1, code)
	assert.Contains(t, strings.ToLower(errOut), "c-pay.svg: is a directory")
	assert.Equal(t, []string{"c-pay.svg"}, entries(t, dir), "no chart without the other")
}

// TestBadOutputNames: a name no file can have is bad usage (exit status 2).
func TestBadOutputNames(t *testing.T) {
	for _, args := range [][]string{
		{"run", "-months", "1", "-record", "a\x00b"},
		{"run", "-months", "1", "-postmortem", "\x00"},
		{"scenario", "print", "-o", "x\x00"},
	} {
		out, errOut, code := jugglesim(t, args...)
		assert.Equal(t, 2, code, errOut)
		assert.Empty(t, out)
		assert.Contains(t, errOut, `a file name cannot hold a NUL byte`)
		assert.Contains(t, errOut, `\x00`, "the name quoted, not raw")
	}
}
