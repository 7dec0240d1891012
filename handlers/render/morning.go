package render

import (
	"strings"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

// MorningReply is the morning prompt: a greeting, the RHR question, one line
// on yesterday's readiness when there is one (trend may be empty), and
// buttons for the guided check-in.
func MorningReply(m domain.Member, trend string) bot.Reply {
	return morningReply("Good morning", "", m, trend)
}

// MorningBackReply is the first morning prompt after a time away: it
// welcomes the member back, then asks as every morning.
func MorningBackReply(m domain.Member, trend string, a domain.Away) bot.Reply {
	return morningReply("Welcome back", " Your time away"+awayReasonWords(a.Reason)+" ended on "+day(a.Until)+", and the prompts are on again.", m, trend)
}

// morningReply is the prompt with its greeting and, after the greeting, an
// extra sentence (or "").
func morningReply(greeting, extra string, m domain.Member, trend string) bot.Reply {
	var b strings.Builder
	name := strings.TrimSpace(m.Name)
	if name == "" {
		b.WriteString(greeting + "!")
	} else {
		b.WriteString(greeting + ", " + name + "!")
	}
	b.WriteString(extra)
	b.WriteString(" Before you get up: what is your resting heart rate? Reply with just the number, e.g. 52.")
	if trend = strings.TrimSpace(trend); trend != "" {
		b.WriteString("\nYesterday: " + trend)
	}
	b.WriteString("\nTap Check in to add sleep and how you feel.")
	return bot.Reply{
		Text: b.String(),
		Buttons: [][]bot.Button{
			{{Label: "Check in", Data: "/checkin"}},
			{{Label: "My readiness", Data: "/readiness"}, {Label: "Pause prompts", Data: "/settings prompts:off"}},
		},
		Private:     true,
		CheckInForm: true,
	}
}
