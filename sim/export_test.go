package sim

// Hooks for the external tests (package sim_test).

// CheckInvariants is checkInvariants.
func (w *World) CheckInvariants() error { return w.checkInvariants() }

// SameView reports whether two views hold the same, whatever world they were observed in.
func SameView(a, b *View) bool {
	x, y := *a, *b
	x.src, y.src, x.stepped, y.stepped = nil, nil, 0, 0
	return x == y
}

// StepAll makes w's Step play every tick in full, as before it could jump over the rest
// of a tick with inputs: the reference the tests compare with.
func (w *World) StepAll() { w.stepAll = true }
