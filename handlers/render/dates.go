package render

import (
	"time"

	"github.com/runclub/runclub/domain"
)

// dayLabel says "today", "yesterday" or the weekday and date.
func dayLabel(d, today domain.Date) string {
	switch today.DaysSince(d) {
	case 0:
		return "today"
	case 1:
		return "yesterday"
	}
	return d.Time(time.UTC).Format("Mon 2 Jan 2006")
}

// weekSpan says "Mon 16 Nov – Sun 22 Nov".
func weekSpan(from, to domain.Date) string {
	return from.Time(time.UTC).Format("Mon 2 Jan") + " – " + to.Time(time.UTC).Format("Mon 2 Jan")
}
