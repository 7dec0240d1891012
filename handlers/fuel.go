package handlers

import (
	"context"
	"fmt"
	"math"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/handlers/render"
)

// fuel answers /fuel [minutes intensity weight pre post]: a plan around a run,
// the day's targets and, with a weigh-in, what to drink back.
func (s *Service) fuel(ctx context.Context, r *request) (bot.Reply, error) {
	units := unitsOf(r.member)
	weight := r.member.WeightKG
	if w, ok := r.args.float("weight"); ok {
		weight = w
	}
	pre, hasPre := r.args.float("pre")
	post, hasPost := r.args.float("post")
	if hasPre != hasPost {
		return bot.Reply{}, invalid(render.FuelBothWeights)
	}
	if hasPre {
		if pre-post > 0.1*pre {
			return bot.Reply{}, invalid(render.FuelLossTooBig(pre, post, units))
		}
		if weight == 0 {
			weight = pre
		}
	}
	intensity := domain.IntensityModerate
	if v, ok := r.args.text("intensity"); ok {
		intensity = domain.Intensity(v)
	}
	// The plan speaks in whole minutes ("a 90-minute run").
	d, _ := r.args.duration("minutes")
	minutes := math.Round(d.Minutes())
	if weight == 0 {
		return bot.Reply{}, invalid(render.FuelNeedsWeight)
	}
	if err := domain.ValidateFuel(math.Max(1, minutes), weight); err != nil {
		return bot.Reply{}, err
	}
	var run *domain.RunFuel
	if minutes > 0 {
		plan := domain.RunFuelFor(minutes, intensity, weight)
		run = &plan
	}
	recent, err := s.recentRuns(ctx, r)
	if err != nil {
		return bot.Reply{}, err
	}
	training := domain.DayTrainingOf(recent, r.today(), minutes, intensity)
	var rh *domain.Rehydration
	if hasPre {
		x := domain.RehydrationFor(pre, post)
		rh = &x
	}
	return bot.Reply{Text: render.Fuel(units, run, domain.DailyFuelFrom(weight, training), rh)}, nil
}

// recentRuns are the member's runs of the 7 days ending today, which the
// day's carbohydrate band may follow; none for a stranger.
func (s *Service) recentRuns(ctx context.Context, r *request) ([]domain.Run, error) {
	if r.member.ID == 0 {
		return nil, nil
	}
	today := r.today()
	runs, err := s.Runs.Runs(ctx, r.member.ID, today.AddDays(-6), today)
	if err != nil {
		return nil, fmt.Errorf("load runs for fuel: %w", err)
	}
	return runs, nil
}
