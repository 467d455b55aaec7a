package equilibrium

import "devopsjuggle/sim"

// PathEnd is how a best-response path ends.
type PathEnd int

// The ends of a path.
const (
	// Converged: neither role has a deviation that counts; the last profile is a pure
	// equilibrium under the path's rule.
	Converged PathEnd = iota
	// Cycled: the path came back to a profile with the same role to move; it would go
	// round forever. The game has no pure equilibrium on this path (look for a mixed one).
	Cycled
	// Bounded: the path reached its step bound first.
	Bounded
)

// String names the end as output says it.
func (e PathEnd) String() string {
	switch e {
	case Converged:
		return "converged"
	case Cycled:
		return "cycle"
	}
	return "bound"
}

// Step is one move of a best-response path: a role switched to its best response.
type Step struct {
	Move Deviation // the role, from, to, and what it gained
	To   Profile   // the profile after the move
}

// Path is iterated best responses from a starting profile: dev, then ops, then dev...
// each switches to its best deviation that counts under the rule (BestResponse) when it
// has one, until neither has.
type Path struct {
	Start Profile
	Rule  Rule
	Steps []Step
	End   PathEnd
	// CycleStart is, when End is Cycled, the index of the first step of the cycle: the
	// profiles after Steps[CycleStart-1] (Start when 0) repeat from there on.
	CycleStart int
}

// Last returns the profile the path ends at.
func (p *Path) Last() Profile {
	if len(p.Steps) == 0 {
		return p.Start
	}
	return p.Steps[len(p.Steps)-1].To
}

// BestResponsePath plays iterated best responses from start under the rule: dev moves
// first, then the roles alternate; a role without a deviation that counts passes. It
// stops when both pass in a row (Converged), when a profile recurs with the same role to
// move (Cycled), or after maxSteps moves (Bounded; maxSteps <= 0 means no bound but the
// game's size: there are 2 x rows x cols states, so a path always converges or cycles
// within that many moves).
func (t *Table) BestResponsePath(start Profile, rule Rule, maxSteps int) Path {
	t.cell(start)
	states := 2 * t.Rows() * t.Cols()
	if maxSteps <= 0 {
		maxSteps = states
	}
	path := Path{Start: start, Rule: rule}
	// seen[(cell)*2 + mover] is 1 + the number of moves made when the state was first
	// reached, 0 when never.
	seen := make([]int, states)
	cur, mover, passes := start, sim.Dev, 0
	for {
		state := t.cell(cur)*2 + int(mover)
		if at := seen[state]; at > 0 {
			path.End, path.CycleStart = Cycled, at-1
			return path
		}
		seen[state] = len(path.Steps) + 1
		d, ok := t.BestResponse(cur, mover, rule)
		if ok {
			if len(path.Steps) == maxSteps {
				path.End = Bounded
				return path
			}
			cur = cur.with(mover, d.To)
			path.Steps = append(path.Steps, Step{Move: d, To: cur})
			passes = 0
		} else if passes++; passes == 2 {
			path.End = Converged
			return path
		}
		mover = other(mover)
	}
}
