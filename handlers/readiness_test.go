package handlers_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

// seedMornings stores check-ins for the member on the days ago..1 before the
// env's today (2026-11-20), the same values each morning.
func seedMornings(t *testing.T, e *env, memberID int64, days int, c domain.CheckIn) {
	t.Helper()
	today := domain.DateOf(e.now)
	for ago := days; ago >= 1; ago-- {
		c.MemberID, c.Date = memberID, today.AddDays(-ago)
		if _, err := e.db.UpsertCheckIn(context.Background(), c); err != nil {
			t.Fatal(err)
		}
	}
}

// seedRuns stores one run a day on the days from..to ago (inclusive, from > to).
func seedRuns(t *testing.T, e *env, memberID int64, from, to int, metres float64, minutes, rpe int) {
	t.Helper()
	today := domain.DateOf(e.now)
	for ago := from; ago >= to; ago-- {
		r := domain.Run{MemberID: memberID, Date: today.AddDays(-ago), Metres: metres, Duration: time.Duration(minutes) * time.Minute, RPE: rpe, Type: "easy"}
		if err := e.db.CreateRun(context.Background(), &r); err != nil {
			t.Fatal(err)
		}
	}
}

func TestReadinessWithNoHistorySaysWhatIsMissing(t *testing.T) {
	e := newEnv(t)
	wantContains(t, e.say("/readiness").Text, "Send /start")
	e.say("/start")
	r := e.say("/readiness")
	if !r.Private {
		t.Error("readiness is health data: private")
	}
	wantContains(t, r.Text, "No verdict for today yet.", "I have no check-in for that day.", "/checkin rhr:52",
		"Still building: RHR baseline: 0 of 5 mornings (5 more needed); training load ratio (ACWR): 0 of 28 days (28 more needed).",
		"not medical advice")
}

func TestCheckInEndsWithTheOneLineReadiness(t *testing.T) {
	e := newEnv(t)
	e.say("/start")
	seedMornings(t, e, e.member().ID, 3, domain.CheckIn{RHR: domain.Ptr(50), SleepHours: domain.Ptr(8.5)})
	r := e.say("/checkin rhr:52 sleep:6")
	wantContains(t, r.Text, "Saved your check-in for today",
		"Readiness: Amber (69/100): keep it easy today: cut the intensity or the distance. Slept 6 h. Still building: RHR baseline: 3 of 5 mornings.",
		"Send /readiness for the reasons.")
	if r := e.say("/checkin date:yesterday fatigue:4"); strings.Contains(r.Text, "Readiness:") {
		t.Errorf("an amended past day does not end with today's readiness: %q", r.Text)
	}
}

func TestReadinessExplainsTheVerdictAgainstTheRunnersBaseline(t *testing.T) {
	e := newEnv(t)
	e.say("/start")
	seedMornings(t, e, e.member().ID, 30, domain.CheckIn{RHR: domain.Ptr(50), SleepHours: domain.Ptr(8.5), Fatigue: domain.Ptr(3)})
	e.say("/checkin rhr:61 sleep:8.5 fatigue:3")
	r := e.say("/readiness")
	wantContains(t, r.Text,
		"Amber for today: keep it easy today: cut the intensity or the distance. (Score 69/100.)",
		"Why:\n• Resting HR 61 bpm, +11 against your baseline of 50 (last 28 mornings).",
		"(recovery guide; Polar; Dressendorfer)",
		"In your normal range:\n• Slept 8.5 h last night",
		"Fatigue 3/10 (your usual 3).",
		"Today (physical recovery): Swap any hard session for an easy 30–40 minutes",
		"Last 7 days: 0.0 km (0.0 mi); no load ratio: no rated runs in the 3 weeks before this one.")
	if strings.Contains(r.Text, "RHR baseline:") {
		t.Errorf("the RHR baseline is ready: %q", r.Text)
	}
}

func TestReadinessForAnEarlierDateAndInMiles(t *testing.T) {
	e := newEnv(t)
	e.say("/start")
	e.say("/settings units:mi")
	id := e.member().ID
	seedMornings(t, e, id, 30, domain.CheckIn{RHR: domain.Ptr(50), SleepHours: domain.Ptr(8.5)})
	seedRuns(t, e, id, 35, 1, 8046.72, 45, 4)
	for _, text := range []string{"/readiness yesterday", "/readiness date:2026-11-19", "/readiness 2026-11-19"} {
		r := e.say(text)
		wantContains(t, r.Text, "Yesterday was a day to train as planned by your numbers (green, score 100/100).",
			"Slept 8.5 h the night before",
			"7 days to yesterday: 35.0 mi (56.3 km); load ratio (ACWR, uncoupled) 1.00, sweet spot.",
			"For what to do now, send /readiness.")
		for _, now := range []string{"today", "Today", "this morning", "Tonight", "last night"} {
			if strings.Contains(r.Text, now) {
				t.Errorf("%s says %q:\n%s", text, now, r.Text)
			}
		}
	}
	wantContains(t, e.say("/readiness 2026-11-10").Text, "Tue 10 Nov 2026 was a day to train as planned by your numbers")
}

func TestReadinessBadInputSaysWhatIsValid(t *testing.T) {
	e := newEnv(t)
	e.say("/start")
	for _, tc := range []struct{ text, want string }{
		{"/readiness tomorrow", "tomorrow has not happened yet"},
		{"/readiness date:2026-13-01", "YYYY-MM-DD"},
		{"/readiness date:2024-01-01", "more than 365 days ago"},
		{"/readiness when:today", "Valid keys here are: date"},
		{"/readiness today please", `I don't understand "please"`},
	} {
		wantContains(t, e.say(tc.text).Text, tc.want)
	}
}

func TestReadinessInAGroupIsPrivate(t *testing.T) {
	e := newEnv(t)
	e.sayAs(bot.Command{UserID: "7", UserName: "Ann", ChatID: "7", Private: true, Text: "/start"})
	r := e.sayAs(bot.Command{UserID: "7", UserName: "Ann", ChatID: "-100", Text: "/readiness"})
	if !r.Private || !strings.Contains(r.Text, "No verdict") {
		t.Errorf("reply %+v", r)
	}
}

func TestReadinessUsesTheMembersLocalDate(t *testing.T) {
	e := newEnv(t)
	e.now = time.Date(2026, 11, 20, 12, 30, 0, 0, time.UTC) // already the 21st in Auckland
	e.say("/start")
	e.say("/settings tz:Pacific/Auckland")
	e.say("/checkin sleep:6")
	if got := e.checkIns(); len(got) != 1 || got[0].Date != (domain.Date{Year: 2026, Month: 11, Day: 21}) {
		t.Fatalf("check-ins %+v", got)
	}
	wantContains(t, e.say("/readiness").Text, "Amber for today")
	e.say("/settings tz:America/Los_Angeles") // the 20th there: the 21st is in the future
	wantContains(t, e.say("/readiness").Text, "No verdict for today yet.")
}

func TestReadinessLineIsTheSummaryTheSchedulerSends(t *testing.T) {
	e := newEnv(t)
	e.say("/start")
	e.say("/checkin sleep:6.5 fatigue:9")
	line, err := e.svc.ReadinessLine(context.Background(), e.member(), domain.DateOf(e.now))
	if err != nil {
		t.Fatal(err)
	}
	if line != "Red (39/100): rest today, or active recovery only. Slept 6.5 h, fatigue 9/10. Still building: RHR baseline: 0 of 5 mornings." {
		t.Errorf("line %q", line)
	}
}

// The day-5 member of issue 10: four mornings of about 50, then 62.
func TestADay5MemberGetsNoGreen100(t *testing.T) {
	e := newEnv(t)
	e.say("/start")
	id := e.member().ID
	for ago, rhr := range map[int]int{4: 49, 3: 51, 2: 50, 1: 50} {
		c := domain.CheckIn{MemberID: id, Date: domain.DateOf(e.now).AddDays(-ago), RHR: domain.Ptr(rhr), SleepHours: domain.Ptr(8.0)}
		if _, err := e.db.UpsertCheckIn(context.Background(), c); err != nil {
			t.Fatal(err)
		}
	}
	r := e.say("/checkin rhr:62 sleep:8.5 fatigue:3 soreness:2")
	wantContains(t, r.Text, "Readiness: Too early to judge: resting HR baseline 4 of 5 mornings. Resting HR +12 bpm against your first 4 mornings.")
	text := e.say("/readiness").Text
	wantContains(t, text, "Too early to judge today: resting HR baseline 4 of 5 mornings.",
		"• Resting HR 62 bpm, +12 against the mean of your first 4 mornings (50). The baseline needs 5, so this is provisional, but 10 or more above is a common sign of fatigue or illness",
		"Today (physical recovery): Swap any hard session for an easy 30–40 minutes")
	for _, never := range []string{"Green", "100/100", "train as planned"} {
		if strings.Contains(r.Text+text, never) {
			t.Errorf("a day-5 member is told %q:\n%s\n%s", never, r.Text, text)
		}
	}
	e.now = e.now.Add(24 * time.Hour)
	e.say("/checkin rhr:50 sleep:8.5")
	wantContains(t, e.say("/readiness").Text, "Green for today: train as planned. (Score 100/100.)")
	wantContains(t, e.say("/readiness yesterday").Text, "Yesterday was too early to judge: resting HR baseline 4 of 5 mornings.")
}

// "4.2 h short of 8 h a night" read as 4.2 h short every night.
func TestSleepDebtIsTheWeeksTotal(t *testing.T) {
	e := newEnv(t)
	e.say("/start")
	seedMornings(t, e, e.member().ID, 6, domain.CheckIn{RHR: domain.Ptr(50), SleepHours: domain.Ptr(7.4)})
	e.say("/checkin rhr:50 sleep:7.4")
	wantContains(t, e.say("/readiness").Text, "Slept 7.4 h last night (target 8–10 h). 7-day average 7.4 h, 4.2 h short over the last 7 nights.")
}

func TestRunsWithoutRPECountTheWeekTheLineSpeaksOf(t *testing.T) {
	e := newEnv(t)
	e.say("/start")
	seedRuns(t, e, e.member().ID, 20, 8, 10000, 50, 0) // 13 unrated runs before the week
	seedRuns(t, e, e.member().ID, 3, 2, 10000, 50, 0)
	wantContains(t, e.say("/readiness").Text, "Last 7 days: 20.0 km (12.4 mi), 2 runs in them without RPE (not counted in load).")
}
