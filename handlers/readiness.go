package handlers

import (
	"context"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/handlers/render"
)

// HistoryDays is how much history the science commands load. Every rule needs
// at most 67 days; the rest only seeds the EWMA, whose weight on a day 120 days
// back is under 0.02%. /readiness, /week, /summary and the weekly push all use
// the same window, so their numbers agree.
const HistoryDays = 120

// history loads the member's check-ins and runs of the HistoryDays up to d.
func (s *Service) history(ctx context.Context, memberID int64, d domain.Date) (domain.History, error) {
	return s.historyFrom(ctx, memberID, d.AddDays(-(HistoryDays - 1)), d)
}

// Readiness computes the member's readiness for local date d from stored history.
func (s *Service) Readiness(ctx context.Context, m domain.Member, d domain.Date) (domain.Readiness, error) {
	h, err := s.history(ctx, m.ID, d)
	if err != nil {
		return domain.Readiness{}, err
	}
	return domain.ComputeReadiness(m, h, d), nil
}

// ReadinessLine is the one-line readiness of local date d that ends a
// morning check-in and that the scheduler can reuse.
func (s *Service) ReadinessLine(ctx context.Context, m domain.Member, d domain.Date) (string, error) {
	rd, err := s.Readiness(ctx, m, d)
	if err != nil {
		return "", err
	}
	return render.ReadinessLine(rd, m.Today(s.Now())), nil
}

// readiness answers /readiness [date]: the verdict, why, and one thing to do.
func (s *Service) readiness(ctx context.Context, r *request) (bot.Reply, error) {
	rd, err := s.Readiness(ctx, r.member, r.date())
	if err != nil {
		return bot.Reply{}, err
	}
	return bot.Reply{Text: render.Readiness(rd, r.member.Units, r.today())}, nil
}
