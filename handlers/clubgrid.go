package handlers

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/handlers/chart"
)

// ClubFileName is the coach's club picture's file name: the club, by a
// name made of its title's letters and digits, and the week's last day.
func ClubFileName(c domain.Club, end domain.Date) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(c.Title) {
		ok := (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9')
		switch {
		case ok:
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
		if b.Len() >= 32 {
			break
		}
	}
	slug := strings.Trim(b.String(), "-")
	if slug == "" {
		slug = strconv.FormatInt(c.ID, 10)
	}
	return "runclub-club-" + slug + "-" + end.String() + ".png"
}

// clubGridFile is the coach's club picture, drawn when the message is sent.
// order is the sharing members as the summary's text lists them, worst
// first; the picture keeps that order.
func (s *Service) clubGridFile(c domain.Club, order []int64, end domain.Date) *bot.File {
	return &bot.File{Name: ClubFileName(c, end), MIME: "image/png", Draw: func(ctx context.Context) ([]byte, error) {
		g, err := s.ClubGrid(ctx, c, order, end)
		if err != nil || len(g.Rows) == 0 {
			return nil, err
		}
		release, err := s.drawSlot(ctx)
		if err != nil {
			return nil, err
		}
		defer release()
		png, err := chart.ClubGrid(g)
		if err != nil {
			return nil, fmt.Errorf("draw the club grid of club %d: %w", c.ID, err)
		}
		return png, nil
	}}
}

// ClubGrid is the club picture's facts for the chart.GridDays days ending
// end: a row for each member of order who is still in the club and still
// shares when it is drawn (the roster is read again then, so a member who
// stopped sharing since the summary was written is in no picture), in
// order's order, and the count of the members who do not share. At most
// chart.MaxGridRows rows, the worst first.
func (s *Service) ClubGrid(ctx context.Context, c domain.Club, order []int64, end domain.Date) (chart.Grid, error) {
	g := chart.Grid{End: end}
	roster, err := s.Clubs.Roster(ctx, c.ID)
	if err != nil {
		return g, fmt.Errorf("list members of club %d for its picture: %w", c.ID, err)
	}
	sharing := map[int64]domain.Member{}
	for _, e := range roster {
		if e.Member.ShareWithCoach {
			sharing[e.Member.ID] = e.Member
		} else {
			g.NotSharing++
		}
	}
	var ids []int64
	for _, id := range order {
		if _, ok := sharing[id]; ok && len(ids) < chart.MaxGridRows {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return g, nil
	}
	start := end.AddDays(-(chart.GridDays - 1))
	hist, err := s.History.HistoryOf(ctx, ids, start.AddDays(-(HistoryDays - 1)), end)
	if err != nil {
		return g, fmt.Errorf("read the history of club %d's %d sharing members for its picture: %w", c.ID, len(ids), err)
	}
	for _, id := range ids {
		m, h := sharing[id], hist[id]
		row := chart.GridRow{Name: m.Name, Days: make([]domain.Verdict, chart.GridDays)}
		checked := map[domain.Date]bool{}
		for _, ci := range h.CheckIns {
			checked[ci.Date] = true
		}
		for k := range row.Days {
			row.Days[k] = domain.VerdictUnknown
			if d := start.AddDays(k); checked[d] {
				row.Days[k] = domain.ComputeReadiness(m, h, d).Verdict
			}
		}
		g.Rows = append(g.Rows, row)
	}
	return g, nil
}
