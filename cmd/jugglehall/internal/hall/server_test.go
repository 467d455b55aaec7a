package hall_test

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/cmd/jugglehall/internal/hall"
	"devopsjuggle/cmd/jugglehall/internal/hall/halltest"
	"devopsjuggle/cmd/jugglehall/internal/hall/store"
	"devopsjuggle/cmd/jugglehall/internal/hall/verify"
	"devopsjuggle/sim"
	"devopsjuggle/sim/bot"
	"devopsjuggle/sim/replay"
	"devopsjuggle/sim/strategy"
	hallweb "devopsjuggle/web/hall"
)

func TestMain(m *testing.M) { halltest.Main(m) }

// hallAt starts a server on the backend's database; several may share one database.
func hallAt(t *testing.T, b halltest.Backend) *httptest.Server {
	t.Helper()
	return hallWith(t, b, hall.Options{Pages: hallweb.Pages, MaxUploadBytes: 1 << 20, PollInterval: 50 * time.Millisecond})
}

// hallWith starts a server with opts on the backend's database (ts.Config.Handler is its
// handler, for requests made in the test).
func hallWith(t *testing.T, b halltest.Backend, opts hall.Options) *httptest.Server {
	t.Helper()
	st, err := store.Open(context.Background(), b.DSN)
	require.NoError(t, err)
	srv := hall.New(st, opts)
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(func() {
		srv.Close()
		ts.Close()
		st.Close()
	})
	return ts
}

// client calls one hall's API.
type client struct {
	t    *testing.T
	base string
}

func (c client) do(method, path, token string, body []byte) (int, map[string]any) {
	c.t.Helper()
	status, b := c.raw(method, path, token, body)
	var v map[string]any
	if len(b) > 0 && b[0] == '{' {
		require.NoError(c.t, json.Unmarshal(b, &v), "%s", b)
	}
	return status, v
}

func (c client) raw(method, path, token string, body []byte) (int, []byte) {
	c.t.Helper()
	req, err := http.NewRequest(method, c.base+path, bytes.NewReader(body))
	require.NoError(c.t, err)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	require.NoError(c.t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(c.t, err)
	return res.StatusCode, b
}

// session creates a session and sets its round; it returns the code and the token.
func (c client) session(r verify.Round) (string, string) {
	c.t.Helper()
	status, s := c.do("POST", "/api/sessions", "", nil)
	require.Equal(c.t, http.StatusCreated, status)
	code, tok := s["code"].(string), s["instructor_token"].(string)
	c.setRound(code, tok, r)
	return code, tok
}

func (c client) setRound(code, tok string, r verify.Round) {
	c.t.Helper()
	body, _ := json.Marshal(r)
	status, v := c.do("PUT", "/api/sessions/"+code+"/round", tok, body)
	require.Equal(c.t, http.StatusOK, status, "%v", v)
}

func (c client) upload(code, team string, body []byte) (int, map[string]any) {
	c.t.Helper()
	return c.do("POST", "/api/sessions/"+code+"/replays?team="+team, "", body)
}

func (c client) teams(code string) []any {
	c.t.Helper()
	status, st := c.do("GET", "/api/sessions/"+code+"/state", "", nil)
	require.Equal(c.t, http.StatusOK, status)
	return st["teams"].([]any)
}

func (c client) results(code string) []any {
	c.t.Helper()
	status, st := c.do("GET", "/api/sessions/"+code+"/state", "", nil)
	require.Equal(c.t, http.StatusOK, status)
	return st["results"].([]any)
}

var silo = verify.Round{Preset: "silo", Seed: 7, Months: 1}

func TestSessionsAndInstructorActions(t *testing.T) {
	halltest.ForEachBackend(t, func(t *testing.T, b halltest.Backend) {
		c := client{t, hallAt(t, b).URL}
		status, s := c.do("POST", "/api/sessions", "", nil)
		require.Equal(t, http.StatusCreated, status)
		code, tok := s["code"].(string), s["instructor_token"].(string)
		assert.Regexp(t, `^[ACDEFGHJKMNPQRTWXY34679]{6}$`, code)
		assert.GreaterOrEqual(t, len(tok), 40)
		assert.Contains(t, s["projector_url"], "/projector/"+code)
		_, raw := c.raw("POST", "/api/sessions", "", nil)
		assert.NotContains(t, string(raw), `\u0026`, "links read as they are: & not \\u0026")
		assert.Contains(t, string(raw), "&", "the instructor's link has its token after an &")

		round := []byte(`{"preset": "silo", "seed": 7, "months": 2}`)
		status, _ = c.do("PUT", "/api/sessions/"+code+"/round", "", round)
		assert.Equal(t, http.StatusUnauthorized, status, "no token")
		status, _ = c.do("PUT", "/api/sessions/"+code+"/round", "not-the-token", round)
		assert.Equal(t, http.StatusForbidden, status, "a student's guess")
		status, other := c.do("POST", "/api/sessions", "", nil)
		require.Equal(t, http.StatusCreated, status)
		status, _ = c.do("PUT", "/api/sessions/"+code+"/round", other["instructor_token"].(string), round)
		assert.Equal(t, http.StatusForbidden, status, "another session's token")
		status, v := c.do("PUT", "/api/sessions/"+code+"/round", tok, round)
		require.Equal(t, http.StatusOK, status, "%v", v)
		assert.Contains(t, v, "actions", "the round's keys (TestRoundActions)")
		delete(v, "actions")
		assert.Equal(t, map[string]any{"n": 1.0, "preset": "silo", "seed": 7.0, "months": 2.0, "difficulty": "normal",
			"dev": "human", "ops": "human", "open": true}, v)

		for _, bad := range []string{`{"preset": "nope", "months": 1}`, `{"preset": "silo", "months": 0}`, `{"preset": "silo", "months": 1, "colour": 3}`, `[1,2]`, ``} {
			status, v = c.do("PUT", "/api/sessions/"+code+"/round", tok, []byte(bad))
			assert.Equal(t, http.StatusBadRequest, status, "%s", bad)
			assert.NotEmpty(t, v["error"])
		}
		status, _ = c.do("PUT", "/api/sessions/ZZZZZZ/round", tok, round)
		assert.Equal(t, http.StatusNotFound, status, "an unknown code")

		// Close, lock; students' pages see it.
		status, v = c.do("PATCH", "/api/sessions/"+code+"/round", tok, []byte(`{"open": false}`))
		require.Equal(t, http.StatusOK, status)
		assert.Equal(t, false, v["open"])
		status, _ = c.do("PATCH", "/api/sessions/"+code+"/round", "", []byte(`{"open": true}`))
		assert.Equal(t, http.StatusUnauthorized, status)
		status, v = c.do("PATCH", "/api/sessions/"+code, tok, []byte(`{"locked": true}`))
		require.Equal(t, http.StatusOK, status)
		assert.Equal(t, true, v["locked"])
		status, v = c.do("GET", "/api/sessions/"+strings.ToLower(code[:3])+"-"+code[3:], "", nil)
		require.Equal(t, http.StatusOK, status, "a code typed in lower case with a dash")
		assert.Equal(t, true, v["locked"])
		assert.Equal(t, false, v["round"].(map[string]any)["open"])

		status, _ = c.do("POST", "/api/sessions/"+code+"/teams", "", []byte(`{"name": "Late"}`))
		assert.Equal(t, http.StatusForbidden, status, "joining is locked")
		status, _ = c.do("GET", "/api/sessions/QQQQQQ", "", nil)
		assert.Equal(t, http.StatusNotFound, status)
		status, _ = c.do("GET", "/api/sessions/O0O0O0", "", nil)
		assert.Equal(t, http.StatusNotFound, status, "look-alikes are not in any code")
	})
}

func TestUploads(t *testing.T) {
	halltest.ForEachBackend(t, func(t *testing.T, b halltest.Backend) {
		c := client{t, hallAt(t, b).URL}
		code, tok := c.session(silo)
		body := halltest.MustRecord(silo, 2)

		status, v := c.upload(code, "Blue%20team", body)
		require.Equal(t, http.StatusCreated, status, "%v", v)
		assert.Equal(t, "Blue team", v["team"])
		assert.Equal(t, 1.0, v["round"])
		assert.Equal(t, "silo", v["preset"])
		assert.Equal(t, false, v["duplicate"])
		res := v["result"].(map[string]any)
		assert.Equal(t, "silo", res["preset"], "the round's preset, as the CSV's column (its difficulty is the round's)")
		want, err := verify.Verify(body, []verify.Numbered{{N: 1, Round: silo}})
		require.NoError(t, err)
		assert.Equal(t, float64(want.Result.Shipped), res["shipped"], "the verified result")

		// The same replay again, from the same team: the same row.
		status, v2 := c.upload(code, "Blue%20team", body)
		assert.Equal(t, http.StatusOK, status)
		assert.Equal(t, true, v2["duplicate"])
		assert.Equal(t, v["id"], v2["id"])
		assert.Len(t, c.results(code), 1, "never a second row")

		// A tampered replay: 422, which check, and nothing stored.
		tampered := bytes.Replace(body, []byte(`"catch-left"`), []byte(`"catch-right"`), 1)
		status, v = c.upload(code, "Red", tampered)
		assert.Equal(t, http.StatusUnprocessableEntity, status)
		assert.Equal(t, "checkpoints", v["check"])
		assert.Contains(t, v["error"], "diverges at tick")
		status, v = c.upload(code, "Red", []byte("\x89PNG\r\n\x1a\n not a replay"))
		assert.Equal(t, http.StatusUnprocessableEntity, status, "garbage")
		assert.Equal(t, "format", v["check"])
		status, v = c.upload(code, "Red", halltest.MustRecord(verify.Round{Preset: "sre", Seed: 7, Months: 1}, 0))
		assert.Equal(t, http.StatusUnprocessableEntity, status)
		assert.Equal(t, "round", v["check"])
		assert.Len(t, c.results(code), 1, "nothing refused is stored")

		status, _ = c.upload("QQQQQQ", "Red", body)
		assert.Equal(t, http.StatusNotFound, status, "an unknown code")
		status, _ = c.upload(code, "", body)
		assert.Equal(t, http.StatusBadRequest, status, "no team")
		status, _ = c.upload(code, strings.Repeat("x", 40), body)
		assert.Equal(t, http.StatusBadRequest, status, "a team's name too long")
		status, v = c.upload(code, "Red", bytes.Repeat([]byte("{}\n"), 1<<19))
		assert.Equal(t, http.StatusRequestEntityTooLarge, status, "over the size limit")
		assert.Contains(t, v["error"], "bytes")

		// A past round counts; the same team's rounds are rows of their own.
		devops := verify.Round{Preset: "devops", Seed: 7, Months: 1}
		c.setRound(code, tok, devops)
		status, v = c.upload(code, "Blue%20team", halltest.MustRecord(silo, 4))
		require.Equal(t, http.StatusCreated, status, "%v", v)
		assert.Equal(t, 1.0, v["round"])
		status, v = c.upload(code, "Blue%20team", halltest.MustRecord(devops, 0))
		require.Equal(t, http.StatusCreated, status, "%v", v)
		assert.Equal(t, 2.0, v["round"])
		assert.Len(t, c.results(code), 3)

		// Locked: a team that joined before still uploads; a new one does not.
		status, _ = c.do("PATCH", "/api/sessions/"+code, tok, []byte(`{"locked": true}`))
		require.Equal(t, http.StatusOK, status)
		status, _ = c.upload(code, "Newcomers", halltest.MustRecord(devops, 3))
		assert.Equal(t, http.StatusForbidden, status)
		status, _ = c.upload(code, "Blue%20team", halltest.MustRecord(devops, 3))
		assert.Equal(t, http.StatusCreated, status)
	})
}

// TestRetriesCountOnce: a flaky network sends one replay many times at once.
func TestRetriesCountOnce(t *testing.T) {
	halltest.ForEachBackend(t, func(t *testing.T, b halltest.Backend) {
		c := client{t, hallAt(t, b).URL}
		code, _ := c.session(silo)
		body := halltest.MustRecord(silo, 1)
		const n = 12
		statuses := make([]int, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				statuses[i], _ = c.upload(code, "Green", body)
			}()
		}
		wg.Wait()
		created := 0
		for _, s := range statuses {
			assert.Contains(t, []int{http.StatusCreated, http.StatusOK}, s)
			if s == http.StatusCreated {
				created++
			}
		}
		assert.Equal(t, 1, created)
		assert.Len(t, c.results(code), 1)
	})
}

// TestGarbageNeverFails: no body a client sends gets a 500.
func TestGarbageNeverFails(t *testing.T) {
	halltest.ForEachBackend(t, func(t *testing.T, b halltest.Backend) {
		c := client{t, hallAt(t, b).URL}
		code, tok := c.session(silo)
		good := string(halltest.MustRecord(silo, 0))
		lines := strings.Split(good, "\n")
		bodies := []string{"", "\n\n\n", "null", "[]", `{"format":"devopsjuggle-replay","format_version":1}`,
			strings.Repeat("A", 2<<20), lines[0], lines[0] + "\n" + `{"t":-5,"role":"ops","action":"catch-left"}`,
			lines[0] + "\n" + `{"end":99999999999999,"hash":"zz"}`, strings.Join(lines[:len(lines)/2], "\n"),
			"\xef\xbb\xbf" + good}
		for i, body := range bodies {
			for _, path := range []string{"/api/sessions/" + code + "/replays?team=g", "/api/sessions/" + code + "/round",
				"/api/sessions/" + code + "/teams", "/api/sessions/" + code, "/api/sessions/" + code + "/results/1/postmortem"} {
				for _, m := range []string{"POST", "PUT", "PATCH", "GET"} {
					status, _ := c.raw(m, path, tok, []byte(body))
					assert.Less(t, status, 500, "body %d, %s %s", i, m, path)
				}
			}
		}
		// The BOM-prefixed good replay counted (editors add one).
		assert.Len(t, c.results(code), 1)
	})
}

func TestExports(t *testing.T) {
	halltest.ForEachBackend(t, func(t *testing.T, b halltest.Backend) {
		c := client{t, hallAt(t, b).URL}
		code, _ := c.session(silo)
		teams := []string{"Blue", "Red, \"the\" team", "Grün", `a"b;c`, `..\x:y*`, "x --> y"}
		for i, team := range teams {
			status, v := c.upload(code, url.QueryEscape(team), halltest.MustRecord(silo, i))
			require.Equal(t, http.StatusCreated, status, "%v", v)
		}

		status, body := c.raw("GET", "/api/sessions/"+code+"/results.csv", "", nil)
		require.Equal(t, http.StatusOK, status)
		rows, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
		require.NoError(t, err)
		require.Len(t, rows, 1+len(teams))
		head := rows[0]
		assert.Equal(t, []string{"run", "preset", "seed", "months", "rules_version"}, head[:5], "jugglesim sweep's columns")
		assert.Equal(t, []string{"open_incidents", "team", "round", "dev", "ops"}, head[len(head)-5:])
		col := func(name string) int {
			for i, h := range head {
				if h == name {
					return i
				}
			}
			t.Fatalf("no column %s", name)
			return -1
		}
		for i, team := range teams {
			assert.Equal(t, "silo", rows[i+1][col("preset")], "the round's preset, whatever bots played")
			assert.Equal(t, team, rows[i+1][col("team")])
			assert.Equal(t, "7", rows[i+1][col("seed")])
			assert.Equal(t, "1", rows[i+1][col("round")])
		}

		status, body = c.raw("GET", "/api/sessions/"+code+"/replays.zip", "", nil)
		require.Equal(t, http.StatusOK, status)
		zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
		require.NoError(t, err)
		require.Len(t, zr.File, len(teams))
		for _, f := range zr.File {
			rc, err := f.Open()
			require.NoError(t, err)
			r, err := replay.Decode(rc)
			rc.Close()
			require.NoError(t, err, f.Name)
			_, err = r.Play()
			assert.NoError(t, err, "%s replays", f.Name)
			assert.Regexp(t, `^`+code+`-\d+-[A-Za-z0-9._-]+-round1-silo-seed7\.replay\.jsonl$`, f.Name,
				"a portable file name, with the round's preset")
		}
		names := []string{}
		for _, f := range zr.File {
			names = append(names, f.Name)
		}
		assert.Contains(t, names, code+"-2-Red_the_team-round1-silo-seed7.replay.jsonl")
		assert.Contains(t, names, code+"-4-a_b_c-round1-silo-seed7.replay.jsonl")

		// One result: its replay (uploaded again, the same row) and its post-mortem.
		res := c.results(code)[0].(map[string]any)
		resp, err := http.Get(c.base + res["replay_url"].(string))
		require.NoError(t, err)
		rp, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		assert.Equal(t, `attachment; filename="`+code+`-1-Blue-round1-silo-seed7.replay.jsonl"`, resp.Header.Get("Content-Disposition"))
		assert.Equal(t, "silo", res["result"].(map[string]any)["preset"], "the state's results too")
		status, v := c.upload(code, "Blue", rp)
		assert.Equal(t, http.StatusOK, status, "the downloaded replay is the uploaded one: %v", v)
		status, pm := c.raw("GET", res["postmortem_url"].(string), "", nil)
		require.Equal(t, http.StatusOK, status)
		assert.Contains(t, string(pm), "# Post-mortem: silo, seed 7")
		assert.Contains(t, string(pm), "## Timeline")
		// A team's name cannot end the post-mortem's opening comment early.
		status, pm = c.raw("GET", "/api/sessions/"+code+"/results/6/postmortem", "", nil)
		require.Equal(t, http.StatusOK, status)
		first, _, _ := strings.Cut(string(pm), "\n")
		assert.True(t, strings.HasPrefix(first, "<!-- team x ") && strings.HasSuffix(first, " -->") && strings.Count(first, "--") == 2, "%q", first)
		status, _ = c.raw("GET", "/api/sessions/"+code+"/results/999/postmortem", "", nil)
		assert.Equal(t, http.StatusNotFound, status)
	})
}

// events reads a session's event stream and sends each "session" event's data.
func events(t *testing.T, base, code string) <-chan map[string]any {
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, err := http.NewRequestWithContext(ctx, "GET", base+"/api/sessions/"+code+"/events", nil)
	require.NoError(t, err)
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	require.Equal(t, "text/event-stream", res.Header.Get("Content-Type"))
	out := make(chan map[string]any, 16)
	go func() {
		defer res.Body.Close()
		sc := bufio.NewScanner(res.Body)
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				var v map[string]any
				if json.Unmarshal([]byte(data), &v) == nil {
					out <- v
				}
			}
		}
	}()
	return out
}

// TestLiveAcrossProcesses: a page following one server sees, within two seconds, an
// upload that another server on the same database stored.
func TestLiveAcrossProcesses(t *testing.T) {
	halltest.ForEachBackend(t, func(t *testing.T, b halltest.Backend) {
		a := client{t, hallAt(t, b).URL}
		other := client{t, hallAt(t, b).URL}
		code, tok := a.session(silo)
		ev := events(t, a.base, code)
		// next waits for the event that shows what ok wants (an upload's team joins before
		// its result is stored: an event may show the one and not yet the other).
		next := func(what string, ok func(v map[string]any) bool) map[string]any {
			deadline := time.After(2 * time.Second)
			for {
				select {
				case v := <-ev:
					if ok(v) {
						return v
					}
				case <-deadline:
					t.Fatalf("no event within 2 s showing %s", what)
					return nil
				}
			}
		}
		results := func(v map[string]any) float64 { return v["change"].(map[string]any)["results"].(float64) }
		first := next("the session", func(map[string]any) bool { return true })
		assert.Equal(t, code, first["code"])
		assert.Equal(t, 0.0, results(first))

		start := time.Now()
		status, _ := other.upload(code, "Blue", halltest.MustRecord(silo, 0))
		require.Equal(t, http.StatusCreated, status)
		next("an upload to the other server", func(v map[string]any) bool { return results(v) == 1 })
		t.Logf("%s: the event came %v after the upload began", b.Name, time.Since(start))

		other.setRound(code, tok, verify.Round{Preset: "devops", Seed: 7, Months: 1})
		next("a new round set on the other server", func(v map[string]any) bool {
			return v["round"].(map[string]any)["preset"] == "devops"
		})
	})
}

func TestPagesAndOptions(t *testing.T) {
	b := halltest.SQLite(t)
	c := client{t, hallAt(t, b).URL}
	for path, want := range map[string]string{
		"/": "join the class", "/play?code=X": "window.jugglehall", "/instructor": "instructor",
		"/hall/hall.js": "Okabe-Ito",
	} {
		status, body := c.raw("GET", path, "", nil)
		assert.Equal(t, http.StatusOK, status, path)
		assert.Contains(t, string(body), want, path)
	}
	status, body := c.raw("GET", "/juggle.wasm", "", nil)
	assert.Equal(t, http.StatusNotFound, status, "no game build given")
	assert.Contains(t, string(body), "make web-build")
	status, v := c.do("GET", "/api/options", "", nil)
	require.Equal(t, http.StatusOK, status)
	assert.Equal(t, []any{"silo", "devops", "sre", "bluegreen"}, v["presets"])
	for _, k := range []string{"dev_bots", "ops_bots"} {
		assert.Contains(t, v[k], "learner", "%s: the instructor can seat a bot that plays for its pay", k)
		assert.Contains(t, v[k], "equilibrium", k)
	}
	status, _ = c.do("GET", "/api/nothing", "", nil)
	assert.Equal(t, http.StatusNotFound, status)
	status, body = c.raw("GET", "/healthz", "", nil)
	assert.Equal(t, http.StatusOK, status)
	assert.Equal(t, "ok\n", string(body))
}

func TestCodes(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		c := hall.NewCode()
		require.Len(t, c, hall.CodeLen)
		for _, bad := range "0O1IL5S2Z8BUV" {
			require.NotContains(t, c, string(bad), "no look-alikes")
		}
		seen[c] = true
		n, ok := hall.NormalizeCode(strings.ToLower(c[:3]) + " - " + c[3:])
		require.True(t, ok)
		require.Equal(t, c, n)
	}
	assert.Greater(t, len(seen), 990, "codes are random")
	for _, bad := range []string{"", "ABCDE", "ACDEFGH", "ACDEF0", "ACDEF!"} {
		_, ok := hall.NormalizeCode(bad)
		assert.False(t, ok, bad)
	}
	for in, want := range map[string]string{"  Blue   team ": "Blue team", "Grün": "Grün"} {
		got, err := hall.NormalizeTeam(in)
		require.NoError(t, err)
		assert.Equal(t, want, got)
	}
	for _, bad := range []string{"", "   ", strings.Repeat("x", hall.MaxTeamRunes+1), "a\x00b", "\xff"} {
		_, err := hall.NormalizeTeam(bad)
		assert.Error(t, err, "%q", bad)
	}
	_, err := hall.NormalizeTeam(strings.Repeat("é", hall.MaxTeamRunes))
	assert.NoError(t, err, "runes, not bytes")
}

// TestRoundFields: a round's required fields left out are refused by name, not read as
// zeros (seed 0 is a seed), and a seed the game page's JavaScript cannot hold is refused.
func TestRoundFields(t *testing.T) {
	c := client{t, hallAt(t, halltest.SQLite(t)).URL}
	code, tok := c.session(silo)
	put := func(body string) (int, map[string]any) {
		return c.do("PUT", "/api/sessions/"+code+"/round", tok, []byte(body))
	}
	for body, want := range map[string]string{
		`{"preset": "silo", "months": 2}`:                               "seed is missing",
		`{"preset": "silo", "seed": null, "months": 2}`:                 "seed is missing",
		`{"preset": "silo", "seed": 7}`:                                 "months is missing",
		`{"seed": 7, "months": 2}`:                                      "preset is missing",
		`{"preset": "silo", "seed": 9007199254740992, "months": 2}`:     "9007199254740991",
		`{"preset": "silo", "seed": 18446744073709551615, "months": 2}`: "9007199254740991",
		`{"preset": "silo", "seed": -1, "months": 2}`:                   "seed -1: a seed is a whole number",
		`{"preset": "silo", "seed": 1.5, "months": 2}`:                  "seed 1.5",
		`{"preset": "silo", "seed": 7, "months": 0}`:                    "months 0: must be in [1, 12]",
	} {
		status, v := put(body)
		assert.Equal(t, http.StatusBadRequest, status, body)
		assert.Contains(t, v["error"], want, body)
	}
	status, v := c.do("GET", "/api/sessions/"+code, "", nil)
	require.Equal(t, http.StatusOK, status)
	assert.Len(t, v["rounds"], 1, "nothing refused made a round")

	status, v = put(`{"preset": "silo", "seed": 9007199254740991, "months": 2}`)
	require.Equal(t, http.StatusOK, status, "%v", v)
	_, raw := c.raw("GET", "/api/sessions/"+code, "", nil)
	assert.Contains(t, string(raw), `"seed": 9007199254740991`, "the largest seed, exactly")
	status, v = put(`{"preset": "silo", "seed": 0, "months": 2}`)
	require.Equal(t, http.StatusOK, status, "seed 0 given is a seed: %v", v)
	assert.Equal(t, 3.0, v["n"])
}

// TestJSONBodies: a body is one JSON object and nothing after it; one over the limit is
// 413, as an upload's is.
func TestJSONBodies(t *testing.T) {
	c := client{t, hallAt(t, halltest.SQLite(t)).URL}
	code, _ := c.session(silo)
	teams := "/api/sessions/" + code + "/teams"
	for _, bad := range []string{`{"name":"Green"} trailing`, `{"name":"Green"}{"name":"Red"}`, `{"name":"Green"} {}`, `{"name":"Green"}]`} {
		status, v := c.do("POST", teams, "", []byte(bad))
		assert.Equal(t, http.StatusBadRequest, status, bad)
		assert.Contains(t, v["error"], "more after the JSON object", bad)
	}
	status, v := c.do("POST", teams, "", []byte(`{"name":"Green"}`+strings.Repeat(" ", 70<<10)))
	assert.Equal(t, http.StatusRequestEntityTooLarge, status, "%v", v)
	status, v = c.do("POST", teams, "", []byte(`{"name":"`+strings.Repeat("x", 70<<10)+`"}`))
	assert.Equal(t, http.StatusRequestEntityTooLarge, status, "%v", v)
	assert.Contains(t, v["error"], "65536 bytes")
	status, _ = c.do("GET", "/api/sessions/"+code+"/state", "", nil)
	require.Equal(t, http.StatusOK, status)
	status, v = c.do("POST", teams, "", []byte(" {\"name\":\"Green\"}\n\n"))
	assert.Equal(t, http.StatusCreated, status, "spaces around the object are fine: %v", v)
	assert.Len(t, c.teams(code), 1, "nothing refused joined")
}

// TestMethodsAndAuth: a known route asked with another method is 405 with Allow, as
// /healthz is; the bearer scheme is read in any case (RFC 7235).
func TestMethodsAndAuth(t *testing.T) {
	c := client{t, hallAt(t, halltest.SQLite(t)).URL}
	code, tok := c.session(silo)
	for path, allow := range map[string]string{
		"/api/sessions/" + code + "/round": "PUT, PATCH", "/api/sessions/" + code: "GET, HEAD, PATCH",
		"/api/sessions": "POST", "/api/options": "GET, HEAD", "/api/sessions/" + code + "/replays": "POST",
	} {
		req, err := http.NewRequest("DELETE", c.base+path, nil)
		require.NoError(t, err)
		res, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		var v map[string]any
		require.NoError(t, json.NewDecoder(res.Body).Decode(&v))
		res.Body.Close()
		assert.Equal(t, http.StatusMethodNotAllowed, res.StatusCode, path)
		assert.Equal(t, allow, res.Header.Get("Allow"), path)
		assert.Contains(t, v["error"], allow, path)
	}
	status, _ := c.do("DELETE", "/api/nothing", "", nil)
	assert.Equal(t, http.StatusNotFound, status, "an unknown route is still 404")
	status, _ = c.do("POST", "/healthz", "", nil)
	assert.Equal(t, http.StatusMethodNotAllowed, status)

	// closeWith closes the round with an Authorization header and returns the status.
	closeWith := func(auth string) int {
		req, err := http.NewRequest("PATCH", c.base+"/api/sessions/"+code+"/round", strings.NewReader(`{"open": false}`))
		require.NoError(t, err)
		req.Header.Set("Authorization", auth)
		res, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		res.Body.Close()
		return res.StatusCode
	}
	for _, auth := range []string{"Bearer " + tok, "bearer " + tok, "BEARER  " + tok} {
		assert.Equal(t, http.StatusOK, closeWith(auth), "%q", auth)
	}
	for auth, want := range map[string]int{"": 401, "Basic " + tok: 401, "Bearer": 401, "bearer nope": 403, tok: 401} {
		assert.Equal(t, want, closeWith(auth), "%q", auth)
	}
}

// TestUnknownCodes: an unknown code is 404 everywhere, the projector's page too, and the
// answer says which characters codes have.
func TestUnknownCodes(t *testing.T) {
	c := client{t, hallAt(t, halltest.SQLite(t)).URL}
	code, _ := c.session(silo)
	status, body := c.raw("GET", "/projector/"+code, "", nil)
	assert.Equal(t, http.StatusOK, status)
	assert.Contains(t, string(body), "Features shipped against uptime")
	status, body = c.raw("GET", "/projector/"+strings.ToLower(code[:3])+"-"+code[3:], "", nil)
	assert.Equal(t, http.StatusOK, status, "a code as people type it")

	for path, want := range map[string]string{
		"/projector/QQQQQQ":     "no session has the join code QQQQQQ",
		"/projector/ZZZZZZ":     "no code has &#39;Z&#39;",
		"/projector/%3Cb%3Ex":   "&lt;b&gt;",
		"/projector/ACD":        "it has 3 of a code&#39;s 6 characters",
		"/api/sessions/ZZZZZZ":  "no code has 'Z' (codes are 6 characters from ACDEFGHJKMNPQRTWXY34679",
		"/api/sessions/O0O0O0":  "without the look-alikes 0/O",
		"/api/sessions/QQQQQQ":  "no session has the join code QQQQQQ",
		"/api/sessions/QQQQQQQ": "it has 7 of a code's 6 characters",
	} {
		status, body := c.raw("GET", path, "", nil)
		assert.Equal(t, http.StatusNotFound, status, path)
		assert.True(t, strings.Contains(string(body), want), "%s: %.300s", path, body)
		assert.NotContains(t, string(body), "<b>x", path)
	}
}

// TestTeamNames: names that differ in case or spacing are one team, shown as it first
// joined, from any laptop and any process at once; an empty name's error fits the
// endpoint it came to.
func TestTeamNames(t *testing.T) {
	halltest.ForEachBackend(t, func(t *testing.T, b halltest.Backend) {
		c := client{t, hallAt(t, b).URL}
		code, _ := c.session(silo)
		teams := "/api/sessions/" + code + "/teams"
		status, v := c.do("POST", teams, "", []byte(`{"name": "   "}`))
		assert.Equal(t, http.StatusBadRequest, status)
		assert.Contains(t, v["error"], `{"name": "Blue team"}`)
		assert.NotContains(t, v["error"], "?team=")
		status, v = c.upload(code, "%20%20", halltest.MustRecord(silo, 0))
		assert.Equal(t, http.StatusBadRequest, status)
		assert.Contains(t, v["error"], "?team=NAME")

		status, v = c.do("POST", teams, "", []byte(`{"name": " Blue  team "}`))
		require.Equal(t, http.StatusCreated, status, "%v", v)
		assert.Equal(t, "Blue team", v["name"])
		status, v = c.do("POST", teams, "", []byte(`{"name": "blue TEAM"}`))
		assert.Equal(t, http.StatusOK, status, "the same team from another laptop")
		assert.Equal(t, "Blue team", v["name"], "shown as it first joined")
		status, v = c.upload(code, "BLUE%20%20Team", halltest.MustRecord(silo, 0))
		require.Equal(t, http.StatusCreated, status, "%v", v)
		assert.Equal(t, "Blue team", v["team"])
		status, v = c.do("POST", teams, "", []byte(`{"name": "GRÜN"}`))
		require.Equal(t, http.StatusCreated, status, "%v", v)
		status, _ = c.do("POST", teams, "", []byte(`{"name": "grün"}`))
		assert.Equal(t, http.StatusOK, status, "not only ASCII")

		// Many laptops of one team join at once, through two processes.
		other := client{t, hallAt(t, b).URL}
		reds := []string{"Red", "red", "RED", "rEd", "Red ", " red", "RED", "red"}
		atOnce(len(reds), c, other, func(i int, cl client) {
			status, _ := cl.do("POST", teams, "", []byte(`{"name": "`+reds[i]+`"}`))
			assert.Contains(t, []int{http.StatusCreated, http.StatusOK}, status)
		})
		names := []string{}
		for _, tm := range c.teams(code) {
			names = append(names, tm.(map[string]any)["name"].(string))
		}
		assert.Len(t, names, 3, "%v", names)
		assert.Equal(t, []string{"Blue team", "GRÜN"}, names[:2])
		assert.Equal(t, "red", strings.ToLower(names[2]))
	})
}

// atOnce runs f for i from 0 to n-1 all at once, alternating between two clients (two
// processes of one hall), and waits for them all.
func atOnce(n int, a, b client, f func(i int, cl client)) {
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cl := a
			if i%2 == 1 {
				cl = b
			}
			f(i, cl)
		}()
	}
	wg.Wait()
}

// played relabels a bots' replay as played by dev and ops: the inputs, the numbers and
// the checks stay; only who played changes (the replay's own word, not checked).
func played(b []byte, dev, ops string) []byte {
	out := regexp.MustCompile(`"players":\{[^}]*\}`).ReplaceAll(b, []byte(`"players":{"dev":"`+dev+`","ops":"`+ops+`"}`))
	if bytes.Equal(out, b) {
		panic("no players to relabel")
	}
	return out
}

// TestCopiesAcrossTeams: a replay another team uploaded in the same round, with a person
// in a role, is a copy (people never play a round the same twice): 409, naming that team,
// and nothing stored, whatever the copy says of who played. A round of bots only is the
// same for every team: each counts.
func TestCopiesAcrossTeams(t *testing.T) {
	halltest.ForEachBackend(t, func(t *testing.T, b halltest.Backend) {
		c := client{t, hallAt(t, b).URL}
		code, _ := c.session(silo)
		people := played(halltest.MustRecord(silo, 0), "human", "human")
		status, v := c.upload(code, "Blue", people)
		require.Equal(t, http.StatusCreated, status, "%v", v)
		for _, cp := range [][]byte{people, played(halltest.MustRecord(silo, 0), "bot", "human"), halltest.MustRecord(silo, 0)} {
			status, v = c.upload(code, "Red", cp)
			assert.Equal(t, http.StatusConflict, status, "%v", v)
			assert.Contains(t, v["error"], `team "Blue"'s upload of round 1`)
		}
		status, v = c.upload(code, "BLUE", people)
		assert.Equal(t, http.StatusOK, status, "the team's own retry is a duplicate, not a copy: %v", v)
		assert.Len(t, c.results(code), 1, "no copy stored")
		assert.Equal(t, []any{map[string]any{"name": "Blue"}}, c.teams(code), "nor the copier's team: it joins with an upload that counts")

		// A person in one role is enough; bots in both are the same for every team.
		half := played(halltest.MustRecord(silo, 1), "human", "bot:cowboy")
		status, _ = c.upload(code, "Green", half)
		require.Equal(t, http.StatusCreated, status)
		status, v = c.upload(code, "Yellow", half)
		assert.Equal(t, http.StatusConflict, status, "%v", v)
		assert.Contains(t, v["error"], `team "Green"'s`)
		bots := halltest.MustRecord(silo, 2)
		for _, team := range []string{"Green", "Yellow", "Red"} {
			status, v = c.upload(code, team, bots)
			assert.Equal(t, http.StatusCreated, status, "%s: bots only: %v", team, v)
		}
		assert.Len(t, c.results(code), 5)

		// Two teams upload one file at once, to two processes: one counts.
		other := client{t, hallAt(t, b).URL}
		file := played(halltest.MustRecord(silo, 3), "human", "human")
		statuses := make([]int, 6)
		atOnce(len(statuses), c, other, func(i int, cl client) {
			statuses[i], _ = cl.upload(code, fmt.Sprintf("Team%d", i), file)
		})
		slices.Sort(statuses)
		assert.Equal(t, []int{201, 409, 409, 409, 409, 409}, statuses)
		assert.Len(t, c.teams(code), 5, "Blue, Green, Yellow, Red and the one of Team0-5 whose upload counted")
	})
}

// TestRefusalsAreLogged: the instructor sees each refused upload on the hall's log, one
// line naming the session, the team and why, and a refused upload of a new team leaves
// no team behind (a locked session's new team neither).
func TestRefusalsAreLogged(t *testing.T) {
	var log syncBuffer
	c := client{t, hallWith(t, halltest.SQLite(t), hall.Options{Pages: hallweb.Pages, Log: slog.New(slog.NewTextHandler(&log, nil))}).URL}
	code, tok := c.session(silo)
	people := played(halltest.MustRecord(silo, 0), "human", "human")
	status, _ := c.upload(code, "Blue", people)
	require.Equal(t, http.StatusCreated, status)
	status, _ = c.upload(code, "Sneaky", people)
	require.Equal(t, http.StatusConflict, status)
	status, _ = c.upload(code, "Broken", []byte("not a replay"))
	require.Equal(t, http.StatusUnprocessableEntity, status)
	status, _ = c.do("PATCH", "/api/sessions/"+code, tok, []byte(`{"locked": true}`))
	require.Equal(t, http.StatusOK, status)
	status, _ = c.upload(code, "Late", played(halltest.MustRecord(silo, 1), "human", "human"))
	require.Equal(t, http.StatusForbidden, status)
	assert.Equal(t, []any{map[string]any{"name": "Blue"}}, c.teams(code))

	lines := strings.Split(strings.TrimSpace(log.String()), "\n")
	require.Len(t, lines, 3, "one line per refused upload:\n%s", log.String())
	for i, want := range []string{"team=Sneaky status=409", "team=Broken status=422 check=format", "team=Late status=403"} {
		assert.Contains(t, lines[i], "upload refused", lines[i])
		assert.Contains(t, lines[i], "session="+code, lines[i])
		assert.Contains(t, lines[i], want, lines[i])
	}
	assert.Contains(t, lines[0], `team \"Blue\"'s upload of round 1`, "the copy names the team it copies")
}

// syncBuffer is a bytes.Buffer that the server's goroutines may write at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestRoundActions: each round says the actions its rules use, for the game page's keys:
// approve and reject only with the change-request gate, swap only with blue/green.
func TestRoundActions(t *testing.T) {
	c := client{t, hallAt(t, halltest.SQLite(t)).URL}
	code, tok := c.session(silo)
	for i, want := range []struct {
		preset   string
		has, not []string
	}{
		{"silo", []string{"release", "test-start", "catch-left", "approve", "reject", "recover", "ack"}, []string{"swap"}},
		{"devops", []string{"release", "catch-left", "retire-left", "discard", "ack"}, []string{"approve", "reject", "swap"}},
		{"sre", []string{"release", "catch-left"}, []string{"approve", "swap"}},
		{"bluegreen", []string{"swap", "approve"}, nil},
	} {
		c.setRound(code, tok, verify.Round{Preset: want.preset, Seed: uint64(i + 10), Months: 1})
		status, s := c.do("GET", "/api/sessions/"+code, "", nil)
		require.Equal(t, http.StatusOK, status)
		acts := s["round"].(map[string]any)["actions"]
		for _, a := range want.has {
			assert.Contains(t, acts, a, want.preset)
		}
		for _, a := range want.not {
			assert.NotContains(t, acts, a, want.preset)
		}
	}
}

// TestCodePlaceholders: a join code field's example is a code students could be given,
// made of the codes' characters (ABC123 has B, 1 and 2, which no code has: a student
// copying the example's form would look for them on the projector).
func TestCodePlaceholders(t *testing.T) {
	re := regexp.MustCompile(`<input[^>]*class="code"[^>]*placeholder="([^"]*)"`)
	n := 0
	for _, page := range []string{"join.html", "instructor.html", "play.html", "projector.html"} {
		b, err := fs.ReadFile(hallweb.Pages, page)
		require.NoError(t, err)
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			n++
			_, err := hall.ParseCode(m[1])
			assert.NoError(t, err, "%s: placeholder %q", page, m[1])
		}
	}
	assert.Positive(t, n, "the join page has a code field with an example")
}

// TestPostMortemSaysWhatTheLearnerChose: with the learner seated against the class, a
// result's post-mortem (the projector shows it) says what the learner chose and why, as
// the team's debrief does; the replay holds only its inputs, so the server seats it again.
func TestPostMortemSaysWhatTheLearnerChose(t *testing.T) {
	halltest.ForEachBackend(t, func(t *testing.T, b halltest.Backend) {
		c := client{t, hallAt(t, b).URL}
		r := verify.Round{Preset: "silo", Seed: 7, Months: 2, Ops: "bot:learner"}
		code, _ := c.session(r)
		// The round as the game plays it: the learner as ops, a person as dev (the
		// preset's dev bot standing in).
		cfg, err := r.Config()
		require.NoError(t, err)
		require.NoError(t, strategy.SetBot(&cfg, sim.Ops, strategy.Learner))
		dev, ops := bot.ForConfig(cfg, r.Seed)
		round := bot.NewRound(cfg, r.Seed, nil, ops)
		h := replay.NewHeader(cfg, r.Seed, "test", "test")
		h.Players = map[string]string{"dev": "human", "ops": "bot:learner"}
		rec := replay.NewRecorder(h)
		var view sim.View
		for !round.World.Done() {
			round.World.Observe(sim.Dev, &view)
			rec.Step(round.World, round.Step(dev.Act(&view, nil)))
		}
		var body bytes.Buffer
		require.NoError(t, rec.Finish(round.World).Encode(&body))
		status, v := c.upload(code, "Blue", body.Bytes())
		require.Equal(t, http.StatusCreated, status, "%v", v)
		status, pm := c.raw("GET", c.results(code)[0].(map[string]any)["postmortem_url"].(string), "", nil)
		require.Equal(t, http.StatusOK, status)
		assert.Contains(t, string(pm), "## What the bots that play for their pay chose\n\n- Ops learned from its pay")
	})
}
