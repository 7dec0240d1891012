package handlers

import (
	"context"
	"fmt"
	"strings"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

// HistoryDays is how much history the science commands load. Every rule needs
// at most 67 days; the rest only seeds the EWMA, whose weight on a day 120 days
// back is under 0.02%. /readiness, /week, /summary and the weekly push all use
// the same window, so their numbers agree.
const HistoryDays = 120

// history loads the member's check-ins and runs of the HistoryDays up to d.
func (s *Service) history(ctx context.Context, memberID int64, d domain.Date) (domain.History, error) {
	from := d.AddDays(-(HistoryDays - 1))
	cis, err := s.CheckIns.CheckIns(ctx, memberID, from, d)
	if err != nil {
		return domain.History{}, fmt.Errorf("load check-ins of member %d: %w", memberID, err)
	}
	runs, err := s.Runs.Runs(ctx, memberID, from, d)
	if err != nil {
		return domain.History{}, fmt.Errorf("load runs of member %d: %w", memberID, err)
	}
	return domain.History{CheckIns: cis, Runs: runs}, nil
}

// Readiness computes the member's readiness for local date d from stored history.
func (s *Service) Readiness(ctx context.Context, m domain.Member, d domain.Date) (domain.Readiness, error) {
	h, err := s.history(ctx, m.ID, d)
	if err != nil {
		return domain.Readiness{}, err
	}
	return domain.ComputeReadiness(m, h, d), nil
}

// ReadinessLine is the one-line readiness that ends a morning check-in and
// that the scheduler can reuse (for example "yesterday was amber").
func (s *Service) ReadinessLine(ctx context.Context, m domain.Member, d domain.Date) (string, error) {
	rd, err := s.Readiness(ctx, m, d)
	if err != nil {
		return "", err
	}
	return rd.Summary(), nil
}

// readiness answers /readiness [date]: the verdict, why, and one thing to do.
func (s *Service) readiness(ctx context.Context, r *request) (bot.Reply, error) {
	today := r.today()
	rd, err := s.Readiness(ctx, r.member, r.date())
	if err != nil {
		return bot.Reply{}, err
	}
	return bot.Reply{Text: ReadinessText(rd, r.member.Units, today)}, nil
}

// ReadinessText is the full /readiness reply, short enough to read half awake:
// the verdict first, then what moved it, the action, and what is still missing.
func ReadinessText(rd domain.Readiness, units string, today domain.Date) string {
	var b strings.Builder
	when := dayLabel(rd.Date, today)
	if rd.Verdict == domain.VerdictUnknown {
		fmt.Fprintf(&b, "No verdict for %s yet.\n", when)
		if !rd.Markers.HasCheckIn {
			b.WriteString("I have no check-in for that day.\n")
		} else {
			b.WriteString("That check-in has nothing I can judge yet: I need sleep, fatigue or soreness, or a resting HR once your baseline is ready.\n")
		}
		b.WriteString(rd.Action.Text + "\n")
	} else {
		fmt.Fprintf(&b, "%s for %s: %s. (Score %d/100.)\n", rd.Verdict.Title(), when, rd.Verdict.Advice(), rd.Score)
		moved := rd.Moved()
		if len(moved) > 0 {
			b.WriteString("\nWhy:\n")
			for _, x := range moved {
				fmt.Fprintf(&b, "• %s (%s)\n", x.Text, x.Source)
			}
		}
		var fine, notes []string
		for _, x := range rd.Reasons {
			switch x.Level {
			case domain.LevelOK:
				fine = append(fine, x.Text)
			case domain.LevelInfo:
				notes = append(notes, x.Text)
			}
		}
		if len(notes) > 0 {
			b.WriteString("\nAlso worth knowing:\n")
			for _, n := range notes {
				fmt.Fprintf(&b, "• %s\n", n)
			}
		}
		if len(fine) > 0 {
			b.WriteString("\nIn your normal range:\n")
			for _, f := range fine {
				fmt.Fprintf(&b, "• %s\n", f)
			}
		}
		fmt.Fprintf(&b, "\nToday (%s): %s\n", rd.Action.Pillar, rd.Action.Text)
	}
	b.WriteString("\n" + loadLine(rd.Load, units) + "\n")
	if missing := missingLine(rd.Missing); missing != "" {
		b.WriteString(missing + "\n")
	}
	b.WriteString("These are prompts to look closer, not medical advice.")
	return b.String()
}

// loadLine says the week's distance and the load ratio in one line.
func loadLine(l domain.LoadStatus, units string) string {
	s := fmt.Sprintf("Last 7 days: %s", domain.FormatDistance(l.Distance.Metres, units))
	switch a := l.ACWR; {
	case !a.Building && a.Defined:
		s += fmt.Sprintf("; load ratio (ACWR, %s) %.2f, %s", a.Kind(), a.Ratio, a.Zone())
	case !a.Building:
		s += "; no load ratio: no rated runs in the 3 weeks before this one"
	}
	if l.Unrated > 0 {
		s += fmt.Sprintf("; %d %s without RPE not counted in load", l.Unrated, noun(l.Unrated, "run", "runs"))
	}
	return s + "."
}

// missingLine lists what the baselines still need, and how many more mornings or days.
func missingLine(ms []domain.Missing) string {
	var parts []string
	for _, m := range ms {
		if m.Need == 0 {
			continue
		}
		parts = append(parts, fmt.Sprintf("%s (%d more needed)", m, m.Remaining()))
	}
	if len(parts) == 0 {
		return ""
	}
	return "Still building: " + strings.Join(parts, "; ") + "."
}

// noun is the singular or plural of a word for n, without the number.
func noun(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
