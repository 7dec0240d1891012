package render

import (
	"fmt"
	"strings"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

// windDownTips come from the recovery guide's sleep section ("Optimizing
// Sleep Quality", "Addressing Common Sleep Issues") and its pre-sleep
// nutrition note.
var windDownTips = []string{
	"Screens off from now: blue light from phones and TVs holds back melatonin. The guide asks for 1–2 h screen-free before bed; use night mode if you must.",
	"Make the room properly dark: blackout curtains or an eye mask.",
	"Keep the bedroom cool, around 18–20 °C (65–68 °F).",
	"Keep it quiet: earplugs or a white-noise machine if the street or the house is loud.",
	"Start a calming routine: a warm bath, a paper book, gentle stretching or a few minutes of meditation.",
	"No more caffeine today, and keep alcohol away from bedtime: it makes you drowsy but breaks up sleep later in the night.",
	"Sore legs? A few minutes of foam rolling or light stretching now makes it easier to get comfortable in bed.",
	"Busy mind? Try slow deep breathing, or write tomorrow's worries in a notebook and leave them there.",
	"Go to bed at the same time on rest days and weekends too: a steady schedule keeps your body clock steady.",
	"A small protein snack before bed (milk, Greek yoghurt, cottage cheese: casein) supports overnight repair.",
}

// tipOrder scatters the tips so that neighbouring nights do not walk the
// list in its written order.
var tipOrder = []int{3, 7, 0, 5, 9, 2, 8, 1, 6, 4}

// WindDownTip returns the tip for a member's night. It is fixed by member
// and date, so a resend or a restart shows the same tip, and it is never the
// same on two consecutive nights.
func WindDownTip(memberID int64, night domain.Date) string {
	n := len(tipOrder)
	offset := int(uint64(memberID) * 2654435761 % uint64(n))
	return windDownTips[tipOrder[(night.DayNumber()%n+offset)%n]]
}

// WindDownReply is the bedtime reminder for a member's night: a tip, the
// bedtime that gives 8–10 h before the wake time, and one extra line when
// the day's data says sleep matters more (why, from domain.SleepPriority).
func WindDownReply(m domain.Member, night domain.Date, why []domain.SleepReason) bot.Reply {
	var b strings.Builder
	b.WriteString("Time to wind down. ")
	b.WriteString(WindDownTip(m.ID, night))
	b.WriteString("\n")
	b.WriteString(bedtimeLine(m.BedMinute, m.WakeMinute))
	if len(why) > 0 {
		words := make([]string, len(why))
		for i, r := range why {
			words[i] = sleepReason(r, m.Units)
		}
		b.WriteString("\nSleep matters more tonight: " + strings.Join(words, ", ") + ". Aim for the early end of that window.")
	}
	return bot.Reply{Text: b.String(), Private: true}
}

// bedtimeLine names the lights-out window for 8–10 h of sleep before the
// wake time and says how the member's own bedtime compares.
func bedtimeLine(bed, wake int) string {
	early := (wake - 10*60 + domain.MinutesPerDay) % domain.MinutesPerDay
	late := (wake - 8*60 + domain.MinutesPerDay) % domain.MinutesPerDay
	span := (wake - bed + domain.MinutesPerDay) % domain.MinutesPerDay
	line := fmt.Sprintf("For 8–10 h of sleep before your %s wake-up, be asleep between %s and %s.",
		domain.FormatClock(wake), domain.FormatClock(early), domain.FormatClock(late))
	switch {
	case span < 8*60:
		line += fmt.Sprintf(" Your bedtime of %s leaves only %s.", domain.FormatClock(bed), hoursText(span))
	case span <= 10*60:
		line += fmt.Sprintf(" Your bedtime of %s gives you %s.", domain.FormatClock(bed), hoursText(span))
	}
	return line
}

func hoursText(minutes int) string {
	if minutes%60 == 0 {
		return fmt.Sprintf("%d h", minutes/60)
	}
	return fmt.Sprintf("%d h %02d min", minutes/60, minutes%60)
}

// sleepReason words one reason to protect tonight's sleep.
func sleepReason(r domain.SleepReason, units string) string {
	switch r.Kind {
	case domain.SleepAfterShortNight:
		return fmt.Sprintf("you slept %s h last night", strings.TrimSuffix(fmt.Sprintf("%.1f", r.Hours), ".0"))
	case domain.SleepAfterLowReadiness:
		return "your readiness today is " + string(r.Verdict)
	case domain.SleepAfterLongRun:
		return fmt.Sprintf("you ran a long %s today", FormatDistanceShort(r.Run.Metres, units))
	case domain.SleepAfterHardRun:
		return fmt.Sprintf("today's %s was hard", runName(r.Run))
	}
	return string(r.Kind)
}

func runName(r domain.Run) string {
	if r.Type == "" || r.Type == "other" {
		return "run"
	}
	return r.Type + " session"
}
