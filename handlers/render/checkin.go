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
	var parts []string
	if c.RHR != nil {
		parts = append(parts, fmt.Sprintf("resting HR %d bpm", *c.RHR))
	}
	if c.HRV != nil {
		parts = append(parts, fmt.Sprintf("HRV %g ms", *c.HRV))
	}
	if c.SleepHours != nil {
		parts = append(parts, fmt.Sprintf("sleep %g h", *c.SleepHours))
	}
	if c.SleepQuality != nil {
		parts = append(parts, fmt.Sprintf("sleep quality %d/5", *c.SleepQuality))
	}
	for _, f := range []struct {
		name string
		v    *int
	}{{"fatigue", c.Fatigue}, {"soreness", c.Soreness}, {"stress", c.Stress}, {"mood", c.Mood}} {
		if f.v != nil {
			parts = append(parts, fmt.Sprintf("%s %d/10", f.name, *f.v))
		}
	}
	return strings.Join(parts, ", ")
}
