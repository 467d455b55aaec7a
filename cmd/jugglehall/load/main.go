// Command load is the lecture hall's load test (make hall-load): a class of simulated
// teams (Go clients on loopback) join one session of one jugglehall process and upload
// real recorded rounds all at once, on SQLite and on PostgreSQL (a server of its own,
// fsync on). It checks that every upload is verified and stored once, and reports
// uploads per second, the upload latency (p50, p99), how long until the projector's
// event stream shows them, and the hall's memory.
//
//	go run ./cmd/jugglehall/load -hall bin/jugglehall -teams 200 -months 3
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"devopsjuggle/cmd/jugglehall/internal/hall/halltest"
	"devopsjuggle/cmd/jugglehall/internal/hall/verify"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

// figures are one backend's measurements.
type figures struct {
	backend          string
	uploads          int
	wall             time.Duration // first request to last answer
	p50, p99, max    time.Duration // upload latency
	shownAll         time.Duration // last answer to the projector's event showing them all
	showP50, showP99 time.Duration // an answer to the projector showing as many results
	rssKB            int64         // the hall's peak resident memory
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	hallBin := fs.String("hall", "bin/jugglehall", "the jugglehall binary")
	teams := fs.Int("teams", 200, "teams uploading at once")
	months := fs.Int("months", 3, "the round's length")
	backends := fs.String("backends", "sqlite,postgres", "sqlite, postgres or both")
	if err := fs.Parse(args); err != nil {
		return err
	}
	round := verify.Round{Preset: "silo", Seed: 7, Months: *months}
	if err := round.Normalize(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "recording %d rounds (%s, bots of 250 kinds)...\n", *teams, &round)
	bodies := make([][]byte, *teams)
	size := 0
	for i := range bodies {
		b, err := halltest.Record(round, i)
		if err != nil {
			return err
		}
		bodies[i] = b
		size += len(b)
	}
	fmt.Fprintf(stdout, "replays: %d KB on average\n", size/len(bodies)/1024)
	var all []figures
	for _, be := range strings.Split(*backends, ",") {
		dir, err := os.MkdirTemp("", "hall-load-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		var dsn string
		switch be {
		case "sqlite":
			dsn = filepath.Join(dir, "hall.db")
		case "postgres":
			pg, err := halltest.StartPostgres(true)
			if err != nil {
				return err
			}
			defer pg.Stop()
			if dsn, err = pg.NewDatabase(); err != nil {
				return err
			}
		default:
			return fmt.Errorf("-backends: %q is not sqlite or postgres", be)
		}
		f, err := loadOne(*hallBin, be, dsn, round, bodies, stdout)
		if err != nil {
			return fmt.Errorf("%s: %w", be, err)
		}
		all = append(all, f)
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "backend\tuploads\tuploads/s\tp50\tp99\tmax\tprojector p50\tprojector p99\tall shown after\thall peak RSS\t")
	ms := func(d time.Duration) string { return fmt.Sprintf("%.0f ms", float64(d)/1e6) }
	for _, f := range all {
		fmt.Fprintf(tw, "%s\t%d\t%.0f\t%s\t%s\t%s\t%s\t%s\t%s\t%d MB\t\n", f.backend, f.uploads,
			float64(f.uploads)/f.wall.Seconds(), ms(f.p50), ms(f.p99), ms(f.max), ms(f.showP50), ms(f.showP99), ms(f.shownAll), f.rssKB/1024)
	}
	return tw.Flush()
}

// loadOne runs the load against one hall process on dsn.
func loadOne(bin, backend, dsn string, round verify.Round, bodies [][]byte, stdout io.Writer) (figures, error) {
	f := figures{backend: backend, uploads: len(bodies)}
	cmd := exec.Command(bin, "-addr", "127.0.0.1:0", "-db", dsn, "-game", os.TempDir())
	out, err := cmd.StdoutPipe()
	if err != nil {
		return f, err
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return f, err
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	base := ""
	sc := bufio.NewScanner(out)
	for base == "" && sc.Scan() {
		if a, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "students:   "); ok {
			base = strings.TrimSuffix(a, "/")
		}
	}
	if base == "" {
		return f, fmt.Errorf("the hall did not start: %s", stderr.String())
	}
	go io.Copy(io.Discard, out)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 512, MaxConnsPerHost: 0}, Timeout: 2 * time.Minute}

	// The instructor's session and round.
	var sess struct{ Code, Instructor_token string }
	if err := call(client, "POST", base+"/api/sessions", "", nil, http.StatusCreated, &sess); err != nil {
		return f, err
	}
	rb, _ := json.Marshal(round)
	if err := call(client, "PUT", base+"/api/sessions/"+sess.Code+"/round", sess.Instructor_token, rb, http.StatusOK, nil); err != nil {
		return f, err
	}

	// The projector follows the session.
	type seen struct {
		at      time.Time
		results int
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var evMu sync.Mutex
	var events []seen
	req, _ := http.NewRequestWithContext(ctx, "GET", base+"/api/sessions/"+sess.Code+"/events", nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return f, err
	}
	go func() {
		defer res.Body.Close()
		sc := bufio.NewScanner(res.Body)
		for sc.Scan() {
			data, ok := strings.CutPrefix(sc.Text(), "data: ")
			if !ok {
				continue
			}
			var v struct{ Change struct{ Results int } }
			if json.Unmarshal([]byte(data), &v) == nil {
				evMu.Lock()
				events = append(events, seen{time.Now(), v.Change.Results})
				evMu.Unlock()
			}
		}
	}()

	// Every team joins and uploads at once.
	n := len(bodies)
	lat := make([]time.Duration, n)
	done := make([]time.Time, n)
	errs := make([]error, n)
	ids := make([]int64, n)
	var wg sync.WaitGroup
	startGate := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-startGate
			team := fmt.Sprintf("team %03d", i)
			t0 := time.Now()
			if err := call(client, "POST", base+"/api/sessions/"+sess.Code+"/teams", "", []byte(`{"name":"`+team+`"}`), http.StatusCreated, nil); err != nil {
				errs[i] = err
				return
			}
			var v struct{ ID int64 }
			errs[i] = call(client, "POST", base+"/api/sessions/"+sess.Code+"/replays?team="+url.QueryEscape(team), "", bodies[i], http.StatusCreated, &v)
			done[i], lat[i], ids[i] = time.Now(), time.Since(t0), v.ID
		}()
	}
	t0 := time.Now()
	close(startGate)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return f, err
	}
	last := slices.MaxFunc(done, func(a, b time.Time) int { return a.Compare(b) })
	f.wall = last.Sub(t0)

	// The projector's stream shows them all.
	deadline := time.Now().Add(30 * time.Second)
	for {
		evMu.Lock()
		k := len(events)
		top := 0
		if k > 0 {
			top = events[k-1].results
		}
		evMu.Unlock()
		if top >= n {
			break
		}
		if time.Now().After(deadline) {
			return f, fmt.Errorf("the projector's stream shows %d results of %d after 30 s", top, n)
		}
		time.Sleep(20 * time.Millisecond)
	}
	evMu.Lock()
	// For the k-th answer (in time order), the first event after it showing k results.
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return done[a].Compare(done[b]) })
	shows := make([]time.Duration, n)
	for k, i := range order {
		for _, e := range events {
			if e.results >= k+1 && !e.at.Before(done[i]) {
				shows[k] = e.at.Sub(done[i])
				break
			}
		}
		if k == n-1 {
			f.shownAll = shows[k]
		}
	}
	evMu.Unlock()
	slices.Sort(shows)
	f.showP50, f.showP99 = shows[n/2], shows[(n*99+99)/100-1]
	slices.Sort(lat)
	f.p50, f.p99, f.max = lat[n/2], lat[(n*99+99)/100-1], lat[n-1]

	// None lost, none doubled: the state lists each upload once, and a retry is the same row.
	var st struct {
		Results []struct {
			ID   int64
			Team string
		}
	}
	if err := call(client, "GET", base+"/api/sessions/"+sess.Code+"/state", "", nil, http.StatusOK, &st); err != nil {
		return f, err
	}
	stored := map[int64]bool{}
	for _, r := range st.Results {
		stored[r.ID] = true
	}
	if len(st.Results) != n || len(stored) != n {
		return f, fmt.Errorf("%d results stored (%d ids) for %d uploads", len(st.Results), len(stored), n)
	}
	for i, id := range ids {
		if !stored[id] {
			return f, fmt.Errorf("upload %d (id %d) was acknowledged and is not stored", i, id)
		}
	}
	var again struct{ ID int64 }
	if err := call(client, "POST", base+"/api/sessions/"+sess.Code+"/replays?team=team%20000", "", bodies[0], http.StatusOK, &again); err != nil {
		return f, fmt.Errorf("a retry: %w", err)
	}
	if again.ID != ids[0] {
		return f, fmt.Errorf("a retry got id %d, not %d", again.ID, ids[0])
	}
	f.rssKB = peakRSS(cmd.Process.Pid)
	fmt.Fprintf(stdout, "%s: %d uploads verified and stored once in %v\n", backend, n, f.wall.Round(time.Millisecond))
	return f, nil
}

// call sends a request and decodes the answer into v; an answer other than want is an
// error with its body.
func call(c *http.Client, method, u, token string, body []byte, want int, v any) error {
	req, err := http.NewRequest(method, u, bytes.NewReader(body))
	if err != nil {
		return err
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := c.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return err
	}
	if res.StatusCode != want {
		return fmt.Errorf("%s %s: %d (want %d): %s", method, u, res.StatusCode, want, b)
	}
	if v != nil {
		return json.Unmarshal(b, v)
	}
	return nil
}

// peakRSS reads a process's peak resident memory (VmHWM) in KB on Linux, 0 elsewhere.
func peakRSS(pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb
		}
	}
	return 0
}
