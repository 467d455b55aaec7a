package equilibrium_test

import (
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLightImports keeps the strategy spaces and the solver light: the bots that play
// for pay will live in sim/bot and in the game (and its browser build), which must not
// link the research side's heavy dependencies. Both packages reach only the standard
// library and the model.
func TestLightImports(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("no go command inside the browser")
	}
	cmd := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "list", "-deps", "devopsjuggle/sim/strategy", "devopsjuggle/sim/equilibrium")
	out, err := cmd.Output()
	require.NoError(t, err, "%s", cmd)
	allowed := map[string]bool{"devopsjuggle/sim": true, "devopsjuggle/sim/strategy": true, "devopsjuggle/sim/equilibrium": true}
	for _, dep := range strings.Fields(string(out)) {
		first, _, _ := strings.Cut(dep, "/")
		if strings.Contains(first, ".") || strings.HasPrefix(dep, "devopsjuggle/") {
			assert.True(t, allowed[dep], "sim/strategy or sim/equilibrium reaches %s", dep)
		}
	}
}
