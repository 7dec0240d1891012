package handlers

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

const fuelUsage = "/fuel minutes:90 intensity:moderate, or /fuel 90 hard; add weight:64kg, and pre:64kg post:63.2kg after a run"

// fuel answers /fuel [minutes intensity weight pre post]: a plan around a run,
// the day's targets and, with a weigh-in, what to drink back.
func (s *Service) fuel(ctx context.Context, r *request) (bot.Reply, error) {
	units := orDefault(r.member.Units, domain.UnitsKM)
	weight := r.member.WeightKG
	if w, ok := r.args.float("weight"); ok {
		weight = w
	}
	pre, hasPre := r.args.float("pre")
	post, hasPost := r.args.float("post")
	if hasPre != hasPost {
		return bot.Reply{}, invalid("Give both weights, before and after the run, e.g. pre:64kg post:63.2kg.")
	}
	if hasPre {
		if pre-post > 0.1*pre {
			return bot.Reply{}, invalid("%s before and %s after is a loss of more than 10%% of your weight in one run; please check the numbers.",
				domain.FormatWeight(pre, units), domain.FormatWeight(post, units))
		}
		if weight == 0 {
			weight = pre
		}
	}
	intensity := domain.IntensityModerate
	if v, ok := r.args.text("intensity"); ok {
		intensity = domain.Intensity(v)
	}
	minutes, _ := r.args.int("minutes")
	if weight == 0 {
		return bot.Reply{}, invalid("I need your weight for the amounts: add weight:64kg (or weight:141lb), or save it once with /settings weight:64kg.")
	}
	if err := domain.ValidateFuel(math.Max(1, float64(minutes)), weight); err != nil {
		return bot.Reply{}, err
	}
	var b strings.Builder
	dayMinutes := float64(minutes)
	if minutes > 0 {
		b.WriteString(RunFuelText(domain.RunFuelFor(float64(minutes), intensity, weight), units))
	} else {
		avg, err := s.recentMinutesPerDay(ctx, r)
		if err != nil {
			return bot.Reply{}, err
		}
		dayMinutes = avg
		fmt.Fprintf(&b, "For a plan around a run, add its length: %s.\n", fuelUsage)
	}
	b.WriteString("\n" + DailyFuelText(domain.DailyFuelFor(weight, dayMinutes, intensity), units, minutes == 0))
	if hasPre {
		b.WriteString("\n" + RehydrationText(domain.RehydrationFor(pre, post), units))
	}
	b.WriteString("\nRemember:\n")
	for _, m := range domain.Micronutrients() {
		b.WriteString("• " + m + "\n")
	}
	b.WriteString("Sources: ACSM / Academy of Nutrition and Dietetics / Dietitians of Canada (2016); the club's recovery guide.")
	return bot.Reply{Text: b.String()}, nil
}

// recentMinutesPerDay is the member's average running minutes a day over the
// last 7 days, the training volume the day's carbohydrate band follows.
func (s *Service) recentMinutesPerDay(ctx context.Context, r *request) (float64, error) {
	if r.member.ID == 0 {
		return 0, nil
	}
	today := r.today()
	runs, err := s.Runs.Runs(ctx, r.member.ID, today.AddDays(-6), today)
	if err != nil {
		return 0, fmt.Errorf("load runs for fuel: %w", err)
	}
	total := 0.0
	for _, run := range runs {
		total += run.Minutes()
	}
	return total / 7, nil
}

// RunFuelText is the before / during / after plan in plain words.
func RunFuelText(f domain.RunFuel, units string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Fuel for a %d-minute %s run (%s):\n", int(f.Minutes), f.Intensity, domain.FormatWeight(f.WeightKG, units))
	b.WriteString("Before: ")
	if !f.PreCarbs.IsZero() {
		fmt.Fprintf(&b, "%s carbohydrate 1–4 h before (1–4 g/kg). ", grams(f.PreCarbs))
	} else {
		b.WriteString("a normal meal is enough for a run this short. ")
	}
	fmt.Fprintf(&b, "Drink %s 2–3 h before and %s 30 min before.\n", volumeRange(f.PreFluid2h, units), volumeRange(f.PreFluid30, units))
	if !f.DuringCarbsPerHour.IsZero() {
		fmt.Fprintf(&b, "During: %s carbohydrate an hour (%s in all), and %s every 15–20 minutes.",
			grams(f.DuringCarbsPerHour), grams(f.DuringCarbs), volumeRange(f.DuringFluid, units))
		if f.Sodium {
			b.WriteString(" Take some salt too (sports drink or salt tabs) on a run this long.")
		}
		b.WriteString("\n")
	} else {
		b.WriteString("During: water to thirst is enough up to an hour.\n")
	}
	fmt.Fprintf(&b, "After: within 30–60 minutes, carbohydrate and %s protein (about %.0f g for you). Training again within 8 h? Then %s carbohydrate an hour for the first 4 hours.\n",
		grams(f.AfterProtein), f.AfterProteinByMass, grams(f.AfterCarbsPerHour))
	return b.String()
}

// DailyFuelText is the day's targets.
func DailyFuelText(f domain.DailyFuel, units string, fromHistory bool) string {
	basis := f.Band
	if fromHistory {
		basis += ", from your last 7 days"
	}
	return fmt.Sprintf("Today: carbohydrate %s (%s g/kg, %s); protein %s (1.2–2.0 g/kg) spread over the day, with a protein snack such as yoghurt before bed; fluids about %s, more on hot days.\n",
		grams(f.Carbs), rangeText(f.CarbsPerKG, "%.0f"), basis, grams(f.Protein), domain.FormatVolume(f.FluidML, units))
}

// RehydrationText says what to drink back after a weigh-in.
func RehydrationText(r domain.Rehydration, units string) string {
	if r.DrinkL == 0 {
		return "Weigh-in: no weight lost, so drink to thirst.\n"
	}
	s := fmt.Sprintf("Weigh-in: you lost %s (%.1f%% of your weight): drink %s back over the next few hours (150%% of the loss), with some salt.",
		domain.FormatWeight(r.LostKG, units), r.LostPercent, domain.FormatVolume(r.DrinkL*1000, units))
	if r.OverTwoPercent {
		s += " That is more than 2% of your weight: drink more during runs like this one."
	}
	return s + "\n"
}

func grams(r domain.Range) string { return rangeText(r, "%.0f") + " g" }

func rangeText(r domain.Range, format string) string {
	lo, hi := fmt.Sprintf(format, r.Lo), fmt.Sprintf(format, r.Hi)
	if lo == hi {
		return lo
	}
	return lo + "–" + hi
}

// volumeRange shows a millilitre range in the member's units first, the other after.
func volumeRange(r domain.Range, units string) string {
	ml := rangeText(r, "%.0f") + " ml"
	oz := rangeText(domain.Range{Lo: r.Lo / domain.MLPerFlOz, Hi: r.Hi / domain.MLPerFlOz}, "%.0f") + " oz"
	if units == domain.UnitsMI {
		return oz + " (" + ml + ")"
	}
	return ml + " (" + oz + ")"
}
