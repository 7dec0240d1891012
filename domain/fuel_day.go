package domain

// FuelBasis says which training the day's carbohydrate band follows.
type FuelBasis string

// The training a day's fuel can follow.
const (
	BasisNone  = FuelBasis("none")  // no run logged in the last 7 days, and none planned
	BasisToday = FuelBasis("today") // the day's own: the runs logged today and the planned run
	BasisWeek  = FuelBasis("week")  // the mean day of the last 7 days' running
)

// DayTraining is what is known of a member's running for the day's fuel.
type DayTraining struct {
	// LoggedMinutes are today's logged runs; PlannedMinutes the run the
	// member asks about (0 for none), at PlannedIntensity.
	LoggedMinutes, PlannedMinutes float64
	PlannedIntensity              Intensity
	// LoggedEasy is true when every run logged today was easy or recovery.
	LoggedEasy bool
	// WeekMinutes are all the runs of the 7 days ending today, today's included.
	WeekMinutes float64
}

// DayTrainingOf gathers the day's training from the runs of the 7 days
// ending today and the planned run (minutes 0 for none).
func DayTrainingOf(runs []Run, today Date, planned float64, in Intensity) DayTraining {
	t := DayTraining{PlannedMinutes: planned, PlannedIntensity: in, LoggedEasy: true}
	for _, r := range runs {
		switch ago := today.DaysSince(r.Date); {
		case ago == 0:
			t.LoggedMinutes += r.Minutes()
			t.LoggedEasy = t.LoggedEasy && (r.Type == "easy" || r.Type == "recovery")
			fallthrough
		case ago > 0 && ago < 7:
			t.WeekMinutes += r.Minutes()
		}
	}
	return t
}

// todayIntensity is how hard the day's own training is: the planned run's
// intensity, else easy when every run logged was easy, else moderate.
func (t DayTraining) todayIntensity() Intensity {
	switch {
	case t.PlannedMinutes > 0 && t.PlannedIntensity != "":
		return t.PlannedIntensity
	case t.PlannedMinutes == 0 && t.LoggedMinutes > 0 && t.LoggedEasy:
		return IntensityEasy
	}
	return IntensityModerate
}

// DailyFuelFrom computes the day's targets for body mass from whichever
// training says more: the day's own (logged and planned) or the mean day of
// the last 7, by band and, in the same band, by minutes. A runner of 84 miles
// a week planning an easy 45 minutes still eats for their week. On a tie the
// week is used, being the steadier of the two; with no run in either the
// band is light.
func DailyFuelFrom(weightKG float64, t DayTraining) DailyFuel {
	todayMinutes := t.LoggedMinutes + t.PlannedMinutes
	today := DailyFuelFor(weightKG, todayMinutes, t.todayIntensity())
	today.Basis, today.Minutes, today.Training = BasisToday, todayMinutes, t
	if t.WeekMinutes == 0 {
		if todayMinutes == 0 {
			today.Basis = BasisNone
		}
		return today
	}
	week := DailyFuelFor(weightKG, t.WeekMinutes/7, IntensityModerate)
	week.Basis, week.Minutes, week.Training = BasisWeek, t.WeekMinutes/7, t
	if hi, wk := today.CarbsPerKG.Hi, week.CarbsPerKG.Hi; hi > wk || (hi == wk && todayMinutes > week.Minutes) {
		return today
	}
	return week
}
