package scheduler

import (
	"context"
	"fmt"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

// Content is what each scheduled message says, asked of the handlers'
// rendering layer, and what sending a morning prompt starts. The scheduler
// calls it from several goroutines at once.
type Content interface {
	// Morning is the morning prompt of date.
	Morning(ctx context.Context, m domain.Member, date domain.Date) (bot.Reply, error)
	// WindDown is the bedtime reminder of the member's night.
	WindDown(ctx context.Context, m domain.Member, night domain.Date) (bot.Reply, error)
	// MemberWeekly is the weekly summary of a member who belongs to no club,
	// for the week ending end.
	MemberWeekly(ctx context.Context, m domain.Member, end domain.Date) (bot.Reply, error)
	// ClubWeekly builds a club's weekly messages in one go (history read in
	// bulk), keyed by member id: the own summary of each member of roster
	// whose home club it is, and each coach's group summary.
	ClubWeekly(ctx context.Context, c domain.Club, roster []domain.RosterEntry, end domain.Date) (members, coaches map[int64]bot.Reply, err error)
	// MorningSent opens the check-in conversation a morning prompt starts,
	// so that a bare number in reply is that morning's resting heart rate
	// (a /forget confirmation in progress is left alone). The scheduler
	// calls it just before the prompt is handed to the platform.
	MorningSent(ctx context.Context, memberID int64, date domain.Date, at time.Time) error
}

// clubWeek is one club's weekly messages, keyed by member id, from
// Content.ClubWeekly. A club run holds it until its fan-out is over.
type clubWeek struct {
	members map[int64]bot.Reply // each member's own summary
	coaches map[int64]bot.Reply // each coach's group summary
	err     error
}

// message builds the message of a job.
func (s *Scheduler) message(ctx context.Context, j job) (bot.Reply, error) {
	var r bot.Reply
	var err error
	switch {
	case j.kind == domain.DeliveryMorning:
		r, err = s.cfg.Content.Morning(ctx, j.member, j.date)
	case j.kind == domain.DeliveryWindDown:
		r, err = s.cfg.Content.WindDown(ctx, j.member, j.date)
	case j.kind == domain.DeliveryWeeklyMember && j.run == nil:
		r, err = s.cfg.Content.MemberWeekly(ctx, j.member, j.date)
	case j.kind == domain.DeliveryWeeklyMember:
		r, err = j.run.week.take(j.run.week.members, j.member.ID)
	case j.kind == domain.DeliveryWeeklyClub:
		r, err = j.run.week.take(j.run.week.coaches, j.member.ID)
	case j.kind == domain.DeliveryCoachAlert && j.alert != nil:
		r = j.alert.reply
	default:
		err = fmt.Errorf("unknown delivery kind %q", j.kind)
	}
	if err != nil {
		return r, fmt.Errorf("%s for member %d: %w", j.kind, j.member.ID, err)
	}
	// Everything scheduled is personal: a member's own data, or a group
	// summary meant for a coach's private chat.
	r.Private = true
	return r, nil
}

// take returns the message of member id from one of w's maps.
func (w *clubWeek) take(from map[int64]bot.Reply, id int64) (bot.Reply, error) {
	if w.err != nil {
		return bot.Reply{}, w.err
	}
	r, ok := from[id]
	if !ok {
		return r, fmt.Errorf("the club's weekly messages have none for member %d", id)
	}
	return r, nil
}
