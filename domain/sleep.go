package domain

import "time"

// Thresholds of "sleep matters more tonight": after a short night, a day
// that was not green, or a long or hard run, the recovery guide asks for
// the early end of the 8–10 h window.
const (
	// ShortSleepHours is the night below which last night counts as short.
	ShortSleepHours = 7.0
	// LongRunDuration is how long a run must last to count as long (a run
	// of type "long" is long whatever its duration).
	LongRunDuration = 90 * time.Minute
	// HardRunRPE is the effort from which a run counts as hard (races and
	// intervals are hard whatever their RPE).
	HardRunRPE = 8
)

// SleepReasonKind names one reason to protect tonight's sleep.
type SleepReasonKind string

// The reasons SleepPriority finds.
const (
	// SleepAfterShortNight: last night was under ShortSleepHours.
	SleepAfterShortNight SleepReasonKind = "short night"
	// SleepAfterLowReadiness: the day's readiness was amber or red.
	SleepAfterLowReadiness SleepReasonKind = "low readiness"
	// SleepAfterLongRun: a run of the day was long.
	SleepAfterLongRun SleepReasonKind = "long run"
	// SleepAfterHardRun: a run of the day was hard.
	SleepAfterHardRun SleepReasonKind = "hard run"
)

// SleepReason is one reason in a day's data to protect the night's sleep,
// with the fact behind it.
type SleepReason struct {
	Kind SleepReasonKind
	// Hours is last night's sleep, for SleepAfterShortNight.
	Hours float64
	// Verdict is the day's readiness, for SleepAfterLowReadiness.
	Verdict Verdict
	// Run is the long or hard run, for SleepAfterLongRun and SleepAfterHardRun.
	Run Run
}

// SleepPriority lists the reasons in a day's data to protect the night's
// sleep: last night's sleep (slept, nil if unknown), the day's readiness
// verdict, then the first of the day's runs that was long or hard (one run
// at most: a second hard session says nothing more). No reasons means a
// night like any other.
func SleepPriority(slept *float64, verdict Verdict, runs []Run) []SleepReason {
	var why []SleepReason
	if slept != nil && *slept < ShortSleepHours {
		why = append(why, SleepReason{Kind: SleepAfterShortNight, Hours: *slept})
	}
	if verdict == VerdictAmber || verdict == VerdictRed {
		why = append(why, SleepReason{Kind: SleepAfterLowReadiness, Verdict: verdict})
	}
	for _, r := range runs {
		switch {
		case r.Type == "long" || r.Duration >= LongRunDuration:
			return append(why, SleepReason{Kind: SleepAfterLongRun, Run: r})
		case r.RPE >= HardRunRPE || r.Type == "race" || r.Type == "intervals":
			return append(why, SleepReason{Kind: SleepAfterHardRun, Run: r})
		}
	}
	return why
}
