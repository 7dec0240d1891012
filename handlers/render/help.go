package render

import (
	"fmt"
	"strings"

	"github.com/runclub/runclub/bot"
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
		return fmt.Sprintf(" (%s to %s)", minutesWords(a.Min), minutesWords(a.Max))
	case bot.ArgChoice:
		return " (" + joinOr(a.Choices) + ")"
	}
	return ""
}

// NoSuchCommand answers /help about a command that does not exist.
func NoSuchCommand(name string) string {
	return fmt.Sprintf("There is no /%s. Send /help for the list of commands.", clip(name))
}

// PlainText answers a message that is not a command and not an answer.
const PlainText = "I answer commands such as /checkin, /run and /readiness. Send /help for the list."
