package handlers_test

import (
	"strings"
	"testing"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

func TestCheckInStoresAndAmendsTheDay(t *testing.T) {
	e := newEnv(t)
	r := e.say("/checkin rhr:52 sleep:7.5")
	wantContains(t, r.Text, "Saved", "today", "resting HR 52 bpm", "sleep 7.5 h")
	if !r.Private {
		t.Error("a check-in reply must be private")
	}
	e.say("/checkin fatigue:3 rhr:51")
	got := e.checkIns()
	if len(got) != 1 || *got[0].RHR != 51 || *got[0].SleepHours != 7.5 || *got[0].Fatigue != 3 {
		t.Fatalf("stored %+v", got)
	}
	e.say("/checkin date:yesterday rhr:55")
	e.say("/checkin date:2026-11-01 mood:8 stress:4 hrv:65.5 quality:4 soreness:2")
	if n := len(e.checkIns()); n != 3 {
		t.Errorf("check-ins = %d, want 3", n)
	}
}

// A number may carry the unit the help shows for it: sleep:7.5h, not
// "Sleep (hours) must be a number from 0 to 16, not "7.5h"".
func TestCheckInNumbersMayCarryTheirUnit(t *testing.T) {
	e := newEnv(t)
	r := e.say("/checkin rhr:52bpm hrv:61.5ms sleep:7.5h")
	wantContains(t, r.Text, "Saved", "resting HR 52 bpm", "HRV 61.5 ms", "sleep 7.5 h")
	got := e.checkIns()
	if len(got) != 1 || *got[0].RHR != 52 || *got[0].HRV != 61.5 || *got[0].SleepHours != 7.5 {
		t.Fatalf("stored %+v", got)
	}
	wantContains(t, e.say("/checkin sleep:7.5kg").Text, `"7.5kg"`, "0 to 16")
	// Hours and minutes of sleep, as the free-text check-in reads them.
	for _, c := range []struct {
		text string
		want float64
	}{{"/checkin sleep:6h45", 6.75}, {"/checkin sleep:7:30", 7.5}, {"/checkin sleep:8h05m", 8.08}, {"/checkin sleep:7", 7}} {
		wantContains(t, e.say(c.text).Text, "Saved")
		if got := e.checkIns(); len(got) != 1 || *got[0].SleepHours != c.want {
			t.Errorf("%s stored %+v, want sleep %v", c.text, got, c.want)
		}
	}
}

// A key written with a space instead of a colon is that key: "/checkin
// sleep 7.5" answered 'Resting heart rate must be a whole number, not
// "sleep"'.
func TestCheckInKeysMayBeFollowedByASpace(t *testing.T) {
	tests := []struct {
		text            string
		rhr, sleep, hrv float64
	}{
		{"/checkin sleep 7.5", 0, 7.5, 0},
		{"/checkin rhr 52 sleep 7", 52, 7, 0},
		{"/checkin 52 HRV 61", 52, 0, 61},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			e := newEnv(t)
			wantContains(t, e.say(tt.text).Text, "Saved")
			got := e.checkIns()
			if len(got) != 1 {
				t.Fatalf("stored %+v", got)
			}
			for _, f := range []struct {
				name      string
				got, want float64
			}{{"rhr", optional(got[0].RHR), tt.rhr}, {"sleep", optional(got[0].SleepHours), tt.sleep}, {"hrv", optional(got[0].HRV), tt.hrv}} {
				if f.got != f.want {
					t.Errorf("%s = %v, want %v", f.name, f.got, f.want)
				}
			}
		})
	}
}

// optional is a stored value, 0 when not given.
func optional[T int | float64](p *T) float64 {
	if p == nil {
		return 0
	}
	return float64(*p)
}

func TestCheckInBadInputStoresNothing(t *testing.T) {
	cases := []struct {
		name, text string
		wants      []string
	}{
		{"rhr too high", "/checkin rhr:500", []string{"500", "25 to 120"}},
		{"negative sleep", "/checkin sleep:-2", []string{"-2", "0 to 16"}},
		{"future date", "/checkin rhr:52 date:2099-01-01", []string{"future", "today, yesterday"}},
		{"tomorrow", "/checkin rhr:52 date:tomorrow", []string{"tomorrow", "today, yesterday"}},
		{"older than a year", "/checkin rhr:52 date:2024-01-01", []string{"365 days"}},
		{"unknown key", "/checkin rhr:52 pulse:60", []string{"pulse", "Valid keys", "rhr, hrv, sleep"}},
		{"not a number", "/checkin rhr:fast", []string{"fast", "whole number"}},
		{"fatigue off scale", "/checkin fatigue:11", []string{"11", "1 to 10"}},
		{"nan", "/checkin hrv:NaN", []string{"NaN", "5 to 300"}},
		{"no values", "/checkin date:today", []string{"at least one value"}},
		{"stray words", "/checkin rhr:52 very tired", []string{"key:value"}},
		{"emoji value", "/checkin rhr:💓", []string{"💓", "whole number"}},
		{"emoji key", "/checkin 💓:52", []string{"whole number", "25 to 120"}},
		{"control characters", "/checkin rhr:52\x00\x07", []string{"control characters"}},
		{"5000 characters", "/checkin rhr:52 " + strings.Repeat("x", 5000), []string{"too long", "1000"}},
		{"duplicate key", "/checkin rhr:52 rhr:53", []string{"twice"}},
		{"bad date", "/checkin rhr:52 date:20-11-2026", []string{"YYYY-MM-DD"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t)
			e.say("/start")
			r := e.say(c.text)
			wantContains(t, r.Text, c.wants...)
			if !r.Private {
				t.Error("an error about health input must be private")
			}
			if got := e.checkIns(); len(got) != 0 {
				t.Errorf("stored %d check-ins after bad input", len(got))
			}
			if len(r.Text) > 600 {
				t.Errorf("reply is %d bytes: bad input must not be echoed back in full", len(r.Text))
			}
		})
	}
}

// A typed answer is confirmed before the next question, as a tapped one is:
// "52" went straight on to the HRV question, saying nothing of what it
// stored.
func TestGuidedTypedAnswerIsConfirmedLikeATap(t *testing.T) {
	for _, answer := range []string{"52", "/checkin rhr:52"} {
		t.Run(answer, func(t *testing.T) {
			e := newEnv(t)
			e.say("/checkin")
			r := e.say(answer)
			wantContains(t, r.Text, "Saved your check-in for today: resting HR 52 bpm.", "HRV")
			if len(r.Buttons) == 0 {
				t.Errorf("the next question lost its buttons: %+v", r)
			}
		})
	}
}

func TestGuidedCheckInWithRestartInTheMiddle(t *testing.T) {
	e := newEnv(t)
	r := e.say("/checkin")
	wantContains(t, r.Text, "resting heart rate")
	if !r.CheckInForm || len(r.Buttons) == 0 {
		t.Errorf("guided start should offer the form and a skip button: %+v", r)
	}
	r = e.say("52")
	wantContains(t, r.Text, "HRV")
	r = e.say("skip")
	wantContains(t, r.Text, "hours did you sleep")

	e.restart() // the flow lives in the database

	r = e.say("7.5")
	wantContains(t, r.Text, "How well did you sleep")
	r = e.say("skip")
	wantContains(t, r.Text, "How tired")
	if len(r.Buttons) != 3 || len(r.Buttons[0]) != 5 {
		t.Fatalf("fatigue buttons = %+v", r.Buttons)
	}
	// Pressing the "4" button sends its data back as a command.
	press := r.Buttons[0][3].Data
	if len(press) > bot.MaxButtonData {
		t.Errorf("button data %q is over %d bytes", press, bot.MaxButtonData)
	}
	r = e.say(press)
	wantContains(t, r.Text, "fatigue 4/10", "How sore")
	e.say("skip")
	e.say("skip")
	r = e.say("skip")
	wantContains(t, r.Text, "Check-in done", "resting HR 52", "sleep 7.5 h", "fatigue 4/10")
	c := e.checkIns()
	if len(c) != 1 || *c[0].RHR != 52 || *c[0].SleepHours != 7.5 || *c[0].Fatigue != 4 || c[0].Soreness != nil {
		t.Fatalf("stored %+v", c)
	}
	// The flow is closed: a bare number now is not taken as anything.
	r = e.say("50")
	wantContains(t, r.Text, "/checkin rhr:50")
	if *e.checkIns()[0].RHR != 52 {
		t.Error("a bare number outside a flow changed the check-in")
	}
}

func TestGuidedCheckInRejectsBadAnswerAndAsksAgain(t *testing.T) {
	e := newEnv(t)
	e.say("/checkin")
	r := e.say("500")
	wantContains(t, r.Text, "out of range", "25 to 120", "resting heart rate")
	if len(e.checkIns()) != 0 {
		t.Error("a bad answer was stored")
	}
	r = e.say("51")
	wantContains(t, r.Text, "HRV")
}

func TestGuidedCheckInAnswersGoToTheDayItStarted(t *testing.T) {
	e := newEnv(t)
	e.now = time.Date(2026, 11, 20, 23, 50, 0, 0, time.UTC)
	e.say("/checkin")
	e.now = e.now.Add(20 * time.Minute) // past midnight
	e.say("49")
	c := e.checkIns()
	if len(c) != 1 || c[0].Date.String() != "2026-11-20" {
		t.Fatalf("stored %+v, want the 20th", c)
	}
}

func TestStopEndsGuidedCheckIn(t *testing.T) {
	e := newEnv(t)
	e.say("/checkin")
	e.say("52")
	r := e.say("stop")
	wantContains(t, r.Text, "stopped", "saved")
	r = e.say("7")
	wantContains(t, r.Text, "/checkin rhr:7")
}

// The guided check-in's Skip button works where plain text is not answered:
// a press in a Discord server arrives as a group command.
func TestSkipButtonWorksInAGroup(t *testing.T) {
	e := newEnv(t)
	inServer := func(text string) bot.Reply {
		return e.sayAs(bot.Command{Platform: domain.PlatformDiscord, UserID: "d1", UserName: "Cy", ChatID: "chan", GuildID: "g1", Text: text})
	}
	r := inServer("/checkin")
	skip := r.Buttons[len(r.Buttons)-1][0]
	if skip.Label != "Skip" {
		t.Fatalf("last button = %+v, want Skip", skip)
	}
	r = inServer(skip.Data)
	wantContains(t, r.Text, "HRV")
	if !r.Private {
		t.Error("the next question is not private")
	}
	r = inServer("/checkin stop")
	wantContains(t, r.Text, "stopped")
	r = inServer("/checkin skip")
	wantContains(t, r.Text, "no check-in in progress", "/checkin")
}
