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

// TestParseChecksEveryValue: every flag's value is checked here, where no display is
// needed: a bad one is a UsageError (exit status 2) naming the flag; good ones pass.
func TestParseChecksEveryValue(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string // "" for no error
	}{
		{[]string{"-dev", "nonsense"}, "-dev: "},
		{[]string{"-dev", "learner"}, "-dev: "}, // the game's form is bot:NAME
		{[]string{"-ops", "bot:nobody"}, "-ops: "},
		{[]string{"-ops", "bot:gate=never"}, "-ops: "},
		{[]string{"-screenshot", "x.png"}, "-quit-after-ticks"},
		{[]string{"-quit-after-ticks", "-1"}, "-quit-after-ticks -1"},
		{[]string{"-replay", "no/such.replay.jsonl"}, "-replay: "},
		{[]string{"-record", t.TempDir()}, "is a folder"},
		{[]string{"-screenshot", t.TempDir(), "-quit-after-ticks", "5"}, "is a folder"},
		{[]string{"-dev", "bot:learner", "-ops", "bot:gate=freeze,freeze=7s,response=recover"}, ""},
		{[]string{"-hall", "-1"}, "-hall -1: "},
		{[]string{"-hall", "2", "-replay", "x.replay.jsonl"}, "-hall plays the hall's round"},
		{[]string{"-hall", "2", "-preset", "sre", "-seed", "7", "-months", "1"}, ""},
		{[]string{"-dev", "human", "-ops", "bot", "-screenshot", "x.png", "-quit-after-ticks", "5"}, ""},
	} {
		_, err := Parse(tt.args, &bytes.Buffer{})
		if tt.want == "" {
			assert.NoError(t, err, "%q", tt.args)
			continue
		}
		var u UsageError
		if assert.True(t, errors.As(err, &u), "%q: %v", tt.args, err) {
			assert.Contains(t, err.Error(), tt.want, "%q", tt.args)
		}
	}
}
