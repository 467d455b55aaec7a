package sweep

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"syscall"
	"text/tabwriter"

	"gonum.org/v1/gonum/stat/distuv"

	"devopsjuggle/sim"
)

func isUnsupportedSync(err error) bool {
	return errors.Is(err, syscall.EINVAL) || errors.Is(err, syscall.ENOTSUP) || errors.Is(err, syscall.ENOSYS)
}

// Stat accumulates the mean and variance of a sample, one value at a time (Welford), so
// that a summary needs no rows in memory.
type Stat struct {
	N    int
	mean float64
	m2   float64
}

// Add adds a value. The explicit conversions round every product, so that no platform
// fuses a multiply and an add (arm64 does): the same rows give the same bits anywhere,
// whether they came from rounds played or from a file being resumed.
func (s *Stat) Add(x float64) {
	s.N++
	d := x - s.mean
	s.mean += d / float64(s.N)
	s.m2 += float64(d * float64(x-s.mean))
}

// Mean is the sample mean.
func (s *Stat) Mean() float64 { return s.mean }

// SD is the sample standard deviation (n - 1), 0 for fewer than two values.
func (s *Stat) SD() float64 {
	if s.N < 2 {
		return 0
	}
	return math.Sqrt(s.m2 / float64(s.N-1))
}

// CI95 is the half-width of the 95 % confidence interval of the mean, from Student's t
// distribution; NaN for fewer than two values.
func (s *Stat) CI95() float64 {
	if s.N < 2 {
		return math.NaN()
	}
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(s.N - 1)}.Quantile(0.975)
	return t * s.SD() / math.Sqrt(float64(s.N))
}

// Metric is one measure the summary and the charts report.
type Metric struct {
	Name   string // the column of the rows
	Label  string // for people
	Scale  float64
	Format string // for a mean or an interval
}

// Metrics are the measures of the summary: shipped, uptime and each role's pay.
var Metrics = []Metric{
	{"shipped", "features shipped", 1, "%.2f"},
	{"uptime", "uptime %", 100, "%.3f"},
	{"dev_pay", "dev pay $", 1, "%.0f"},
	{"ops_pay", "ops pay $", 1, "%.0f"},
}

func metricValues(r *sim.Result) [4]float64 {
	return [4]float64{float64(r.Shipped), float64(100 * r.Uptime), float64(r.DevPay), float64(r.OpsPay)}
}

// Summary holds the statistics of every cell of a sweep.
type Summary struct {
	Names []string
	Stats [][4]Stat // per cell, per metric
}

// NewSummary returns an empty summary of the plan's cells.
func NewSummary(p *Plan) *Summary {
	s := &Summary{Stats: make([][4]Stat, len(p.Cells))}
	for i := range p.Cells {
		s.Names = append(s.Names, p.CellName(i))
	}
	return s
}

// Add adds a round of a cell.
func (s *Summary) Add(cell int, r *sim.Result) {
	for m, v := range metricValues(r) {
		s.Stats[cell][m].Add(v)
	}
}

// addRow adds a row read back from a file (by Resume): the values are the same floats
// as the Result they were written from, so the summary is the same.
func (s *Summary) addRow(cell int, vals [4]string) error {
	for m, v := range vals {
		x, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return fmt.Errorf("%s %q is not a number", Metrics[m].Name, v)
		}
		s.Stats[cell][m].Add(float64(x * Metrics[m].Scale))
	}
	return nil
}

// Write prints the summary as a table: per cell, the rounds and the mean ± the half-width
// of the 95 % confidence interval of each metric.
func (s *Summary) Write(w io.Writer) error {
	fmt.Fprintf(w, "Means ± 95 %% confidence intervals (Student's t), rules version %s:\n", sim.RulesVersion)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "cell\trounds\t")
	for _, m := range Metrics {
		fmt.Fprintf(tw, "%s\t", m.Label)
	}
	fmt.Fprintln(tw)
	for c, name := range s.Names {
		st := &s.Stats[c]
		fmt.Fprintf(tw, "%s\t%d\t", name, st[0].N)
		for m, mt := range Metrics {
			fmt.Fprintf(tw, "%s\t", interval(&st[m], mt.Format))
		}
		fmt.Fprintln(tw)
	}
	return tw.Flush()
}

func interval(s *Stat, format string) string {
	if s.N == 0 {
		return "-"
	}
	ci := s.CI95()
	if math.IsNaN(ci) {
		return fmt.Sprintf(format, s.Mean())
	}
	return fmt.Sprintf(format+" ± "+format, s.Mean(), ci)
}
