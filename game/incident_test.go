package game

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"devopsjuggle/sim"
)

// TestAckShowsWhatItAcknowledges: the ACK button is offered exactly while a detected
// incident is unacknowledged, and then the incident panel is shown and says which: the
// open incident, earlier ones already over, or both.
func TestAckShowsWhatItAcknowledges(t *testing.T) {
	g, _ := newTestGame(t, Options{})
	rs := startRound(t, g, "silo")
	for _, tt := range []struct {
		name     string
		incident sim.IncidentView
		unacked  int
		ack      bool
		says     []string // what the panel says; nil: no panel
	}{
		{"none", sim.IncidentView{}, 0, false, nil},
		{"open", sim.IncidentView{ID: 2, DetectedBy: sim.DetectedByComplaint, Cause: sim.CauseUnknown}, 1, true, []string{"INCIDENT #2 · UNACKNOWLEDGED", "customer complaint · cause: unknown"}},
		{"open, acknowledged", sim.IncidentView{ID: 2, Acked: true, DetectedBy: sim.DetectedByComplaint}, 0, false, []string{"INCIDENT #2 · acknowledged"}},
		{"over, not acknowledged", sim.IncidentView{}, 1, true, []string{"1 INCIDENT NOT ACKNOWLEDGED", "over before ops acknowledged: ACK to close"}},
		{"two over", sim.IncidentView{}, 2, true, []string{"2 INCIDENTS NOT ACKNOWLEDGED"}},
		{"open acknowledged, an earlier one not", sim.IncidentView{ID: 3, Acked: true, DetectedBy: sim.DetectedByInfra, Cause: sim.CauseLiveDrop}, 1, true,
			[]string{"INCIDENT #3 · acknowledged", "+1 earlier", "infrastructure alert · cause: live version dropped"}},
		{"open and an earlier one", sim.IncidentView{ID: 3, DetectedBy: sim.DetectedByComplaint}, 2, true, []string{"INCIDENT #3 · UNACKNOWLEDGED", "+1 earlier"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			v := &rs.round.View
			v.Incident, v.Unacked = tt.incident, tt.unacked
			rs.layoutButtons()
			offered := false
			for _, b := range rs.buttons[:rs.buttonsN] {
				offered = offered || b.ctl == CtlAck
			}
			assert.Equal(t, tt.ack, offered, "the ACK button")
			var panel []string
			for _, q := range frameTexts(g) {
				if q.x >= incX && q.x <= incX+incW && q.y >= incY && q.y < incY+incH && !strings.HasPrefix(q.s, "ACK [") {
					panel = append(panel, q.s)
				}
			}
			if tt.says == nil {
				assert.Empty(t, panel, "no incident panel")
				return
			}
			for _, s := range tt.says {
				assert.Contains(t, panel, s)
			}
		})
	}
}
