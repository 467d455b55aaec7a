// Package sweep runs batches of rounds for research: sources (presets and scenario files)
// x parameter values x a range of seeds, one row per round, streamed to CSV or JSON Lines
// in a fixed order whatever the number of workers (docs/research.md).
//
// The jobs of a sweep are numbered from 1 (the run column): cells in order (each source,
// then every combination of the varied values, the first -vary outermost), and within a
// cell the seeds in order. A shard k/n runs the jobs whose number is k modulo n (run 1 is
// in shard 1), so that every shard gets its share of every cell; merging the shards'
// files in run order gives exactly the bytes of the whole sweep.
package sweep

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"devopsjuggle/sim"
	"devopsjuggle/sim/scenario"
	"devopsjuggle/sim/strategy"
)

// Source is a config to sweep: a preset or a scenario file.
type Source struct {
	Name   string // the preset's or the scenario's name, as rows show it
	File   string // the scenario file; empty for a preset
	Config sim.Config
	// Strategies are dev's and ops' strategy spaces (indexed by sim.Role) for a game's
	// plan (NewGamePlan): the scenario's, or the defaults when zero.
	Strategies [2]strategy.Grid
}

// Param is a varied parameter: a scenario field and the values it takes.
type Param struct {
	Field  *scenario.Field
	Values []any // TOML values: int64, float64, string or bool
	Spec   string
}

// maxValues bounds the values of one -vary (a range with a tiny step is a typo).
const maxValues = 10000

// ParseVary reads "path=v1,v2,v3" or, for a numeric field, "path=from:to:step" (to
// included).
func ParseVary(spec string) (Param, error) {
	path, list, ok := strings.Cut(spec, "=")
	if !ok || list == "" {
		return Param{}, fmt.Errorf("-vary %q: expected PATH=V1,V2,... or PATH=FROM:TO:STEP", spec)
	}
	path = strings.TrimSpace(path)
	f, ok := scenario.Lookup(path)
	if !ok {
		return Param{}, fmt.Errorf("-vary %q: %q is not a scenario field (see jugglesim scenario print)", spec, path)
	}
	if path == "months" {
		// Every row has a months column already, and a round's totals (features, pay)
		// only compare between rounds of one length.
		return Param{}, fmt.Errorf("-vary %q: the round's length is not a parameter: run one sweep per length with -months N", spec)
	}
	p := Param{Field: f, Spec: spec}
	if strings.Contains(list, ":") {
		if !f.Numeric() {
			return Param{}, fmt.Errorf("-vary %q: a range needs a numeric field; list the values of %s", spec, path)
		}
		vals, err := parseRange(list, f.Kind)
		if err != nil {
			return Param{}, fmt.Errorf("-vary %q: %v", spec, err)
		}
		p.Values = vals
		return p, nil
	}
	for _, s := range strings.Split(list, ",") {
		v, err := f.Parse(strings.TrimSpace(s))
		if err != nil {
			return Param{}, fmt.Errorf("-vary %q: %v", spec, err)
		}
		p.Values = append(p.Values, v)
	}
	return p, nil
}

// parseRange expands "from:to:step", to included. The range is counted in the model's own
// units (ticks of 1/60 s for durations, per-mille for fractions), so that a step written
// in rounded seconds (0:0.1:0.0167) still reaches its end.
func parseRange(s string, kind scenario.Kind) ([]any, error) {
	parts := strings.Split(s, ":")
	if len(parts) != 3 {
		return nil, fmt.Errorf("%q: a range is FROM:TO:STEP", s)
	}
	scale, slack := kind.Units()
	unit := "a whole number"
	switch kind {
	case scenario.Seconds:
		unit = fmt.Sprintf("a whole number of ticks (1/%d s)", sim.TicksPerSecond)
	case scenario.Fraction:
		unit = "a fraction with at most three decimals"
	}
	var x [3]int64
	for i, p := range parts {
		v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("%q is not a number", p)
		}
		u := v * scale
		r := math.Round(u)
		if math.Abs(u-r) > slack || math.Abs(r) > 1<<52 {
			return nil, fmt.Errorf("%s is not %s", strings.TrimSpace(p), unit)
		}
		x[i] = int64(r)
	}
	from, to, step := x[0], x[1], x[2]
	if step <= 0 {
		return nil, fmt.Errorf("the step %s must be positive", strings.TrimSpace(parts[2]))
	}
	if to < from {
		return nil, fmt.Errorf("the range goes down from %s to %s", strings.TrimSpace(parts[0]), strings.TrimSpace(parts[1]))
	}
	n := (to-from)/step + 1
	if n > maxValues {
		return nil, fmt.Errorf("%d values: at most %d", n, maxValues)
	}
	out := make([]any, 0, n)
	for i := range n {
		v := from + i*step
		if kind == scenario.Int {
			out = append(out, v)
		} else {
			out = append(out, float64(v)/scale)
		}
	}
	return out, nil
}

// Seeds is an inclusive range of seeds.
type Seeds struct{ First, Last uint64 }

// Count is the number of seeds.
func (s Seeds) Count() uint64 { return s.Last - s.First + 1 }

// ParseSeeds reads "A-B" (A to B) or "N" (1 to N).
func ParseSeeds(s string) (Seeds, error) {
	a, b, isRange := strings.Cut(s, "-")
	if !isRange {
		n, err := strconv.ParseUint(s, 10, 64)
		if err != nil || n == 0 {
			return Seeds{}, fmt.Errorf("-seeds %q: expected FIRST-LAST or a count N (seeds 1 to N)", s)
		}
		return Seeds{1, n}, nil
	}
	first, err1 := strconv.ParseUint(a, 10, 64)
	last, err2 := strconv.ParseUint(b, 10, 64)
	if err1 != nil || err2 != nil {
		return Seeds{}, fmt.Errorf("-seeds %q: expected FIRST-LAST or a count N (seeds 1 to N)", s)
	}
	if last < first {
		return Seeds{}, fmt.Errorf("-seeds %q: the range goes down", s)
	}
	return Seeds{first, last}, nil
}

// String writes the range as ParseSeeds reads it.
func (s Seeds) String() string { return fmt.Sprintf("%d-%d", s.First, s.Last) }

// Shard is the k-th of n parts of a sweep, k from 1.
type Shard struct{ K, N int }

// Whole is the shard that is the whole sweep.
var Whole = Shard{1, 1}

// ParseShard reads "k/n", or "auto/n" with k from the environment (getenv): Slurm's
// SLURM_ARRAY_TASK_ID counted from SLURM_ARRAY_TASK_MIN (so --array=0-7 and --array=1-8
// both work; without SLURM_ARRAY_TASK_MIN the task ID is taken as k, from 1), or
// Kubernetes' JOB_COMPLETION_INDEX, which counts from 0 (k = index + 1).
func ParseShard(s string, getenv func(string) string) (Shard, error) {
	ks, ns, ok := strings.Cut(s, "/")
	n, err := strconv.Atoi(ns)
	if !ok || err != nil || n < 1 {
		return Shard{}, fmt.Errorf("-shard %q: expected K/N or auto/N, with N at least 1", s)
	}
	if ks != "auto" {
		k, err := strconv.Atoi(ks)
		if err != nil || k < 1 || k > n {
			return Shard{}, fmt.Errorf("-shard %q: K must be from 1 to %d", s, n)
		}
		return Shard{k, n}, nil
	}
	if id := getenv("SLURM_ARRAY_TASK_ID"); id != "" {
		task, err := strconv.Atoi(id)
		if err != nil {
			return Shard{}, fmt.Errorf("-shard %s: SLURM_ARRAY_TASK_ID=%q is not a number", s, id)
		}
		k := task
		if m := getenv("SLURM_ARRAY_TASK_MIN"); m != "" {
			lo, err := strconv.Atoi(m)
			if err != nil {
				return Shard{}, fmt.Errorf("-shard %s: SLURM_ARRAY_TASK_MIN=%q is not a number", s, m)
			}
			k = task - lo + 1
		}
		if c := getenv("SLURM_ARRAY_TASK_COUNT"); c != "" && c != strconv.Itoa(n) {
			return Shard{}, fmt.Errorf("-shard %s: the Slurm array has %s tasks, not %d: some shards would never run", s, c, n)
		}
		if k < 1 || k > n {
			return Shard{}, fmt.Errorf("-shard %s: SLURM_ARRAY_TASK_ID=%s makes shard %d, not from 1 to %d", s, id, k, n)
		}
		return Shard{k, n}, nil
	}
	if id := getenv("JOB_COMPLETION_INDEX"); id != "" {
		i, err := strconv.Atoi(id)
		if err != nil || i < 0 || i >= n {
			return Shard{}, fmt.Errorf("-shard %s: JOB_COMPLETION_INDEX=%q must be from 0 to %d", s, id, n-1)
		}
		return Shard{i + 1, n}, nil
	}
	return Shard{}, fmt.Errorf("-shard %s: neither SLURM_ARRAY_TASK_ID nor JOB_COMPLETION_INDEX is set", s)
}

// String writes the shard as ParseShard reads it.
func (s Shard) String() string { return fmt.Sprintf("%d/%d", s.K, s.N) }

// Cell is one source with one value of every varied parameter; in a game's plan, also
// one pair of strategies.
type Cell struct {
	Source int
	Values []string // each parameter's value as rows show it
	Config sim.Config
	// Game is, in a game's plan, the index of the cell's game in Plan.Games; Pair is its
	// profile there, and Strategies the two strategies' names (dev's, ops').
	Game       int
	Pair       [2]int
	Strategies [2]string
}

// Game is one empirical game of a game's plan (NewGamePlan): a source with one value of
// every varied parameter, whose cells play every pair of its strategies.
type Game struct {
	Source int
	Values []string
	// Config is the cell's config, bots as the source has them: its own strategies (the
	// preset's scripted bots) are Spaces' Own.
	Config sim.Config
	// Spaces are dev's and ops' strategies under Config (indexed by sim.Role).
	Spaces [2]*strategy.Space
	// First is the index of its first cell in Plan.Cells: cell First + i*cols + j plays
	// dev's strategy i against ops' j.
	First int
}

// Plan is a sweep: what to run and in which order.
type Plan struct {
	Sources []Source
	Params  []Param
	Seeds   Seeds
	Shard   Shard
	Cells   []Cell
	// Games is set for a game's plan (NewGamePlan): its games, in order.
	Games []Game
	// BotLog, when set, hears what bots that play for their pay say before a round
	// (bot.Options.Log): an equilibrium bot solving its game.
	BotLog func(string)
}

// maxJobs bounds a sweep (a shard of it runs fewer).
const maxJobs = 1 << 40

// NewPlan checks the sweep and works out its cells: every config is validated before a
// single round is played.
func NewPlan(sources []Source, params []Param, seeds Seeds, shard Shard) (*Plan, error) {
	return newPlan(sources, params, seeds, shard, false)
}

// NewGamePlan is NewPlan for empirical games (jugglesim equilibrium): a sweep with two
// more dimensions. Each cell of NewPlan becomes a Game, whose cells play every pair of
// its sources' strategies (Source.Strategies under the cell's config): dev's strategies
// outer, ops' inner, each over every seed, seeds innermost as ever. Rows have two more
// identity columns, dev_strategy and ops_strategy, after the varied parameters; workers,
// shards, merging and resuming work as for any sweep.
func NewGamePlan(sources []Source, params []Param, seeds Seeds, shard Shard) (*Plan, error) {
	return newPlan(sources, params, seeds, shard, true)
}

func newPlan(sources []Source, params []Param, seeds Seeds, shard Shard, games bool) (*Plan, error) {
	if err := checkNames(sources); err != nil {
		return nil, err
	}
	if err := checkParams(params); err != nil {
		return nil, err
	}
	combos, err := countCombos(params, len(sources), seeds)
	if err != nil {
		return nil, err
	}
	p := &Plan{Sources: sources, Params: params, Seeds: seeds, Shard: shard}
	if err := p.makeCells(combos); err != nil {
		return nil, err
	}
	if err := p.checkDistinct(combos); err != nil {
		return nil, err
	}
	if games {
		if err := p.makeGames(); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// makeGames turns every cell into a game, whose cells are its pairs of strategies.
func (p *Plan) makeGames() error {
	bases := p.Cells
	p.Cells = nil
	for _, b := range bases {
		g := Game{Source: b.Source, Values: b.Values, Config: b.Config, First: len(p.Cells)}
		for r := range g.Spaces {
			grid := p.Sources[b.Source].Strategies[r]
			if len(grid.Values) == 0 {
				grid = strategy.DefaultGrid(sim.Role(r))
			}
			sp, err := grid.Space(&g.Config)
			if err != nil {
				return fmt.Errorf("cell %s: %v", p.cellName(&b), err)
			}
			g.Spaces[r] = sp
		}
		if uint64(len(p.Cells)+len(g.Spaces[0].Strategies)*len(g.Spaces[1].Strategies)) > maxJobs/p.Seeds.Count() {
			return fmt.Errorf("more than %d rounds", uint64(maxJobs))
		}
		for i, d := range g.Spaces[sim.Dev].Strategies {
			for j, o := range g.Spaces[sim.Ops].Strategies {
				c := Cell{Source: b.Source, Values: b.Values, Config: b.Config, Game: len(p.Games), Pair: [2]int{i, j},
					Strategies: [2]string{d.Name(), o.Name()}}
				d.Apply(&c.Config)
				o.Apply(&c.Config)
				p.Cells = append(p.Cells, c)
			}
		}
		p.Games = append(p.Games, g)
	}
	return nil
}

// GameName names a game in tables: "silo", "sre ops.skill=0.9".
func (p *Plan) GameName(i int) string {
	g := &p.Games[i]
	return p.cellName(&Cell{Source: g.Source, Values: g.Values})
}

// checkNames refuses two sources of one name: rows could not tell them apart.
func checkNames(sources []Source) error {
	if len(sources) == 0 {
		return errors.New("nothing to sweep: give -presets or -scenarios")
	}
	names := map[string]string{}
	for _, s := range sources {
		what := "preset " + s.Name
		if s.File != "" {
			what = s.File
		}
		if other, dup := names[s.Name]; dup {
			return fmt.Errorf("%s and %s are both named %q: rows could not tell them apart (set name in the scenario file)", other, what, s.Name)
		}
		names[s.Name] = what
	}
	return nil
}

// checkParams refuses a parameter varied twice.
func checkParams(params []Param) error {
	seen := map[string]bool{}
	for _, p := range params {
		if seen[p.Field.Path] {
			return fmt.Errorf("-vary %s is given twice", p.Field.Path)
		}
		seen[p.Field.Path] = true
	}
	return nil
}

// countCombos returns the number of combinations of the parameters' values, refusing a
// sweep of more than maxJobs rounds.
func countCombos(params []Param, sources int, seeds Seeds) (int, error) {
	combos := 1
	for _, par := range params {
		combos *= len(par.Values)
		if combos > maxValues*10 {
			return 0, fmt.Errorf("more than %d combinations of -vary values", maxValues*10)
		}
	}
	if seeds.Count() == 0 || seeds.Count() > maxJobs || uint64(sources*combos) > maxJobs/seeds.Count() {
		return 0, fmt.Errorf("more than %d rounds", uint64(maxJobs))
	}
	return combos, nil
}

// makeCells works out every source's cells, one per combination of the parameters'
// values (the last parameter fastest), each config validated.
func (p *Plan) makeCells(combos int) error {
	params := p.Params
	order := applyOrder(params)
	idx := make([]int, len(params))
	for si, src := range p.Sources {
		for c := range combos {
			// idx is the mixed-radix digits of c, the last parameter fastest.
			rest := c
			for i := len(params) - 1; i >= 0; i-- {
				idx[i] = rest % len(params[i].Values)
				rest /= len(params[i].Values)
			}
			cfg := src.Config
			for _, i := range order {
				if err := params[i].Field.Set(&cfg, params[i].Values[idx[i]]); err != nil {
					return fmt.Errorf("-vary %s: %v", params[i].Spec, err)
				}
			}
			cell := Cell{Source: si, Config: cfg, Values: make([]string, len(params))}
			for i, par := range params {
				cell.Values[i] = par.Field.Text(&cfg)
			}
			if err := cfg.Validate(); err != nil {
				return fmt.Errorf("cell %s: %v", p.cellName(&cell), scenarioWords(err))
			}
			p.Cells = append(p.Cells, cell)
		}
	}
	return nil
}

// applyOrder returns the order to apply parameters in: the order of scenario files (a
// bot before its parameters), whatever the order of the -vary flags.
func applyOrder(params []Param) []int {
	order := make([]int, len(params))
	for i := range order {
		order[i] = i
	}
	rank := func(p Param) int {
		for i, f := range scenario.Fields() {
			if f.Path == p.Field.Path {
				return i
			}
		}
		return -1
	}
	slices.SortStableFunc(order, func(a, b int) int { return rank(params[a]) - rank(params[b]) })
	return order
}

// checkDistinct refuses two values of one parameter that are the same once converted
// (0.7 and 0.70): the first source's cells hold every combination.
func (p *Plan) checkDistinct(combos int) error {
	for i, par := range p.Params {
		seen := map[string]bool{}
		for _, cell := range p.Cells[:combos] {
			seen[cell.Values[i]] = true
		}
		if len(seen) < len(par.Values) {
			return fmt.Errorf("-vary %s: some values are the same once converted to the model's units", par.Spec)
		}
	}
	return nil
}

// scenarioWords rewrites a sim.Config field error with scenario paths.
func scenarioWords(err error) string {
	var fe *sim.FieldError
	if !errors.As(err, &fe) {
		return err.Error()
	}
	goPath := fe.Field
	if i := strings.Index(goPath, ".Tiers["); i >= 0 {
		goPath = goPath[:i] + ".Tiers"
	}
	for _, f := range scenario.Fields() {
		if f.Go == goPath {
			return fmt.Sprintf("%s: %s", f.Path, fe.Why)
		}
	}
	return err.Error()
}

// CellName names a cell in tables and charts: "sre ops.skill=0.9 dev.interval_s=2".
func (p *Plan) CellName(i int) string { return p.cellName(&p.Cells[i]) }

func (p *Plan) cellName(c *Cell) string {
	parts := []string{p.Sources[c.Source].Name}
	for i, par := range p.Params {
		parts = append(parts, par.Field.Path+"="+c.Values[i])
	}
	if c.Strategies[0] != "" {
		parts = append(parts, "dev="+c.Strategies[0], "ops="+c.Strategies[1])
	}
	return strings.Join(parts, " ")
}

// Total is the number of rounds of the whole sweep.
func (p *Plan) Total() uint64 { return uint64(len(p.Cells)) * p.Seeds.Count() }

// Count is the number of rounds of the plan's shard.
func (p *Plan) Count() uint64 {
	k, n, t := uint64(p.Shard.K), uint64(p.Shard.N), p.Total()
	if t < k {
		return 0
	}
	return (t-k)/n + 1
}

// Job is one round of the sweep.
type Job struct {
	Run  uint64 // from 1, in the whole sweep
	Cell int
	Seed uint64
}

// Job returns the i-th job of the plan's shard, i from 0.
func (p *Plan) Job(i uint64) Job {
	run := uint64(p.Shard.K) + i*uint64(p.Shard.N)
	j := run - 1
	return Job{Run: run, Cell: int(j / p.Seeds.Count()), Seed: p.Seeds.First + j%p.Seeds.Count()}
}
