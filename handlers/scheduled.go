package handlers

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/handlers/render"
)

// Scheduled is what the scheduler's messages say, in the commands' own
// words, and what sending one starts: it implements scheduler.Content. The
// weekly summaries are the texts of /week and /summary; the morning prompt
// and the wind-down are rendered in package render from the same readiness
// /readiness shows. The zero value with Service set is ready; it keeps no
// state, so the scheduler may call it from several goroutines.
type Scheduled struct{ Service *Service }

// Morning is the morning prompt for date; the first after a time away
// welcomes the member back. Yesterday's readiness is a nicety: if it cannot
// be had, the prompt goes without it.
func (sc Scheduled) Morning(ctx context.Context, m domain.Member, date domain.Date) (bot.Reply, error) {
	trend := ""
	if rd, err := sc.Service.Readiness(ctx, m, date.AddDays(-1)); err != nil {
		sc.Service.Log.Warn("yesterday's readiness for the morning prompt", "member", m.ID, "err", err)
	} else if rd.Verdict != domain.VerdictUnknown {
		trend = render.ReadinessLine(rd, date)
	}
	recent, err := sc.Service.CheckIns.CheckIns(ctx, m.ID, date.AddDays(-28), date.AddDays(-1))
	if err != nil {
		sc.Service.Log.Warn("recent check-ins for the morning prompt's buttons", "member", m.ID, "err", err)
	}
	usual := usualValue(recent, domain.StepRHR)
	if a, err := sc.Service.Away.ToWelcome(ctx, m.ID, date); err == nil {
		return render.MorningBackReply(m, trend, a, usual, date), nil
	} else if domain.ErrorCode(err) != domain.ENOTFOUND {
		sc.Service.Log.Warn("time away to welcome back from", "member", m.ID, "err", err)
	}
	return render.MorningReply(m, trend, usual, date), nil
}

// WindDown is the bedtime reminder for the member's night. It gathers the
// day's sleep, readiness and runs; data that cannot be had only drops the
// extra line, and the reminder still goes out.
func (sc Scheduled) WindDown(ctx context.Context, m domain.Member, night domain.Date) (bot.Reply, error) {
	s := sc.Service
	var slept *float64
	if cs, err := s.CheckIns.CheckIns(ctx, m.ID, night, night); err != nil {
		s.Log.Warn("today's check-in for the wind-down", "member", m.ID, "err", err)
	} else if len(cs) > 0 {
		slept = cs[len(cs)-1].SleepHours
	}
	verdict := domain.VerdictUnknown
	if rd, err := s.Readiness(ctx, m, night); err != nil {
		s.Log.Warn("today's readiness for the wind-down", "member", m.ID, "err", err)
	} else {
		verdict = rd.Verdict
	}
	runs, err := s.Runs.Runs(ctx, m.ID, night, night)
	if err != nil {
		s.Log.Warn("today's runs for the wind-down", "member", m.ID, "err", err)
	}
	return render.WindDownReply(m, night, domain.SleepPriority(slept, verdict, runs)), nil
}

// MemberWeekly is the weekly summary of a member in no club, as /week shows it.
func (sc Scheduled) MemberWeekly(ctx context.Context, m domain.Member, end domain.Date) (bot.Reply, error) {
	return sc.Service.WeekReply(ctx, m, end)
}

// ClubWeekly builds club c's weekly messages for the week ending end: the
// own summary of each member of roster whose home club c is, as /week shows
// it, and for each coach the group summary, as /summary shows it, in the
// coach's own units. It reads the history in two queries
// rather than two per member, and computes the group once: a member who
// reads kilometres gets the week the group computed for them. Members who do
// not share are not given their history for the group, as in GroupWeekReply.
func (sc Scheduled) ClubWeekly(ctx context.Context, c domain.Club, roster []domain.RosterEntry, end domain.Date) (members, coaches map[int64]bot.Reply, err error) {
	ids := make([]int64, 0, len(roster))
	for _, e := range roster {
		if e.Member.ShareWithCoach || e.HomeClubID == c.ID {
			ids = append(ids, e.Member.ID)
		}
	}
	if sc.Service.History == nil {
		return nil, nil, fmt.Errorf("weekly summaries of club %d: no history repository", c.ID)
	}
	hist, err := sc.Service.History.HistoryOf(ctx, ids, end.AddDays(-(HistoryDays - 1)), end)
	if err != nil {
		return nil, nil, fmt.Errorf("read the history of club %d's %d members: %w", c.ID, len(ids), err)
	}
	if err := sc.Service.withAway(ctx, hist, ids, end); err != nil {
		return nil, nil, fmt.Errorf("read the times away of club %d's members: %w", c.ID, err)
	}
	gms := make([]domain.GroupMember, len(roster))
	for i, e := range roster {
		gms[i] = domain.GroupMember{Member: e.Member}
		if e.Member.ShareWithCoach {
			gms[i].History = hist[e.Member.ID]
		}
	}
	g := domain.GroupSummary(gms, end)
	inGroup := make(map[int64]*domain.MemberWeek, len(g.Members))
	for i := range g.Members {
		inGroup[g.Members[i].MemberID] = &g.Members[i]
	}
	// Each coach reads the group in their own units; it is written once per unit.
	group := map[string]bot.Reply{}
	members, coaches = map[int64]bot.Reply{}, map[int64]bot.Reply{}
	for _, e := range roster {
		m := e.Member
		if e.Role == domain.RoleCoach {
			units := unitsOf(m)
			if _, ok := group[units]; !ok {
				group[units] = sc.Service.groupWeekReply(c, g, units)
			}
			coaches[m.ID] = group[units]
		}
		if e.HomeClubID != c.ID {
			continue
		}
		w, ok := inGroup[m.ID]
		if !ok || m.Units != domain.UnitsKM {
			week := domain.WeeklySummary(m, hist[m.ID], end)
			w = &week
		}
		members[m.ID] = sc.Service.memberWeekReply(m, *w, hist[m.ID], end)
	}
	return members, coaches, nil
}

// MorningSent opens the check-in conversation a morning prompt starts, so
// that a bare number in reply is that morning's resting heart rate, and
// records that the prompt welcomed the member back if it did. A /forget
// confirmation the member is in the middle of is left alone.
func (sc Scheduled) MorningSent(ctx context.Context, memberID int64, date domain.Date, at time.Time) error {
	s := sc.Service
	open, err := s.Conversations.Conversation(ctx, memberID)
	if err == nil && open.Confirming(at) {
		return nil
	} else if err != nil && domain.ErrorCode(err) != domain.ENOTFOUND {
		err = fmt.Errorf("read the conversation of member %d: %w", memberID, err)
	} else {
		err = nil
	}
	c := domain.Conversation{MemberID: memberID, Kind: domain.ConversationCheckIn, Step: domain.StepRHR,
		Data: map[string]string{domain.ConversationDateKey: date.String()}, UpdatedAt: at}
	if serr := s.Conversations.SaveConversation(ctx, c); serr != nil {
		err = errors.Join(err, fmt.Errorf("open the morning check-in of member %d: %w", memberID, serr))
	}
	// The prompt going out is the welcome back: the next one is ordinary.
	if werr := s.Away.MarkWelcomed(ctx, memberID, date); werr != nil {
		err = errors.Join(err, werr)
	}
	return err
}
