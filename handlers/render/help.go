package render

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

// Help lists the commands, short, from the command table.
func Help(commands []bot.CommandSpec) string {
	var b strings.Builder
	b.WriteString("runclub: a daily recovery check for high-mileage runners.\n\n")
	for _, c := range commands {
		if !c.Hidden {
			fmt.Fprintf(&b, "/%s: %s\n", c.Name, c.Description)
		}
	}
	b.WriteString("\nArguments are key:value, e.g. /checkin rhr:52 sleep:7.5 or /run 10mi 82m rpe:6. Dates: today, yesterday or YYYY-MM-DD. /help run explains one command.")
	return b.String()
}

// CommandHelp explains one command from its spec: how to type it, each
// argument with its range or choices, its subcommands and examples.
func CommandHelp(c bot.CommandSpec) string {
	var b strings.Builder
	fmt.Fprintf(&b, "/%s: %s\nUse: %s\n", c.Name, c.Description, c.Usage)
	if len(c.Args) > 0 {
		b.WriteString("\n")
		for _, a := range c.Args {
			if !a.Hidden {
				fmt.Fprintf(&b, "• %s: %s%s\n", a.Name, a.Help, argRange(a))
			}
		}
	}
	for _, sub := range c.Subcommands {
		if sub.Hidden {
			continue
		}
		fmt.Fprintf(&b, "• %s: %s\n", sub.Usage, sub.Description)
		for _, a := range sub.Args {
			if !a.Hidden {
				fmt.Fprintf(&b, "    %s: %s%s\n", a.Name, a.Help, argRange(a))
			}
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

// argRange says what values an argument takes, after its help: its range
// or choices, and that "-" clears it when it does.
func argRange(a bot.ArgSpec) string {
	text := valuesOf(a)
	if a.Clearable {
		text += "; - clears it"
	}
	if text == "" {
		return ""
	}
	return " (" + text + ")"
}

// valuesOf says what values an argument of its kind takes.
func valuesOf(a bot.ArgSpec) string {
	unit := ""
	if a.Unit != "" {
		unit = " " + a.Unit
	}
	switch a.Kind {
	case bot.ArgInteger, bot.ArgNumber:
		return fmt.Sprintf("%s to %s%s", number(a.Min), number(a.Max), unit)
	case bot.ArgDuration:
		return fmt.Sprintf("%s to %s", minutesWords(a.Min), minutesWords(a.Max))
	case bot.ArgChoice:
		return joinOr(a.Choices)
	case bot.ArgDate:
		return fmt.Sprintf("up to %d days back, never in the future", domain.MaxPastDays)
	case bot.ArgDistance:
		return "more than 0, at most 300 km (186 mi); a bare number is in your units"
	case bot.ArgWeight:
		return fmt.Sprintf("%g to %g kg, 55 to 550 lb; a bare number is in your units", domain.MinWeightKG, domain.MaxWeightKG)
	case bot.ArgClock:
		return "24-hour, 00:00 to 23:59"
	case bot.ArgZone:
		return "an IANA name such as Europe/London or America/New_York"
	case bot.ArgSlot:
		return "Mon to Sun and 00:00 to 23:59"
	case bot.ArgMember:
		return "a mention such as @Sam, or their name"
	}
	return ""
}

// NoSuchCommand answers /help about a command that does not exist.
func NoSuchCommand(name string) string {
	return fmt.Sprintf("There is no /%s. Send /help for the list of commands.", clip(name))
}

// number shows a bound as written: 25, 7.5, 1000000.
func number(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
