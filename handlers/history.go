package handlers

import (
	"context"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/handlers/render"
)

// History's window: two weeks unless asked, two months at most.
const (
	historyDefaultDays = 14
	historyMaxDays     = 60
)

// showHistory shows the member's last days as a table: each day's check-in and
// its runs, with the numbers /run edit and /run delete take.
func (s *Service) showHistory(ctx context.Context, r *request) (bot.Reply, error) {
	days := historyDefaultDays
	if n, ok := r.args.int("days"); ok {
		days = n
	}
	to := r.today()
	from := to.AddDays(-(days - 1))
	checkIns, err := s.CheckIns.CheckIns(ctx, r.member.ID, from, to)
	if err != nil {
		return bot.Reply{}, err
	}
	runs, err := s.Runs.Runs(ctx, r.member.ID, from, to)
	if err != nil {
		return bot.Reply{}, err
	}
	if len(checkIns) == 0 && len(runs) == 0 {
		return bot.Reply{Text: render.HistoryEmpty(days)}, nil
	}
	return bot.Reply{Text: render.HistoryIntro(days, unitsOf(r.member), runs),
		Pre: render.HistoryTable(from, to, checkIns, runs, unitsOf(r.member))}, nil
}
