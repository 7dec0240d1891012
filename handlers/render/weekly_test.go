package render

import (
	"strings"
	"testing"

	"github.com/runclub/runclub/domain"
)

// today is a Friday, the day the tests read their facts on.
var today = domain.Date{Year: 2026, Month: 11, Day: 20}

func TestFlagEvidenceInTheReadersUnits(t *testing.T) {
	sat := domain.Date{Year: 2026, Month: 11, Day: 14}
	for _, tc := range []struct {
		f     domain.Flag
		units string
		want  string
	}{
		{domain.Flag{Code: domain.FlagACWR, Evidence: domain.Evidence{Ratio: 2, Acute: 60, Chronic: 30}}, domain.UnitsKM,
			"Load ratio (ACWR, uncoupled) 2.00: the last 7 days averaged 60 a day (RPE × minutes) against 30 in the 3 weeks before. 1.5 or more is the danger zone."},
		{domain.Flag{Code: domain.FlagEWMA, Evidence: domain.Evidence{Ratio: 1.52, Acute: 47.3, Chronic: 31.1}}, domain.UnitsKM,
			"Load ratio (EWMA) 1.52: acute 47 against chronic 31. 1.5 or more is the danger zone."},
		{domain.Flag{Code: domain.FlagMileageJump, Evidence: domain.Evidence{Change: 1, Metres: 42000, PrevMetres: 21000}}, domain.UnitsKM,
			"Distance up 100% on the week before (42.0 km against 21.0 km); more than 30% in a week raised injury risk."},
		{domain.Flag{Code: domain.FlagMileageJump, Evidence: domain.Evidence{Change: 1, Metres: 42000, PrevMetres: 21000}}, domain.UnitsMI,
			"Distance up 100% on the week before (26.1 mi against 13.0 mi)"},
		{domain.Flag{Code: domain.FlagRunSpike, Evidence: domain.Evidence{Date: sat, Metres: 6000, PrevMetres: 3000, Ratio: 2}}, domain.UnitsKM,
			"The run on Saturday 2026-11-14 was 6.0 km, 100% longer than your longest run of the 30 days before (3.0 km)."},
		{domain.Flag{Code: domain.FlagMonotony, Evidence: domain.Evidence{Ratio: 10}}, domain.UnitsKM, "Monotony 10.00 (above 2.0)"},
		{domain.Flag{Code: domain.FlagStrain, Evidence: domain.Evidence{Acute: 4200, Chronic: 2100, Ratio: 2}}, domain.UnitsKM,
			"Strain 4200 against your 4-week average of 2100 (2.0 times)."},
		{domain.Flag{Code: domain.FlagRHRUp, Evidence: domain.Evidence{Days: 3}}, domain.UnitsKM, "Resting HR was 5 or more bpm above your baseline on 3 of the last 7 days."},
		{domain.Flag{Code: domain.FlagHRVLow, Evidence: domain.Evidence{Mean: 49.4, Range: domain.Range{Lo: 57.4, Hi: 63.4}}}, domain.UnitsKM,
			"HRV 7-day average 49 ms is below your normal range of 57–63 ms."},
		{domain.Flag{Code: domain.FlagShortSleep, Evidence: domain.Evidence{Mean: 7, Days: 7, Debt: 7}}, domain.UnitsKM,
			"Sleep averaged 7.0 h over 7 nights: 7.0 h short in all, against 8 h a night."},
		{domain.Flag{Code: domain.FlagFatigueUp, Evidence: domain.Evidence{Shape: domain.ShapeSeries, Series: []int{3, 4, 5, 6}, Date: sat}}, domain.UnitsKM,
			"Fatigue rose three days in a row (3 → 4 → 5 → 6, to Saturday)."},
		{domain.Flag{Code: domain.FlagSorenessUp, Evidence: domain.Evidence{Shape: domain.ShapeMeans, Mean: 32.0 / 7, PrevMean: 24.0 / 7}}, domain.UnitsKM,
			"Soreness averaged 4.6 this week against 3.4 the week before."},
		{domain.Flag{Code: domain.FlagMoodDown, Evidence: domain.Evidence{Shape: domain.ShapeSeries, Series: []int{8, 7, 6, 5}, Date: sat}}, domain.UnitsKM,
			"Mood fell three days in a row (8 → 7 → 6 → 5, to Saturday)."},
		{domain.Flag{Code: domain.FlagMoodDown, Evidence: domain.Evidence{Shape: domain.ShapeLowDays, Days: 7}}, domain.UnitsKM,
			"Mood or motivation was 3 or lower on 7 days this week."},
		{domain.Flag{Code: domain.FlagStressHigh, Evidence: domain.Evidence{Days: 3}}, domain.UnitsKM, "Stress was 7 or higher on 3 days this week."},
		{domain.Flag{Code: domain.FlagCheckInsDown, Evidence: domain.Evidence{Count: 3, PrevCount: 7}}, domain.UnitsKM, "Check-ins dropped from 7 to 3 this week."},
	} {
		if got := evidence(tc.f, tc.units); !strings.Contains(got, tc.want) {
			t.Errorf("%s: %q lacks %q", tc.f.Code, got, tc.want)
		}
	}
}

func TestWeeklyTotals(t *testing.T) {
	w := domain.MemberWeek{Metres: 42000, PrevMetres: 21000, Runs: 7, Minutes: 84}
	if got := totals(w, domain.UnitsKM); got != "42.0 km (26.1 mi) in 7 runs (1:24 h), up 100% on last week's 21.0 km; 0 of 7 check-ins." {
		t.Errorf("totals %q", got)
	}
	if got := totals(w, domain.UnitsMI); !strings.Contains(got, "26.1 mi (42.0 km)") || !strings.Contains(got, "last week's 13.0 mi") {
		t.Errorf("totals in miles %q", got)
	}
	w = domain.MemberWeek{Metres: 8000, PrevMetres: 10000, Runs: 1, Minutes: 45}
	if got := totals(w, domain.UnitsKM); got != "8.0 km (5.0 mi) in 1 run (0:45 h), down 20% on last week's 10.0 km; 0 of 7 check-ins." {
		t.Errorf("%q", got)
	}
	w.PrevMetres = 0
	if got := totals(w, domain.UnitsKM); !strings.Contains(got, "no runs logged the week before") {
		t.Errorf("%q", got)
	}
	w = domain.MemberWeek{Metres: 10002, PrevMetres: 10000, CheckIns: 7}
	if got := totals(w, domain.UnitsKM); !strings.Contains(got, "the same as last week; 7 of 7 check-ins.") {
		t.Errorf("%q", got)
	}
	if got := totals(domain.MemberWeek{}, domain.UnitsKM); got != "0.0 km (0.0 mi) in 0 runs (0:00 h); 0 of 7 check-ins." {
		t.Errorf("totals %q", got)
	}
}

func TestMemberWeekSaysWhenThereWasTooLittleToJudge(t *testing.T) {
	m := domain.Member{WakeMinute: 5*60 + 30}
	thin := domain.MemberWeek{From: today.AddDays(-6), To: today, CheckIns: 1, Sleep: domain.SleepStatus{Mean7: 6.5, Nights: 1}}
	text := MemberWeek(thin, m)
	for _, want := range []string{"Your week, Sat 14 Nov – Fri 20 Nov:", "Load ratio: still building (0 of 28 days).", "Sleep: 6.5 h a night on average over 1 night.",
		"Too few check-ins this week to judge recovery (1 of 7; I need at least 3).", acwrCaveat} {
		if !strings.Contains(text, want) {
			t.Errorf("%q lacks %q", text, want)
		}
	}
	flagged := thin
	flagged.Flags = []domain.Flag{{Kind: domain.FlagUnderRecovery, Code: domain.FlagShortSleep, Source: domain.SourceSleep, Evidence: domain.Evidence{Mean: 6.5, Days: 3, Debt: 4.5}}}
	flagged.Next = domain.Action{Kind: domain.ActionSleepFirst, Bedtime: 20*60 + 30, Wake: 5*60 + 30}
	text = MemberWeek(flagged, m)
	for _, want := range []string{"1 flag:\n• Under-recovery: Sleep averaged 6.5 h over 3 nights", "(recovery guide: 8–10 h a night)",
		"Next week: put sleep first: 8–10 hours a night, lights out by 20:30 for your 05:30 wake-up"} {
		if !strings.Contains(text, want) {
			t.Errorf("%q lacks %q", text, want)
		}
	}
}

func TestGroupWeekNamesOnlyTheSharing(t *testing.T) {
	g := domain.GroupWeek{From: today.AddDays(-6), To: today, Total: 3, NotSharing: 3}
	if text := GroupWeek(g, "", domain.UnitsKM); !strings.Contains(text, "Your club, week") || !strings.Contains(text, "Nobody shares their data with coaches yet") {
		t.Errorf("%q", text)
	}
	g = domain.GroupWeek{From: today.AddDays(-6), To: today, Total: 2, CheckIns: 7, PossibleCheckIns: 7, Members: []domain.MemberWeek{{Name: "Bo", CheckIns: 7}}}
	text := GroupWeek(g, "Harriers", domain.UnitsKM)
	for _, want := range []string{"Harriers, week Sat 14 Nov – Fri 20 Nov.", "2 members: 2 share with coaches.", "Check-ins: 7 of 7 possible (100%).", "No flags this week.", "Sharing: Bo."} {
		if !strings.Contains(text, want) {
			t.Errorf("%q lacks %q", text, want)
		}
	}
}
