package domain

import (
	"fmt"
	"time"
)

// Date is a calendar day with no time zone, such as the local date a check-in
// is about. The zero value is not a valid date.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the calendar date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// ParseISODate parses YYYY-MM-DD.
func ParseISODate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("parse date %q: %w", s, err)
	}
	return DateOf(t), nil
}

// String formats the date as YYYY-MM-DD.
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// Time returns midnight at the start of d in loc.
func (d Date) Time(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// AddDays returns the date n days after d (n may be negative).
func (d Date) AddDays(n int) Date {
	return DateOf(time.Date(d.Year, d.Month, d.Day+n, 12, 0, 0, 0, time.UTC))
}

// DayNumber is the number of days since 1970-01-01; it makes day arithmetic
// and indexing into daily series cheap.
func (d Date) DayNumber() int {
	return int(time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// DateFromDayNumber is the inverse of DayNumber.
func DateFromDayNumber(n int) Date {
	return DateOf(time.Unix(int64(n)*86400, 0).UTC())
}

// DaysSince returns the number of days from other to d (positive if d is later).
func (d Date) DaysSince(other Date) int { return d.DayNumber() - other.DayNumber() }

// Before reports whether d is earlier than other.
func (d Date) Before(other Date) bool { return d.DayNumber() < other.DayNumber() }

// After reports whether d is later than other.
func (d Date) After(other Date) bool { return d.DayNumber() > other.DayNumber() }

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return d.Time(time.UTC).Weekday() }

// MaxPastDays is how far back a member may record or amend data.
const MaxPastDays = 365

// ValidateEntryDate checks that d is neither in the future nor older than
// MaxPastDays, relative to the member's local today.
func ValidateEntryDate(d, today Date) error {
	from := today.AddDays(-MaxPastDays)
	if d.After(today) {
		return &InvalidError{Field: FieldDate, Problem: ProblemFuture, Date: d, From: from, To: today}
	}
	if d.Before(from) {
		return &InvalidError{Field: FieldDate, Problem: ProblemTooOld, Date: d, From: from, To: today}
	}
	return nil
}
