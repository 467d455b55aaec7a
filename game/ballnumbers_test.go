package game

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEveryBallShowsItsVersion: the prompts name versions ("retire the oldest (v1)",
// "the live version v2 fell"), so every ball in production carries its number, the live
// one too, cracked or not.
func TestEveryBallShowsItsVersion(t *testing.T) {
	g, _ := newTestGame(t, Options{})
	rs := startRound(t, g, "silo")
	v := &rs.round.View
	require.Equal(t, 2, v.BallsN)
	for _, cracked := range []bool{false, true} {
		for i := range v.BallsN {
			if v.Balls[i].Live {
				v.Balls[i].Cracked = cracked
			}
		}
		texts := said(g)
		for i := range v.BallsN {
			b := &v.Balls[i]
			assert.Contains(t, texts, fmt.Sprintf("v%d", b.Version), "cracked %v: ball v%d (live %v) shows its number", cracked, b.Version, b.Live)
		}
	}
}
