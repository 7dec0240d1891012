package handlers

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

// checkInKeys are the arguments /checkin takes, in the order help shows them.
var checkInKeys = []string{"rhr", "hrv", "sleep", "quality", "fatigue", "soreness", "stress", "mood", "date"}

// checkIn records (or amends) a day's check-in; with no arguments it starts
// the guided check-in.
func (s *Service) checkIn(ctx context.Context, r *request) (bot.Reply, error) {
	if len(r.cmd.Args) == 0 && len(r.cmd.Positional) == 0 {
		return s.startGuided(ctx, r, r.today())
	}
	if word, ok := guidedControl(r.cmd); ok {
		conv, open := s.openConversation(ctx, r, domain.ConversationCheckIn)
		if !open {
			return bot.Reply{}, invalid("There is no check-in in progress to %s. Send /checkin to start one.", word)
		}
		return s.answerGuided(ctx, r, conv, word)
	}
	c, err := checkInFromArgs(r.cmd.Args, r.cmd.Positional, r.today())
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

// guidedControl reports "/checkin skip" and "/checkin stop", which the guided
// check-in's buttons send so that they work wherever they are pressed.
func guidedControl(cmd bot.Command) (string, bool) {
	if len(cmd.Args) != 0 || len(cmd.Positional) != 1 {
		return "", false
	}
	switch w := strings.ToLower(cmd.Positional[0]); w {
	case "skip", "stop":
		return w, true
	}
	return "", false
}

// checkInFromArgs builds a check-in from key:value arguments. A lone number
// is the resting heart rate, as in "/checkin 52".
func checkInFromArgs(args map[string]string, positional []string, today domain.Date) (domain.CheckIn, error) {
	var c domain.CheckIn
	if len(positional) == 1 && args["rhr"] == "" {
		args = copyArgs(args)
		args["rhr"] = positional[0]
	} else if len(positional) > 0 {
		return c, invalid("I don't understand %q. Give each value as key:value, e.g. /checkin rhr:52 sleep:7.5.", clip(strings.Join(positional, " ")))
	}
	if err := unknownKeys(args, checkInKeys); err != nil {
		return c, err
	}
	var err error
	if c.Date, err = ParseDate(args["date"], today); err != nil {
		return c, err
	}
	ints := []struct {
		key, name string
		lo, hi    int
		dst       **int
	}{
		{"rhr", "Resting heart rate", domain.MinRHR, domain.MaxRHR, &c.RHR},
		{"quality", "Sleep quality (5 = best)", 1, 5, &c.SleepQuality},
		{"fatigue", "Fatigue (10 = worst)", 1, 10, &c.Fatigue},
		{"soreness", "Soreness (10 = worst)", 1, 10, &c.Soreness},
		{"stress", "Stress (10 = worst)", 1, 10, &c.Stress},
		{"mood", "Mood (10 = best)", 1, 10, &c.Mood},
	}
	for _, f := range ints {
		if v, ok := args[f.key]; ok {
			n, err := ParseInt(f.name, v, f.lo, f.hi)
			if err != nil {
				return c, err
			}
			*f.dst = &n
		}
	}
	floats := []struct {
		key, name string
		lo, hi    float64
		dst       **float64
	}{
		{"hrv", "HRV (rMSSD, ms)", domain.MinHRV, domain.MaxHRV, &c.HRV},
		{"sleep", "Sleep (hours)", domain.MinSleep, domain.MaxSleep, &c.SleepHours},
	}
	for _, f := range floats {
		if v, ok := args[f.key]; ok {
			x, err := ParseFloat(f.name, v, f.lo, f.hi)
			if err != nil {
				return c, err
			}
			*f.dst = &x
		}
	}
	if c.IsEmpty() {
		return c, invalid("Give at least one value, e.g. /checkin rhr:52 sleep:7.5 fatigue:3, or just /checkin to be asked step by step.")
	}
	return c, nil
}

// unknownKeys refuses arguments a command does not take, naming the valid ones.
func unknownKeys(args map[string]string, valid []string) error {
	var unknown []string
	for k := range args {
		found := false
		for _, v := range valid {
			if k == v {
				found = true
				break
			}
		}
		if !found {
			unknown = append(unknown, clip(k))
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	sort.Strings(unknown)
	return invalid("I don't know %s. Valid keys here are: %s.", strings.Join(unknown, ", "), strings.Join(valid, ", "))
}

func copyArgs(args map[string]string) map[string]string {
	out := make(map[string]string, len(args)+1)
	for k, v := range args {
		out[k] = v
	}
	return out
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
