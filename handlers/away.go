package handlers

import (
	"context"
	"strings"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/handlers/render"
)

// away pauses the member's prompts: /away 3 ill, /away until:2026-12-02
// travel, or /away for a week. While away, the morning prompt and the
// wind-down do not come, and the days count neither as missed check-ins nor
// as check-ins dropping off. /away alone while away says until when.
func (s *Service) away(ctx context.Context, r *request) (bot.Reply, error) {
	today := r.today()
	if r.args.count() == 0 {
		if cur, ok, err := s.awayOn(ctx, r.member.ID, today); err != nil {
			return bot.Reply{}, err
		} else if ok {
			return bot.Reply{Text: render.AwayNow(cur)}, nil
		}
	}
	days, _ := r.args.int("days")
	var until domain.Date
	if text, ok := r.args.text("until"); ok {
		if r.args.has("days") {
			return bot.Reply{}, invalid(render.AwayDaysOrUntil)
		}
		switch word := strings.ToLower(strings.TrimSpace(text)); word {
		case "today":
			until = today
		case "tomorrow":
			until = today.AddDays(1)
		default:
			d, err := time.Parse(time.DateOnly, word)
			if err != nil {
				return bot.Reply{}, invalid(render.BadAwayUntil(text, today.AddDays(6)))
			}
			until = domain.DateOf(d)
		}
	}
	reason, _ := r.args.text("reason")
	a, err := domain.NewAway(r.member.ID, today, days, until, domain.AwayReason(reason))
	if err != nil {
		return bot.Reply{}, err
	}
	a.CreatedAt = r.now
	if err := s.Away.SetAway(ctx, a); err != nil {
		return bot.Reply{}, err
	}
	s.Log.Info("member away", "member", r.member.ID, "days", a.Days(), "reason", a.Reason)
	return bot.Reply{Text: render.AwaySet(a, r.member)}, nil
}

// back ends the member's time away today: prompts start again, and this
// reply is their welcome back.
func (s *Service) back(ctx context.Context, r *request) (bot.Reply, error) {
	today := r.today()
	a, err := s.Away.EndAway(ctx, r.member.ID, today)
	if domain.ErrorCode(err) == domain.ENOTFOUND {
		return bot.Reply{Text: render.NotAway}, nil
	} else if err != nil {
		return bot.Reply{}, err
	}
	// This reply welcomes them; the next morning prompt need not again.
	if err := s.Away.MarkWelcomed(ctx, r.member.ID, today.AddDays(1)); err != nil {
		return bot.Reply{}, err
	}
	s.Log.Info("member back", "member", r.member.ID)
	return bot.Reply{Text: render.Back(a, r.member)}, nil
}

// awayOn returns the member's time away that covers date, if any.
func (s *Service) awayOn(ctx context.Context, memberID int64, date domain.Date) (domain.Away, bool, error) {
	spans, err := s.Away.Aways(ctx, []int64{memberID}, date, date)
	if err != nil {
		return domain.Away{}, false, err
	}
	a, ok := domain.AwayOn(spans[memberID], date)
	return a, ok, nil
}

// withAway adds to each member's history their times away in the two weeks
// ending end, which the weekly rules read.
func (s *Service) withAway(ctx context.Context, hist map[int64]domain.History, ids []int64, end domain.Date) error {
	spans, err := s.Away.Aways(ctx, ids, end.AddDays(-13), end)
	if err != nil {
		return err
	}
	for id, a := range spans {
		h := hist[id]
		h.Away = a
		hist[id] = h
	}
	return nil
}
