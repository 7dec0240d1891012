package render

import (
	"fmt"
	"strings"

	"github.com/runclub/runclub/domain"
)

// CheckInSaved confirms a check-in (or an amendment) with what is stored now.
func CheckInSaved(c domain.CheckIn, today domain.Date) string {
	return fmt.Sprintf("Saved your check-in for %s: %s.", dayLabel(c.Date, today), describeCheckIn(c))
}

// CheckInClosing ends a check-in for today with the one-line readiness, so
// the morning answer closes the loop; rd is nil when it could not be had.
func CheckInClosing(rd *domain.Readiness, today domain.Date) string {
	if rd == nil {
		return "\nSend /readiness for today's verdict."
	}
	return "\nReadiness: " + ReadinessLine(*rd, today) + " Send /readiness for the reasons."
}

// NoCheckInValues answers /checkin with a date but nothing to record.
const NoCheckInValues = "Give at least one value, e.g. /checkin rhr:52 sleep:7.5 fatigue:3, or just /checkin to be asked step by step."

// BareNumber answers a number sent outside any conversation: most likely
// the morning's resting heart rate.
func BareNumber(word string) string {
	return fmt.Sprintf("If %s is this morning's resting heart rate, send /checkin rhr:%s, or just /checkin to be asked step by step.", clip(word), clip(word))
}

// describeCheckIn lists the values of a check-in in words.
func describeCheckIn(c domain.CheckIn) string {
	texts := checkInTexts(c)
	var parts []string
	for _, key := range checkInOrder {
		if t, ok := texts[key]; ok {
			parts = append(parts, fieldNames[key]+" "+t)
		}
	}
	return strings.Join(parts, ", ")
}

// fieldNames name the check-in's values, by argument, in replies.
var fieldNames = map[string]string{"rhr": "resting HR", "hrv": "HRV", "sleep": "sleep", "quality": "sleep quality",
	"fatigue": "fatigue", "soreness": "soreness", "stress": "stress", "mood": "mood"}

// fieldList names the check-in values keys stand for: "resting HR and sleep".
func fieldList(keys []string) string {
	names := make([]string, len(keys))
	for i, k := range keys {
		names[i] = fieldNames[k]
	}
	return joinAnd(names)
}

// CheckInChanged confirms a check-in change with what is stored now: the
// values cleared, and the day as it stands.
func CheckInChanged(before, after domain.CheckIn, cleared []string, today domain.Date) string {
	day := dayLabel(after.Date, today)
	if after.Equal(before) && len(cleared) == 0 {
		return fmt.Sprintf("Your check-in for %s already says that: %s.", day, describeCheckIn(after))
	}
	if len(cleared) == 0 {
		return CheckInSaved(after, today)
	}
	text := fmt.Sprintf("Cleared %s for %s.", fieldList(cleared), day)
	if after.IsEmpty() {
		return text + " Nothing else is recorded for that day."
	}
	return text + fmt.Sprintf(" Your check-in for %s now: %s.", day, describeCheckIn(after))
}
