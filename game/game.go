// Package game is the Dev vs Ops game (docs/game.md): scenes, input mapping,
// rendering, audio and settings, on ebiten. It holds no rule of the exercise: it draws
// what sim.View and the world's events say, and turns keys, clicks and taps into
// sim.Inputs. Every rule lives in package sim.
package game

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"devopsjuggle/assets"
	"devopsjuggle/sim"
)

// Options are the command line's choices (cmd/juggle) or a test's.
type Options struct {
	// Setup is the first round's setup; with SetupGiven it overrides the saved one.
	Setup      Setup
	SetupGiven bool
	// Start skips the title screen and starts the round at once (-autoplay, or roles given).
	Start bool
	// Attract plays that first round with bots in both roles (-autoplay): Setup keeps the
	// roles the title screen shows afterwards.
	Attract bool
	// Replay is a replay file to play back on screen.
	Replay string
	// Record is where the first round's replay goes ("" for the data folder).
	Record string
	// QuitAfterTicks ends the game after that many updates (1/60 s each); 0 never.
	QuitAfterTicks int64
	// Screenshot saves the last frame as a PNG before quitting.
	Screenshot string
	// Mute runs without opening the sound device.
	Mute bool
	// SettingsPath is the settings file; "" keeps settings in memory.
	SettingsPath string
	// DataDir is where replays are saved; "" saves none (unless Record is set).
	DataDir string
	// FixedStep draws each frame at the tick just played, with no sub-tick interpolation
	// from the wall clock: frames then depend only on the updates (tests, screenshots).
	FixedStep bool
	// Devices replaces the keyboard, mouse and touch screen (tests).
	Devices Devices
	// Log receives notices (also shown on screen); nil for stderr.
	Log io.Writer
	// Hall is the lecture hall's round when the game plays one (hall mode, hall.go): -hall,
	// or the hall's page (hall_js.go) with Setup.
	Hall *Hall
	// Stats logs the update and frame rates, the time Update takes and the heap every
	// 10 s (performance figures in docs/game.md).
	Stats bool
}

// Scene is one screen of the game. Update reads g's input and changes the scene's state
// (or switches scenes); Draw only draws that state.
type Scene interface {
	Update(g *Game) error
	Draw(g *Game, r *Renderer)
}

// Game is the ebiten.Game: the current scene, and what all scenes share.
type Game struct {
	opts     Options
	store    SettingsStore
	Settings Settings
	Bindings Bindings
	Audio    *Audio
	r        *Renderer
	devices  Devices
	Gestures Gestures
	scene    Scene
	// Session lists the rounds finished since the game started, for the session view.
	Session []RoundRecord
	// hall is the lecture hall's round in hall mode, nil otherwise.
	hall *Hall

	ticks      int64
	scale      float64
	lastUpdate time.Time
	// notices wait their turn in the status line, the first one shown.
	notices  [4]notice
	noticesN int
	quitting bool
	shotDone bool
	// recordTaken is set once a round was given -record's file (takeRecord).
	recordTaken bool
	err         error
	// controls is reused by the round scene each tick.
	controls []Control
	stats    perfStats
}

// perfStats accumulates what -stats reports.
type perfStats struct {
	updateNs, maxUpdateNs int64
	updates               int64
	mallocs               uint64
}

// notice is a one-line message in the status line, shown for left more ticks. Key
// groups notices that supersede each other (each volume change replaces the last).
type notice struct {
	key, s string
	left   int
}

// RoundRecord is a finished (or ended) round, for the debrief and the session view.
type RoundRecord struct {
	Setup      Setup
	Config     sim.Config
	Result     sim.Result
	Statements []sim.MonthStatement
	PostMortem string
	Incidents  []sim.Incident
	Complete   bool
	ReplayPath string
	Playback   bool
	// NotForHall marks a round played in hall mode that is not the hall's round: it was
	// not sent, and does not count.
	NotForHall bool
}

// New makes the game: settings, fonts, sound, and the first scene.
func New(opts Options) (*Game, error) {
	g := &Game{opts: opts, store: SettingsStore{Path: opts.SettingsPath}, devices: opts.Devices, scale: 1, hall: opts.Hall}
	if g.hall == nil && hallPage {
		g.hall = &Hall{Round: opts.Setup}
	}
	if g.devices == nil {
		g.devices = &ebitenDevices{}
	}
	var n string
	g.Settings, n = g.store.Load()
	if n != "" {
		g.Notify(n)
	}
	g.Bindings = g.Settings.Bindings()
	var err error
	if g.r, err = NewRenderer(); err != nil {
		return nil, err
	}
	g.Audio = NewAudio(!opts.Mute)
	if g.Audio.Notice != "" {
		g.Notify(g.Audio.Notice)
	}
	g.Audio.SetVolume(float64(g.Settings.VolumePercent)/100, g.Settings.Muted)
	g.r.AA = g.Settings.Smooth != "off"

	switch {
	case opts.Replay != "":
		s, err := newReplayScene(g, opts.Replay)
		if err != nil {
			return nil, err
		}
		g.scene = s
	case opts.Start:
		setup := opts.Setup
		if opts.Attract {
			setup.Players = attractPlayers(setup.Players)
		}
		s, err := newRoundScene(g, setup, "")
		if err != nil {
			return nil, err
		}
		s.record = g.takeRecord()
		g.scene = s
	default:
		g.scene = newTitleScene(g)
	}
	return g, nil
}

// Run opens the window and plays until the player quits. It must be called from the
// main goroutine, once per process.
func Run(opts Options) error {
	g, err := New(opts)
	if err != nil {
		return err
	}
	ebiten.SetWindowTitle("Dev vs Ops: the juggling game")
	w, h := ScreenW, ScreenH
	if m := ebiten.Monitor(); m != nil && opts.Screenshot == "" {
		w, h = windowSize(m.Size())
	}
	ebiten.SetWindowSize(w, h)
	ebiten.SetWindowResizingMode(ebiten.WindowResizingModeEnabled)
	ebiten.SetTPS(sim.TicksPerSecond)
	ebiten.SetWindowClosingHandled(true) // to save the round's replay first
	if g.Settings.Fullscreen && opts.Screenshot == "" {
		ebiten.SetFullscreen(true)
	}
	err = ebiten.RunGame(g)
	if g.err != nil {
		return g.err
	}
	return err
}

// windowSize is the window a monitor of mw x mh (device-independent pixels) opens with:
// the largest 16:9 window within 90 % of it each way, so that the whole picture shows,
// with room for the title bar and a task bar; the logical 1280x720 when the monitor's
// size is unknown.
func windowSize(mw, mh int) (w, h int) {
	if mw <= 0 || mh <= 0 {
		return ScreenW, ScreenH
	}
	w, h = mw*9/10, mh*9/10
	if w*ScreenH > h*ScreenW {
		w = h * ScreenW / ScreenH
	} else {
		h = w * ScreenH / ScreenW
	}
	return w, h
}

// Version names the build, for replays.
func Version() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "devel"
}

// Notify shows a one-line notice in the status line for a few seconds, and logs it.
func (g *Game) Notify(s string) { g.notify(s, s) }

// noticeTicks is how long a notice stays: 5 s; noticeMakesWayTicks how long it stays
// at most once another waits.
const (
	noticeTicks         = 5 * sim.TicksPerSecond
	noticeMakesWayTicks = 3 * sim.TicksPerSecond / 2
)

// notify logs s and queues it for the status line, replacing a waiting notice of the
// same key (a repeat, or a newer volume); with the queue full, the oldest goes.
func (g *Game) notify(key, s string) {
	w := g.opts.Log
	if w == nil {
		w = os.Stderr
	}
	fmt.Fprintln(w, "juggle:", s)
	n := notice{key, s, noticeTicks}
	for i := range g.noticesN {
		if g.notices[i].key == key {
			g.notices[i] = n
			return
		}
	}
	if g.noticesN > 0 {
		// The notice shown makes way soon: what was just done (a volume key) is answered.
		g.notices[0].left = min(g.notices[0].left, noticeMakesWayTicks)
	}
	if g.noticesN == len(g.notices) {
		copy(g.notices[:], g.notices[1:])
		g.noticesN--
	}
	g.notices[g.noticesN] = n
	g.noticesN++
}

// withdraw takes the notices of key off the status line, shown or waiting: what they
// said is over (a countdown's "Not yet" once the round has started).
func (g *Game) withdraw(key string) {
	n := 0
	for _, nt := range g.notices[:g.noticesN] {
		if nt.key != key {
			g.notices[n] = nt
			n++
		}
	}
	g.noticesN = n
}

// ageNotices counts the shown notice down, and moves the next one in when it is over.
func (g *Game) ageNotices() {
	if g.noticesN == 0 {
		return
	}
	if g.notices[0].left--; g.notices[0].left <= 0 {
		copy(g.notices[:], g.notices[1:g.noticesN])
		g.noticesN--
	}
}

// SaveSettings writes the settings, with a notice if that fails.
func (g *Game) SaveSettings() {
	g.Settings.SetBindings(g.Bindings)
	if err := g.store.Save(g.Settings); err != nil {
		g.Notify("Settings not saved: " + err.Error())
	}
}

// takeRecord returns -record's file for the first round the game starts, whoever plays
// it (an attract round too), and "" for every round after: a later round goes to the
// data folder and never overwrites the first one's replay.
func (g *Game) takeRecord() string {
	if g.recordTaken {
		return ""
	}
	g.recordTaken = true
	return g.opts.Record
}

// Switch makes s the current scene.
func (g *Game) Switch(s Scene) { g.scene = s }

// Ticks counts the updates since the game started (60 a second): what
// Options.QuitAfterTicks counts.
func (g *Game) Ticks() int64 { return g.ticks }

// Scene returns the current scene (tests).
func (g *Game) Scene() Scene { return g.scene }

// Quit ends the game after this tick.
func (g *Game) Quit() { g.quitting = true }

// Update reads the input, handles the keys every scene shares, and updates the scene.
func (g *Game) Update() error {
	if ebiten.IsWindowBeingClosed() {
		g.quitting, g.shotDone = true, true
	}
	if g.quitting {
		if g.opts.Screenshot != "" && !g.shotDone {
			// Nothing moves until Draw has saved the last frame: ebiten may call Update
			// more than once before a Draw when the machine is slow.
			return nil
		}
		// A round being played when the game quits keeps its replay, marked incomplete.
		if r := currentRound(g.scene); r != nil && !r.finished {
			r.finished = true
			r.saveReplay(g)
		}
		return ebiten.Termination
	}
	if g.err != nil {
		return g.err
	}
	g.ticks++
	g.lastUpdate = time.Now()
	if g.opts.Stats {
		defer g.measure(g.lastUpdate)
	}
	g.Gestures.read(g.devices, g.scale)
	g.globalKeys()
	g.adaptSmoothing()
	if err := g.scene.Update(g); err != nil {
		return err
	}
	g.ageNotices()
	if n := g.opts.QuitAfterTicks; n > 0 && g.ticks >= n {
		g.quitting = true
	}
	return nil
}

// statsEveryTicks is how often -stats reports (10 s).
const statsEveryTicks = 10 * sim.TicksPerSecond

// measure adds an update's duration to the stats and reports every 10 s.
func (g *Game) measure(start time.Time) {
	st := &g.stats
	d := time.Since(start).Nanoseconds()
	st.updateNs += d
	st.maxUpdateNs = max(st.maxUpdateNs, d)
	st.updates++
	if g.ticks%statsEveryTicks != 0 {
		return
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(live)
	w := g.opts.Log
	if w == nil {
		w = os.Stderr
	}
	fmt.Fprintf(w, "stats: t=%ds tps=%.1f fps=%.1f update avg=%.3fms max=%.3fms live-heap=%dKB heap=%dKB allocs/update=%d gc=%d\n",
		g.ticks/sim.TicksPerSecond, ebiten.ActualTPS(), ebiten.ActualFPS(),
		float64(st.updateNs)/float64(st.updates)/1e6, float64(st.maxUpdateNs)/1e6,
		live[0].Value.Uint64()/1024, ms.HeapAlloc/1024, (ms.Mallocs-st.mallocs)/uint64(st.updates), ms.NumGC)
	*st = perfStats{mallocs: ms.Mallocs}
}

// smoothFPS is the frame rate under which "auto" smoothing turns itself off: moving
// balls matter more than smooth edges.
const smoothFPS = 40

// adaptSmoothing turns anti-aliasing off, once, when it holds the frame rate under
// smoothFPS for three seconds (a software renderer). Frames drawn for tests and
// screenshots (FixedStep) keep it.
func (g *Game) adaptSmoothing() {
	if g.opts.FixedStep || g.Settings.Smooth != "auto" || !g.r.AA || g.ticks < 5*sim.TicksPerSecond || g.ticks%(3*sim.TicksPerSecond) != 0 {
		return
	}
	if fps := ebiten.ActualFPS(); fps > 0 && fps < smoothFPS {
		g.r.AA = false
		g.Notify(fmt.Sprintf("Low frame rate (%.0f fps): round shapes drawn without smoothing (see Settings).", fps))
	}
}

// globalKeys: F11 fullscreen, M or F8 mute, F9 and F10 volume down and up.
func (g *Game) globalKeys() {
	gs := &g.Gestures
	if gs.Pressed(ebiten.KeyF11) {
		fs := !ebiten.IsFullscreen()
		ebiten.SetFullscreen(fs)
		g.Settings.Fullscreen = fs
		g.SaveSettings()
	}
	changed := false
	if gs.Pressed(ebiten.KeyM) || gs.Pressed(ebiten.KeyF8) {
		g.Settings.Muted = !g.Settings.Muted
		changed = true
	}
	if gs.Pressed(ebiten.KeyF9) {
		g.Settings.VolumePercent = max(0, g.Settings.VolumePercent-10)
		g.Settings.Muted = false
		changed = true
	}
	if gs.Pressed(ebiten.KeyF10) {
		g.Settings.VolumePercent = min(100, g.Settings.VolumePercent+10)
		g.Settings.Muted = false
		changed = true
	}
	if changed {
		g.Audio.SetVolume(float64(g.Settings.VolumePercent)/100, g.Settings.Muted)
		g.Audio.Play(assets.SoundClick)
		g.SaveSettings()
		if g.Settings.Muted {
			g.notify("volume", "Sound muted (M to unmute).")
		} else {
			g.notify("volume", fmt.Sprintf("Volume %d %%.", g.Settings.VolumePercent))
		}
	}
}

// Alpha is how far the frame is between the last update and the next, in [0, 1): the
// sub-tick part of the time that moving things are drawn at.
func (g *Game) Alpha() float64 {
	if g.opts.FixedStep || g.lastUpdate.IsZero() {
		return 0
	}
	a := float64(time.Since(g.lastUpdate)) / float64(time.Second/sim.TicksPerSecond)
	return min(max(a, 0), 0.999)
}

// Draw draws the scene, the notices, and saves the screenshot when quitting.
func (g *Game) Draw(screen *ebiten.Image) {
	g.DrawOn(screen, g.scale)
	if g.quitting && g.opts.Screenshot != "" && !g.shotDone {
		g.shotDone = true
		if err := savePNG(screen, g.opts.Screenshot); err != nil {
			g.err = fmt.Errorf("screenshot: %w", err)
		}
	}
}

// DrawOn draws the current frame on dst at s device pixels per logical pixel (tests
// draw on their own images).
func (g *Game) DrawOn(dst *ebiten.Image, s float64) {
	r := g.r
	r.Begin(dst, s)
	r.Clear(ColBG)
	g.scene.Draw(g, r)
	r.Flush()
	g.drawStatus(r)
	r.Flush()
}

// statusY is where the status line starts: the bottom strip of the screen is the game's,
// not the scene's. It shows the current notice, or else the scene's footer (a one-line
// reminder of its keys), so that a notice never covers a scene's text.
const statusY = ScreenH - 28

// footerScene is a scene with a footer: its keys in one line, in the status line.
type footerScene interface {
	Footer(g *Game) string
}

// drawStatus draws the status line: the notice shown, else the scene's footer.
func (g *Game) drawStatus(r *Renderer) {
	const mid = statusY + 14
	if g.noticesN == 0 {
		if f, ok := g.scene.(footerScene); ok {
			r.Text(f.Footer(g), ScreenW/2, mid, styleNote.At(CenterMid))
		}
		return
	}
	n := &g.notices[0]
	a := min(1, float64(n.left)/30)
	s := fitText(r, n.s, styleSmall, ScreenW-64)
	w := r.Measure(s, styleSmall) + 32
	r.Rect(ScreenW/2-w/2, statusY+1, w, 26, fade(ColBlack, 0.9*a))
	r.Frame(ScreenW/2-w/2, statusY+1, w, 26, 2, fade(ColYellow, a))
	r.Text(s, ScreenW/2, mid, styleSmall.In(fade(ColText, a)).At(CenterMid))
}

// fitText shortens s, if it is wider than w, by an ellipsis in its middle: a notice's
// start says what happened, its end names the file (a replay in a deep folder).
func fitText(r *Renderer, s string, st TextStyle, w float32) string {
	rs := []rune(s)
	for cut := 1; r.Measure(s, st) > w && cut < len(rs)-2; cut++ {
		head := (len(rs) - cut) / 2
		s = string(rs[:head]) + "…" + string(rs[head+cut:])
	}
	return s
}

// LayoutF makes the screen as many device pixels as the window holds, keeping the
// logical 1280x720 aspect: ebiten letterboxes it, and drawing at device resolution keeps
// text crisp on high-DPI screens and projectors.
func (g *Game) LayoutF(outsideW, outsideH float64) (float64, float64) {
	dsf := 1.0
	if m := ebiten.Monitor(); m != nil {
		dsf = m.DeviceScaleFactor()
	}
	s := min(outsideW*dsf/ScreenW, outsideH*dsf/ScreenH)
	if g.opts.Screenshot != "" || s <= 0 {
		s = 1 // screenshots are always 1280x720, whatever the screen
	}
	g.scale = s
	return ScreenW * s, ScreenH * s
}

// Layout is required by ebiten.Game; LayoutF is used instead.
func (g *Game) Layout(outsideW, outsideH int) (int, int) {
	w, h := g.LayoutF(float64(outsideW), float64(outsideH))
	return int(w), int(h)
}
