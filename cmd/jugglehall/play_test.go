package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/cmd/jugglehall/internal/hall"
	"devopsjuggle/cmd/jugglehall/internal/hall/halltest"
	"devopsjuggle/cmd/jugglehall/internal/hall/store"
	"devopsjuggle/cmd/jugglehall/internal/hall/verify"
	hallweb "devopsjuggle/web/hall"
)

// browser starts headless Chromium for a test (skipped without it, unless
// HALL_REQUIRE_BROWSER=1) and returns its context.
func browser(t *testing.T, width, height int, flags ...string) context.Context {
	t.Helper()
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("HALL_REQUIRE_BROWSER") == "1" {
			t.Fatal("chromium is not installed (./scripts/deps.sh browser)")
		}
		t.Skip("chromium is not installed (./scripts/deps.sh browser)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chromium), chromedp.NoSandbox,
		chromedp.DisableGPU, chromedp.WindowSize(width, height), chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true))
	for _, f := range flags {
		opts = append(opts, chromedp.Flag(f, true))
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	ctx, cancel = context.WithTimeout(ctx, 5*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// classHall starts a hall on a fresh SQLite file with the game's build in game (nil for
// none) and creates a session; it returns the hall's address, the code and the token.
func classHall(t *testing.T, opts hall.Options) (string, string, string) {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "hall.db"))
	require.NoError(t, err)
	opts.Pages = hallweb.Pages
	srv := hall.New(st, opts)
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(func() { srv.Close(); ts.Close(); st.Close() })
	res, err := http.Post(ts.URL+"/api/sessions", "", nil)
	require.NoError(t, err)
	defer res.Body.Close()
	var sess struct{ Code, Instructor_token string }
	require.NoError(t, json.NewDecoder(res.Body).Decode(&sess))
	return ts.URL, sess.Code, sess.Instructor_token
}

// setRound sets the session's round (a new seed each time: a new round).
func setRound(t *testing.T, base, code, tok, round string) {
	t.Helper()
	req, _ := http.NewRequest("PUT", base+"/api/sessions/"+code+"/round", strings.NewReader(round))
	req.Header.Set("Authorization", "Bearer "+tok)
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode, round)
}

// TestBrowserSeats: before a round starts, the game page says plainly who plays what in
// this browser, whatever the instructor seated and whoever the team said is at the
// keyboard, and lists the keys of the roles the team plays, and only those the round
// uses (no approve/reject without silo's change-request gate).
func TestBrowserSeats(t *testing.T) {
	base, code, tok := classHall(t, hall.Options{})
	ctx := browser(t, 1280, 800)
	seed := 0
	look := func(preset, dev, ops, seats string) (who, note, keys string) {
		t.Helper()
		seed++
		setRound(t, base, code, tok, fmt.Sprintf(`{"preset":%q,"seed":%d,"months":1,"dev":%q,"ops":%q}`, preset, seed, dev, ops))
		require.NoError(t, chromedp.Do(ctx,
			chromedp.Navigate(fmt.Sprintf("%s/play?code=%s&team=Solo&seats=%s", base, code, seats))))
		require.NoError(t, chromedp.Do(ctx,
			chromedp.Poll[chromedp.Void](fmt.Sprintf(`(() => { const h = document.querySelector("#panel h2"); return h !== null && h.textContent.startsWith("Round %d:"); })()`, seed))))
		texts, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`["#seats", "#note", "#yourKeys"].map((s) => (document.querySelector(s) || {}).textContent || "")`))
		require.NoError(t, err)
		return strings.Join(strings.Fields(texts[0]), " "), strings.Join(strings.Fields(texts[1]), " "), strings.Join(strings.Fields(texts[2]), " ")
	}
	for _, c := range []struct {
		dev, ops, seats          string
		who, note, keys, notKeys string
	}{
		{"human", "human", "both", "Dev: one of you · Ops: one of you", "", "Dev: D release, S test · Ops: J/L catch", ""},
		{"human", "human", "dev", "Dev: you · Ops: the preset's bot", "", "Dev: D release", "Ops:"},
		{"human", "human", "ops", "Dev: the preset's bot · Ops: you", "", "Ops: J/L catch", "Dev:"},
		// The instructor's walk-through: ops seated with a bot, a team of one chose ops.
		{"human", "bot:learner", "ops", "Dev: you · Ops: bot learner (seated by the instructor)",
			"You play dev, not ops: the instructor seated bot learner as ops this round.", "Dev: D release", "Ops:"},
		{"human", "bot:learner", "dev", "Dev: you · Ops: bot learner (seated by the instructor)", "", "Dev: D release", "Ops:"},
		{"human", "bot:learner", "both", "Dev: you · Ops: bot learner (seated by the instructor)",
			"One seat this round: the instructor seated bot learner as ops, so one of you plays dev and the other watches", "Dev: D release", "Ops:"},
		{"bot", "human", "dev", "Dev: the preset's bot (seated by the instructor) · Ops: you",
			"You play ops, not dev: the instructor seated the preset's bot as dev this round.", "Ops: J/L catch", "Dev:"},
		{"bot", "bot:cowboy", "both", "Dev: the preset's bot (seated by the instructor) · Ops: bot cowboy (seated by the instructor)",
			"bots in both roles: this round plays itself", "bots play both roles", "Dev:"},
	} {
		who, note, keys := look("silo", c.dev, c.ops, c.seats)
		name := fmt.Sprintf("round dev=%s ops=%s, seats=%s", c.dev, c.ops, c.seats)
		assert.Equal(t, c.who, who, name)
		if c.note == "" {
			assert.Empty(t, note, name)
		} else {
			assert.Contains(t, note, c.note, name)
		}
		assert.Contains(t, keys, c.keys, name)
		if c.notKeys != "" {
			assert.NotContains(t, keys, c.notKeys, name)
		}
	}
	// The keys follow the round's practices: approve/reject only at silo's gate, swap only
	// with blue/green releases.
	for preset, want := range map[string][2][]string{
		"silo":      {{"Y/N approve/reject", "Enter acknowledge"}, {"K swap"}},
		"devops":    {{"J/L catch", "I pick up"}, {"approve", "K swap"}},
		"sre":       {{"J/L catch"}, {"approve", "K swap"}},
		"bluegreen": {{"K swap", "Y/N approve/reject"}, nil},
	} {
		_, _, keys := look(preset, "human", "human", "both")
		for _, w := range want[0] {
			assert.Contains(t, keys, w, preset)
		}
		for _, w := range want[1] {
			assert.NotContains(t, keys, w, preset)
		}
	}
}

// TestBrowserNoWebGL: a browser that cannot draw the game (no WebGL2: hardware
// acceleration off) gets a message saying so and what to do, not a black page; and when
// the game itself stops with an error, the page says what it printed.
func TestBrowserNoWebGL(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the browser game")
	}
	ctx := browser(t, 1024, 700)
	dir := t.TempDir()
	buildGame(t, dir)
	base, code, tok := classHall(t, hall.Options{Game: os.DirFS(dir)})
	setRound(t, base, code, tok, `{"preset":"devops","seed":7,"months":1,"dev":"human","ops":"human"}`)
	play := fmt.Sprintf("%s/play?code=%s&team=Grey&seats=both", base, code)
	shots := shots(t)

	// No WebGL2 at all: the page says so before the round starts, with no Start button.
	noGL := `HTMLCanvasElement.prototype.getContext = ((get) => function (kind, attrs) {
		return kind === "webgl2" && %s ? null : get.call(this, kind, attrs); })(HTMLCanvasElement.prototype.getContext);`
	addScript := func(src string) page.ScriptIdentifier {
		res, err := chromedp.Run(ctx, func(ctx context.Context, tg *chromedp.Target) (page.AddScriptToEvaluateOnNewDocumentResult, error) {
			return cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: src})
		})
		require.NoError(t, err)
		return res.Identifier
	}
	script := addScript(fmt.Sprintf(noGL, "true"))
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(play), chromedp.WaitVisible("#panel h2")))
	text, err := chromedp.Run(ctx, chromedp.Text("#panel"))
	require.NoError(t, err)
	start, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("start") !== null`))
	require.NoError(t, err)
	shot(t, ctx, filepath.Join(shots, "hall-nowebgl.png"))
	assert.Contains(t, text, "cannot draw the game: it has no WebGL2")
	assert.Contains(t, text, "hardware acceleration")
	assert.Contains(t, text, "another browser")
	assert.False(t, start, "no Start button that would open a black page")

	// The page's own check passes but the game's canvas gets no context (the page's
	// check is a detached canvas, the game's is in the page): the game exits with an
	// error, and the page shows it instead of a black canvas.
	require.NoError(t, chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.RemoveScriptToEvaluateOnNewDocument, page.RemoveScriptToEvaluateOnNewDocumentParams{Identifier: script})
		return err
	})))
	addScript(fmt.Sprintf(noGL, "this.isConnected"))
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(play), chromedp.WaitVisible("#start"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("start").click()`),
		chromedp.Poll[chromedp.Void](`document.getElementById("retry") !== null`, chromedp.WithPollingTimeout(3*time.Minute))))
	text, err = chromedp.Run(ctx, chromedp.Text("#panel"))
	require.NoError(t, err)
	shot(t, ctx, filepath.Join(shots, "hall-gamefailed.png"))
	assert.Contains(t, text, "The game could not start")
	assert.Contains(t, text, "getContext for webgl2 failed", "what the game printed")
	assert.Contains(t, text, "hardware acceleration")
	playing, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.body.classList.contains("playing")`))
	require.NoError(t, err)
	assert.False(t, playing, "the page is back, not the game's black canvas")
	look, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[getComputedStyle(document.body).backgroundColor, String(document.querySelectorAll("canvas").length)]`))
	require.NoError(t, err)
	assert.Equal(t, []string{"rgb(255, 255, 255)", "0"}, look, "the page's own white, with no canvas left over (%s)", shots)
}

// shot saves a screenshot of the page.
func shot(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	b, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, b, 0o644))
}

// TestBrowserProjectorSizes: the projector reads from the back row at the sizes lecture
// halls project (1024x768, 1280x720, 1920x1080): its text grows with the screen, the
// address and code are the largest text, nothing runs off the right edge (the league's
// last column, the means' ops pay), and the league starts above the fold. A session of
// four presets, 5 rounds of silo (an interval) and 3 of the others (ranges).
func TestBrowserProjectorSizes(t *testing.T) {
	base, code, tok := classHall(t, hall.Options{})
	teams := 0
	for _, c := range []struct {
		preset string
		n      int
	}{{"silo", 5}, {"devops", 3}, {"sre", 3}, {"bluegreen", 3}} {
		r := verify.Round{Preset: c.preset, Seed: 7, Months: 1, Difficulty: "normal"}
		body, _ := json.Marshal(r)
		setRound(t, base, code, tok, string(body))
		for v := range c.n {
			teams++
			res, err := http.Post(fmt.Sprintf("%s/api/sessions/%s/replays?team=Team%d", base, code, teams), "",
				bytes.NewReader(halltest.MustRecord(r, v*37+1)))
			require.NoError(t, err)
			res.Body.Close()
			require.Equal(t, http.StatusCreated, res.StatusCode)
		}
	}
	ctx := browser(t, 1920, 1080)
	shots := shots(t)
	var body []float64
	for _, size := range [][2]int64{{1024, 768}, {1280, 720}, {1920, 1080}} {
		require.NoError(t, chromedp.Do(ctx, chromedp.EmulateViewport(size[0], size[1]),
			chromedp.Navigate(base+"/projector/"+code), chromedp.WaitVisible(`body[data-results="14"]`),
			chromedp.Sleep(300*time.Millisecond)))
		shot(t, ctx, filepath.Join(shots, fmt.Sprintf("hall-projector-%dx%d.png", size[0], size[1])))
		m, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]float64](`(() => {
			const px = (el) => parseFloat(getComputedStyle(el).fontSize);
			const right = (sel) => Math.max(...[...document.querySelectorAll(sel)].map((e) => e.getBoundingClientRect().right));
			return { body: px(document.body), code: px(document.getElementById("code")), addr: px(document.getElementById("addr")),
				width: document.documentElement.scrollWidth, league: document.getElementById("league").getBoundingClientRect().top,
				leagueRight: right("#league td, #league th"), meansRight: right("#means td, #means th"),
				join: document.querySelector("header .join").getBoundingClientRect().height,
				lineGap: Math.abs(document.getElementById("code").getBoundingClientRect().bottom - document.getElementById("addr").getBoundingClientRect().bottom) };
		})()`))
		require.NoError(t, err)
		name := fmt.Sprintf("%dx%d (%s)", size[0], size[1], shots)
		t.Logf("%s: %v", name, m)
		body = append(body, m["body"])
		assert.GreaterOrEqual(t, m["body"], 14.0, "%s: the body's text", name)
		assert.GreaterOrEqual(t, m["code"], 0.05*float64(size[1]), "%s: the code is large", name)
		assert.Equal(t, m["code"], m["addr"], "%s: the address as large as the code", name)
		assert.Less(t, m["lineGap"], 0.2*m["code"], "%s: address and code on one line", name)
		assert.Less(t, m["join"], 1.6*m["code"], "%s: the join line is one line", name)
		assert.LessOrEqual(t, m["width"], float64(size[0]), "%s: nothing runs off the right edge", name)
		assert.LessOrEqual(t, m["leagueRight"], float64(size[0]), "%s: the league's last column is on screen", name)
		assert.LessOrEqual(t, m["meansRight"], float64(size[0]), "%s: the means' ops pay is on screen", name)
		assert.Less(t, m["league"], 0.8*float64(size[1]), "%s: the league starts above the fold", name)
	}
	assert.Greater(t, body[2], 1.4*body[1], "the text grows with the screen: 1920x1080 against 1280x720")
}
