package replay

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
	"devopsjuggle/sim/bot"
)

// month records a one-month silo round (1800 ticks: checkpoints at 600 and 1200), or as
// much of it as ticks says, and returns its lines.
func month(t *testing.T, ticks sim.Tick) []string {
	t.Helper()
	cfg := sim.DefaultConfig()
	cfg.Months = 1
	round := bot.NewBotRound(cfg, 2)
	rec := NewRecorder(NewHeader(cfg, 2, "test", "devel"))
	for round.World.Tick() < ticks {
		rec.Step(round.World, round.Step(nil))
	}
	return strings.Split(strings.TrimSuffix(encode(t, rec.Finish(round.World)), "\n"), "\n")
}

// insert returns the lines with line l inserted at index i, as a file.
func insert(lines []string, i int, l string) string {
	out := append(append(append([]string(nil), lines[:i]...), l), lines[i:]...)
	return strings.Join(out, "\n") + "\n"
}

func join(lines []string) string { return strings.Join(lines, "\n") + "\n" }

// decodeErr decodes text and returns its *Error, nil if it decoded.
func decodeErr(t *testing.T, text string) *Error {
	t.Helper()
	_, err := Decode(strings.NewReader(text))
	if err == nil {
		return nil
	}
	var e *Error
	require.True(t, errors.As(err, &e), "%v", err)
	return e
}

func input(tk sim.Tick) string { return fmt.Sprintf(`{"t":%d,"role":"ops","action":"ack"}`, tk) }

// TestInputsAreWithinTheRound: an input's tick is in [0, ticks).
func TestInputsAreWithinTheRound(t *testing.T) {
	lines := month(t, 1800)
	end := len(lines) - 1
	assert.Nil(t, decodeErr(t, insert(lines, 1, input(0))), "the first tick")
	assert.Nil(t, decodeErr(t, insert(lines, end, input(1799))), "the last tick")
	e := decodeErr(t, insert(lines, end, input(1800)))
	require.NotNil(t, e, "past the last tick")
	assert.Equal(t, end+1, e.Line)
	assert.Equal(t, "tick 1800 is outside the round (0 to 1799)", e.Msg)
	e = decodeErr(t, insert(lines, 1, input(-1)))
	require.NotNil(t, e, "before the first tick")
	assert.Equal(t, "t", e.Field)
}

// TestBlankLinesAreSkipped: a blank line anywhere is not a line of the replay (an editor
// may add one at the end), and line numbers still count it.
func TestBlankLinesAreSkipped(t *testing.T) {
	lines := month(t, 1800)
	text := insert(lines, 2, "   ")
	assert.Nil(t, decodeErr(t, text+"\n\n"))
	e := decodeErr(t, insert(strings.Split(strings.TrimSuffix(text, "\n"), "\n"), 4, "{}"))
	require.NotNil(t, e)
	assert.Equal(t, 5, e.Line, "the blank line counts")
}

// TestCheckpointBoundaries: checkpoints fall every CheckpointTicks, after tick 0 and
// before the end of a complete round; a round stopped early has none after its end, and
// one at its end's tick if one is due there.
func TestCheckpointBoundaries(t *testing.T) {
	lines := month(t, 1800)
	end := len(lines) - 1
	cps := []int{}
	for i, l := range lines {
		if strings.Contains(l, `"checkpoint":`) {
			cps = append(cps, i)
		}
	}
	require.Len(t, cps, 2)
	hash := `"hash":"0123456789abcdef"`

	e := decodeErr(t, insert(lines, 1, `{"checkpoint":0,`+hash+`}`))
	require.NotNil(t, e)
	assert.Equal(t, "tick 0 out of order", e.Msg)

	e = decodeErr(t, insert(lines, cps[0]+1, lines[cps[0]]))
	require.NotNil(t, e, "the same checkpoint twice")
	assert.Equal(t, "tick 600 out of order", e.Msg)

	// A checkpoint at the end's tick of a complete round is one too many: the end line
	// holds that tick's hash.
	e = decodeErr(t, insert(lines, end, `{"checkpoint":1800,`+hash+`}`))
	require.NotNil(t, e)
	assert.Equal(t, end+2, e.Line, "found at the end line")
	assert.Equal(t, "the file has 3 of the 2 checkpoints before tick 1800: a checkpoint line is missing", e.Msg)

	e = decodeErr(t, insert(lines, end, `{"checkpoint":2400,`+hash+`}`))
	require.NotNil(t, e)
	assert.Equal(t, "tick 2400 out of order", e.Msg)

	// Stopped before the first checkpoint, and exactly at one.
	for _, stop := range []sim.Tick{100, 600} {
		r, err := Decode(strings.NewReader(join(month(t, stop))))
		require.NoError(t, err, "stopped at %d", stop)
		assert.Len(t, r.Checkpoints, int(stop/CheckpointTicks))
		w, err := r.Play()
		require.NoError(t, err)
		assert.Equal(t, stop, w.Tick())
	}

	// An end before the last checkpoint.
	stopped := month(t, 700)
	last := len(stopped) - 1
	stopped[last] = strings.Replace(stopped[last], `"end":700`, `"end":599`, 1)
	e = decodeErr(t, join(stopped))
	require.NotNil(t, e)
	assert.Equal(t, "tick 599 out of order", e.Msg)
}

// TestEncodePutsCheckpointsInTickOrder: a checkpoint line at tick T comes after every
// input of an earlier tick and before the inputs of tick T (it is the state after T
// ticks).
func TestEncodePutsCheckpointsInTickOrder(t *testing.T) {
	lines := month(t, 1800)
	last := int64(-1)
	for _, l := range lines[1 : len(lines)-1] {
		var tk int64
		if _, err := fmt.Sscanf(l, `{"t":%d`, &tk); err == nil {
			require.GreaterOrEqual(t, tk, last, l)
			last = tk
			continue
		}
		_, err := fmt.Sscanf(l, `{"checkpoint":%d`, &tk)
		require.NoError(t, err, l)
		assert.Greater(t, tk, last, "checkpoint %d after an input of tick %d", tk, last)
		last = tk
	}
}

// TestLinesOfOneTickInOrder: a checkpoint at tick T is the state before the inputs of
// tick T, and the end at T the state after T ticks: a checkpoint after an input of its
// own tick, or an input at the end's tick (which would never be played), is refused.
func TestLinesOfOneTickInOrder(t *testing.T) {
	lines := month(t, 700)
	cp := indexOf(lines, `"checkpoint":600`)
	require.Positive(t, cp)
	e := decodeErr(t, insert(lines, cp+1, input(600)))
	assert.Nil(t, e, "an input of tick 600 after its checkpoint")
	e = decodeErr(t, insert(lines, cp, input(600)))
	require.NotNil(t, e, "an input of tick 600 before its checkpoint")
	assert.Equal(t, "tick 600 out of order", e.Msg)

	end := len(lines) - 1
	assert.Nil(t, decodeErr(t, insert(lines, end, input(699))), "the last tick played")
	e = decodeErr(t, insert(lines, end, input(700)))
	require.NotNil(t, e, "an input at the end's tick")
	assert.Equal(t, end+2, e.Line)
	assert.Equal(t, "tick 700 out of order", e.Msg)

	// A round stopped before its first tick holds no input, and its end is at tick 0.
	none := month(t, 0)
	r, err := Decode(strings.NewReader(join(none)))
	require.NoError(t, err)
	assert.Zero(t, r.End.Tick)
}

// indexOf returns the index of the first line containing s, -1 if none.
func indexOf(lines []string, s string) int {
	for i, l := range lines {
		if strings.Contains(l, s) {
			return i
		}
	}
	return -1
}
