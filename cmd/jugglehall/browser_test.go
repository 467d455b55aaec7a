package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/cmd/jugglehall/internal/hall"
	"devopsjuggle/cmd/jugglehall/internal/hall/store"
	"devopsjuggle/sim"
	"devopsjuggle/sim/replay"
	hallweb "devopsjuggle/web/hall"
)

// buildGame builds the browser game into dir, as make web-build does.
func buildGame(t *testing.T, dir string) {
	t.Helper()
	gobin := filepath.Join(runtime.GOROOT(), "bin", "go")
	build := exec.Command(gobin, "build", "-o", filepath.Join(dir, "juggle.wasm"), "../juggle")
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "%s", out)
	b, err := os.ReadFile(filepath.Join(runtime.GOROOT(), "lib", "wasm", "wasm_exec.js"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "wasm_exec.js"), b, 0o644))
}

// shots is where the test leaves its screenshots: $HALL_SHOTS, or the test's folder.
func shots(t *testing.T) string {
	if d := os.Getenv("HALL_SHOTS"); d != "" {
		require.NoError(t, os.MkdirAll(d, 0o755))
		return d
	}
	return t.TempDir()
}

func decodePNG(t *testing.T, b []byte, path string) image.Image {
	t.Helper()
	require.NoError(t, os.WriteFile(path, b, 0o644))
	img, err := png.Decode(bytes.NewReader(b))
	require.NoError(t, err)
	return img
}

// countNear counts the pixels of img in r within tol of the colour c (per channel).
func countNear(img image.Image, r image.Rectangle, c [3]uint8, tol int) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			pr, pg, pb, _ := img.At(x, y).RGBA()
			d := func(a uint32, b uint8) int { return abs(int(a>>8) - int(b)) }
			if d(pr, c[0]) <= tol && d(pg, c[1]) <= tol && d(pb, c[2]) <= tol {
				n++
			}
		}
	}
	return n
}

// countDark counts the pixels of img in r darker than the page's own white.
func countDark(img image.Image, r image.Rectangle) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			pr, pg, pb, _ := img.At(x, y).RGBA()
			if (pr>>8)+(pg>>8)+(pb>>8) < 3*70 {
				n++
			}
		}
	}
	return n
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// TestBrowserClass plays the whole path in headless Chromium: a team joins with the
// session's code on the students' page, the browser game draws the instructor's round
// (ops played with keys, dev by a bot), the finished round's replay is uploaded (the
// first attempt fails, as on a flaky network: the page keeps it and sends it again), and
// the projector shows the team, its dot drawn in the cloud in the preset's colour.
func TestBrowserClass(t *testing.T) {
	if testing.Short() {
		t.Skip("plays a 30-second round in a browser")
	}
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("HALL_REQUIRE_BROWSER") == "1" {
			t.Fatal("chromium is not installed (./scripts/deps.sh browser)")
		}
		t.Skip("chromium is not installed (./scripts/deps.sh browser)")
	}
	dir := t.TempDir()
	buildGame(t, dir)
	st, err := store.Open(context.Background(), filepath.Join(dir, "hall.db"))
	require.NoError(t, err)
	defer st.Close()
	srv := hall.New(st, hall.Options{Pages: hallweb.Pages, Game: os.DirFS(dir)})
	defer srv.Close()
	// The first upload fails as if the network dropped it.
	var uploads, failed atomic.Int32
	h := srv.Handler()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == "POST" && strings.HasSuffix(r.URL.Path, "/replays") {
			if uploads.Add(1) == 1 {
				failed.Add(1)
				http.Error(w, "the network dropped it", http.StatusServiceUnavailable)
				return
			}
		}
		h.ServeHTTP(w, r)
	}))
	defer ts.Close()

	// The instructor's session and round.
	res, err := http.Post(ts.URL+"/api/sessions", "", nil)
	require.NoError(t, err)
	var sess struct{ Code, Instructor_token string }
	require.NoError(t, json.NewDecoder(res.Body).Decode(&sess))
	res.Body.Close()
	req, _ := http.NewRequest("PUT", ts.URL+"/api/sessions/"+sess.Code+"/round",
		strings.NewReader(`{"preset":"silo","seed":7,"months":1,"difficulty":"easy","dev":"bot","ops":"human"}`))
	req.Header.Set("Authorization", "Bearer "+sess.Instructor_token)
	res, err = http.DefaultClient.Do(req)
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode)

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chromium), chromedp.NoSandbox,
		chromedp.DisableGPU, chromedp.WindowSize(1280, 800), chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("autoplay-policy", "no-user-gesture-required"))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 12*time.Minute)
	defer cancel()
	out := shots(t)
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }

	// A student joins with the code, typed in lower case.
	start := time.Now()
	// A small screen: a loaded machine's software renderer then keeps up (a slow frame
	// slows the game's clock down: ebiten plays one tick a frame when frames are slow).
	require.NoError(t, chromedp.Do(ctx,
		chromedp.EmulateViewport(960, 540),
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible(css("#code")),
		chromedp.SendKeys(css("#code"), strings.ToLower(sess.Code)),
		chromedp.SendKeys(css("#team"), "Back row"),
		chromedp.Click(css("#go")),
		chromedp.WaitVisible(css("#start")),
	))
	ready, err := chromedp.Run(ctx, chromedp.Text(css("#panel")))
	require.NoError(t, err)
	assert.Contains(t, ready, "Round 1: silo, seed 7, 1 month, easy")
	// Clicked and waited for by script, not by DOM node: the page draws its panel again
	// as the hall's events come, and a node the browser had named may be gone by the time
	// it is clicked ("Could not find node with given id", once on a fresh machine).
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Evaluate[chromedp.Void](`document.getElementById("start").click()`),
		chromedp.Poll[chromedp.Void](`(c => c !== null && c.offsetWidth > 0)(document.querySelector("canvas"))`)))

	// The game draws the round: after the countdown, the juggler's balls fly; ops catches.
	require.NoError(t, chromedp.Do(ctx, chromedp.Sleep(6*time.Second)))
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	require.NoError(t, err)
	game := decodePNG(t, shot, filepath.Join(out, "hall-game.png"))
	b := game.Bounds()
	dark := countDark(game, b)
	lit := countNear(game, image.Rect(b.Dx()/2, 0, b.Dx(), b.Dy()*4/5), [3]uint8{0xf2, 0xf2, 0xf2}, 40)
	t.Logf("game frame %v: %d dark pixels, %d light pixels on the production side", b, dark, lit)
	assert.Greater(t, dark, b.Dx()*b.Dy()/2, "the game's dark screen fills the page (%s)", out)
	assert.Greater(t, lit, b.Dx()*b.Dy()/400, "the game draws text and shapes on the production side (%s)", out)
	for i := range 24 {
		require.NoError(t, chromedp.Do(ctx, chromedp.KeyEvent("jl"[i%2:i%2+1]), chromedp.Sleep(700*time.Millisecond)))
	}

	// The round ends (30 s of play); the page uploads, fails once, and sends it again.
	var state string
	deadline := time.Now().Add(10 * time.Minute)
	for time.Now().Before(deadline) {
		a, err := chromedp.Run(ctx, chromedp.AttributeValue(css("#upload"), "data-state"))
		require.NoError(t, err)
		state = a.Value
		if state == "uploaded" || state == "refused" || state == "stopped" {
			break
		}
		time.Sleep(time.Second)
	}
	msg, err := chromedp.Run(ctx, chromedp.Text(css("#upload")))
	require.NoError(t, err)
	shot, err = chromedp.Run(ctx, chromedp.CaptureScreenshot())
	require.NoError(t, err)
	decodePNG(t, shot, filepath.Join(out, "hall-debrief.png"))
	require.Equal(t, "uploaded", state, "the upload: %s (screenshots in %s)", msg, out)
	assert.Contains(t, msg, "Verified")
	assert.Equal(t, int32(1), failed.Load(), "the first attempt failed")
	assert.GreaterOrEqual(t, uploads.Load(), int32(2), "and the page sent it again")
	t.Logf("joined, played and uploaded in %v", time.Since(start))

	// The projector shows the team.
	pctx, cancel := chromedp.NewContext(ctx)
	defer cancel()
	require.NoError(t, chromedp.Do(pctx,
		chromedp.EmulateViewport(1920, 1080),
		chromedp.Navigate(ts.URL+"/projector/"+sess.Code),
		chromedp.WaitVisible(css(`body[data-results="1"]`)),
		chromedp.Sleep(300*time.Millisecond),
	))
	shot, err = chromedp.Run(pctx, chromedp.CaptureScreenshot())
	require.NoError(t, err)
	proj := decodePNG(t, shot, filepath.Join(out, "hall-projector.png"))
	league, err := chromedp.Run(pctx, chromedp.Text(css("#leagueTable")))
	require.NoError(t, err)
	assert.Contains(t, league, "Back row")
	assert.Contains(t, league, "people", "ops was played by a person")
	// The cloud has the team's dot (and the class mean) in silo's blue.
	rect, err := chromedp.Run(pctx, chromedp.Evaluate[[]float64](`(() => { const r = document.getElementById("cloud").getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })()`))
	require.NoError(t, err)
	cloud := image.Rect(int(rect[0]), int(rect[1]), int(rect[2]), int(rect[3]))
	blue := countNear(proj, cloud, [3]uint8{0x00, 0x72, 0xB2}, 50)
	t.Logf("projector: %d pixels of silo's blue in the cloud %v", blue, cloud)
	assert.Greater(t, blue, 150, "the team's dot is drawn in silo's colour (%s)", out)

	// Clicking the team's row opens its post-mortem, with its replay to download.
	require.NoError(t, chromedp.Do(pctx, chromedp.Evaluate[chromedp.Void](`document.querySelector("tr.result").click()`), chromedp.WaitVisible(css("#pm h2"))))
	pm, err := chromedp.Run(pctx, chromedp.Text(css("#pm")))
	require.NoError(t, err)
	assert.Contains(t, pm, "Post-mortem: silo, seed 7")
	assert.Contains(t, pm, "Back row")
	href, err := chromedp.Run(pctx, chromedp.AttributeValue(css("#pm a[download]"), "href"))
	require.NoError(t, err)
	res, err = http.Get(ts.URL + href.Value)
	require.NoError(t, err)
	rp, err := replay.Decode(res.Body)
	res.Body.Close()
	require.NoError(t, err, "the replay downloads")
	assert.Equal(t, "human", rp.Header.Players["ops"], "the replay says a person played ops")
	opsInputs := 0
	for _, in := range rp.Inputs {
		if in.Role == sim.Ops {
			opsInputs++
		}
	}
	assert.Positive(t, opsInputs, "the ops keys the test pressed are in it")

	// On a 1280x720 projector, the join line (address and code) and the means' headings
	// each keep to one line.
	require.NoError(t, chromedp.Do(pctx,
		chromedp.Evaluate[chromedp.Void](`document.querySelector("#pm .close")?.click()`),
		chromedp.EmulateViewport(1280, 720),
		chromedp.Sleep(300*time.Millisecond),
	))
	shot, err = chromedp.Run(pctx, chromedp.CaptureScreenshot())
	require.NoError(t, err)
	decodePNG(t, shot, filepath.Join(out, "hall-projector-720.png"))
	lines, err := chromedp.Run(pctx, chromedp.Evaluate[map[string]float64](`(() => {
		const h = (el) => el.getBoundingClientRect().height;
		const join = document.querySelector("header .join");
		const th = [...document.querySelectorAll("#means th")];
		return { join: h(join), code: h(document.getElementById("code")),
			th: Math.max(...th.map(h)), td: h(document.querySelector("#means td")) };
	})()`))
	require.NoError(t, err)
	assert.Less(t, lines["join"], 1.6*lines["code"], "the join line keeps its code on the same line at 1280x720 (%v; %s)", lines, out)
	assert.Less(t, lines["th"], 1.6*lines["td"], "the means' headings keep to one line at 1280x720 (%v; %s)", lines, out)
	fmt.Fprintf(os.Stderr, "screenshots: %s\n", out)
}
