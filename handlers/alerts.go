package handlers

import (
	"context"
	"fmt"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/handlers/render"
)

// clubAlerts evaluates the alert rules for a club's members at now, each on
// their own local date: the findings of each member who shares, and the
// members who do not share but went quiet, by id only (their values are
// loaded with the club's history but read for nothing but whether a day
// has a check-in). A member who left the club is not in roster.
func (s *Service) clubAlerts(ctx context.Context, c domain.Club, roster []domain.RosterEntry, now time.Time) ([]domain.MemberAlert, []int64, error) {
	ids := make([]int64, len(roster))
	for i, e := range roster {
		ids[i] = e.Member.ID
	}
	// The window ends a day after UTC's date, so that it covers every
	// member's local today; the rules ignore what lies after it.
	end := domain.DateOf(now.UTC()).AddDays(1)
	hist, err := s.History.HistoryOf(ctx, ids, end.AddDays(-(HistoryDays - 1)), end)
	if err != nil {
		return nil, nil, fmt.Errorf("read the history of club %d: %w", c.ID, err)
	}
	if err := s.withAway(ctx, hist, ids, end); err != nil {
		return nil, nil, fmt.Errorf("read the times away of club %d: %w", c.ID, err)
	}
	var alerts []domain.MemberAlert
	var quiet []int64
	for _, e := range roster {
		m := e.Member
		today := m.Today(now)
		if !m.ShareWithCoach {
			if _, ok := domain.AbsenceFinding(hist[m.ID], today); ok {
				quiet = append(quiet, m.ID)
			}
			continue
		}
		if fs := domain.AlertFindings(hist[m.ID], today); len(fs) > 0 {
			alerts = append(alerts, domain.MemberAlert{Member: m, Findings: fs})
		}
	}
	return alerts, quiet, nil
}

// coachAlertTexts are one coach's alerts about a club, by whom they are
// about. A coach hears nothing about themselves.
func coachAlertTexts(c domain.Club, coach domain.Member, alerts []domain.MemberAlert, quiet []int64, now time.Time) map[domain.AlertSubject]string {
	out := map[domain.AlertSubject]string{}
	today := coach.Today(now)
	for _, a := range alerts {
		if a.Member.ID != coach.ID {
			out[domain.AlertSubject{MemberID: a.Member.ID}] = render.CoachAlert(a, c.Title, coach, today)
		}
	}
	n := 0
	for _, id := range quiet {
		if id != coach.ID {
			n++
		}
	}
	if n > 0 {
		out[domain.AlertSubject{ClubID: c.ID}] = render.QuietMembers(n, c.Title)
	}
	return out
}

// ClubAlerts is what the alert job sends club c's coaches at now: for each
// of coaches, an alert per member who needs a look, by whom it is about. The
// scheduler decides which go out (quiet hours, the 72-hour gap, the switch).
func (sc Scheduled) ClubAlerts(ctx context.Context, c domain.Club, roster []domain.RosterEntry, coaches []domain.Member, now time.Time) (map[int64]map[domain.AlertSubject]bot.Reply, error) {
	alerts, quiet, err := sc.Service.clubAlerts(ctx, c, roster, now)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]map[domain.AlertSubject]bot.Reply, len(coaches))
	for _, coach := range coaches {
		texts := coachAlertTexts(c, coach, alerts, quiet, now)
		if len(texts) == 0 {
			continue
		}
		out[coach.ID] = make(map[domain.AlertSubject]bot.Reply, len(texts))
		for subject, text := range texts {
			out[coach.ID][subject] = bot.Reply{Text: text, Private: true}
		}
	}
	return out, nil
}

// coachAlerts answers /coach alerts: on or off switches them; alone it says
// whether they are on and what they would say now.
func (s *Service) coachAlerts(ctx context.Context, r *request) (bot.Reply, error) {
	if v, ok := r.args.text("set"); ok {
		if err := s.Memberships.SetCoachAlerts(ctx, r.club.ID, r.member.ID, v == "on"); err != nil {
			return bot.Reply{}, err
		}
		return bot.Reply{Text: render.AlertsSwitched(r.club.Title, v == "on")}, nil
	}
	roster, err := s.Clubs.Roster(ctx, r.club.ID)
	if err != nil {
		return bot.Reply{}, fmt.Errorf("roster of club %d: %w", r.club.ID, err)
	}
	on := true
	for _, e := range roster {
		if e.Member.ID == r.member.ID {
			on = !e.AlertsOff
		}
	}
	alerts, quiet, err := s.clubAlerts(ctx, r.club, roster, r.now)
	if err != nil {
		return bot.Reply{}, err
	}
	texts := coachAlertTexts(r.club, r.member, alerts, quiet, r.now)
	list := make([]string, 0, len(texts))
	for _, a := range alerts { // in roster order, the count last
		if t, ok := texts[domain.AlertSubject{MemberID: a.Member.ID}]; ok {
			list = append(list, t)
		}
	}
	if t, ok := texts[domain.AlertSubject{ClubID: r.club.ID}]; ok {
		list = append(list, t)
	}
	return bot.Reply{Text: render.AlertsNow(r.club.Title, on, list)}, nil
}
