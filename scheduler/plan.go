package scheduler

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

// Planning: who is due at a minute, zone by zone, and where each message
// goes. Nothing here claims or sends.

// duePlan is what one tick found due.
type duePlan struct {
	jobs []job
	// unreachable are due deliveries with no private chat on a platform
	// that has a sender.
	unreachable []job
	clubs       []*clubRun
}

// pendingJob is a due delivery whose recipient is not resolved yet.
type pendingJob struct {
	kind   string
	member domain.Member
	run    *clubRun
	alert  *alertJob
	date   domain.Date
}

// due finds everything due at now, zone by zone, and where it goes, and
// builds the due clubs' weekly messages. A zone that fails is logged and
// left for the next tick; the plan of the others is returned with the
// joined errors. A nil plan means nothing can be done.
func (s *Scheduler) due(ctx context.Context, now time.Time) (*duePlan, error) {
	zones, err := s.cfg.Schedule.DistinctZones(ctx)
	if err != nil {
		return nil, fmt.Errorf("list time zones: %w", err)
	}
	var errs []error
	var pending []pendingJob
	p := &duePlan{}
	for _, tz := range zones {
		pj, cr, err := s.planZone(ctx, tz, now)
		if err != nil {
			s.log.Error("scheduler: find who is due", "tz", tz, "err", err)
			errs = append(errs, err)
		}
		pending = append(pending, pj...)
		p.clubs = append(p.clubs, cr...)
	}
	s.prepareWeekly(ctx, p.clubs)
	alerts, err := s.alertsDue(ctx, zones, now)
	if err != nil {
		s.log.Error("scheduler: coach alerts", "err", err)
		errs = append(errs, err)
	}
	pending = append(pending, alerts...)
	if len(pending) > 0 {
		p.jobs, p.unreachable, err = s.resolve(ctx, pending)
		if err != nil {
			return nil, errors.Join(append(errs, err)...)
		}
	}
	return p, errors.Join(errs...)
}

// planZone lists what is due in one zone at now.
func (s *Scheduler) planZone(ctx context.Context, tz string, now time.Time) ([]pendingJob, []*clubRun, error) {
	local := now.In(s.location(tz))
	date := domain.DateOf(local)
	minute := local.Hour()*60 + local.Minute()

	out, err := s.morningsDue(ctx, tz, date, minute)
	if err != nil {
		return nil, nil, err
	}
	ws, err := s.cfg.Schedule.WindDownDue(ctx, tz, date, minute, s.windDown)
	if err != nil {
		return out, nil, fmt.Errorf("wind-downs due in %s: %w", tz, err)
	}
	for _, m := range ws {
		night := domain.WindDownNight(date, minute, m.BedMinute, s.windDownOf(m))
		out = append(out, pendingJob{kind: domain.DeliveryWindDown, member: m, date: night})
	}
	cj, runs, err := s.clubsDue(ctx, tz, date, minute)
	out = append(out, cj...)
	if err != nil {
		return out, runs, err
	}
	if slot, ok := domain.WeeklySlotDate(date, minute, s.weekDay, s.weekMin); ok {
		lone, err := s.cfg.Schedule.LoneMembersWeeklyDue(ctx, tz, slot)
		if err != nil {
			return out, runs, fmt.Errorf("weekly summaries of members in no club in %s: %w", tz, err)
		}
		for _, m := range lone {
			out = append(out, pendingJob{kind: domain.DeliveryWeeklyMember, member: m, date: slot})
		}
	}
	return out, runs, nil
}

// morningsDue lists the morning prompts due in zone tz at minute of date:
// due from the wake minute until noon, or for an hour after a wake time
// later than that. A wake time skipped by a spring-forward gap is below the
// first minute after the gap, so it fires then.
func (s *Scheduler) morningsDue(ctx context.Context, tz string, date domain.Date, minute int) ([]pendingJob, error) {
	from := 0
	if minute >= MorningCutoff {
		from = minute - LateWakeGrace + 1
	}
	ms, err := s.cfg.Schedule.MorningDue(ctx, tz, date, from, minute)
	if err != nil {
		return nil, fmt.Errorf("morning prompts due in %s: %w", tz, err)
	}
	out := make([]pendingJob, 0, len(ms))
	for _, m := range ms {
		out = append(out, pendingJob{kind: domain.DeliveryMorning, member: m, date: date})
	}
	return out, nil
}

// clubsDue lists the clubs of zone tz whose weekly slot is due, each with a
// run, and their jobs: the coaches' group summaries, and the own summary of
// each member whose home club it is.
func (s *Scheduler) clubsDue(ctx context.Context, tz string, date domain.Date, minute int) ([]pendingJob, []*clubRun, error) {
	cs, err := s.cfg.Schedule.ClubsDue(ctx, tz, date, minute)
	if err != nil {
		return nil, nil, fmt.Errorf("weekly club summaries due in %s: %w", tz, err)
	}
	var out []pendingJob
	var runs []*clubRun
	for _, c := range cs {
		slot, ok := domain.WeeklySlotDate(date, minute, c.WeeklyDay, c.WeeklyMinute)
		if !ok {
			continue
		}
		roster, err := s.cfg.Clubs.Roster(ctx, c.ID)
		if err != nil {
			return out, runs, fmt.Errorf("roster of club %d: %w", c.ID, err)
		}
		cr := &clubRun{club: c, slot: slot, roster: roster}
		runs = append(runs, cr)
		for _, e := range roster {
			if !e.Member.PromptsOn || e.Member.Unreachable {
				continue
			}
			if e.Role == domain.RoleCoach {
				out = append(out, pendingJob{kind: domain.DeliveryWeeklyClub, member: e.Member, run: cr, date: slot})
			}
			if e.HomeClubID == c.ID {
				out = append(out, pendingJob{kind: domain.DeliveryWeeklyMember, member: e.Member, run: cr, date: slot})
			}
		}
	}
	return out, runs, nil
}

// windDownOf is the member's wind-down time in minutes.
func (s *Scheduler) windDownOf(m domain.Member) int {
	if m.WindDownMinutes > 0 {
		return m.WindDownMinutes
	}
	return s.windDown
}

// resolve finds each recipient's private chat: the first identity whose
// platform has a sender; for a club summary, the club's own platform first.
func (s *Scheduler) resolve(ctx context.Context, pending []pendingJob) (jobs, unreachable []job, err error) {
	ids := make([]int64, 0, len(pending))
	seen := make(map[int64]bool, len(pending))
	for _, p := range pending {
		if !seen[p.member.ID] {
			seen[p.member.ID] = true
			ids = append(ids, p.member.ID)
		}
	}
	idents, err := s.cfg.Schedule.IdentitiesOf(ctx, ids)
	if err != nil {
		return nil, nil, fmt.Errorf("identities of %d members: %w", len(ids), err)
	}
	for _, p := range pending {
		j := job{kind: p.kind, member: p.member, run: p.run, alert: p.alert, date: p.date}
		prefer := ""
		switch {
		case p.run != nil:
			prefer = p.run.club.Platform
		case p.alert != nil:
			prefer = p.alert.club.Platform
		}
		if to, ok := s.recipient(idents[p.member.ID], prefer); ok {
			j.to = to
			jobs = append(jobs, j)
		} else {
			unreachable = append(unreachable, j)
		}
	}
	return jobs, unreachable, nil
}

func (s *Scheduler) recipient(ids []domain.Identity, prefer string) (bot.Recipient, bool) {
	for _, id := range ids {
		if id.Platform == prefer && s.cfg.Senders[id.Platform] != nil {
			return bot.Recipient{Platform: id.Platform, UserID: id.UserID}, true
		}
	}
	for _, id := range ids {
		if s.cfg.Senders[id.Platform] != nil {
			return bot.Recipient{Platform: id.Platform, UserID: id.UserID}, true
		}
	}
	return bot.Recipient{}, false
}
