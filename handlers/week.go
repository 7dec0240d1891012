package handlers

import (
	"context"
	"fmt"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/handlers/chart"
	"github.com/runclub/runclub/handlers/render"
)

// week answers /week: the member's own summary of the last 7 days.
func (s *Service) week(ctx context.Context, r *request) (bot.Reply, error) {
	return s.WeekReply(ctx, r.member, r.today())
}

// WeekReply is the member's weekly summary for the 7 days ending end. /week
// and the weekly push send this same reply.
func (s *Service) WeekReply(ctx context.Context, m domain.Member, end domain.Date) (bot.Reply, error) {
	h, err := s.history(ctx, m.ID, end)
	if err != nil {
		return bot.Reply{}, err
	}
	hist := map[int64]domain.History{m.ID: h}
	if err := s.withAway(ctx, hist, []int64{m.ID}, end); err != nil {
		return bot.Reply{}, err
	}
	return s.memberWeekReply(m, domain.WeeklySummary(m, hist[m.ID], end), hist[m.ID], end), nil
}

// memberWeekReply is a member's weekly summary, with the picture of their
// last weeks when h holds enough to draw it. The picture is drawn when the
// reply is sent (bot.File.Draw).
func (s *Service) memberWeekReply(m domain.Member, w domain.MemberWeek, h domain.History, end domain.Date) bot.Reply {
	r := bot.Reply{Text: render.MemberWeek(w, m), Private: true}
	if !s.TextOnly && enoughForTrend(h, end, trendDefaultWeeks) {
		r.Text += "\n" + render.TrendWeekLine(trendDefaultWeeks)
		r.Image = s.weekTrendFile(m, end)
	}
	return r
}

// groupWeekReply is a coach's group summary, with the club picture of the
// sharing members when there are any, drawn when the reply is sent.
func (s *Service) groupWeekReply(club domain.Club, g domain.GroupWeek, units string) bot.Reply {
	r := bot.Reply{Text: render.GroupWeek(g, club.Title, units), Private: true, GroupNote: render.GroupWeekNote}
	if len(g.Members) == 0 || s.TextOnly {
		return r
	}
	order := make([]int64, len(g.Members))
	for i, w := range g.Members {
		order[i] = w.MemberID
	}
	r.Text += "\n" + render.ClubGridLine(min(len(order), chart.MaxGridRows), g.NotSharing, chart.GridDays)
	r.Image = s.clubGridFile(club, order, g.To)
	return r
}

// summary answers /summary in a club's group: coaches only, and the reply goes
// to the coach privately because it names members and their values.
func (s *Service) summary(ctx context.Context, r *request) (bot.Reply, error) {
	end := domain.Member{TZ: r.club.TZ}.Today(r.now)
	return s.GroupWeekReply(ctx, r.club, end, unitsOf(r.member))
}

// GroupWeekReply is the coach's summary of club for the 7 days ending end,
// with distances in units. /summary and the weekly push send this same reply.
// Members who do not share are counted only: their history is not even loaded.
func (s *Service) GroupWeekReply(ctx context.Context, club domain.Club, end domain.Date, units string) (bot.Reply, error) {
	roster, err := s.Clubs.Roster(ctx, club.ID)
	if err != nil {
		return bot.Reply{}, fmt.Errorf("list members of club %d: %w", club.ID, err)
	}
	hist := map[int64]domain.History{}
	var sharing []int64
	for _, e := range roster {
		if m := e.Member; m.ShareWithCoach {
			if hist[m.ID], err = s.history(ctx, m.ID, end); err != nil {
				return bot.Reply{}, err
			}
			sharing = append(sharing, m.ID)
		}
	}
	if err := s.withAway(ctx, hist, sharing, end); err != nil {
		return bot.Reply{}, err
	}
	members := make([]domain.GroupMember, 0, len(roster))
	for _, e := range roster {
		members = append(members, domain.GroupMember{Member: e.Member, History: hist[e.Member.ID]})
	}
	return s.groupWeekReply(club, domain.GroupSummary(members, end), units), nil
}
