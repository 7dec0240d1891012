package render

import (
	"math"
	"strings"
	"testing"

	"github.com/runclub/runclub/domain"
)

func TestVerdictWords(t *testing.T) {
	for v, want := range map[domain.Verdict]string{domain.VerdictGreen: "Green: train as planned", domain.VerdictAmber: "Amber: keep it easy today: cut the intensity or the distance",
		domain.VerdictRed: "Red: rest today, or active recovery only", domain.VerdictUnknown: "No verdict: no verdict yet"} {
		if got := verdictTitle(v) + ": " + verdictAdvice(v); got != want {
			t.Errorf("%q, want %q", got, want)
		}
	}
	if capitalise("") != "" || capitalise("fatigue") != "Fatigue" {
		t.Error("capitalise")
	}
}

// steadyHRV is a 60-day HRV baseline of ln 4.1 ± 0.1 (normal range 57–63 ms)
// whose last 7 days average 60 ms.
var steadyHRV = domain.HRVStatus{Mean: 4.1, SD: 0.1, BaselineN: 30, Week7Mean: 4.1, Week7N: 7, Used: true, TodayMS: 60, TodayLn: 4.1, HasToday: true}

func TestReasonsCompareWithTheRunnersOwnBaseline(t *testing.T) {
	rd := domain.Readiness{Date: today, Verdict: domain.VerdictAmber, Score: 65,
		Action: domain.Action{Kind: domain.ActionBedtime, Pillar: domain.PillarSleep, Bedtime: 21*60 + 30, Wake: 6*60 + 30},
		Reasons: []domain.Reason{
			{Marker: domain.MarkerSleep, Level: domain.LevelWarning, Source: domain.SourceSleep, Pillar: domain.PillarSleep,
				Sleep: domain.SleepStatus{LastNight: 6.5, HasLastNight: true, Mean7: (6*8.5 + 6.5) / 7, Nights: 7}},
			{Marker: domain.MarkerRHR, Level: domain.LevelCaution, Source: domain.SourceRHR, Pillar: domain.PillarPhysical,
				RHR: domain.RHRStatus{Today: 58, HasToday: true, Baseline: 50, Mornings: 28, Delta: 8, Level: domain.LevelCaution}},
			{Marker: domain.MarkerHRV, Source: domain.SourceHRV, Pillar: domain.PillarPhysical, HRV: steadyHRV},
			{Marker: domain.MarkerFatigue, Source: domain.SourceSubjective, Pillar: domain.PillarPhysical, Score: domain.Score{Value: 3, Usual: 3, HasUsual: true}},
		}}
	wantAll(t, Readiness(rd, domain.UnitsKM, today),
		"Amber for today: keep it easy today: cut the intensity or the distance. (Score 65/100.)",
		"Why:\n• Slept 6.5 h last night (target 8–10 h). 7-day average 8.2 h. (recovery guide: 8–10 h a night)\n",
		"• Resting HR 58 bpm, +8 against your baseline of 50 (last 28 mornings). 5 or more above baseline says your body is still working on recovery. (recovery guide; Polar; Dressendorfer)",
		"In your normal range:\n• HRV 7-day average 60 ms, inside or above your normal range of 57–63 ms.\n• Fatigue 3/10 (your usual 3).\n",
		"Today (sleep): Tonight, lights out by 21:30: that gives you 9 hours before your 06:30 wake-up.",
		"not medical advice")
	if s := ReadinessLine(rd, today); s != "Amber (65/100): keep it easy today: cut the intensity or the distance. Slept 6.5 h, resting HR +8 bpm." {
		t.Errorf("line %q", s)
	}
}

func TestReasonWordsForEachMarker(t *testing.T) {
	low := steadyHRV
	low.TodayMS, low.TodayLow = math.Exp(3.9), true
	week := steadyHRV
	week.Week7Mean, week.WeekLow = 3.9, true
	for _, tc := range []struct {
		x           domain.Reason
		text, short string
	}{
		{domain.Reason{Marker: domain.MarkerRHR, RHR: domain.RHRStatus{Today: 61, Baseline: 50, Mornings: 28, Delta: 11, Level: domain.LevelWarning, ElevatedDays: 3}},
			"Resting HR 61 bpm, +11 against your baseline of 50 (last 28 mornings). 10 or more above baseline is a warning sign of fatigue or illness. It has been up 3 days in a row, which is stronger evidence than one morning.",
			"resting HR +11 bpm"},
		{domain.Reason{Marker: domain.MarkerRHR, RHR: domain.RHRStatus{Today: 49, Baseline: 49.3, Mornings: 28, Delta: -0.3}},
			"Resting HR 49 bpm, +0 against your baseline of 49 (last 28 mornings).", "resting HR +0 bpm"},
		{domain.Reason{Marker: domain.MarkerRHR, RHR: domain.RHRStatus{Today: 47, Baseline: 49.3, Mornings: 28, Delta: -2.3}},
			"Resting HR 47 bpm, -2 against your baseline of 49 (last 28 mornings).", "resting HR -2 bpm"},
		{domain.Reason{Marker: domain.MarkerHRV, HRV: low}, "HRV 49 ms this morning is more than one SD below your 60-day baseline (normal range 57–63 ms).", "HRV 49 ms, well below your range"},
		{domain.Reason{Marker: domain.MarkerHRV, HRV: week}, "HRV 7-day average 49 ms is below your normal range of 57–63 ms (60-day baseline).", "HRV week below your range"},
		{domain.Reason{Marker: domain.MarkerRHRWithHRV}, "Resting HR up and HRV down together can mean overreaching or a cold coming on: weigh it more.", "RHR up with HRV down"},
		{domain.Reason{Marker: domain.MarkerSleep, Sleep: domain.SleepStatus{LastNight: 7.44, Mean7: 7.4, Nights: 7, Debt: 4.2}},
			"Slept 7.4 h last night (target 8–10 h). 7-day average 7.4 h, 4.2 h short over the last 7 nights.", "slept 7.4 h"},
		{domain.Reason{Marker: domain.MarkerSleep, Sleep: domain.SleepStatus{LastNight: 6, Mean7: 6, Nights: 1, Debt: 2}}, "Slept 6 h last night (target 8–10 h).", "slept 6 h"},
		{domain.Reason{Marker: domain.MarkerSoreness, Score: domain.Score{Value: 9, Band: domain.LevelWarning}}, "Soreness 9/10, very high.", "soreness 9/10"},
		{domain.Reason{Marker: domain.MarkerFatigue, Score: domain.Score{Value: 7, Usual: 4.4, HasUsual: true, Band: domain.LevelCaution, Rising: true}},
			"Fatigue 7/10 (your usual 4), high. It has risen three days in a row.", "fatigue 7/10"},
		{domain.Reason{Marker: domain.MarkerFatigue, Score: domain.Score{Value: 5, Rising: true}}, "Fatigue 5/10. It has risen three days in a row.", "fatigue rising 3 days"},
		{domain.Reason{Marker: domain.MarkerStress, Score: domain.Score{Value: 8}}, "Stress 8/10 is high; stress slows recovery and feeds burnout.", "stress 8/10"},
		{domain.Reason{Marker: domain.MarkerMood, Score: domain.Score{Value: 2}}, "Mood and motivation 2/10 is low; if it stays low, talk to your coach.", "mood 2/10"},
		{domain.Reason{Marker: domain.MarkerLoad, Load: domain.ACWR{Acute: 50, Chronic: 30, Ratio: 5.0 / 3}},
			"Training load: the last 7 days averaged 50 a day (RPE × minutes) against 30 before (ACWR 1.67, uncoupled), in the danger zone. A prompt to look closer, not a diagnosis.",
			"load ratio 1.67"},
	} {
		if got := reasonText(tc.x, tense{}); got != tc.text {
			t.Errorf("%s text\n got %q\nwant %q", tc.x.Marker, got, tc.text)
		}
		if got := reasonShort(tc.x); got != tc.short {
			t.Errorf("%s short %q, want %q", tc.x.Marker, got, tc.short)
		}
	}
}

func TestMissingWords(t *testing.T) {
	ms := []domain.Missing{{Kind: domain.MissingCheckIn}, {Kind: domain.MissingRHRBaseline, Have: 3, Need: 5}, {Kind: domain.MissingHRVBaseline, Have: 10, Need: 14},
		{Kind: domain.MissingHRVWeek, Need: 3}, {Kind: domain.MissingLoadRatio, Have: 21, Need: 28}}
	var got []string
	for _, m := range ms {
		got = append(got, missingText(m, tense{}))
	}
	want := "today's check-in; RHR baseline: 3 of 5 mornings; HRV baseline: 10 of 14 readings; HRV in the last 7 days: 0 of 3 readings; training load ratio (ACWR): 21 of 28 days"
	if strings.Join(got, "; ") != want {
		t.Errorf("missing %q", strings.Join(got, "; "))
	}
	if l := missingLine(ms[:2], tense{}); l != "Still building: RHR baseline: 3 of 5 mornings (2 more needed)." {
		t.Errorf("line %q", l)
	}
	rd := domain.Readiness{Verdict: domain.VerdictAmber, Score: 69, Missing: ms[1:]}
	if s := ReadinessLine(rd, today); !strings.HasSuffix(s, "Still building: RHR baseline: 3 of 5 mornings.") {
		t.Errorf("line %q", s)
	}
}

func TestNoVerdictSaysWhatToSend(t *testing.T) {
	none := domain.Readiness{Date: today, Verdict: domain.VerdictUnknown, Action: domain.Action{Kind: domain.ActionCheckIn},
		Missing: []domain.Missing{{Kind: domain.MissingCheckIn}, {Kind: domain.MissingRHRBaseline, Need: 5}, {Kind: domain.MissingLoadRatio, Need: 28}}}
	if s := ReadinessLine(none, today); !strings.Contains(s, "send today's check-in") {
		t.Errorf("line %q", s)
	}
	if s := Readiness(none, domain.UnitsKM, today); !strings.Contains(s, "No verdict for today yet.\nI have no check-in for that day.\nSend this morning's check-in, e.g. /checkin rhr:52") {
		t.Errorf("readiness %q", s)
	}
	none.Markers.HasCheckIn = true
	if s := ReadinessLine(none, today); !strings.Contains(s, "nothing I can judge yet") {
		t.Errorf("line %q", s)
	}
}

func TestLoadLine(t *testing.T) {
	l := domain.LoadStatus{Distance: domain.WeekDistance{Metres: 56327}, ACWR: domain.ACWR{Ratio: 1, Defined: true}, Unrated: 1}
	if got := loadLine(domain.Readiness{Load: l, Unrated7: 1}, domain.UnitsMI, "today", tense{}); got != "Last 7 days: 35.0 mi (56.3 km), 1 run in them without RPE (not counted in load); load ratio (ACWR, uncoupled) 1.00, sweet spot." {
		t.Errorf("%q", got)
	}
	l.ACWR.Defined = false
	if got := loadLine(domain.Readiness{Load: l}, domain.UnitsKM, "today", tense{}); !strings.Contains(got, "no load ratio: no rated runs in the 3 weeks before this one") {
		t.Errorf("%q", got)
	}
}

// wantAll fails t for each of wants that text lacks.
func wantAll(t *testing.T, text string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(text, w) {
			t.Errorf("%q\nlacks %q", text, w)
		}
	}
}
