package game

import (
	"fmt"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
)

// toMonthEnd plays g's round to its first month's statement.
func toMonthEnd(t *testing.T, g *Game) *monthScene {
	t.Helper()
	for range 40 * sim.TicksPerSecond {
		if ms, ok := g.Scene().(*monthScene); ok {
			return ms
		}
		update(t, g, 1)
	}
	require.FailNow(t, "no month's statement in 40 s")
	return nil
}

// TestMonthStatementHolds: Enter (ops' acknowledge key) or a click in the statement's
// first monthHoldTicks, as an ops player still acknowledging when the month ends would
// press it, leaves the statement unread no more (it did after 0.75 s); after the hold,
// Enter goes on to the next month; with bots in both roles the statement still moves on
// by itself after attractMonthTicks.
func TestMonthStatementHolds(t *testing.T) {
	g, d := newTestGame(t, Options{})
	rs, err := newRoundScene(g, Setup{Preset: "silo", Months: 2, Seed: 1, Players: [2]Player{{Bot: true}, Human}}, "")
	require.NoError(t, err)
	rs.countdown = 0
	g.Switch(rs)
	ms := toMonthEnd(t, g)
	for ms.age < monthHoldTicks {
		d.press(ebiten.KeyEnter)
		update(t, g, 1)
		d.tap(Point{ScreenW / 2, ScreenH / 2})
		update(t, g, 1)
		require.Same(t, ms, g.Scene(), "a key or click %d ticks into the statement leaves it (hold: %d)", ms.age, monthHoldTicks)
	}
	d.press(ebiten.KeyEnter)
	update(t, g, 1)
	assert.Same(t, rs, g.Scene(), "Enter goes on after the hold")

	bots := Setup{Preset: "silo", Months: 2, Seed: 1, Players: [2]Player{{Bot: true}, {Bot: true}}}
	g, _ = newTestGame(t, Options{Start: true, Setup: bots})
	ms = toMonthEnd(t, g)
	update(t, g, attractMonthTicks-1)
	require.Same(t, ms, g.Scene(), "attract: the statement stays %d ticks", attractMonthTicks)
	update(t, g, 1)
	assert.IsType(t, &roundScene{}, g.Scene(), "attract: the next month after %d ticks", attractMonthTicks)
}

// TestMonthStatementRoomy: on the month's statement, "+ uptime under 95.0 %: no bonus"
// (shared pay's reasons split in two lines) sat against the table under it. At every
// window size, with the most a statement shows (sre: two lines of reasons a role, the
// error budget's row; learner bots: their choices' lines; the hold's bar), every text's
// ink keeps stmtRoom from every other's and from the hold's bar, inside the panel; the
// lines of one paragraph (one style, one anchor: a role's reasons, the bots' choices)
// keep lineRoom.
func TestMonthStatementRoomy(t *testing.T) {
	const stmtRoom, lineRoom = 12, 3
	learner, err := ParsePlayer(0, "bot:learner")
	require.NoError(t, err)
	for _, players := range [][2]Player{{{Bot: true}, Human}, {learner, learner}} {
		s := Setup{Preset: "sre", Months: 2, Seed: 4, Players: players}
		g, _ := newTestGame(t, Options{Start: true, Setup: s})
		ms := toMonthEnd(t, g)
		for _, ws := range windowSizes {
			r := g.r
			r.record = true
			r.Begin(nil, scaleOf(ws.w, ws.h))
			ms.drawStatement(r)
			r.record = false
			var texts []textAt
			var qs []queuedText
			msg := ""
			for _, q := range r.recorded {
				texts = append(texts, textAt{q.s, inkBox(r, q)})
				qs = append(qs, q)
				if q.st == stylePrompt.In(ColDim).At(CenterMid) {
					msg = q.s
				}
			}
			r.Flush()
			at := fmt.Sprintf("%s, %v, %dx%d", s.Preset, players, ws.w, ws.h)
			require.NotEmpty(t, msg, "%s: the prompt, dim during the hold", at)
			bx, by, bw, bh := stmtHoldBar(r, msg)
			holdBar := area{bx, by, bw, bh}
			reasons := 0
			for i, a := range texts {
				if a.s[0] == '+' {
					reasons++
				}
				assert.True(t, a.b.x >= stmtX+6 && a.b.y >= stmtY+6 && a.b.x+a.b.w <= stmtX+stmtW-6 && a.b.y+a.b.h <= stmtY+stmtH-6,
					"%s: %q %v inside the panel", at, a.s, a.b)
				for j, o := range texts[i+1:] {
					want := float32(stmtRoom)
					if q, p := qs[i], qs[i+1+j]; q.st == p.st && q.x == p.x {
						want = lineRoom
					}
					across, down := gapBetween(a.b, o.b)
					assert.True(t, across >= want || down >= want,
						"%s: %q and %q %.1f px apart down (%.1f across): want %.0f", at, a.s, o.s, down, across, want)
				}
				if across, down := gapBetween(a.b, holdBar); across < stmtRoom && a.s != msg {
					assert.GreaterOrEqual(t, down, float32(stmtRoom), "%s: %q and the hold's bar", at, a.s)
				}
			}
			assert.Equal(t, 2, reasons, "%s: each role's pay in two lines (the case that was cramped)", at)
		}
	}
}
