package domain

import (
	"strings"
	"time"
)

// ParseWeeklySlot reads a weekly slot such as "Sun 18:00" or "monday 07:30":
// when a club's weekly summaries go out, in the club's zone.
func ParseWeeklySlot(s string) (time.Weekday, int, error) {
	f := strings.Fields(s)
	if len(f) != 2 {
		return 0, 0, &InvalidError{Field: FieldSlot, Problem: ProblemUnknown, Value: s}
	}
	day := -1
	name := strings.ToLower(f[0])
	for d := time.Sunday; d <= time.Saturday; d++ {
		full := strings.ToLower(d.String())
		if name == full || (len(name) >= 3 && strings.HasPrefix(full, name)) {
			day = int(d)
		}
	}
	if day < 0 {
		return 0, 0, &InvalidError{Field: FieldWeekday, Problem: ProblemUnknown, Value: f[0]}
	}
	t, err := time.Parse("15:04", f[1])
	if err != nil {
		return 0, 0, &InvalidError{Field: FieldSlotTime, Problem: ProblemUnknown, Value: f[1]}
	}
	return time.Weekday(day), t.Hour()*60 + t.Minute(), nil
}

// FormatWeeklySlot is the inverse of ParseWeeklySlot: "Sun 18:00".
func FormatWeeklySlot(day time.Weekday, minute int) string {
	return day.String()[:3] + " " + FormatClock(minute)
}
