package render

import (
	"fmt"
	"math"
	"strings"

	"github.com/runclub/runclub/domain"
)

// fuelUsage is how /fuel is typed.
const fuelUsage = "/fuel minutes:90 intensity:moderate, or /fuel 90 hard; add weight:64kg, and pre:64kg post:63.2kg after a run"

// Fuel is the /fuel reply: the plan around a run when there is one (run may
// be nil), the day's targets and the training they follow, what to drink
// back after a weigh-in (rh may be nil), the guide's reminders and the sources.
func Fuel(units string, run *domain.RunFuel, day domain.DailyFuel, rh *domain.Rehydration) string {
	var b strings.Builder
	if run != nil {
		b.WriteString(runFuel(*run, units))
	} else {
		fmt.Fprintf(&b, "For a plan around a run, add its length: %s.\n", fuelUsage)
	}
	b.WriteString("\n" + dailyFuel(day, units))
	if rh != nil {
		b.WriteString("\n" + rehydration(*rh, units))
	}
	b.WriteString("\nRemember:\n")
	for _, m := range micronutrients {
		b.WriteString("• " + m + "\n")
	}
	b.WriteString("Sources: ACSM / Academy of Nutrition and Dietetics / Dietitians of Canada (2016); the club's recovery guide.")
	return b.String()
}

// micronutrients are the guide's reminders. They are advice, not a
// diagnosis; the last line sends the runner to a dietitian for specifics.
var micronutrients = []string{
	"Iron: red meat, poultry, beans, lentils, spinach; female runners are at higher risk of low iron, so get levels checked if you are always tired.",
	"Vitamin D: sunlight, fatty fish, eggs; many runners are low in winter.",
	"Calcium: dairy, leafy greens, fortified plant milks, tofu, for bones that take the pounding.",
	"Electrolytes: sodium, potassium and magnesium on long or hot runs (sports drink, salty snack, banana).",
	"This is general advice, not a diagnosis: see a registered dietitian for a plan of your own.",
}

// runFuel is the before / during / after plan in plain words.
func runFuel(f domain.RunFuel, units string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Fuel for a %d-minute %s run (%s):\n", int(f.Minutes), f.Intensity, FormatWeight(f.WeightKG, units))
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

// dailyFuel is the day's targets.
func dailyFuel(f domain.DailyFuel, units string) string {
	basis := bandName(f.Band) + ", " + fuelBasis(f)
	return fmt.Sprintf("Today: carbohydrate %s (%s g/kg, %s); protein %s (1.2–2.0 g/kg) spread over the day, with a protein snack such as yoghurt before bed; fluids about %s, more on hot days.\n",
		grams(f.Carbs), rangeText(f.CarbsPerKG, "%.0f"), basis, grams(f.Protein), FormatVolume(f.FluidML, units))
}

// fuelBasis says which training the day's band follows, and what it beat.
func fuelBasis(f domain.DailyFuel) string {
	t := f.Training
	planned := fmt.Sprintf("the planned %.0f-minute run", t.PlannedMinutes)
	switch {
	case f.Basis == domain.BasisNone:
		return "with no runs logged in the last 7 days"
	case f.Basis == domain.BasisWeek && t.PlannedMinutes > 0:
		return fmt.Sprintf("from your last 7 days: %s a day, more than %s", minutesWords(math.Round(f.Minutes)), planned)
	case f.Basis == domain.BasisWeek:
		return fmt.Sprintf("from your last 7 days: %s a day", minutesWords(math.Round(f.Minutes)))
	case t.LoggedMinutes > 0 && t.PlannedMinutes > 0:
		return fmt.Sprintf("from today's %s logged and %s", minutesWords(math.Round(t.LoggedMinutes)), planned)
	case t.LoggedMinutes > 0:
		return fmt.Sprintf("from today's %s of running", minutesWords(math.Round(t.LoggedMinutes)))
	}
	return "from " + planned
}

// bandNames name the bands of daily training.
var bandNames = map[domain.TrainingBand]string{
	domain.BandLight:       "light training",
	domain.BandAboutAnHour: "about an hour a day",
	domain.BandOneToThree:  "1–3 hours a day",
	domain.BandOverFour:    "more than 4 hours a day",
}

func bandName(b domain.TrainingBand) string { return bandNames[b] }

// rehydration says what to drink back after a weigh-in.
func rehydration(r domain.Rehydration, units string) string {
	if r.DrinkL == 0 {
		return "Weigh-in: no weight lost, so drink to thirst.\n"
	}
	s := fmt.Sprintf("Weigh-in: you lost %s (%.1f%% of your weight): drink %s back over the next few hours (150%% of the loss), with some salt.",
		FormatWeight(r.LostKG, units), r.LostPercent, FormatVolume(r.DrinkL*1000, units))
	if r.OverTwoPercent {
		s += " That is more than 2% of your weight: drink more during runs like this one."
	}
	return s + "\n"
}

// Fuel refusals: the weigh-in and the weight the amounts need.
const (
	FuelBothWeights = "Give both weights, before and after the run, e.g. pre:64kg post:63.2kg."
	FuelNeedsWeight = "I need your weight for the amounts: add weight:64kg (or weight:141lb), or save it once with /settings weight:64kg."
)

// FuelLossTooBig refuses a weigh-in that lost more than a run can.
func FuelLossTooBig(pre, post float64, units string) string {
	return fmt.Sprintf("%s before and %s after is a loss of more than 10%% of your weight in one run; please check the numbers.",
		FormatWeight(pre, units), FormatWeight(post, units))
}
