package sim

// BallState is where a version's ball is.
type BallState uint8

// The ball states.
const (
	// BallIncoming: released in place, flying from dev to a hand; not live until caught.
	BallIncoming BallState = iota
	// BallAir: in the juggle, flying towards Hand.
	BallAir
	// BallFloor: dropped at Hand.
	BallFloor
	// BallRecovering: being picked up at Hand; the hand is busy until Arrival.
	BallRecovering
	// BallStand: blue/green, deployed on the stand and waiting to be swapped in.
	BallStand
)

var ballStateNames = [...]string{"incoming", "air", "floor", "recovering", "stand"}

// String names the state.
func (s BallState) String() string {
	if int(s) < len(ballStateNames) {
		return ballStateNames[s]
	}
	return "?"
}

// InJuggle reports whether the ball is flying towards a hand (and can be caught).
func (s BallState) InJuggle() bool { return s == BallIncoming || s == BallAir }

// Down reports whether the ball is on the floor or being picked up.
func (s BallState) Down() bool { return s == BallFloor || s == BallRecovering }

// Ball is one version in production (or on its way there).
type Ball struct {
	Version Version
	Feature FeatureID
	State   BallState
	// Hand is the hand the ball flies to (incoming, air), or where it fell (floor,
	// recovering); NoHand on the stand.
	Hand Hand
	// From is when the ball was thrown (incoming, air), fell (floor) or began to be
	// picked up (recovering).
	From Tick
	// Arrival is when the ball reaches Hand (incoming, air) or is back in the air
	// (recovering).
	Arrival Tick
	// Installed is set once the version has been live: caught, swapped in, or dropped
	// half-way through an in-place upgrade. Standbys are installed balls that are not live.
	Installed bool
	// Defective is the hidden defect; a View shows it only when monitoring reveals it.
	Defective bool
	// Failed marks a deploy counted as a change failure.
	Failed bool
	// Seen marks a ball on the floor that ops knows about: at once with bottom-up
	// monitoring, otherwise once an incident is detected (ops then looks at production).
	Seen bool
	// FinishedAt is when dev finished the feature (for lead time).
	FinishedAt Tick
}

// Feature is a finished feature waiting in dev's tray.
type Feature struct {
	ID         FeatureID
	FinishedAt Tick
	// Roll is the hidden draw made when the feature was finished: it is defective while
	// Roll < ChancePermille, so testing (which halves the chance) can fix it.
	Roll           int32
	ChancePermille int32
	// TestedTicks is testing done since the chance was last halved.
	TestedTicks Tick
	// Rework marks a feature that came back from production in a rollback and was reworked.
	Rework bool
}

// Defective reports whether the feature would go out with its defect.
func (f *Feature) Defective() bool { return f.Roll < f.ChancePermille }

// Cause is what made the service less than fully available.
type Cause uint8

// The causes, in the order they take precedence when several hold at once.
const (
	CauseNone     Cause = iota
	CauseNoLive         // no version is live: everything was retired or discarded
	CauseLiveDrop       // the live version is on the floor
	CauseUpgrade        // an in-place upgrade or rollback is restarting the service
	CauseDefect         // the live version is defective
	CauseUnknown        // in a View: monitoring says something is wrong, not what
	numCauses
)

var causeNames = [numCauses]string{"none", "no live version", "live version dropped", "in-place upgrade", "defect", "unknown"}

// String describes the cause in the lecture's words.
func (c Cause) String() string {
	if c < numCauses {
		return causeNames[c]
	}
	return "?"
}

// Key returns a short machine-readable name for the cause.
func (c Cause) Key() string {
	return [...]string{"none", "no-live", "live-drop", "upgrade", "defect", "unknown", "?"}[min(c, numCauses)]
}

// InfraVisible reports whether bottom-up monitoring sees the cause (it is blind to
// defects): it detects an incident of that cause at once.
func (c Cause) InfraVisible() bool {
	return c == CauseNoLive || c == CauseLiveDrop || c == CauseUpgrade
}

// Detector is what detected an incident.
type Detector uint8

// The detectors.
const (
	DetectedByNone      Detector = iota // not (yet) detected
	DetectedByInfra                     // a bottom-up infrastructure alert
	DetectedByKPI                       // the top-down customer KPI alert
	DetectedByComplaint                 // a customer complained
)

// String names the detector.
func (d Detector) String() string {
	return [...]string{"not detected", "infrastructure alert", "KPI alert", "customer complaint", "?"}[min(d, 4)]
}

// Key returns a short machine-readable name for the detector.
func (d Detector) Key() string {
	return [...]string{"none", "infra", "kpi", "complaint", "?"}[min(d, 4)]
}

// Incident is one period during which availability was below 1000 per mille.
// Ticks not reached yet are -1.
type Incident struct {
	ID           int32
	Start        Tick
	Detected     Tick
	Acknowledged Tick
	Resolved     Tick
	// Cause is the cause when the incident opened; Causes is every cause seen (bit 1<<Cause).
	Cause      Cause
	Causes     uint8
	DetectedBy Detector
	// Version is the live version when the incident opened (0 for none).
	Version Version
	// MinAvailabilityPermille is the worst tick; ImpactPermilleTicks the sum of
	// (1000 - availability) over the incident.
	MinAvailabilityPermille int32
	ImpactPermilleTicks     int64
	// What was going on: the most balls in production, releases and change requests
	// submitted and approved while it was open.
	MaxBalls    int32
	Releases    int32
	CRs         int32
	CRsApproved int32
}

// Duration returns how long the incident lasted, or -1 while it is open.
func (in *Incident) Duration() Tick {
	if in.Resolved < 0 {
		return -1
	}
	return in.Resolved - in.Start
}

// HasCause reports whether c was seen during the incident.
func (in *Incident) HasCause(c Cause) bool { return in.Causes&(1<<c) != 0 }

// MonthStatement is what a month paid and why.
type MonthStatement struct {
	Month       int // from 0
	Shipped     int32
	Deploys     int32
	Incidents   int32
	Drops       int32
	AvailSum    int64 // permille-ticks
	Ticks       Tick
	DevPay      int64
	OpsPay      int64
	LockedTicks Tick
	ErrorUsed   int64 // permille-ticks of error budget used
	ErrorBudget int64 // permille-ticks allowed (0 without an error budget)
}

// UptimePermille returns the month's mean availability.
func (m *MonthStatement) UptimePermille() int32 {
	if m.Ticks == 0 {
		return 0
	}
	return int32(m.AvailSum / int64(m.Ticks))
}

// Uptime returns the month's mean availability as a fraction.
func (m *MonthStatement) Uptime() float64 {
	if m.Ticks == 0 {
		return 0
	}
	return float64(m.AvailSum) / (1000 * float64(m.Ticks))
}

// Stats counts what happened in a round.
type Stats struct {
	FeaturesBuilt   int32
	TestHalvings    int32
	Releases        int32 // features sent to production (after the gate, if any)
	CRs             int32
	CRsApproved     int32
	CRsRejected     int32
	CRsTimedOut     int32
	Deploys         int32 // versions that became live
	Shipped         int32 // net of clawbacks
	Clawbacks       int32 // shipped features rolled back
	Rollbacks       int32
	Catches         int32
	Whiffs          int32 // presses with no ball in the window
	BusyPresses     int32 // presses at a hand busy recovering
	Drops           int32
	LiveDrops       int32 // drops of the live version (or of an in-place upgrade)
	FailedUpgrades  int32 // in-place releases dropped on arrival
	Recoveries      int32
	Discards        int32
	Retires         int32
	Swaps           int32
	ChangeFailures  int32
	LeadTimeSum     int64 // ticks from feature finished to live, summed over deploys
	InfraAlerts     int32
	FalsePositives  int32 // alerts raised while the service was fully available
	FalseNegatives  int32 // incidents the monitoring did not detect (with monitoring on)
	Complaints      int32
	Refused         int32 // inputs that were not allowed at the time
	MaxBalls        int32
	OverTargetTicks int64 // ticks with more balls in production than the target
	DownTicks       int64 // ticks at 0 availability
	LockedTicks     int64
	AvailSum        int64
}
