package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"devopsjuggle/sim"
)

// Result is a verified round a team uploaded.
type Result struct {
	ID       int64
	Team     string
	TeamID   int64
	Round    int    // the session's round it plays
	Hash     string // the SHA-256 of the stored replay
	Dev, Ops string // who played
	Result   sim.Result
	Created  time.Time
}

// CopyError is an upload refused as a copy of another team's result: Of.
type CopyError struct{ Of Result }

func (e *CopyError) Error() string {
	return fmt.Sprintf("a copy of team %s's result %d", e.Of.Team, e.Of.ID)
}

// CopyCheck reports whether the upload being stored copies other, another team's
// result of the same round whose numbers are the upload's, given other's stored replay.
type CopyCheck func(other Result, replay []byte) (bool, error)

// AddResult stores a verified upload, unless the team already uploaded the same replay:
// then it returns the stored one with created false. When copied is not nil, each other
// team's result of the same round with the same numbers and end state (all but the
// preset's name) is given to it, with its replay, and a result it reports copied refuses
// the upload with a *CopyError. The uploads of one end state (a replay and its retries,
// its copies) go one at a time from the checks to the insert, whatever process they
// reach: retries of one upload store it once, and so do two teams uploading one file at
// once (a UNIQUE constraint on the session, the team and the replay's hash backs the
// first).
//
// With no TeamID, the team is the session's team named r.Team (as Join finds it), and
// one that has not joined joins in the same transaction: only if the upload is stored,
// so that a refused upload (a copy, ErrLocked) leaves no team behind.
func (s *Store) AddResult(ctx context.Context, sessionID int64, r Result, replay []byte, copied CopyCheck) (Result, bool, error) {
	res, err := json.Marshal(r.Result)
	if err != nil {
		return r, false, err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return r, false, err
	}
	defer tx.Rollback()
	if r.TeamID == 0 {
		// The team's lock, then the end state's: always in that order, so that two
		// uploads never wait for each other's.
		t, _, err := s.joinTx(ctx, tx, sessionID, r.Team)
		if err != nil {
			return r, false, err
		}
		r.TeamID, r.Team = t.ID, t.Name
	}
	if _, err := s.lockKey(ctx, tx, sessionID, "end state", r.Result.StateHash); err != nil {
		return r, false, err
	}
	rs, err := s.results(ctx, tx, `WHERE r.session_id = $1 AND r.team_id = $2 AND r.replay_hash = $3`, sessionID, r.TeamID, r.Hash)
	if err != nil {
		return r, false, err
	}
	if len(rs) > 0 {
		return rs[0], false, nil
	}
	if copied != nil {
		// Identical inputs end in the same state: only results with the upload's state
		// hash can be copies, and the stored JSON names it as json.Marshal wrote it (a
		// LIKE that both databases read alike, rather than each row's JSON parsed).
		hash, err := json.Marshal(map[string]string{"state_hash": r.Result.StateHash})
		if err != nil {
			return r, false, err
		}
		like := "%" + string(bytes.Trim(hash, "{}")) + "%"
		if rs, err = s.results(ctx, tx, `WHERE r.session_id = $1 AND r.round_n = $2 AND r.team_id <> $3 AND r.result LIKE $4`,
			sessionID, r.Round, r.TeamID, like); err != nil {
			return r, false, err
		}
	}
	for _, o := range rs {
		if !sameNumbers(o.Result, r.Result) {
			continue
		}
		var b []byte
		if err := tx.QueryRowContext(ctx, `SELECT replay FROM results WHERE id = $1`, o.ID).Scan(&b); err != nil {
			return r, false, err
		}
		if c, err := copied(o, b); err != nil || c {
			if err == nil {
				err = &CopyError{Of: o}
			}
			return r, false, err
		}
	}
	ms := now()
	err = tx.QueryRowContext(ctx, `INSERT INTO results (session_id, team_id, round_n, replay_hash, dev, ops, result, replay, created_ms)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
		sessionID, r.TeamID, r.Round, r.Hash, r.Dev, r.Ops, string(res), replay, ms).Scan(&r.ID)
	if err != nil {
		return r, false, err
	}
	r.Created = time.UnixMilli(ms)
	return r, true, tx.Commit()
}

// sameNumbers reports whether two results have the same numbers and end state: all but
// the preset's name, which names the bots, labels a replay may change.
func sameNumbers(a, b sim.Result) bool {
	a.Preset, b.Preset = "", ""
	return a == b
}

// Results lists a session's results in the order they were stored.
func (s *Store) Results(ctx context.Context, sessionID int64) ([]Result, error) {
	return s.results(ctx, s.db, `WHERE r.session_id = $1`, sessionID)
}

// Result returns one result of a session; ErrNotFound if there is none.
func (s *Store) Result(ctx context.Context, sessionID, id int64) (Result, error) {
	rs, err := s.results(ctx, s.db, `WHERE r.session_id = $1 AND r.id = $2`, sessionID, id)
	if err != nil {
		return Result{}, err
	}
	if len(rs) == 0 {
		return Result{}, ErrNotFound
	}
	return rs[0], nil
}

func (s *Store) results(ctx context.Context, q querier, where string, args ...any) ([]Result, error) {
	rows, err := q.QueryContext(ctx, `SELECT r.id, t.name, r.team_id, r.round_n, r.replay_hash, r.dev, r.ops, r.result, r.created_ms
		FROM results r JOIN teams t ON t.id = r.team_id `+where+` ORDER BY r.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Result
	for rows.Next() {
		var r Result
		var res string
		var ms int64
		if err := rows.Scan(&r.ID, &r.Team, &r.TeamID, &r.Round, &r.Hash, &r.Dev, &r.Ops, &res, &ms); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(res), &r.Result); err != nil {
			return nil, err
		}
		r.Created = time.UnixMilli(ms)
		out = append(out, r)
	}
	return out, rows.Err()
}

// Replay returns the stored replay of a result; ErrNotFound if there is none.
func (s *Store) Replay(ctx context.Context, sessionID, id int64) ([]byte, error) {
	var b []byte
	err := s.db.QueryRowContext(ctx, `SELECT replay FROM results WHERE session_id = $1 AND id = $2`, sessionID, id).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	return b, err
}

// EachReplay calls f with every stored replay of a session, in the order stored, one at
// a time (a zip of a whole class need not fit in memory).
func (s *Store) EachReplay(ctx context.Context, sessionID int64, f func(r Result, replay []byte) error) error {
	rs, err := s.Results(ctx, sessionID)
	if err != nil {
		return err
	}
	for _, r := range rs {
		b, err := s.Replay(ctx, sessionID, r.ID)
		if err != nil {
			return err
		}
		if err := f(r, b); err != nil {
			return err
		}
	}
	return nil
}

// Change is where a session stands: it changes whenever anything a page shows does. Rows
// are never deleted, so counts only grow, in commit order: a poller that reads the same
// Change twice has missed nothing (a largest id would not do: ids are handed out before
// their transactions commit, not in commit order).
type Change struct {
	Version int64 `json:"version"` // instructor actions
	Teams   int64 `json:"teams"`
	Results int64 `json:"results"`
}

// Changes returns where each of the sessions stands, by id.
func (s *Store) Changes(ctx context.Context, ids []int64) (map[int64]Change, error) {
	out := make(map[int64]Change, len(ids))
	for _, id := range ids {
		var c Change
		err := s.db.QueryRowContext(ctx, `SELECT version,
			(SELECT COUNT(*) FROM teams WHERE session_id = $1),
			(SELECT COUNT(*) FROM results WHERE session_id = $1)
			FROM sessions WHERE id = $1`, id).Scan(&c.Version, &c.Teams, &c.Results)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, err
		}
		out[id] = c
	}
	return out, nil
}
