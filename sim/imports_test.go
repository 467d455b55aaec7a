package sim_test

import (
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// listedPackage is what go list -json says of a package.
type listedPackage struct {
	ImportPath string
	Imports    []string // direct
	Deps       []string // transitive
}

// goList runs go list -json with extra environment variables (GOOS=js...) and returns
// the packages it prints. go list needs neither cgo nor a display, whatever it lists.
func goList(t *testing.T, env []string, args ...string) []listedPackage {
	t.Helper()
	cmd := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), append([]string{"list", "-json"}, args...)...)
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.Output()
	require.NoError(t, err, "%s %s", strings.Join(env, " "), cmd)
	var pkgs []listedPackage
	for dec := json.NewDecoder(strings.NewReader(string(out))); ; {
		var p listedPackage
		err := dec.Decode(&p)
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
		pkgs = append(pkgs, p)
	}
	require.NotEmpty(t, pkgs)
	return pkgs
}

// TestLayering keeps the researcher's side runnable on a server with no display: nothing
// under sim/ or cmd/jugglesim may reach ebiten (which opens an X display in its package
// init), the game or the assets, nor the global math/rand; the root sim package does
// not import time (the model has no clock); and sim/report and sim/coach, which the game
// links, import only the model and the standard library.
func TestLayering(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("no go command inside the browser")
	}
	pkgs := goList(t, nil, "../sim/...", "../internal/...", "../cmd/jugglesim/...")
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
		switch p.ImportPath {
		case "devopsjuggle/sim":
			assert.NotContains(t, p.Imports, "time", "the model has no clock")
			for _, imp := range p.Imports {
				assert.NotContains(t, imp, ".", "the root sim package imports only the standard library, not %s", imp)
			}
		case "devopsjuggle/sim/report", "devopsjuggle/sim/coach":
			// The game links them (and the bots the coach): the model and the standard
			// library only.
			for _, imp := range p.Imports {
				assert.True(t, imp == "devopsjuggle/sim" || !strings.Contains(imp, "."), "%s imports %s", p.ImportPath, imp)
			}
		}
	}
}

// researchOrServer are the import paths (and path prefixes, those ending in /) of the
// research side (charts, their PDF writer, sweeps, the equilibrium solver) and of the server side (databases),
// which the game and its browser build must never link: they would only add weight to
// the download.
var researchOrServer = []string{
	"gonum.org/",
	"github.com/go-pdf/", "codeberg.org/go-pdf/", // gonum/plot's PDF writer, old and new home
	"database/sql",
	"github.com/jackc/pgx",
	"modernc.org/sqlite",
	"devopsjuggle/sim/chart",
	"devopsjuggle/sim/sweep",
	"devopsjuggle/sim/equilibrium",
	"devopsjuggle/sim/bot/solve",
}

func isResearchOrServer(path string) bool {
	for _, f := range researchOrServer {
		if path == f || strings.HasPrefix(path, strings.TrimSuffix(f, "/")+"/") {
			return true
		}
	}
	return false
}

// TestGameLinksNoResearchSide: the game, on the desktop and in the browser (the build
// people download), reaches none of the research or server side's packages. A failure
// names the package that brought one in.
func TestGameLinksNoResearchSide(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("no go command inside the browser")
	}
	for _, target := range []struct {
		name string
		env  []string
	}{{"desktop", nil}, {"browser", []string{"GOOS=js", "GOARCH=wasm"}}} {
		pkgs := goList(t, target.env, "-deps", "../cmd/juggle")
		require.True(t, slices.ContainsFunc(pkgs, func(p listedPackage) bool { return p.ImportPath == "devopsjuggle/game" }),
			"%s: go list -deps ./cmd/juggle lists the game", target.name)
		for _, p := range pkgs {
			if isResearchOrServer(p.ImportPath) {
				continue // reported where it is imported from
			}
			for _, imp := range p.Imports {
				assert.False(t, isResearchOrServer(imp), "%s: cmd/juggle reaches %s through %s", target.name, imp, p.ImportPath)
			}
		}
	}
}

// TestResearchOrServerMatchesPaths pins isResearchOrServer's prefixes: a path under one
// matches, a path that only starts with the same letters does not.
func TestResearchOrServerMatchesPaths(t *testing.T) {
	for path, want := range map[string]bool{
		"gonum.org/v1/plot":                true,
		"codeberg.org/go-pdf/fpdf":         true,
		"database/sql":                     true,
		"database/sql/driver":              true,
		"github.com/jackc/pgx/v5":          true,
		"modernc.org/sqlite/lib":           true,
		"devopsjuggle/sim/chart":           true,
		"devopsjuggle/sim/sweep":           true,
		"devopsjuggle/sim/equilibrium":     true,
		"devopsjuggle/sim/bot/solve":       true,
		"devopsjuggle/sim/bot/solutions":   false,
		"devopsjuggle/sim/report":          false,
		"devopsjuggle/sim/scenario":        false,
		"database/sqlx":                    false,
		"golang.org/x/image/font":          false,
		"github.com/hajimehoshi/ebiten/v2": false,
	} {
		assert.Equal(t, want, isResearchOrServer(path), path)
	}
}
