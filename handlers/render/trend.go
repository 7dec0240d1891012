package render

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/runclub/runclub/domain"
)

// TrendFacts are the figures beside a /trend picture that the trend itself
// does not hold: what was run in its weeks, for the member's units.
type TrendFacts struct {
	Weeks  int
	Metres float64
	Runs   int
}

// Trend is the two or three lines beside the /trend picture: the same facts
// the picture shows, for screen readers and text-only clients, with the
// panels left out and why.
func Trend(t domain.Trend, f TrendFacts, units string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Your last %s, %s: %s.", count(f.Weeks, "week", "weeks"), trendSpan(t.From, t.To), trendRHRLine(t))
	var second []string
	if s := trendHRVLine(t); s != "" {
		second = append(second, s)
	}
	if s := trendSleepLine(t); s != "" {
		second = append(second, s)
	}
	if len(second) > 0 {
		b.WriteString("\n" + upperFirst(strings.Join(second, "; ")) + ".")
	}
	b.WriteString("\n" + trendLoadLine(t, f, units) + ".")
	if left := leftOut(t); len(left) > 0 {
		fmt.Fprintf(&b, " Not drawn: %s.", strings.Join(left, "; "))
	}
	return b.String()
}

// TrendTooLittle is the answer when the weeks hold too little to draw:
// what there is, what is missing, and how to fill it.
func TrendTooLittle(t domain.Trend, weeks, days, need int) string {
	return fmt.Sprintf("Too little to draw yet: %s with a check-in or a rated run in your last %s (%s), and I need %d. "+
		"A morning /checkin (resting HR, HRV, sleep) and /run with an rpe fill the picture; try /trend again in a few days.",
		count(days, "day", "days"), count(weeks, "week", "weeks"), trendSpan(t.From, t.To), need)
}

// TrendWeekLine is the line a weekly summary gets when its picture is
// attached, saying what the picture holds.
func TrendWeekLine(weeks int) string {
	return fmt.Sprintf("The picture shows your last %s of what you logged: resting HR against your baseline, HRV against your normal range, sleep against 8–10 h, and your daily load with its ratio.", count(weeks, "week", "weeks"))
}

// ClubGridLine is the line under a coach's summary whose club picture is
// attached: who is in it, in what order, and who is not.
func ClubGridLine(rows, notSharing, days int) string {
	who := fmt.Sprintf("the %d members who share, worst first", rows)
	if rows == 1 {
		who = "the 1 member who shares"
	}
	s := fmt.Sprintf("The picture shows %s, over the last %d days: each day's readiness colour, grey for no check-in.", who, days)
	switch {
	case notSharing == 1:
		s += " The 1 member who does not share is not in it."
	case notSharing > 1:
		s += fmt.Sprintf(" The %d members who do not share are not in it.", notSharing)
	}
	return s
}

// trendSpan says "7 Oct – 1 Dec 2026".
func trendSpan(from, to domain.Date) string {
	return from.Time(time.UTC).Format("2 Jan") + " – " + to.Time(time.UTC).Format("2 Jan 2006")
}

// lastOf is the latest value of s and the index of its day.
func lastOf(s domain.Series) (float64, int, bool) {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i].OK {
			return s[i].V, i, true
		}
	}
	return 0, 0, false
}

// missingOf is what series s still needs, from the trend's Missing.
func missingOf(t domain.Trend, s domain.TrendSeries) (domain.TrendMissing, bool) {
	for _, m := range t.Missing {
		if m.Series == s {
			return m, true
		}
	}
	return domain.TrendMissing{}, false
}

func trendRHRLine(t domain.Trend) string {
	v, i, ok := lastOf(t.RHR)
	if !ok {
		return "no resting HR in these weeks"
	}
	s := fmt.Sprintf("resting HR %.0f bpm on %s", v, t.Date(i).Time(time.UTC).Format("2 Jan"))
	if b, _, ok := lastOf(t.RHRBaseline); ok {
		return s + fmt.Sprintf(", against your baseline of %.0f bpm (the line, with bands at +5 and +10 bpm: %.0f and %.0f)", b, b+5, b+10)
	}
	if m, ok := missingOf(t, domain.SeriesRHRBaseline); ok {
		return s + fmt.Sprintf("; no baseline yet (%d of %d mornings)", m.Have, m.Need)
	}
	return s
}

func trendHRVLine(t domain.Trend) string {
	v, _, ok := lastOf(t.HRVWeek)
	if !ok {
		if _, _, any := lastOf(t.HRV); !any {
			return ""
		}
		m, _ := missingOf(t, domain.SeriesHRVWeek)
		return fmt.Sprintf("HRV: too few readings for a 7-day mean (%d of %d in the last 7 days)", m.Have, m.Need)
	}
	s := fmt.Sprintf("HRV 7-day mean %.0f ms", math.Exp(v))
	for i := t.Days() - 1; i >= 0; i-- {
		if lo, hi, ok := t.NormalRange(i); ok {
			return s + fmt.Sprintf(", your normal range %.0f–%.0f ms (the band)", math.Exp(lo), math.Exp(hi))
		}
	}
	if m, ok := missingOf(t, domain.SeriesHRVRange); ok && !m.InWeek {
		return s + fmt.Sprintf("; no normal range yet (%d of %d readings)", m.Have, m.Need)
	}
	return s
}

func trendSleepLine(t domain.Trend) string {
	n, sum := 0, 0.0
	for _, x := range t.Sleep {
		if x.OK {
			n++
			sum += x.V
		}
	}
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("sleep %.1f h a night over %s, against the 8–10 h band", sum/float64(n), count(n, "night", "nights"))
}

func trendLoadLine(t domain.Trend, f TrendFacts, units string) string {
	ran := fmt.Sprintf("%s in %s", FormatDistanceShort(f.Metres, units), count(f.Runs, "run", "runs"))
	if !t.HasLoad() {
		return "Load: no run with an RPE in these weeks (" + ran + ")"
	}
	s := "Load: " + ran
	if v, _, ok := lastOf(t.Load7); ok {
		s += fmt.Sprintf("; 7-day mean %.0f a day (RPE × minutes)", v)
	}
	if r, _, ok := lastOf(t.ACWR); ok {
		s += fmt.Sprintf("; load ratio %.2f, %s (sweet spot 0.8–1.3, danger from 1.5)", r, zoneName(domain.LoadZoneOf(r)))
	} else if m, ok := missingOf(t, domain.SeriesACWR); ok {
		s += fmt.Sprintf("; load ratio still building (%d of %d days)", min(m.Have, m.Need), m.Need)
	}
	if t.Unrated > 0 {
		s += fmt.Sprintf("; %s without an RPE not counted", count(t.Unrated, "run", "runs"))
	}
	return s
}

// leftOut names the panels the picture leaves out for want of data.
func leftOut(t domain.Trend) []string {
	var out []string
	if t.Lacks(domain.SeriesRHR) {
		out = append(out, "resting HR (no morning reading)")
	}
	if t.Lacks(domain.SeriesHRV) {
		out = append(out, "HRV (no reading; add hrv:62 to a /checkin)")
	}
	if t.Lacks(domain.SeriesSleep) {
		out = append(out, "sleep (no night logged)")
	}
	if t.Lacks(domain.SeriesLoad) {
		out = append(out, "load (no run with an rpe)")
	}
	return out
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
