package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"

	"devopsjuggle/sim"
	"devopsjuggle/sim/equilibrium"
	"devopsjuggle/sim/report"
	"devopsjuggle/sim/scenario"
	"devopsjuggle/sim/sweep"
)

// writeGames prints every cell's game for people: its equilibria, the scripted pair and
// where best responses lead from it; then, for several cells, one line each and the
// best cell for the objective.
func writeGames(w io.Writer, plan *sweep.Plan, gs []*solvedGame, obj objective) error {
	fmt.Fprintf(w, "Empirical games: every pair of strategies over seeds %s, %s (rules version %s).\n",
		plan.Seeds, report.Count(plan.Total(), "round"), sim.RulesVersion)
	fmt.Fprintln(w, "Pay is each role's mean per round; ± is the half-width of a 95 % confidence interval.")
	fmt.Fprintf(w, "A deviation counts only when it gains more than its 95 %% interval (paired per-seed gains,\nStudent's t): smaller gains are ties within the noise of the seeds.\n")
	for _, g := range gs {
		fmt.Fprintln(w)
		writeGame(w, g, obj)
	}
	if len(gs) > 1 {
		fmt.Fprintln(w)
		writeCellsTable(w, plan, gs, obj)
	}
	return nil
}

// possessive is "dev's" and "ops'", as the docs write them.
func possessive(name string) string {
	if strings.HasSuffix(name, "s") {
		return name + "'"
	}
	return name + "'s"
}

func writeGame(w io.Writer, g *solvedGame, obj objective) {
	t := g.m.Table
	fmt.Fprintf(w, "== %s: %d dev x %d ops strategies, %s\n", g.name, t.Rows(), t.Cols(), report.Count(g.game.Config.Months, "month"))
	for r, sp := range g.game.Spaces {
		for _, in := range sp.Inert {
			fmt.Fprintf(w, "   (%s %s cannot matter here: %s)\n", possessive(sim.Role(r).String()), in.Key, in.Why)
		}
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	head := "\tdev\tops\tdev pay\tops pay\tshipped\tuptime %\tdev could gain\tops could gain\n"
	switch {
	case g.mixed:
		fmt.Fprintf(w, "No pure equilibrium: every pair leaves a role a deviation that counts. Mixed equilibria (exact, of the mean pay):\n")
	default:
		fmt.Fprintf(w, "Pure equilibria: %d", len(g.eqs))
		if len(g.classes) < len(g.eqs) {
			fmt.Fprintf(w, ", in %s of pairs that paid both roles the same on every seed", classes(len(g.classes)))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprint(tw, head)
	if g.mixed {
		for _, e := range g.eqs {
			figureRow(tw, "", &e)
		}
	} else {
		for _, c := range g.classes {
			e := g.eqs[c[0]]
			e.Dev, e.Ops = classSide(g, c, sim.Dev), classSide(g, c, sim.Ops)
			figureRow(tw, "", &e)
		}
	}
	tw.Flush()

	own := &g.own
	fmt.Fprintf(w, "\nThe scripted pair, %s x %s:\n", aliased(g, sim.Dev, own.Dev), aliased(g, sim.Ops, own.Ops))
	fmt.Fprintf(w, "  pays dev %s and ops %s; %.2f features shipped, uptime %.3f %%.\n", dollars(own.DevPay), dollars(own.OpsPay), own.Shipped, 100*own.Uptime)
	for r := range 2 {
		rg := own.Regret[r]
		if rg.To == "" {
			fmt.Fprintf(w, "  %s has no better strategy: it plays a best response.\n", sim.Role(r))
			continue
		}
		verdict := "more than its interval: the scripted bot is beaten"
		if !rg.Counts {
			verdict = "within the noise: a tie"
		}
		fmt.Fprintf(w, "  %s would gain %s playing %s (%s).\n", sim.Role(r), gain(rg), rg.To, verdict)
	}
	fmt.Fprintf(w, "  Exploitability (NashConv, both gains): %s.\n", dollars(own.Regret[0].Gain+own.Regret[1].Gain))

	fmt.Fprintf(w, "\nBest responses from the scripted pair (dev moves first, then ops, in turn):\n")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, head)
	figureRow(tw, "start", &g.path[0])
	for k, st := range g.sel.Path.Steps {
		move := fmt.Sprintf("%d. %s %s", k+1, st.Move.Role, plusDollars(st.Move.GainFloat(), st.Move.HalfWidth))
		figureRow(tw, move, &g.path[k+1])
	}
	tw.Flush()
	switch {
	case !g.sel.Mixed:
		fmt.Fprintf(w, "Converged after %s: neither role gains more than the noise by deviating alone.\n", report.Count(len(g.sel.Path.Steps), "move"))
		fmt.Fprintf(w, "The played equilibrium (what the equilibrium bots play): %s x %s.\n", strategyText(g.played.Dev), strategyText(g.played.Ops))
	default:
		fmt.Fprintf(w, "The path cycles: no pure equilibrium lies where it leads. The played equilibrium is the mixed one\nLemke-Howson finds first: dev %s, ops %s (dev pay %s, ops pay %s, %.2f shipped, uptime %.3f %%).\n",
			strategyText(g.played.Dev), strategyText(g.played.Ops), dollars(g.played.DevPay), dollars(g.played.OpsPay), g.played.Shipped, 100*g.played.Uptime)
	}
	fmt.Fprintf(w, "Objective (%s): %s played", obj.describe(), objText(g.played.Objective, obj))
	if g.worst != g.best {
		fmt.Fprintf(w, "; from %s to %s over the equilibria", objText(g.worst, obj), objText(g.best, obj))
	}
	fmt.Fprintln(w, ".")
}

// figureRow writes one profile's row of a table.
func figureRow(tw io.Writer, label string, f *figure) {
	fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%.2f\t%.3f\t%s\t%s\n", label, strategyText(f.Dev), strategyText(f.Ops),
		dollars(f.DevPay), dollars(f.OpsPay), f.Shipped, 100*f.Uptime, regretText(f.Regret[0]), regretText(f.Regret[1]))
}

// classSide says which strategies of role r a class of alike equilibria holds: one
// name, "any" when it holds them all, or a few names.
func classSide(g *solvedGame, class []int, r sim.Role) any {
	t := g.m.Table
	seen := map[string]bool{}
	var names []string
	for _, k := range class {
		n := g.eqs[k].Dev
		if r == sim.Ops {
			n = g.eqs[k].Ops
		}
		s := n.(string)
		if !seen[s] {
			seen[s] = true
			names = append(names, s)
		}
	}
	switch {
	case len(names) == 1:
		return names[0]
	case len(names) == t.Strategies(r):
		return fmt.Sprintf("any of %d", len(names))
	}
	return fmt.Sprintf("%s (+%d alike)", names[0], len(names)-1)
}

// aliased writes a strategy's name with the scripted bots it plays.
func aliased(g *solvedGame, r sim.Role, v any) string {
	name := strategyText(v)
	k, ok := g.game.Spaces[r].Index(name)
	if !ok {
		return name
	}
	return g.game.Spaces[r].Strategies[k].String()
}

func regretText(rg regret) string {
	if rg.To == "" {
		return "$0"
	}
	s := gain(rg)
	if rg.Counts {
		s += " *"
	}
	return s
}

func gain(rg regret) string { return plusDollars(rg.Gain, rg.CI) }

// plusDollars writes a mean gain and its interval: "$176 ± 40".
func plusDollars(x, ci float64) string {
	if math.IsNaN(ci) || ci == 0 {
		return dollars(x)
	}
	return fmt.Sprintf("%s ± %s", dollars(x), strings.TrimPrefix(dollars(ci), "$"))
}

// dollars writes a mean in whole dollars with separators.
func dollars(x float64) string {
	if math.IsNaN(x) {
		return "-"
	}
	return report.Dollars(int64(math.Round(x)))
}

func objText(x float64, obj objective) string {
	if obj.name == "profit" {
		return dollars(x)
	}
	return strconv.FormatFloat(x, 'f', 2, 64)
}

// writeCellsTable prints one line per cell and names the cell whose played equilibrium
// scores best (the first among equals), per source.
func writeCellsTable(w io.Writer, plan *sweep.Plan, gs []*solvedGame, obj objective) {
	fmt.Fprintf(w, "== The cells' played equilibria, and the objective (%s)\n", obj.describe())
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, "  cell\tdev\tops\tdev pay\tops pay\tshipped\tuptime %\tobjective\tworst..best\n")
	for _, g := range gs {
		p := &g.played
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%.2f\t%.3f\t%s\t%s..%s\n", g.name, strategyText(p.Dev), strategyText(p.Ops),
			dollars(p.DevPay), dollars(p.OpsPay), p.Shipped, 100*p.Uptime, objText(p.Objective, obj), objText(g.worst, obj), objText(g.best, obj))
	}
	tw.Flush()
	for src := range plan.Sources {
		var best *solvedGame
		n, ties := 0, 0
		for _, g := range gs {
			if g.game.Source == src {
				n++
				switch {
				case best == nil || g.played.Objective > best.played.Objective:
					best, ties = g, 1
				case g.played.Objective == best.played.Objective:
					ties++
				}
			}
		}
		switch {
		case n < 2:
		case ties == n:
			// No scheme of the grid is better than another: naming the first would
			// read as a recommendation.
			fmt.Fprintf(w, "No best cell of %s for %s: every cell's played equilibrium scores %s.\n", plan.Sources[src].Name, obj.name,
				objText(best.played.Objective, obj))
		default:
			also := ""
			if ties > 1 {
				also = fmt.Sprintf(", the first of %d cells that tie", ties)
			}
			fmt.Fprintf(w, "Best cell of %s for %s: %s (%s%s): dev plays %s, ops %s.\n", plan.Sources[src].Name, obj.name, best.name,
				objText(best.played.Objective, obj), also, strategyText(best.played.Dev), strategyText(best.played.Ops))
		}
	}
}

// jsonFigure is a profile's figures in -json and -cells JSONL.
type jsonFigure struct {
	Dev            any     `json:"dev"`
	Ops            any     `json:"ops"`
	DevPay         float64 `json:"dev_pay"`
	OpsPay         float64 `json:"ops_pay"`
	Shipped        float64 `json:"shipped"`
	Uptime         float64 `json:"uptime"`
	DowntimeHours  float64 `json:"downtime_hours"`
	RegretDev      float64 `json:"regret_dev"`
	RegretDevCI95  float64 `json:"regret_dev_ci95"`
	RegretDevTo    string  `json:"regret_dev_to,omitempty"`
	RegretOps      float64 `json:"regret_ops"`
	RegretOpsCI95  float64 `json:"regret_ops_ci95"`
	RegretOpsTo    string  `json:"regret_ops_to,omitempty"`
	Objective      float64 `json:"objective"`
	Alike          int     `json:"alike,omitempty"`
	Exploitability float64 `json:"exploitability"`
}

func toJSON(f *figure) jsonFigure {
	return jsonFigure{Dev: f.Dev, Ops: f.Ops, DevPay: f.DevPay, OpsPay: f.OpsPay, Shipped: f.Shipped, Uptime: f.Uptime,
		DowntimeHours: f.DowntimeHours,
		RegretDev:     f.Regret[0].Gain, RegretDevCI95: finite(f.Regret[0].CI), RegretDevTo: f.Regret[0].To,
		RegretOps: f.Regret[1].Gain, RegretOpsCI95: finite(f.Regret[1].CI), RegretOpsTo: f.Regret[1].To,
		Objective: f.Objective, Alike: f.Alike, Exploitability: f.Regret[0].Gain + f.Regret[1].Gain}
}

// finite is x, or 0 for NaN (one seed has no interval), which JSON cannot hold.
func finite(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	return x
}

type jsonStep struct {
	Role string  `json:"role"`
	From string  `json:"from"`
	To   string  `json:"to"`
	Gain float64 `json:"gain"`
	CI95 float64 `json:"ci95"`
}

type jsonGame struct {
	Cell       string              `json:"cell"`
	Preset     string              `json:"preset"`
	Values     map[string]string   `json:"values,omitempty"`
	Seeds      string              `json:"seeds"`
	Months     int                 `json:"months"`
	Rounds     uint64              `json:"rounds"`
	Rule       string              `json:"rule"`
	Strategies map[string][]string `json:"strategies"`
	Equilibria []jsonFigure        `json:"equilibria"`
	Mixed      bool                `json:"mixed"`
	Scripted   jsonFigure          `json:"scripted"`
	Path       []jsonStep          `json:"path"`
	PathEnd    string              `json:"path_end"`
	Played     jsonFigure          `json:"played"`
	Objective  map[string]any      `json:"objective"`
}

func gameJSON(plan *sweep.Plan, g *solvedGame) jsonGame {
	t := g.m.Table
	j := jsonGame{Cell: g.name, Preset: plan.Sources[g.game.Source].Name, Seeds: plan.Seeds.String(), Months: g.game.Config.Months,
		Rounds: uint64(t.Rows()*t.Cols()) * plan.Seeds.Count(), Rule: equilibrium.Significant.Explain(),
		Strategies: map[string][]string{"dev": t.Names[sim.Dev], "ops": t.Names[sim.Ops]},
		Mixed:      g.mixed, Scripted: toJSON(&g.own), Played: toJSON(&g.played), PathEnd: g.sel.Path.End.String(),
		Equilibria: []jsonFigure{}, Path: []jsonStep{}}
	if len(plan.Params) > 0 {
		j.Values = map[string]string{}
		for i, p := range plan.Params {
			j.Values[p.Field.Path] = g.game.Values[i]
		}
	}
	for k := range g.eqs {
		j.Equilibria = append(j.Equilibria, toJSON(&g.eqs[k]))
	}
	for _, st := range g.sel.Path.Steps {
		m := st.Move
		j.Path = append(j.Path, jsonStep{Role: m.Role.String(), From: t.Names[m.Role][m.From], To: t.Names[m.Role][m.To],
			Gain: m.GainFloat(), CI95: finite(m.HalfWidth)})
	}
	return j
}

// writeGamesJSON prints one JSON object per cell (JSON Lines).
func writeGamesJSON(w io.Writer, plan *sweep.Plan, gs []*solvedGame, obj objective) error {
	enc := json.NewEncoder(w)
	for _, g := range gs {
		j := gameJSON(plan, g)
		j.Objective = map[string]any{"name": obj.name, "meaning": obj.describe(), "played": g.played.Objective, "worst": g.worst, "best": g.best}
		if err := enc.Encode(j); err != nil {
			return err
		}
	}
	return nil
}

// outputs are the files the command writes: -matrix, -nfg (one per cell) and -cells,
// all or none.
func (g *games) outputs(o *equilibriumOptions, gs []*solvedGame) []output {
	var outs []output
	if o.matrix != "" {
		outs = append(outs, output{"-matrix", o.matrix, func(w io.Writer) error {
			for i, s := range gs {
				if err := s.m.WriteCSV(w, i == 0); err != nil {
					return err
				}
			}
			return nil
		}})
	}
	if o.nfg != "" {
		for i, s := range gs {
			path := o.nfg
			if len(gs) > 1 {
				ext := filepath.Ext(path)
				path = fmt.Sprintf("%s-%d%s", strings.TrimSuffix(path, ext), i+1, ext)
			}
			comment := fmt.Sprintf("Dev vs Ops, %s: each role's mean pay in dollars per round over seeds %s (%d months, rules version %s); dev is player 1 (rows), ops player 2.",
				s.name, g.plan.Seeds, s.game.Config.Months, sim.RulesVersion)
			outs = append(outs, output{"-nfg", path, func(w io.Writer) error {
				return s.m.Table.WriteNFG(w, equilibrium.NFG{Title: "Dev vs Ops: " + s.name, Outcomes: true, Comment: comment})
			}})
		}
	}
	if o.cells != "" {
		f, err := sweep.FormatFor(o.cells)
		if err != nil {
			f = sweep.CSV // the format only a .jsonl name changes
		}
		outs = append(outs, output{"-cells", o.cells, func(w io.Writer) error { return writeCells(w, f, g.plan, gs, o.obj) }})
	}
	return outs
}

// cellColumns are the columns of -cells after the cell's identity (preset and varied
// values): the played equilibrium, its outcomes, and the objective.
var cellColumns = []string{"dev_strategy", "ops_strategy", "dev_pay", "ops_pay", "shipped", "uptime", "downtime_hours",
	"regret_dev", "regret_ops", "objective", "objective_worst", "objective_best", "equilibria", "mixed",
	"scripted_dev", "scripted_ops", "scripted_exploitability", "path_moves", "seeds", "months", "rules_version"}

// writeCells writes one row per cell: CSV with a header, or JSON Lines.
func writeCells(w io.Writer, f sweep.Format, plan *sweep.Plan, gs []*solvedGame, obj objective) error {
	cols := []string{"cell", "preset"}
	for _, p := range plan.Params {
		cols = append(cols, p.Field.Path)
	}
	cols = append(cols, cellColumns...)
	var rows [][]string
	for _, g := range gs {
		p := &g.played
		row := append([]string{g.name, plan.Sources[g.game.Source].Name}, g.game.Values...)
		row = append(row, strategyText(p.Dev), strategyText(p.Ops), exact(p.DevPay), exact(p.OpsPay), exact(p.Shipped), exact(p.Uptime),
			exact(p.DowntimeHours), exact(p.Regret[0].Gain), exact(p.Regret[1].Gain), exact(p.Objective), exact(g.worst), exact(g.best),
			strconv.Itoa(len(g.eqs)), strconv.FormatBool(g.sel.Mixed), strategyText(g.own.Dev), strategyText(g.own.Ops),
			exact(g.own.Regret[0].Gain+g.own.Regret[1].Gain), strconv.Itoa(len(g.sel.Path.Steps)), plan.Seeds.String(),
			strconv.Itoa(g.game.Config.Months), sim.RulesVersion)
		rows = append(rows, row)
	}
	// What each column holds in JSON: strings, the -vary values as sweep rows hold them,
	// a boolean, and numbers (null when there is none).
	kind := func(c int) byte {
		switch name := cols[c]; {
		case c < 2, name == "dev_strategy", name == "ops_strategy", name == "scripted_dev", name == "scripted_ops",
			name == "seeds", name == "rules_version":
			return 's'
		case name == "mixed":
			return 'b'
		case c < 2+len(plan.Params):
			fd := plan.Params[c-2].Field
			if fd.IsString() {
				return 's'
			}
			if fd.Kind == scenario.Bool {
				return 'b'
			}
		}
		return 'n'
	}
	var b strings.Builder
	if f == sweep.CSV {
		cw := csv.NewWriter(&b)
		_ = cw.Write(cols)
		_ = cw.WriteAll(rows) // a strings.Builder does not fail
	} else {
		for _, row := range rows {
			b.WriteByte('{')
			for c, v := range row {
				if c > 0 {
					b.WriteByte(',')
				}
				k, _ := json.Marshal(cols[c])
				b.Write(k)
				b.WriteByte(':')
				switch {
				case kind(c) == 's':
					q, _ := json.Marshal(v)
					b.Write(q)
				case v == "":
					b.WriteString("null")
				default:
					b.WriteString(v)
				}
			}
			b.WriteString("}\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// exact writes a float as sweep rows do: the shortest decimal that reads back as it.
func exact(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return ""
	}
	return strconv.FormatFloat(x, 'f', -1, 64)
}

func classes(n int) string {
	if n == 1 {
		return "1 class"
	}
	return fmt.Sprintf("%d classes", n)
}
