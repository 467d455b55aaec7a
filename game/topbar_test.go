package game

import (
	"fmt"
	"testing"

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
			m, err := NewMatch(Setup{Preset: tt.preset, Months: 2, Seed: 3, Players: bots})
			require.NoError(t, err)
			// Into the second month, so that the month's figures differ from the round's.
			for m.World.Tick() < m.Config.MonthTicks+20*sim.TicksPerSecond {
				m.Step(nil)
			}
			v, w, cfg := &m.View, m.World, &m.Config
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
