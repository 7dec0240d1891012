package handlers

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

// acwrCaveat ends every weekly text: the thresholds are disputed.
const acwrCaveat = "Load-ratio thresholds are disputed (Impellizzeri 2020): these are prompts to look closer, not medical advice."

// week answers /week: the member's own summary of the last 7 days.
func (s *Service) week(ctx context.Context, r *request) (bot.Reply, error) {
	if err := registered(r); err != nil {
		return bot.Reply{}, err
	}
	if _, err := withPositional(r.cmd, nil, nil, "/week on its own"); err != nil {
		return bot.Reply{}, err
	}
	return s.WeekReply(ctx, r.member, r.today())
}

// WeekReply is the member's weekly summary for the 7 days ending end. /week
// and the weekly push send this same reply.
func (s *Service) WeekReply(ctx context.Context, m domain.Member, end domain.Date) (bot.Reply, error) {
	h, err := s.history(ctx, m.ID, end)
	if err != nil {
		return bot.Reply{}, err
	}
	return bot.Reply{Text: MemberWeekText(domain.WeeklySummary(m, h, end), m), Private: true}, nil
}

// summary answers /summary in a club's group: coaches only, and the reply goes
// to the coach privately because it names members and their values.
func (s *Service) summary(ctx context.Context, r *request) (bot.Reply, error) {
	club, err := s.requireCoach(ctx, r)
	if err != nil {
		return bot.Reply{}, err
	}
	if _, err := withPositional(r.cmd, nil, nil, "/summary on its own, in the club's group"); err != nil {
		return bot.Reply{}, err
	}
	end := domain.Member{TZ: club.TZ}.Today(r.now)
	return s.GroupWeekReply(ctx, club, end, orDefault(r.member.Units, domain.UnitsKM))
}

// GroupWeekReply is the coach's summary of club for the 7 days ending end,
// with distances in units. /summary and the weekly push send this same reply.
// Members who do not share are counted only: their history is not even loaded.
func (s *Service) GroupWeekReply(ctx context.Context, club domain.Club, end domain.Date, units string) (bot.Reply, error) {
	roster, err := s.Clubs.Roster(ctx, club.ID)
	if err != nil {
		return bot.Reply{}, fmt.Errorf("list members of club %d: %w", club.ID, err)
	}
	members := make([]domain.GroupMember, 0, len(roster))
	for _, e := range roster {
		m := e.Member
		gm := domain.GroupMember{Member: m}
		if m.ShareWithCoach {
			if gm.History, err = s.history(ctx, m.ID, end); err != nil {
				return bot.Reply{}, err
			}
		}
		members = append(members, gm)
	}
	g := domain.GroupSummary(members, end, units)
	return bot.Reply{Text: GroupWeekText(g, club.Title, units), Private: true,
		GroupNote: groupNote}, nil
}

// weekSpan says "Mon 16 Nov – Sun 22 Nov".
func weekSpan(from, to domain.Date) string {
	return from.Time(time.UTC).Format("Mon 2 Jan") + " – " + to.Time(time.UTC).Format("Mon 2 Jan")
}

// minWeekCheckIns is how many mornings a week must have before "no flags"
// means recovery looked fine.
const minWeekCheckIns = 3

// MemberWeekText is a member's weekly summary in plain words.
func MemberWeekText(w domain.MemberWeek, m domain.Member) string {
	units := orDefault(m.Units, domain.UnitsKM)
	var b strings.Builder
	fmt.Fprintf(&b, "Your week, %s:\n%s\n", weekSpan(w.From, w.To), w.Totals(units))
	t := w.Training
	if a := t.ACWR; !a.Building && a.Defined {
		fmt.Fprintf(&b, "Load ratio (ACWR, %s) %.2f, %s", a.Kind(), a.Ratio, a.Zone())
	} else {
		fmt.Fprintf(&b, "Load ratio: still building (%d of %d days)", min(t.Days, domain.ACWRDays), domain.ACWRDays)
	}
	if t.Monotony.Sum > 0 {
		fmt.Fprintf(&b, "; monotony %.2f, strain %.0f", t.Monotony.Monotony, t.Monotony.Strain)
	}
	b.WriteString(".\n")
	if sl := w.Sleep; sl.Nights > 0 {
		fmt.Fprintf(&b, "Sleep: %.1f h a night on average over %d %s.", sl.Mean7, sl.Nights, noun(sl.Nights, "night", "nights"))
		if h := w.HRV; h.Used && !h.Building {
			lo, hi := h.RangeMS()
			fmt.Fprintf(&b, " HRV: 7-day average %.0f ms, your normal range %.0f–%.0f ms.", h.Week7MS(), lo, hi)
		}
		b.WriteString("\n")
	}
	switch {
	case len(w.Flags) == 0 && w.CheckIns < minWeekCheckIns:
		// Silence about recovery is not a clean bill of health when there was
		// little to judge by.
		fmt.Fprintf(&b, "\nToo few check-ins this week to judge recovery (%d of 7; I need at least %d). A morning /checkin takes ten seconds.\n", w.CheckIns, minWeekCheckIns)
	case len(w.Flags) == 0:
		b.WriteString("\nNo flags this week: load and recovery look in balance.\n")
	default:
		fmt.Fprintf(&b, "\n%d %s:\n", len(w.Flags), noun(len(w.Flags), "flag", "flags"))
		for _, f := range w.Flags {
			fmt.Fprintf(&b, "• %s: %s (%s)\n", capitalise(string(f.Kind)), f.Evidence, f.Source)
		}
		fmt.Fprintf(&b, "Next week: %s\n", nextWeekAction(w, m))
	}
	b.WriteString(acwrCaveat)
	return b.String()
}

// nextWeekAction picks one thing for next week from the guide's pillars,
// following the kind of flag the week has most of (body before plan).
func nextWeekAction(w domain.MemberWeek, m domain.Member) string {
	under, burn, over := w.Count(domain.FlagUnderRecovery), w.Count(domain.FlagBurnout), w.Count(domain.FlagOverload)
	wake := m.WakeMinute
	if wake == 0 {
		wake = domain.DefaultWakeMinute
	}
	switch {
	case under > 0 && under >= burn && under >= over:
		return fmt.Sprintf("put sleep first: 8–10 hours a night, lights out by %s for your %s wake-up, and keep two days easy.",
			domain.FormatClock(domain.BedtimeFor(wake, 9)), domain.FormatClock(wake))
	case burn > 0 && burn >= over:
		return "talk to your coach or a friend about how training feels, and plan one day with no running and no plan."
	}
	return "make it lighter: hold or cut the distance by 20–30%, keep easy days truly easy, and add a rest day."
}

// GroupWeekText is the coach's group summary: sharing members worst first,
// the others only counted.
func GroupWeekText(g domain.GroupWeek, title, units string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s, week %s.\n", orDefault(title, "Your club"), weekSpan(g.From, g.To))
	sharing := g.Total - g.NotSharing
	fmt.Fprintf(&b, "%d %s: %d %s with coaches", g.Total, noun(g.Total, "member", "members"), sharing, noun(sharing, "shares", "share"))
	if g.NotSharing > 0 {
		fmt.Fprintf(&b, ", %d %s not (counted, not shown)", g.NotSharing, noun(g.NotSharing, "does", "do"))
	}
	b.WriteString(".\n")
	if sharing == 0 {
		b.WriteString("Nobody shares their data with coaches yet; members can turn it on with /settings share:on.\n")
		b.WriteString(acwrCaveat)
		return b.String()
	}
	fmt.Fprintf(&b, "Check-ins: %d of %d possible (%.0f%%). Running: %s in %d %s (%s).\n",
		g.CheckIns, g.PossibleCheckIns, g.CheckInRate()*100, domain.FormatDistance(g.Metres, units), g.Runs, noun(g.Runs, "run", "runs"), hoursMinutes(g.Minutes))
	if g.Flagged == 0 {
		b.WriteString("\nNo flags this week.\n")
	} else {
		fmt.Fprintf(&b, "\n%d of %d flagged, worst first:\n", g.Flagged, sharing)
	}
	var clear []string
	for _, w := range g.Members {
		if len(w.Flags) == 0 {
			clear = append(clear, orDefault(w.Name, "(no name)"))
			continue
		}
		fmt.Fprintf(&b, "\n%s: %s\n", orDefault(w.Name, "(no name)"), w.Totals(units))
		for _, f := range w.Flags {
			fmt.Fprintf(&b, "• %s: %s\n", capitalise(string(f.Kind)), f.Evidence)
		}
	}
	if len(clear) > 0 && g.Flagged > 0 {
		fmt.Fprintf(&b, "\nNo flags: %s.\n", strings.Join(clear, ", "))
	} else if len(clear) > 0 {
		fmt.Fprintf(&b, "Sharing: %s.\n", strings.Join(clear, ", "))
	}
	b.WriteString(acwrCaveat)
	return b.String()
}

func hoursMinutes(m float64) string {
	t := int(m + 0.5)
	return fmt.Sprintf("%d:%02d h", t/60, t%60)
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
