package render

import (
	"fmt"
	"strings"
	"time"

	"github.com/runclub/runclub/domain"
)

// Invalid words a value domain refused: what was wrong and what is valid.
func Invalid(e *domain.InvalidError) string {
	if e.Field == domain.FieldAwayUntil {
		return AwayOutside(e.From, e.To)
	}
	switch e.Problem {
	case domain.ProblemMissing:
		if e.Field == domain.FieldCheckIn {
			return "A check-in needs at least one value, e.g. /checkin rhr:52 sleep:7.5"
		}
		return "A check-in or a run needs a date."
	case domain.ProblemFuture:
		return fmt.Sprintf("The date %s is in the future. Use today, yesterday or a date in the last %d days (YYYY-MM-DD).", e.Date, domain.MaxPastDays)
	case domain.ProblemTooOld:
		return fmt.Sprintf("The date %s is more than %d days ago. Use a date from %s to %s.", e.Date, domain.MaxPastDays, e.From, e.To)
	case domain.ProblemUnknown:
		return unknownValue(e)
	}
	return outOfRange(e)
}

// unknownValue words a text that names nothing runclub knows.
func unknownValue(e *domain.InvalidError) string {
	v := clip(e.Value)
	switch e.Field {
	case domain.FieldZone:
		return fmt.Sprintf("%q is not a time zone I know. Use an IANA name such as Europe/London or America/New_York.", v)
	case domain.FieldRunType:
		return fmt.Sprintf("Run type %q is not one I know. Use one of: %s.", v, strings.Join(e.Choices, ", "))
	case domain.FieldUnits:
		return "Units must be km or mi."
	case domain.FieldWeekday:
		return fmt.Sprintf("%q is not a day of the week; use Mon, Tue, Wed, Thu, Fri, Sat or Sun.", v)
	case domain.FieldSlotTime:
		return fmt.Sprintf("%q is not a time; use HH:MM, e.g. 18:00.", v)
	}
	return fmt.Sprintf("%q is not a weekly slot; use a day and a time, e.g. Sun 18:00.", v)
}

// scales name the 1–10 (and 1–5) answers and which end is best.
var scales = map[domain.Field][2]string{
	domain.FieldSleepQuality: {"Sleep quality", "5 = best"},
	domain.FieldFatigue:      {"Fatigue", "10 = worst"},
	domain.FieldSoreness:     {"Soreness", "10 = worst"},
	domain.FieldStress:       {"Stress", "10 = worst"},
	domain.FieldMood:         {"Mood", "10 = best"},
}

// outOfRange words a number outside its range.
func outOfRange(e *domain.InvalidError) string {
	if w, ok := ranges[e.Field]; ok {
		return w(e.Got, e.Min, e.Max)
	}
	s := scales[e.Field]
	return fmt.Sprintf("%s %g is out of range: use %g to %g (%s).", s[0], e.Got, e.Min, e.Max, s[1])
}

// ranges word a number outside its range, by field.
var ranges = map[domain.Field]func(got, lo, hi float64) string{
	domain.FieldRHR: func(got, lo, hi float64) string {
		return fmt.Sprintf("Resting heart rate %g is out of range: use %g to %g bpm, measured on waking.", got, lo, hi)
	},
	domain.FieldHRV: func(got, lo, hi float64) string {
		return fmt.Sprintf("HRV %g is out of range: use rMSSD from %.0f to %.0f ms.", got, lo, hi)
	},
	domain.FieldSleep: func(got, lo, hi float64) string {
		return fmt.Sprintf("Sleep %g h is out of range: use %.0f to %.0f hours.", got, lo, hi)
	},
	domain.FieldWindDown: func(_, _, hi float64) string {
		return fmt.Sprintf("The wind-down reminder must be 0 to %g minutes before bedtime.", hi)
	},
	domain.FieldMinutes: func(_, _, hi float64) string {
		return fmt.Sprintf("Minutes must be more than 0 and at most %g (24 hours), e.g. /fuel minutes:90 intensity:moderate.", hi)
	},
	domain.FieldDistance: fixed("Distance must be more than 0 and at most 300 km (186 mi), e.g. 10mi or 16.1km."),
	domain.FieldDuration: fixed("Duration must be more than 0 and at most 24 hours, e.g. 82m, 82 or 1:22:00."),
	domain.FieldRPE:      fixed("RPE must be 1 to 10 (how hard the whole session felt; 10 = maximal)."),
	domain.FieldClock:    fixed("Times must be between 00:00 and 23:59."),
	domain.FieldWeight:   fixed("Weight must be between 25 and 250 kg (55 to 550 lb), e.g. weight:70kg or weight:154lb."),
}

// fixed words a range whose limits the sentence names itself.
func fixed(words string) func(got, lo, hi float64) string {
	return func(float64, float64, float64) string { return words }
}

// The words of the argument parsers: what was typed wrong and what is valid.

// Tomorrow refuses a date that has not happened.
const Tomorrow = "A date of tomorrow has not happened yet. Use today, yesterday or a past date as YYYY-MM-DD."

// BadDate refuses text that is not a date; example is a valid one.
func BadDate(s string, example domain.Date) string {
	return fmt.Sprintf("%q is not a date I understand. Use today, yesterday or YYYY-MM-DD, e.g. %s.", clip(s), example)
}

// BadDuration refuses text that is not a duration.
func BadDuration(s string) string {
	return fmt.Sprintf("%q is not a duration I understand. Use minutes like 82m or 82, 1h22m, 45m30s, or h:mm like 1:22 (1:22:00 with seconds).", clip(s))
}

// RunDurationOutside refuses a run shorter than a minute or longer than a day.
func RunDurationOutside(s string) string {
	return fmt.Sprintf("A run lasts from 1 minute to 24 hours; %q is outside that.", clip(s))
}

// BadDistance refuses text that is not a distance.
func BadDistance(s string) string {
	return fmt.Sprintf("%q is not a distance I understand. Use 10mi, 16.1km or 5000m.", clip(s))
}

// DistanceOutside refuses a distance beyond one run's.
func DistanceOutside(s string) string {
	return fmt.Sprintf("Distance must be more than 0 and at most 300 km (186 mi); %q is outside that.", clip(s))
}

// BadWeight refuses text that is not a weight.
func BadWeight(s string) string {
	return fmt.Sprintf("%q is not a weight I understand. Use 68kg or 150lb.", clip(s))
}

// WeightOutside refuses a weight outside the valid range.
func WeightOutside(s string) string {
	return fmt.Sprintf("Weight must be between %g and %g kg (55 to 550 lb); %q is outside that.", domain.MinWeightKG, domain.MaxWeightKG, clip(s))
}

// BadClock refuses text that is not a time of day.
func BadClock(s string) string {
	return fmt.Sprintf("%q is not a time I understand. Use 24-hour HH:MM, e.g. 06:30 or 22:15.", clip(s))
}

// BadZone refuses a time zone runclub cannot keep time in.
func BadZone(s string) string {
	return fmt.Sprintf("%q is not a time zone I know. Use an IANA name such as Europe/London, America/New_York or Asia/Tokyo.", clip(s))
}

// NotWholeNumber refuses text where a whole number from lo to hi goes.
func NotWholeNumber(name, s string, lo, hi int) string {
	return fmt.Sprintf("%s must be a whole number from %d to %d, not %q.", name, lo, hi, clip(s))
}

// IntOutside refuses a whole number outside lo..hi.
func IntOutside(name string, n, lo, hi int) string {
	return fmt.Sprintf("%s %d is out of range: use %d to %d.", name, n, lo, hi)
}

// NotNumber refuses text where a number from lo to hi goes.
func NotNumber(name, s string, lo, hi float64) string {
	return fmt.Sprintf("%s must be a number from %g to %g, not %q.", name, lo, hi, clip(s))
}

// NumberOutside refuses a number outside lo..hi.
func NumberOutside(name string, f, lo, hi float64) string {
	return fmt.Sprintf("%s %g is out of range: use %g to %g.", name, f, lo, hi)
}

// BadChoice refuses a word that is none of an argument's choices.
func BadChoice(label, s string, choices []string) string {
	if len(choices) <= 2 {
		return fmt.Sprintf("%s must be %s, not %q.", label, joinOr(choices), clip(s))
	}
	return fmt.Sprintf("%s must be one of %s, not %q.", label, joinOr(choices), clip(s))
}

// DurationOutside refuses a duration outside an argument's bounds.
func DurationOutside(label, s string, lo, hi time.Duration) string {
	return fmt.Sprintf("%s must be %s to %s; %q is outside that.", label, durationWords(lo), durationWords(hi), clip(s))
}

// UnknownKeys refuses keys a command does not take, naming those it does.
func UnknownKeys(command string, unknown, valid []string) string {
	for i, k := range unknown {
		unknown[i] = clip(k)
	}
	if len(valid) == 0 {
		return fmt.Sprintf("I don't know %s: /%s takes nothing more.", strings.Join(unknown, ", "), command)
	}
	return fmt.Sprintf("I don't know %s. Valid keys here are: %s.", strings.Join(unknown, ", "), strings.Join(valid, ", "))
}

// NeedsArguments refuses a command without its required arguments, given by
// their labels, with an example.
func NeedsArguments(command string, labels []string, example string) string {
	required := make([]string, len(labels))
	for i, l := range labels {
		required[i] = "a " + strings.ToLower(l)
	}
	return fmt.Sprintf("/%s needs %s, e.g. %s.", command, joinAnd(required), example)
}

// StrayWords refuses words that fill no argument; usage is how the command
// is typed when it takes no arguments at all, else example shows key:value.
func StrayWords(words string, takesArgs bool, usage, example string) string {
	if !takesArgs {
		return fmt.Sprintf("I don't understand %q: %s takes nothing more.", clip(words), usage)
	}
	return fmt.Sprintf("I don't understand %q. Give each value as key:value, e.g. %s.", clip(words), example)
}
