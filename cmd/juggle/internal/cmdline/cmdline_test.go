package cmdline

import (
	"bytes"
	"errors"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestNoEbiten: the command line is read before ebiten starts (with no display, ebiten's
// package initialisation panics), so neither this package nor nodisplay may reach it.
func TestNoEbiten(t *testing.T) {
	for _, pkg := range []string{".", "../nodisplay"} {
		out, err := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "list", "-deps", pkg).Output()
		require.NoError(t, err)
		assert.NotContains(t, string(out), "hajimehoshi/ebiten", pkg)
		assert.NotContains(t, string(out), "devopsjuggle/game", pkg)
	}
}

// TestParse: -h prints every flag and is no error; what the command line gave is marked.
func TestParse(t *testing.T) {
	var out bytes.Buffer
	_, err := Parse([]string{"-h"}, &out)
	assert.ErrorIs(t, err, ErrHelp)
	for _, f := range []string{"-autoplay", "-preset", "-quit-after-ticks", "-screenshot", "-settings", "-data"} {
		assert.Contains(t, out.String(), f)
	}

	v, err := Parse([]string{"-preset", "sre", "-seed", "9", "-mute"}, &out)
	require.NoError(t, err)
	assert.Equal(t, "sre", v.Preset)
	assert.Equal(t, uint64(9), v.Seed)
	assert.True(t, v.Set["preset"] && v.Set["seed"] && v.Set["mute"])
	assert.False(t, v.Set["months"])
	assert.Equal(t, 3, v.Months, "the default")

	for _, args := range [][]string{{"-nope"}, {"stray"}, {"-seed", "x"}} {
		_, err := Parse(args, &out)
		var u UsageError
		assert.True(t, errors.As(err, &u), "%v: %v", args, err)
	}
}
