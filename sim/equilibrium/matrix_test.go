package equilibrium_test

import (
	"bytes"
	"encoding/csv"
	"math"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"devopsjuggle/sim"
	"devopsjuggle/sim/bot"
	"devopsjuggle/sim/equilibrium"
	"devopsjuggle/sim/strategy"
)

// play fills a matrix of silo with real rounds: two dev and two ops strategies, each
// pair over the same seeds, profiles visited in the given order.
func play(t *testing.T, order []equilibrium.Profile, seeds int) *equilibrium.Matrix {
	t.Helper()
	cfg, err := sim.Preset("silo")
	require.NoError(t, err)
	dev := []strategy.Strategy{strategy.MustParse(sim.Dev, "greedy"), strategy.MustParse(sim.Dev, "test=2s,hold=calm")}
	ops := []strategy.Strategy{strategy.MustParse(sim.Ops, "response=recover"), strategy.MustParse(sim.Ops, "gate=reject-all,response=recover")}
	names := func(ss []strategy.Strategy) []string {
		var out []string
		for _, s := range ss {
			out = append(out, s.Name())
		}
		return out
	}
	m := equilibrium.NewMatrix("silo", names(dev), names(ops), seeds)
	for _, p := range order {
		c := cfg
		dev[p.Dev].Apply(&c)
		ops[p.Ops].Apply(&c)
		for k := range seeds {
			r := bot.Play(c, uint64(k+1))
			m.Add(p, k, &r)
		}
	}
	return m
}

// The matrix of real rounds: the columns the issue asks for, means that match the
// rounds, and the same bytes whatever order the profiles were played in.
func TestMatrixOfRounds(t *testing.T) {
	const seeds = 4
	order := []equilibrium.Profile{{0, 0}, {0, 1}, {1, 0}, {1, 1}}
	m := play(t, order, seeds)
	var a bytes.Buffer
	require.NoError(t, m.WriteCSV(&a, true))
	rows, err := csv.NewReader(bytes.NewReader(a.Bytes())).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, 5)
	col := map[string]int{}
	for i, c := range rows[0] {
		col[c] = i
	}
	for i, c := range []string{"cell", "dev_strategy", "ops_strategy", "rounds", "dev_pay", "ops_pay", "shipped", "uptime"} {
		assert.Equal(t, i, col[c], "column %s", c)
	}
	for _, c := range []string{"dev_pay_ci95", "uptime_ci95", "deploys_per_month", "lead_time_days", "change_failure_rate",
		"time_to_restore_hours", "regret_dev", "regret_ops_ci95", "regret_dev_to"} {
		assert.Contains(t, col, c)
	}
	// Row 3 is test=2s,hold=calm x response=recover: its means are the rounds' means.
	row := rows[3]
	assert.Equal(t, []string{"silo", "test=2s,hold=calm", "response=recover", "4"}, row[:4])
	cfg, _ := sim.Preset("silo")
	strategy.MustParse(sim.Dev, "test=2s,hold=calm").Apply(&cfg)
	strategy.MustParse(sim.Ops, "response=recover").Apply(&cfg)
	var pay, shipped float64
	for k := range seeds {
		r := bot.Play(cfg, uint64(k+1))
		pay += float64(r.DevPay)
		shipped += float64(r.Shipped)
	}
	assertNum(t, pay/seeds, row[col["dev_pay"]])
	assertNum(t, shipped/seeds, row[col["shipped"]])
	// A wall of rejections ships nothing and keeps uptime high; its uptime is a fraction.
	wall := rows[2]
	assert.Equal(t, "0", wall[col["shipped"]])
	assertBetween(t, wall[col["uptime"]], 0.9, 1)
	assert.Equal(t, "", wall[col["lead_time_days"]], "no deploys, no lead time")

	// Another order of the profiles (as workers would finish them): the same bytes.
	var b bytes.Buffer
	require.NoError(t, play(t, []equilibrium.Profile{{1, 1}, {0, 1}, {1, 0}, {0, 0}}, seeds).WriteCSV(&b, true))
	assert.Equal(t, a.String(), b.String())

	sol, err := m.Table.Solve(equilibrium.Options{Mixed: equilibrium.MixedAlways, Search: equilibrium.Enumerate})
	require.NoError(t, err)
	assert.NotEmpty(t, sol.Equilibria)
}

func TestMatrixSeedOrder(t *testing.T) {
	m := equilibrium.NewMatrix("c", []string{"a"}, []string{"x"}, 2)
	var r sim.Result
	assert.Panics(t, func() { m.Add(equilibrium.Profile{}, 1, &r) }, "seed 1 before seed 0")
	m.Add(equilibrium.Profile{}, 0, &r)
	var b bytes.Buffer
	assert.Error(t, m.WriteCSV(&b, true), "an incomplete matrix")
}

func assertNum(t *testing.T, want float64, got string) {
	t.Helper()
	f, err := strconv.ParseFloat(got, 64)
	require.NoError(t, err)
	assert.InDelta(t, want, f, 1e-9)
}

func assertBetween(t *testing.T, got string, lo, hi float64) {
	t.Helper()
	f, err := strconv.ParseFloat(got, 64)
	require.NoError(t, err)
	assert.GreaterOrEqual(t, f, lo)
	assert.LessOrEqual(t, f, hi)
}

// The matrix's figures from rounds whose values are known: means, Student's intervals
// (t(0.975, 2) = 4.302653 for three rounds), figures only some rounds have, and a
// regret column left empty where no strategy gains.
func TestMatrixFigures(t *testing.T) {
	m := equilibrium.NewMatrix("c", []string{"a", "b"}, []string{"x"}, 3)
	rounds := []sim.Result{
		{Shipped: 10, Uptime: 0.9, DevPay: 100, OpsPay: 7, Deploys: 0, ChangeFailureRate: 0, RestoreBand: sim.NoData},
		{Shipped: 12, Uptime: 0.8, DevPay: 200, OpsPay: 7, Deploys: 4, ChangeFailureRate: 0.5, TimeToRestoreHours: 3, RestoreBand: sim.High},
		{Shipped: 14, Uptime: 0.7, DevPay: 300, OpsPay: 7, Deploys: 2, ChangeFailureRate: 0.25, RestoreBand: sim.NoData},
	}
	for k := range rounds {
		m.Add(equilibrium.Profile{Dev: 0, Ops: 0}, k, &rounds[k])
		better := rounds[k]
		better.DevPay += 50
		m.Add(equilibrium.Profile{Dev: 1, Ops: 0}, k, &better)
	}
	var b bytes.Buffer
	require.NoError(t, m.WriteCSV(&b, true))
	rows, err := csv.NewReader(&b).ReadAll()
	require.NoError(t, err)
	col := map[string]int{}
	for i, c := range rows[0] {
		col[c] = i
	}
	a, better := rows[1], rows[2]
	h := 4.302653 * 2 / math.Sqrt(3) // sd of 10, 12, 14 is 2
	assertNum(t, 12, a[col["shipped"]])
	assertNum(t, h, a[col["shipped_ci95"]])
	assertNum(t, 0.8, a[col["uptime"]])
	assertNum(t, 4.302653*0.1/math.Sqrt(3), a[col["uptime_ci95"]])
	assertNum(t, 200, a[col["dev_pay"]])
	assertNum(t, 4.302653*100/math.Sqrt(3), a[col["dev_pay_ci95"]])
	assertNum(t, 0, a[col["ops_pay_ci95"]])
	assertNum(t, 0.375, a[col["change_failure_rate"]]) // the two rounds with deploys
	assertNum(t, 3, a[col["time_to_restore_hours"]])   // the one round that restored
	// a leaves 50 a seed on the table, exactly (no spread): b is the better reply.
	assertNum(t, 50, a[col["regret_dev"]])
	assertNum(t, 0, a[col["regret_dev_ci95"]])
	assert.Equal(t, "b", a[col["regret_dev_to"]])
	assert.Equal(t, "0", better[col["regret_dev"]])
	assert.Equal(t, "", better[col["regret_dev_to"]], "no strategy gains")
	assert.Equal(t, "", better[col["regret_ops_to"]])
}
