package handlers

import (
	"context"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/handlers/render"
)

// checkIn records (or amends) a day's check-in; with no arguments it starts
// the guided check-in.
func (s *Service) checkIn(ctx context.Context, r *request) (bot.Reply, error) {
	if r.args.count() == 0 {
		return s.startGuided(ctx, r, r.today())
	}
	c, err := checkInFromArgs(r.args, r.date())
	if err != nil {
		return bot.Reply{}, err
	}
	c.MemberID = r.member.ID
	c.UpdatedAt = r.now
	if err := c.Validate(); err != nil {
		return bot.Reply{}, err
	}
	stored, err := s.CheckIns.UpsertCheckIn(ctx, c)
	if err != nil {
		return bot.Reply{}, err
	}
	text := render.CheckInSaved(stored, r.today())
	// A check-in that answers the open guided flow moves it on.
	if conv, ok := s.openConversation(ctx, r, domain.ConversationCheckIn); ok && conversationDate(conv, r) == stored.Date {
		next, err := s.advanceGuided(ctx, r, conv, stored)
		if err != nil {
			return bot.Reply{}, err
		}
		if !next.IsZero() {
			return render.AfterSaved(text, next), nil
		}
	}
	return bot.Reply{Text: text + s.closingLine(ctx, r.member, stored.Date, r.today())}, nil
}

// guidedSkip and guidedStop answer "/checkin skip" and "/checkin stop", which
// the guided check-in's buttons send so that they work wherever they are
// pressed.
func (s *Service) guidedSkip(ctx context.Context, r *request) (bot.Reply, error) {
	return s.guidedControl(ctx, r, "skip")
}

func (s *Service) guidedStop(ctx context.Context, r *request) (bot.Reply, error) {
	return s.guidedControl(ctx, r, "stop")
}

func (s *Service) guidedControl(ctx context.Context, r *request, word string) (bot.Reply, error) {
	conv, open := s.openConversation(ctx, r, domain.ConversationCheckIn)
	if !open {
		return bot.Reply{}, invalid(render.NoGuidedCheckIn(word))
	}
	return s.answerGuided(ctx, r, conv, word)
}

// checkInValues are the check-in's fields by argument name.
func checkInValues(c *domain.CheckIn) (ints map[string]**int, floats map[string]**float64) {
	return map[string]**int{"rhr": &c.RHR, "quality": &c.SleepQuality, "fatigue": &c.Fatigue,
			"soreness": &c.Soreness, "stress": &c.Stress, "mood": &c.Mood},
		map[string]**float64{"hrv": &c.HRV, "sleep": &c.SleepHours}
}

// checkInFromArgs builds a check-in for date from checked arguments.
func checkInFromArgs(a args, date domain.Date) (domain.CheckIn, error) {
	c := domain.CheckIn{Date: date}
	ints, floats := checkInValues(&c)
	for key, dst := range ints {
		if v, ok := a.int(key); ok {
			*dst = &v
		}
	}
	for key, dst := range floats {
		if v, ok := a.float(key); ok {
			*dst = &v
		}
	}
	if c.IsEmpty() {
		return c, invalid(render.NoCheckInValues)
	}
	return c, nil
}

// closingLine ends a check-in for today with the one-line readiness, so the
// morning answer closes the loop. If it cannot be computed the check-in is
// still saved, so the failure is logged and the member pointed at /readiness.
func (s *Service) closingLine(ctx context.Context, m domain.Member, d, today domain.Date) string {
	if d != today {
		return ""
	}
	rd, err := s.Readiness(ctx, m, d)
	if err != nil {
		s.Log.Error("readiness after check-in", "member", m.ID, "err", err)
		return render.CheckInClosing(nil, today)
	}
	return render.CheckInClosing(&rd, today)
}
