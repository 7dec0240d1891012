package handlers

import (
	"context"
	"fmt"
	"strings"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

// help lists the commands, short, from the same specs the platforms register.
func (s *Service) help(ctx context.Context, r *request) (bot.Reply, error) {
	var b strings.Builder
	b.WriteString("runclub: a daily recovery check for high-mileage runners.\n\n")
	for _, c := range bot.Commands {
		fmt.Fprintf(&b, "/%s: %s\n", c.Name, c.Description)
	}
	b.WriteString("\nArguments are key:value, e.g. /checkin rhr:52 sleep:7.5 or /run 10mi 82m rpe:6. Dates: today, yesterday or YYYY-MM-DD.")
	return bot.Reply{Text: b.String()}, nil
}

// start registers the sender and explains the bot and its settings.
func (s *Service) start(ctx context.Context, r *request) (bot.Reply, error) {
	m := r.member
	name := m.Name
	if name == "" {
		name = "runner"
	}
	text := fmt.Sprintf(`Hi %s, welcome to runclub.

Every morning at your wake time I ask how you slept and your resting heart rate; answer with one number or a few taps. Ask /readiness for today's verdict (train as planned, keep it easy, or rest), /fuel for a fuel and fluid plan, and /week for your own summary. In the evening I send a short wind-down reminder before your bedtime.

Your settings now: time zone %s, wake %s, bed %s, units %s.
Set yours, for example:
/settings tz:Europe/London wake:06:15 bed:22:30 units:km weight:64kg

Your data stays yours: it is never shown in a group, a coach sees it only if you send /settings share:on, /export gives you all of it and /forget deletes it.`,
		name, m.TZ, domain.FormatClock(m.WakeMinute), domain.FormatClock(m.BedMinute), m.Units)
	return bot.Reply{Text: text}, nil
}
