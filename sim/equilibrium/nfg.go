package equilibrium

import (
	"fmt"
	"io"
	"math/big"
	"strings"

	"devopsjuggle/sim"
)

// NFG says how WriteNFG writes a table in Gambit's strategic-game format (.nfg, version
// 1, "R": https://gambitproject.readthedocs.io, "Game representation formats").
type NFG struct {
	// Title is the game's title.
	Title string
	// Outcomes selects the outcome version: strategies listed by name, one named outcome
	// per profile ("dev x ops"), and the Comment. It is what Gambit's own tools show best.
	// Without it, the payoff version: strategy counts and a flat list of payoffs, which
	// Gambit reads and so does OpenSpiel's nfg_game loader (which reads no names, no
	// comment and no escaped quotes: the title's double quotes become single ones).
	Outcomes bool
	// Comment is the outcome version's description (units, seeds).
	Comment string
}

// WriteNFG writes the table's mean payoffs, dev as player 1 (rows) and ops as player 2.
// Payoffs are exact: a mean whose decimal expansion ends is written as a decimal
// (1608.04), any other as a fraction (3217/3), both of which Gambit and OpenSpiel read.
// Profiles follow Gambit's order: dev's strategy varies fastest.
func (t *Table) WriteNFG(w io.Writer, opt NFG) error {
	var b strings.Builder
	title := opt.Title
	if !opt.Outcomes {
		// OpenSpiel's reader knows no escapes: a quote would end the title.
		title = strings.ReplaceAll(title, `"`, "'")
	}
	fmt.Fprintf(&b, "NFG 1 R %s { %s %s }", nfgQuote(title), nfgQuote(sim.Dev.String()), nfgQuote(sim.Ops.String()))
	m, n := t.Rows(), t.Cols()
	if !opt.Outcomes {
		fmt.Fprintf(&b, " { %d %d }\n\n", m, n)
		for j := range n {
			for i := range m {
				if i > 0 {
					b.WriteByte(' ')
				}
				p := Profile{i, j}
				fmt.Fprintf(&b, "%s %s", nfgNumber(t.Mean(sim.Dev, p)), nfgNumber(t.Mean(sim.Ops, p)))
			}
			b.WriteByte('\n')
		}
		_, err := io.WriteString(w, b.String())
		return err
	}
	b.WriteString("\n\n{\n")
	for r := range 2 {
		b.WriteString("{")
		for _, s := range t.Names[r] {
			b.WriteString(" " + nfgQuote(s))
		}
		b.WriteString(" }\n")
	}
	b.WriteString("}\n")
	b.WriteString(nfgQuote(opt.Comment) + "\n\n{\n")
	for j := range n {
		for i := range m {
			p := Profile{i, j}
			fmt.Fprintf(&b, "{ %s %s, %s }\n", nfgQuote(t.Names[sim.Dev][i]+" x "+t.Names[sim.Ops][j]),
				nfgNumber(t.Mean(sim.Dev, p)), nfgNumber(t.Mean(sim.Ops, p)))
		}
	}
	b.WriteString("}\n")
	for k := range m * n {
		if k > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%d", k+1)
	}
	b.WriteByte('\n')
	_, err := io.WriteString(w, b.String())
	return err
}

// nfgQuote quotes a label, escaping quotes with a backslash as Gambit's format does.
func nfgQuote(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"`
}

// nfgNumber writes a rational exactly: as a decimal when its expansion ends (its
// denominator has no prime factors but 2 and 5), else as p/q.
func nfgNumber(x *big.Rat) string {
	if x.IsInt() {
		return x.Num().String()
	}
	d := new(big.Int).Set(x.Denom())
	digits := 0
	var rem big.Int
	for _, f := range []int64{2, 5} {
		bf := big.NewInt(f)
		n := 0
		for {
			q, r := new(big.Int).QuoRem(d, bf, &rem)
			if r.Sign() != 0 {
				break
			}
			d, n = q, n+1
		}
		digits = max(digits, n)
	}
	if d.Cmp(big.NewInt(1)) != 0 {
		return x.RatString()
	}
	return x.FloatString(digits)
}
