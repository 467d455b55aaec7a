package game

import (
	"fmt"

	"github.com/hajimehoshi/ebiten/v2"

	"devopsjuggle/assets"
	"devopsjuggle/sim"
	"devopsjuggle/sim/replay"
	"devopsjuggle/sim/report"
)

// Playing a replay back for the debrief (juggle -replay FILE): at 1x, 2x or 4x, held
// with Space, moved a month back or on with the arrows (or PgUp/PgDn), to the start with
// Home, or to any moment by a click on the progress bar. A seek back plays the round
// again from its first tick to the target, the replay player checking every hash on the
// way: the model is cheap (a 3-month round replays in a few milliseconds), and a world
// is never copied or rewound, so what the screen shows is always what the replay's
// inputs give from the start.

// playback is the replay's controls: its speed and whether Space holds it.
type playback struct {
	speed int  // model ticks per update: 1, 2 or 4
	held  bool // held with Space: the round stays on screen, without the pause menu
}

// playbackSpeeds are the speeds offered, each on its digit key (and the keypad's).
var playbackSpeeds = [...]struct {
	key, pad ebiten.Key
	speed    int
}{
	{ebiten.KeyDigit1, ebiten.KeyNumpad1, 1},
	{ebiten.KeyDigit2, ebiten.KeyNumpad2, 2},
	{ebiten.KeyDigit4, ebiten.KeyNumpad4, 4},
}

// seekBackGraceTicks is how far into a month "previous month" goes to the month's own
// start rather than the one before, as a media player's "previous" does: 2 s (2 days).
const seekBackGraceTicks = 2 * sim.TicksPerSecond

func newPlayback() *playback { return &playback{speed: 1} }

// update reads the playback's keys and taps, then plays the round speed ticks on,
// unless held. It stands for the round scene's own stepping when a replay plays.
func (p *playback) update(g *Game, s *roundScene) error {
	gs := &g.Gestures
	cfg := &s.round.Config
	now := s.round.World.Tick()
	for _, sp := range playbackSpeeds {
		if gs.Pressed(sp.key) || gs.Pressed(sp.pad) || gs.Tapped(speedCapRect(sp.speed)) {
			p.speed = sp.speed
		}
	}
	switch {
	case gs.Pressed(ebiten.KeySpace) || gs.Tapped(holdCapRect()):
		p.held = !p.held
		g.Audio.Play(assets.SoundClick)
	case gs.Pressed(ebiten.KeyArrowLeft) || gs.Pressed(ebiten.KeyPageUp):
		s.seek(g, prevMonthStart(now, cfg.MonthTicks))
	case gs.Pressed(ebiten.KeyArrowRight) || gs.Pressed(ebiten.KeyPageDown):
		if t := nextMonthStart(now, cfg.MonthTicks); t < s.endTick() {
			s.seek(g, t)
		}
	case gs.Pressed(ebiten.KeyHome):
		s.seek(g, 0)
	}
	for _, t := range gs.Taps {
		if t.In(pbBarX, pbBarY, pbBarW, pbBarH) {
			s.seek(g, barTick(t.X, s.endTick()))
		}
	}
	if p.held {
		return nil
	}
	// Bounded: speed ticks at most; a month's end or the replay's end stops early.
	for range p.speed {
		if s.advance(g) { // the replay's inputs: a playback takes no one's keys
			return nil
		}
	}
	return nil
}

// prevMonthStart is where "previous month" goes from tick now: the start of this month,
// or of the one before if now is within seekBackGraceTicks of this month's start.
func prevMonthStart(now, monthTicks sim.Tick) sim.Tick {
	start := now / monthTicks * monthTicks
	if now-start < seekBackGraceTicks {
		start = max(0, start-monthTicks)
	}
	return start
}

// nextMonthStart is where "next month" goes from tick now.
func nextMonthStart(now, monthTicks sim.Tick) sim.Tick { return (now/monthTicks + 1) * monthTicks }

// endTick is the tick the replay ends at.
func (s *roundScene) endTick() sim.Tick { return s.round.player.Replay().End.Tick }

// seek moves the replay to tick t (at most its end): on from where it is, or, back,
// again from the first tick. The ticks passed make no sound or caption; the month's
// statements passed are not shown. The replay player checks every hash on the way, so a
// divergence before t shows at once.
func (s *roundScene) seek(g *Game, t sim.Tick) {
	t = min(max(t, 0), s.endTick())
	rd := s.round
	if t < rd.World.Tick() {
		again, err := NewPlayback(rd.player.Replay())
		if err != nil { // the replay's config was valid when it opened
			g.Notify(err.Error())
			return
		}
		s.round = again
	}
	// Bounded: t is within the replay, and each pass plays one tick.
	for s.round.World.Tick() < t && !s.round.Done() {
		s.round.Step(nil)
	}
	s.observe(nil) // the cues of the tick arrived at, without their sounds
	s.fx = NewEffects()
	g.Audio.Play(assets.SoundClick)
}

// timeNow is the model time a frame of the replay shows: between the tick before the
// last update's speed ticks and the tick after them, so that balls glide at 4x as at 1x;
// held, the tick just played.
func (p *playback) timeNow(tick sim.Tick, alpha float64) float64 {
	if p.held {
		return float64(tick - 1)
	}
	k := float64(p.speed)
	return float64(tick) - k + k*alpha
}

// The playback strip, in the round's hint strip (hintY to the status line): the progress
// bar, a box per month with its name and a line filling as the round plays, on the first
// row; the state and the keys, as caps, on the second.
const (
	pbBarX, pbBarY, pbBarW, pbBarH = 136, hintY - 1, 1128, 24
	pbKeysY                        = hintY + 25 // the second row's top
	pbCapH                         = 20
)

// pbPlayedTint fills the played part of the progress bar: purple, dark enough that the
// months' names, dim or not, keep a contrast of 4.5:1 or more on it (WCAG's AA for text)
// over the strips' ground (ColPanel: 5.0:1 for ColDim; at 0.4 it was 4.19:1).
var pbPlayedTint = fade(ColPurple, 0.3)

// pbNameGap is the least room between the playhead and a month's name: a name the
// playhead comes to steps aside (monthNameX).
const pbNameGap = 6

// pbPlayheadStub is the length of each half of the playhead where it crosses a
// month's name it could not step aside from: clear of the name's letters, which fill
// the bar's middle 14 px.
const pbPlayheadStub = 7

// monthNameX is where a month's name (nameW wide) is centred in its box (from x, w
// wide) with the playhead at px: in the box's middle, or, where the playhead would cross
// it, beside it: pushed ahead of it to the box's middle, then behind it, back to the
// middle (a playhead cut to stubs round the name showed 5 px of where the replay is). In a
// box too narrow for that, the name stays inside the box, and clear reports false.
func monthNameX(x, w, nameW, px float32) (cx float32, clear bool) {
	cx = x + w/2
	reach := nameW/2 + pbNameGap + 2 // the playhead is 4 px wide
	switch {
	case px <= cx-reach || px >= cx+reach:
		return cx, true
	case px < cx:
		cx = px + reach // pushed ahead
	default:
		cx = px - reach // left behind
	}
	lo, hi := x+4+nameW/2, x+w-4-nameW/2
	return min(max(cx, lo), hi), cx >= lo && cx <= hi
}

// barTick is the replay's tick at x on the progress bar.
func barTick(x float32, end sim.Tick) sim.Tick {
	f := min(max((x-pbBarX)/pbBarW, 0), 1)
	return sim.Tick(f * float32(end))
}

// The second row's caps: Space, then 1, 2 and 4, then the arrows; at fixed places, so
// that a tap finds them.
const (
	pbHoldX  = 520
	pbSpeedX = 740
	pbSeekX  = 990
)

func holdCapRect() (x, y, w, h float32) { return pbHoldX, pbKeysY, 64, pbCapH }

func speedCapRect(speed int) (x, y, w, h float32) {
	i := map[int]float32{1: 0, 2: 1, 4: 2}[speed]
	return pbSpeedX + 64 + i*30, pbKeysY, 26, pbCapH
}

// draw draws the playback strip: the bar with the months and where the replay is, the
// state (playing at a speed, or held) with the time, and the keys.
func (p *playback) draw(g *Game, r *Renderer, s *roundScene) {
	cfg := &s.round.Config
	end := s.endTick()
	now := s.round.World.Tick()
	months := cfg.Months
	// The REPLAY plate at the row's start.
	r.Rect(16, pbBarY, 104, pbBarH, ColPurple)
	r.Text("REPLAY", 68, pbBarY+pbBarH/2, styleKeyCap)
	// A box per month of the round; the replay may end early (a round ended early).
	monthW := float32(pbBarW) / float32(months)
	px := pbBarX + pbBarW*float32(now)/float32(sim.Tick(months)*cfg.MonthTicks)
	onName := false // the playhead crosses a month's name: its box is too narrow
	for m := 0; m < months; m++ {
		x := pbBarX + float32(m)*monthW
		r.Frame(x+1, pbBarY, monthW-2, pbBarH, 2, ColPanelEdge)
		from, to := sim.Tick(m)*cfg.MonthTicks, sim.Tick(m+1)*cfg.MonthTicks
		if played := min(now, to) - from; played > 0 {
			// The played part: a dark tint the month's name reads on as well as on the
			// unplayed part (pbPlayedTint), edged in purple along the foot, clear of the
			// name's ink (a 6 px purple strip ran under its letters).
			pw := (monthW - 2) * float32(played) / float32(cfg.MonthTicks)
			r.Rect(x+1, pbBarY, pw, pbBarH, pbPlayedTint)
			r.Rect(x+1, pbBarY+pbBarH-2, pw, 2, ColPurple)
		}
		name := fmt.Sprintf("month %d", m+1)
		nameW := r.Measure(name, styleLabel)
		if nameW+pbNameGap+2 > (monthW-2)/2-4 { // short, where it could not step aside
			name = fmt.Sprintf("M%d", m+1)
			nameW = r.Measure(name, styleLabel)
		}
		c := ColDim
		if now >= from && now < to {
			c = ColText
		}
		if from < end {
			cx, clear := monthNameX(x+1, monthW-2, nameW, px)
			r.Text(name, cx, pbBarY+pbBarH/2, styleLabel.In(c).At(CenterMid))
			onName = onName || !clear
		}
	}
	if total := sim.Tick(months) * cfg.MonthTicks; end < total {
		// Where the recording stops: the rest of the round was not played.
		ex := pbBarX + pbBarW*float32(end)/float32(total)
		r.Rect(ex, pbBarY, pbBarX+pbBarW-ex, pbBarH, fade(ColBG, 0.8))
		r.Rect(ex-1, pbBarY-2, 3, pbBarH+4, ColVermilion)
	}
	if onName {
		// Over a month's name in a box too narrow for it to step aside (a round of
		// two dozen months), the playhead leaves the name's row to it: a stub above and
		// one below, from the bar's edges to past them.
		r.Rect(px-2, pbBarY-3, 4, pbPlayheadStub, ColYellow)
		r.Rect(px-2, pbBarY+pbBarH+3-pbPlayheadStub, 4, pbPlayheadStub, ColYellow)
	} else {
		r.Rect(px-2, pbBarY-3, 4, pbBarH+6, ColYellow)
	}

	// The second row: the state and the time, then the keys.
	state := fmt.Sprintf("PLAYING %dx", p.speed)
	if p.held {
		state = "HELD"
	}
	r.Text(state, 16, pbKeysY+pbCapH/2, styleStrong.In(ColYellow).At(LeftMid))
	r.Text(report.Clock(now, cfg.MonthTicks), 150, pbKeysY+pbCapH/2, styleSmall.At(LeftMid))

	cap := func(key string, x, w float32, on bool) {
		if on {
			r.Rect(x, pbKeysY, w, pbCapH, ColPurple)
			r.Text(key, x+w/2, pbKeysY+pbCapH/2, styleKeyCap)
			return
		}
		r.Frame(x, pbKeysY, w, pbCapH, 2, ColPurple)
		r.Text(key, x+w/2, pbKeysY+pbCapH/2, styleTag)
	}
	hx, _, hw, _ := holdCapRect()
	cap("Space", hx, hw, p.held)
	hold := "hold"
	if p.held {
		hold = "play"
	}
	r.Text(hold, hx+hw+8, pbKeysY+pbCapH/2, styleSmall.At(LeftMid))
	r.Text("speed", pbSpeedX, pbKeysY+pbCapH/2, styleSmall.At(LeftMid))
	for _, sp := range playbackSpeeds {
		x, _, w, _ := speedCapRect(sp.speed)
		cap(fmt.Sprint(sp.speed), x, w, sp.speed == p.speed)
	}
	cap("←", pbSeekX, 26, false)
	cap("→", pbSeekX+30, 26, false)
	r.Text("month  ·  Home: start", pbSeekX+64, pbKeysY+pbCapH/2, styleSmall.At(LeftMid))
}

// footer is the playback's keys in the status line that the strip's second row does not
// show on its caps: said in both, they took two lines to say once.
func (p *playback) footer() string {
	return "click the bar: go there · PgUp/PgDn: a month · Esc menu · F11 fullscreen · M mute"
}

// divergenceBanner is the red bar's text over production when the replay diverged: the
// tick as the calendar reads it, or that only the end's result was edited.
func divergenceBanner(d *replay.Divergence, monthTicks sim.Tick) string {
	if d.Result != "" {
		return "REPLAY'S RESULT EDITED: every state matches, the recorded result does not"
	}
	return fmt.Sprintf("REPLAY DIVERGES at %s (tick %d); last match at tick %d", report.Clock(d.Tick, monthTicks), d.Tick, d.LastGood)
}

// divergenceNotice is the notice at the replay's end when it diverged.
func divergenceNotice(d *replay.Divergence) string {
	if d.Result != "" {
		return fmt.Sprintf("Replay: every state matches to the end, but its recorded result was edited (%s).", d.Result)
	}
	return fmt.Sprintf("Replay diverges at tick %d (last match at tick %d): the file was changed, or made by other rules.", d.Tick, d.LastGood)
}
