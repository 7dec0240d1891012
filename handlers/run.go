package handlers

import (
	"cmp"
	"context"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/handlers/render"
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
	return bot.Reply{Text: render.RunLogged(run, r.member.Units, r.today())}, nil
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

// unitsOf is the member's units: kilometres until they choose.
func unitsOf(m domain.Member) string { return cmp.Or(m.Units, domain.UnitsKM) }
