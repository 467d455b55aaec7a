package coach

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
)

// TestExplainEveryReason: every reason the world gives has its own plain words, never
// the internal name of an action or the fallback "not now".
func TestExplainEveryReason(t *testing.T) {
	v := &sim.View{MaxBalls: 6}
	seen := map[string]sim.Refusal{}
	for why := sim.RefusedEmptyTray; why.String() != "?"; why++ {
		for _, a := range []sim.Action{sim.ActRelease, sim.ActTestStart, sim.ActApprove, sim.ActReject, sim.ActRecover, sim.ActDiscard} {
			text := Explain(&sim.Event{Kind: sim.EvRefused, Action: a, Why: why}, v)
			assert.NotEqual(t, "not now", text, "%s", why)
			for _, internal := range []string{"not now", "test-start", "test-stop", "catch-", "retire-"} {
				assert.NotContains(t, text, internal, "%s", why)
			}
			if prev, ok := seen[text]; ok {
				assert.Equal(t, prev, why, "%q explains two reasons", text)
			}
			seen[text] = why
		}
	}
	assert.Equal(t, "production is full (6 balls): throw one away or retire one first",
		Explain(&sim.Event{Kind: sim.EvRefused, Action: sim.ActRecover, Why: sim.RefusedFull}, v))
	assert.Equal(t, "nothing to approve", Explain(&sim.Event{Kind: sim.EvRefused, Action: sim.ActApprove, Why: sim.RefusedNoRequest}, v))
	assert.Equal(t, "nothing to reject", Explain(&sim.Event{Kind: sim.EvRefused, Action: sim.ActReject, Why: sim.RefusedNoRequest}, v))
	assert.Equal(t, "not now", Explain(&sim.Event{Kind: sim.EvRefused}, v), "a refusal with no reason")
	assert.Empty(t, Explain(&sim.Event{Kind: sim.EvCatch}, v))
	assert.Contains(t, Explain(&sim.Event{Kind: sim.EvBusy}, v), "picking a ball up")
	assert.Contains(t, Explain(&sim.Event{Kind: sim.EvWhiff}, v), "no ball in reach")
}

// TestExplainWhatTheWorldRefused: pressing pick-up for a fall nobody knows of yet (no
// monitoring) is refused, and the words say why.
func TestExplainWhatTheWorldRefused(t *testing.T) {
	cfg := config(nil)
	w := sim.New(cfg, 1)
	for w.Tick() <= cfg.FlightTicks+cfg.CatchWindowTicks {
		w.Step(nil) // both balls fall
	}
	w.Step([]sim.Input{{Tick: w.Tick(), Role: sim.Ops, Action: sim.ActRecover}, {Tick: w.Tick(), Role: sim.Ops, Action: sim.ActApprove}})
	var got []string
	v := observe(w)
	for _, e := range w.Events() {
		if text := Explain(&e, v); text != "" {
			got = append(got, text)
		}
	}
	require.Len(t, got, 2)
	assert.True(t, strings.HasPrefix(got[0], "you cannot see a ball on the floor yet"), got[0])
	assert.Equal(t, "nothing to approve", got[1])
}

// TestUsedActions: key hints only for the actions a preset uses: approve and reject with
// the gate, swap with blue/green.
func TestUsedActions(t *testing.T) {
	for _, tc := range []struct {
		preset     string
		gate, swap bool
	}{{"silo", true, false}, {"devops", false, false}, {"sre", false, false}, {"bluegreen", true, true}} {
		cfg, err := sim.Preset(tc.preset)
		require.NoError(t, err)
		u := Used(&cfg)
		assert.Equal(t, tc.gate, u.Has(sim.ActApprove), tc.preset)
		assert.Equal(t, tc.gate, u.Has(sim.ActReject), tc.preset)
		assert.Equal(t, tc.swap, u.Has(sim.ActSwap), tc.preset)
		for _, a := range []sim.Action{sim.ActRelease, sim.ActTestStart, sim.ActTestStop, sim.ActCatchLeft, sim.ActCatchRight,
			sim.ActRetireLeft, sim.ActRetireRight, sim.ActRecover, sim.ActDiscard, sim.ActAcknowledge} {
			assert.True(t, u.Has(a), "%s: %s", tc.preset, a)
			assert.NotEmpty(t, Words(a), a)
		}
		assert.False(t, u.Has(sim.ActNone), tc.preset)
		assert.False(t, u.Has(sim.Action(40)), tc.preset)
	}
	assert.Equal(t, "throw it away", Words(sim.ActDiscard))
	assert.Empty(t, Words(sim.ActNone))
}
