package swarm

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"devopsjuggle/sim"
)

// Case is one random round: its config and who plays each role. NewCase makes the same
// Case from the same seed, on every platform.
type Case struct {
	Seed    uint64
	Config  sim.Config
	Players [2]Player // by sim.Role
}

// PlayerKind is who plays a role in a Case.
type PlayerKind uint8

// The kinds of players.
const (
	// Bot is the config's bot for the role (sim.Config.DevBot or OpsBot).
	Bot PlayerKind = iota
	// Person is a person-like random input stream: presses near what the screen shows,
	// with timing errors, and now and then anything at all (see Person).
	Person
	// Nobody: nothing is sent for the role but the other player's stray inputs.
	Nobody
)

// Player is who plays one role.
type Player struct {
	Kind   PlayerKind
	Person PersonSpec // for Kind == Person
}

// PersonSpec are a person-like player's habits, in per-mille chances per tick and ticks.
type PersonSpec struct {
	// ErrorTicks is the widest timing error of a catch (ops): a press lands up to this
	// far before or after a ball's arrival.
	ErrorTicks int
	// ActPermille is the chance per tick of one of the role's other actions (release,
	// test, approve, recover...), with a random argument, wanted or not.
	ActPermille int
	// JunkPermille is the chance per tick of an input of any action, role and argument:
	// malformed ones included.
	JunkPermille int
	// MissPermille is the chance of not pressing at all for a ball (ops).
	MissPermille int
}

// caseSalt separates a case's generator stream from every other use of the seed.
const caseSalt = 0x5a17_c0de_0b5e_55ed

// NewCase returns the random round of seed: a random valid config (every practice,
// monitoring mode, release style and pay scheme; durations from the shortest to the
// longest Validate allows, most near the defaults) and a random player for each role.
func NewCase(seed uint64) Case {
	r := rand.New(rand.NewPCG(seed, caseSalt))
	c := Case{Seed: seed, Config: randomConfig(r)}
	for role := range c.Players {
		c.Players[role] = randomPlayer(r)
	}
	return c
}

func randomPlayer(r *rand.Rand) Player {
	switch n := r.IntN(100); {
	case n < 60:
		return Player{Kind: Bot}
	case n < 90:
		return Player{Kind: Person, Person: PersonSpec{
			ErrorTicks:   []int{0, 3, 8, 20}[r.IntN(4)],
			ActPermille:  []int{2, 20, 200}[r.IntN(3)],
			JunkPermille: []int{0, 5, 50, 500}[r.IntN(4)],
			MissPermille: []int{0, 50, 300}[r.IntN(3)],
		}}
	}
	return Player{Kind: Nobody}
}

// String describes the case in one line: what a failure report shows.
func (c *Case) String() string {
	cfg := &c.Config
	var b strings.Builder
	fmt.Fprintf(&b, "seed %d: %s, %d months of %d ticks; gate %v, %s, monitoring %s, error budget %v (SLO %d)",
		c.Seed, cfg.Name, cfg.Months, cfg.MonthTicks, cfg.Gate, cfg.Release, cfg.Monitoring, cfg.ErrorBudget, cfg.SLOPermille)
	for role, p := range c.Players {
		fmt.Fprintf(&b, "; %s: ", sim.Role(role))
		switch p.Kind {
		case Bot:
			if role == int(sim.Dev) {
				fmt.Fprintf(&b, "bot %+v", cfg.DevBot)
			} else {
				fmt.Fprintf(&b, "bot %+v", cfg.OpsBot)
			}
		case Person:
			fmt.Fprintf(&b, "person %+v", p.Person)
		default:
			b.WriteString("nobody")
		}
	}
	return b.String()
}
