package handlers_test

import (
	"strings"
	"testing"
	"time"

	"github.com/runclub/runclub/bot"
)

// The run replies state the duration in words, the pace in the member's
// units and the load, so that a misread duration shows; the numbers are
// worked by hand: 10 km in 90 min is 9:00 min/km (14:29 min/mi: 90 min ÷
// 6.2137 mi = 14.484 min), and RPE 5 × 90 min is 450.
func TestRunReplyShowsDurationPaceAndLoad(t *testing.T) {
	tests := []struct {
		name, settings, text string
		want                 []string
		seconds              int
	}{
		{"h:mm is hours", "", "/run 10km 1:30 rpe:5", []string{"Logged run 1", "in 1 h 30 min at 9:00 min/km", "load 450 (5 × 90 min)"}, 5400},
		{"h:mm:ss the same", "", "/run 10km 1:30:00 rpe:5", []string{"in 1 h 30 min"}, 5400},
		{"two words", "", "/run 10km 1h 22m", []string{"in 1 h 22 min at 8:12 min/km", "/run edit 1 rpe:6"}, 4920},
		{"minutes and seconds", "", "/run 10km 45m30s rpe:7", []string{"in 45 min 30 s at 4:33 min/km", "load 319 (7 × 45.5 min)"}, 2730},
		{"miles", "/settings units:mi", "/run 10km 90 rpe:5", []string{"6.2 mi (10.0 km) in 1 h 30 min at 14:29 min/mi"}, 5400},
		{"a unit after a space", "", "/run 10 km 45 min rpe:5", []string{"10.0 km (6.2 mi) in 45 min at 4:30 min/km"}, 2700},
		{"every unit after a space", "", "/run 10 km 1 h 6 min", []string{"10.0 km (6.2 mi) in 1 h 6 min"}, 3960},
		{"miles after a space", "/settings units:mi", "/run 6.2 mi 50 minutes", []string{"6.2 mi (10.0 km) in 50 min"}, 3000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			e.say("/start")
			if tt.settings != "" {
				e.say(tt.settings)
			}
			r := e.say(tt.text)
			wantContains(t, r.Text, tt.want...)
			runs := e.runs()
			if len(runs) != 1 || int(runs[0].Duration/time.Second) != tt.seconds {
				t.Fatalf("stored %+v, want one run of %d s", runs, tt.seconds)
			}
		})
	}
}

// Implausible paces: faster than the world records is refused with the
// pace and the likely reading; slower than 20:00 min/km waits for a tap
// whose button carries the whole run and fits every platform.
func TestImplausiblePaceIsRefusedOrConfirmed(t *testing.T) {
	t.Run("too fast", func(t *testing.T) {
		e := newEnv(t)
		e.say("/start")
		r := e.say("/run 42km 3")
		wantContains(t, r.Text, "works out to 0:04 min/km, faster than the world record (2:30 min/km over more than 3 km)",
			"3 would be 3 min; for 3 hours write 3h.")
		if len(e.runs()) != 0 {
			t.Error("a run faster than the world record was stored")
		}
	})
	t.Run("too slow", func(t *testing.T) {
		e := newEnv(t)
		e.say("/start")
		r := e.say("/run 1km 1:30 rpe:3 type:recovery")
		wantContains(t, r.Text, "works out to 90:00 min/km, slower than 20:00 min/km", "1:30 would be 1 h 30 min; for 1 minute 30 seconds write 1m30s.")
		if len(e.runs()) != 0 {
			t.Fatal("a run slower than a walk was stored before the tap")
		}
		if len(r.Buttons) != 1 || r.Buttons[0][0].Label != "Yes, store it" {
			t.Fatalf("buttons = %+v, want Yes only (1 km in 90 s is no run either)", r.Buttons)
		}
		e.restart() // the button carries the run: nothing is kept on the side
		r = e.say(r.Buttons[0][0].Data)
		wantContains(t, r.Text, "Logged run 1, a recovery run")
		if runs := e.runs(); len(runs) != 1 || runs[0].Duration != 90*time.Minute || runs[0].RPE != 3 || runs[0].Metres != 1000 {
			t.Errorf("stored %+v", runs)
		}
	})
	t.Run("slow, with a plausible other reading", func(t *testing.T) {
		e := newEnv(t)
		e.say("/start")
		r := e.say("/run 5km 2h")
		if len(r.Buttons) != 2 || r.Buttons[1][0].Label != "Log 5.0 km in 2 min" {
			// 5 km in 2 min is faster than any record: only the Yes.
			if len(r.Buttons) != 1 {
				t.Errorf("buttons = %+v", r.Buttons)
			}
		}
		r = e.say("/run 10km 1:05")
		// 1 h 05 for 10 km is a fine run: logged at once.
		wantContains(t, r.Text, "Logged run 1")
	})
	// The longest button data the run confirmation can carry.
	e := newEnv(t)
	e.say("/start")
	r := e.say("/run 300km 24h rpe:10 type:intervals date:yesterday")
	for _, row := range r.Buttons {
		for _, b := range row {
			if len(b.Data) > bot.MaxButtonData {
				t.Errorf("button data %q is %d bytes, over %d", b.Data, len(b.Data), bot.MaxButtonData)
			}
		}
	}
}

func TestTheSameRunTwiceIsAlreadyLogged(t *testing.T) {
	e := newEnv(t)
	e.say("/start")
	e.say("/run 10km 50m rpe:4")
	e.now = e.now.Add(3 * time.Minute)
	r := e.say("/run 10km 50m rpe:4")
	wantContains(t, r.Text, "Already logged: run 1")
	if len(e.runs()) != 1 {
		t.Fatalf("the same run sent twice was stored twice")
	}
	r = e.say(r.Buttons[0][0].Data) // Add it again
	wantContains(t, r.Text, "Logged run 2")
	e.now = e.now.Add(11 * time.Minute)
	wantContains(t, e.say("/run 10km 50m rpe:4").Text, "Logged run 3") // past the 10 minutes: another run
	if len(e.runs()) != 3 {
		t.Errorf("stored %d runs, want 3", len(e.runs()))
	}
}

// /history numbers the runs; /run delete and /run edit take those numbers,
// and /undo takes each change back, saying exactly what it undid.
func TestHistoryNumbersDeleteEditAndUndo(t *testing.T) {
	e := newEnv(t)
	e.say("/start")
	e.say("/checkin rhr:52 sleep:7.5 fatigue:3")
	e.say("/run 10km 1:30 rpe:5")
	e.say("/run 5km 25m rpe:6 date:yesterday")
	h := e.say("/history")
	wantContains(t, h.Text, "Your last 14 days", "/run delete 1")
	wantContains(t, h.Pre, "day        rhr  hrv sleep q fa so st mo\n", "Fri 20 Nov  52    -   7.5 -  3  -  -  -",
		"  #1    10.0km  1:30:00 rpe 5  load 450", "  #2     5.0km    25:00 rpe 6  load 150")
	if strings.Index(h.Pre, "#2") > strings.Index(h.Pre, "#1") {
		t.Error("yesterday's run 2 should come before today's run 1: days run oldest first")
	}
	for _, line := range strings.Split(h.Pre, "\n") {
		if len([]rune(line)) > 40 {
			t.Errorf("line %q is over 40 characters", line)
		}
	}

	wantContains(t, e.say("/run delete 1").Text, "Deleted run 1: 10.0 km in 1 h 30 min, RPE 5, today")
	if len(e.runs()) != 1 {
		t.Fatal("run 1 not deleted")
	}
	wantContains(t, e.say("/run edit 2 rpe:8 type:tempo").Text, "Run 2, a tempo run for yesterday, is now", "RPE 8, load 200", "(it was 5.0 km in 25 min, RPE 6, yesterday)")
	wantContains(t, e.say("/checkin rhr:-").Text, "Cleared resting HR for today", "sleep 7.5 h")

	wantContains(t, e.say("/undo").Text, "Undone: your check-in change for today. Resting HR is back to 52 bpm (it was not given).")
	wantContains(t, e.say("/undo").Text, "Undone: the edit of run 2. It is back to 5.0 km in 25 min, RPE 6, yesterday")
	wantContains(t, e.say("/undo").Text, "Undone: run 1 is back (10.0 km in 1 h 30 min, RPE 5, today)")
	if runs := e.runs(); len(runs) != 2 || runs[1].Number != 1 || runs[0].RPE != 6 || runs[0].Type != "" {
		t.Fatalf("after three undos: %+v", runs)
	}
	wantContains(t, e.say("/undo").Text, "Undone: run 2 is deleted")
	wantContains(t, e.say("/undo").Text, "Undone: run 1 is deleted")
	wantContains(t, e.say("/undo").Text, "Undone: your check-in change for today. Resting HR 52 bpm is cleared; sleep 7.5 h is cleared; fatigue 3/10 is cleared.")
	wantContains(t, e.say("/undo").Text, "Nothing to undo")
	if len(e.runs()) != 0 || len(e.checkIns()) != 0 {
		t.Errorf("after undoing everything: %d runs, %d check-ins", len(e.runs()), len(e.checkIns()))
	}
	// A new run takes the next number: numbers are never reused.
	wantContains(t, e.say("/run 8km 40m").Text, "Logged run 3")
}

func TestUndoGoesBackTenChangesWithinADay(t *testing.T) {
	e := newEnv(t)
	e.say("/start")
	for i := 0; i < 12; i++ {
		e.say("/checkin mood:" + string(rune('1'+i%9)))
	}
	undone := 0
	for strings.HasPrefix(e.say("/undo").Text, "Undone") {
		undone++
	}
	if undone != 10 {
		t.Errorf("undid %d changes, want 10", undone)
	}
	e.say("/checkin mood:5")
	e.now = e.now.Add(25 * time.Hour)
	wantContains(t, e.say("/undo").Text, "Nothing to undo")
}

// The Undo button names its change: pressed after a later change, it
// takes back nothing rather than the later one.
func TestALateUndoButtonTakesBackNothingElse(t *testing.T) {
	e := newEnv(t)
	e.say("/start")
	first := e.say("/run 10km 50m rpe:4")
	e.say("/checkin rhr:50")
	wantContains(t, e.say(first.Buttons[0][0].Data).Text, "undone already, or you have changed something since")
	if len(e.runs()) != 1 || len(e.checkIns()) != 1 {
		t.Error("a stale Undo button changed something")
	}
}

// An edit that changes nothing says so and leaves nothing to undo: it
// answered "is now 10.0 km ... (it was 10.0 km ...). /undo takes it back."
func TestRunEditThatChangesNothingSaysSo(t *testing.T) {
	for _, text := range []string{"/run edit 1 10km", "/run edit 1 distance:6.2137mi", "/run edit 1 rpe:4 duration:50m",
		"/run edit 1 type:-", "/run edit 1 date:today"} {
		t.Run(text, func(t *testing.T) {
			e := newEnv(t)
			e.say("/start")
			e.say("/run 10km 50m rpe:4")
			before := e.runs()
			r := e.say(text)
			wantContains(t, r.Text, "Run 1, a run for today, already is 10.0 km (6.2 mi) in 50 min", "RPE 4", ": nothing changed.")
			if len(r.Buttons) != 0 {
				t.Errorf("an unchanged run offers %v", r.Buttons)
			}
			if after := e.runs(); len(after) != 1 || after[0] != before[0] {
				t.Errorf("an edit that changes nothing changed the run: %+v", after)
			}
			wantContains(t, e.say("/undo").Text, "run 1 is deleted")
		})
	}
}

func TestRunNumberRefusals(t *testing.T) {
	tests := []struct{ text, want string }{
		{"/run delete 7", "You have no run 7"},
		{"/run edit 1 rpe:11", "RPE 11 is out of range: use 1 to 10"},
		{"/run edit 1", "Say what to change, e.g. /run edit 1 rpe:6"},
		{"/run edit 1 duration:2m", "faster than the world record"},
		{"/run edit 1 pace:fast", "Valid keys here are: number, distance, duration, rpe, type, date"},
		{"/history 0", "Days 0 is out of range: use 1 to 60"},
		{"/run delete", "/run delete needs a run number, e.g. /run delete 3"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			e := newEnv(t)
			e.say("/start")
			e.say("/run 10km 50m rpe:4")
			before := e.runs()
			wantContains(t, e.say(tt.text).Text, tt.want)
			if after := e.runs(); len(after) != 1 || after[0] != before[0] {
				t.Errorf("refused command changed the run: %+v", after)
			}
		})
	}
}
