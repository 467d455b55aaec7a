package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPostMortemSaysWhatTheLearnerChose: a round with the learner as ops has, in its
// post-mortem, what the learner chose and why, written by run and again by replay from
// the recording alone (the lecture hall's projector shows that post-mortem); the same
// bytes both ways, and replay's summary says it too.
func TestPostMortemSaysWhatTheLearnerChose(t *testing.T) {
	dir := t.TempDir()
	rec, runPM, repPM := filepath.Join(dir, "r.jsonl"), filepath.Join(dir, "run.md"), filepath.Join(dir, "replay.md")
	_, errOut, code := jugglesim(t, "run", "-preset", "silo", "-seed", "7", "-months", "2", "-ops", "learner", "-record", rec, "-postmortem", runPM)
	require.Equal(t, 0, code, errOut)
	out, errOut, code := jugglesim(t, "replay", "-summary", "-postmortem", repPM, rec)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "Bots that played for their pay")
	a, err := os.ReadFile(runPM)
	require.NoError(t, err)
	b, err := os.ReadFile(repPM)
	require.NoError(t, err)
	assert.Contains(t, string(a), "## What the bots that play for their pay chose\n\n- Ops learned from its pay")
	assert.Equal(t, string(a), string(b))
}
