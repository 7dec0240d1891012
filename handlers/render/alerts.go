package render

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/runclub/runclub/domain"
)

// CoachAlert is a coach's private alert about one member who shares: what
// was seen, each finding with its evidence, and one suggestion, following
// the most severe finding. Dates are told in the coach's local date today
// and distances in their units.
func CoachAlert(a domain.MemberAlert, club string, coach domain.Member, today domain.Date) string {
	name := cmp.Or(a.Member.Name, "A member")
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s may need a look.\n", cmp.Or(club, "Your club"), name)
	var cited []string
	for _, f := range a.Findings {
		fmt.Fprintf(&b, "• %s\n", findingText(f, unitsOf(coach), today))
		if src := source(f.Source); src != "" && !contains(cited, src) {
			cited = append(cited, src)
		}
	}
	fmt.Fprintf(&b, "Suggestion: %s\n", suggestion(a.Lead().Code, name))
	fmt.Fprintf(&b, "(%s. Prompts to look closer, not a diagnosis. At most one alert about %s every 3 days; /coach alerts off stops them.)", strings.Join(cited, "; "), name)
	return b.String()
}

// QuietMembers is the alert about members who do not share and went quiet:
// how many, never who.
func QuietMembers(n int, club string) string {
	return fmt.Sprintf("%s: %s who %s not share %s not checked in for %d days, after checking in %d days or more in a row. I can't say who: they keep their data to themselves. A friendly word to the whole group (no numbers asked) is the usual answer. (/coach alerts off stops these.)",
		cmp.Or(club, "Your club"), count(n, "member", "members"), noun(n, "does", "do"), noun(n, "has", "have"), domain.AlertAbsentDays, domain.AlertStreakDays)
}

// AlertsSwitched confirms /coach alerts on|off.
func AlertsSwitched(club string, on bool) string {
	if on {
		return fmt.Sprintf("Alerts about %s are on: I tell you privately, between 08:00 and 21:00 your time, when a member who shares needs a look, at most once every 3 days about each.", cmp.Or(club, "the club"))
	}
	return fmt.Sprintf("Alerts about %s are off. The weekly summary still comes; /coach alerts on turns them on again.", cmp.Or(club, "the club"))
}

// AlertsNow answers /coach alerts: the switch, and what the alerts would
// say now, so a coach can look at any time, even in the quiet hours.
func AlertsNow(club string, on bool, alerts []string) string {
	state := "on"
	if !on {
		state = "off (/coach alerts on turns them on)"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Alerts about %s are %s. They come between 08:00 and 21:00 your time, at most one every 3 days about each member.", cmp.Or(club, "the club"), state)
	if len(alerts) == 0 {
		b.WriteString("\n\nNothing to flag right now: no member who shares has been red two days running, had resting HR up 10+ on 3 of 5 mornings, a load ratio of 1.5 or more, or gone quiet after a streak.")
		return b.String()
	}
	b.WriteString("\n\nRight now:")
	for _, a := range alerts {
		b.WriteString("\n\n" + a)
	}
	return b.String()
}

// findingText is one finding with its evidence, for a coach.
func findingText(f domain.Finding, units string, today domain.Date) string {
	switch f.Code {
	case domain.AlertRedDays:
		var parts []string
		for _, x := range f.Readiness.Moved() {
			if s := coachReason(x); s != "" {
				parts = append(parts, s)
			}
		}
		s := fmt.Sprintf("Red two days running (%s and %s)", alertDay(f.Days[0], today), alertDay(f.Days[1], today))
		if len(parts) > 0 {
			s += ": " + strings.Join(parts, ", ")
		}
		return s + "."
	case domain.AlertRHRMornings:
		mornings := make([]string, len(f.Mornings))
		for i, m := range f.Mornings {
			mornings[i] = fmt.Sprintf("%s %d bpm (%s)", alertDay(m.Date, today), m.RHR, signed(m.Delta()))
		}
		return fmt.Sprintf("Resting HR 10+ bpm over their baseline on %d of the last %d mornings: %s.", len(f.Mornings), f.Of, strings.Join(mornings, ", "))
	case domain.AlertLoad:
		s := fmt.Sprintf("Load ratio %.2f (ACWR, %s): the last 7 days averaged %.0f a day (RPE × minutes) against %.0f before; 1.5 or more is the danger zone.",
			f.Load.Ratio, coupling(f.Load.Coupled), f.Load.Acute, f.Load.Chronic)
		if w := f.Week; w.HasPrev {
			s += fmt.Sprintf(" Running: %s this week, %s the week before.", FormatDistance(w.Metres, units), FormatDistanceShort(w.PrevMetres, units))
		}
		return s
	case domain.AlertAbsent:
		return fmt.Sprintf("No check-in for %d days (the last on %s), after %d days in a row.", len(f.Days), alertDay(f.LastCheckIn, today), f.Streak)
	}
	return ""
}

// alertDay says a day of the week just gone: "today", "yesterday", "Mon 30 Nov".
func alertDay(d, today domain.Date) string {
	if n := today.DaysSince(d); n == 0 || n == 1 {
		return dayLabel(d, today)
	}
	return day(d)
}

// coachReason is a reason that made a day red, for a coach: their value
// against their own baseline.
func coachReason(x domain.Reason) string {
	switch x.Marker {
	case domain.MarkerRHR:
		if x.Provisional {
			return ""
		}
		return fmt.Sprintf("resting HR %d bpm (%s over their %.0f)", x.RHR.Today, signed(x.RHR.Delta), x.RHR.Baseline)
	case domain.MarkerHRV:
		lo, hi := x.HRV.RangeMS()
		if x.HRV.TodayLow {
			return fmt.Sprintf("HRV %.0f ms, well below their %.0f–%.0f", x.HRV.TodayMS, lo, hi)
		}
		return fmt.Sprintf("HRV week below their %.0f–%.0f ms", lo, hi)
	case domain.MarkerRHRWithHRV:
		return "resting HR up with HRV down"
	case domain.MarkerSleep:
		return fmt.Sprintf("slept %s h", tenths(x.Sleep.LastNight))
	case domain.MarkerFatigue, domain.MarkerSoreness:
		return fmt.Sprintf("%s %d/10", markerName(x.Marker), x.Score.Value)
	}
	return ""
}

// suggestion is the one thing for the coach to do, by the lead finding.
func suggestion(code domain.AlertCode, name string) string {
	switch code {
	case domain.AlertRedDays:
		return fmt.Sprintf("check in with %s today, and suggest rest or an easy day until a green morning.", name)
	case domain.AlertRHRMornings:
		return fmt.Sprintf("ask %s about illness, sleep and stress; a resting HR that stays up usually wants a couple of easy days.", name)
	case domain.AlertLoad:
		return fmt.Sprintf("look at %s's last week with them and trim the next sessions until the ratio is back under 1.3.", name)
	}
	return fmt.Sprintf("send %s a short, friendly message asking how they are; no pressure about the numbers.", name)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// unitsOf is the reader's units, kilometres until they choose.
func unitsOf(m domain.Member) string { return cmp.Or(m.Units, domain.UnitsKM) }
