package render

import (
	"strings"
	"testing"

	"github.com/runclub/runclub/domain"
)

// pastDay is readiness of a day before today: every verdict, with reasons
// whose words have a tense.
func pastDay(v domain.Verdict, date domain.Date) domain.Readiness {
	low := steadyHRV
	low.TodayMS, low.TodayLow, low.Level = 49, true, domain.LevelWarning
	return domain.Readiness{Date: date, Verdict: v, Score: 39,
		Action:  domain.Action{Kind: domain.ActionBedtime, Pillar: domain.PillarSleep, Bedtime: 21*60 + 30, Wake: 6*60 + 30},
		Missing: []domain.Missing{{Kind: domain.MissingHRVWeek, Have: 2, Need: 3}},
		Markers: domain.Markers{HasCheckIn: true, RHR: domain.RHRStatus{Mornings: 3}},
		Reasons: []domain.Reason{
			{Marker: domain.MarkerHRV, Level: domain.LevelWarning, Source: domain.SourceHRV, HRV: low},
			{Marker: domain.MarkerRHR, Level: domain.LevelCaution, Source: domain.SourceRHR, RHR: domain.RHRStatus{Today: 56, Baseline: 50, Delta: 6, Mornings: 28, Level: domain.LevelCaution, ElevatedDays: 2}},
			{Marker: domain.MarkerSleep, Level: domain.LevelCaution, Source: domain.SourceSleep, Sleep: domain.SleepStatus{LastNight: 7.5, Mean7: 7.4, Nights: 7, Debt: 4.2}},
			{Marker: domain.MarkerFatigue, Level: domain.LevelCaution, Source: domain.SourceSubjective, Score: domain.Score{Value: 6, Rising: true}},
			{Marker: domain.MarkerStress, Level: domain.LevelInfo, Source: domain.SourceSubjective, Score: domain.Score{Value: 8}},
			{Marker: domain.MarkerMood, Level: domain.LevelInfo, Source: domain.SourceSubjective, Score: domain.Score{Value: 2}},
			{Marker: domain.MarkerLoad, Level: domain.LevelInfo, Source: domain.SourceACWR, Load: domain.ACWR{Acute: 60, Chronic: 30, Ratio: 2}},
		}}
}

func TestAPastDaySpeaksInThePast(t *testing.T) {
	tue := domain.Date{Year: 2026, Month: 12, Day: 1}
	for _, tc := range []struct {
		v        domain.Verdict
		date     domain.Date
		headline string
		line     string
	}{
		{domain.VerdictRed, tue, "Tue 1 Dec 2026 was a rest day by your numbers (red, score 39/100).", "Red (39/100): a rest day."},
		{domain.VerdictAmber, tue.AddDays(-1), "Mon 30 Nov 2026 was a day to keep easy by your numbers (amber, score 39/100).", "Amber (39/100): a day to keep easy."},
		{domain.VerdictGreen, tue.AddDays(3), "Yesterday was a day to train as planned by your numbers (green, score 39/100).", "Green (39/100): a day to train as planned."},
		{domain.VerdictEarly, tue.AddDays(3), "Yesterday was too early to judge: resting HR baseline 3 of 5 mornings.", "Too early to judge: resting HR baseline 3 of 5 mornings."},
		{domain.VerdictUnknown, tue.AddDays(3), "No verdict for yesterday.\nThat check-in has nothing I could judge", "No verdict: nothing that day I could judge."},
	} {
		today := tue.AddDays(4)
		rd := pastDay(tc.v, tc.date)
		text := Readiness(rd, domain.UnitsKM, today)
		line := ReadinessLine(rd, today)
		if !strings.HasPrefix(text, tc.headline) || !strings.HasPrefix(line, tc.line) {
			t.Errorf("%s:\n%s\n---\n%s", tc.v, text, line)
		}
		for _, now := range []string{"today", "Today", "this morning", "Tonight", "tonight", "last night", "more needed", "has been", "has risen", "last 7", "Last 7", " is high", " is low", " is below"} {
			if strings.Contains(text, now) || strings.Contains(line, now) {
				t.Errorf("%s of %s says %q:\n%s\n---\n%s", tc.v, tc.date, now, text, line)
			}
		}
	}
	wantAll(t, Readiness(pastDay(domain.VerdictRed, tue), domain.UnitsKM, tue.AddDays(1)),
		"HRV 49 ms that morning is more than one SD below",
		"said your body was still working on recovery. It had been up 2 days in a row",
		"Slept 7.5 h the night before (target 8–10 h). 7-day average 7.4 h, 4.2 h short over the 7 nights to then.",
		"It had risen three days in a row.", "Stress 8/10 was high", "Mood and motivation 2/10 was low",
		"the 7 days to then averaged 60 a day", "For what to do now, send /readiness.",
		"7 days to yesterday: 0.0 km (0.0 mi);", "Still building on that day: HRV in the 7 days to then: 2 of 3 readings.")
	none := domain.Readiness{Date: tue, Verdict: domain.VerdictUnknown, Action: domain.Action{Kind: domain.ActionCheckIn}}
	if text := Readiness(none, domain.UnitsKM, tue.AddDays(2)); !strings.Contains(text, "I have no check-in for that day.\nTo add one: /checkin date:2026-12-01 rhr:52") ||
		strings.Contains(text, "this morning") {
		t.Errorf("no verdict of a past day: %q", text)
	}
}

func TestTodaySpeaksOfTodayAndThisMorning(t *testing.T) {
	wantAll(t, Readiness(pastDay(domain.VerdictRed, today), domain.UnitsKM, today),
		"Red for today: rest today, or active recovery only. (Score 39/100.)", "HRV 49 ms this morning", "Slept 7.5 h last night",
		"4.2 h short over the last 7 nights.", "Today (sleep): Tonight, lights out by 21:30", "Last 7 days: 0.0 km", "Still building: HRV in the last 7 days: 2 of 3 readings (1 more needed).")
}

func TestSleepDebtIsTheTotalOverTheNightsItCounts(t *testing.T) {
	for _, tc := range []struct {
		s    domain.SleepStatus
		t    tense
		want string
	}{
		{domain.SleepStatus{LastNight: 7, Mean7: 7.4, Nights: 7, Debt: 4.2}, tense{}, "7-day average 7.4 h, 4.2 h short over the last 7 nights."},
		{domain.SleepStatus{LastNight: 7, Mean7: 7, Nights: 5, Debt: 5}, tense{}, "7-day average 7.0 h, 5.0 h short over the 5 nights logged in the last 7."},
		{domain.SleepStatus{LastNight: 7, Mean7: 7, Nights: 5, Debt: 5}, tense{past: true}, "5.0 h short over the 5 nights logged in the 7 to then."},
		{domain.SleepStatus{LastNight: 8.5, Mean7: 8.5, Nights: 3}, tense{}, "Slept 8.5 h last night (target 8–10 h). 7-day average 8.5 h."},
	} {
		if got := sleepText(tc.s, tc.t); !strings.HasSuffix(got, tc.want) {
			t.Errorf("%q, want it to end %q", got, tc.want)
		}
	}
}

func TestTooEarlyToJudgeStillPointsOutALargeChange(t *testing.T) {
	rise := domain.RHRStatus{Today: 62, HasToday: true, Baseline: 50.25, Mornings: 4, Building: true, Delta: 11.75, Level: domain.LevelWarning}
	rd := domain.Readiness{Date: today, Verdict: domain.VerdictEarly,
		Action:  domain.Action{Kind: domain.ActionEasySwap, Pillar: domain.PillarPhysical},
		Markers: domain.Markers{HasCheckIn: true, RHR: rise},
		Missing: []domain.Missing{{Kind: domain.MissingRHRBaseline, Have: 4, Need: 5}},
		Reasons: []domain.Reason{
			{Marker: domain.MarkerRHR, Level: domain.LevelWarning, Source: domain.SourceRHR, Pillar: domain.PillarPhysical, Provisional: true, RHR: rise},
			{Marker: domain.MarkerSleep, Source: domain.SourceSleep, Sleep: domain.SleepStatus{LastNight: 8.5, Nights: 1}},
		}}
	line := ReadinessLine(rd, today)
	if line != "Too early to judge: resting HR baseline 4 of 5 mornings. Resting HR +12 bpm against your first 4 mornings." {
		t.Errorf("line %q", line)
	}
	text := Readiness(rd, domain.UnitsKM, today)
	wantAll(t, text, "Too early to judge today: resting HR baseline 4 of 5 mornings.\n",
		"Why:\n• Resting HR 62 bpm, +12 against the mean of your first 4 mornings (50). The baseline needs 5, so this is provisional, but 10 or more above is a common sign of fatigue or illness: take it seriously. (recovery guide; Polar; Dressendorfer)",
		"Today (physical recovery): Swap any hard session for an easy 30–40 minutes",
		"Still building: RHR baseline: 4 of 5 mornings (1 more needed).")
	for _, never := range []string{"Green", "100/100", "train as planned"} {
		if strings.Contains(text+line, never) {
			t.Errorf("a day-5 member is told %q:\n%s", never, text)
		}
	}
	quiet := domain.Readiness{Date: today, Verdict: domain.VerdictEarly, Markers: domain.Markers{HasCheckIn: true, RHR: domain.RHRStatus{Mornings: 1}},
		Action: domain.Action{Kind: domain.ActionBuildBaseline, Mornings: 3}}
	if text := Readiness(quiet, domain.UnitsKM, today); !strings.Contains(text, "Today: Check in every morning with your resting HR: 3 more mornings and your baseline is ready") {
		t.Errorf("%s", text)
	}
	if got := actionText(domain.Action{Kind: domain.ActionBuildBaseline}); !strings.HasPrefix(got, "Check in tomorrow morning with your resting HR: from then your baseline is ready") {
		t.Errorf("%q", got)
	}
	if got := reasonText(domain.Reason{Marker: domain.MarkerRHR, Provisional: true, RHR: domain.RHRStatus{Today: 52, Baseline: 50, Delta: 2, Mornings: 2}}, tense{}); got !=
		"Resting HR 52 bpm, +2 against the mean of your first 2 mornings (50). The baseline needs 5, so this is provisional." {
		t.Errorf("%q", got)
	}
}
