package equilibrium

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"math/big"
	"strconv"

	"devopsjuggle/sim"
)

// Metric is a figure of a round (a sim.Result field) that the matrix averages per
// profile, besides pay.
type Metric struct {
	// Column is the matrix's column for the mean (and Column+"_ci95" for its interval's
	// half-width, when CI).
	Column string
	// CI adds the half-width of the 95 % confidence interval of the mean.
	CI bool
	// Value returns the round's value, and false when the round has none (a lead time
	// without deploys): the mean is over the rounds that have one.
	Value func(*sim.Result) (float64, bool)
}

func always(f func(*sim.Result) float64) func(*sim.Result) (float64, bool) {
	return func(r *sim.Result) (float64, bool) { return f(r), true }
}

// Metrics are the matrix's figures per profile, in column order after the pay columns:
// what each pair of strategies ships, its uptime (a fraction), and DORA's four keys.
var Metrics = []Metric{
	{"shipped", true, always(func(r *sim.Result) float64 { return float64(r.Shipped) })},
	{"uptime", true, always(func(r *sim.Result) float64 { return r.Uptime })},
	{"downtime_hours", false, always(func(r *sim.Result) float64 { return r.DowntimeHours })},
	{"incidents", false, always(func(r *sim.Result) float64 { return float64(r.Incidents) })},
	{"rollbacks", false, always(func(r *sim.Result) float64 { return float64(r.Rollbacks) })},
	{"deploys_per_month", false, always(func(r *sim.Result) float64 { return r.DeploysPerMonth })},
	{"lead_time_days", false, func(r *sim.Result) (float64, bool) { return r.LeadTimeDays, r.Deploys > 0 }},
	{"change_failure_rate", false, func(r *sim.Result) (float64, bool) { return r.ChangeFailureRate, r.Deploys > 0 }},
	{"time_to_restore_hours", false, func(r *sim.Result) (float64, bool) {
		return r.TimeToRestoreHours, r.RestoreBand != sim.NoData
	}},
}

// stat accumulates a sum, for the mean, and a variance (Welford) one value at a time.
// The mean is the sum over the count, one rounding: integer figures (features shipped)
// have exact means. The explicit conversions round every product, so that no platform
// fuses a multiply and an add: the same values in the same order give the same bits
// everywhere.
type stat struct {
	n    int
	sum  float64
	mean float64 // Welford's running mean, for m2
	m2   float64
}

func (s *stat) add(x float64) {
	s.n++
	s.sum += x
	d := x - s.mean
	s.mean += d / float64(s.n)
	s.m2 += float64(d * float64(x-s.mean))
}

// ci95 returns the half-width of the mean's 95 % interval, NaN for fewer than 2 values.
func (s *stat) ci95() float64 {
	if s.n < 2 {
		return math.NaN()
	}
	t := float64(studentT975(int64(s.n-1))) / 1e6
	return float64(t * math.Sqrt(s.m2/float64(s.n-1)/float64(s.n)))
}

// Matrix is the empirical game of one cell (one config): the payoff table and, for each
// profile, the figures of its rounds. Fill it with Add, one round at a time, from the
// rounds' sim.Result; write it with WriteCSV and Table.WriteNFG.
type Matrix struct {
	Cell  string
	Table *Table
	stats [][]stat // [profile][metric]
	next  []int    // [profile] the next sample Add expects
}

// NewMatrix returns an empty matrix of dev x ops strategies over seeds samples.
func NewMatrix(cell string, dev, ops []string, seeds int) *Matrix {
	t := NewTable(dev, ops, seeds)
	m := &Matrix{Cell: cell, Table: t, stats: make([][]stat, t.Rows()*t.Cols()), next: make([]int, t.Rows()*t.Cols())}
	for i := range m.stats {
		m.stats[i] = make([]stat, len(Metrics))
	}
	return m
}

// Add records the round of profile p on its k-th seed. A profile's rounds must come in
// seed order (k = 0, 1, ...): float means depend on the order of their terms, and this
// order makes them the same whatever the number of workers that played the rounds.
func (m *Matrix) Add(p Profile, k int, r *sim.Result) {
	c := m.Table.cell(p)
	if k != m.next[c] {
		panic(fmt.Sprintf("equilibrium: round %d of profile %v added after %d rounds", k, p, m.next[c]))
	}
	m.next[c]++
	m.Table.Set(p, k, r.DevPay, r.OpsPay)
	for i, mt := range Metrics {
		if v, ok := mt.Value(r); ok {
			m.stats[c][i].add(v)
		}
	}
}

// Columns returns the CSV's header: the profile, the rounds, each role's mean pay, the
// figures' means (Metrics), the intervals, and each role's regret in the profile with
// its interval and the strategy it would switch to.
func (m *Matrix) Columns() []string {
	cols := []string{"cell", "dev_strategy", "ops_strategy", "rounds", "dev_pay", "ops_pay"}
	for _, mt := range Metrics {
		cols = append(cols, mt.Column)
	}
	cols = append(cols, "dev_pay_ci95", "ops_pay_ci95")
	for _, mt := range Metrics {
		if mt.CI {
			cols = append(cols, mt.Column+"_ci95")
		}
	}
	return append(cols, "regret_dev", "regret_dev_ci95", "regret_dev_to", "regret_ops", "regret_ops_ci95", "regret_ops_to")
}

// WriteCSV writes one row per profile, dev's strategies outer, with the header first
// when header is set. Means and intervals are written in the shortest form that reads
// back as the same float; a figure no round has (a lead time without deploys) and an
// interval of fewer than two rounds are empty. The table must be complete.
func (m *Matrix) WriteCSV(w io.Writer, header bool) error {
	t := m.Table
	if err := t.Complete(); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if header {
		if err := cw.Write(m.Columns()); err != nil {
			return err
		}
	}
	for i := range t.Rows() {
		for j := range t.Cols() {
			if err := cw.Write(m.row(Profile{i, j})); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

func (m *Matrix) row(p Profile) []string {
	t := m.Table
	c := t.cell(p)
	row := []string{m.Cell, t.Names[sim.Dev][p.Dev], t.Names[sim.Ops][p.Ops], strconv.Itoa(t.seeds),
		ratFloat(t.Mean(sim.Dev, p)), ratFloat(t.Mean(sim.Ops, p))}
	for i := range Metrics {
		row = append(row, formatStat(m.stats[c][i].n, m.stats[c][i].sum))
	}
	for r := range 2 {
		row = append(row, formatFloat(t.paySample(p, sim.Role(r)).halfWidth()))
	}
	for i, mt := range Metrics {
		if mt.CI {
			row = append(row, formatFloat(m.stats[c][i].ci95()))
		}
	}
	for r := range 2 {
		d := t.Regret(p, sim.Role(r))
		to := ""
		if d.To != d.From {
			to = t.Names[r][d.To]
		}
		row = append(row, ratFloat(d.Gain), formatFloat(d.HalfWidth), to)
	}
	return row
}

// paySample returns role r's payoffs in profile p as a sample (not differences), for
// the interval of its mean.
func (t *Table) paySample(p Profile, r sim.Role) *sample {
	c := t.cell(p)
	s := &sample{n: int64(t.seeds), exact: t.exact}
	s.scale.SetInt64(1)
	var x big.Int
	for _, v := range t.pay[r][c*t.seeds : (c+1)*t.seeds] {
		x.SetInt64(v)
		s.s2.Add(&s.s2, x.Mul(&x, &x))
	}
	s.s1.SetInt64(t.sum[r][c])
	return s
}

// formatStat writes the mean of n values that sum to sum, empty when there are none.
func formatStat(n int, sum float64) string {
	if n == 0 {
		return ""
	}
	return formatFloat(sum / float64(n))
}

// ratFloat writes a rational as its nearest float.
func ratFloat(x *big.Rat) string {
	f, _ := x.Float64()
	return formatFloat(f)
}

// formatFloat writes the shortest decimal that reads back as f, empty for NaN.
func formatFloat(f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return ""
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}
