package domain

import (
	"context"
	"time"
)

// AwayReason says why a member stepped away.
type AwayReason string

// The reasons /away takes.
const (
	AwayIll     = AwayReason("ill")
	AwayInjured = AwayReason("injured")
	AwayTravel  = AwayReason("travel")
	AwayRest    = AwayReason("rest")
	AwayOther   = AwayReason("other")
)

// AwayReasons are the reasons in the order /help lists them.
var AwayReasons = []string{string(AwayIll), string(AwayInjured), string(AwayTravel), string(AwayRest), string(AwayOther)}

// Limits of one time away. DefaultAwayDays is a week: long enough for a
// cold or a trip, short enough that a member who forgets /back is asked
// again soon. MaxAwayDays bounds how far ahead a member may pause.
const (
	DefaultAwayDays = 7
	MaxAwayDays     = 60
)

// Away is a span of local dates, From to Until inclusive, on which a member
// is away: no morning prompts, no wind-downs, and the days count neither as
// missed check-ins nor as check-ins dropping off.
type Away struct {
	MemberID    int64
	From, Until Date
	Reason      AwayReason
	// Welcomed is set once the first morning prompt after the span has
	// welcomed the member back.
	Welcomed  bool
	CreatedAt time.Time
}

// Covers reports whether the member is away on d.
func (a Away) Covers(d Date) bool { return !d.Before(a.From) && !d.After(a.Until) }

// Days is how many days the span has.
func (a Away) Days() int { return a.Until.DaysSince(a.From) + 1 }

// NewAway is the span of days days from today, or from today to until when
// until is set, with its reason (AwayOther when none). It refuses a span
// that ends before today or lasts more than MaxAwayDays.
func NewAway(memberID int64, today Date, days int, until Date, reason AwayReason) (Away, error) {
	if reason == "" {
		reason = AwayOther
	}
	a := Away{MemberID: memberID, From: today, Reason: reason}
	switch {
	case !until.IsZero():
		a.Until = until
	case days == 0:
		a.Until = today.AddDays(DefaultAwayDays - 1)
	default:
		a.Until = today.AddDays(days - 1)
	}
	last := today.AddDays(MaxAwayDays - 1)
	if a.Until.Before(today) || a.Until.After(last) {
		return Away{}, &InvalidError{Field: FieldAwayUntil, Problem: ProblemRange, Date: a.Until, From: today, To: last, Min: 1, Max: MaxAwayDays}
	}
	return a, nil
}

// awayDays counts the days of from..to that spans cover, each day once.
func awayDays(spans []Away, from, to Date) int {
	n := 0
	for d := from; !d.After(to); d = d.AddDays(1) {
		if awayOn(spans, d) {
			n++
		}
	}
	return n
}

// awayOn reports whether any of spans covers d.
func awayOn(spans []Away, d Date) bool {
	for _, a := range spans {
		if a.Covers(d) {
			return true
		}
	}
	return false
}

// AwayOn returns the span of spans that covers d, the latest if several do.
func AwayOn(spans []Away, d Date) (Away, bool) {
	var out Away
	found := false
	for _, a := range spans {
		if a.Covers(d) && (!found || a.From.After(out.From)) {
			out, found = a, true
		}
	}
	return out, found
}

// AwayRepository stores the members' times away.
type AwayRepository interface {
	// SetAway stores a as the member's time away, replacing any span that
	// has not ended before a.From: /away while away changes the plan.
	SetAway(ctx context.Context, a Away) error
	// EndAway ends the member's span covering today so that today is not
	// away (it is deleted when it started today) and returns it; ENOTFOUND
	// when the member is not away today.
	EndAway(ctx context.Context, memberID int64, today Date) (Away, error)
	// Aways returns the spans of several members that overlap from..to,
	// keyed by member id, oldest first.
	Aways(ctx context.Context, memberIDs []int64, from, to Date) (map[int64][]Away, error)
	// ToWelcome returns the member's latest span that ended before date and
	// has not welcomed them back yet, if it ended at most WelcomeBackDays
	// before date; ENOTFOUND when there is none.
	ToWelcome(ctx context.Context, memberID int64, date Date) (Away, error)
	// MarkWelcomed records that the member was welcomed back after every
	// span that ended before date.
	MarkWelcomed(ctx context.Context, memberID int64, date Date) error
}

// WelcomeBackDays is how long after a time away the next morning prompt
// still says welcome back: after a month of silence the member has been back
// in all but name, and a greeting would be odd.
const WelcomeBackDays = 14
