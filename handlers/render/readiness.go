package render

import (
	"fmt"
	"strings"

	"github.com/runclub/runclub/domain"
)

// tense says whether a reply speaks of today or of a day gone by.
type tense struct{ past bool }

// pick is the words for the tense.
func (t tense) pick(now, past string) string {
	if t.past {
		return past
	}
	return now
}

// Readiness is the full /readiness reply, short enough to read half awake:
// the verdict first, then what moved it, the action, and what is still
// missing. A day before today is spoken of in the past, with no action: what
// to do is for today's verdict.
func Readiness(rd domain.Readiness, units string, today domain.Date) string {
	var b strings.Builder
	t := tense{past: rd.Date.Before(today)}
	when := dayLabel(rd.Date, today)
	if rd.Verdict == domain.VerdictUnknown {
		b.WriteString(noVerdict(rd, when, t))
	} else {
		b.WriteString(headline(rd, when, t) + "\n")
		moved := rd.Moved()
		if len(moved) > 0 {
			b.WriteString("\nWhy:\n")
			for _, x := range moved {
				fmt.Fprintf(&b, "• %s (%s)\n", reasonText(x, t), source(x.Source))
			}
		}
		var fine, notes []string
		for _, x := range rd.Reasons {
			switch x.Level {
			case domain.LevelOK:
				fine = append(fine, reasonText(x, t))
			case domain.LevelInfo:
				notes = append(notes, reasonText(x, t))
			}
		}
		bullets(&b, "\nAlso worth knowing:\n", notes)
		bullets(&b, "\nIn your normal range:\n", fine)
		switch {
		case t.past:
			b.WriteString("\nFor what to do now, send /readiness.\n")
		case rd.Action.Pillar == "":
			fmt.Fprintf(&b, "\nToday: %s\n", actionText(rd.Action))
		default:
			fmt.Fprintf(&b, "\nToday (%s): %s\n", pillarName(rd.Action.Pillar), actionText(rd.Action))
		}
	}
	b.WriteString("\n" + loadLine(rd, units, when, t) + "\n")
	if missing := missingLine(rd.Missing, t); missing != "" {
		b.WriteString(missing + "\n")
	}
	b.WriteString("These are prompts to look closer, not medical advice.")
	return b.String()
}

// noVerdict says there is nothing to judge the day by, and how to add it.
func noVerdict(rd domain.Readiness, when string, t tense) string {
	var b strings.Builder
	if t.past {
		fmt.Fprintf(&b, "No verdict for %s.\n", when)
	} else {
		fmt.Fprintf(&b, "No verdict for %s yet.\n", when)
	}
	if !rd.Markers.HasCheckIn {
		b.WriteString("I have no check-in for that day.\n")
	} else {
		b.WriteString(t.pick("That check-in has nothing I can judge yet", "That check-in has nothing I could judge") +
			": I need sleep, fatigue or soreness, or a resting HR.\n")
	}
	switch {
	case t.past && !rd.Markers.HasCheckIn:
		fmt.Fprintf(&b, "To add one: /checkin date:%s rhr:52 sleep:7.5 fatigue:3 soreness:2\n", rd.Date)
	case t.past:
		fmt.Fprintf(&b, "To add to it: /checkin date:%s sleep:7.5 fatigue:3 soreness:2\n", rd.Date)
	default:
		b.WriteString(actionText(rd.Action) + "\n")
	}
	return b.String()
}

// headline is the verdict of the day in one sentence.
func headline(rd domain.Readiness, when string, t tense) string {
	v := verdicts[rd.Verdict]
	switch {
	case rd.Verdict == domain.VerdictEarly && t.past:
		return fmt.Sprintf("%s was too early to judge: %s.", capitalise(when), baselineSoFar(rd))
	case rd.Verdict == domain.VerdictEarly:
		return fmt.Sprintf("Too early to judge %s: %s.", when, baselineSoFar(rd))
	case t.past:
		return fmt.Sprintf("%s was %s by your numbers (%s, score %d/100).", capitalise(when), v.past, strings.ToLower(v.title), rd.Score)
	}
	return fmt.Sprintf("%s for %s: %s. (Score %d/100.)", v.title, when, v.advice, rd.Score)
}

// baselineSoFar says how far the resting HR baseline has come.
func baselineSoFar(rd domain.Readiness) string {
	return fmt.Sprintf("resting HR baseline %d of %d mornings", rd.Markers.RHR.Mornings, domain.RHRMinMornings)
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

// ReadinessLine is the one-line readiness that closes a check-in and, of
// yesterday, starts a morning.
func ReadinessLine(rd domain.Readiness, today domain.Date) string {
	var b strings.Builder
	t := tense{past: rd.Date.Before(today)}
	v := verdicts[rd.Verdict]
	switch {
	case rd.Verdict == domain.VerdictUnknown && t.past:
		b.WriteString("No verdict: nothing that day I could judge.")
	case rd.Verdict == domain.VerdictUnknown && !rd.Markers.HasCheckIn:
		b.WriteString("No verdict yet: send today's check-in (/checkin).")
	case rd.Verdict == domain.VerdictUnknown:
		b.WriteString("No verdict yet: today's check-in has nothing I can judge yet.")
	case rd.Verdict == domain.VerdictEarly:
		fmt.Fprintf(&b, "Too early to judge: %s.", baselineSoFar(rd))
	case t.past:
		fmt.Fprintf(&b, "%s (%d/100): %s.", v.title, rd.Score, v.past)
	default:
		fmt.Fprintf(&b, "%s (%d/100): %s.", v.title, rd.Score, v.advice)
	}
	var shorts []string
	for _, x := range rd.Reasons {
		if s := reasonShort(x); x.Level >= domain.LevelCaution && s != "" {
			shorts = append(shorts, s)
		}
	}
	if len(shorts) > 0 {
		b.WriteString(" " + capitalise(strings.Join(shorts, ", ")) + ".")
	}
	for _, m := range rd.Missing {
		if m.Need > 0 && rd.Verdict != domain.VerdictEarly {
			fmt.Fprintf(&b, " Still building: %s.", missingText(m, t))
			break
		}
	}
	return b.String()
}

// verdicts name each verdict (capitalised, for the start of a line), say
// what it means for today's training, and what it meant for a day gone by.
var verdicts = map[domain.Verdict]struct{ title, advice, past string }{
	domain.VerdictGreen:   {"Green", "train as planned", "a day to train as planned"},
	domain.VerdictAmber:   {"Amber", "keep it easy today: cut the intensity or the distance", "a day to keep easy"},
	domain.VerdictRed:     {"Red", "rest today, or active recovery only", "a rest day"},
	domain.VerdictEarly:   {"Too early to judge", "too early to judge", "too early to judge"},
	domain.VerdictUnknown: {"No verdict", "no verdict yet", "no verdict"},
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
	case domain.ActionBuildBaseline:
		if a.Mornings == 0 {
			return "Check in tomorrow morning with your resting HR: from then your baseline is ready and I can judge the day."
		}
		return fmt.Sprintf("Check in every morning with your resting HR: %d more %s and your baseline is ready, and I can judge the day.", a.Mornings, noun(a.Mornings, "morning", "mornings"))
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
func missingText(m domain.Missing, t tense) string {
	what, unit := "", ""
	switch m.Kind {
	case domain.MissingCheckIn:
		return "today's check-in"
	case domain.MissingRHRBaseline:
		what, unit = "RHR baseline", "mornings"
	case domain.MissingHRVBaseline:
		what, unit = "HRV baseline", "readings"
	case domain.MissingHRVWeek:
		what, unit = t.pick("HRV in the last 7 days", "HRV in the 7 days to then"), "readings"
	case domain.MissingLoadRatio:
		what, unit = "training load ratio (ACWR)", "days"
	}
	return fmt.Sprintf("%s: %d of %d %s", what, m.Have, m.Need, unit)
}

// missingLine lists what the baselines still need, and (for today) how many
// more mornings or days.
func missingLine(ms []domain.Missing, t tense) string {
	var parts []string
	for _, m := range ms {
		switch {
		case m.Need == 0:
		case t.past:
			parts = append(parts, missingText(m, t))
		default:
			parts = append(parts, fmt.Sprintf("%s (%d more needed)", missingText(m, t), m.Remaining()))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return t.pick("Still building: ", "Still building on that day: ") + strings.Join(parts, "; ") + "."
}

// loadLine says the 7 days' distance, the runs in them without RPE, and the
// load ratio in one line.
func loadLine(rd domain.Readiness, units, when string, t tense) string {
	l := rd.Load
	s := t.pick("Last 7 days: ", "7 days to "+when+": ") + FormatDistance(l.Distance.Metres, units)
	if rd.Unrated7 > 0 {
		s += fmt.Sprintf(", %s in them without RPE (not counted in load)", count(rd.Unrated7, "run", "runs"))
	}
	switch a := l.ACWR; {
	case !a.Building && a.Defined:
		s += fmt.Sprintf("; load ratio (%s) %.2f, %s", ratioName(a.Coupled), a.Ratio, zoneName(domain.LoadZoneOf(a.Ratio)))
	case !a.Building:
		s += "; no load ratio: no rated runs in the 3 weeks before " + t.pick("this one", "those 7 days")
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
