package game

import (
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
	"devopsjuggle/sim/coach"
)

// startedRound returns a round of s in the game, past its get-ready.
func startedRound(t *testing.T, s Setup) (*Game, *fakeDevices, *roundScene) {
	t.Helper()
	g, d := newTestGame(t, Options{Start: true, Setup: s})
	update(t, g, readyTicks)
	rs := roundOf(t, g)
	require.Zero(t, rs.countdown)
	return g, d, rs
}

// stepTo plays the round until the View's tick is tick (a key pressed now is applied
// then).
func stepTo(t *testing.T, g *Game, rs *roundScene, tick sim.Tick) {
	t.Helper()
	for rs.round.View.Tick < tick {
		update(t, g, 1)
	}
	require.Equal(t, tick, rs.round.View.Tick)
}

// TestCueClosesOnArrival: a ball's approach cue closes on the catch ring exactly on the
// frame from which a key press lands on the ball's arrival tick, and is wider before:
// by the geometry the frame uses, and by the pixels it draws (a live ball's sky-blue
// ring half-way in, on the catch ring at the arrival).
func TestCueClosesOnArrival(t *testing.T) {
	g, d, rs := startedRound(t, Setup{Preset: "silo", Months: 1, Seed: 1, Difficulty: sim.Normal, Players: [2]Player{{Bot: true}, Human}})
	v := &rs.round.View
	live := ballOf(v, v.Live)
	require.NotNil(t, live)
	arrival, flight := live.Arrival, live.Arrival-live.From
	require.Equal(t, rs.round.Config.FlightTicks, flight, "the live ball's first throw")

	radius := func() float32 {
		c := rs.cues.Of(v.Live)
		require.NotNil(t, c)
		return cueRadius(c.ProgressAt(cueTime(rs.timeNow(g))))
	}
	x, y := int(handX(live.Hand)), int(handY)
	// Half-way: as wide as half the spread, drawn in the live ball's colour, faded (0.7)
	// over the production panel.
	stepTo(t, g, rs, arrival-flight/2)
	assert.InDelta(t, catchRingR+cueSpread/2, radius(), 0.01)
	img := frame(g)
	half := y - int(catchRingR+cueSpread/2)
	assert.True(t, near(img.RGBAAt(x, half), blend(ColSky, 0.7, ColPanel), 12), "the cue half-way: %v", img.RGBAAt(x, half))
	// A tick before a press would land on the arrival: still open.
	stepTo(t, g, rs, arrival-1)
	assert.Greater(t, radius(), float32(catchRingR))
	// A press now lands on the arrival: closed on the catch ring.
	stepTo(t, g, rs, arrival)
	assert.Equal(t, float32(catchRingR), radius())
	img = frame(g)
	assert.True(t, near(img.RGBAAt(x, y-catchRingR), ColSky, 40), "the cue on the catch ring: %v", img.RGBAAt(x, y-catchRingR))
	assert.True(t, near(img.RGBAAt(x, half), ColPanel, 12), "nothing left half-way out: %v", img.RGBAAt(x, half))
	// And the press there catches it.
	d.press([2]ebiten.Key{ebiten.KeyJ, ebiten.KeyL}[live.Hand])
	update(t, g, 1)
	assert.Equal(t, int32(1), rs.round.World.Stats().Catches)
}

// blend is colour c at opacity a over bg.
func blend(c colorRGBA, a float64, bg colorRGBA) colorRGBA {
	m := func(x, y uint8) uint8 { return uint8(a*float64(x) + (1-a)*float64(y) + 0.5) }
	return colorRGBA{R: m(c.R, bg.R), G: m(c.G, bg.G), B: m(c.B, bg.B), A: 255}
}

// textsOf returns the texts of the current frame that contain s.
func textsOf(g *Game, s string) []queuedText {
	var out []queuedText
	for _, q := range frameTexts(g) {
		if strings.Contains(q.s, s) {
			out = append(out, q)
		}
	}
	return out
}

// TestPromptsOnTheSideThatActs: ops' prompts are drawn in ops' half (under production),
// dev's in dev's half; the change request is shown to ops in ops' half, with its
// countdown and the keys that answer it.
func TestPromptsOnTheSideThatActs(t *testing.T) {
	t.Run("ops", func(t *testing.T) {
		// Ops does nothing: both balls fall, and the dev bot asks for a change.
		g, _, rs := startedRound(t, Setup{Preset: "silo", Months: 1, Seed: 1, Difficulty: sim.Easy, Players: [2]Player{{Bot: true}, Human}})
		for f := 0; f < 20*sim.TicksPerSecond && !rs.round.View.CRActive; f++ {
			update(t, g, 1)
		}
		require.True(t, rs.round.View.CRActive, "the dev bot asked for a change")
		update(t, g, 1) // the buttons are laid out from the View at each update
		box := textsOf(g, "CHANGE REQUEST")
		require.Len(t, box, 2, "on dev's panel and in ops' box")
		var inOps bool
		for _, q := range box {
			inOps = inOps || q.x >= prodX
		}
		assert.True(t, inOps, "the change request in ops' half")
		x, y, w, h := requestRect(rs.round.View.Monitoring)
		for _, ctl := range []Control{CtlApprove, CtlReject} {
			found := false
			for _, b := range rs.buttons[:rs.buttonsN] {
				if b.ctl == ctl {
					found = true
					assert.True(t, b.x >= x && b.x+b.w <= x+w && b.y >= y && b.y+b.h <= y+h, "%s in the box", b.label)
				}
			}
			assert.True(t, found, "the %s button", ctl.Label())
		}
		secs := textsOf(g, " s")
		assert.NotEmpty(t, secs, "the countdown")
		require.True(t, rs.prompt[sim.Ops].text != "", "ops is told something")
		for _, q := range textsOf(g, rs.prompt[sim.Ops].text[:20]) {
			assert.GreaterOrEqual(t, q.x, float32(prodX), "ops' prompt %q in ops' half", q.s)
		}
		assert.Empty(t, rs.prompt[sim.Dev].text, "a bot's side says nothing")
	})
	t.Run("dev", func(t *testing.T) {
		g, _, rs := startedRound(t, Setup{Preset: "devops", Months: 1, Seed: 1, Difficulty: sim.Easy, Players: [2]Player{Human, {Bot: true}}})
		for f := 0; f < 10*sim.TicksPerSecond && rs.round.View.TrayN == 0; f++ {
			update(t, g, 1)
		}
		require.Equal(t, coach.Ready, rs.prompts[sim.Dev].Prompt[0].Kind)
		p := rs.prompt[sim.Dev].text
		require.Contains(t, p, "ready")
		qs := textsOf(g, p[:12])
		require.NotEmpty(t, qs)
		for _, q := range qs {
			x0, _, x1, _ := textBox(g.r, q)
			assert.Less(t, x1, float32(prodX), "dev's prompt %q in dev's half (%v to %v)", q.s, x0, x1)
		}
		assert.Empty(t, rs.prompt[sim.Ops].text, "a bot's side says nothing")
	})
}

// catchDue presses the catch key of each ball due now (on its arrival tick).
func catchDue(d *fakeDevices, v *sim.View) {
	for i := 0; i < v.BallsN; i++ {
		if b := &v.Balls[i]; b.State.InJuggle() && b.Arrival == v.Tick {
			d.press([2]ebiten.Key{ebiten.KeyJ, ebiten.KeyL}[b.Hand])
		}
	}
}

// TestHintsOnlyForKeysUsed: each preset's round shows hints (and buttons) only for the
// keys it has a use for: approve and reject only with the change-request gate, swap
// only with blue/green.
func TestHintsOnlyForKeysUsed(t *testing.T) {
	for _, preset := range sim.PresetNames() {
		t.Run(preset, func(t *testing.T) {
			g, _, rs := startedRound(t, Setup{Preset: preset, Months: 1, Seed: 1, Players: [2]Player{Human, Human}})
			cfg := &rs.round.Config
			texts := said(g)
			for _, tt := range []struct {
				ctl  Control
				used bool
			}{
				{CtlApprove, cfg.Gate}, {CtlReject, cfg.Gate}, {CtlSwap, cfg.Release == sim.BlueGreen},
				{CtlCatchLeft, true}, {CtlRecover, true}, {CtlAck, true}, {CtlRelease, true},
			} {
				assert.Equal(t, tt.used, contains(texts, tt.ctl.Label()), "the hint %q", tt.ctl.Label())
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestHintLeavesWhenKeyDidSomething: a key's hint stays while pressing it does nothing (a
// catch with no ball in reach, a pick-up with nothing on the floor, a refusal) and
// leaves once it did what it is for; the refusal says why in the role's strip.
func TestHintLeavesWhenKeyDidSomething(t *testing.T) {
	g, d, rs := startedRound(t, Setup{Preset: "silo", Months: 1, Seed: 1, Difficulty: sim.Easy, Players: [2]Player{{Bot: true}, Human}})
	v := &rs.round.View
	first := ballOf(v, 1)
	require.NotNil(t, first)
	key := [2]ebiten.Key{ebiten.KeyJ, ebiten.KeyL}[first.Hand]
	ctl := CtlCatchLeft + Control(first.Hand)

	d.press(key) // long before the ball is in reach
	update(t, g, 1)
	assert.Contains(t, said(g), ctl.Label(), "a whiff leaves the hint")
	d.press(ebiten.KeyI) // nothing on the floor: refused
	update(t, g, 1)
	require.Positive(t, rs.refusalLeft[sim.Ops])
	assert.Equal(t, "nothing on the floor to pick up", rs.refusal[sim.Ops].text, "the refusal in plain words")
	qs := textsOf(g, "nothing on the floor")
	require.NotEmpty(t, qs, "the refusal is shown")
	for _, q := range qs {
		assert.GreaterOrEqual(t, q.x, float32(prodX), "in ops' strip")
	}

	stepTo(t, g, rs, first.Arrival)
	d.press(key)
	update(t, g, 1)
	require.Equal(t, int32(1), rs.round.World.Stats().Catches)
	for rs.refusalLeft[sim.Ops] > 0 { // juggling on, each ball caught on its arrival
		catchDue(d, v)
		update(t, g, 1)
	}
	require.Zero(t, rs.round.World.Stats().Drops)
	texts := said(g)
	assert.NotContains(t, texts, ctl.Label(), "a catch takes the hint away")
	assert.Contains(t, texts, CtlRecover.Label(), "a refused press leaves the hint")
}

// TestStripTextsFit: every prompt the coach can give, with its widest numbers, and every
// refusal reason, fit their role's strip at every window size: inside it, clear of the
// keys that answer them, and never under 18 px; two prompts at once too (ops' strip).
func TestStripTextsFit(t *testing.T) {
	g, _ := newTestGame(t, Options{})
	rs, err := newRoundScene(g, Setup{Preset: "silo", Months: 1, Seed: 1, Players: [2]Player{Human, Human}}, "")
	require.NoError(t, err)
	v := &rs.round.View
	v.Tick = 100
	retire := [2]sim.Action{sim.ActRetireRight}
	var lines [2][]stripLine
	for k := coach.Kind(1); k < coach.Kind(coach.NumKinds); k++ {
		p := coach.Prompt{Kind: k, Actions: [2]sim.Action{sim.ActRecover, sim.ActDiscard}, Version: 1234, Stand: 1235,
			N: 16, Target: 8, Deadline: v.Tick + 3600, Feature: 1234, Hand: sim.Right}
		switch k {
		case coach.Extra, coach.Rollback:
			p.Actions = retire
		case coach.ChangeRequest:
			p.Actions = [2]sim.Action{sim.ActReject, sim.ActApprove}
		case coach.Ready:
			p.Actions = [2]sim.Action{sim.ActRelease, sim.ActTestStart}
		}
		lines[k.Role()] = append(lines[k.Role()], promptLine(&p, v))
	}
	for a := sim.ActRelease; a <= sim.ActAcknowledge; a++ {
		for why := sim.Refusal(1); why.String() != "?"; why++ {
			e := sim.Event{Kind: sim.EvRefused, Role: a.Role(), Action: a, Why: why}
			lines[a.Role()] = append(lines[a.Role()], stripLine{text: coach.Explain(&e, v), refusal: true})
		}
	}
	img := ebiten.NewImage(ScreenW*3/2, ScreenH*3/2)
	defer img.Deallocate()
	r := g.r
	check := func(role sim.Role, sc float64, what string) {
		t.Helper()
		texts := append([]queuedText(nil), r.recorded...)
		r.Flush()
		x, y, w, h := stripRect(role)
		for _, q := range texts {
			x0, y0, x1, y1 := textBox(r, q)
			assert.GreaterOrEqual(t, q.st.Size, float32(SizeSmall), "%s: %q", what, q.s)
			assert.True(t, x0 >= x && x1 <= x+w && y0 >= y && y1 <= y+h+1, "%s at %.3f: %q (%.0f,%.0f)-(%.0f,%.0f) outside the strip", what, sc, q.s, x0, y0, x1, y1)
		}
		assertApart(t, r, texts, 4, "%s at %.3f", what, sc)
	}
	for _, sc := range windowScales {
		for role := sim.Dev; role <= sim.Ops; role++ {
			for _, l := range lines[role] {
				r.Begin(img, sc)
				r.record = true
				rs.drawStripLine(g, r, role, &l)
				check(role, sc, l.text)
			}
		}
		ops := lines[sim.Ops]
		for i := range ops {
			first, second := ops[i], ops[(i+1)%len(ops)]
			if first.refusal || second.refusal {
				continue
			}
			r.Begin(img, sc)
			r.record = true
			rs.drawStripLines(g, r, sim.Ops, &first, &second)
			check(sim.Ops, sc, first.text+" / "+second.text)
		}
		r.record = false
	}
}
