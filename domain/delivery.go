package domain

import (
	"context"
	"time"
)

// Kinds of scheduled delivery.
const (
	DeliveryMorning      = "morning"
	DeliveryWindDown     = "winddown"
	DeliveryWeeklyMember = "weekly_member"
	DeliveryWeeklyClub   = "weekly_club"
	// DeliveryCoachAlert is a coach alert: MemberID the coach, SubjectID
	// the member it is about (0 for a club's count of members who do not
	// share, with ClubID the club).
	DeliveryCoachAlert = "coach_alert"
)

// States of a delivery. A delivery is pending from the moment it is claimed
// until the platform accepted it (sent) or refused it for good (failed).
const (
	DeliveryPending = "pending"
	DeliverySent    = "sent"
	DeliveryFailed  = "failed"
)

// Delivery records one scheduled message so that it goes out at most once:
// it is claimed before sending and marked after. The key is (Kind, MemberID,
// ClubID, LocalDate, SubjectID); LocalDate is the local date the message is about (the
// morning, the evening, the weekly slot), not the day it happened to be sent.
type Delivery struct {
	ID   int64
	Kind string
	// MemberID is the recipient member; 0 for nobody in particular.
	MemberID int64
	// ClubID is the club a group summary is about; 0 for personal messages.
	ClubID    int64
	LocalDate Date
	// SubjectID is the member a coach alert is about; 0 for other kinds.
	SubjectID int64
	Status    string
	// Reason says why a failed delivery failed.
	Reason    string
	CreatedAt time.Time
	SentAt    time.Time
}

// DeliveryRepository records scheduled deliveries, in batches: a fan-out of
// thousands costs a handful of writes, and a single delivery is a batch of one.
type DeliveryRepository interface {
	// ClaimDeliveries stores each of ds as pending and sets its ID and
	// Status, unless a delivery with the same key exists already or comes
	// earlier in ds; those keep ID 0. It returns how many it claimed. The
	// claim is the one atomic step that makes a delivery happen once: of
	// two claims of one key, however close, one wins. On an error, the
	// deliveries with an ID are claimed all the same and the others not.
	ClaimDeliveries(ctx context.Context, ds []Delivery) (int, error)
	// ReleaseDeliveries deletes the claims ids that are still pending, for
	// messages claimed but never tried (the sender was stopped first), so
	// that they are due again rather than given up as interrupted.
	ReleaseDeliveries(ctx context.Context, ids ...int64) error
	// MarkSent records that the platform accepted the deliveries ids at the
	// time given. It takes several so that a fan-out records its progress in
	// a few writes rather than one per message: the claim, not this mark, is
	// what keeps a message from going twice.
	MarkSent(ctx context.Context, at time.Time, ids ...int64) error
	// MarkFailed records that delivery id failed for good, and why.
	MarkFailed(ctx context.Context, id int64, reason string) error
	// AbandonPending marks every delivery still pending that was claimed
	// before the time given as failed with reason; it returns how many. It is
	// run at start-up: whether such a message reached the member is unknown,
	// and sending it again could send it twice.
	AbandonPending(ctx context.Context, before time.Time, reason string) (int, error)
}

// ScheduleRepository answers the scheduler's "who is due now" questions with
// indexed queries. Every member query leaves out members with prompts off or
// marked unreachable, and those who already have a delivery of the kind for
// the local date in question.
type ScheduleRepository interface {
	// DistinctZones lists the time zones of members and clubs.
	DistinctZones(ctx context.Context) ([]string, error)
	// MorningDue lists the members of zone tz whose wake minute lies in
	// from..to (inclusive) and who have no morning delivery for date.
	MorningDue(ctx context.Context, tz string, date Date, from, to int) ([]Member, error)
	// WindDownDue lists the members of zone tz whose wind-down window
	// (WindDownWindow) contains local minute now on date, and who have no
	// wind-down delivery for that window's night (WindDownNight).
	// defaultWindDown is used for members whose WindDownMinutes is 0.
	WindDownDue(ctx context.Context, tz string, date Date, now, defaultWindDown int) ([]Member, error)
	// ClubsDue lists the clubs of zone tz whose weekly slot is at most 24 hours
	// of wall-clock time ago at local minute now on date (WeeklySlotDate), and
	// that have no club delivery for that slot's date or the WeeklyRunGapDays
	// before it.
	ClubsDue(ctx context.Context, tz string, date Date, now int) ([]Club, error)
	// LoneMembersWeeklyDue lists the members of zone tz who belong to no club
	// and have no weekly member delivery for slot, the local date of the
	// default weekly slot that is due.
	LoneMembersWeeklyDue(ctx context.Context, tz string, slot Date) ([]Member, error)
	// IdentitiesOf returns the platform accounts of several members at once,
	// keyed by member id.
	IdentitiesOf(ctx context.Context, memberIDs []int64) (map[int64][]Identity, error)
}

// MinutesPerDay is the number of wall-clock minutes in a local day.
const MinutesPerDay = 24 * 60

// WindDownWindow reports whether local minute now lies in a member's
// wind-down window: from bed−windDown (inclusive) up to bed (exclusive),
// across midnight when bedtime is early in the morning.
func WindDownWindow(now, bed, windDown int) bool {
	ahead := ((bed-now)%MinutesPerDay + MinutesPerDay) % MinutesPerDay
	return ahead > 0 && ahead <= windDown
}

// WindDownNight returns the night a wind-down window belongs to: the local
// date on which the window started. At local minute now on date inside the
// window, that is the day before when bedtime is after midnight and the
// window began the evening before (bed > now and bed < windDown).
func WindDownNight(date Date, now, bed, windDown int) Date {
	if bed > now && bed < windDown {
		return date.AddDays(-1)
	}
	return date
}

// WeeklySlotDate returns the local date of the weekly slot (day, minute)
// that is due at local minute now on date: today's slot once its minute has
// come, or yesterday's until the same minute today (24 hours of wall clock).
// ok is false when no slot is due.
func WeeklySlotDate(date Date, now int, day time.Weekday, minute int) (slot Date, ok bool) {
	if date.Weekday() == day && minute <= now {
		return date, true
	}
	if prev := date.AddDays(-1); prev.Weekday() == day && minute > now {
		return prev, true
	}
	return Date{}, false
}

// WeeklyRunGapDays is how many days before a weekly slot a club's earlier
// run still counts for it: a coach who moves the slot later in the week after
// this week's summaries went out does not get them sent a second time.
const WeeklyRunGapDays = 6
