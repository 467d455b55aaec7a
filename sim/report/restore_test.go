package report

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"devopsjuggle/sim"
)

// TestRestoreCountsOpenIncidents: an incident still open at the end counts in the mean
// time to restore up to the end, not left out; one that ended counts to its end.
func TestRestoreCountsOpenIncidents(t *testing.T) {
	incs := []sim.Incident{
		{Start: 10, Resolved: 20},
		{Start: 100, Resolved: -1},
	}
	mean, open, ok := Restore(incs, 300)
	assert.True(t, ok)
	assert.Equal(t, 1, open)
	assert.InDelta(t, (10+200)/2.0, mean, 1e-9)
	mean, open, _ = Restore(incs[:1], 300)
	assert.Zero(t, open)
	assert.InDelta(t, 10, mean, 1e-9)
	_, _, ok = Restore(nil, 300)
	assert.False(t, ok, "no incident: no figure")
}

// TestMainCause: an incident that opened with an in-place restart and then had a defect
// is known by the defect (the restart lasts hours, the defect kept it open); one that
// was only a restart, or opened with another cause, keeps its opening cause.
func TestMainCause(t *testing.T) {
	bit := func(cs ...sim.Cause) uint8 {
		var b uint8
		for _, c := range cs {
			b |= 1 << c
		}
		return b
	}
	for _, tt := range []struct {
		in   sim.Incident
		want sim.Cause
	}{
		{sim.Incident{Cause: sim.CauseUpgrade, Causes: bit(sim.CauseUpgrade, sim.CauseDefect)}, sim.CauseDefect},
		{sim.Incident{Cause: sim.CauseUpgrade, Causes: bit(sim.CauseUpgrade)}, sim.CauseUpgrade},
		{sim.Incident{Cause: sim.CauseUpgrade, Causes: bit(sim.CauseUpgrade, sim.CauseLiveDrop, sim.CauseDefect)}, sim.CauseLiveDrop},
		{sim.Incident{Cause: sim.CauseDefect, Causes: bit(sim.CauseDefect, sim.CauseUpgrade)}, sim.CauseDefect},
		{sim.Incident{Cause: sim.CauseLiveDrop, Causes: bit(sim.CauseLiveDrop, sim.CauseDefect)}, sim.CauseLiveDrop},
	} {
		assert.Equal(t, tt.want, MainCause(&tt.in), "%s, causes %08b", tt.in.Cause, tt.in.Causes)
	}
}
