package sim

// fnv is FNV-1a, 64 bits, fed whole integers in little-endian order: a canonical
// encoding of the state that does not depend on the platform or on struct layout.
type fnv uint64

const (
	fnvOffset fnv = 14695981039346656037
	fnvPrime  fnv = 1099511628211
)

func (h *fnv) u64(v uint64) {
	x := *h
	for i := 0; i < 8; i++ {
		if v == 0 {
			// The bytes left are zeros: each only multiplies by the prime.
			x *= fnvPrimePow[8-i]
			break
		}
		x ^= fnv(v & 0xff)
		x *= fnvPrime
		v >>= 8
	}
	*h = x
}

// fnvPrimePow[k] is fnvPrime to the k-th power (mod 2^64): feeding k zero bytes.
var fnvPrimePow = func() (p [9]fnv) {
	p[0] = 1
	for k := 1; k < len(p); k++ {
		p[k] = p[k-1] * fnvPrime
	}
	return p
}()

func (h *fnv) i64(v int64) { h.u64(uint64(v)) }

func (h *fnv) b(v bool) {
	if v {
		h.u64(1)
	} else {
		h.u64(0)
	}
}

// Hash returns a hash of the whole state: the RNG, the tick, development, production,
// the service, incidents, months and counters. Two worlds with the same config, seed and
// inputs have the same hash on every platform; replays compare it at checkpoints.
func (w *World) Hash() uint64 {
	h := fnvOffset
	var buf [64]byte
	rngState, err := w.pcg.AppendBinary(buf[:0])
	invariant(err == nil, "PCG state cannot be encoded")
	for _, c := range rngState {
		h.u64(uint64(c))
	}
	h.u64(w.seed)
	h.i64(int64(w.tick))

	h.i64(int64(w.nextFeature))
	h.i64(int64(w.buildProgress))
	h.i64(int64(w.trayN))
	for i := 0; i < w.trayN; i++ {
		f := &w.tray[i]
		h.i64(int64(f.ID))
		h.i64(int64(f.FinishedAt))
		h.i64(int64(f.Roll))
		h.i64(int64(f.ChancePermille))
		h.i64(int64(f.TestedTicks))
		h.b(f.Rework)
	}
	h.b(w.testing)
	h.i64(int64(w.reworkN))
	h.i64(int64(w.reworkProgress))
	for i := 0; i < w.reworkN; i++ {
		h.i64(int64(w.rework[i].ID))
		h.i64(int64(w.rework[i].FinishedAt))
	}
	h.b(w.crActive)
	h.i64(int64(w.crSince))
	h.i64(int64(w.crHand))
	h.i64(int64(w.nextVersion))

	h.i64(int64(w.ballsN))
	for i := 0; i < w.ballsN; i++ {
		b := &w.balls[i]
		h.i64(int64(b.Version))
		h.i64(int64(b.Feature))
		h.i64(int64(b.State))
		h.i64(int64(b.Hand))
		h.i64(int64(b.From))
		h.i64(int64(b.Arrival))
		h.b(b.Installed)
		h.b(b.Defective)
		h.b(b.Failed)
		h.b(b.Seen)
		h.i64(int64(b.FinishedAt))
	}
	h.i64(int64(w.pressedAt[0]))
	h.i64(int64(w.pressedAt[1]))
	h.i64(int64(w.upgradeUntil))
	h.i64(int64(w.live))
	h.i64(int64(w.liveSince))
	for _, es := range [2][]shipEntry{w.unshipped, w.shipped} {
		h.i64(int64(len(es)))
		for _, e := range es {
			h.i64(int64(e.Version))
			h.i64(int64(e.Feature))
		}
	}

	h.i64(int64(w.avail))
	h.i64(int64(w.cause))
	h.i64(int64(w.kpi.pos))
	h.i64(w.kpi.sum)
	w.kpi.each(func(v int16) { h.i64(int64(v)) })
	for _, c := range w.infra {
		h.b(c)
	}
	h.i64(int64(w.open))
	h.i64(int64(w.unacked))
	h.i64(int64(len(w.incidents)))
	for i := range w.incidents {
		hashIncident(&h, &w.incidents[i])
	}

	h.i64(int64(w.month))
	hashMonth(&h, &w.cur)
	h.i64(int64(len(w.statements)))
	for i := range w.statements {
		hashMonth(&h, &w.statements[i])
	}
	h.b(w.locked)
	h.i64(w.devPay)
	h.i64(w.opsPay)
	hashStats(&h, &w.stats)
	return uint64(h)
}

func hashIncident(h *fnv, in *Incident) {
	for _, v := range [...]int64{
		int64(in.ID), int64(in.Start), int64(in.Detected), int64(in.Acknowledged), int64(in.Resolved),
		int64(in.Cause), int64(in.Causes), int64(in.DetectedBy), int64(in.Version),
		int64(in.MinAvailabilityPermille), in.ImpactPermilleTicks, int64(in.MaxBalls),
		int64(in.Releases), int64(in.CRs), int64(in.CRsApproved),
	} {
		h.i64(v)
	}
}

func hashMonth(h *fnv, m *MonthStatement) {
	for _, v := range [...]int64{
		int64(m.Month), int64(m.Shipped), int64(m.Deploys), int64(m.Incidents), int64(m.Drops),
		m.AvailSum, int64(m.Ticks), m.DevPay, m.OpsPay, int64(m.LockedTicks), m.ErrorUsed, m.ErrorBudget,
	} {
		h.i64(v)
	}
}

func hashStats(h *fnv, s *Stats) {
	for _, v := range [...]int64{
		int64(s.FeaturesBuilt), int64(s.TestHalvings), int64(s.Releases), int64(s.CRs), int64(s.CRsApproved),
		int64(s.CRsRejected), int64(s.CRsTimedOut), int64(s.Deploys), int64(s.Shipped), int64(s.Clawbacks),
		int64(s.Rollbacks), int64(s.Catches), int64(s.Whiffs), int64(s.BusyPresses), int64(s.Drops),
		int64(s.LiveDrops), int64(s.FailedUpgrades), int64(s.Recoveries), int64(s.Discards), int64(s.Retires),
		int64(s.Swaps), int64(s.ChangeFailures), s.LeadTimeSum, int64(s.InfraAlerts), int64(s.FalsePositives),
		int64(s.FalseNegatives), int64(s.Complaints), int64(s.Refused), int64(s.MaxBalls), s.OverTargetTicks,
		s.DownTicks, s.LockedTicks, s.AvailSum,
	} {
		h.i64(v)
	}
}
