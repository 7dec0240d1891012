package handlers

import (
	"context"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/handlers/render"
)

// checkIn records (or amends) a day's check-in; with no arguments it starts
// the guided check-in. A value given as "-" or "none" clears it.
func (s *Service) checkIn(ctx context.Context, r *request) (bot.Reply, error) {
	if r.args.count() == 0 {
		return s.startGuided(ctx, r, r.today())
	}
	c, clear, err := checkInFromArgs(r.args, r.date())
	if err != nil {
		return bot.Reply{}, err
	}
	saved, err := s.saveCheckIn(ctx, r, c, clear)
	if err != nil {
		return bot.Reply{}, err
	}
	text := render.CheckInChanged(saved.before, saved.after, clear, r.today())
	// A check-in that answers the open guided flow moves it on.
	if conv, ok := s.openConversation(ctx, r, domain.ConversationCheckIn); ok && conversationDate(conv, r) == c.Date {
		next, err := s.advanceGuided(ctx, r, conv, saved.after)
		if err != nil {
			return bot.Reply{}, err
		}
		if !next.IsZero() {
			return render.AfterSaved(text, next), nil
		}
	}
	reply := bot.Reply{Text: text + s.closingLine(ctx, r.member, c.Date, r.today())}
	if saved.changed() {
		reply.Buttons = undoButton(saved.changeID)
	}
	return reply, nil
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

// checkInFromArgs builds a check-in for date from checked arguments, and
// lists the values to clear.
func checkInFromArgs(a args, date domain.Date) (domain.CheckIn, []string, error) {
	c := domain.CheckIn{Date: date}
	var clear []string
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
	for _, key := range checkInKeys {
		if a.isCleared(key) {
			clear = append(clear, key)
		}
	}
	if c.IsEmpty() && len(clear) == 0 {
		return c, nil, invalid(render.NoCheckInValues)
	}
	return c, clear, nil
}

// checkInKeys are the check-in's arguments in the order replies list them.
var checkInKeys = []string{"rhr", "hrv", "sleep", "quality", "fatigue", "soreness", "stress", "mood"}

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
