package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/cmd/jugglehall/internal/hall/halltest"
	"devopsjuggle/cmd/jugglehall/internal/hall/verify"
)

// buildHall builds the jugglehall binary as make hall does (no cgo).
func buildHall(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "jugglehall")
	cmd := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-o", bin, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	return bin
}

// process is a running jugglehall.
type process struct {
	cmd  *exec.Cmd
	base string
}

// startHall starts the binary on db, on a free port, and waits until it answers.
func startHall(t *testing.T, bin, db string) *process {
	t.Helper()
	cmd := exec.Command(bin, "-addr", "127.0.0.1:0", "-db", db, "-game", t.TempDir())
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	stderr := &lockedBuffer{}
	cmd.Stderr = stderr
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	sc := bufio.NewScanner(stdout)
	base := ""
	for base == "" && sc.Scan() {
		if addr, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "students:   "); ok {
			base = strings.TrimSuffix(addr, "/")
		}
	}
	require.NotEmpty(t, base, "jugglehall did not say where it listens: %s", stderr.String())
	go io.Copy(io.Discard, stdout)
	for i := 0; ; i++ {
		res, err := http.Get(base + "/healthz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				break
			}
		}
		require.Less(t, i, 100, "jugglehall does not answer: %s", stderr.String())
		time.Sleep(50 * time.Millisecond)
	}
	return &process{cmd, base}
}

// lockedBuffer is a buffer that a process writes while a test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestKilledMidUploads stops a hall hard (SIGKILL) while teams upload, starts it again
// on the same database, and finds every upload it acknowledged; the teams' retries of
// the others then count each once.
func TestKilledMidUploads(t *testing.T) {
	bin := buildHall(t)
	const n = 48
	round := verify.Round{Preset: "devops", Seed: 11, Months: 2}
	bodies := make([][]byte, n)
	for i := range bodies {
		bodies[i] = halltest.MustRecord(round, i)
	}
	halltest.ForEachBackend(t, func(t *testing.T, b halltest.Backend) {
		p := startHall(t, bin, b.DSN)
		res, err := http.Post(p.base+"/api/sessions", "", nil)
		require.NoError(t, err)
		var sess struct{ Code, Instructor_token string }
		require.NoError(t, json.NewDecoder(res.Body).Decode(&sess))
		res.Body.Close()
		rb, _ := json.Marshal(round)
		req, _ := http.NewRequest("PUT", p.base+"/api/sessions/"+sess.Code+"/round", bytes.NewReader(rb))
		req.Header.Set("Authorization", "Bearer "+sess.Instructor_token)
		res, err = http.DefaultClient.Do(req)
		require.NoError(t, err)
		res.Body.Close()
		require.Equal(t, http.StatusOK, res.StatusCode)

		team := func(i int) string { return fmt.Sprintf("team %02d", i%24) }
		upload := func(base string, i int) (int, int64) {
			u := fmt.Sprintf("%s/api/sessions/%s/replays?team=%s", base, sess.Code, url.QueryEscape(team(i)))
			res, err := http.Post(u, "application/x-ndjson", bytes.NewReader(bodies[i]))
			if err != nil {
				return 0, 0 // the hall died under it: not acknowledged
			}
			defer res.Body.Close()
			var v struct{ ID int64 }
			if json.NewDecoder(res.Body).Decode(&v) != nil {
				return 0, 0 // cut off mid-answer: not acknowledged
			}
			return res.StatusCode, v.ID
		}

		// Eight clients upload; the hall is killed once a third are acknowledged.
		var mu sync.Mutex
		acked := map[int]int64{}
		next := 0
		killed := make(chan struct{})
		var once sync.Once
		var wg sync.WaitGroup
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					mu.Lock()
					i := next
					next++
					mu.Unlock()
					if i >= n {
						return
					}
					status, id := upload(p.base, i)
					if status == http.StatusCreated || status == http.StatusOK {
						mu.Lock()
						acked[i] = id
						if len(acked) == n/3 {
							once.Do(func() {
								p.cmd.Process.Signal(syscall.SIGKILL)
								close(killed)
							})
						}
						mu.Unlock()
					}
				}
			}()
		}
		wg.Wait()
		<-killed
		p.cmd.Wait()
		require.GreaterOrEqual(t, len(acked), n/3)
		t.Logf("%s: %d of %d uploads acknowledged before SIGKILL", b.Name, len(acked), n)

		// Started again: every acknowledged upload is there, with the id it was given.
		p2 := startHall(t, bin, b.DSN)
		stored := results(t, p2.base, sess.Code)
		for i, id := range acked {
			r, ok := stored[id]
			if assert.True(t, ok, "upload %d (id %d) was acknowledged and is lost", i, id) {
				assert.Equal(t, team(i), r)
			}
		}
		// The teams send everything again: each replay counts once.
		for i := range n {
			status, id := upload(p2.base, i)
			require.Contains(t, []int{http.StatusCreated, http.StatusOK}, status, "upload %d", i)
			if old, ok := acked[i]; ok {
				assert.Equal(t, http.StatusOK, status, "upload %d was stored before", i)
				assert.Equal(t, old, id)
			}
		}
		assert.Len(t, results(t, p2.base, sess.Code), n, "every replay once")
	})
}

// results returns a session's stored results: team by id.
func results(t *testing.T, base, code string) map[int64]string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", base+"/api/sessions/"+code+"/state", nil)
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	var st struct {
		Results []struct {
			ID   int64
			Team string
		}
	}
	require.NoError(t, json.NewDecoder(res.Body).Decode(&st))
	out := map[int64]string{}
	for _, r := range st.Results {
		_, dup := out[r.ID]
		require.False(t, dup)
		out[r.ID] = r.Team
	}
	return out
}
