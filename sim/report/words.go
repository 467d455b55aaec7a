package report

// The wording of figures that the post-mortem, the game's screens and jugglesim share:
// money, counts, uptime in nines, calendar times and durations, practices.

import (
	"fmt"
	"math"
	"strings"

	"devopsjuggle/sim"
)

// Clock reads a tick as a calendar time: a 30-second month is a 30-day month, so a second
// is a day and a tick 24 minutes. It returns "month 2, day 14, 09:36".
func Clock(t sim.Tick, monthTicks sim.Tick) string {
	m := t / monthTicks
	rest := t - m*monthTicks
	day := rest / sim.TicksPerDay
	minutes := (rest - day*sim.TicksPerDay) * sim.MinutesPerTick
	return fmt.Sprintf("month %d, day %d, %02d:%02d", m+1, day+1, minutes/60, minutes%60)
}

// Duration describes a number of ticks in calendar units: "2 days 4 h", "5 h 36 min".
func Duration(d sim.Tick) string {
	minutes := int64(d) * sim.MinutesPerTick
	days, hours, mins := minutes/(24*60), minutes/60%24, minutes%60
	switch {
	case days > 0 && hours > 0:
		return fmt.Sprintf("%d d %d h", days, hours)
	case days > 0:
		return fmt.Sprintf("%d d", days)
	case hours > 0 && mins > 0:
		return fmt.Sprintf("%d h %d min", hours, mins)
	case hours > 0:
		return fmt.Sprintf("%d h", hours)
	}
	return fmt.Sprintf("%d min", mins)
}

// list joins phrases as "a", "a and b", "a, b, and c".
func list(parts []string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	case 2:
		return parts[0] + " and " + parts[1]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + ", and " + parts[len(parts)-1]
}

// Practices describes a config's practices in words: "a change-request gate, in-place
// releases, no monitoring, no error budget".
func Practices(c sim.Config) string {
	gate := "no change-request gate"
	if c.Gate {
		gate = "a change-request gate"
	}
	budget := "no error budget"
	if c.ErrorBudget {
		budget = fmt.Sprintf("an error budget (SLO %.1f %%)", float64(c.SLOPermille)/10)
	}
	mon := monitoring(c.Monitoring) + " monitoring"
	if c.Monitoring == sim.MonitorNone {
		mon = "no monitoring"
	}
	return fmt.Sprintf("%s, %s releases, %s, %s", gate, c.Release, mon, budget)
}

// monitoring names a kind of monitoring: "bottom-up and top-down" for both.
func monitoring(m sim.Monitoring) string {
	if m == sim.MonitorBoth {
		return "bottom-up and top-down"
	}
	return string(m)
}

// Dollars formats whole dollars with thousands separators.
func Dollars(v int64) string {
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	s := fmt.Sprint(v)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return sign + "$" + s
}

// Nines describes an uptime as a number of nines (99.9 % is three).
func Nines(uptime float64) string {
	switch {
	case uptime >= 1:
		return "no downtime"
	case uptime <= 0:
		return "no nines" // never up, or no tick played yet
	}
	return fmt.Sprintf("%.1f nines", -math.Log10(1-uptime))
}

// plural returns word, with an s unless n is 1.
func plural[N ~int | ~int32 | ~int64 | ~uint64](n N, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// Count returns a count with its noun, "1 incident", "3 incidents": for every report,
// table and screen that counts things.
func Count[N ~int | ~int32 | ~int64 | ~uint64](n N, word string) string {
	return fmt.Sprintf("%d %s", n, plural(n, word))
}

// countWas returns "1 release was", "3 releases were".
func countWas[N ~int | ~int32 | ~int64](n N, word string) string {
	if n == 1 {
		return Count(n, word) + " was"
	}
	return Count(n, word) + " were"
}

// countWent returns "1 release went", "3 releases went".
func countWent[N ~int | ~int32 | ~int64](n N, word string) string { return Count(n, word) + " went" }

// were returns "was" for one, "were" for the rest.
func were(n int) string {
	if n == 1 {
		return "was"
	}
	return "were"
}

// times returns "once", "twice", "3 times".
func times[N ~int | ~int32 | ~int64](n N) string {
	switch n {
	case 1:
		return "once"
	case 2:
		return "twice"
	}
	return fmt.Sprintf("%d times", n)
}
