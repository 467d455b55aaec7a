package sim_test

import (
	"encoding/json"
	"io"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLayering keeps the researcher's side runnable on a server with no display: nothing
// under sim/ or cmd/jugglesim may reach ebiten (which opens an X display in its package
// init), the game or the assets, nor the global math/rand; and the root sim package does
// not import time (the model has no clock).
func TestLayering(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("no go command inside the browser")
	}
	cmd := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "list", "-json", "../sim/...", "../internal/...", "../cmd/jugglesim/...")
	out, err := cmd.Output()
	require.NoError(t, err, "%s", cmd)
	type pkg struct {
		ImportPath string
		Imports    []string // direct
		Deps       []string // transitive
	}
	var pkgs []pkg
	for dec := json.NewDecoder(strings.NewReader(string(out))); ; {
		var p pkg
		err := dec.Decode(&p)
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
		pkgs = append(pkgs, p)
	}
	require.NotEmpty(t, pkgs)
	forbidden := func(dep string) bool {
		return strings.HasPrefix(dep, "github.com/hajimehoshi/ebiten") ||
			dep == "devopsjuggle/game" || strings.HasPrefix(dep, "devopsjuggle/game/") ||
			dep == "devopsjuggle/assets" || strings.HasPrefix(dep, "devopsjuggle/assets/")
	}
	for _, p := range pkgs {
		for _, d := range p.Deps {
			assert.False(t, forbidden(d), "%s depends on %s", p.ImportPath, d)
		}
		// Our code draws only from seeded math/rand/v2 sources. (The standard library's
		// math/big, which plots and progress bars reach through net/http, imports the old
		// math/rand for its own tests of primality; that never touches the model.)
		assert.NotContains(t, p.Imports, "math/rand", "%s imports the global math/rand", p.ImportPath)
		if p.ImportPath == "devopsjuggle/sim" {
			assert.NotContains(t, p.Imports, "time", "the model has no clock")
			for _, imp := range p.Imports {
				assert.NotContains(t, imp, ".", "the root sim package imports only the standard library, not %s", imp)
			}
		}
	}
}
