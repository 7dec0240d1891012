package render

import (
	"strings"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

// MorningReply is the morning prompt: a greeting, the RHR question, one line
// on yesterday's readiness when there is one (trend may be empty), and
// buttons for the guided check-in. With the member's usual resting HR
// (0 while there is none) it offers the five values around it, so that a
// tap answers the first question and the check-in takes eight taps in all.
func MorningReply(m domain.Member, trend string, usualRHR float64, date domain.Date) bot.Reply {
	return morningReply("Good morning", "", m, trend, usualRHR, date)
}

// MorningBackReply is the first morning prompt after a time away: it
// welcomes the member back, then asks as every morning.
func MorningBackReply(m domain.Member, trend string, a domain.Away, usualRHR float64, date domain.Date) bot.Reply {
	return morningReply("Welcome back", " Your time away"+awayReasonWords(a.Reason)+" ended on "+day(a.Until)+", and the prompts are on again.", m, trend, usualRHR, date)
}

// morningReply is the prompt with its greeting and, after the greeting, an
// extra sentence (or "").
func morningReply(greeting, extra string, m domain.Member, trend string, usualRHR float64, date domain.Date) bot.Reply {
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
	var buttons [][]bot.Button
	if usualRHR > 0 {
		rhr := Question(domain.StepRHR, date, usualRHR).Buttons
		buttons = append(buttons, append(rhr[0][2:], rhr[1][:2]...))
	}
	buttons = append(buttons, []bot.Button{{Label: "Check in", Data: "/checkin"}},
		[]bot.Button{{Label: "My readiness", Data: "/readiness"}, {Label: "Pause prompts", Data: "/settings prompts:off"}})
	return bot.Reply{
		Text:        b.String(),
		Buttons:     buttons,
		Private:     true,
		CheckInForm: true,
	}
}
