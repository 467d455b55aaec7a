package sim

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestNames pins the names the replay files, scenario files, logs and the game show.
func TestNames(t *testing.T) {
	assert.Equal(t, "dev", Dev.String())
	assert.Equal(t, "ops", Ops.String())
	assert.Equal(t, "role(7)", Role(7).String())
	assert.Equal(t, "left", Left.String())
	assert.Equal(t, "right", Right.String())
	assert.Equal(t, "none", NoHand.String())
	assert.Equal(t, Right, Left.Other())
	assert.Equal(t, Left, Right.Other())
	assert.Equal(t, 1.5, Tick(90).Seconds())

	names := []string{"none", "release", "test-start", "test-stop", "approve", "reject",
		"catch-left", "catch-right", "retire-left", "retire-right", "swap", "recover", "discard", "ack"}
	for a, n := range names {
		assert.Equal(t, n, Action(a).String())
		got, err := ParseAction(n)
		if a == int(ActNone) {
			assert.Error(t, err, "none is no action anyone takes")
			continue
		}
		require.NoError(t, err, n)
		assert.Equal(t, Action(a), got)
	}
	assert.Equal(t, "action(14)", numActions.String())
	_, err := ParseAction("juggle")
	assert.EqualError(t, err, `unknown action "juggle"`)
	for _, a := range []Action{ActRelease, ActTestStart, ActTestStop} {
		assert.Equal(t, Dev, a.Role(), a.String())
	}
	for a := ActApprove; a < numActions; a++ {
		assert.Equal(t, Ops, a.Role(), a.String())
	}
	assert.Equal(t, "t=5 ops catch-left 1", Input{Tick: 5, Role: Ops, Action: ActCatchLeft, Arg: 1}.String())

	for s, n := range []string{"incoming", "air", "floor", "recovering", "stand"} {
		assert.Equal(t, n, BallState(s).String())
	}
	assert.Equal(t, "?", BallState(5).String())
	for s := BallIncoming; s <= BallStand; s++ {
		assert.Equal(t, s == BallIncoming || s == BallAir, s.InJuggle(), s.String())
		assert.Equal(t, s == BallFloor || s == BallRecovering, s.Down(), s.String())
	}

	for c, n := range []struct{ s, k string }{
		{"none", "none"}, {"no live version", "no-live"}, {"live version dropped", "live-drop"},
		{"in-place upgrade", "upgrade"}, {"defect", "defect"}, {"unknown", "unknown"},
	} {
		assert.Equal(t, n.s, Cause(c).String())
		assert.Equal(t, n.k, Cause(c).Key())
		assert.Equal(t, c >= int(CauseNoLive) && c <= int(CauseUpgrade), Cause(c).InfraVisible(), n.k)
	}
	assert.Equal(t, "?", numCauses.String())
	assert.Equal(t, "?", numCauses.Key())
	for d, n := range []struct{ s, k string }{
		{"not detected", "none"}, {"infrastructure alert", "infra"}, {"KPI alert", "kpi"}, {"customer complaint", "complaint"}, {"?", "?"},
	} {
		assert.Equal(t, n.s, Detector(d).String())
		assert.Equal(t, n.k, Detector(d).Key())
	}
	assert.Equal(t, "refused", EvRefused.String())
	assert.Equal(t, "feature-done", EvFeatureDone.String())
	assert.Equal(t, "?", EventKind(200).String())
	assert.Equal(t, "?", EventKind(len(eventNames)).String(), "the first kind past the list")
	assert.Len(t, eventNames, int(EvRefused)+1, "a name for every event")
}

func TestIncidentAndMonthHelpers(t *testing.T) {
	in := Incident{Start: 10, Resolved: -1, Causes: 1<<CauseDefect | 1<<CauseUpgrade}
	assert.Equal(t, Tick(-1), in.Duration(), "still open")
	in.Resolved = 25
	assert.Equal(t, Tick(15), in.Duration())
	assert.True(t, in.HasCause(CauseDefect))
	assert.True(t, in.HasCause(CauseUpgrade))
	assert.False(t, in.HasCause(CauseLiveDrop))

	m := MonthStatement{}
	assert.Zero(t, m.UptimePermille())
	assert.Zero(t, m.Uptime())
	m = MonthStatement{AvailSum: 999*100 + 50, Ticks: 100}
	assert.Equal(t, int32(999), m.UptimePermille(), "rounded down")
	assert.InDelta(t, 0.9995, m.Uptime(), 1e-12)
}

// TestEventsBeyondTheTickLimitAreCounted: a tick keeps maxEvents events; more are counted
// as lost, not kept.
func TestEventsBeyondTheTickLimitAreCounted(t *testing.T) {
	w := New(DefaultConfig(), 1)
	for i := range maxEvents + 3 {
		w.emit(Event{Kind: EvWhiff, Arg: int32(i)})
	}
	assert.Len(t, w.Events(), maxEvents)
	assert.Equal(t, int32(maxEvents-1), w.Events()[maxEvents-1].Arg)
	assert.Equal(t, int64(3), w.eventsLost)
	w.Step(nil)
	assert.Empty(t, w.Events(), "a new tick starts a new list")
}

func TestPayScheme(t *testing.T) {
	p := PayScheme{PerFeature: 10, Tiers: []Tier{{990, 1000}, {950, 500}}}
	assert.Equal(t, int64(20*10+1000), p.MaxPay(20))
	assert.Equal(t, int64(0), PayScheme{}.MaxPay(20))
	assert.Equal(t, int64(700), PayScheme{Tiers: []Tier{{990, 300}, {500, 700}}}.MaxPay(0), "the largest bonus, whatever its tier")
	assert.Equal(t, int64(-20), p.Pay(-2, 0, 1000), "a clawback can make a month's feature pay negative")
}
