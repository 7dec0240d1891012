package domain

import (
	"strings"
	"time"
)

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
	// Date is the member's local date of the run.
	Date     Date
	Metres   float64
	Duration time.Duration
	// RPE is session RPE on the CR-10 scale, 1 to 10; 0 when not given.
	RPE       int
	Type      string
	CreatedAt time.Time
}

// Validate checks the run's values against the ranges in science.md.
func (r Run) Validate() error {
	if r.Date.IsZero() {
		return Errorf(EINVALID, "A run needs a date.")
	}
	if r.Metres <= 0 || r.Metres > MaxRunMetres {
		return Errorf(EINVALID, "Distance must be more than 0 and at most 300 km (186 mi), e.g. 10mi or 16.1km.")
	}
	if r.Duration <= 0 || r.Duration > MaxRunDuration {
		return Errorf(EINVALID, "Duration must be more than 0 and at most 24 hours, e.g. 82m, 82 or 1:22:00.")
	}
	if r.RPE < 0 || r.RPE > 10 {
		return Errorf(EINVALID, "RPE must be 1 to 10 (how hard the whole session felt; 10 = maximal).")
	}
	if r.Type != "" && !IsRunType(r.Type) {
		return Errorf(EINVALID, "Run type %q is not one I know. Use one of: %s.", r.Type, strings.Join(RunTypes, ", "))
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
