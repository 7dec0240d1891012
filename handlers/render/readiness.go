package render

import (
	"fmt"
	"strings"

	"github.com/runclub/runclub/domain"
)

// Readiness is the full /readiness reply, short enough to read half awake:
// the verdict first, then what moved it, the action, and what is still missing.
func Readiness(rd domain.Readiness, units string, today domain.Date) string {
	var b strings.Builder
	when := dayLabel(rd.Date, today)
	if rd.Verdict == domain.VerdictUnknown {
		fmt.Fprintf(&b, "No verdict for %s yet.\n", when)
		if !rd.Markers.HasCheckIn {
			b.WriteString("I have no check-in for that day.\n")
		} else {
			b.WriteString("That check-in has nothing I can judge yet: I need sleep, fatigue or soreness, or a resting HR once your baseline is ready.\n")
		}
		b.WriteString(actionText(rd.Action) + "\n")
	} else {
		fmt.Fprintf(&b, "%s for %s: %s. (Score %d/100.)\n", verdictTitle(rd.Verdict), when, verdictAdvice(rd.Verdict), rd.Score)
		moved := rd.Moved()
		if len(moved) > 0 {
			b.WriteString("\nWhy:\n")
			for _, x := range moved {
				fmt.Fprintf(&b, "• %s (%s)\n", reasonText(x), source(x.Source))
			}
		}
		var fine, notes []string
		for _, x := range rd.Reasons {
			switch x.Level {
			case domain.LevelOK:
				fine = append(fine, reasonText(x))
			case domain.LevelInfo:
				notes = append(notes, reasonText(x))
			}
		}
		bullets(&b, "\nAlso worth knowing:\n", notes)
		bullets(&b, "\nIn your normal range:\n", fine)
		fmt.Fprintf(&b, "\nToday (%s): %s\n", pillarName(rd.Action.Pillar), actionText(rd.Action))
	}
	b.WriteString("\n" + loadLine(rd.Load, units) + "\n")
	if missing := missingLine(rd.Missing); missing != "" {
		b.WriteString(missing + "\n")
	}
	b.WriteString("These are prompts to look closer, not medical advice.")
	return b.String()
}

// bullets writes a heading and one bullet a line, or nothing for no lines.
func bullets(b *strings.Builder, heading string, lines []string) {
	if len(lines) == 0 {
		return
	}
	b.WriteString(heading)
	for _, l := range lines {
		fmt.Fprintf(b, "• %s\n", l)
	}
}

// ReadinessLine is the one-line readiness that closes a check-in and starts
// a morning.
func ReadinessLine(rd domain.Readiness, today domain.Date) string {
	var b strings.Builder
	if rd.Verdict == domain.VerdictUnknown {
		b.WriteString("No verdict yet: ")
		if !rd.Markers.HasCheckIn {
			b.WriteString("send today's check-in (/checkin).")
		} else {
			b.WriteString("today's check-in has nothing I can judge yet.")
		}
	} else {
		fmt.Fprintf(&b, "%s (%d/100): %s.", verdictTitle(rd.Verdict), rd.Score, verdictAdvice(rd.Verdict))
		var shorts []string
		for _, x := range rd.Reasons {
			if s := reasonShort(x); x.Level >= domain.LevelCaution && s != "" {
				shorts = append(shorts, s)
			}
		}
		if len(shorts) > 0 {
			b.WriteString(" " + capitalise(strings.Join(shorts, ", ")) + ".")
		}
	}
	for _, m := range rd.Missing {
		if m.Need > 0 {
			fmt.Fprintf(&b, " Still building: %s.", missingText(m))
			break
		}
	}
	return b.String()
}

// verdicts name each verdict (capitalised, for the start of a line) and say
// what it means for the day's training.
var verdicts = map[domain.Verdict]struct{ title, advice string }{
	domain.VerdictGreen:   {"Green", "train as planned"},
	domain.VerdictAmber:   {"Amber", "keep it easy today: cut the intensity or the distance"},
	domain.VerdictRed:     {"Red", "rest today, or active recovery only"},
	domain.VerdictUnknown: {"No verdict", "no verdict yet"},
}

func verdictTitle(v domain.Verdict) string  { return verdicts[v].title }
func verdictAdvice(v domain.Verdict) string { return verdicts[v].advice }

// pillarName names the guide's pillar an action comes from.
func pillarName(p domain.Pillar) string {
	if p == domain.PillarPhysical {
		return "physical recovery"
	}
	return string(p)
}

// actionText is the one thing to do.
func actionText(a domain.Action) string {
	switch a.Kind {
	case domain.ActionBedtime:
		return fmt.Sprintf("Tonight, lights out by %s: that gives you 9 hours before your %s wake-up. Screens off an hour before, room dark and cool.",
			domain.FormatClock(a.Bedtime), domain.FormatClock(a.Wake))
	case domain.ActionSleepFirst:
		return fmt.Sprintf("put sleep first: 8–10 hours a night, lights out by %s for your %s wake-up, and keep two days easy.",
			domain.FormatClock(a.Bedtime), domain.FormatClock(a.Wake))
	}
	if w, ok := actions[a.Kind]; ok {
		return w
	}
	return actions[domain.ActionRefuel]
}

// actions are the words of the actions that take no values.
var actions = map[domain.ActionKind]string{
	domain.ActionCheckIn:  "Send this morning's check-in, e.g. /checkin rhr:52 sleep:7.5 fatigue:3 soreness:2, and I will give you a verdict.",
	domain.ActionBreathe:  "Take 10 minutes today for slow belly breathing or a short meditation: stress slows recovery too.",
	domain.ActionRest:     "Rest, or keep to active recovery: a walk, an easy spin, gentle stretching and foam rolling.",
	domain.ActionEasySwap: "Swap any hard session for an easy 30–40 minutes or cross-training, then 10 minutes of foam rolling and stretching.",
	domain.ActionWarmUp:   "Warm up longer than usual, and give your legs 10 minutes of foam rolling and stretching afterwards.",
	domain.ActionRefuel:   "Train as planned, and within 30–60 minutes after, have carbohydrate and 20–30 g of protein.",
	domain.ActionTalk:     "talk to your coach or a friend about how training feels, and plan one day with no running and no plan.",
	domain.ActionLighter:  "make it lighter: hold or cut the distance by 20–30%, keep easy days truly easy, and add a rest day.",
}

// missingText says what a rule still needs, e.g. "RHR baseline: 3 of 5 mornings".
func missingText(m domain.Missing) string {
	what, unit := "", ""
	switch m.Kind {
	case domain.MissingCheckIn:
		return "today's check-in"
	case domain.MissingRHRBaseline:
		what, unit = "RHR baseline", "mornings"
	case domain.MissingHRVBaseline:
		what, unit = "HRV baseline", "readings"
	case domain.MissingHRVWeek:
		what, unit = "HRV in the last 7 days", "readings"
	case domain.MissingLoadRatio:
		what, unit = "training load ratio (ACWR)", "days"
	}
	return fmt.Sprintf("%s: %d of %d %s", what, m.Have, m.Need, unit)
}

// missingLine lists what the baselines still need, and how many more mornings or days.
func missingLine(ms []domain.Missing) string {
	var parts []string
	for _, m := range ms {
		if m.Need == 0 {
			continue
		}
		parts = append(parts, fmt.Sprintf("%s (%d more needed)", missingText(m), m.Remaining()))
	}
	if len(parts) == 0 {
		return ""
	}
	return "Still building: " + strings.Join(parts, "; ") + "."
}

// loadLine says the week's distance and the load ratio in one line.
func loadLine(l domain.LoadStatus, units string) string {
	s := fmt.Sprintf("Last 7 days: %s", FormatDistance(l.Distance.Metres, units))
	switch a := l.ACWR; {
	case !a.Building && a.Defined:
		s += fmt.Sprintf("; load ratio (%s) %.2f, %s", ratioName(a.Coupled), a.Ratio, zoneName(domain.LoadZoneOf(a.Ratio)))
	case !a.Building:
		s += "; no load ratio: no rated runs in the 3 weeks before this one"
	}
	if l.Unrated > 0 {
		s += fmt.Sprintf("; %d %s without RPE not counted in load", l.Unrated, noun(l.Unrated, "run", "runs"))
	}
	return s + "."
}

// ratioName says which load ratio a number is.
func ratioName(coupled bool) string { return "ACWR, " + coupling(coupled) }

// zoneNames name where a load ratio lies.
var zoneNames = map[domain.LoadZone]string{
	domain.ZoneDanger:       "danger zone",
	domain.ZoneAboveSweet:   "above the sweet spot",
	domain.ZoneSweetSpot:    "sweet spot",
	domain.ZoneUnderLoading: "under-loading",
}

func zoneName(z domain.LoadZone) string { return zoneNames[z] }
