package handlers

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
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
	text := fmt.Sprintf("Saved your check-in for %s: %s.", dayLabel(stored.Date, r.today()), describeCheckIn(stored))
	// A check-in that answers the open guided flow moves it on.
	if conv, ok := s.openConversation(ctx, r, domain.ConversationCheckIn); ok && conversationDate(conv, r) == stored.Date {
		next, err := s.advanceGuided(ctx, r, conv, stored)
		if err != nil {
			return bot.Reply{}, err
		}
		if !next.IsZero() {
			next.Text = text + "\n\n" + next.Text
			return next, nil
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
		return bot.Reply{}, invalid("There is no check-in in progress to %s. Send /checkin to start one.", word)
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
		return c, invalid("Give at least one value, e.g. /checkin rhr:52 sleep:7.5 fatigue:3, or just /checkin to be asked step by step.")
	}
	return c, nil
}

// describeCheckIn lists the values of a check-in in words.
func describeCheckIn(c domain.CheckIn) string {
	var parts []string
	if c.RHR != nil {
		parts = append(parts, fmt.Sprintf("resting HR %d bpm", *c.RHR))
	}
	if c.HRV != nil {
		parts = append(parts, fmt.Sprintf("HRV %g ms", *c.HRV))
	}
	if c.SleepHours != nil {
		parts = append(parts, fmt.Sprintf("sleep %g h", *c.SleepHours))
	}
	if c.SleepQuality != nil {
		parts = append(parts, fmt.Sprintf("sleep quality %d/5", *c.SleepQuality))
	}
	for _, f := range []struct {
		name string
		v    *int
	}{{"fatigue", c.Fatigue}, {"soreness", c.Soreness}, {"stress", c.Stress}, {"mood", c.Mood}} {
		if f.v != nil {
			parts = append(parts, fmt.Sprintf("%s %d/10", f.name, *f.v))
		}
	}
	return strings.Join(parts, ", ")
}

// dayLabel says "today", "yesterday" or the weekday and date.
func dayLabel(d, today domain.Date) string {
	switch today.DaysSince(d) {
	case 0:
		return "today"
	case 1:
		return "yesterday"
	}
	return d.Time(time.UTC).Format("Mon 2 Jan 2006")
}

// closingLine ends a check-in for today with the one-line readiness, so the
// morning answer closes the loop. If it cannot be computed the check-in is
// still saved, so the failure is logged and the member pointed at /readiness.
func (s *Service) closingLine(ctx context.Context, m domain.Member, d, today domain.Date) string {
	if d != today {
		return ""
	}
	line, err := s.ReadinessLine(ctx, m, d)
	if err != nil {
		s.Log.Error("readiness after check-in", "member", m.ID, "err", err)
		return "\nSend /readiness for today's verdict."
	}
	return "\nReadiness: " + line + " Send /readiness for the reasons."
}
