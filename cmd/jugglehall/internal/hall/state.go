package hall

import (
	"fmt"
	"math"
	"net/http"

	"devopsjuggle/cmd/jugglehall/internal/hall/store"
	"devopsjuggle/sim"
	"devopsjuggle/sim/report"
	"devopsjuggle/sim/sweep"
)

// stateJSON is everything the projector shows: GET /api/sessions/{code}/state.
type stateJSON struct {
	sessionJSON
	Teams   []teamJSON   `json:"teams"`
	Results []resultJSON `json:"results"`
	// Presets are the class's means per preset, in the presets' order.
	Presets []presetJSON `json:"presets"`
	// Questions are the debrief's, with the class's numbers.
	Questions []questionJSON `json:"questions"`
}

// MinIntervalRounds is the fewest rounds of a preset that the class's means show a 95 %
// interval for. With 2 to 4 rounds Student's t is 12.7 to 3.2, and the interval
// ("12.0 ± 76.2" features, uptime "89.5 ± 18.8" %) says only that there are few rounds,
// in numbers a class reads as results; below 5 the projector shows the rounds' range.
const MinIntervalRounds = 5

// estimate is a mean with its 95 % confidence interval (Student's t) from
// MinIntervalRounds rounds on (CI95, the half-width, and Lo and Hi, the interval within
// what the figure can be: uptime and rates 0 to 100 %, counts, hours and pay from 0; all
// null before), and the rounds' range, Min to Max.
type estimate struct {
	Mean float64  `json:"mean"`
	CI95 *float64 `json:"ci95"`
	Lo   *float64 `json:"lo"`
	Hi   *float64 `json:"hi"`
	Min  float64  `json:"min"`
	Max  float64  `json:"max"`
}

// figure accumulates one figure's rounds: sweep's running mean and variance, the range,
// and the bounds the figure lies in.
type figure struct {
	stat     sweep.Stat
	min, max float64
	floor    float64 // every figure here is at least 0
	ceil     float64 // +Inf, or 100 for a percentage
}

func (f *figure) add(v float64) {
	if f.stat.N == 0 || v < f.min {
		f.min = v
	}
	if f.stat.N == 0 || v > f.max {
		f.max = v
	}
	f.stat.Add(v)
}

func (f *figure) estimate() estimate {
	e := estimate{Mean: f.stat.Mean(), Min: f.min, Max: f.max}
	if ci := f.stat.CI95(); f.stat.N >= MinIntervalRounds && !math.IsNaN(ci) {
		lo, hi := max(f.floor, e.Mean-ci), min(f.ceil, e.Mean+ci)
		e.CI95, e.Lo, e.Hi = &ci, &lo, &hi
	}
	return e
}

// presetJSON is the class's rounds of one preset.
type presetJSON struct {
	Preset string `json:"preset"`
	Rounds int    `json:"rounds"`
	Teams  int    `json:"teams"`
	// The means: features shipped, uptime (%), each role's pay, incidents, and DORA's
	// time to restore (hours) and change failure rate (%).
	Shipped      estimate `json:"shipped"`
	Uptime       estimate `json:"uptime"`
	DevPay       estimate `json:"dev_pay"`
	OpsPay       estimate `json:"ops_pay"`
	Incidents    estimate `json:"incidents"`
	RestoreHours estimate `json:"restore_hours"`
	ChangeFail   estimate `json:"change_failure"`
}

func toEstimate(s *sweep.Stat) estimate {
	e := estimate{Mean: s.Mean()}
	if ci := s.CI95(); !math.IsNaN(ci) {
		e.CI95 = &ci
	}
	return e
}

// classMeans summarises the results per preset, in the presets' order. A team that
// played a round more than once counts with its first upload of it: each team weighs the
// same in the class's means (the league and the cloud show every upload).
func classMeans(rs []store.Result, presetOf map[int]string) []presetJSON {
	type acc struct {
		figs  [7]figure // in presetJSON's order
		teams map[int64]bool
	}
	type teamRound struct {
		team  int64
		round int
	}
	by := map[string]*acc{}
	counted := map[teamRound]bool{}
	for _, r := range rs {
		tr := teamRound{r.TeamID, r.Round}
		if counted[tr] {
			continue
		}
		counted[tr] = true
		p := presetOf[r.Round]
		a := by[p]
		if a == nil {
			a = &acc{teams: map[int64]bool{}}
			for i := range a.figs {
				a.figs[i].ceil = math.Inf(1)
			}
			a.figs[1].ceil, a.figs[6].ceil = 100, 100 // uptime and change failure, in %
			by[p] = a
		}
		x := &r.Result
		for i, v := range [7]float64{float64(x.Shipped), 100 * x.Uptime, float64(x.DevPay), float64(x.OpsPay),
			float64(x.Incidents), x.TimeToRestoreHours, 100 * x.ChangeFailureRate} {
			a.figs[i].add(v)
		}
		a.teams[r.TeamID] = true
	}
	var out []presetJSON
	for _, name := range sim.PresetNames() {
		a := by[name]
		if a == nil {
			continue
		}
		f := &a.figs
		out = append(out, presetJSON{Preset: name, Rounds: f[0].stat.N, Teams: len(a.teams),
			Shipped: f[0].estimate(), Uptime: f[1].estimate(), DevPay: f[2].estimate(), OpsPay: f[3].estimate(),
			Incidents: f[4].estimate(), RestoreHours: f[5].estimate(), ChangeFail: f[6].estimate()})
	}
	return out
}

// questionJSON is a debrief question and the numbers on screen it points at.
type questionJSON struct {
	Q       string `json:"q"`
	Numbers string `json:"numbers"`
}

// questions are the lecture's post-mortem questions, each tied to the class's numbers.
func questions(ps []presetJSON) []questionJSON {
	each := func(f func(p *presetJSON) string) string {
		if len(ps) == 0 {
			return "(no round uploaded yet)"
		}
		s := ""
		for i := range ps {
			if i > 0 {
				s += " · "
			}
			s += ps[i].Preset + ": " + f(&ps[i])
		}
		return s
	}
	return []questionJSON{
		{"What happened, and what was the impact on customers?",
			each(func(p *presetJSON) string {
				return fmt.Sprintf("uptime %.1f %%, %.1f incidents a round", p.Uptime.Mean, p.Incidents.Mean)
			})},
		{"How did we respond? How long until service was restored?",
			each(func(p *presetJSON) string { return fmt.Sprintf("time to restore %.1f h", p.RestoreHours.Mean) })},
		{"What was the root cause, and which factors enabled it? (Open a team's post-mortem.)",
			each(func(p *presetJSON) string { return fmt.Sprintf("%.0f %% of deploys failed", p.ChangeFail.Mean) })},
		{"Dev was paid for features, ops for uptime. How did the pay shape what each role did?",
			each(func(p *presetJSON) string {
				return fmt.Sprintf("dev %s, ops %s", report.Dollars(int64(math.Round(p.DevPay.Mean))), report.Dollars(int64(math.Round(p.OpsPay.Mean))))
			})},
		{"What did we learn, and what do we need to do to prevent it? Which way of working would you run?",
			each(func(p *presetJSON) string {
				return fmt.Sprintf("%.1f features at %.1f %% uptime", p.Shipped.Mean, p.Uptime.Mean)
			})},
	}
}

func (s *Server) state(w http.ResponseWriter, r *http.Request) {
	ss, ok := s.session(w, r)
	if !ok {
		return
	}
	out := stateJSON{Teams: []teamJSON{}, Results: []resultJSON{}}
	var err error
	if out.sessionJSON, err = s.sessionInfo(r, ss); err != nil {
		s.fail(w, r, err)
		return
	}
	teams, err := s.store.Teams(r.Context(), ss.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, t := range teams {
		out.Teams = append(out.Teams, teamJSON{t.Name})
	}
	rs, err := s.store.Results(r.Context(), ss.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	presetOf := map[int]string{}
	for _, rd := range out.Rounds {
		presetOf[rd.N] = rd.Preset
	}
	for _, res := range rs {
		out.Results = append(out.Results, toResultJSON(ss.Code, res, presetOf[res.Round]))
	}
	out.Presets = classMeans(rs, presetOf)
	if out.Presets == nil {
		out.Presets = []presetJSON{}
	}
	out.Questions = questions(out.Presets)
	writeJSON(w, http.StatusOK, out)
}
