package handlers

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

// logRun records one run: /run 10mi 82m rpe:6 type:easy date:today.
func (s *Service) logRun(ctx context.Context, r *request) (bot.Reply, error) {
	run, err := runFromArgs(r.args, r.date())
	if err != nil {
		return bot.Reply{}, err
	}
	run.MemberID, run.CreatedAt = r.member.ID, r.now
	if err := run.Validate(); err != nil {
		return bot.Reply{}, err
	}
	if err := s.Runs.CreateRun(ctx, &run); err != nil {
		return bot.Reply{}, err
	}
	kind := "a run"
	if run.Type != "" {
		kind = article(run.Type) + " " + run.Type + " run"
	}
	text := fmt.Sprintf("Logged %s for %s: %s in %s", kind, dayLabel(run.Date, r.today()),
		domain.FormatDistance(run.Metres, r.member.Units), formatDuration(run.Duration))
	if run.RPE > 0 {
		text += fmt.Sprintf(" at RPE %d (load %d).", run.RPE, run.RPE*int(run.Duration.Minutes()+0.5))
	} else {
		text += ". Add rpe:1-10 next time (how hard the whole session felt) so I can track your training load."
	}
	return bot.Reply{Text: text}, nil
}

// runFromArgs builds a run on date from checked arguments.
func runFromArgs(a args, date domain.Date) (domain.Run, error) {
	run := domain.Run{Date: date}
	run.Metres, _ = a.float("distance")
	run.Duration, _ = a.duration("duration")
	run.RPE, _ = a.int("rpe")
	run.Type, _ = a.text("type")
	return run, nil
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// formatDuration shows 1:22:00 or 45:30.
func formatDuration(d time.Duration) string {
	sec := int(d.Round(time.Second).Seconds())
	if sec >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", sec/3600, sec/60%60, sec%60)
	}
	return fmt.Sprintf("%d:%02d", sec/60, sec%60)
}

// article is "an" before a vowel sound, else "a".
func article(word string) string {
	if strings.IndexByte("aeiou", word[0]) >= 0 {
		return "an"
	}
	return "a"
}

// plural is n with the noun in singular or plural.
func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
