package domain

import (
	"errors"
	"fmt"
)

// Error kinds. They say what went wrong in terms a caller can act on; handlers
// map each kind to a reply in one place.
const (
	EINVALID   = "invalid"
	ENOTFOUND  = "not_found"
	EFORBIDDEN = "forbidden"
	ECONFLICT  = "conflict"
	EINTERNAL  = "internal"
)

// Error is a domain error with a kind and a message meant for the member.
type Error struct {
	// Code is one of the E* kinds.
	Code string
	// Message is safe to show to the member who caused it.
	Message string
}

// Error implements the error interface.
func (e *Error) Error() string { return fmt.Sprintf("%s: %s", e.Code, e.Message) }

// Errorf returns an *Error of the given kind with a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Field names an input a member gives: a check-in value, a part of a run,
// a setting, a date.
type Field string

// The inputs validation speaks of.
const (
	FieldDate         = Field("date")
	FieldCheckIn      = Field("checkin")
	FieldRHR          = Field("rhr")
	FieldHRV          = Field("hrv")
	FieldSleep        = Field("sleep")
	FieldSleepQuality = Field("quality")
	FieldFatigue      = Field("fatigue")
	FieldSoreness     = Field("soreness")
	FieldStress       = Field("stress")
	FieldMood         = Field("mood")
	FieldDistance     = Field("distance")
	FieldDuration     = Field("duration")
	FieldRPE          = Field("rpe")
	FieldRunType      = Field("type")
	FieldZone         = Field("tz")
	FieldClock        = Field("clock")
	FieldUnits        = Field("units")
	FieldWeight       = Field("weight")
	FieldWindDown     = Field("winddown")
	FieldMinutes      = Field("minutes")
	FieldSlot         = Field("slot")
	FieldWeekday      = Field("weekday")
	FieldSlotTime     = Field("time")
	// FieldAwayUntil is the last day of a time away (/away).
	FieldAwayUntil = Field("until")
)

// Problem says what is wrong with a field.
type Problem string

// The problems validation finds.
const (
	// ProblemMissing: the field (or, for FieldCheckIn, every value) is not given.
	ProblemMissing = Problem("missing")
	// ProblemRange: the value is outside Min..Max.
	ProblemRange = Problem("range")
	// ProblemUnknown: the text is not one runclub knows (a zone, a run type, a day).
	ProblemUnknown = Problem("unknown")
	// ProblemFuture and ProblemTooOld: a date after today, or more than MaxPastDays back.
	ProblemFuture = Problem("future")
	ProblemTooOld = Problem("too-old")
)

// InvalidError is a value that failed validation: which field, what is wrong
// and what would be valid. It is of kind EINVALID; the handlers word it for
// the member, so that domain speaks in facts only.
type InvalidError struct {
	Field   Field
	Problem Problem
	// Got is the number given (ProblemRange); Value the text given
	// (ProblemUnknown), as typed and not yet shortened.
	Got   float64
	Value string
	// Min and Max are the valid range in the field's unit (ProblemRange).
	Min, Max float64
	// Date is the date given; From and To the dates that are valid
	// (ProblemFuture, ProblemTooOld).
	Date, From, To Date
	// Choices are the valid values (ProblemUnknown of a run type).
	Choices []string
}

// Error implements the error interface for logs; members read the handlers' words.
func (e *InvalidError) Error() string {
	return fmt.Sprintf("%s: %s %s (got %g %q, valid %g..%g)", EINVALID, e.Field, e.Problem, e.Got, e.Value, e.Min, e.Max)
}

// outOfRange is the InvalidError of a number outside lo..hi.
func outOfRange(f Field, got, lo, hi float64) *InvalidError {
	return &InvalidError{Field: f, Problem: ProblemRange, Got: got, Min: lo, Max: hi}
}

// ErrorCode returns the kind of err: the code of the first *Error in its
// chain, EINVALID for an *InvalidError, EINTERNAL for any other non-nil
// error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	var inv *InvalidError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	case errors.As(err, &inv):
		return EINVALID
	}
	return EINTERNAL
}
