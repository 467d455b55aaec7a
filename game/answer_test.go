package game

import (
	"fmt"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestOpsSeesItsAnswer: ops' answer to a change request (Y, N, or none in time) is
// said in ops' half, under its box, naming the feature; dev's next request may take the
// box's place within a tick and would otherwise look like the one just answered.
func TestOpsSeesItsAnswer(t *testing.T) {
	for _, tt := range []struct {
		key  ebiten.Key
		want string
	}{
		{ebiten.KeyY, "approved"},
		{ebiten.KeyN, "rejected"},
		{-1, "expired"},
	} {
		t.Run(tt.want, func(t *testing.T) {
			g := docRound(t)
			rs := roundOf(t, g)
			v := &rs.round.View
			require.True(t, v.CRActive)
			id := v.Tray[0].ID
			if tt.key >= 0 {
				g.devices.(*fakeDevices).press(tt.key)
				update(t, g, 1)
			} else {
				update(t, g, int(v.CRDeadline-v.Tick)+1)
			}
			require.False(t, v.CRActive && v.Tray[0].ID == id, "the request was answered")
			x, y := capAnswerAt(rs.round.View.Monitoring)
			var said []string
			for i := range rs.fx.texts {
				if c := &rs.fx.texts[i]; c.live() && c.x == x && c.y == y {
					said = append(said, c.shown)
				}
			}
			assert.Equal(t, []string{fmt.Sprintf("%s F%d", tt.want, id)}, said, "under ops' box")
			assert.Greater(t, float32(x), float32(prodX), "in ops' half")
		})
	}
}
