package domain

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// FlagKind groups weekly flags the way science.md does.
type FlagKind string

// Kinds of weekly flag.
const (
	FlagOverload      = FlagKind("overload")
	FlagUnderRecovery = FlagKind("under-recovery")
	FlagBurnout       = FlagKind("burnout")
)

// Weekly thresholds that science.md leaves to us; each says why it is what it is.
const (
	// StrainRatioHigh is "strain far above the runner's own 4-week mean": 1.5×,
	// the same step the ACWR calls the danger zone.
	StrainRatioHigh = 1.5
	// ElevatedDaysFlag is how many days of RHR ≥ +5 in a week make a flag (science.md: 3+).
	ElevatedDaysFlag = 3
	// TrendPoints is the change of a weekly mean (1–10 scale) against the week
	// before that counts as a trend: one whole point.
	TrendPoints = 1.0
	// ScaleDaysFlag is how many days of stress ≥ 7 or mood ≤ 3 in a week make
	// a burnout flag: the same 3 as for RHR.
	ScaleDaysFlag = 3
	// MinNightsForMean is how many recorded nights a weekly sleep mean needs.
	MinNightsForMean = 3
)

// Flag is one weekly finding with its evidence in plain words.
type Flag struct {
	Kind FlagKind
	// Code is a stable name such as "acwr" or "short-sleep".
	Code     string
	Evidence string
	Source   string
}

// MemberWeek is one member's summary of the 7 days From..To against the week before.
type MemberWeek struct {
	MemberID int64
	Name     string
	From, To Date
	// Metres, Runs, Minutes, Load and CheckIns are this week's totals; the
	// Prev* fields are the week before's.
	Metres, PrevMetres   float64
	Runs, PrevRuns       int
	Minutes, PrevMinutes float64
	Load, PrevLoad       float64
	CheckIns, PrevChecks int
	// Training is the load status as of To (ACWR, EWMA, monotony, ...).
	Training LoadStatus
	Sleep    SleepStatus
	HRV      HRVStatus
	Flags    []Flag
}

// Count returns how many flags of kind the week has.
func (w MemberWeek) Count(kind FlagKind) int {
	n := 0
	for _, f := range w.Flags {
		if f.Kind == kind {
			n++
		}
	}
	return n
}

// Totals says the week's running against last week in the member's units.
func (w MemberWeek) Totals(units string) string {
	s := fmt.Sprintf("%s in %d %s (%s)", FormatDistance(w.Metres, units), w.Runs, plural(w.Runs, "run", "runs"), formatMinutes(w.Minutes))
	switch {
	case w.PrevMetres > 0:
		ch := (w.Metres - w.PrevMetres) / w.PrevMetres * 100
		switch {
		case math.Abs(ch) < 0.5:
			s += ", the same as last week"
		case ch > 0:
			s += fmt.Sprintf(", up %.0f%% on last week's %s", ch, FormatDistanceShort(w.PrevMetres, units))
		default:
			s += fmt.Sprintf(", down %.0f%% on last week's %s", -ch, FormatDistanceShort(w.PrevMetres, units))
		}
	case w.Metres > 0:
		s += ", no runs logged the week before"
	}
	return s + fmt.Sprintf("; %d of 7 check-ins.", w.CheckIns)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func formatMinutes(m float64) string {
	t := int(math.Round(m))
	return fmt.Sprintf("%d:%02d h", t/60, t%60)
}

// WeeklySummary computes the member's weekly summary for the 7 days ending
// end, with distances in the member's units.
func WeeklySummary(m Member, h History, end Date) MemberWeek {
	return weeklySummary(m, h, end, m.Units)
}

func weeklySummary(m Member, h History, end Date, units string) MemberWeek {
	v := newDayView(h, end)
	w := MemberWeek{MemberID: m.ID, Name: m.Name, From: end.AddDays(-6), To: end}
	e := v.todayN
	for i, r := range v.runs {
		switch ago := e - v.runDays[i]; {
		case ago < 7:
			w.Metres += r.Metres
			w.Runs++
			w.Minutes += r.Minutes()
			w.Load += SessionLoad(r)
		case ago < 14:
			w.PrevMetres += r.Metres
			w.PrevRuns++
			w.PrevMinutes += r.Minutes()
			w.PrevLoad += SessionLoad(r)
		}
	}
	for ago := 0; ago < 14; ago++ {
		if i, ok := v.at(ago); ok && v.ci[i] != nil && !v.ci[i].IsEmpty() {
			if ago < 7 {
				w.CheckIns++
			} else {
				w.PrevChecks++
			}
		}
	}
	w.Training = v.load()
	w.Sleep = v.sleep()
	w.HRV = v.hrv()
	w.Flags = append(w.Flags, overloadFlags(v, w.Training, units)...)
	w.Flags = append(w.Flags, underRecoveryFlags(v, w)...)
	w.Flags = append(w.Flags, burnoutFlags(v, w)...)
	return w
}

func overloadFlags(v *dayView, t LoadStatus, units string) []Flag {
	var out []Flag
	add := func(code, src, format string, args ...any) {
		out = append(out, Flag{Kind: FlagOverload, Code: code, Source: src, Evidence: fmt.Sprintf(format, args...)})
	}
	if a := t.ACWR; !a.Building && a.Defined && a.Ratio >= ACWRDanger {
		add("acwr", SourceACWR, "Load ratio (ACWR, uncoupled) %.2f: the last 7 days averaged %.0f a day (RPE × minutes) against %.0f in the 3 weeks before. 1.5 or more is the danger zone.", a.Ratio, a.Acute, a.Chronic)
	} else if e := t.EWMA; !e.Building && e.Defined && e.Ratio >= ACWRDanger {
		add("ewma", SourceACWR, "Load ratio (EWMA) %.2f: acute %.0f against chronic %.0f. 1.5 or more is the danger zone.", e.Ratio, e.Acute, e.Chronic)
	}
	if d := t.Distance; d.Jump() {
		add("mileage-jump", SourceMileage, "Distance up %.0f%% on the week before (%s against %s); more than 30%% in a week raised injury risk.",
			d.Change*100, FormatDistanceShort(d.Metres, units), FormatDistanceShort(d.PrevMetres, units))
	}
	for _, s := range t.Spikes {
		add("run-spike", SourceSpike, "The run on %s %s was %s, %.0f%% longer than your longest run of the 30 days before (%s).",
			s.Run.Date.Weekday(), s.Run.Date, FormatDistanceShort(s.Run.Metres, units), (s.Ratio-1)*100, FormatDistanceShort(s.LongestBefore, units))
	}
	if t.Days >= 7 && t.Monotony.High() {
		add("monotony", SourceMonotony, "Monotony %.2f (above 2.0): the days were too alike; mix easy and rest days between the hard ones.", t.Monotony.Monotony)
	}
	if t.Days >= 35 && t.Monotony.Sum > 0 {
		prev := 0.0
		for k := 1; k <= 4; k++ {
			end := v.n - 1 - 7*k
			prev += WeekMonotony(v.loads[end-6 : end+1]).Strain
		}
		prev /= 4
		if prev > 0 && t.Monotony.Strain > StrainRatioHigh*prev {
			add("strain", SourceMonotony, "Strain %.0f against your 4-week average of %.0f (%.1f times).", t.Monotony.Strain, prev, t.Monotony.Strain/prev)
		}
	}
	return out
}

// weekMean averages field over the 7 days ending ago days before today.
func (v *dayView) weekMean(field func(*CheckIn) *int, ago int) (float64, int) {
	sum, n := 0, 0
	for k := ago; k < ago+7; k++ {
		if i, ok := v.at(k); ok && v.ci[i] != nil {
			if x := scaleOf(v.ci[i], field); x > 0 {
				sum += x
				n++
			}
		}
	}
	if n == 0 {
		return 0, 0
	}
	return float64(sum) / float64(n), n
}

// trend reports a run of three rises (dir +1) or falls (dir -1) ending on a
// day of this week, or a weekly mean at least one point above (below) the week
// before, with evidence.
func (v *dayView) trend(name string, field func(*CheckIn) *int, dir int) (string, bool) {
	for ago := 0; ago < 7; ago++ {
		if i, ok := v.at(ago); ok && v.run3(i, field, dir) {
			vals := make([]string, 4)
			for k := 0; k < 4; k++ {
				vals[k] = fmt.Sprint(*field(v.ci[i-3+k]))
			}
			word := "rose"
			if dir < 0 {
				word = "fell"
			}
			return fmt.Sprintf("%s %s three days in a row (%s, to %s).", capitalise(name), word, strings.Join(vals, " → "),
				DateFromDayNumber(v.first+i).Weekday()), true
		}
	}
	now, n := v.weekMean(field, 0)
	before, nb := v.weekMean(field, 7)
	if n >= 3 && nb >= 3 && float64(dir)*(now-before) >= TrendPoints {
		return fmt.Sprintf("%s averaged %.1f this week against %.1f the week before.", capitalise(name), now, before), true
	}
	return "", false
}

func underRecoveryFlags(v *dayView, w MemberWeek) []Flag {
	var out []Flag
	add := func(code, src, ev string) {
		out = append(out, Flag{Kind: FlagUnderRecovery, Code: code, Source: src, Evidence: ev})
	}
	up := 0
	for ago := 0; ago < 7; ago++ {
		if i, ok := v.at(ago); ok && v.rhrElevated(i) {
			up++
		}
	}
	if up >= ElevatedDaysFlag {
		add("rhr-up", SourceRHR, fmt.Sprintf("Resting HR was 5 or more bpm above your baseline on %d of the last 7 days.", up))
	}
	if h := w.HRV; !h.Building && h.WeekLow {
		lo, hi := h.RangeMS()
		add("hrv-low", SourceHRV, fmt.Sprintf("HRV 7-day average %.0f ms is below your normal range of %.0f–%.0f ms.", h.Week7MS(), lo, hi))
	}
	if s := w.Sleep; s.Nights >= MinNightsForMean && s.Mean7 < SleepTarget {
		add("short-sleep", SourceSleep, fmt.Sprintf("Sleep averaged %.1f h over %d nights, %.1f h short of 8 h a night.", s.Mean7, s.Nights, s.Debt))
	}
	if ev, ok := v.trend("fatigue", fatigueOf, +1); ok {
		add("fatigue-up", SourceSubjective, ev)
	}
	if ev, ok := v.trend("soreness", sorenessOf, +1); ok {
		add("soreness-up", SourceSubjective, ev)
	}
	return out
}

func burnoutFlags(v *dayView, w MemberWeek) []Flag {
	var out []Flag
	add := func(code, ev string) {
		out = append(out, Flag{Kind: FlagBurnout, Code: code, Source: SourceSubjective, Evidence: ev})
	}
	stressDays, moodDays := 0, 0
	for ago := 0; ago < 7; ago++ {
		if i, ok := v.at(ago); ok && v.ci[i] != nil {
			if scaleOf(v.ci[i], stressOf) >= StressHigh {
				stressDays++
			}
			if x := scaleOf(v.ci[i], moodOf); x > 0 && x <= MoodLow {
				moodDays++
			}
		}
	}
	if ev, ok := v.trend("mood", moodOf, -1); ok {
		add("mood-down", ev)
	} else if moodDays >= ScaleDaysFlag {
		add("mood-down", fmt.Sprintf("Mood or motivation was 3 or lower on %d days this week.", moodDays))
	}
	if stressDays >= ScaleDaysFlag {
		add("stress-high", fmt.Sprintf("Stress was 7 or higher on %d days this week.", stressDays))
	}
	if w.PrevChecks >= 4 && 2*w.CheckIns <= w.PrevChecks {
		add("checkins-down", fmt.Sprintf("Check-ins dropped from %d to %d this week.", w.PrevChecks, w.CheckIns))
	}
	return out
}

// GroupMember is one club member with their history, as the weekly job loads them.
type GroupMember struct {
	Member  Member
	History History
}

// GroupWeek is the coach's summary of a club's week. Members who do not share
// with the coach are only counted: their names and values appear nowhere in
// it, not even inside the totals, so that a small club cannot subtract its way
// to one person's numbers.
type GroupWeek struct {
	From, To Date
	// Members are the sharing members, worst first.
	Members []MemberWeek
	// Total is every member of the club; NotSharing those left out.
	Total, NotSharing int
	// CheckIns of the sharing members this week, out of PossibleCheckIns (7 each).
	CheckIns, PossibleCheckIns int
	// Metres, Runs and Minutes are the sharing members' totals.
	Metres  float64
	Runs    int
	Minutes float64
	// Flagged counts sharing members with at least one flag.
	Flagged int
}

// CheckInRate is the share of possible check-ins that came in, 0 to 1.
func (g GroupWeek) CheckInRate() float64 {
	if g.PossibleCheckIns == 0 {
		return 0
	}
	return float64(g.CheckIns) / float64(g.PossibleCheckIns)
}

// GroupSummary summarises the club's week ending end for a coach who reads
// distances in units.
func GroupSummary(members []GroupMember, end Date, units string) GroupWeek {
	g := GroupWeek{From: end.AddDays(-6), To: end, Total: len(members)}
	for _, gm := range members {
		if !gm.Member.ShareWithCoach {
			g.NotSharing++
			continue
		}
		w := weeklySummary(gm.Member, gm.History, end, units)
		g.Members = append(g.Members, w)
		g.CheckIns += w.CheckIns
		g.PossibleCheckIns += 7
		g.Metres += w.Metres
		g.Runs += w.Runs
		g.Minutes += w.Minutes
		if len(w.Flags) > 0 {
			g.Flagged++
		}
	}
	sort.SliceStable(g.Members, func(i, j int) bool { return worse(g.Members[i], g.Members[j]) })
	return g
}

// worse orders members for the coach: more flags first; among equals, more
// under-recovery and burnout flags (the body and mind, not just the plan);
// then by name so the order is stable.
func worse(a, b MemberWeek) bool {
	if len(a.Flags) != len(b.Flags) {
		return len(a.Flags) > len(b.Flags)
	}
	ra := a.Count(FlagUnderRecovery) + a.Count(FlagBurnout)
	rb := b.Count(FlagUnderRecovery) + b.Count(FlagBurnout)
	if ra != rb {
		return ra > rb
	}
	if a.Name != b.Name {
		return a.Name < b.Name
	}
	return a.MemberID < b.MemberID
}
