package cmdline

import (
	"bytes"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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
