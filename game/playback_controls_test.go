package game

import (
	"image"
	"image/color"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
	"devopsjuggle/sim/replay"
	"devopsjuggle/sim/report"
)

// botReplay plays a bots' round of preset to its end and writes its replay.
func botReplay(t *testing.T, preset string, months int, seed uint64) (string, *replay.Replay) {
	t.Helper()
	rd, err := NewRound(Setup{Preset: preset, Months: months, Seed: seed, Players: bots})
	require.NoError(t, err)
	for !rd.Done() {
		rd.Step(nil)
	}
	r := rd.Replay()
	path := filepath.Join(t.TempDir(), preset+".replay.jsonl")
	require.NoError(t, r.WriteFile(path))
	return path, r
}

// worldAt is the hash of the replay's world at tick t, played headless by the replay
// player.
func worldAt(t *testing.T, r *replay.Replay, at sim.Tick) uint64 {
	t.Helper()
	w := sim.New(r.Header.Config, r.Header.Seed)
	p := replay.NewPlayer(r)
	for w.Tick() < at {
		w.Step(p.Inputs(w.Tick()))
		require.Nil(t, p.Check(w))
	}
	return w.Hash()
}

// TestPlaybackSpeedHoldSeek: a replay plays at 1x, 2x and 4x (that many ticks per
// update), Space holds it, and the arrows move it a month on or back; a seek back plays
// the round again from its first tick, to the same state as the headless replay, with no
// divergence; Home goes to the start.
func TestPlaybackSpeedHoldSeek(t *testing.T) {
	path, r := botReplay(t, "sre", 3, 4)
	g, d := newTestGame(t, Options{Replay: path})
	rs := g.Scene().(*roundScene)
	month := r.Header.Config.MonthTicks
	tick := func() sim.Tick { return rs.round.World.Tick() }

	update(t, g, 10)
	assert.Equal(t, sim.Tick(10), tick(), "1x: a tick per update")
	d.press(ebiten.KeyDigit4)
	update(t, g, 10)
	assert.Equal(t, sim.Tick(50), tick(), "4x: four ticks per update")
	d.press(ebiten.KeyDigit2)
	update(t, g, 10)
	assert.Equal(t, sim.Tick(70), tick(), "2x")

	d.press(ebiten.KeySpace)
	update(t, g, 30)
	assert.Equal(t, sim.Tick(70), tick(), "held")
	assert.Contains(t, said(g), "HELD")
	d.press(ebiten.KeySpace)
	update(t, g, 1)
	assert.Equal(t, sim.Tick(72), tick(), "playing again at 2x")

	d.press(ebiten.KeyArrowRight)
	update(t, g, 1)
	assert.Equal(t, month+2, tick(), "next month: its first tick, then played on")
	d.press(ebiten.KeyPageDown)
	update(t, g, 1)
	assert.Equal(t, 2*month+2, tick(), "PgDn: the next month")
	d.press(ebiten.KeyArrowRight)
	update(t, g, 1)
	assert.Equal(t, 2*month+4, tick(), "no month after the last: it plays on")

	d.press(ebiten.KeyArrowLeft)
	update(t, g, 1)
	assert.Equal(t, month+2, tick(), "within 2 s of a month's start, back is the month before")
	require.Same(t, rs, g.Scene())
	assert.Nil(t, rs.round.Divergence)
	assert.Equal(t, worldAt(t, r, tick()), rs.round.World.Hash(), "replayed from the start to the same state")

	update(t, g, (seekBackGraceTicks+10)/2)
	d.press(ebiten.KeyPageUp)
	update(t, g, 1)
	assert.Equal(t, month+2, tick(), "further into a month, back is its own start")

	d.press(ebiten.KeyHome)
	update(t, g, 1)
	assert.Equal(t, sim.Tick(2), tick(), "Home: the start")
	assert.Equal(t, worldAt(t, r, 2), rs.round.World.Hash())
}

// TestPlaybackBarSeeks: a click on the progress bar moves the replay to that moment,
// and the bar names the months; statements passed by a seek are not shown.
func TestPlaybackBarSeeks(t *testing.T) {
	path, r := botReplay(t, "silo", 2, 3)
	g, d := newTestGame(t, Options{Replay: path})
	rs := g.Scene().(*roundScene)
	end := r.End.Tick
	d.tap(Point{pbBarX + pbBarW*3/4, pbBarY + pbBarH/2})
	update(t, g, 1)
	require.IsType(t, &roundScene{}, g.Scene(), "no month statement on the way")
	assert.InDelta(t, float64(end)*3/4, float64(rs.round.World.Tick()), 2)
	texts := said(g)
	assert.Contains(t, texts, "month 1")
	assert.Contains(t, texts, "month 2")
	assert.Contains(t, texts, "PLAYING 1x")
}

// TestPlaybackSeekFindsDivergence: seeking past a tampered checkpoint shows the
// divergence at once, with the calendar time; seeking back before it and forth again
// finds the same one.
func TestPlaybackSeekFindsDivergence(t *testing.T) {
	_, r := botReplay(t, "silo", 2, 5)
	bad := len(r.Checkpoints) / 2
	r.Checkpoints[bad].Hash ^= 1
	path := filepath.Join(t.TempDir(), "bad.replay.jsonl")
	require.NoError(t, r.WriteFile(path))
	g, d := newTestGame(t, Options{Replay: path})
	rs := g.Scene().(*roundScene)
	d.press(ebiten.KeyArrowRight)
	update(t, g, 1)
	require.NotNil(t, rs.round.Divergence)
	assert.Equal(t, r.Checkpoints[bad].Tick, rs.round.Divergence.Tick)
	d.press(ebiten.KeyHome)
	update(t, g, 1)
	assert.Nil(t, rs.round.Divergence, "before the tampered checkpoint, all matches")
	d.press(ebiten.KeyArrowRight)
	update(t, g, 1)
	require.NotNil(t, rs.round.Divergence)
	var banner string
	for _, s := range said(g) {
		if strings.HasPrefix(s, "REPLAY DIVERGES") {
			banner = s
		}
	}
	assert.Contains(t, banner, report.Clock(r.Checkpoints[bad].Tick, r.Header.Config.MonthTicks), "the calendar time of the divergence")
}

// TestEditedResultSaysSo: a replay whose states all match but whose end line's result
// was edited says that in plain words, in its bar and its notice, not "diverges at tick".
func TestEditedResultSaysSo(t *testing.T) {
	_, r := botReplay(t, "silo", 1, 5)
	r.End.Result.Shipped += 3
	path := filepath.Join(t.TempDir(), "edited.replay.jsonl")
	require.NoError(t, r.WriteFile(path))
	var log strings.Builder
	g, d := newTestGame(t, Options{Replay: path})
	g.opts.Log = &log
	d.press(ebiten.KeyDigit4)
	update(t, g, int(r.End.Tick)/4+2)
	require.IsType(t, &debriefScene{}, g.Scene())
	assert.Contains(t, log.String(), "every state matches to the end, but its recorded result was edited (shipped: recorded")
	assert.NotContains(t, log.String(), "Replay the states")
	d2 := &replay.Divergence{Tick: 9, LastGood: 9, Result: "shipped: recorded 9, replayed 6"}
	assert.Equal(t, "REPLAY'S RESULT EDITED: every state matches, the recorded result does not", divergenceBanner(d2, 1800))
}

// TestRecordKeepsFirstRound: -record holds the first round started, even when it is WATCH
// BOTS (which joins no session); the next round goes to the data folder and leaves it.
func TestRecordKeepsFirstRound(t *testing.T) {
	dir := t.TempDir()
	record := filepath.Join(dir, "first.replay.jsonl")
	g, d := newTestGame(t, Options{Record: record, DataDir: dir})
	g.Switch(newTitleScene(g))
	ts := g.Scene().(*titleScene)
	ts.setup.Months = 1
	ts.activate(g, rowAttract)
	update(t, g, 100)
	endRound(t, g, d)
	require.FileExists(t, record)
	first, err := replay.ReadFile(record)
	require.NoError(t, err)
	assert.Equal(t, "bot", first.Header.Players["ops"], "the attract round")

	g.Switch(newTitleScene(g))
	g.Scene().(*titleScene).activate(g, rowStart)
	update(t, g, readyTicks+50)
	endRound(t, g, d)
	again, err := replay.ReadFile(record)
	require.NoError(t, err)
	assert.Equal(t, first.End, again.End, "-record's file kept the first round")
	saved, _ := filepath.Glob(filepath.Join(dir, "replays", "*.replay.jsonl"))
	assert.Len(t, saved, 1, "the second round went to the data folder")
}

// TestGetReadyKeys: a key pressed in the last moment of "get ready" (within the catch
// window of the first tick) counts at the first tick; one pressed earlier does nothing
// and the status line says why.
func TestGetReadyKeys(t *testing.T) {
	s := Setup{Preset: "silo", Months: 1, Seed: 1, Players: [2]Player{{Bot: true}, Human}}
	var log strings.Builder
	g, d := newTestGame(t, Options{Start: true, Setup: s, Log: nil})
	g.opts.Log = &log
	rs := roundOf(t, g)
	d.press(ebiten.KeyL)
	update(t, g, 1)
	assert.Contains(t, log.String(), "Not yet: the round starts in 3 s.")
	win := int(rs.round.Config.CatchWindowTicks)
	update(t, g, readyTicks-1-win)
	d.press(ebiten.KeyJ)
	update(t, g, win-1)
	assert.Equal(t, "Not yet: the round starts in 3 s.", shown(g), "shown while the countdown lasts")
	update(t, g, 1)
	require.Zero(t, rs.countdown)
	assert.Empty(t, shown(g), "the countdown's notice goes when the round starts (it stayed to day 4)")
	require.Zero(t, rs.round.World.Tick())
	update(t, g, 1)
	var ops []sim.Input
	for _, in := range rs.round.Applied() {
		if in.Role == sim.Ops {
			ops = append(ops, in)
		}
	}
	assert.Equal(t, []sim.Input{{Tick: 0, Role: sim.Ops, Action: sim.ActCatchLeft}}, ops, "J, held, at the first tick; L, too early, not")
}

// relLuminance is a colour's relative luminance (WCAG 2), from its sRGB channels.
func relLuminance(c color.RGBA) float64 {
	lin := func(v uint8) float64 {
		f := float64(v) / 255
		if f <= 0.04045 {
			return f / 12.92
		}
		return math.Pow((f+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// contrastRatio is WCAG 2's contrast ratio of two colours, 1 to 21.
func contrastRatio(a, b color.RGBA) float64 {
	la, lb := relLuminance(a), relLuminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// TestReplayBarNamesReadable: on the replay's progress bar each month's name reads
// whether its month is played, unplayed or half played, and where the playhead is on
// it: every pixel of a name's letters is drawn over what has a contrast of 4.5:1 or more
// with the name's colour (WCAG's AA for text), at 1280x720 and 1920x1080. (The played
// part was a purple strip under the names' letters, and the playhead ran through them.)
// The playhead is yellow its whole height, from above the bar to below it, wherever it
// is: on a month's name, the name steps aside (the playhead was cut to 5 px stubs).
func TestReplayBarNamesReadable(t *testing.T) {
	path, _ := botReplay(t, "silo", 2, 3)
	g, _ := newTestGame(t, Options{Replay: path})
	rs := g.Scene().(*roundScene)
	require.NotNil(t, rs.pb)
	month := rs.round.Config.MonthTicks
	r := g.r
	// A quarter into month 1 (its name unplayed), just before and at its half (the
	// playhead on its name), three quarters (played), and a quarter into month 2 (month
	// 1's name dim on its played box).
	for _, at := range []sim.Tick{month / 4, month/2 - month/50, month / 2, month * 3 / 4, month + month/4} {
		for f := 0; f < 4*int(month) && rs.round.World.Tick() < at; f++ {
			update(t, g, 1) // through month 1's statement
		}
		require.Equal(t, at, rs.round.World.Tick())
		require.Same(t, rs, g.Scene(), "the replay shows")
		for _, sc := range []float64{1, 1.5} {
			w, h := int(ScreenW*sc), int(ScreenH*sc)
			draw := func(names bool) (*image.RGBA, []queuedText) {
				img := ebiten.NewImage(w, h)
				defer img.Deallocate()
				r.Begin(img, sc)
				r.Clear(ColBG)
				drawStripsGround(r) // what the bar is drawn on in the game
				r.record = true
				rs.pb.draw(g, r, rs)
				r.record = false
				texts := append([]queuedText(nil), r.recorded...)
				if !names {
					r.texts = r.texts[:0] // the shapes alone: what is under the texts
				}
				r.Flush()
				px := image.NewRGBA(image.Rect(0, 0, w, h))
				img.ReadPixels(px.Pix)
				return px, texts
			}
			with, texts := draw(true)
			under, _ := draw(false)
			px := pbBarX + pbBarW*float32(at)/float32(2*month)
			for y := int((pbBarY-3)*sc) + 1; y < int(min(pbBarY+pbBarH+3, pbKeysY)*sc)-1; y++ { // the second row's caps cover its foot
				c := with.RGBAAt(int(px*float32(sc)), y)
				require.True(t, near(c, ColYellow, 40), "tick %d, scale %.1f: the playhead at (%.0f, %d) is %v, not yellow", at, sc, px, y, c)
			}
			names := 0
			for _, q := range texts {
				if !strings.HasPrefix(q.s, "month ") || q.y > pbBarY+pbBarH {
					continue
				}
				names++
				b := textBoxOf(r, q)
				inked, bad, first := 0, 0, image.Point{}
				for y := int(b.y * float32(sc)); y < int((b.y+b.h)*float32(sc))+1; y++ {
					for x := int(b.x * float32(sc)); x < int((b.x+b.w)*float32(sc))+1; x++ {
						if with.RGBAAt(x, y) == under.RGBAAt(x, y) {
							continue
						}
						inked++
						if contrastRatio(q.st.Color, under.RGBAAt(x, y)) < 4.5 {
							if bad == 0 {
								first = image.Pt(x, y)
							}
							bad++
						}
					}
				}
				require.Positive(t, inked, "%q drawn", q.s)
				assert.Zero(t, bad, "tick %d, scale %.1f: %d of the %d pixels of %q on what it does not stand out from (the first at %v: %v)",
					at, sc, bad, inked, q.s, first, under.RGBAAt(first.X, first.Y))
			}
			assert.Equal(t, 2, names, "tick %d: both months named", at)
		}
	}
}

// TestPlaybackKeysSaidOnce: a key the replay strip's second row shows (on a cap, or
// "Home: start") is not said again in the status line under it, which says the rest:
// clicking the bar, PgUp/PgDn and Esc. (The status line repeated the row's every key.)
func TestPlaybackKeysSaidOnce(t *testing.T) {
	path, _ := botReplay(t, "silo", 1, 3)
	g, _ := newTestGame(t, Options{Replay: path})
	rs := g.Scene().(*roundScene)
	require.NotNil(t, rs.pb)
	r := g.r
	r.record = true
	r.Begin(nil, 1)
	rs.pb.draw(g, r, rs)
	r.record = false
	var row []string
	for _, q := range r.recorded {
		if q.y >= pbKeysY {
			row = append(row, q.s)
		}
	}
	r.Flush()
	footer := rs.Footer(g)
	words := strings.FieldsFunc(footer, func(c rune) bool { return strings.ContainsRune(" ·:/", c) })
	require.Contains(t, row, "Space", "the row shows its caps")
	for _, s := range row {
		for _, key := range strings.FieldsFunc(s, func(c rune) bool { return strings.ContainsRune(" ·:", c) }) {
			if key == "Space" || key == "Home" || len([]rune(key)) == 1 { // a cap, or Home
				assert.NotContains(t, words, key, "the row shows %q; the status line %q says it again", key, footer)
			}
		}
	}
	for _, rest := range []string{"click the bar", "PgUp/PgDn", "Esc"} {
		assert.Contains(t, footer, rest, "the status line says what the row does not")
	}
}

// TestPlaybackSaysWhatTheLearnerChose: a replay of a round with the learner as ops,
// played back, says at its end what the learner chose, as the live round's debrief did
// (its statements and debrief said nothing: a replay holds no reasons).
func TestPlaybackSaysWhatTheLearnerChose(t *testing.T) {
	live, err := NewRound(Setup{Preset: "silo", Months: 2, Seed: 3, Players: [2]Player{{Bot: true}, {Bot: true, Name: "learner"}}})
	require.NoError(t, err)
	for !live.Done() {
		live.Step(nil)
	}
	want := live.Decisions()
	require.NotEmpty(t, want)
	back, err := NewPlayback(live.Replay())
	require.NoError(t, err)
	for !back.Done() {
		back.Step(nil)
	}
	assert.Equal(t, want, back.Decisions())
	assert.Contains(t, report.DecisionsSection(back.Decisions()), "Ops learned from its pay")
}
