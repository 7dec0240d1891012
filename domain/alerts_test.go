package domain

import (
	"slices"
	"testing"
)

func alertCodes(fs []Finding) []AlertCode {
	var out []AlertCode
	for _, f := range fs {
		out = append(out, f.Code)
	}
	return out
}

// calm is 28 calm mornings (RHR 50, sleep 8.5 h), days 0..27.
func calm() []CheckIn { return mornings(0, 27, m{rhr: 50, sleep: 8.5, fatigue: 3}) }

func TestRedTwoDaysRunningIsAnAlert(t *testing.T) {
	red := m{rhr: 62, sleep: 5.5, fatigue: 3} // +12 bpm and under 7 h: two warnings
	h := History{CheckIns: append(calm(), red.on(day(28)))}
	if fs := AlertFindings(h, day(28)); slices.Contains(alertCodes(fs), AlertRedDays) {
		t.Fatalf("one red day is a bad night, not an alert: %v", alertCodes(fs))
	}
	h.CheckIns = append(h.CheckIns, red.on(day(29)))
	fs := AlertFindings(h, day(29))
	if len(fs) == 0 || fs[0].Code != AlertRedDays {
		t.Fatalf("findings %v, want red-days first", alertCodes(fs))
	}
	if !slices.Equal(fs[0].Days, []Date{day(28), day(29)}) || fs[0].Readiness.Verdict != VerdictRed || len(fs[0].Readiness.Moved()) < 2 {
		t.Errorf("evidence %+v", fs[0])
	}
	// The next morning, before the check-in, the two red days still stand.
	if fs := AlertFindings(h, day(30)); len(fs) == 0 || fs[0].Code != AlertRedDays || fs[0].Days[1] != day(29) {
		t.Errorf("before the next check-in: %v", alertCodes(fs))
	}
	// A green morning after them ends it.
	h.CheckIns = append(h.CheckIns, m{rhr: 50, sleep: 8.5, fatigue: 3}.on(day(30)))
	if fs := AlertFindings(h, day(30)); slices.Contains(alertCodes(fs), AlertRedDays) {
		t.Errorf("a green morning after two red ones: %v", alertCodes(fs))
	}
}

func TestRestingHRUpOnThreeOfFiveMornings(t *testing.T) {
	cis := calm()
	// Mornings 28..32: +11, normal, +12, missing, +10 over each baseline (three of the last five with a reading).
	cis = append(cis, m{rhr: 61}.on(day(28)), m{rhr: 51}.on(day(29)), m{rhr: 62}.on(day(30)), m{rhr: 61}.on(day(32)))
	fs := AlertFindings(History{CheckIns: cis}, day(32))
	i := slices.Index(alertCodes(fs), AlertRHRMornings)
	if i < 0 {
		t.Fatalf("findings %v, want rhr-mornings", alertCodes(fs))
	}
	f := fs[i]
	if f.Of != 5 || len(f.Mornings) != 3 || f.Mornings[0].Date != day(28) || f.Mornings[2].Date != day(32) {
		t.Errorf("evidence %+v", f)
	}
	// Each morning against its own baseline: day 28's is 50 exactly.
	if f.Mornings[0].RHR != 61 || f.Mornings[0].Baseline != 50 || f.Mornings[0].Delta() != 11 {
		t.Errorf("first morning %+v", f.Mornings[0])
	}
	// +9 is a caution, not a warning: two of five is not enough.
	cis[len(cis)-1] = m{rhr: 59}.on(day(32))
	if fs := AlertFindings(History{CheckIns: cis}, day(32)); slices.Contains(alertCodes(fs), AlertRHRMornings) {
		t.Errorf("two warning mornings: %v", alertCodes(fs))
	}
}

func TestLoadRatioInTheDangerZoneIsAnAlert(t *testing.T) {
	fs := AlertFindings(overloaded(), day(41))
	if !slices.Contains(alertCodes(fs), AlertLoad) {
		t.Fatalf("findings %v", alertCodes(fs))
	}
	if fs := AlertFindings(steady(), day(41)); len(fs) != 0 {
		t.Errorf("a steady member: %v", alertCodes(fs))
	}
}

func TestQuietAfterAStreakIsAnAlertButNotWhileAway(t *testing.T) {
	h := History{CheckIns: mornings(20, 27, m{mood: 7})} // a streak of 8 ending day 27
	for _, tc := range []struct {
		name  string
		today int
		away  []Away
		want  bool
	}{
		{"two quiet days are not yet", 30, nil, false},
		{"three quiet days after eight", 31, nil, true},
		{"away on one of the quiet days", 31, []Away{{From: day(29), Until: day(29)}}, false},
		{"away today", 31, []Away{{From: day(31), Until: day(33)}}, false},
	} {
		h.Away = tc.away
		f, ok := AbsenceFinding(h, day(tc.today))
		if ok != tc.want {
			t.Errorf("%s: absent = %v", tc.name, ok)
		}
		if ok && (f.Streak != 8 || f.LastCheckIn != day(27) || !slices.Equal(f.Days, []Date{day(28), day(29), day(30)})) {
			t.Errorf("%s: evidence %+v", tc.name, f)
		}
	}
	short := History{CheckIns: mornings(24, 27, m{mood: 7})}
	if _, ok := AbsenceFinding(short, day(31)); ok {
		t.Error("a streak of four is not a habit that stopped")
	}
	back := History{CheckIns: append(mornings(20, 27, m{mood: 7}), m{mood: 6}.on(day(31)))}
	if _, ok := AbsenceFinding(back, day(31)); ok {
		t.Error("a check-in today ends the absence")
	}
}

func TestAMemberAwayHasNoAlerts(t *testing.T) {
	h := overloaded()
	h.Away = []Away{{From: day(40), Until: day(44), Reason: AwayIll}}
	if fs := AlertFindings(h, day(41)); len(fs) != 0 {
		t.Errorf("findings while away: %v", alertCodes(fs))
	}
}

func TestQuietHoursRunFromNineAtNightToEight(t *testing.T) {
	for minute, want := range map[int]bool{0: true, 7*60 + 59: true, 8 * 60: false, 12 * 60: false, 20*60 + 59: false, 21 * 60: true, 23 * 60: true} {
		if QuietHours(minute) != want {
			t.Errorf("%s: quiet = %v", FormatClock(minute), !want)
		}
	}
}
