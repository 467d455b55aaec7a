package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/cmd/jugglehall/internal/hall/halltest"
	"devopsjuggle/cmd/jugglehall/internal/hall/store"
	"devopsjuggle/cmd/jugglehall/internal/hall/verify"
	"devopsjuggle/sim"
)

func TestMain(m *testing.M) { halltest.Main(m) }

func open(t *testing.T, b halltest.Backend) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), b.DSN)
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s
}

// openSession opens a new database of the backend with one session, of code.
func openSession(t *testing.T, b halltest.Backend, code string) (*store.Store, store.Session) {
	t.Helper()
	s := open(t, b)
	ss, err := s.CreateSession(context.Background(), code, "h")
	require.NoError(t, err)
	return s, ss
}

func TestSessionsRoundsTeams(t *testing.T) {
	halltest.ForEachBackend(t, func(t *testing.T, b halltest.Backend) {
		ctx := context.Background()
		s, ss := openSession(t, b, "ABC234")
		_, err := s.CreateSession(ctx, "ABC234", "h2")
		assert.ErrorIs(t, err, store.ErrExists, "a join code is unique")
		_, err = s.Session(ctx, "NOPE99")
		assert.ErrorIs(t, err, store.ErrNotFound)
		got, err := s.Session(ctx, "ABC234")
		require.NoError(t, err)
		assert.Equal(t, ss.ID, got.ID)
		assert.Equal(t, "h", got.TokenHash)

		silo := verify.Round{Preset: "silo", Seed: 7, Months: 2, Difficulty: verify.Normal, Dev: "human", Ops: "human"}
		r1, err := s.SetRound(ctx, ss.ID, silo, true)
		require.NoError(t, err)
		assert.Equal(t, 1, r1.N)
		again, err := s.SetRound(ctx, ss.ID, silo, false)
		require.NoError(t, err)
		assert.Equal(t, 1, again.N, "the same round again only closes it")
		assert.False(t, again.Open)
		devops := silo
		devops.Preset = "devops"
		r2, err := s.SetRound(ctx, ss.ID, devops, true)
		require.NoError(t, err)
		assert.Equal(t, 2, r2.N)
		rs, err := s.Rounds(ctx, ss.ID)
		require.NoError(t, err)
		require.Len(t, rs, 2)
		assert.Equal(t, silo, rs[0].Round)
		assert.False(t, rs[0].Open, "a new round closes the last")
		assert.True(t, rs[1].Open)
		cur, err := s.SetOpen(ctx, ss.ID, false)
		require.NoError(t, err)
		assert.Equal(t, 2, cur.N)
		assert.False(t, cur.Open)

		a, created, err := s.Join(ctx, ss.ID, "Blue team")
		require.NoError(t, err)
		assert.True(t, created)
		a2, created, err := s.Join(ctx, ss.ID, "Blue team")
		require.NoError(t, err)
		assert.False(t, created)
		assert.Equal(t, a.ID, a2.ID)
		require.NoError(t, s.SetLocked(ctx, ss.ID, true))
		_, _, err = s.Join(ctx, ss.ID, "Latecomers")
		assert.ErrorIs(t, err, store.ErrLocked)
		_, _, err = s.Join(ctx, ss.ID, "Blue team")
		assert.NoError(t, err, "a team that joined comes back after the lock")
	})
}

func TestResultsCountOnce(t *testing.T) {
	halltest.ForEachBackend(t, func(t *testing.T, b halltest.Backend) {
		ctx := context.Background()
		s, ss := openSession(t, b, "XYZ789")
		c0, err := s.Changes(ctx, []int64{ss.ID})
		require.NoError(t, err)
		team, _, err := s.Join(ctx, ss.ID, "Ops & Dev, \"quoted\"")
		require.NoError(t, err)
		other, _, err := s.Join(ctx, ss.ID, "Other")
		require.NoError(t, err)
		res := sim.Result{Preset: "silo", Seed: 7, Months: 1, Shipped: 5, Uptime: 0.9, StateHash: "0123456789abcdef"}

		// Many copies of one upload at once (retries from a flaky network): one row.
		const n = 20
		var wg sync.WaitGroup
		created := make([]bool, n)
		errs := make([]error, n)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, created[i], errs[i] = s.AddResult(ctx, ss.ID, store.Result{TeamID: team.ID, Round: 1, Hash: "h1", Dev: "human", Ops: "bot", Result: res}, []byte("replay"), nil)
			}()
		}
		wg.Wait()
		createdN := 0
		for i := range n {
			require.NoError(t, errs[i])
			if created[i] {
				createdN++
			}
		}
		assert.Equal(t, 1, createdN)
		// The same replay from another team is that team's row.
		_, c, err := s.AddResult(ctx, ss.ID, store.Result{TeamID: other.ID, Round: 1, Hash: "h1", Result: res}, []byte("replay"), nil)
		require.NoError(t, err)
		assert.True(t, c)

		rs, err := s.Results(ctx, ss.ID)
		require.NoError(t, err)
		require.Len(t, rs, 2)
		assert.Equal(t, "Ops & Dev, \"quoted\"", rs[0].Team)
		assert.Equal(t, res, rs[0].Result, "the result comes back exactly")
		assert.Equal(t, "bot", rs[0].Ops)
		body, err := s.Replay(ctx, ss.ID, rs[0].ID)
		require.NoError(t, err)
		assert.Equal(t, "replay", string(body))
		_, err = s.Replay(ctx, ss.ID+1, rs[0].ID)
		assert.ErrorIs(t, err, store.ErrNotFound, "a result is found only through its session")

		c1, err := s.Changes(ctx, []int64{ss.ID})
		require.NoError(t, err)
		assert.Equal(t, store.Change{Teams: 2, Results: 2}, c1[ss.ID])
		assert.NotEqual(t, c0[ss.ID], c1[ss.ID])
	})
}

// TestConcurrentUploads: many teams store at once (the load test's pattern, small).
func TestConcurrentUploads(t *testing.T) {
	halltest.ForEachBackend(t, func(t *testing.T, b halltest.Backend) {
		ctx := context.Background()
		s, ss := openSession(t, b, "CONC22")
		const teams = 30
		var wg sync.WaitGroup
		for i := range teams {
			wg.Add(1)
			go func() {
				defer wg.Done()
				tm, _, err := s.Join(ctx, ss.ID, fmt.Sprintf("team %d", i))
				if !assert.NoError(t, err) {
					return
				}
				_, _, err = s.AddResult(ctx, ss.ID, store.Result{TeamID: tm.ID, Round: 1, Hash: fmt.Sprint(i)}, []byte{byte(i)}, nil)
				assert.NoError(t, err)
			}()
		}
		wg.Wait()
		rs, err := s.Results(ctx, ss.ID)
		require.NoError(t, err)
		assert.Len(t, rs, teams)
	})
}

// BenchmarkFindTeam: a join or an upload of a class of 200 looks its team up by name,
// spelled in another case, on each database (PostgreSQL when the test binary started one).
func BenchmarkFindTeam(b *testing.B) {
	for _, bk := range halltest.Backends(b) {
		b.Run(bk.Name, func(b *testing.B) {
			ctx := context.Background()
			s, err := store.Open(ctx, bk.DSN)
			require.NoError(b, err)
			defer s.Close()
			ss, err := s.CreateSession(ctx, "BENCH2", "h")
			require.NoError(b, err)
			const teams = 200
			for i := range teams {
				_, _, err := s.Join(ctx, ss.ID, fmt.Sprintf("Team %d", i))
				require.NoError(b, err)
			}
			i := 0
			for b.Loop() {
				if _, err := s.FindTeam(ctx, ss.ID, fmt.Sprintf("TEAM %d", i%teams)); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}
