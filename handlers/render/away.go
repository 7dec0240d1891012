package render

import (
	"cmp"
	"fmt"
	"time"

	"github.com/runclub/runclub/domain"
)

// AwayOutside refuses a last day away before today or too far ahead.
func AwayOutside(from, to domain.Date) string {
	return fmt.Sprintf("The last day away must be from today (%s) to %s, %d days at most, e.g. /away 3 ill or /away until:%s travel.",
		from, to, domain.MaxAwayDays, from.AddDays(6))
}

// BadAwayUntil refuses an until: that is not a date.
func BadAwayUntil(s string, example domain.Date) string {
	return fmt.Sprintf("%q is not a date I understand. Give the last day away as YYYY-MM-DD, e.g. /away until:%s ill.", clip(s), example)
}

// AwayDaysOrUntil refuses both a number of days and a last day.
const AwayDaysOrUntil = "Give either a number of days or a last day, not both: /away 3 ill or /away until:YYYY-MM-DD ill."

// NotAway answers /back from a member who is not away.
const NotAway = "You are not away, so there is nothing to end. /away 3 ill pauses your prompts for three days."

// day says "Wed 18 Nov".
func day(d domain.Date) string { return d.Time(time.UTC).Format("Mon 2 Jan") }

// awayReasonWords says why a member is away, in a parenthesis: "(ill)".
// An away for no reason given ("other") has none.
func awayReasonWords(r domain.AwayReason) string {
	if r == "" || r == domain.AwayOther {
		return ""
	}
	return " (" + string(r) + ")"
}

// awaySignOff is one kind line for the reason.
var awaySignOff = map[domain.AwayReason]string{
	domain.AwayIll:     " Get well soon: rest is training too.",
	domain.AwayInjured: " Look after it; if it lingers, a physio is worth the visit.",
	domain.AwayTravel:  " Safe travels.",
	domain.AwayRest:    " Enjoy the rest.",
}

// AwaySet confirms /away: until when, what stops, what coaches see, and
// when prompts start again.
func AwaySet(a domain.Away, m domain.Member) string {
	span := "today"
	if a.Days() > 1 {
		span = "until " + day(a.Until)
	}
	coaches := "Coaches don't see it: you don't share with them."
	if m.ShareWithCoach {
		coaches = fmt.Sprintf("Coaches you share with see that you are away%s, nothing more.", awayReasonWords(a.Reason))
	}
	return fmt.Sprintf("You are away %s%s: no morning prompts or bedtime reminders, and these days don't count as missed check-ins. %s Prompts start again on %s at %s; /back starts them sooner.%s",
		span, awayReasonWords(a.Reason), coaches, day(a.Until.AddDays(1)), domain.FormatClock(m.WakeMinute), awaySignOff[a.Reason])
}

// AwayNow answers /away alone while away.
func AwayNow(a domain.Away) string {
	return fmt.Sprintf("You are away%s until %s. /back ends it; /away 5 ill changes it.", awayReasonWords(a.Reason), day(a.Until))
}

// Back welcomes a member who ended their time away.
func Back(a domain.Away, m domain.Member) string {
	return fmt.Sprintf("Welcome back, %s! Morning prompts and bedtime reminders are on again, from your next wake time (%s). A /checkin now gets today started.",
		cmp.Or(m.Name, "runner"), domain.FormatClock(m.WakeMinute))
}

// awayWeek says, in a weekly summary, that the member was away instead of
// flags: "away (ill) 4 days, until Fri 20 Nov".
func awayWeek(w domain.MemberWeek) string {
	return "away" + awayReasonWords(w.Away.Reason) + " " + awayDays(w)
}

// awayDetail is awayWeek for a list headed "Away": "ill, 4 days, until Fri 20 Nov".
func awayDetail(w domain.MemberWeek) string {
	if r := w.Away.Reason; r != "" && r != domain.AwayOther {
		return string(r) + ", " + awayDays(w)
	}
	return awayDays(w)
}

// awayDays is how many of the week's days were away, and until when.
func awayDays(w domain.MemberWeek) string {
	s := count(w.AwayDays, "day", "days")
	if w.Away.Covers(w.To) {
		s += ", until " + day(w.Away.Until)
	}
	return s
}
