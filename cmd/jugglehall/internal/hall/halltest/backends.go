package halltest

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// pg is the PostgreSQL server of a test binary, started by Main.
var pg *Postgres

// pgErr is why there is none.
var pgErr error

// RequirePostgresEnv, set to 1 (make test-hall sets it), makes a missing PostgreSQL a
// failure instead of a skipped backend.
const RequirePostgresEnv = "HALL_REQUIRE_POSTGRES"

// Main runs a package's tests with a PostgreSQL server of their own, when PostgreSQL is
// installed: call it from TestMain.
func Main(m *testing.M) {
	pg, pgErr = StartPostgres(false)
	code := m.Run()
	if pg != nil {
		pg.Stop()
	}
	os.Exit(code)
}

// Backend is a database to run a test against.
type Backend struct {
	Name string // "sqlite" or "postgres"
	DSN  string
}

// Backends returns a new, empty SQLite file and a new, empty PostgreSQL database (when
// Main started a server) for one test or benchmark.
func Backends(t testing.TB) []Backend {
	t.Helper()
	out := []Backend{SQLite(t)}
	switch {
	case pg != nil:
		url, err := pg.NewDatabase()
		if err != nil {
			t.Fatalf("postgres: %v", err)
		}
		out = append(out, Backend{"postgres", url})
	case os.Getenv(RequirePostgresEnv) == "1":
		t.Fatalf("%s=1 but no PostgreSQL: %v", RequirePostgresEnv, pgErr)
	default:
		t.Logf("PostgreSQL skipped: %v", pgErr)
	}
	return out
}

// SQLite returns a new, empty SQLite file for one test: for a test of what does not
// depend on the database, which need not make a PostgreSQL database only to leave it.
func SQLite(t testing.TB) Backend {
	t.Helper()
	return Backend{"sqlite", filepath.Join(t.TempDir(), "hall.db")}
}

// ForEachBackend runs f as a subtest on each backend.
func ForEachBackend(t *testing.T, f func(t *testing.T, b Backend)) {
	for _, b := range Backends(t) {
		t.Run(b.Name, func(t *testing.T) { f(t, b) })
	}
}

// String describes a backend.
func (b Backend) String() string { return fmt.Sprintf("%s %s", b.Name, b.DSN) }
