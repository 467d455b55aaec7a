package game

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
	"devopsjuggle/sim/report"
)

// TestTopBarFromView: the running uptime and this month's running pay on the top bar are
// what the world says, as far as the View shows it: all of it with top-down monitoring
// (devops), only the feature part and a "?" without (silo).
func TestTopBarFromView(t *testing.T) {
	for _, tt := range []struct {
		preset string
		known  bool
	}{{"devops", true}, {"sre", true}, {"silo", false}, {"bluegreen", false}} {
		t.Run(tt.preset, func(t *testing.T) {
			rd, err := NewRound(Setup{Preset: tt.preset, Months: 2, Seed: 3, Players: bots})
			require.NoError(t, err)
			// Into the second month, so that the month's figures differ from the round's.
			for rd.World.Tick() < rd.Config.MonthTicks+20*sim.TicksPerSecond {
				rd.Step(nil)
			}
			v, w, cfg := &rd.View, rd.World, &rd.Config
			cur, st := w.Current(), w.Stats()
			require.Positive(t, cur.Shipped, "a feature shipped this month (reproduce with -preset=%s -seed=3)", tt.preset)

			up, ok := uptimeSoFar(v)
			assert.Equal(t, tt.known, ok, "the uptime is shown only with top-down monitoring")
			if tt.known {
				assert.InDelta(t, float64(st.AvailSum)/float64(1000*int64(w.Tick())), up, 1e-12)
			}
			for _, p := range []struct {
				role   string
				scheme sim.PayScheme
			}{{"dev", cfg.DevPay}, {"ops", cfg.OpsPay}} {
				got := paySoFar(p.scheme, v)
				switch {
				case tt.known || len(p.scheme.Tiers) == 0:
					want := "+" + report.Dollars(p.scheme.Pay(cur.Shipped, cur.AvailSum, cur.Ticks)) + " this month"
					assert.Equal(t, want, got, p.role)
				case p.scheme.PerFeature == 0:
					assert.Equal(t, "+? this month", got, p.role)
				default:
					want := fmt.Sprintf("+%s +? this month", report.Dollars(int64(p.scheme.PerFeature)*int64(cur.Shipped)))
					assert.Equal(t, want, got, p.role)
				}
			}
		})
	}
}

// textBox is where a recorded text is drawn, in logical pixels: its measured width by its
// alignment, and its size for its height.
func textBox(r *Renderer, q queuedText) (x0, y0, x1, y1 float32) {
	st := &q.st
	w := r.Measure(q.s, *st)
	switch st.Align {
	case Center, CenterMid:
		x0 = q.x - w/2
	case Right, RightMid:
		x0 = q.x - w
	default:
		x0 = q.x
	}
	y0 = q.y
	if st.Align >= LeftMid {
		y0 = q.y - st.Size/2
	}
	return x0, y0, x0 + w, y0 + st.Size
}

// windowScales are the device pixels per logical pixel of common windows: 800x450,
// 1024x576, 1280x720, 1366x768, 1920x1080.
var windowScales = []float64{0.625, 0.8, 1, 1366.0 / 1280, 1.5}

// TestTopBarTextsApart: no two texts of the top bar touch (topGap apart at least), at
// every window size, with the widest figures of a round of each preset: month 12 of 12,
// day 30, $12,000 of pay each and ten features this month. Text is measured as drawn.
func TestTopBarTextsApart(t *testing.T) {
	g, _ := newTestGame(t, Options{})
	img := ebiten.NewImage(ScreenW*3/2, ScreenH*3/2)
	defer img.Deallocate()
	r := g.r
	for _, preset := range sim.PresetNames() {
		for _, months := range []int{3, 12} {
			rs, err := newRoundScene(g, Setup{Preset: preset, Months: months, Seed: 1, Players: bots}, "")
			require.NoError(t, err)
			cfg := &rs.round.Config
			v := &rs.round.View
			v.Month, v.MonthTick, v.Tick = months-1, cfg.MonthTicks-1, cfg.Ticks()-1
			v.DevPay, v.OpsPay, v.MonthShipped = 12000, 12000, 10
			if v.UptimeKnown {
				v.AvailSum, v.MonthAvailSum = 999*int64(v.Tick), 1000*int64(v.MonthTick)
			}
			for _, sc := range windowScales {
				r.Begin(img, sc)
				r.record = true
				rs.drawTopBar(g, r, v, nil)
				texts := append([]queuedText(nil), r.recorded...)
				r.Flush()
				r.record = false
				for _, a := range texts {
					_, _, ax1, _ := textBox(r, a)
					assert.LessOrEqual(t, ax1, float32(pauseBtnX-topGap), "%q clear of the pause button", a.s)
				}
				assertApart(t, r, texts, topGap, "%s, %d months, scale %.3f", preset, months, sc)
			}
		}
	}
}

// assertApart checks that no two texts side by side are closer than gap (texts one above
// the other may be close).
func assertApart(t *testing.T, r *Renderer, texts []queuedText, gap float32, format string, args ...any) {
	t.Helper()
	for i, a := range texts {
		ax0, ay0, ax1, ay1 := textBox(r, a)
		for _, b := range texts[i+1:] {
			bx0, by0, bx1, by1 := textBox(r, b)
			if ay1 <= by0 || by1 <= ay0 {
				continue // one above the other
			}
			got := max(bx0-ax1, ax0-bx1)
			assert.GreaterOrEqual(t, got, gap, "%s: %q and %q", fmt.Sprintf(format, args...), a.s, b.s)
		}
	}
}

// TestMonthStatementTextsApart: the month's statement says why each role was paid, side
// by side: the two never run into each other (shared pay has two parts each), at every
// window size, with the longest reasons.
func TestMonthStatementTextsApart(t *testing.T) {
	for _, preset := range sim.PresetNames() {
		s := Setup{Preset: preset, Months: 2, Seed: 2, Players: bots}
		g, _ := newTestGame(t, Options{Start: true, Setup: s})
		update(t, g, 1801)
		ms, ok := g.Scene().(*monthScene)
		require.True(t, ok, "the month's statement, %s", preset)
		ms.st.Shipped, ms.st.AvailSum = 10, 0 // the longest reasons: ten features, no bonus
		img := ebiten.NewImage(ScreenW*3/2, ScreenH*3/2)
		r := g.r
		for _, sc := range windowScales {
			r.Begin(img, sc)
			r.record = true
			ms.drawStatement(r)
			texts := append([]queuedText(nil), r.recorded...)
			r.Flush()
			r.record = false
			assertApart(t, r, texts, 12, "%s, scale %.3f", preset, sc)
		}
		img.Deallocate()
	}
}

// TestTopBarUptimeBeforeFirstTick: during "get ready" no tick has run, so the uptime is
// no figure: the top bar shows "-", not 0.00 % (the KPI beside it says 100 %); after
// the first tick, the uptime of that tick.
func TestTopBarUptimeBeforeFirstTick(t *testing.T) {
	s := Setup{Preset: "devops", Months: 1, Seed: 1, Players: [2]Player{Human, Human}}
	g, _ := newTestGame(t, Options{Start: true, Setup: s})
	uptime := func() string {
		for _, q := range frameTexts(g) {
			if q.x == topUptimeX && q.y == 26 {
				return q.s
			}
		}
		return ""
	}
	update(t, g, 1)
	require.Positive(t, roundOf(t, g).countdown, "get ready")
	assert.Equal(t, "-", uptime())
	update(t, g, readyTicks)
	require.Equal(t, sim.Tick(1), roundOf(t, g).round.World.Tick())
	assert.Equal(t, "100.00 %", uptime())
}

// TestMonthShownUnderStatement: behind a month's statement the calendar shows the month
// that ended, full (the world is already in the next one); back in the round, the next.
func TestMonthShownUnderStatement(t *testing.T) {
	s := Setup{Preset: "silo", Months: 2, Seed: 2, Players: bots}
	g, _ := newTestGame(t, Options{Start: true, Setup: s})
	update(t, g, 1801)
	require.IsType(t, &monthScene{}, g.Scene())
	got := said(g)
	assert.Contains(t, got, "MONTH 1/2 · DAY 30")
	assert.NotContains(t, got, "MONTH 2/2 · DAY 1")
	update(t, g, attractMonthTicks+1)
	require.IsType(t, &roundScene{}, g.Scene())
	assert.Contains(t, said(g), "MONTH 2/2 · DAY 1")
}

// TestProductionHeaderTextsApart: production's heading, who plays ops, the practices'
// line and the version count never run into each other (a play-tester read "no
// monitoringversions: 3" and sre's "error budget" under the count), in every preset,
// for a person and for the longest bot's label, with more versions than the target (the
// count in bold), at every window size.
func TestProductionHeaderTextsApart(t *testing.T) {
	g, _ := newTestGame(t, Options{})
	img := ebiten.NewImage(ScreenW*3/2, ScreenH*3/2)
	defer img.Deallocate()
	r := g.r
	for _, preset := range sim.PresetNames() {
		for _, ops := range []Player{Human, {Bot: true, Name: "equilibrium"}} {
			rs, err := newRoundScene(g, Setup{Preset: preset, Months: 1, Seed: 1, Players: [2]Player{{Bot: true}, ops}}, "")
			require.NoError(t, err)
			v := rs.round.View
			v.TargetBalls = 1 // two versions up: one too many
			for _, sc := range windowScales {
				r.Begin(img, sc)
				r.record = true
				rs.drawProduction(g, r, &v, 0)
				var head []queuedText
				for _, q := range r.recorded {
					if q.y < prodY+90 && q.x < monX {
						head = append(head, q)
					}
				}
				r.Flush()
				r.record = false
				require.True(t, slices.ContainsFunc(head, func(q queuedText) bool { return strings.HasPrefix(q.s, "versions: 2") }), "%s: the count is drawn", preset)
				assertApart(t, r, head, 12, "%s, ops %v, scale %.3f", preset, ops, sc)
			}
		}
	}
}

// TestTopBarLongPresetName: a scenario's or a replay's long name ("silo+difficulty=normal",
// a play-tester saw it run under the month's title) steps down a size and then loses its
// middle, clear of the month's title and bar, at every window size.
func TestTopBarLongPresetName(t *testing.T) {
	g, _ := newTestGame(t, Options{})
	img := ebiten.NewImage(ScreenW*3/2, ScreenH*3/2)
	defer img.Deallocate()
	r := g.r
	for _, name := range []string{"silo+difficulty=normal", "bluegreen+dev=careful+ops=partner+difficulty=hard"} {
		rs, err := newRoundScene(g, Setup{Preset: "silo", Months: 12, Seed: 1, Players: bots}, "")
		require.NoError(t, err)
		rs.round.Config.Name = name
		for _, sc := range windowScales {
			r.Begin(img, sc)
			r.record = true
			rs.drawTopBar(g, r, &rs.round.View, nil)
			texts := append([]queuedText(nil), r.recorded...)
			r.Flush()
			r.record = false
			shown := false
			for _, q := range texts {
				if q.x == topPresetX && q.y > 20 {
					shown = true
					_, _, x1, _ := textBox(r, q)
					assert.LessOrEqual(t, x1, float32(ScreenW/2-170), "%q at scale %.3f ends before the month's bar", q.s, sc)
				}
			}
			assert.True(t, shown, "the name is drawn")
			assertApart(t, r, texts, topGap, "%s, scale %.3f", name, sc)
		}
	}
}
