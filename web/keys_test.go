package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
	"devopsjuggle/sim/replay"
)

// keysPage starts the game with the command line in the page's query (?args=-dev,bot,...)
// and counts the page's animation frames (window.frames_). Once window.slow_ is set, it
// holds the page's main thread 95 ms in each frame: the game then draws under 10 frames
// a second, as on a weak laptop, ebiten plays one tick a frame, and key events queue up
// between frames as they do there. It keeps the replay the game hands the lecture hall's
// hook (hall_js.go) when a round ends.
const keysPage = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>keys</title>
<style>html, body { margin: 0; height: 100%; background: #0b0f17; overflow: hidden; }</style></head>
<body>
<script src="wasm_exec.js"></script>
<script>
  const q = new URLSearchParams(location.search);
  window.frames_ = 0;
  window.replay_ = null;
  window.jugglehall = { roundEnded(bytes, complete) { window.replay_ = new TextDecoder().decode(bytes); } };
  window.slow_ = false;
  const hog = () => {
    window.frames_++;
    const t = performance.now();
    while (window.slow_ && performance.now() - t < 95) {}
    requestAnimationFrame(hog);
  };
  requestAnimationFrame(hog);
  // tap presses and releases a key in one go, as a quick tap between two frames does.
  // taps sends n taps, in turn one and two at once (a double tap: two presses in one
  // frame), gap ms apart (timers wait for the slow frames), and resolves when done.
  window.tap = (code, key) => {
    const c = document.querySelector("canvas");
    for (const type of ["keydown", "keyup"]) {
      c.dispatchEvent(new KeyboardEvent(type, { code, key, bubbles: true, cancelable: true }));
    }
  };
  window.taps = (code, key, n, gap) => new Promise((done) => {
    let sent = 0, step = 0;
    const next = () => {
      for (let k = 1 + (step++ % 2); k > 0 && sent < n; k--) {
        tap(code, key);
        sent++;
      }
      if (sent === n) return done(sent);
      setTimeout(next, gap);
    };
    next();
  });
  const go = new Go();
  go.argv = ["juggle"].concat((q.get("args") || "").split(",").filter((a) => a));
  WebAssembly.instantiateStreaming(fetch("juggle.wasm"), go.importObject).then((r) => go.run(r.instance));
</script>
</body></html>`

// browserBuild builds the game for the browser into a temporary folder, with Go's
// loader and the test's page beside it.
func browserBuild(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	writeWasm(t, dir)
	loader, err := os.ReadFile(filepath.Join(runtime.GOROOT(), "lib", "wasm", "wasm_exec.js"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "wasm_exec.js"), loader, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "keys.html"), []byte(keysPage), 0o644))
	page, err := os.ReadFile("index.html")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "index.html"), page, 0o644))
	return dir
}

// browser starts headless Chromium, or skips the test without one.
func browser(t *testing.T) (context.Context, context.CancelFunc) {
	t.Helper()
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium is not installed (./scripts/deps.sh browser)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chromium), chromedp.NoSandbox,
		chromedp.DisableGPU, chromedp.WindowSize(960, 540), chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true), chromedp.UserDataDir(t.TempDir()))
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 2*time.Minute)
	return ctx, func() { cancelT(); cancelC(); cancelA() }
}

// press sends a key's down and up at once (chromedp.KeyEvent dispatches them back to
// back), as a quick tap does: both reach the page between two of its frames when frames
// are slow.
func press(key string) chromedp.Action[chromedp.Void] { return chromedp.KeyEvent(key) }

// TestBrowserKeysAtTenFPS: in the browser build, a key binding changed in Settings is
// kept in the browser's storage and still there after a reload; and at under 10 frames
// a second, with each key press a quick tap (down and up between two frames, sometimes
// twice in one), every press reaches the round: its replay holds one input per press.
func TestBrowserKeysAtTenFPS(t *testing.T) {
	if testing.Short() {
		t.Skip("plays the browser build in Chromium")
	}
	ctx, cancel := browser(t)
	defer cancel()
	srv := httptest.NewServer(handler(browserBuild(t)))
	defer srv.Close()

	// The title screen: Settings & keys, catch left (J) rebound to Q.
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/keys.html?args=-mute"),
		chromedp.WaitVisible(chromedp.CSS("canvas")),
		chromedp.Sleep(3*time.Second),
	))
	nav := []chromedp.Action[chromedp.Void]{}
	// A fresh browser is a first-timer's: the title starts on PRACTICE, five buttons
	// before SETTINGS & KEYS (GUIDED FIRST ROUND, START ROUND, WATCH BOTS, HOW TO PLAY).
	for range 5 {
		nav = append(nav, press(kb.ArrowDown), chromedp.Sleep(150*time.Millisecond))
	}
	nav = append(nav, press(kb.Enter), chromedp.Sleep(300*time.Millisecond))
	for range 6 { // volume, smoothing, four dev keys: catch left
		nav = append(nav, press(kb.ArrowDown), chromedp.Sleep(150*time.Millisecond))
	}
	nav = append(nav, press(kb.Enter), chromedp.Sleep(300*time.Millisecond),
		press("q"), chromedp.Sleep(300*time.Millisecond))
	require.NoError(t, chromedp.Do(ctx, nav...))
	stored, err := chromedp.Run(ctx, chromedp.Evaluate[string](`localStorage.getItem("devopsjuggle.settings") || ""`))
	require.NoError(t, err)
	var settings struct{ Keys map[string]string }
	require.NoError(t, json.Unmarshal([]byte(stored), &settings), "the settings in localStorage: %q", stored)
	require.Equal(t, "Q", settings.Keys["catch-left"], "catch left rebound to Q and stored")

	// Reloaded: a round with ops played by keys. Get ready (180 ticks) runs at the page's
	// own pace: 240 frames are at least 240 ticks (ebiten plays a tick or more a frame at
	// 60 frames a second or fewer). Then, at under 10 frames a second, Q pressed 30 times
	// in quick taps, single and double (two in one frame), 70 ms apart, and the round
	// ended from the pause menu, which hands its replay to the page.
	const presses = 30
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/keys.html?args=-mute,-preset,silo,-seed,3,-months,1,-dev,bot,-ops,human"),
		chromedp.WaitVisible(chromedp.CSS("canvas")),
	))
	frames := func() int {
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`window.frames_`))
		require.NoError(t, err)
		return n
	}
	for f := frames(); frames()-f < 240; {
		time.Sleep(250 * time.Millisecond)
	}
	_, err = chromedp.Run(ctx, chromedp.Evaluate[bool](`window.slow_ = true`))
	require.NoError(t, err)
	time.Sleep(500 * time.Millisecond)
	f0, start := frames(), time.Now()
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](fmt.Sprintf(`taps("KeyQ", "q", %d, 70)`, presses),
		chromedp.EvalAwaitPromise))
	require.NoError(t, err)
	require.Equal(t, presses, n)
	fps := float64(frames()-f0) / time.Since(start).Seconds()
	t.Logf("%d presses in %v at %.1f frames a second", presses, time.Since(start).Round(time.Millisecond), fps)
	assert.Less(t, fps, 12.0, "the page was held to about 10 frames a second")

	// Esc, four rows down the pause menu (Resume, Restart, How to play, Settings) to End
	// round, Enter: taps too, a frame or more apart, once every Q has had its tick. The
	// presses queue (one press of a key a tick, and a tick a frame at this pace), so
	// that takes up to a frame a press; a press in the tick that pauses is not played.
	for f := frames(); frames()-f < presses; {
		time.Sleep(250 * time.Millisecond)
	}
	for _, k := range []string{"Escape", "ArrowDown", "ArrowDown", "ArrowDown", "ArrowDown", "Enter"} {
		_, err := chromedp.Run(ctx, chromedp.Evaluate[any](fmt.Sprintf(`tap(%q, %q)`, k, k)))
		require.NoError(t, err)
		time.Sleep(400 * time.Millisecond)
	}
	var text string
	for deadline := time.Now().Add(30 * time.Second); text == "" && time.Now().Before(deadline); {
		time.Sleep(500 * time.Millisecond)
		text, err = chromedp.Run(ctx, chromedp.Evaluate[string](`window.replay_ || ""`))
		require.NoError(t, err)
	}
	require.NotEmpty(t, text, "the round ended and handed its replay to the page")
	r, err := replay.Decode(strings.NewReader(text))
	require.NoError(t, err)
	var caught []sim.Tick
	for _, in := range r.Inputs {
		if in.Role == sim.Ops && in.Action == sim.ActCatchLeft {
			caught = append(caught, in.Tick)
		}
	}
	assert.Len(t, caught, presses, "every press of Q (catch left, rebound) became an input of the round, at ticks %v", caught)
}

// TestHelpBarUnderGame: on the game's page, the help bar is under the game, not over its
// bottom (where the status line is), also in a small window where the bar wraps to
// three lines; hiding the bar gives the game the whole window.
func TestHelpBarUnderGame(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the browser build in Chromium")
	}
	ctx, cancel := browser(t)
	defer cancel()
	srv := httptest.NewServer(handler(browserBuild(t)))
	defer srv.Close()

	const rects = `(() => {
		const c = document.querySelector("canvas").getBoundingClientRect();
		const h = document.getElementById("help");
		return [c.top, c.bottom, h.style.display === "none" ? innerHeight : h.getBoundingClientRect().top, innerHeight];
	})()`
	for _, size := range [][2]int64{{800, 450}, {1280, 720}} {
		require.NoError(t, chromedp.Do(ctx,
			chromedp.EmulateViewport(size[0], size[1]),
			chromedp.Navigate(srv.URL+"/"),
			chromedp.WaitVisible(chromedp.CSS("canvas")),
			chromedp.Sleep(time.Second),
		))
		r, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](rects))
		require.NoError(t, err)
		t.Logf("%dx%d: the game from %.0f to %.0f px, the bar from %.0f px", size[0], size[1], r[0], r[1], r[2])
		// (within a pixel: the bar's height can be fractional, the canvas's is whole)
		assert.LessOrEqual(t, r[1], r[2]+1, "%dx%d: the game ends above the help bar", size[0], size[1])
		assert.Greater(t, r[1]-r[0], 0.7*float64(size[1]), "%dx%d: the game keeps most of the window", size[0], size[1])
	}
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#hide")), chromedp.Sleep(500*time.Millisecond)))
	r, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](rects))
	require.NoError(t, err)
	assert.Equal(t, r[3], r[1], "with the bar hidden, the game reaches the window's bottom")
}
