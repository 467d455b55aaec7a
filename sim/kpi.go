package sim

// kpiWindow is the top-down KPI's window: the availability of each of the last
// KPIWindowTicks ticks, and their sum. It keeps them as runs of equal values, oldest
// first, so that AdvanceTo moves the window over many ticks of one availability at once
// (popping the runs that leave, pushing one run), and NextEvent finds the tick at which
// the KPI alert fires by one division per run instead of one tick at a time.
//
// As state it is the flat ring of one value per tick that the hash reads: the value of
// the oldest tick sits at index pos, the next at pos+1 (wrapping around), and each tick
// overwrites the oldest and moves pos on by one.
type kpiWindow struct {
	runs  []kpiRun // a circular queue of runsN runs from head, oldest first; len(runs) = size
	head  int
	runsN int
	size  int // the window in ticks: the sum of the runs' ticks
	pos   int // the flat ring's index of the oldest tick
	sum   int64
	level int32 // the availability of every tick in the window, -1 if they differ
}

// kpiRun is ticks consecutive ticks of availability v, both within int16 (KPIWindowMax
// is 1800 ticks, availability at most 1000 per mille).
type kpiRun struct {
	v, ticks int16
}

// newKPIWindow returns a window of size ticks, all fully available, in runs if it is
// long enough.
func newKPIWindow(size int, runs []kpiRun) kpiWindow {
	invariant(size >= 1 && size <= KPIWindowMax, "KPI window out of bounds")
	k := kpiWindow{runs: runs[:cap(runs)], runsN: 1, size: size, sum: 1000 * int64(size), level: 1000}
	if len(k.runs) < size {
		k.runs = make([]kpiRun, size)
	}
	k.runs[0] = kpiRun{1000, int16(size)}
	return k
}

// still moves the window on by one tick of availability a if every tick in it is at a
// already (the window then stays as it is, only older), and reports whether it was:
// most ticks, and short enough to be inlined in the tick's step. Otherwise the step
// pushes.
func (k *kpiWindow) still(a int32) bool {
	if a != k.level {
		return false
	}
	if k.pos++; k.pos == k.size {
		k.pos = 0
	}
	return true
}

// push moves the window on by n ticks of availability a: the n oldest ticks leave it.
func (k *kpiWindow) push(a int32, n Tick) {
	if n <= 0 {
		return
	}
	if a == k.level {
		// The whole window is at a already: it stays so, only older (most jumps).
		if n < Tick(k.size) {
			if k.pos += int(n); k.pos >= k.size {
				k.pos -= k.size
			}
		} else {
			k.pos = int((int64(k.pos) + int64(n)) % int64(k.size))
		}
		return
	}
	k.move(a, n)
	k.level = -1
	if k.runsN == 1 {
		k.level = int32(k.runs[k.head].v)
	}
}

// move is push's work on the runs.
func (k *kpiWindow) move(a int32, n Tick) {
	if n < Tick(k.size) {
		if k.pos += int(n); k.pos >= k.size {
			k.pos -= k.size
		}
	} else {
		k.pos = int((int64(k.pos) + int64(n)) % int64(k.size))
	}
	if k.runsN == 1 && k.runs[k.head].v == int16(a) {
		return // the whole window is at a already: it stays so
	}
	if n >= Tick(k.size) {
		k.head, k.runsN = 0, 1
		k.runs[0] = kpiRun{int16(a), int16(k.size)}
		k.sum = int64(a) * int64(k.size)
		return
	}
	left := int16(n)
	for left > 0 { // at most runsN runs: n < size ticks leave, and some are left
		r := &k.runs[k.head]
		take := min(left, r.ticks)
		k.sum -= int64(take) * int64(r.v)
		r.ticks -= take
		left -= take
		if r.ticks == 0 {
			k.head++
			if k.head == len(k.runs) {
				k.head = 0
			}
			k.runsN--
		}
	}
	k.sum += int64(n) * int64(a)
	last := k.head + k.runsN - 1
	if last >= len(k.runs) {
		last -= len(k.runs)
	}
	if k.runsN > 0 && k.runs[last].v == int16(a) {
		k.runs[last].ticks += int16(n)
		return
	}
	// runsN < size here: the size - n ticks left hold at most size - n runs.
	last++
	if last == len(k.runs) {
		last = 0
	}
	k.runs[last] = kpiRun{int16(a), int16(n)}
	k.runsN++
}

// crossing returns after how many more ticks of availability a the window's sum first
// falls below limit (1 for the coming tick), looking no further than within ticks; 0 if
// it does not within them. The sum moves by a minus the value leaving, so within a run
// of leaving values it moves in a straight line: one division per run finds the tick.
// After size ticks the window holds only a and the sum stops moving.
func (k *kpiWindow) crossing(a int32, limit int64, within Tick) Tick {
	s := k.sum
	if s < limit {
		return 1
	}
	done := Tick(0) // ticks looked at
	i := k.head
	for r := 0; r < k.runsN && done < within; r++ {
		run := k.runs[i]
		if d := int64(run.v) - int64(a); d > 0 {
			// s falls by d a tick from s >= limit: below limit after (s-limit)/d + 1 ticks.
			if j := Tick((s-limit)/d + 1); j <= Tick(run.ticks) {
				if done+j <= within {
					return done + j
				}
				return 0
			}
		}
		s += int64(run.ticks) * (int64(a) - int64(run.v))
		done += Tick(run.ticks)
		if i++; i == len(k.runs) {
			i = 0
		}
	}
	return 0
}

// each calls f with the value of every tick of the window in the flat ring's order, from
// index 0: the order the hash reads them in.
func (k *kpiWindow) each(f func(v int16)) {
	first := (k.size - k.pos) % k.size // the age of the tick at index 0
	k.eachAged(first, k.size, f)
	k.eachAged(0, first, f)
}

// eachAged calls f with the value of every tick whose age (0 for the oldest) is in
// [from, to), oldest first.
func (k *kpiWindow) eachAged(from, to int, f func(v int16)) {
	age := 0
	i := k.head
	for r := 0; r < k.runsN && age < to; r++ {
		run := k.runs[i]
		for j := max(age, from); j < min(age+int(run.ticks), to); j++ {
			f(run.v)
		}
		age += int(run.ticks)
		if i++; i == len(k.runs) {
			i = 0
		}
	}
}
