package render

import (
	"strings"
	"testing"

	"github.com/runclub/runclub/domain"
)

func TestVolumesAndWeightsInTheReadersUnitsFirst(t *testing.T) {
	ml := 70 / domain.KGPerPound / 2 * domain.MLPerFlOz
	for _, tc := range []struct{ got, want string }{
		{FormatVolume(ml, domain.UnitsKM), "2.3 L (77 oz)"},
		{FormatVolume(ml, domain.UnitsMI), "77 oz (2.3 L)"},
		{FormatVolume(236, domain.UnitsKM), "240 ml (8 oz)"},
		{FormatWeight(70, domain.UnitsKM), "70.0 kg (154 lb)"},
		{FormatWeight(70, domain.UnitsMI), "154 lb (70.0 kg)"},
		{FormatDistance(16093.44, domain.UnitsMI), "10.0 mi (16.1 km)"},
		{FormatDistanceShort(16093.44, domain.UnitsKM), "16.1 km"},
		{volumeRange(domain.Range{Lo: 475, Hi: 590}, domain.UnitsMI), "16–20 oz (475–590 ml)"},
		{grams(domain.Range{Lo: 20, Hi: 20}), "20 g"},
		{hoursMinutes(672), "11:12 h"},
		{durationWords(90 * 60e9), "1 h 30 min"},
		{durationWords(45*60e9 + 30e9), "45 min 30 s"},
		{durationWords(0), "0 min"},
	} {
		if tc.got != tc.want {
			t.Errorf("%q, want %q", tc.got, tc.want)
		}
	}
}

func TestFuelNamesItsBandAndEndsWithTheDietitian(t *testing.T) {
	run := domain.RunFuelFor(90, domain.IntensityModerate, 70)
	day := domain.DailyFuelFrom(70, domain.DayTraining{PlannedMinutes: 90, PlannedIntensity: domain.IntensityModerate})
	rh := domain.RehydrationFor(70, 68.8)
	text := Fuel(domain.UnitsKM, &run, day, &rh)
	for _, want := range []string{
		"Fuel for a 90-minute moderate run (70.0 kg (154 lb)):",
		"Today: carbohydrate 420–700 g (6–10 g/kg, 1–3 hours a day, from the planned 90-minute run); protein 84–140 g (1.2–2.0 g/kg)",
		"Weigh-in: you lost 1.2 kg (3 lb) (1.7% of your weight): drink 1.8 L (61 oz) back",
		"Iron", "female runners", "Vitamin D", "Calcium", "Electrolytes", "not a diagnosis", "registered dietitian",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("fuel lacks %q:\n%s", want, text)
		}
	}
	for band, want := range map[domain.TrainingBand]string{domain.BandLight: "light training", domain.BandAboutAnHour: "about an hour a day",
		domain.BandOneToThree: "1–3 hours a day", domain.BandOverFour: "more than 4 hours a day"} {
		if got := bandName(band); got != want {
			t.Errorf("%s: %q, want %q", band, got, want)
		}
	}
	week := domain.DailyFuelFrom(70, domain.DayTraining{WeekMinutes: 7 * 90})
	if text := Fuel(domain.UnitsKM, nil, week, nil); !strings.Contains(text, "For a plan around a run, add its length") || !strings.Contains(text, "from your last 7 days: 1 h 30 min a day)") {
		t.Errorf("without a run: %q", text)
	}
}

func TestFuelSaysWhichTrainingTheDayFollows(t *testing.T) {
	for _, tc := range []struct {
		t    domain.DayTraining
		want string
	}{
		{domain.DayTraining{}, "(3–5 g/kg, light training, with no runs logged in the last 7 days)"},
		{domain.DayTraining{PlannedMinutes: 45, PlannedIntensity: domain.IntensityEasy, WeekMinutes: 750},
			"(6–10 g/kg, 1–3 hours a day, from your last 7 days: 1 h 47 min a day, more than the planned 45-minute run)"},
		{domain.DayTraining{LoggedMinutes: 70, PlannedMinutes: 45, WeekMinutes: 300},
			"(6–10 g/kg, 1–3 hours a day, from today's 1 h 10 min logged and the planned 45-minute run)"},
		{domain.DayTraining{LoggedMinutes: 95, WeekMinutes: 300}, "(6–10 g/kg, 1–3 hours a day, from today's 1 h 35 min of running)"},
		{domain.DayTraining{PlannedMinutes: 40, PlannedIntensity: domain.IntensityEasy}, "(3–5 g/kg, light training, from the planned 40-minute run)"},
	} {
		if got := dailyFuel(domain.DailyFuelFrom(64, tc.t), domain.UnitsKM); !strings.Contains(got, tc.want) {
			t.Errorf("%+v:\n got %q\nwant %q", tc.t, got, tc.want)
		}
	}
}
