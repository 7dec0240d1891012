package handlers_test

import (
	"context"
	"strings"
	"testing"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/handlers"
)

func (e *env) aways() []domain.Away {
	e.t.Helper()
	id := e.member().ID
	got, err := e.db.Aways(context.Background(), []int64{id}, domain.Date{Year: 2000, Month: 1, Day: 1}, domain.Date{Year: 2100, Month: 1, Day: 1})
	if err != nil {
		e.t.Fatal(err)
	}
	return got[id]
}

func TestAwayPausesForTheDaysAndReasonGiven(t *testing.T) {
	e := newEnv(t) // Fri 20 Nov 2026
	e.say("/start")
	r := e.say("/away 3 ill")
	wantContains(t, r.Text, "You are away until Sun 22 Nov (ill)", "no morning prompts or bedtime reminders",
		"Coaches don't see it", "Prompts start again on Mon 23 Nov at 06:30", "/back", "Get well soon")
	if a := e.aways(); len(a) != 1 || a[0].From != domain.DateOf(e.now) || a[0].Until != domain.DateOf(e.now).AddDays(2) || a[0].Reason != domain.AwayIll {
		t.Fatalf("stored %+v", a)
	}
	wantContains(t, e.say("/away").Text, "You are away (ill) until Sun 22 Nov")
	// Changing the plan replaces it; the reason alone is a week.
	e.say("/settings share:on")
	wantContains(t, e.say("/away flu").Text, "until Thu 26 Nov (ill)", "Coaches you share with see that you are away (ill), nothing more")
	wantContains(t, e.say("/away until:2026-12-01 travel").Text, "until Tue 1 Dec (travel)", "Safe travels")
	if a := e.aways(); len(a) != 1 || a[0].Until != (domain.Date{Year: 2026, Month: 12, Day: 1}) {
		t.Errorf("after two changes: %+v", a)
	}
	wantContains(t, e.say("/back").Text, "Welcome back, Sam!")
	if a := e.aways(); len(a) != 0 {
		t.Errorf("/back on the first day leaves %+v", a)
	}
	wantContains(t, e.say("/back").Text, "You are not away")
}

// The days and the last day as runners write them: "/away 3 days" answered
// 'Reason must be one of ill, ..., not "days"', "until:tomorrow" 'not a
// date I understand'.
func TestAwayTakesDaysAndLastDayInWords(t *testing.T) {
	tests := []struct {
		text  string
		until domain.Date // Fri 20 Nov 2026 is today
	}{
		{"/away 3 days", domain.Date{Year: 2026, Month: 11, Day: 22}},
		{"/away 3 days ill", domain.Date{Year: 2026, Month: 11, Day: 22}},
		{"/away 1 day", domain.Date{Year: 2026, Month: 11, Day: 20}},
		{"/away 5days travel", domain.Date{Year: 2026, Month: 11, Day: 24}},
		{"/away until:tomorrow", domain.Date{Year: 2026, Month: 11, Day: 21}},
		{"/away until:today rest", domain.Date{Year: 2026, Month: 11, Day: 20}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			e := newEnv(t)
			e.say("/start")
			wantContains(t, e.say(tt.text).Text, "You are away ", "no morning prompts")
			if a := e.aways(); len(a) != 1 || a[0].Until != tt.until {
				t.Errorf("stored %+v, want until %v", a, tt.until)
			}
		})
	}
}

func TestAwayBadInputStoresNothing(t *testing.T) {
	e := newEnv(t)
	e.say("/start")
	for text, want := range map[string]string{
		"/away 0":                      "Days away 0 is out of range: use 1 to 60",
		"/away 61 ill":                 "use 1 to 60",
		"/away 3 bored":                `Reason must be one of ill, injured, travel, rest or other, not "bored"`,
		"/away until:2026-11-19":       "The last day away must be from today (2026-11-20) to 2027-01-18",
		"/away until:2027-06-01":       "60 days at most",
		"/away until:next-week":        `"next-week" is not a date I understand`,
		"/away 3 until:2026-11-25 ill": "either a number of days or a last day",
		"/away 3 ill reason:travel":    `I don't understand "ill"`,
		"/away 3 ill please":           `I don't understand "please"`,
		"/back now":                    `I don't understand "now"`,
		"/away until:26-11-2026 ill":   "not a date I understand",
	} {
		wantContains(t, e.say(text).Text, want)
	}
	if a := e.aways(); len(a) != 0 {
		t.Errorf("bad input stored %+v", a)
	}
}

func TestTheFirstMorningPromptAfterATimeAwayWelcomesBack(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	e.say("/start")
	e.say("/away 2 ill")
	sc := handlers.Scheduled{Service: e.svc}
	m := e.member()
	today := domain.DateOf(e.now)
	for _, tc := range []struct {
		date domain.Date
		want string
	}{
		{today.AddDays(2), "Welcome back, Sam! Your time away (ill) ended on Sat 21 Nov, and the prompts are on again. Before you get up"},
		{today.AddDays(3), "Good morning, Sam! Before you get up"},
	} {
		r, err := sc.Morning(ctx, m, tc.date)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(r.Text, tc.want) {
			t.Errorf("prompt on %s: %q, want it to begin %q", tc.date, r.Text, tc.want)
		}
		if err := sc.MorningSent(ctx, m.ID, tc.date, e.now); err != nil {
			t.Fatal(err)
		}
	}
	// /back is its own welcome: the next prompt is an ordinary one.
	e.say("/away 5 travel")
	e.say("/back")
	if r, _ := sc.Morning(ctx, m, today.AddDays(1)); !strings.HasPrefix(r.Text, "Good morning") {
		t.Errorf("after /back: %q", r.Text)
	}
}

func TestAWeekAwayReadsAwayForTheMemberAndForACoachOnlyIfShared(t *testing.T) {
	e := newEnv(t)
	cmd := club(t, e) // Ann shares, Zed does not
	ann := bot.Command{UserID: "2", UserName: "Ann", ChatID: "2", Private: true}
	zed := bot.Command{UserID: "3", UserName: "Zed Secret", ChatID: "3", Private: true}
	for _, c := range []bot.Command{ann, zed} {
		c.Text = "/away 4 ill"
		e.sayAs(c)
	}
	ann.Text = "/week"
	wantContains(t, e.sayAs(ann).Text, "You were away (ill) 1 day, until Mon 23 Nov: no flags this week", "0 of 6 check-ins (1 day away)")
	s := e.sayAs(cmd).Text
	wantContains(t, s, "Away: Ann (ill, 1 day, until Mon 23 Nov).", "Check-ins: 0 of 6 possible")
	if strings.Contains(s, "Overload") || strings.Contains(s, "Zed") || strings.Count(s, "ill") != 1 {
		t.Errorf("the coach sees flags, or Zed's time away:\n%s", s)
	}
}
