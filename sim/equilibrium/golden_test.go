package equilibrium

import (
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
)

var update = flag.Bool("update", false, "rewrite testdata/solve-12x12.txt")

// solveReport is everything the solver says about a 12 x 12 table over 30 seeds: the
// pure equilibria under both rules, the first Lemke-Howson equilibrium, the path from
// the first profile, and each profile's regrets with their intervals, floats written
// exactly. make test-cross compares it on 386, arm64 and wasm: one answer everywhere.
func solveReport(t *testing.T) string {
	tb := benchTable(12, 30)
	var b strings.Builder
	fmt.Fprintf(&b, "pure exact %v\npure significant %v\n", tb.PureEquilibria(Exact), tb.PureEquilibria(Significant))
	m, err := tb.LemkeHowson(0)
	require.NoError(t, err)
	fmt.Fprintf(&b, "lemke-howson 0 %v\n", m)
	path := tb.BestResponsePath(Profile{0, 0}, Significant, 0)
	fmt.Fprintf(&b, "path %s", path.End)
	for _, s := range path.Steps {
		fmt.Fprintf(&b, " %s>%d", s.Move.Role, s.Move.To)
	}
	b.WriteString("\n")
	for i := range tb.Rows() {
		for j := range tb.Cols() {
			for r := range 2 {
				d := tb.Regret(Profile{i, j}, sim.Role(r))
				fmt.Fprintf(&b, "%d %d %s %d %s %s %t\n", i, j, sim.Role(r), d.To, d.Gain.RatString(),
					strconv.FormatFloat(d.HalfWidth, 'g', -1, 64), d.Significant)
			}
		}
	}
	return b.String()
}

func TestSolveGolden(t *testing.T) {
	got := solveReport(t)
	const file = "testdata/solve-12x12.txt"
	if *update {
		require.NoError(t, os.WriteFile(file, []byte(got), 0o644))
	}
	want, err := os.ReadFile(file)
	require.NoError(t, err)
	assert.Equal(t, string(want), got, "rewrite with go test ./sim/equilibrium -run TestSolveGolden -update if the change is meant")
}
