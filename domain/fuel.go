package domain

import "math"

// Intensity is how hard a run is, as far as fuelling cares.
type Intensity string

// Intensities a runner can name.
const (
	IntensityEasy     = Intensity("easy")
	IntensityModerate = Intensity("moderate")
	IntensityHard     = Intensity("hard")
)

// MaxFuelMinutes is the longest run a fuel plan is made for.
const MaxFuelMinutes = 24 * 60

// ValidateFuel checks the inputs of a fuel plan: minutes of running and body mass.
func ValidateFuel(minutes, weightKG float64) error {
	if math.IsNaN(minutes) || minutes <= 0 || minutes > MaxFuelMinutes {
		return outOfRange(FieldMinutes, minutes, 0, MaxFuelMinutes)
	}
	if math.IsNaN(weightKG) || weightKG < MinWeightKG || weightKG > MaxWeightKG {
		return outOfRange(FieldWeight, weightKG, MinWeightKG, MaxWeightKG)
	}
	return nil
}

// Range is a low–high recommendation in the unit its field names.
type Range struct{ Lo, Hi float64 }

// Scale multiplies both ends by k, e.g. g/kg by body mass.
func (r Range) Scale(k float64) Range { return Range{r.Lo * k, r.Hi * k} }

// IsZero reports whether the range is empty (no recommendation).
func (r Range) IsZero() bool { return r.Lo == 0 && r.Hi == 0 }

// TrainingBand names a band of daily training volume the day's
// carbohydrate follows.
type TrainingBand string

// The bands of science.md, "Fuel".
const (
	BandLight       = TrainingBand("light")
	BandAboutAnHour = TrainingBand("about-an-hour")
	BandOneToThree  = TrainingBand("1-3-hours")
	BandOverFour    = TrainingBand("over-4-hours")
)

// DailyFuel is the day's carbohydrate, protein and fluid targets (ACSM/AND/DC
// 2016 joint position; the guide).
type DailyFuel struct {
	WeightKG float64
	// Band is the training load band the carbohydrate comes from.
	Band         TrainingBand
	CarbsPerKG   Range
	Carbs        Range
	ProteinPerKG Range
	Protein      Range
	// FluidOz is half the body weight in pounds, in fluid ounces (the guide); FluidML the same in ml.
	FluidOz, FluidML float64
	// Basis says which training the band follows (DailyFuelFrom), Minutes
	// the minutes a day it counted, and Training what was known.
	Basis    FuelBasis
	Minutes  float64
	Training DayTraining
}

// CarbBand returns the daily carbohydrate band in g/kg for minutes of
// training a day at intensity. science.md's bands leave 3–4 h a day open; we
// keep 6–10 g/kg until past 4 h.
func CarbBand(minutesPerDay float64, in Intensity) (TrainingBand, Range) {
	switch {
	case minutesPerDay < 45 || (in == IntensityEasy && minutesPerDay <= 60):
		return BandLight, Range{3, 5}
	case minutesPerDay <= 75:
		return BandAboutAnHour, Range{5, 7}
	case minutesPerDay <= 240:
		return BandOneToThree, Range{6, 10}
	default:
		return BandOverFour, Range{8, 12}
	}
}

// DailyFluidOz is the guide's daily fluid: half the body weight in pounds, in ounces.
func DailyFluidOz(weightKG float64) float64 { return weightKG / KGPerPound / 2 }

// DailyFuelFor computes the day's targets for body mass and training volume.
func DailyFuelFor(weightKG, minutesPerDay float64, in Intensity) DailyFuel {
	band, perKG := CarbBand(minutesPerDay, in)
	oz := DailyFluidOz(weightKG)
	return DailyFuel{
		WeightKG:     weightKG,
		Band:         band,
		CarbsPerKG:   perKG,
		Carbs:        perKG.Scale(weightKG),
		ProteinPerKG: Range{1.2, 2.0},
		Protein:      Range{1.2, 2.0}.Scale(weightKG),
		FluidOz:      oz,
		FluidML:      oz * MLPerFlOz,
	}
}

// RunFuel is the before / during / after plan for one run.
type RunFuel struct {
	Minutes   float64
	Intensity Intensity
	WeightKG  float64
	// PreCarbs is 1–4 g/kg 1–4 h before a run over 60 minutes (zero otherwise).
	PreCarbs Range
	// PreFluid2h is 475–590 ml 2–3 h before; PreFluid30 240–300 ml 30 min before.
	PreFluid2h, PreFluid30 Range
	// DuringCarbsPerHour is 30–60 g/h for runs over 60 minutes, up to 90 g/h
	// beyond 2.5 h (zero otherwise); DuringCarbs is the total for the run.
	DuringCarbsPerHour, DuringCarbs Range
	// DuringFluid is 120–240 ml every 15–20 minutes on runs over 60 minutes.
	DuringFluid Range
	// AfterProtein is the guide's 20–30 g within 30–60 minutes;
	// AfterProteinByMass is the 0.3 g/kg it approximates.
	AfterProtein       Range
	AfterProteinByMass float64
	// AfterCarbsPerHour is 1.0–1.2 g/kg/h for the first 4 h when the next
	// session is within 8 h.
	AfterCarbsPerHour Range
	// Sodium is true on long runs (over 90 minutes), when salt matters.
	Sodium bool
}

// RunFuelFor plans fuel and fluid around a run of minutes at intensity.
func RunFuelFor(minutes float64, in Intensity, weightKG float64) RunFuel {
	f := RunFuel{Minutes: minutes, Intensity: in, WeightKG: weightKG,
		PreFluid2h: Range{475, 590}, PreFluid30: Range{240, 300},
		AfterProtein:      Range{20, 30},
		AfterCarbsPerHour: Range{1.0, 1.2}.Scale(weightKG),
		Sodium:            minutes > 90,
	}
	f.AfterProteinByMass = 0.3 * weightKG
	if minutes > 60 {
		f.PreCarbs = Range{1, 4}.Scale(weightKG)
		f.DuringCarbsPerHour = Range{30, 60}
		if minutes > 150 {
			f.DuringCarbsPerHour = Range{30, 90}
		}
		f.DuringCarbs = f.DuringCarbsPerHour.Scale(minutes / 60)
		f.DuringFluid = Range{120, 240}
	}
	return f
}

// Rehydration is what to drink back after a run from a pre/post weigh-in.
type Rehydration struct {
	LostKG float64
	// LostPercent is the loss as a share of pre-run body mass, in percent.
	LostPercent float64
	// DrinkL is 150% of the loss (1 kg ≈ 1 L of sweat).
	DrinkL float64
	// OverTwoPercent is true when the loss passed ACSM's 2% of body mass.
	OverTwoPercent bool
}

// RehydrationFor computes the fluid to drink back from weights in kg before
// and after a run. No loss (or a gain) means nothing extra to drink back.
func RehydrationFor(preKG, postKG float64) Rehydration {
	r := Rehydration{LostKG: preKG - postKG}
	if r.LostKG <= 0 || preKG <= 0 {
		return Rehydration{LostKG: math.Max(0, r.LostKG)}
	}
	r.LostPercent = r.LostKG / preKG * 100
	r.DrinkL = 1.5 * r.LostKG
	r.OverTwoPercent = r.LostPercent > 2
	return r
}
