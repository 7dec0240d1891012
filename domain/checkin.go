package domain

import (
	"fmt"
	"time"
)

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

// Validate checks every value that is set against its range.
func (c CheckIn) Validate() error {
	if c.Date.IsZero() {
		return Errorf(EINVALID, "A check-in needs a date.")
	}
	if c.IsEmpty() {
		return Errorf(EINVALID, "A check-in needs at least one value, e.g. /checkin rhr:52 sleep:7.5")
	}
	if c.RHR != nil && (*c.RHR < MinRHR || *c.RHR > MaxRHR) {
		return Errorf(EINVALID, "Resting heart rate %d is out of range: use %d to %d bpm, measured on waking.", *c.RHR, MinRHR, MaxRHR)
	}
	if c.HRV != nil && (*c.HRV < MinHRV || *c.HRV > MaxHRV) {
		return Errorf(EINVALID, "HRV %s is out of range: use rMSSD from %.0f to %.0f ms.", trimFloat(*c.HRV), MinHRV, MaxHRV)
	}
	if c.SleepHours != nil && (*c.SleepHours < MinSleep || *c.SleepHours > MaxSleep) {
		return Errorf(EINVALID, "Sleep %s h is out of range: use %.0f to %.0f hours.", trimFloat(*c.SleepHours), MinSleep, MaxSleep)
	}
	if err := scale("Sleep quality", c.SleepQuality, 1, 5, "5 = best"); err != nil {
		return err
	}
	if err := scale("Fatigue", c.Fatigue, 1, 10, "10 = worst"); err != nil {
		return err
	}
	if err := scale("Soreness", c.Soreness, 1, 10, "10 = worst"); err != nil {
		return err
	}
	if err := scale("Stress", c.Stress, 1, 10, "10 = worst"); err != nil {
		return err
	}
	return scale("Mood", c.Mood, 1, 10, "10 = best")
}

func scale(name string, v *int, lo, hi int, note string) error {
	if v != nil && (*v < lo || *v > hi) {
		return Errorf(EINVALID, "%s %d is out of range: use %d to %d (%s).", name, *v, lo, hi, note)
	}
	return nil
}

func trimFloat(f float64) string { return fmt.Sprintf("%g", f) }

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
