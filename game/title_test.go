package game

import (
	"path/filepath"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
)

// TestWatchBotsKeepsRoles: WATCH BOTS plays a round with bots in both roles, but the
// roles chosen on the title screen stay as they were: shown when the players come back
// to the title, and saved for the next start. So does -autoplay (Options.Attract).
func TestWatchBotsKeepsRoles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "settings.json")
	st := DefaultSettings()
	st.Dev, st.Ops, st.Preset = "human", "bot:wall", "devops"
	require.NoError(t, SettingsStore{Path: path}.Save(st))
	g, d := newTestGame(t, Options{SettingsPath: path})
	title := g.Scene().(*titleScene)
	want := [2]Player{Human, {Bot: true, Name: "wall"}}
	require.Equal(t, want, title.setup.Players)

	title.sel = rowAttract
	d.press(ebiten.KeyEnter)
	update(t, g, 1)
	rd := roundOf(t, g).round
	assert.Equal(t, [2]Player{{Bot: true}, {Bot: true, Name: "wall"}}, rd.Setup.Players, "bots play both roles, the chosen bot too")
	assert.False(t, rd.Human(sim.Dev) || rd.Human(sim.Ops))

	assert.Equal(t, want, title.setup.Players, "the title's roles are unchanged")
	saved, notice := SettingsStore{Path: path}.Load()
	require.Empty(t, notice)
	assert.Equal(t, "human", saved.Dev, "the saved dev role")
	assert.Equal(t, "bot:wall", saved.Ops, "the saved ops role")
	assert.Equal(t, want, newTitleScene(g).setup.Players, "back on the title (quit to title, or the next start)")

	t.Run("autoplay", func(t *testing.T) {
		s := Setup{Preset: "silo", Months: 1, Seed: 4, Players: [2]Player{Human, Human}}
		g, _ := newTestGame(t, Options{Start: true, Attract: true, Setup: s, SetupGiven: true})
		rd := roundOf(t, g).round
		assert.Equal(t, [2]Player{{Bot: true}, {Bot: true}}, rd.Setup.Players)
		assert.Equal(t, s.Players, newTitleScene(g).setup.Players, "the title shows the roles given")
	})
}

// TestTitleArrowsAlongButtonRow: on the title's grid of buttons, ← and → move to the
// button beside, round its row of four (they did nothing, though the footer says
// "Arrows choose"); on a choice they still change its value.
func TestTitleArrowsAlongButtonRow(t *testing.T) {
	g, d := newTestGame(t, Options{})
	title := g.Scene().(*titleScene)
	press := func(k ebiten.Key) {
		d.press(k)
		update(t, g, 1)
	}
	title.sel = rowPractice
	press(ebiten.KeyRight)
	assert.Equal(t, rowGuided, title.sel)
	press(ebiten.KeyLeft)
	press(ebiten.KeyLeft)
	assert.Equal(t, rowAttract, title.sel, "round the row: from its first to its last")
	press(ebiten.KeyRight)
	assert.Equal(t, rowPractice, title.sel, "and back")
	title.sel = rowQuit
	press(ebiten.KeyRight)
	assert.Equal(t, rowHowTo, title.sel, "the second row keeps to itself")

	title.sel = rowMonths
	months := title.setup.Months
	press(ebiten.KeyRight)
	assert.Equal(t, rowMonths, title.sel)
	assert.Equal(t, months+1, title.setup.Months, "on a choice, → changes its value")
}
