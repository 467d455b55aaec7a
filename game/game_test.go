package game

import (
	"image"
	"image/color"
	"os"
	"path/filepath"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
	"devopsjuggle/sim/bot"
	"devopsjuggle/sim/replay"
)

var bots = [2]Player{{Bot: true}, {Bot: true}}

// roundOf returns the round scene the game shows (under a month statement too).
func roundOf(t *testing.T, g *Game) *roundScene {
	t.Helper()
	switch s := g.Scene().(type) {
	case *roundScene:
		return s
	case *monthScene:
		return s.rs
	}
	t.Fatalf("scene is %T, not the round", g.Scene())
	return nil
}

// TestAutoplayMatchesHeadless: the game in attract mode steps the model exactly as the
// headless bots do: the same state hash after the same ticks, across a month's end (the
// statement pauses the round) and with drawing in between.
func TestAutoplayMatchesHeadless(t *testing.T) {
	for _, preset := range []string{"silo", "bluegreen", "sre"} {
		t.Run(preset, func(t *testing.T) {
			const seed = 7
			s := Setup{Preset: preset, Months: 2, Seed: seed, Players: bots}
			g, _ := newTestGame(t, Options{Start: true, Setup: s})
			for i := 0; i < 2400; i += 200 {
				update(t, g, 200)
				frame(g) // drawing must not change the world
			}
			rd := roundOf(t, g).round
			ticks := rd.World.Tick()
			require.Greater(t, int64(ticks), int64(1900), "the round went past the first month")

			cfg, err := s.Config()
			require.NoError(t, err)
			r := bot.NewBotRound(cfg, seed)
			for r.World.Tick() < ticks {
				r.Step(nil)
			}
			assert.Equal(t, r.World.Hash(), rd.World.Hash(), "reproduce with -preset=%s -seed=%d, %d ticks", preset, seed, ticks)
		})
	}
}

// TestKeysBecomeInputs: each default key, pressed through the input layer, reaches the
// model as the role's action.
func TestKeysBecomeInputs(t *testing.T) {
	tests := []struct {
		key    ebiten.Key
		role   sim.Role
		action sim.Action
		arg    int32
	}{
		{ebiten.KeyD, sim.Dev, sim.ActRelease, sim.ArgHandAuto},
		{ebiten.KeyA, sim.Dev, sim.ActRelease, sim.ArgHandLeft},
		{ebiten.KeyF, sim.Dev, sim.ActRelease, sim.ArgHandRight},
		{ebiten.KeyS, sim.Dev, sim.ActTestStart, 0},
		{ebiten.KeyJ, sim.Ops, sim.ActCatchLeft, 0},
		{ebiten.KeyL, sim.Ops, sim.ActCatchRight, 0},
		{ebiten.KeyU, sim.Ops, sim.ActRetireLeft, 0},
		{ebiten.KeyO, sim.Ops, sim.ActRetireRight, 0},
		{ebiten.KeyK, sim.Ops, sim.ActSwap, 0},
		{ebiten.KeyY, sim.Ops, sim.ActApprove, 0},
		{ebiten.KeyN, sim.Ops, sim.ActReject, 0},
		{ebiten.KeyI, sim.Ops, sim.ActRecover, 0},
		{ebiten.KeyComma, sim.Ops, sim.ActDiscard, 0},
		{ebiten.KeyEnter, sim.Ops, sim.ActAcknowledge, 0},
	}
	for _, tt := range tests {
		t.Run(tt.key.String(), func(t *testing.T) {
			s := Setup{Preset: "bluegreen", Months: 1, Seed: 3, Players: [2]Player{Human, Human}}
			g, d := newTestGame(t, Options{Start: true, Setup: s})
			update(t, g, readyTicks+5)
			rd := roundOf(t, g).round
			d.press(tt.key)
			tick := rd.World.Tick()
			update(t, g, 1)
			want := sim.Input{Tick: tick, Role: tt.role, Action: tt.action, Arg: tt.arg}
			assert.Equal(t, []sim.Input{want}, rd.Applied())
		})
	}
}

// TestControlsOfBotRolesIgnored: keys of a role a bot plays do nothing.
func TestControlsOfBotRolesIgnored(t *testing.T) {
	s := Setup{Preset: "silo", Months: 1, Seed: 3, Players: [2]Player{{Bot: true}, Human}}
	g, d := newTestGame(t, Options{Start: true, Setup: s})
	update(t, g, readyTicks+1)
	rd := roundOf(t, g).round
	d.press(ebiten.KeyD, ebiten.KeyJ)
	update(t, g, 1)
	_, ok := rd.Input(CtlRelease)
	assert.False(t, ok, "D does nothing for a dev bot")
	var ops int
	for _, in := range rd.Applied() {
		if in.Role == sim.Ops {
			ops++
			assert.Equal(t, sim.ActCatchLeft, in.Action)
		}
	}
	assert.Equal(t, 1, ops, "J reaches the model for the human ops")
}

// TestTestKeyToggles: S starts testing, and S again stops it.
func TestTestKeyToggles(t *testing.T) {
	s := Setup{Preset: "silo", Months: 1, Seed: 3, Players: [2]Player{Human, {Bot: true}}}
	g, d := newTestGame(t, Options{Start: true, Setup: s})
	update(t, g, readyTicks+4*sim.TicksPerSecond) // a feature is ready
	rd := roundOf(t, g).round
	require.Positive(t, rd.View.TrayN)
	d.press(ebiten.KeyS)
	update(t, g, 1)
	require.True(t, rd.View.Testing)
	d.press(ebiten.KeyS)
	update(t, g, 1)
	assert.Contains(t, rd.Applied(), sim.Input{Tick: rd.World.Tick() - 1, Role: sim.Dev, Action: sim.ActTestStop})
	assert.False(t, rd.View.Testing)
}

// TestTapCatches: a tap on a hand catches with it; a tap on the release button releases.
func TestTapCatches(t *testing.T) {
	s := Setup{Preset: "silo", Months: 1, Seed: 3, Players: [2]Player{Human, Human}}
	g, d := newTestGame(t, Options{Start: true, Setup: s})
	update(t, g, readyTicks+1)
	rd := roundOf(t, g).round
	d.tap(Point{handRX + 10, handY - 5})
	update(t, g, 1)
	assert.Equal(t, sim.ActCatchRight, rd.Applied()[0].Action)
}

// TestRebindingSaved: a key bound in the settings drives the control, and is saved.
func TestRebindingSaved(t *testing.T) {
	path := filepath.Join(t.TempDir(), "settings.json")
	g, d := newTestGame(t, Options{SettingsPath: path})
	g.Switch(newSettingsScene(g.Scene()))
	ss := g.Scene().(*settingsScene)
	ss.sel = setFirst + int(CtlCatchLeft) - 1
	d.press(ebiten.KeyEnter)
	update(t, g, 1)
	require.True(t, ss.waiting)
	d.press(ebiten.KeyP) // reserved: refused
	update(t, g, 1)
	require.True(t, ss.waiting)
	d.press(ebiten.KeyH)
	update(t, g, 1)
	assert.Equal(t, ebiten.KeyH, g.Bindings[CtlCatchLeft])

	st, notice := SettingsStore{Path: path}.Load()
	assert.Empty(t, notice)
	b := st.Bindings()
	assert.Equal(t, ebiten.KeyH, b[CtlCatchLeft])
}

// TestCorruptSettings: a damaged settings file gives the defaults and a notice.
func TestCorruptSettings(t *testing.T) {
	path := filepath.Join(t.TempDir(), "settings.json")
	require.NoError(t, os.WriteFile(path, []byte("{\"volume_percent\": 7"), 0o644))
	g, _ := newTestGame(t, Options{SettingsPath: path})
	assert.Equal(t, DefaultSettings().VolumePercent, g.Settings.VolumePercent)
	var all string
	for _, n := range g.notices {
		all += n.s + "\n"
	}
	assert.Contains(t, all, "damaged")
	assert.Equal(t, DefaultBindings(), g.Bindings)
}

// TestRoundRecordsReplay: a finished round leaves a replay that plays back on screen to
// the same hash with no divergence, and the round is in the session.
func TestRoundRecordsReplay(t *testing.T) {
	dir := t.TempDir()
	s := Setup{Preset: "devops", Months: 1, Seed: 11, Players: [2]Player{Human, {Bot: true}}}
	g, _ := newTestGame(t, Options{Start: true, Setup: s, DataDir: dir})
	update(t, g, readyTicks+1800+2)
	require.IsType(t, &debriefScene{}, g.Scene())
	require.Len(t, g.Session, 1)
	path := g.Session[0].ReplayPath
	require.FileExists(t, path)
	r, err := replay.ReadFile(path)
	require.NoError(t, err)
	assert.True(t, r.End.Complete)

	p, _ := newTestGame(t, Options{Replay: path})
	rs := p.Scene().(*roundScene)
	update(t, p, 1800+2)
	assert.Nil(t, rs.round.Divergence)
	assert.Equal(t, r.End.Hash, rs.round.World.Hash())
	assert.IsType(t, &debriefScene{}, p.Scene())
}

// TestReplayDivergenceShown: a replay whose checkpoint does not match shows where.
func TestReplayDivergenceShown(t *testing.T) {
	s := Setup{Preset: "silo", Months: 1, Seed: 5, Players: bots}
	rd, err := NewRound(s)
	require.NoError(t, err)
	for !rd.Done() {
		rd.Step(nil)
	}
	r := rd.Replay()
	r.Checkpoints[1].Hash ^= 1 // tamper with the second checkpoint
	path := filepath.Join(t.TempDir(), "bad.replay.jsonl")
	require.NoError(t, r.WriteFile(path))
	p, _ := newTestGame(t, Options{Replay: path})
	rs := p.Scene().(*roundScene)
	update(t, p, 1300)
	require.NotNil(t, rs.round.Divergence)
	assert.Equal(t, r.Checkpoints[1].Tick, rs.round.Divergence.Tick)
	assert.Equal(t, r.Checkpoints[0].Tick, rs.round.Divergence.LastGood)
	img := frame(p)
	assert.True(t, near(img.RGBAAt(prodX+20, prodY+prodH-20), ColVermilion, 8), "the divergence bar is drawn")
}

// probe is a pixel that must have a colour in a scene.
type probe struct {
	x, y int
	c    color.RGBA
	what string
}

func checkProbes(t *testing.T, img *image.RGBA, probes []probe) {
	t.Helper()
	for _, p := range probes {
		got := img.RGBAAt(p.x, p.y)
		assert.True(t, near(got, p.c, 12), "%s at (%d, %d): got %v, want %v", p.what, p.x, p.y, got, p.c)
	}
}

// bright counts pixels of text-like brightness in a rectangle: text was drawn there.
func bright(img *image.RGBA, r image.Rectangle) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c := img.RGBAAt(x, y)
			if c.R > 200 && c.G > 200 && c.B > 200 {
				n++
			}
		}
	}
	return n
}

// TestScenesDraw draws every scene and probes pixels at known places.
func TestScenesDraw(t *testing.T) {
	// A person plays dev (and does nothing): the round joins the session.
	s := Setup{Preset: "sre", Months: 1, Seed: 2, Players: [2]Player{Human, {Bot: true}}}
	g, d := newTestGame(t, Options{Start: true, Setup: s, DataDir: t.TempDir()})

	t.Run("round", func(t *testing.T) {
		update(t, g, readyTicks+400)
		img := frame(g)
		checkProbes(t, img, []probe{
			{devX + 3, 300, ColOrange, "dev panel stripe"},
			{prodX + 3, 300, ColSky, "production stripe"},
			{200, 8, ColPanel, "top bar"},
			{handLX, handY, ColDim, "left hand"},
			{jugglerX, 420, ColDim, "the juggler's body"},
		})
		assert.Greater(t, bright(img, image.Rect(460, 0, 820, 50)), 300, "the calendar")
		assert.Greater(t, bright(img, image.Rect(1140, 20, 1230, 70)), 100, "ops pay")
		// sre has both monitors: the KPI chart and the infrastructure panel.
		assert.Greater(t, bright(img, image.Rect(monX, monY, monX+monW, monY+30)), 50, "the KPI panel's title")
	})
	t.Run("pause", func(t *testing.T) {
		d.press(ebiten.KeyP)
		update(t, g, 1)
		img := frame(g)
		x, y, _, _ := pauseItemRect(0)
		checkProbes(t, img, []probe{{int(x) + 5, int(y) + 5, ColSky, "the selected menu item"}})
		d.press(ebiten.KeyEscape)
		update(t, g, 1)
		assert.False(t, roundOf(t, g).paused)
	})
	t.Run("month", func(t *testing.T) {
		s2 := Setup{Preset: "silo", Months: 2, Seed: 2, Players: bots}
		g2, _ := newTestGame(t, Options{Start: true, Setup: s2})
		update(t, g2, 1801)
		require.IsType(t, &monthScene{}, g2.Scene())
		img := frame(g2)
		assert.Greater(t, bright(img, image.Rect(250, 210, 1030, 280)), 500, "the month's pay")
		checkProbes(t, img, []probe{{251, 300, ColText, "the statement's frame"}})
	})
	t.Run("debrief", func(t *testing.T) {
		update(t, g, 1500)
		require.IsType(t, &debriefScene{}, g.Scene())
		img := frame(g)
		checkProbes(t, img, []probe{
			{33, 150, ColOrange, "dev pay cell"},
			{333, 150, ColSky, "ops pay cell"},
		})
		assert.Greater(t, bright(img, image.Rect(pmX, pmY, pmX+pmW, pmY+60)), 300, "the post-mortem's title")
		update(t, g, debriefHoldTicks) // its buttons wait
	})
	t.Run("session", func(t *testing.T) {
		d.press(ebiten.KeyV)
		update(t, g, 1)
		require.IsType(t, &sessionScene{}, g.Scene())
		img := frame(g)
		assert.Greater(t, bright(img, image.Rect(40, 100, 340, 140)), 100, "the round's preset")
		checkProbes(t, img, []probe{{60, 291, ColGreen, "the uptime bar"}})
	})
	t.Run("title", func(t *testing.T) {
		d.press(ebiten.KeyEnter)
		update(t, g, 1)
		require.IsType(t, &titleScene{}, g.Scene())
		img := frame(g)
		assert.Greater(t, bright(img, image.Rect(440, 10, 840, 80)), 1000, "the title")
		// A first-timer (these settings say nobody practised yet) finds PRACTICE selected.
		x, y, _, _ := titleRowRect(rowPractice)
		checkProbes(t, img, []probe{{int(x) + 6, int(y) + 6, ColSky, "the selected PRACTICE button"}})
	})
	t.Run("howto", func(t *testing.T) {
		d.press(ebiten.KeyH)
		update(t, g, 1)
		require.IsType(t, &howToScene{}, g.Scene())
		img := frame(g)
		assert.Greater(t, bright(img, image.Rect(40, 60, 780, 600)), 3000, "the rules")
		checkProbes(t, img, []probe{{40, 82, ColOrange, "a rule's bullet"}})
	})
	t.Run("settings", func(t *testing.T) {
		g.Switch(newSettingsScene(g.Scene()))
		img := frame(g)
		x, y, _, _ := settingsRowRect(setFirst)
		checkProbes(t, img, []probe{{int(x) + 2, int(y) + 20, ColOrange, "a dev key's row"}})
	})
}

// TestBallStatesDrawnApart: live, standby and dropped balls are told apart by shape:
// a live ball is solid at its centre, a standby is a ring (hollow centre), a known
// dropped ball is flat on the floor.
func TestBallStatesDrawnApart(t *testing.T) {
	g, _ := newTestGame(t, Options{})
	r := g.r
	img := ebiten.NewImage(ScreenW, ScreenH)
	defer img.Deallocate()
	r.Begin(img, 1)
	r.Clear(ColBG)
	drawBall(r, &sim.BallView{Version: 2, State: sim.BallAir, Live: true}, 100, 100)
	drawBall(r, &sim.BallView{Version: 1, State: sim.BallAir, Standby: true}, 200, 100)
	r.Flush()
	rgba := image.NewRGBA(image.Rect(0, 0, ScreenW, ScreenH))
	img.ReadPixels(rgba.Pix)
	assert.True(t, near(rgba.RGBAAt(100, 100-ballR+4), ColSky, 10), "live: solid")
	assert.True(t, near(rgba.RGBAAt(200, 100-ballR+3), ColGreen, 30), "standby: its ring")
	assert.True(t, near(rgba.RGBAAt(200+ballR/2, 100+ballR/2-2), ColBG, 10), "standby: hollow")
}
