package main

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/sim/swarm"
)

func TestSwarmCommand(t *testing.T) {
	out, errOut, code := jugglesim(t, "swarm", "-seed", "11", "-count", "30", "-workers", "2")
	require.Equal(t, 0, code, errOut)
	assert.Regexp(t, `^swarm: 30 rounds \(seeds 11-40\) in [0-9.]+ s, [0-9]+ rounds/s, 0 failed\n$`, out)
	assert.Empty(t, errOut, "no progress line off a terminal")

	out, _, code = jugglesim(t, "swarm", "-seed", "5", "-count", "1", "-v")
	require.Equal(t, 0, code)
	assert.True(t, strings.HasPrefix(out, "ok   seed 5: swarm-"), out)
	assert.Contains(t, out, "state hash ")

	out, _, code = jugglesim(t, "swarm", "-duration", "300ms", "-workers", "1")
	require.Equal(t, 0, code)
	assert.Contains(t, out, "rounds (seeds 1-")
}

func TestSwarmReportsFailures(t *testing.T) {
	saved := swarm.Modes
	defer func() { swarm.Modes = saved }()
	swarm.Modes = append(append([]swarm.Mode(nil), saved...), swarm.Mode{Name: "planted", Check: func(c *swarm.Case, _ *swarm.Trace) error {
		if c.Seed%2 == 0 {
			return errors.New("even seeds fail")
		}
		return nil
	}})
	out, errOut, code := jugglesim(t, "swarm", "-seed", "3", "-count", "4", "-workers", "2")
	assert.Equal(t, 1, code)
	assert.Contains(t, out, "FAIL seed 4: planted: even seeds fail\n     case: seed 4: swarm-")
	assert.Contains(t, out, "reproduce: jugglesim swarm -seed 4 -count 1 -v\n")
	assert.Contains(t, out, "FAIL seed 6: planted")
	assert.Contains(t, out, "swarm: 4 rounds (seeds 3-6)")
	assert.Contains(t, errOut, "jugglesim: swarm: 2 of 4 rounds failed (seeds 4, 6)\n")
}

func TestSwarmFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"-workers", "0"}, "-workers 0: must be from 1 to "},
		{[]string{"-workers", "100000000"}, "-workers 100000000: must be from 1 to "},
		{[]string{"-count", "0"}, "-count 0 needs a -duration"},
		{[]string{"-duration", "-1s"}, "must not be negative"},
		{[]string{"-progress", "maybe"}, `-progress "maybe"`},
		{[]string{"-seed", "x"}, "invalid value"},
	} {
		_, errOut, code := jugglesim(t, append([]string{"swarm"}, tc.args...)...)
		assert.Equal(t, 2, code, "%v", tc.args)
		assert.Contains(t, errOut, tc.msg, "%v", tc.args)
		assert.Equal(t, 1, strings.Count(errOut, "\n"), "one line: %q", errOut)
	}
}

func TestSwarmInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancelCause(context.Background())
	cancel(errors.New("interrupt signal received"))
	var out, errb strings.Builder
	err := run(ctx, []string{"swarm", "-count", "100000"}, &out, &errb)
	assert.Equal(t, 130, exitCode(err, &errb))
	assert.Contains(t, errb.String(), "swarm: interrupted after")
}

// selfCommand returns a command that runs this test binary as jugglesim (see TestMain's
// JUGGLESIM_RUN_MAIN) with args. Under `go test -exec qemu-aarch64-static` without
// binfmt_misc (make test-cross on a machine where the kernel does not know qemu), the
// kernel cannot start an arm64 binary by itself: the command then goes through the same
// qemu, found on PATH as qemu-GOARCH-static, instead of the test skipping.
func selfCommand(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	self := os.Args[0]
	cmd := exec.Command(self, args...)
	if err := exec.Command(self, "-test.run=^$").Run(); errors.Is(err, syscall.ENOEXEC) {
		qemu, lookErr := exec.LookPath("qemu-" + qemuArch() + "-static")
		require.NoError(t, lookErr, "the kernel cannot run this %s binary, and there is no qemu for it", runtime.GOARCH)
		cmd = exec.Command(qemu, append([]string{self}, args...)...)
	}
	cmd.Env = append(os.Environ(), "JUGGLESIM_RUN_MAIN=1")
	return cmd
}

// qemuArch is the name qemu gives this architecture.
func qemuArch() string {
	switch runtime.GOARCH {
	case "arm64":
		return "aarch64"
	case "386":
		return "i386"
	case "amd64":
		return "x86_64"
	}
	return runtime.GOARCH
}
