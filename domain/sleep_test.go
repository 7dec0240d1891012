package domain

import (
	"reflect"
	"testing"
	"time"
)

func TestSleepPriorityNamesEachReasonAtItsThreshold(t *testing.T) {
	easy := Run{Metres: 10000, Duration: 50 * time.Minute, RPE: 4, Type: "easy"}
	long := Run{Metres: 32000, Duration: 150 * time.Minute, RPE: 6, Type: "long"}
	longByTime := Run{Metres: 18000, Duration: LongRunDuration, RPE: 5, Type: "easy"}
	hard := Run{Metres: 12000, Duration: 60 * time.Minute, RPE: HardRunRPE, Type: "tempo"}
	race := Run{Metres: 5000, Duration: 20 * time.Minute, RPE: 5, Type: "race"}
	intervals := Run{Metres: 8000, Duration: 45 * time.Minute, RPE: 6, Type: "intervals"}
	tests := []struct {
		name    string
		slept   *float64
		verdict Verdict
		runs    []Run
		want    []SleepReason
	}{
		{"a night like any other", Ptr(8.0), VerdictGreen, []Run{easy}, nil},
		{"nothing known", nil, VerdictUnknown, nil, nil},
		{"seven hours is not short", Ptr(ShortSleepHours), VerdictGreen, nil, nil},
		{"just under seven hours is", Ptr(6.9), "", nil, []SleepReason{{Kind: SleepAfterShortNight, Hours: 6.9}}},
		{"amber", nil, VerdictAmber, nil, []SleepReason{{Kind: SleepAfterLowReadiness, Verdict: VerdictAmber}}},
		{"red", nil, VerdictRed, nil, []SleepReason{{Kind: SleepAfterLowReadiness, Verdict: VerdictRed}}},
		{"a long run by type", nil, "", []Run{long}, []SleepReason{{Kind: SleepAfterLongRun, Run: long}}},
		{"a long run by time", nil, "", []Run{longByTime}, []SleepReason{{Kind: SleepAfterLongRun, Run: longByTime}}},
		{"a hard run by effort", nil, "", []Run{hard}, []SleepReason{{Kind: SleepAfterHardRun, Run: hard}}},
		{"a race", nil, "", []Run{race}, []SleepReason{{Kind: SleepAfterHardRun, Run: race}}},
		{"intervals", nil, "", []Run{intervals}, []SleepReason{{Kind: SleepAfterHardRun, Run: intervals}}},
		{"only the first long or hard run counts", nil, "", []Run{easy, intervals, long}, []SleepReason{{Kind: SleepAfterHardRun, Run: intervals}}},
		{"every kind, in order", Ptr(5.0), VerdictRed, []Run{long}, []SleepReason{
			{Kind: SleepAfterShortNight, Hours: 5}, {Kind: SleepAfterLowReadiness, Verdict: VerdictRed}, {Kind: SleepAfterLongRun, Run: long}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SleepPriority(tt.slept, tt.verdict, tt.runs); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("SleepPriority = %+v, want %+v", got, tt.want)
			}
		})
	}
}
