package domain

import "time"

// CheckIn is a member's morning check-in for one local date. Every field is
// optional; a later answer for the same date amends the earlier one.
type CheckIn struct {
	MemberID int64
	Date     Date
	// RHR is resting heart rate on waking, in beats per minute.
	RHR *int
	// HRV is rMSSD in milliseconds.
	HRV *float64
	// SleepHours is last night's total sleep.
	SleepHours *float64
	// SleepQuality is 1 (worst) to 5 (best).
	SleepQuality *int
	// Fatigue, Soreness and Stress are 1 (best) to 10 (worst).
	Fatigue  *int
	Soreness *int
	Stress   *int
	// Mood is mood or motivation, 1 (worst) to 10 (best).
	Mood      *int
	UpdatedAt time.Time
}

// Ranges of the daily inputs (science.md, "Daily inputs").
const (
	MinRHR, MaxRHR     = 25, 120
	MinHRV, MaxHRV     = 5.0, 300.0
	MinSleep, MaxSleep = 0.0, 16.0
)

// IsEmpty reports whether the check-in carries no value at all.
func (c CheckIn) IsEmpty() bool {
	return c.RHR == nil && c.HRV == nil && c.SleepHours == nil && c.SleepQuality == nil &&
		c.Fatigue == nil && c.Soreness == nil && c.Stress == nil && c.Mood == nil
}

// Scales of the 1–10 and 1–5 answers.
const (
	MinScale, MaxScale     = 1, 10
	MinQuality, MaxQuality = 1, 5
)

// Validate checks every value that is set against its range.
func (c CheckIn) Validate() error {
	if c.Date.IsZero() {
		return &InvalidError{Field: FieldDate, Problem: ProblemMissing}
	}
	if c.IsEmpty() {
		return &InvalidError{Field: FieldCheckIn, Problem: ProblemMissing}
	}
	if c.RHR != nil && (*c.RHR < MinRHR || *c.RHR > MaxRHR) {
		return outOfRange(FieldRHR, float64(*c.RHR), MinRHR, MaxRHR)
	}
	if c.HRV != nil && (*c.HRV < MinHRV || *c.HRV > MaxHRV) {
		return outOfRange(FieldHRV, *c.HRV, MinHRV, MaxHRV)
	}
	if c.SleepHours != nil && (*c.SleepHours < MinSleep || *c.SleepHours > MaxSleep) {
		return outOfRange(FieldSleep, *c.SleepHours, MinSleep, MaxSleep)
	}
	for _, s := range []struct {
		f      Field
		v      *int
		lo, hi int
	}{
		{FieldSleepQuality, c.SleepQuality, MinQuality, MaxQuality},
		{FieldFatigue, c.Fatigue, MinScale, MaxScale},
		{FieldSoreness, c.Soreness, MinScale, MaxScale},
		{FieldStress, c.Stress, MinScale, MaxScale},
		{FieldMood, c.Mood, MinScale, MaxScale},
	} {
		if s.v != nil && (*s.v < s.lo || *s.v > s.hi) {
			return outOfRange(s.f, float64(*s.v), float64(s.lo), float64(s.hi))
		}
	}
	return nil
}

// Merge returns c amended by the values set in later; unset values keep c's.
func (c CheckIn) Merge(later CheckIn) CheckIn {
	out := c
	if later.RHR != nil {
		out.RHR = later.RHR
	}
	if later.HRV != nil {
		out.HRV = later.HRV
	}
	if later.SleepHours != nil {
		out.SleepHours = later.SleepHours
	}
	if later.SleepQuality != nil {
		out.SleepQuality = later.SleepQuality
	}
	if later.Fatigue != nil {
		out.Fatigue = later.Fatigue
	}
	if later.Soreness != nil {
		out.Soreness = later.Soreness
	}
	if later.Stress != nil {
		out.Stress = later.Stress
	}
	if later.Mood != nil {
		out.Mood = later.Mood
	}
	if !later.UpdatedAt.IsZero() {
		out.UpdatedAt = later.UpdatedAt
	}
	return out
}

// Ptr returns a pointer to v; it keeps literal check-ins short.
func Ptr[T any](v T) *T { return &v }
