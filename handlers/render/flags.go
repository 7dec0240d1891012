package render

import (
	"fmt"
	"strings"

	"github.com/runclub/runclub/domain"
)

// evidence says what a weekly flag is based on, to the member, in their units.
func evidence(f domain.Flag, units string) string { return evidenceOf(f, units, "your") }

// evidenceOf says what a weekly flag is based on, in units, of whose
// history: "your" to the member, "their" to a coach.
func evidenceOf(f domain.Flag, units, whose string) string {
	e := f.Evidence
	short := func(m float64) string { return FormatDistanceShort(m, units) }
	switch f.Code {
	case domain.FlagACWR:
		return fmt.Sprintf("Load ratio (ACWR, uncoupled) %.2f: the last 7 days averaged %.0f a day (RPE × minutes) against %.0f in the 3 weeks before. 1.5 or more is the danger zone.", e.Ratio, e.Acute, e.Chronic)
	case domain.FlagEWMA:
		return fmt.Sprintf("Load ratio (EWMA) %.2f: acute %.0f against chronic %.0f. 1.5 or more is the danger zone.", e.Ratio, e.Acute, e.Chronic)
	case domain.FlagMileageJump:
		return fmt.Sprintf("Distance up %.0f%% on the week before (%s against %s); more than 30%% in a week raised injury risk.", e.Change*100, short(e.Metres), short(e.PrevMetres))
	case domain.FlagRunSpike:
		return fmt.Sprintf("The run on %s %s was %s, %.0f%% longer than %s longest run of the 30 days before (%s).",
			e.Date.Weekday(), e.Date, short(e.Metres), (e.Ratio-1)*100, whose, short(e.PrevMetres))
	case domain.FlagMonotony:
		return fmt.Sprintf("Monotony %.2f (above 2.0): the days were too alike; mix easy and rest days between the hard ones.", e.Ratio)
	case domain.FlagStrain:
		return fmt.Sprintf("Strain %.0f against %s 4-week average of %.0f (%.1f times).", e.Acute, whose, e.Chronic, e.Ratio)
	case domain.FlagRHRUp:
		return fmt.Sprintf("Resting HR was 5 or more bpm above %s baseline on %d of the last 7 days.", whose, e.Days)
	case domain.FlagHRVLow:
		return fmt.Sprintf("HRV 7-day average %.0f ms is below %s normal range of %.0f–%.0f ms.", e.Mean, whose, e.Range.Lo, e.Range.Hi)
	case domain.FlagShortSleep:
		return fmt.Sprintf("Sleep averaged %.1f h over %d nights: %.1f h short in all, against 8 h a night.", e.Mean, e.Days, e.Debt)
	case domain.FlagFatigueUp:
		return trendText("fatigue", e, "rose")
	case domain.FlagSorenessUp:
		return trendText("soreness", e, "rose")
	case domain.FlagMoodDown:
		if e.Shape == domain.ShapeLowDays {
			return fmt.Sprintf("Mood or motivation was 3 or lower on %d days this week.", e.Days)
		}
		return trendText("mood", e, "fell")
	case domain.FlagStressHigh:
		return fmt.Sprintf("Stress was 7 or higher on %d days this week.", e.Days)
	case domain.FlagCheckInsDown:
		return fmt.Sprintf("Check-ins dropped from %d to %d this week.", e.PrevCount, e.Count)
	}
	return ""
}

// trendText says how an answer rose or fell: four mornings in a row, or
// this week's mean against last week's.
func trendText(name string, e domain.Evidence, word string) string {
	if e.Shape == domain.ShapeSeries {
		vals := make([]string, len(e.Series))
		for i, v := range e.Series {
			vals[i] = fmt.Sprint(v)
		}
		return fmt.Sprintf("%s %s three days in a row (%s, to %s).", capitalise(name), word, strings.Join(vals, " → "), e.Date.Weekday())
	}
	return fmt.Sprintf("%s averaged %.1f this week against %.1f the week before.", capitalise(name), e.Mean, e.PrevMean)
}
