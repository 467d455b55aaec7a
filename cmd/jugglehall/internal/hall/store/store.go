// Package store keeps the class server's sessions, rounds, teams and verified results,
// in an embedded SQLite file (modernc.org/sqlite, pure Go) or in PostgreSQL (pgx). Both
// go through database/sql with one set of queries; what makes an upload count once is a
// UNIQUE constraint, so it holds across several server processes on one PostgreSQL.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"hash/fnv"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver
	_ "modernc.org/sqlite"             // the "sqlite" driver

	"devopsjuggle/cmd/jugglehall/internal/hall/verify"
)

// Errors the server turns into HTTP statuses.
var (
	ErrNotFound = errors.New("not found")
	ErrExists   = errors.New("already exists")
	ErrLocked   = errors.New("joining is locked")
)

// Store is a database of sessions.
type Store struct {
	db       *sql.DB
	postgres bool
	// Name says what it is, for logs: "SQLite /path" or "PostgreSQL host/db".
	Name string
}

// urlScheme is how a URL starts (RFC 3986's scheme, then "://").
var urlScheme = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9+.-]*)://`)

// isPostgres reports whether dsn is a PostgreSQL URL.
func isPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// CheckDSN refuses a database that is a URL of a scheme the store does not speak
// ("mysql://", a "postgress://" typo): a SQLite file of that name is never what was
// meant. The error starts with the DSN (its password hidden).
func CheckDSN(dsn string) error {
	m := urlScheme.FindStringSubmatch(dsn)
	if m == nil || isPostgres(dsn) {
		return nil
	}
	return fmt.Errorf("%s: a %s:// URL is no database jugglehall opens: give a SQLite file's path (hall.db) or a postgres:// or postgresql:// URL",
		redact(dsn), m[1])
}

// Open opens (and creates or migrates) the database dsn: a postgres:// or postgresql://
// URL for PostgreSQL, anything else a SQLite file's path (CheckDSN refuses other URLs).
// A SQLite file is created if it does not exist, but not its folder.
func Open(ctx context.Context, dsn string) (*Store, error) {
	if err := CheckDSN(dsn); err != nil {
		return nil, err
	}
	s := &Store{}
	var err error
	if isPostgres(dsn) {
		s.postgres = true
		s.Name = "PostgreSQL " + redact(dsn)
		if s.db, err = sql.Open("pgx", dsn); err != nil {
			return nil, err
		}
		s.db.SetMaxOpenConns(16)
		s.db.SetMaxIdleConns(16)
	} else {
		s.Name = "SQLite " + dsn
		if fi, err := os.Stat(dsn); err == nil && fi.IsDir() {
			return nil, fmt.Errorf("%s is a folder: give a file's path in it (%s)", s.Name, filepath.Join(dsn, "hall.db"))
		}
		if dir := filepath.Dir(dsn); dir != "" {
			if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
				return nil, fmt.Errorf("%s: no folder %s to keep it in: create the folder, or give another path", s.Name, dir)
			}
		}
		// WAL lets readers (the projector) read while an upload writes; synchronous=FULL
		// makes a commit durable before the upload is acknowledged; BEGIN IMMEDIATE takes
		// the write lock up front, so two writers wait (busy_timeout) instead of failing.
		q := url.Values{}
		for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "synchronous(FULL)", "foreign_keys(1)"} {
			q.Add("_pragma", p)
		}
		q.Set("_txlock", "immediate")
		if s.db, err = sql.Open("sqlite", "file:"+dsn+"?"+q.Encode()); err != nil {
			return nil, err
		}
		s.db.SetMaxOpenConns(8)
	}
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := s.migrate(ctx); err != nil {
		s.db.Close()
		return nil, fmt.Errorf("%s: %w", s.Name, err)
	}
	return s, nil
}

// redact hides a URL's password.
func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "(a URL that does not parse)"
	}
	return u.Redacted()
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.db.PingContext(ctx) }

// now is the time in Unix milliseconds.
func now() int64 { return time.Now().UnixMilli() }

// isUnique reports whether err is a UNIQUE constraint's violation, on either database.
func isUnique(err error) bool {
	if err == nil {
		return false
	}
	msg := err.Error()
	return strings.Contains(msg, "UNIQUE constraint failed") || strings.Contains(msg, "SQLSTATE 23505")
}

// Session is a class's session.
type Session struct {
	ID        int64
	Code      string
	TokenHash string
	Locked    bool
	Version   int64
	Created   time.Time
}

// CreateSession stores a new session; ErrExists if its code is taken.
func (s *Store) CreateSession(ctx context.Context, code, tokenHash string) (Session, error) {
	ms := now()
	var id int64
	err := s.db.QueryRowContext(ctx, `INSERT INTO sessions (code, token_hash, created_ms) VALUES ($1, $2, $3) RETURNING id`,
		code, tokenHash, ms).Scan(&id)
	if isUnique(err) {
		return Session{}, ErrExists
	}
	if err != nil {
		return Session{}, err
	}
	return Session{ID: id, Code: code, TokenHash: tokenHash, Created: time.UnixMilli(ms)}, nil
}

// Session returns the session of a join code; ErrNotFound if there is none.
func (s *Store) Session(ctx context.Context, code string) (Session, error) {
	var ss Session
	var ms int64
	err := s.db.QueryRowContext(ctx, `SELECT id, code, token_hash, locked, version, created_ms FROM sessions WHERE code = $1`, code).
		Scan(&ss.ID, &ss.Code, &ss.TokenHash, &ss.Locked, &ss.Version, &ms)
	if errors.Is(err, sql.ErrNoRows) {
		return ss, ErrNotFound
	}
	ss.Created = time.UnixMilli(ms)
	return ss, err
}

// SetLocked locks or unlocks joining.
func (s *Store) SetLocked(ctx context.Context, sessionID int64, locked bool) error {
	_, err := s.db.ExecContext(ctx, `UPDATE sessions SET locked = $1, version = version + 1 WHERE id = $2`, locked, sessionID)
	return err
}

// Round is a round the instructor set, numbered from 1.
type Round struct {
	N     int
	Round verify.Round
	Open  bool
}

// Rounds lists a session's rounds, the first first.
func (s *Store) Rounds(ctx context.Context, sessionID int64) ([]Round, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT n, preset, seed, months, difficulty, dev, ops, open FROM rounds WHERE session_id = $1 ORDER BY n`, sessionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Round
	for rows.Next() {
		var r Round
		var seed int64
		var diff string
		if err := rows.Scan(&r.N, &r.Round.Preset, &seed, &r.Round.Months, &diff, &r.Round.Dev, &r.Round.Ops, &r.Open); err != nil {
			return nil, err
		}
		r.Round.Seed, r.Round.Difficulty = uint64(seed), verify.Difficulty(diff)
		out = append(out, r)
	}
	return out, rows.Err()
}

// SetRound makes r the session's round: a new one, numbered after the last, unless r
// fixes the same rules, seed, length and players as the current one, which then only
// opens or closes. It returns the current round.
func (s *Store) SetRound(ctx context.Context, sessionID int64, r verify.Round, open bool) (Round, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return Round{}, err
	}
	defer tx.Rollback()
	// Take the session's row first: two instructors' tabs setting rounds at once number
	// them one after the other.
	if _, err := tx.ExecContext(ctx, `UPDATE sessions SET version = version + 1 WHERE id = $1`, sessionID); err != nil {
		return Round{}, err
	}
	var cur Round
	var seed int64
	var diff string
	err = tx.QueryRowContext(ctx, `SELECT n, preset, seed, months, difficulty, dev, ops FROM rounds WHERE session_id = $1 ORDER BY n DESC LIMIT 1`, sessionID).
		Scan(&cur.N, &cur.Round.Preset, &seed, &cur.Round.Months, &diff, &cur.Round.Dev, &cur.Round.Ops)
	cur.Round.Seed, cur.Round.Difficulty = uint64(seed), verify.Difficulty(diff)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return Round{}, err
	case cur.Round == r:
		if _, err := tx.ExecContext(ctx, `UPDATE rounds SET open = $1 WHERE session_id = $2 AND n = $3`, open, sessionID, cur.N); err != nil {
			return Round{}, err
		}
		cur.Open = open
		return cur, tx.Commit()
	}
	n := cur.N + 1
	if _, err := tx.ExecContext(ctx, `UPDATE rounds SET open = FALSE WHERE session_id = $1`, sessionID); err != nil {
		return Round{}, err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO rounds (session_id, n, preset, seed, months, difficulty, dev, ops, open, created_ms)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		sessionID, n, r.Preset, int64(r.Seed), r.Months, string(r.Difficulty), r.Dev, r.Ops, open, now())
	if err != nil {
		return Round{}, err
	}
	return Round{N: n, Round: r, Open: open}, tx.Commit()
}

// SetOpen opens or closes the current round; ErrNotFound if there is none.
func (s *Store) SetOpen(ctx context.Context, sessionID int64, open bool) (Round, error) {
	rs, err := s.Rounds(ctx, sessionID)
	if err != nil {
		return Round{}, err
	}
	if len(rs) == 0 {
		return Round{}, ErrNotFound
	}
	cur := rs[len(rs)-1]
	return s.SetRound(ctx, sessionID, cur.Round, open)
}

// Team is a team of a session.
type Team struct {
	ID   int64
	Name string
}

// FindTeam returns the session's team of that name, compared as SameTeam does;
// ErrNotFound if there is none.
func (s *Store) FindTeam(ctx context.Context, sessionID int64, name string) (Team, error) {
	return findTeam(ctx, s.db, sessionID, name)
}

// SameTeam reports whether two team names (spaces already trimmed and collapsed) name
// one team: they are compared without regard to case, so "blue TEAM" is "Blue team".
func SameTeam(a, b string) bool { return teamKey(a) == teamKey(b) }

// querier is a *sql.DB or a *sql.Tx.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// findTeam looks the name's key up: one row of the teams_name_key index.
func findTeam(ctx context.Context, q querier, sessionID int64, name string) (Team, error) {
	t := Team{}
	err := q.QueryRowContext(ctx, `SELECT id, name FROM teams WHERE session_id = $1 AND name_key = $2`, sessionID, teamKey(name)).
		Scan(&t.ID, &t.Name)
	if errors.Is(err, sql.ErrNoRows) {
		return t, ErrNotFound
	}
	return t, err
}

// lockKey serialises, until tx ends, the transactions of one session that check before
// they write under one key (a team's name, an end state): on PostgreSQL a transaction's
// advisory lock on the key's hash, so that writers of other keys (other teams, other
// rounds' results) commit side by side; SQLite's transactions take the database's write
// lock as they begin (BEGIN IMMEDIATE), which serialises them all already. It returns
// whether joining is locked.
func (s *Store) lockKey(ctx context.Context, tx *sql.Tx, sessionID int64, kind, key string) (locked bool, err error) {
	if s.postgres {
		h := fnv.New64a()
		fmt.Fprintf(h, "%d\x00%s\x00%s", sessionID, kind, key)
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(h.Sum64())); err != nil {
			return false, err
		}
	}
	err = tx.QueryRowContext(ctx, `SELECT locked FROM sessions WHERE id = $1`, sessionID).Scan(&locked)
	return locked, err
}

// teamKey is a team's name without its case: what SameTeam compares, a lock's key, and
// the teams table's name_key, unique in a session.
func teamKey(name string) string { return strings.ToLower(strings.ToUpper(name)) }

// Join returns the session's team of that name (compared as SameTeam does: the team
// keeps the spelling it joined with), adding it (created) unless joining is locked
// (ErrLocked).
func (s *Store) Join(ctx context.Context, sessionID int64, name string) (t Team, created bool, err error) {
	if t, err := s.FindTeam(ctx, sessionID, name); !errors.Is(err, ErrNotFound) {
		return t, false, err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return t, false, err
	}
	defer tx.Rollback()
	if t, created, err = s.joinTx(ctx, tx, sessionID, name); err != nil || !created {
		return t, false, err
	}
	return t, true, tx.Commit()
}

// joinTx is Join within tx: the team is added when tx commits, and not at all if tx
// rolls back (an upload refused after it joined its team). It holds the team's lock
// until tx ends.
func (s *Store) joinTx(ctx context.Context, tx *sql.Tx, sessionID int64, name string) (t Team, created bool, err error) {
	locked, err := s.lockKey(ctx, tx, sessionID, "team", teamKey(name))
	if err != nil {
		return t, false, err
	}
	// Another request may have added it since: "Blue" and "blue" from two laptops at once.
	if t, err := findTeam(ctx, tx, sessionID, name); !errors.Is(err, ErrNotFound) {
		return t, false, err
	}
	if locked {
		return t, false, ErrLocked
	}
	t.Name = name
	if err := tx.QueryRowContext(ctx, `INSERT INTO teams (session_id, name, name_key, created_ms) VALUES ($1, $2, $3, $4) RETURNING id`,
		sessionID, name, teamKey(name), now()).Scan(&t.ID); err != nil {
		return t, false, err
	}
	return t, true, nil
}

// Teams lists a session's teams in the order they joined.
func (s *Store) Teams(ctx context.Context, sessionID int64) ([]Team, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, name FROM teams WHERE session_id = $1 ORDER BY id`, sessionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Team
	for rows.Next() {
		var t Team
		if err := rows.Scan(&t.ID, &t.Name); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}
