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
		wantContains(t, r.Text, "Green for yesterday: train as planned. (Score 100/100.)",
			"Last 7 days: 35.0 mi (56.3 km); load ratio (ACWR, uncoupled) 1.00, sweet spot.",
			"Today (nutrition): Train as planned")
	}
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
