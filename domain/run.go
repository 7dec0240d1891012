package domain

import "time"

// Run types a member can log.
var RunTypes = []string{"easy", "long", "tempo", "intervals", "race", "recovery", "other"}

// Limits of one run entry (science.md, "Daily inputs").
const (
	MaxRunMetres   = 300_000
	MaxRunDuration = 24 * time.Hour
)

// Run is one logged session.
type Run struct {
	ID       int64
	MemberID int64
	// Number is the run's number among the member's runs, 1, 2, 3, … in
	// the order they were logged, as /history shows it; it never changes,
	// so /run delete 3 deletes what /history showed as 3.
	Number int
	// Date is the member's local date of the run.
	Date     Date
	Metres   float64
	Duration time.Duration
	// RPE is session RPE on the CR-10 scale, 1 to 10; 0 when not given.
	RPE       int
	Type      string
	CreatedAt time.Time
}

// MaxRPE is the top of the CR-10 scale session RPE is given on.
const MaxRPE = 10

// Validate checks the run's values against the ranges in science.md.
func (r Run) Validate() error {
	if r.Date.IsZero() {
		return &InvalidError{Field: FieldDate, Problem: ProblemMissing}
	}
	if r.Metres <= 0 || r.Metres > MaxRunMetres {
		return outOfRange(FieldDistance, r.Metres, 0, MaxRunMetres)
	}
	if r.Duration <= 0 || r.Duration > MaxRunDuration {
		return outOfRange(FieldDuration, r.Duration.Minutes(), 0, MaxRunDuration.Minutes())
	}
	if r.RPE < 0 || r.RPE > MaxRPE {
		return outOfRange(FieldRPE, float64(r.RPE), 1, MaxRPE)
	}
	if r.Type != "" && !IsRunType(r.Type) {
		return &InvalidError{Field: FieldRunType, Problem: ProblemUnknown, Value: r.Type, Choices: RunTypes}
	}
	return nil
}

// IsRunType reports whether t is one of RunTypes.
func IsRunType(t string) bool {
	for _, k := range RunTypes {
		if k == t {
			return true
		}
	}
	return false
}

// Minutes returns the run's duration in minutes.
func (r Run) Minutes() float64 { return r.Duration.Minutes() }
