package sim_test

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
	"devopsjuggle/sim/internal/simtest"
)

// TestResetWorldIsNew: a world reset to a config is the world New makes of it, tiers
// included (none is nil, as New's copy), whatever config it held before.
func TestResetWorldIsNew(t *testing.T) {
	r := rand.New(rand.NewPCG(6, 6))
	w := sim.New(simtest.Config(r), 1)
	for i := range 100 {
		cfg := simtest.Config(r)
		if i%4 == 0 {
			cfg.DevPay.Tiers = []sim.Tier{}
		}
		w.AdvanceTo(sim.Tick(r.IntN(2000)))
		w.Reset(cfg, uint64(i))
		fresh := sim.New(cfg, uint64(i))
		require.Equal(t, fresh.Config(), w.Config())
		require.Equal(t, fresh.Hash(), w.Hash())
		fresh.AdvanceTo(fresh.End())
		w.AdvanceTo(w.End())
		require.Equal(t, fresh.Result(), w.Result())
	}
}
