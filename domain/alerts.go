package domain

import (
	"context"
	"time"
)

// AlertCode names a coach alert's rule: what a coach should hear about
// between weekly summaries.
type AlertCode string

// The coach alert rules, most severe first.
const (
	// AlertRedDays: readiness red on two days running.
	AlertRedDays = AlertCode("red-days")
	// AlertRHRMornings: resting HR +10 bpm or more on 3 of the last 5 mornings.
	AlertRHRMornings = AlertCode("rhr-mornings")
	// AlertLoad: the load ratio (rolling ACWR, uncoupled) 1.5 or more.
	AlertLoad = AlertCode("load")
	// AlertAbsent: no check-in for 3 days after a streak of at least 5.
	AlertAbsent = AlertCode("absent")
)

// Thresholds of the alert rules. The readiness and load lines are
// science.md's own (red, +10 bpm, the ACWR danger zone); the counts are
// the issue's: two red days are a pattern, one is a bad night; three of
// five mornings is "several days elevated" without needing them in a row,
// since a missed morning should not hide the rest.
const (
	AlertRHRMorningsOf   = 5
	AlertRHRMorningsHigh = 3
	// AlertRHRLookback is how far back the last 5 mornings may reach: a
	// month-old morning says nothing about this week.
	AlertRHRLookback = 7
	AlertAbsentDays  = 3
	AlertStreakDays  = 5
)

// Delivery rules of coach alerts: at most one per member per coach in
// AlertGap, and none in the coach's quiet hours (AlertQuietFrom to
// AlertQuietUntil local time); what falls in them waits for the morning.
const (
	AlertGap        = 72 * time.Hour
	AlertQuietFrom  = 21 * 60
	AlertQuietUntil = 8 * 60
)

// QuietHours reports whether local minute is in a coach's quiet hours.
func QuietHours(minute int) bool { return minute >= AlertQuietFrom || minute < AlertQuietUntil }

// Finding is one alert rule a member met, with its evidence. Only the
// fields of its Code are set.
type Finding struct {
	Code   AlertCode
	Source Source
	// Days are the red days (red-days) or the days without a check-in
	// (absent), oldest first.
	Days []Date
	// Readiness is the later red day's readiness, with its reasons (red-days).
	Readiness Readiness
	// Mornings are the elevated mornings, oldest first, of Of mornings
	// looked at (rhr-mornings).
	Mornings []RHRMorning
	Of       int
	// Load is the load ratio and Week the week's distance against the week
	// before (load).
	Load ACWR
	Week WeekDistance
	// Streak is how many days in a row the member checked in before going
	// quiet, the last of them LastCheckIn (absent).
	Streak      int
	LastCheckIn Date
}

// RHRMorning is one morning's resting HR against its own baseline.
type RHRMorning struct {
	Date     Date
	RHR      int
	Baseline float64
}

// Delta is the morning's rise over its baseline in bpm.
func (m RHRMorning) Delta() float64 { return float64(m.RHR) - m.Baseline }

// MemberAlert is one member's findings, most severe first, as a coach
// hears them: one alert names them all and leads with the first.
type MemberAlert struct {
	Member   Member
	Findings []Finding
}

// Lead is the alert's most severe finding, the one its suggestion follows.
func (a MemberAlert) Lead() Finding { return a.Findings[0] }

// AlertFindings evaluates the alert rules for a member who shares, on their
// local date today, from their history (with its times away). A member away
// today has none: they said why they are quiet. Days away are not evidence
// either: a red day while ill is what being ill looks like.
func AlertFindings(h History, today Date) []Finding {
	if awayOn(h.Away, today) {
		return nil
	}
	var out []Finding
	if f, ok := redDays(h, today); ok {
		out = append(out, f)
	}
	v := newDayView(h, today)
	if f, ok := v.rhrMornings(h.Away); ok {
		out = append(out, f)
	}
	if t := v.load(); !t.ACWR.Building && t.ACWR.Defined && t.ACWR.Ratio >= ACWRDanger {
		out = append(out, Finding{Code: AlertLoad, Source: SourceACWR, Load: t.ACWR, Week: t.Distance})
	}
	if f, ok := v.absence(h.Away); ok {
		out = append(out, f)
	}
	return out
}

// AbsenceFinding is the absence rule alone, for a member who does not
// share: it reads only whether a day has a check-in, never its values, so
// that the coach can be told how many went quiet without being told who.
func AbsenceFinding(h History, today Date) (Finding, bool) {
	if awayOn(h.Away, today) {
		return Finding{}, false
	}
	return newDayView(h, today).absence(h.Away)
}

// redDays finds two red days running: today and yesterday, or, before
// today's check-in, yesterday and the day before.
func redDays(h History, today Date) (Finding, bool) {
	m := Member{}
	last := ComputeReadiness(m, h, today)
	day := today
	if last.Verdict == VerdictUnknown {
		day = today.AddDays(-1)
		last = ComputeReadiness(m, h, day)
	}
	prev := day.AddDays(-1)
	if last.Verdict != VerdictRed || awayOn(h.Away, day) || awayOn(h.Away, prev) {
		return Finding{}, false
	}
	if ComputeReadiness(m, h, prev).Verdict != VerdictRed {
		return Finding{}, false
	}
	return Finding{Code: AlertRedDays, Source: SourceRHR, Days: []Date{prev, day}, Readiness: last}, true
}

// rhrMornings finds resting HR warning-high (+10 bpm against each
// morning's own baseline) on 3 of the last 5 mornings with a reading in the
// last week; mornings away are skipped.
func (v *dayView) rhrMornings(away []Away) (Finding, bool) {
	f := Finding{Code: AlertRHRMornings, Source: SourceRHR}
	for ago := 0; ago < AlertRHRLookback && f.Of < AlertRHRMorningsOf; ago++ {
		i, ok := v.at(ago)
		if !ok || v.ci[i] == nil || !validRHR(v.ci[i]) || awayOn(away, v.today.AddDays(-ago)) {
			continue
		}
		f.Of++
		b, n := v.rhrBaseline(i)
		if n >= RHRMinMornings && float64(*v.ci[i].RHR)-b >= RHRWarning {
			f.Mornings = append([]RHRMorning{{Date: v.today.AddDays(-ago), RHR: *v.ci[i].RHR, Baseline: b}}, f.Mornings...)
		}
	}
	return f, len(f.Mornings) >= AlertRHRMorningsHigh
}

// absence finds AlertAbsentDays days without a check-in, not away, up to
// yesterday and with nothing yet today, after a streak of AlertStreakDays
// or more days with one.
func (v *dayView) absence(away []Away) (Finding, bool) {
	has := func(ago int) bool {
		i, ok := v.at(ago)
		return ok && v.ci[i] != nil && !v.ci[i].IsEmpty()
	}
	f := Finding{Code: AlertAbsent, Source: SourceSubjective}
	for ago := AlertAbsentDays; ago >= 0; ago-- {
		d := v.today.AddDays(-ago)
		if has(ago) || awayOn(away, d) {
			return Finding{}, false
		}
		if ago > 0 {
			f.Days = append(f.Days, d)
		}
	}
	for ago := AlertAbsentDays + 1; has(ago); ago++ {
		f.Streak++
	}
	f.LastCheckIn = v.today.AddDays(-(AlertAbsentDays + 1))
	return f, f.Streak >= AlertStreakDays
}

// CoachPlace is a coach in one of their clubs, as the alert job finds them.
type CoachPlace struct {
	Coach Member
	Club  Club
}

// AlertSubject is whom an alert is about: a member (ClubID 0, since a
// coach hears about a member once however many clubs they share), or, with
// MemberID 0, the count of a club's members who do not share.
type AlertSubject struct {
	MemberID, ClubID int64
}

// AlertRepository answers the alert job's questions: which coaches want
// alerts, and which alerts they had lately.
type AlertRepository interface {
	// AlertCoaches lists the coaches of zone tz who have alerts on in a
	// club and can be reached, with the club, ordered by club and coach.
	AlertCoaches(ctx context.Context, tz string) ([]CoachPlace, error)
	// RecentAlerts reports, for each of coaches, whom the alerts claimed
	// for them at or after since were about.
	RecentAlerts(ctx context.Context, coaches []int64, since time.Time) (map[int64]map[AlertSubject]bool, error)
}
