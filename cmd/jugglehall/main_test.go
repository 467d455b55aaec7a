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
// hang, a panic, or pgx's line per address tried.
func TestBadDatabase(t *testing.T) {
	var out, stderr bytes.Buffer
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	err := run(ctx, []string{"-addr", "127.0.0.1:0", "-db", "postgres://nobody:secret@127.0.0.1:1/none?connect_timeout=2"}, &out, &stderr)
	require.Error(t, err)
	assert.Equal(t, 1, exitCode(err, &stderr))
	assert.NotContains(t, stderr.String(), "panic")
	assert.NotContains(t, stderr.String(), "secret", "the password is not shown")
	assert.Equal(t, 1, strings.Count(stderr.String(), "\n"), "one line: %s", stderr.String())
	assert.Contains(t, stderr.String(), "127.0.0.1:1")
}

// TestDatabasePaths: only the default data folder is created. A folder given with -db
// must exist (exit 1, naming it), and a URL of a scheme jugglehall does not speak is bad
// usage (exit 2), not a SQLite file named mysql:/x/y.
func TestDatabasePaths(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	exit := func(args ...string) (int, string) {
		// It stops once it says where it listens: the database is open.
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		var stderr bytes.Buffer
		out := writerFunc(func(b []byte) (int, error) { cancel(); return len(b), nil })
		err := run(ctx, append([]string{"-addr", "127.0.0.1:0", "-game", dir}, args...), out, &stderr)
		code := exitCode(err, &stderr)
		return code, stderr.String()
	}
	for _, db := range []string{"mysql://x/y", "postgress://hall@db/hall", "sqlite://hall.db"} {
		code, msg := exit("-db", db)
		assert.Equal(t, 2, code, db)
		assert.Contains(t, msg, "postgres://", "%s: the forms it takes", db)
		assert.Contains(t, msg, "SQLite file's path", db)
		assert.Equal(t, 1, strings.Count(msg, "\n"), msg)
	}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Empty(t, entries, "no file or folder made of a URL")

	missing := filepath.Join(dir, "nonexistent", "dir")
	code, msg := exit("-db", filepath.Join(missing, "h.db"))
	assert.Equal(t, 1, code)
	assert.Contains(t, msg, "no folder "+missing)
	assert.Equal(t, 1, strings.Count(msg, "\n"), msg)
	assert.NoDirExists(t, filepath.Join(dir, "nonexistent"), "a folder given with -db is not made")
	code, msg = exit("-db", dir)
	assert.Equal(t, 1, code)
	assert.Contains(t, msg, "is a folder")

	code, msg = exit("-db", filepath.Join(dir, "h.db"))
	assert.Equal(t, 0, code, msg)
	assert.FileExists(t, filepath.Join(dir, "h.db"), "a file in a folder that exists is created")
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "data"))
	code, msg = exit()
	assert.Equal(t, 0, code, msg)
	assert.FileExists(t, filepath.Join(dir, "data", "devopsjuggle", "hall.db"), "the default's folder is made")
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

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(b []byte) (int, error) { return f(b) }
