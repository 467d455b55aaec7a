package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/cmd/jugglehall/internal/hall/halltest"
)

func TestMain(m *testing.M) { halltest.Main(m) }

func TestFlags(t *testing.T) {
	var out bytes.Buffer
	_, err := parse([]string{"-h"}, &out)
	assert.ErrorIs(t, err, errHelp)
	assert.Equal(t, 0, exitCode(err, &out))
	for _, f := range []string{"-addr", "-db", "-game", "-max-upload", "127.0.0.1:8080", "postgres://"} {
		assert.Contains(t, out.String(), f)
	}
	for _, bad := range [][]string{{"-nope"}, {"extra"}, {"-max-upload", "10"}, {"-db", ""}} {
		_, err := parse(bad, &out)
		var stderr bytes.Buffer
		assert.Equal(t, 2, exitCode(err, &stderr), "%v", bad)
		assert.True(t, strings.HasPrefix(stderr.String(), "jugglehall: "), stderr.String())
	}
	o, err := parse(nil, &out)
	require.NoError(t, err)
	assert.Equal(t, "127.0.0.1:8080", o.addr)
	assert.True(t, strings.HasSuffix(o.db, filepath.Join("devopsjuggle", "hall.db")), o.db)
}

// TestBadDatabase: a database that cannot be opened is one line and exit status 1, not a
// hang or a panic.
func TestBadDatabase(t *testing.T) {
	var out, stderr bytes.Buffer
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	err := run(ctx, []string{"-addr", "127.0.0.1:0", "-db", "postgres://nobody@127.0.0.1:1/none?connect_timeout=2"}, &out, &stderr)
	require.Error(t, err)
	assert.Equal(t, 1, exitCode(err, &stderr))
	assert.NotContains(t, stderr.String(), "panic")
}

// TestLayering keeps each side's dependencies on its side: the hall never reaches ebiten,
// the game or the assets (it runs on servers with no display, built without cgo), and
// the game, desktop or browser, never reaches a database driver.
func TestLayering(t *testing.T) {
	gobin := filepath.Join(runtime.GOROOT(), "bin", "go")
	deps := func(env []string, pkg string) []string {
		cmd := exec.Command(gobin, "list", "-deps", pkg)
		cmd.Env = append(os.Environ(), env...)
		out, err := cmd.Output()
		require.NoError(t, err, "%s", cmd)
		return strings.Fields(string(out))
	}
	hall := deps([]string{"CGO_ENABLED=0"}, ".")
	require.Contains(t, hall, "modernc.org/sqlite", "the list is the hall's")
	for _, d := range hall {
		assert.False(t, strings.HasPrefix(d, "github.com/hajimehoshi/ebiten") || d == "devopsjuggle/game" ||
			strings.HasPrefix(d, "devopsjuggle/game/") || d == "devopsjuggle/assets" || strings.HasPrefix(d, "devopsjuggle/assets/"),
			"jugglehall depends on %s", d)
	}
	for _, env := range [][]string{nil, {"GOOS=js", "GOARCH=wasm"}} {
		game := deps(env, "../juggle")
		require.Contains(t, game, "devopsjuggle/game", "the list is the game's")
		for _, d := range game {
			assert.False(t, d == "database/sql" || strings.HasPrefix(d, "modernc.org/sqlite") || strings.HasPrefix(d, "github.com/jackc/pgx") ||
				strings.HasPrefix(d, "devopsjuggle/cmd/jugglehall/internal/hall"), "the game (%v) depends on %s", env, d)
		}
	}
}
