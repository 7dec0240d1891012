package domain

import (
	"math"
	"testing"
	"time"
)

func TestDailyFluidsAreHalfTheBodyWeightInOunces(t *testing.T) {
	oz := DailyFluidOz(70)
	if math.Round(oz) != 77 {
		t.Errorf("70 kg → %.3f oz, want 77", oz)
	}
	near(t, "oz", oz, 77.162)
	f := DailyFuelFor(70, 60, IntensityModerate)
	near(t, "ml", f.FluidML, 70/KGPerPound/2*MLPerFlOz)
	near(t, "litres", math.Round(f.FluidML/100)/10, 2.3)
}

func TestRehydrationIs150PercentOfTheLoss(t *testing.T) {
	r := RehydrationFor(70, 68.8)
	near(t, "lost", r.LostKG, 1.2)
	near(t, "drink", r.DrinkL, 1.8)
	near(t, "percent", r.LostPercent, 1.714)
	if r.OverTwoPercent {
		t.Error("1.7% is under ACSM's 2%")
	}
	if r := RehydrationFor(70, 68.5); !r.OverTwoPercent {
		t.Errorf("1.5 kg of 70 is over 2%%: %+v", r)
	}
	for _, post := range []float64{70, 70.4} {
		if r := RehydrationFor(70, post); r.DrinkL != 0 || r.LostKG != 0 {
			t.Errorf("no loss at %v kg: %+v", post, r)
		}
	}
}

func TestCarbohydrateBandsFollowTrainingVolume(t *testing.T) {
	for _, tc := range []struct {
		minutes float64
		in      Intensity
		want    Range
	}{
		{30, IntensityHard, Range{3, 5}},
		{60, IntensityEasy, Range{3, 5}},
		{60, IntensityModerate, Range{5, 7}},
		{75, IntensityHard, Range{5, 7}},
		{120, IntensityModerate, Range{6, 10}},
		{240, IntensityModerate, Range{6, 10}},
		{300, IntensityEasy, Range{8, 12}},
	} {
		if _, got := CarbBand(tc.minutes, tc.in); got != tc.want {
			t.Errorf("%v min %s: %v, want %v", tc.minutes, tc.in, got, tc.want)
		}
	}
	f := DailyFuelFor(70, 120, IntensityModerate)
	if f.Carbs != (Range{420, 700}) || f.Band != BandOneToThree {
		t.Errorf("carbs %+v", f)
	}
	near(t, "protein lo", f.Protein.Lo, 84)
	near(t, "protein hi", f.Protein.Hi, 140)
}

func TestRunFuelPlanBeforeDuringAfter(t *testing.T) {
	short := RunFuelFor(45, IntensityEasy, 70)
	if !short.PreCarbs.IsZero() || !short.DuringCarbs.IsZero() || !short.DuringFluid.IsZero() || short.Sodium {
		t.Errorf("a 45-minute run needs nothing special before or during: %+v", short)
	}
	if short.PreFluid2h != (Range{475, 590}) || short.PreFluid30 != (Range{240, 300}) {
		t.Errorf("pre-run fluids always apply: %+v", short)
	}
	if short.AfterProtein != (Range{20, 30}) {
		t.Errorf("protein after %+v", short.AfterProtein)
	}
	near(t, "protein by mass", short.AfterProteinByMass, 21)
	near(t, "refuel lo", short.AfterCarbsPerHour.Lo, 70)
	near(t, "refuel hi", short.AfterCarbsPerHour.Hi, 84)

	mid := RunFuelFor(90, IntensityModerate, 70)
	if mid.PreCarbs != (Range{70, 280}) || mid.DuringCarbsPerHour != (Range{30, 60}) || mid.DuringCarbs != (Range{45, 90}) || mid.Sodium {
		t.Errorf("90 minutes: %+v", mid)
	}
	long := RunFuelFor(180, IntensityModerate, 70)
	if long.DuringCarbsPerHour != (Range{30, 90}) || long.DuringCarbs != (Range{90, 270}) || !long.Sodium || long.DuringFluid != (Range{120, 240}) {
		t.Errorf("3 hours: %+v", long)
	}
}

func TestValidateFuel(t *testing.T) {
	for _, tc := range []struct {
		minutes, kg float64
		ok          bool
	}{{60, 70, true}, {1440, 25, true}, {0, 70, false}, {-5, 70, false}, {1441, 70, false}, {60, 24.9, false}, {60, 251, false}, {math.NaN(), 70, false}, {60, math.NaN(), false}} {
		if err := ValidateFuel(tc.minutes, tc.kg); (err == nil) != tc.ok || (err != nil && ErrorCode(err) != EINVALID) {
			t.Errorf("%v min %v kg: %v", tc.minutes, tc.kg, err)
		}
	}
}

func TestTheDaysCarbohydrateFollowsTheTrainingThatSaysMore(t *testing.T) {
	today := day(20)
	// 84 miles last week at 7:30 a mile: 630 minutes, 90 a day.
	var highMileage []Run
	for d := 14; d <= 19; d++ {
		highMileage = append(highMileage, Run{Date: day(d), Metres: 14 * MetresPerMile, Duration: 105 * time.Minute, Type: "easy"})
	}
	for _, tc := range []struct {
		name    string
		runs    []Run
		planned float64
		in      Intensity
		basis   FuelBasis
		band    TrainingBand
		minutes float64
	}{
		{"an 84-mile week planning an easy 45 minutes eats for the week", highMileage, 45, IntensityEasy, BasisWeek, BandOneToThree, 90},
		{"a new member's easy 45 minutes is light", nil, 45, IntensityEasy, BasisToday, BandLight, 45},
		{"a long run today says more than an easy week",
			[]Run{{Date: today, Duration: 150 * time.Minute, Type: "long"}, {Date: day(17), Duration: 30 * time.Minute}}, 0, "", BasisToday, BandOneToThree, 150},
		{"a morning run and the planned evening run add up",
			[]Run{{Date: today, Duration: 40 * time.Minute, Type: "easy"}}, 40, IntensityModerate, BasisToday, BandOneToThree, 80},
		{"an easy hour logged today is light training", []Run{{Date: today, Duration: 60 * time.Minute, Type: "recovery"}}, 0, "", BasisToday, BandLight, 60},
		{"a day like the week's mean is the week's", []Run{{Date: today, Duration: 90 * time.Minute}, {Date: day(18), Duration: 540 * time.Minute}}, 0, "", BasisWeek, BandOneToThree, 90},
		{"runs before the 7 days and after today do not count",
			[]Run{{Date: day(13), Duration: 600 * time.Minute}, {Date: day(21), Duration: 600 * time.Minute}}, 0, "", BasisNone, BandLight, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := DailyFuelFrom(64, DayTrainingOf(tc.runs, today, tc.planned, tc.in))
			if f.Basis != tc.basis || f.Band != tc.band || math.Abs(f.Minutes-tc.minutes) > 1e-9 {
				t.Errorf("basis %s, band %s, %.1f min a day; want %s, %s, %.1f", f.Basis, f.Band, f.Minutes, tc.basis, tc.band, tc.minutes)
			}
			near(t, "carbs", f.Carbs.Lo, f.CarbsPerKG.Lo*64)
		})
	}
	tr := DayTrainingOf([]Run{{Date: today, Duration: time.Hour, Type: "easy"}, {Date: today, Duration: 30 * time.Minute, Type: "tempo"}, {Date: day(15), Duration: time.Hour}}, today, 0, "")
	if tr.LoggedMinutes != 90 || tr.WeekMinutes != 150 || tr.LoggedEasy {
		t.Errorf("%+v", tr)
	}
}
