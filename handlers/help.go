package handlers

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

// help lists the commands, short, from the same table the platforms
// register; "/help run" explains one command.
func (s *Service) help(ctx context.Context, r *request) (bot.Reply, error) {
	if name, ok := r.args.text("command"); ok {
		name = strings.ToLower(strings.TrimPrefix(name, "/"))
		rt, found := s.table[name]
		if !found || name == "" {
			return bot.Reply{}, invalid("There is no /%s. Send /help for the list of commands.", clip(name))
		}
		return bot.Reply{Text: commandHelp(rt.fullSpec())}, nil
	}
	var b strings.Builder
	b.WriteString("runclub: a daily recovery check for high-mileage runners.\n\n")
	for _, c := range s.Commands() {
		if !c.Hidden {
			fmt.Fprintf(&b, "/%s: %s\n", c.Name, c.Description)
		}
	}
	b.WriteString("\nArguments are key:value, e.g. /checkin rhr:52 sleep:7.5 or /run 10mi 82m rpe:6. Dates: today, yesterday or YYYY-MM-DD. /help run explains one command.")
	return bot.Reply{Text: b.String()}, nil
}

// commandHelp explains one command from its spec: how to type it, each
// argument with its range or choices, its subcommands and examples.
func commandHelp(c bot.CommandSpec) string {
	var b strings.Builder
	fmt.Fprintf(&b, "/%s: %s\nUse: %s\n", c.Name, c.Description, c.Usage)
	if len(c.Args) > 0 {
		b.WriteString("\n")
		for _, a := range c.Args {
			fmt.Fprintf(&b, "• %s: %s%s\n", a.Name, a.Help, argRange(a))
		}
	}
	for _, sub := range c.Subcommands {
		if sub.Hidden {
			continue
		}
		fmt.Fprintf(&b, "• %s: %s\n", sub.Usage, sub.Description)
		for _, a := range sub.Args {
			fmt.Fprintf(&b, "    %s: %s%s\n", a.Name, a.Help, argRange(a))
		}
	}
	if len(c.Examples) > 0 {
		b.WriteString("\nFor example:\n")
		for _, e := range c.Examples {
			b.WriteString(e + "\n")
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// argRange says what values an argument takes, after its help.
func argRange(a bot.ArgSpec) string {
	unit := ""
	if a.Unit != "" {
		unit = " " + a.Unit
	}
	switch a.Kind {
	case bot.ArgInteger, bot.ArgNumber:
		return fmt.Sprintf(" (%g to %g%s)", a.Min, a.Max, unit)
	case bot.ArgDuration:
		return fmt.Sprintf(" (%s to %s)", durationWords(time.Duration(a.Min*float64(time.Minute))), durationWords(time.Duration(a.Max*float64(time.Minute))))
	case bot.ArgChoice:
		return " (" + joinOr(a.Choices) + ")"
	}
	return ""
}

// durationWords says a duration the way a runner reads it: "1 h 30 min",
// "45 min", "4 h".
func durationWords(d time.Duration) string {
	d = d.Round(time.Second)
	h, m, sec := int(d.Hours()), int(d.Minutes())%60, int(d.Seconds())%60
	var parts []string
	if h > 0 {
		parts = append(parts, fmt.Sprintf("%d h", h))
	}
	if m > 0 || (h == 0 && sec == 0) {
		parts = append(parts, fmt.Sprintf("%d min", m))
	}
	if sec > 0 {
		parts = append(parts, fmt.Sprintf("%d s", sec))
	}
	return strings.Join(parts, " ")
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
