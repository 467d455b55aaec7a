package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTickByTickGivesTheSameBytes: run, sweep and replay jump over quiet ticks unless
// told -tick-by-tick; both ways write the same bytes, files included.
func TestTickByTickGivesTheSameBytes(t *testing.T) {
	dir := t.TempDir()
	files := func(way string) (string, string, string) {
		return filepath.Join(dir, way+".jsonl"), filepath.Join(dir, way+".md"), filepath.Join(dir, way+".csv")
	}
	outs := map[string][]string{}
	for _, way := range []string{"jump", "tick"} {
		var flags []string
		if way == "tick" {
			flags = []string{"-tick-by-tick"}
		}
		rec, pm, csv := files(way)
		for _, args := range [][]string{
			{"run", "-preset", "sre", "-seed", "5", "-months", "2", "-record", rec, "-postmortem", pm},
			{"run", "-preset", "bluegreen", "-seed", "9", "-months", "1", "-json"},
			{"sweep", "-presets", "silo,devops", "-seeds", "1-20", "-months", "1", "-workers", "2", "-o", csv},
			{"replay", "-json", rec},
			{"replay", "-summary", rec},
		} {
			out, errOut, code := jugglesim(t, append(args, flags...)...)
			require.Equal(t, 0, code, "%v %v: %s", args, flags, errOut)
			outs[way] = append(outs[way], out)
		}
	}
	assert.Equal(t, outs["jump"], outs["tick"], "stdout")
	j1, j2, j3 := files("jump")
	t1, t2, t3 := files("tick")
	for _, pair := range [][2]string{{j1, t1}, {j2, t2}, {j3, t3}} {
		a, err := os.ReadFile(pair[0])
		require.NoError(t, err)
		b, err := os.ReadFile(pair[1])
		require.NoError(t, err)
		assert.Equal(t, string(a), string(b), "%s and %s", filepath.Base(pair[0]), filepath.Base(pair[1]))
	}
}
