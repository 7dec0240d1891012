package handlers_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

// tap presses the button labelled label under r.
func tap(t *testing.T, e *env, r bot.Reply, label string) bot.Reply {
	t.Helper()
	for _, row := range r.Buttons {
		for _, b := range row {
			if b.Label == label {
				if len(b.Data) > bot.MaxButtonData {
					t.Errorf("button %q data is %d bytes", label, len(b.Data))
				}
				return e.say(b.Data)
			}
		}
	}
	t.Fatalf("no %q button under %q", label, r.Text)
	return bot.Reply{}
}

// The guided check-in asks all eight questions, each answered in one tap.
func TestGuidedCheckInIsEightTaps(t *testing.T) {
	e := newEnv(t)
	r := e.say("/checkin")
	steps := []struct{ asks, tap string }{
		{"resting heart rate", "48"}, {"HRV", "55"}, {"hours did you sleep", "7.5 h"}, {"How well did you sleep", "4"},
		{"How tired", "3"}, {"How sore", "2"}, {"How stressed", "6"}, {"mood and motivation", "8"},
	}
	for _, s := range steps {
		wantContains(t, r.Text, s.asks)
		if len(r.Buttons) > 4 {
			t.Errorf("%q has %d button rows: with Discord's form row that is over its five", s.asks, len(r.Buttons))
		}
		r = tap(t, e, r, s.tap)
	}
	wantContains(t, r.Text, "Check-in done", "resting HR 48 bpm, HRV 55 ms, sleep 7.5 h, sleep quality 4/5, fatigue 3/10, soreness 2/10, stress 6/10, mood 8/10")
	c := e.checkIns()
	if len(c) != 1 || *c[0].Stress != 6 || *c[0].Mood != 8 || *c[0].HRV != 55 || *c[0].SleepQuality != 4 {
		t.Fatalf("stored %+v", c)
	}
	// Asked again the same day, nothing is asked twice.
	wantContains(t, e.say("/checkin").Text, "already answered every question")
}

// Resting HR buttons sit around the member's usual value.
func TestGuidedButtonsOfferTheUsualRestingHR(t *testing.T) {
	e := newEnv(t)
	e.say("/checkin rhr:61 date:yesterday")
	r := e.say("/checkin")
	if got := r.Buttons[0][0].Label + ".." + r.Buttons[1][4].Label; got != "57..66" {
		t.Errorf("RHR buttons run %s, want 57..66 around 61", got)
	}
}

// HRV skipped three mornings in a row is not asked again until given.
func TestHRVSkippedThreeTimesIsNotAskedUntilGiven(t *testing.T) {
	e := newEnv(t)
	for day := 0; day < 3; day++ {
		e.say("/checkin")
		e.say("52")
		wantContains(t, e.say("skip").Text, "hours did you sleep") // HRV skipped
		e.say("stop")
		e.now = e.now.Add(24 * time.Hour)
	}
	e.say("/checkin")
	if r := e.say("52"); strings.Contains(r.Text, "HRV") {
		t.Errorf("HRV asked after three skips: %q", r.Text)
	}
	e.say("stop")
	e.say("/checkin hrv:64") // given some other way: asked again from now
	e.now = e.now.Add(24 * time.Hour)
	e.say("/checkin")
	wantContains(t, e.say("52").Text, "HRV")
}

func TestFreeTextCheckInStoresFieldByFieldWithUndo(t *testing.T) {
	e := newEnv(t)
	e.say("/start")
	r := e.say("slept 7.5h rhr 51 hrv 62 soreness 6 stress 4 mood 7")
	wantContains(t, r.Text, "Stored for today: resting HR 51 bpm, HRV 62 ms, sleep 7.5 h, soreness 6/10, stress 4/10, mood 7/10.")
	c := e.checkIns()
	if len(c) != 1 || *c[0].RHR != 51 || *c[0].HRV != 62 || *c[0].SleepHours != 7.5 || *c[0].Soreness != 6 || *c[0].Stress != 4 || *c[0].Mood != 7 || c[0].Fatigue != nil {
		t.Fatalf("stored %+v", c)
	}
	r = tap(t, e, r, "Undo")
	wantContains(t, r.Text, "Undone", "Resting HR 51 bpm is cleared")
	if len(e.checkIns()) != 0 {
		t.Error("Undo left the free-text check-in")
	}
}

func TestFreeTextRepliesByWhatItCouldRead(t *testing.T) {
	tests := []struct {
		text   string
		want   []string
		stored int
	}{
		{"rhr 52, slept 6:45, legs sore 6", []string{"Stored for today: resting HR 52 bpm, sleep 6.75 h, soreness 6/10."}, 1},
		{"RHR 49 / 8h sleep", []string{"Stored for today: resting HR 49 bpm, sleep 8 h."}, 1},
		{"tired", []string{"You mentioned fatigue without a number.", "How tired do you feel?"}, 0},
		{"mood 7 and pizza", []string{"mood 7/10", `I left out "pizza": I did not understand it.`}, 1},
		{"rhr 300 sleep 7", []string{"Resting heart rate 300 is out of range: use 25 to 120"}, 0},
		{"what now", []string{"I couldn't read that as a check-in. Write it like this: slept 7.5h rhr 51 hrv 62", "Check in"}, 0},
		// A run told in words was stored as "sleep 0.8333333333333334 h".
		{"I ran 10k in 50 minutes", []string{"To log a run, send /run with its distance and time, e.g. /run 10km 50m"}, 0},
		{"ran 6 miles easy", []string{"To log a run, send /run"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			e := newEnv(t)
			e.say("/start")
			r := e.say(tt.text)
			wantContains(t, r.Text, tt.want...)
			if got := len(e.checkIns()); got != tt.stored {
				t.Errorf("%d check-ins stored, want %d", got, tt.stored)
			}
		})
	}
}

// "yesterday" in a free-text check-in is the day it is about: it was left
// out, and yesterday's numbers overwrote today's.
func TestFreeTextAboutYesterdayIsStoredForYesterday(t *testing.T) {
	e := newEnv(t)
	e.say("/start")
	e.say("slept 7.5h rhr 52")
	r := e.say("yesterday slept 6h rhr 55")
	wantContains(t, r.Text, "Stored for yesterday: resting HR 55 bpm, sleep 6 h.")
	if strings.Contains(r.Text, "left out") {
		t.Errorf("reply %q leaves a word out", r.Text)
	}
	byDay := map[domain.Date]int{}
	for _, c := range e.checkIns() {
		byDay[c.Date] = *c.RHR
	}
	if today := domain.DateOf(e.now); byDay[today] != 52 || byDay[today.AddDays(-1)] != 55 {
		t.Errorf("resting HR by day %v, want 52 today and 55 yesterday", byDay)
	}
}

// "tired" gets the fatigue buttons, and a typed number answers them.
func TestAWordWithoutANumberIsAskedNotGuessed(t *testing.T) {
	e := newEnv(t)
	e.say("/start")
	r := e.say("tired")
	if len(r.Buttons) < 2 || len(r.Buttons[0]) != 5 || !strings.HasPrefix(r.Buttons[0][0].Data, "/checkin fatigue:1 ") {
		t.Fatalf("buttons = %+v, want the fatigue scale", r.Buttons)
	}
	r = e.say("7")
	wantContains(t, r.Text, "Check-in done", "fatigue 7/10")
	if c := e.checkIns(); len(c) != 1 || *c[0].Fatigue != 7 || c[0].RHR != nil {
		t.Errorf("stored %+v", c)
	}
}

// Plain text that answers an open question keeps that meaning.
func TestPlainTextAnswersTheOpenQuestionFirst(t *testing.T) {
	e := newEnv(t)
	e.say("/start")
	e.say("/checkin")
	wantContains(t, e.say("52").Text, "HRV") // the guided answer, not a bare number
	r := e.say("slept 7h hrv 60")            // free text inside the flow: stored, the flow goes on
	wantContains(t, r.Text, "Stored for today: HRV 60 ms, sleep 7 h.", "How well did you sleep")
	e.say("stop")
	e.say("/forget")
	wantContains(t, e.say("rhr 50").Text, "Cancelled. Nothing was deleted.") // the confirmation's answer, not a check-in
	if c := e.checkIns(); *c[0].RHR != 52 {
		t.Errorf("a check-in was read inside the /forget confirmation: %+v", c)
	}
}

func TestANewcomersFreeTextCheckInRegistersThemOnlyWhenStored(t *testing.T) {
	tests := []struct {
		text       string
		want       string
		registered bool
	}{
		{"slept 7h rhr 50", "Stored for today: resting HR 50 bpm, sleep 7 h.", true},
		{"rhr 300", "Resting heart rate 300 is out of range: use 25 to 120.", false},
		{"hello", "I couldn't read that as a check-in.", false},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			e := newEnv(t)
			wantContains(t, e.say(tt.text).Text, tt.want)
			_, err := e.db.MemberByIdentity(context.Background(), domain.PlatformConsole, "local")
			if registered := err == nil; registered != tt.registered {
				t.Fatalf("registered %v (err %v), want %v", registered, err, tt.registered)
			}
			if tt.registered && len(e.checkIns()) != 1 {
				t.Errorf("check-ins %+v, want the one just sent", e.checkIns())
			}
		})
	}
}
