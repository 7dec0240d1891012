package handlers_test

import (
	"strings"
	"testing"

	"github.com/runclub/runclub/domain"
)

func TestFuelPlanForARun(t *testing.T) {
	e := newEnv(t)
	r := e.say("/fuel 90 moderate weight:70kg")
	if !r.Private {
		t.Error("fuel uses body weight: private")
	}
	wantContains(t, r.Text,
		"Fuel for a 90-minute moderate run (70.0 kg (154 lb)):",
		"Before: 70–280 g carbohydrate 1–4 h before (1–4 g/kg). Drink 475–590 ml (16–20 oz) 2–3 h before and 240–300 ml (8–10 oz) 30 min before.",
		"During: 30–60 g carbohydrate an hour (45–90 g in all), and 120–240 ml (4–8 oz) every 15–20 minutes.",
		"After: within 30–60 minutes, carbohydrate and 20–30 g protein (about 21 g for you). Training again within 8 h? Then 70–84 g carbohydrate an hour",
		"Today: carbohydrate 420–700 g (6–10 g/kg, 1–3 hours a day, from the planned 90-minute run); protein 84–140 g (1.2–2.0 g/kg)",
		"fluids about 2.3 L (77 oz)",
		"Iron:", "Vitamin D:", "Calcium:", "Electrolytes:", "registered dietitian",
		"Sources: ACSM")
}

// A run's length is read as /run reads it: "90m" or "1:30" is the 90-minute
// run it says, not "Minutes must be a whole number".
func TestFuelTakesTheRunLengthAsRunDoes(t *testing.T) {
	for _, text := range []string{"/fuel 90 weight:70kg", "/fuel 90m weight:70kg", "/fuel 1h30m hard weight:70kg",
		"/fuel 1:30 weight:70kg", "/fuel 90 min weight:70kg", "/fuel minutes:90min weight:70kg"} {
		t.Run(text, func(t *testing.T) {
			wantContains(t, newEnv(t).say(text).Text, "Fuel for a 90-minute")
		})
	}
}

func TestFuelShortRunAndLongRun(t *testing.T) {
	e := newEnv(t)
	wantContains(t, e.say("/fuel minutes:40 intensity:easy weight:60kg").Text,
		"a normal meal is enough", "water to thirst", "3–5 g/kg, light training")
	wantContains(t, e.say("/fuel 180 long weight:60kg").Text,
		"30–90 g carbohydrate an hour (90–270 g in all)", "Take some salt too")
}

func TestFuelInMilesUsesTheSavedWeight(t *testing.T) {
	e := newEnv(t)
	e.say("/start")
	e.say("/settings units:mi weight:154lb")
	wantContains(t, e.say("/fuel 90").Text,
		"(154 lb (69.9 kg))", "16–20 oz (475–590 ml)", "fluids about 77 oz (2.3 L)")
}

func TestFuelFromAWeighIn(t *testing.T) {
	e := newEnv(t)
	wantContains(t, e.say("/fuel 60 easy weight:70kg pre:70kg post:68.8kg").Text,
		"Weigh-in: you lost 1.2 kg (3 lb) (1.7% of your weight): drink 1.8 L (61 oz) back over the next few hours (150% of the loss)")
	wantContains(t, e.say("/fuel 150 hard pre:70kg post:68.5kg").Text,
		"(70.0 kg (154 lb))", "drink 2.2 L (76 oz) back", "more than 2% of your weight")
	wantContains(t, e.say("/fuel 60 pre:70kg post:70.3kg").Text, "no weight lost, so drink to thirst")
}

func TestFuelWithoutMinutesGivesTheDaysTargetsFromRecentRuns(t *testing.T) {
	e := newEnv(t)
	e.say("/start")
	seedRuns(t, e, e.member().ID, 6, 0, 16000, 90, 5)
	r := e.say("/fuel weight:70kg")
	wantContains(t, r.Text, "For a plan around a run, add its length",
		"Today: carbohydrate 420–700 g (6–10 g/kg, 1–3 hours a day, from your last 7 days: 1 h 30 min a day)")
	if e.member().WeightKG != 0 {
		t.Error("a weight given to /fuel is not saved as a setting")
	}
}

func TestFuelBadInputSaysWhatIsValid(t *testing.T) {
	e := newEnv(t)
	e.say("/start")
	for _, tc := range []struct{ text, want string }{
		{"/fuel 90", "I need your weight"},
		{"/fuel 90 ultra weight:70kg", "easy, moderate or hard"},
		{"/fuel 0 weight:70kg", `from 1 minute to 24 hours; "0" is outside that`},
		{"/fuel 25h weight:70kg", `from 1 minute to 24 hours; "25h" is outside that`},
		{"/fuel minutes:abc weight:70kg", `"abc" is not a duration I understand`},
		{"/fuel minutes:abc", `"abc" is not a duration I understand`}, // what was typed wrong comes before what is missing
		{"/fuel 90 hard extra weight:70kg", `I don't understand "extra"`},
		{"/fuel 90 pre:70kg", "Give both weights"},
		{"/fuel 90 weight:70kg pre:70kg post:55kg", "more than 10%"},
		{"/fuel 90 weight:5kg", "between 25 and 250 kg"},
		{"/fuel 90 pace:fast weight:70kg", "Valid keys here are: minutes, intensity, weight, pre, post"},
	} {
		t.Run(tc.text, func(t *testing.T) {
			wantContains(t, e.say(tc.text).Text, tc.want)
		})
	}
}

// Issue 10: a 45-minute easy run planned by a runner who ran 84 miles last
// week must not get "light training, 3–5 g/kg".
func TestFuelFollowsTheTrainingActuallyDone(t *testing.T) {
	e := newEnv(t)
	e.say("/start")
	e.say("/settings units:mi weight:141lb")
	seedRuns(t, e, e.member().ID, 6, 1, 14*domain.MetresPerMile, 105, 4) // 84 miles in the last 7 days, 90 minutes a day
	r := e.say("/fuel 45 easy")
	wantContains(t, r.Text, "Fuel for a 45-minute easy run",
		"(6–10 g/kg, 1–3 hours a day, from your last 7 days: 1 h 30 min a day, more than the planned 45-minute run)")
	if strings.Contains(r.Text, "light training") || strings.Contains(r.Text, "3–5 g/kg") {
		t.Errorf("an 84-mile week is not light training:\n%s", r.Text)
	}
	e.say("/run 26.2mi 3:35:00 rpe:6 type:long")
	wantContains(t, e.say("/fuel 30 easy").Text, "(8–12 g/kg, more than 4 hours a day, from today's 3 h 35 min logged and the planned 30-minute run)")
	stranger := newEnv(t)
	wantContains(t, stranger.say("/fuel 45 easy weight:64kg").Text, "(3–5 g/kg, light training, from the planned 45-minute run)")
	wantContains(t, stranger.say("/fuel weight:64kg").Text, "(3–5 g/kg, light training, with no runs logged in the last 7 days)")
}
