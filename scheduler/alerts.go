package scheduler

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

// Coach alerts. Between weekly summaries a coach hears, privately, about a
// member who shares and needs a look (domain.AlertFindings). The job runs
// inside the minute tick, like the others: the planning finds the coach
// zones whose local hour has not been evaluated yet, outside the quiet
// hours (21:00 to 08:00), so each club is evaluated at the first tick of
// each local hour from 08:00 to 20:00 of its coaches' zones, 13 times a
// day. Hourly, because the evidence only changes when a check-in or a run
// comes in, mostly in the morning: a second red morning reaches the coach
// within the hour, while the evaluation, which reads a club's history like
// the weekly run, costs 13 runs a day rather than 780. What fell in the
// night is found again at 08:00, the first hour evaluated.
//
// Each alert is a delivery of its own (domain.DeliveryCoachAlert: the
// coach, the club, the coach's local date, the member it is about), so the
// ledger's claim makes it go at most once; and a coach has at most one alert
// about a member in domain.AlertGap, whatever became of the last one, so
// that a restart, which evaluates the hour again, sends none twice.

// AlertContent is what coach alerts say, asked of the handlers.
type AlertContent interface {
	// ClubAlerts returns, for each of coaches, the alerts about club c's
	// members at now, by whom each is about. It may return alerts the
	// scheduler then holds back (the gap); it is called from one goroutine.
	ClubAlerts(ctx context.Context, c domain.Club, roster []domain.RosterEntry, coaches []domain.Member, now time.Time) (map[int64]map[domain.AlertSubject]bot.Reply, error)
}

// alertJob is what a coach alert job carries beside the common fields.
type alertJob struct {
	club    domain.Club
	subject domain.AlertSubject
	reply   bot.Reply
}

// alertHour is the local hour an evaluation was for, as a number that grows.
func alertHour(local time.Time) int {
	return domain.DateOf(local).DayNumber()*24 + local.Hour()
}

// alertsDue plans the coach alerts due at now in zones: those of coaches
// whose local hour is due, that their coach has not had in the gap. The
// zones are marked evaluated for the hour only when all of it succeeded,
// so that a failure is tried again at the next tick.
func (s *Scheduler) alertsDue(ctx context.Context, zones []string, now time.Time) ([]pendingJob, error) {
	if s.cfg.Alerts == nil || s.cfg.AlertContent == nil {
		return nil, nil
	}
	hours := map[string]int{}
	var places []domain.CoachPlace
	var errs []error
	for _, tz := range zones {
		local := now.In(s.location(tz))
		if domain.QuietHours(local.Hour()*60+local.Minute()) || s.alertHourDone(tz, alertHour(local)) {
			continue
		}
		ps, err := s.cfg.Alerts.AlertCoaches(ctx, tz)
		if err != nil {
			errs = append(errs, fmt.Errorf("coaches with alerts in %s: %w", tz, err))
			continue
		}
		places = append(places, ps...)
		hours[tz] = alertHour(local)
	}
	jobs, err := s.planAlerts(ctx, places, now)
	if err != nil {
		errs = append(errs, err)
	}
	if len(errs) == 0 {
		s.alertMu.Lock()
		for tz, h := range hours {
			s.alertHours[tz] = h
		}
		s.alertMu.Unlock()
	}
	return jobs, errors.Join(errs...)
}

// alertHourDone reports whether zone tz's local hour was evaluated.
func (s *Scheduler) alertHourDone(tz string, hour int) bool {
	s.alertMu.Lock()
	defer s.alertMu.Unlock()
	return s.alertHours[tz] >= hour
}

// planAlerts evaluates the clubs of places and keeps the alerts each coach
// has not had lately, one per member however many clubs they share.
func (s *Scheduler) planAlerts(ctx context.Context, places []domain.CoachPlace, now time.Time) ([]pendingJob, error) {
	if len(places) == 0 {
		return nil, nil
	}
	byClub := map[int64][]domain.Member{}
	clubs := map[int64]domain.Club{}
	var coachIDs []int64
	for _, p := range places {
		if _, ok := clubs[p.Club.ID]; !ok {
			clubs[p.Club.ID] = p.Club
		}
		byClub[p.Club.ID] = append(byClub[p.Club.ID], p.Coach)
		if !slices.Contains(coachIDs, p.Coach.ID) {
			coachIDs = append(coachIDs, p.Coach.ID)
		}
	}
	had, err := s.cfg.Alerts.RecentAlerts(ctx, coachIDs, now.Add(-domain.AlertGap))
	if err != nil {
		return nil, fmt.Errorf("recent coach alerts: %w", err)
	}
	ids := make([]int64, 0, len(clubs))
	for id := range clubs {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var out []pendingJob
	var errs []error
	for _, id := range ids {
		c, coaches := clubs[id], byClub[id]
		roster, err := s.cfg.Clubs.Roster(ctx, id)
		if err != nil {
			errs = append(errs, fmt.Errorf("roster of club %d: %w", id, err))
			continue
		}
		alerts, err := s.cfg.AlertContent.ClubAlerts(ctx, c, roster, coaches, now)
		if err != nil {
			errs = append(errs, fmt.Errorf("alerts of club %d: %w", id, err))
			continue
		}
		for _, coach := range coaches {
			for _, subject := range sortedSubjects(alerts[coach.ID]) {
				if had[coach.ID][subject] {
					continue
				}
				if had[coach.ID] == nil {
					had[coach.ID] = map[domain.AlertSubject]bool{}
				}
				had[coach.ID][subject] = true
				out = append(out, pendingJob{kind: domain.DeliveryCoachAlert, member: coach, date: coach.Today(now),
					alert: &alertJob{club: c, subject: subject, reply: alerts[coach.ID][subject]}})
			}
		}
	}
	return out, errors.Join(errs...)
}

// sortedSubjects lists an alert map's keys in a fixed order: members by
// id, then the club's count.
func sortedSubjects(m map[domain.AlertSubject]bot.Reply) []domain.AlertSubject {
	out := make([]domain.AlertSubject, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.SortFunc(out, func(a, b domain.AlertSubject) int {
		return cmp.Or(cmp.Compare(a.ClubID, b.ClubID), cmp.Compare(a.MemberID, b.MemberID))
	})
	return out
}
