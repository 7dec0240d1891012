package render

import (
	"cmp"
	"fmt"
	"math"
	"strings"

	"github.com/runclub/runclub/domain"
)

// acwrCaveat ends every weekly text: the thresholds are disputed.
const acwrCaveat = "Load-ratio thresholds are disputed (Impellizzeri 2020): these are prompts to look closer, not medical advice."

// GroupWeekNote tells the group where the coach's summary went.
const GroupWeekNote = "I sent the group's week to you in a private chat."

// MemberWeek is a member's weekly summary in plain words, in their units.
func MemberWeek(w domain.MemberWeek, m domain.Member) string {
	units := cmp.Or(m.Units, domain.UnitsKM)
	var b strings.Builder
	fmt.Fprintf(&b, "Your week, %s:\n%s\n", weekSpan(w.From, w.To), totals(w, units))
	t := w.Training
	if a := t.ACWR; !a.Building && a.Defined {
		fmt.Fprintf(&b, "Load ratio (%s) %.2f, %s", ratioName(a.Coupled), a.Ratio, zoneName(domain.LoadZoneOf(a.Ratio)))
	} else {
		fmt.Fprintf(&b, "Load ratio: still building (%d of %d days)", min(t.Days, domain.ACWRDays), domain.ACWRDays)
	}
	if t.Monotony.Sum > 0 {
		fmt.Fprintf(&b, "; monotony %.2f, strain %.0f", t.Monotony.Monotony, t.Monotony.Strain)
	}
	b.WriteString(".\n")
	if sl := w.Sleep; sl.Nights > 0 {
		fmt.Fprintf(&b, "Sleep: %.1f h a night on average over %s.", sl.Mean7, count(sl.Nights, "night", "nights"))
		if h := w.HRV; h.Used && !h.Building {
			lo, hi := h.RangeMS()
			fmt.Fprintf(&b, " HRV: 7-day average %.0f ms, your normal range %.0f–%.0f ms.", h.Week7MS(), lo, hi)
		}
		b.WriteString("\n")
	}
	switch {
	case w.ShowsAway():
		fmt.Fprintf(&b, "\nYou were %s: no flags this week, and the days away don't count against your check-ins.\n", awayWeek(w))
	case !w.Judged():
		fmt.Fprintf(&b, "\nToo few check-ins this week to judge recovery (%d of 7; I need at least %d). A morning /checkin takes ten seconds.\n", w.CheckIns, domain.MinWeekCheckIns)
	case len(w.Flags) == 0:
		b.WriteString("\nNo flags this week: load and recovery look in balance.\n")
	default:
		fmt.Fprintf(&b, "\n%s:\n", count(len(w.Flags), "flag", "flags"))
		for _, f := range w.Flags {
			fmt.Fprintf(&b, "• %s: %s (%s)\n", flagKindName(f.Kind), evidence(f, units), source(f.Source))
		}
		fmt.Fprintf(&b, "Next week: %s\n", actionText(w.Next))
	}
	b.WriteString(acwrCaveat)
	return b.String()
}

// GroupWeek is the coach's group summary: sharing members worst first,
// the others only counted.
func GroupWeek(g domain.GroupWeek, title, units string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s, week %s.\n", cmp.Or(title, "Your club"), weekSpan(g.From, g.To))
	sharing := g.Total - g.NotSharing
	fmt.Fprintf(&b, "%s: %d %s with coaches", count(g.Total, "member", "members"), sharing, noun(sharing, "shares", "share"))
	if g.NotSharing > 0 {
		fmt.Fprintf(&b, ", %d %s not (counted, not shown)", g.NotSharing, noun(g.NotSharing, "does", "do"))
	}
	b.WriteString(".\n")
	if sharing == 0 {
		b.WriteString("Nobody shares their data with coaches yet; members can turn it on with /settings share:on.\n")
		b.WriteString(acwrCaveat)
		return b.String()
	}
	fmt.Fprintf(&b, "Check-ins: %d of %d possible (%.0f%%). Running: %s in %s (%s).\n",
		g.CheckIns, g.PossibleCheckIns, g.CheckInRate()*100, FormatDistance(g.Metres, units), count(g.Runs, "run", "runs"), hoursMinutes(g.Minutes))
	if g.Flagged == 0 {
		b.WriteString("\nNo flags this week.\n")
	} else {
		fmt.Fprintf(&b, "\n%d of %d flagged, worst first:\n", g.Flagged, sharing)
	}
	var clear, away []string
	for _, w := range g.Members {
		switch {
		case w.ShowsAway():
			away = append(away, cmp.Or(w.Name, "(no name)")+" ("+awayDetail(w)+")")
			continue
		case len(w.Flags) == 0:
			clear = append(clear, cmp.Or(w.Name, "(no name)"))
			continue
		}
		fmt.Fprintf(&b, "\n%s: %s\n", cmp.Or(w.Name, "(no name)"), totals(w, units))
		for _, f := range w.Flags {
			fmt.Fprintf(&b, "• %s: %s\n", flagKindName(f.Kind), evidenceOf(f, units, "their"))
		}
	}
	if len(clear) > 0 && g.Flagged > 0 {
		fmt.Fprintf(&b, "\nNo flags: %s.\n", strings.Join(clear, ", "))
	} else if len(clear) > 0 {
		fmt.Fprintf(&b, "Sharing: %s.\n", strings.Join(clear, ", "))
	}
	if len(away) > 0 {
		fmt.Fprintf(&b, "Away: %s.\n", strings.Join(away, "; "))
	}
	b.WriteString(acwrCaveat)
	return b.String()
}

// totals says the week's running against last week in the reader's units.
func totals(w domain.MemberWeek, units string) string {
	s := fmt.Sprintf("%s in %s (%s)", FormatDistance(w.Metres, units), count(w.Runs, "run", "runs"), hoursMinutes(w.Minutes))
	switch {
	case w.PrevMetres > 0:
		ch := (w.Metres - w.PrevMetres) / w.PrevMetres * 100
		switch {
		case math.Abs(ch) < 0.5:
			s += ", the same as last week"
		case ch > 0:
			s += fmt.Sprintf(", up %.0f%% on last week's %s", ch, FormatDistanceShort(w.PrevMetres, units))
		default:
			s += fmt.Sprintf(", down %.0f%% on last week's %s", -ch, FormatDistanceShort(w.PrevMetres, units))
		}
	case w.Metres > 0:
		s += ", no runs logged the week before"
	}
	if w.AwayDays > 0 {
		return s + fmt.Sprintf("; %d of %d check-ins (%s away).", min(w.CheckIns, w.PresentDays()), w.PresentDays(), count(w.AwayDays, "day", "days"))
	}
	return s + fmt.Sprintf("; %d of 7 check-ins.", w.CheckIns)
}

// flagKindNames name the kinds of weekly flag at the start of a bullet.
var flagKindNames = map[domain.FlagKind]string{
	domain.FlagOverload:      "Overload",
	domain.FlagUnderRecovery: "Under-recovery",
	domain.FlagBurnout:       "Burnout",
}

func flagKindName(k domain.FlagKind) string { return flagKindNames[k] }
