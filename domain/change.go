package domain

import (
	"context"
	"time"
)

// ChangeKind names what a Change did.
type ChangeKind string

// The changes a member can take back with /undo.
const (
	// ChangeCheckIn set or cleared values of one day's check-in.
	ChangeCheckIn ChangeKind = "checkin"
	// ChangeRunLogged, ChangeRunEdited and ChangeRunDeleted logged, edited
	// and deleted one run.
	ChangeRunLogged  ChangeKind = "run-logged"
	ChangeRunEdited  ChangeKind = "run-edited"
	ChangeRunDeleted ChangeKind = "run-deleted"
)

// Change is one entry of a member's change journal: what a change did, with
// the record before and after it, so that /undo can put the before back.
// The journal is written in the same transaction as the change itself.
type Change struct {
	ID       int64
	MemberID int64
	At       time.Time
	Kind     ChangeKind
	// Date is the local date of the check-in or run changed.
	Date Date
	// CheckIn and Run hold the record before (nil if there was none) and
	// after (nil if there is none now) the change, by Kind.
	CheckInBefore, CheckInAfter *CheckIn
	RunBefore, RunAfter         *Run
}

// How far /undo goes back: the last UndoDepth changes, none older than
// UndoWindow. The journal keeps no more than that.
const (
	UndoDepth  = 10
	UndoWindow = 24 * time.Hour
)

// ChangeRepository stores the change journal.
type ChangeRepository interface {
	// RecordChange stores c, sets c.ID, and drops the member's entries
	// that /undo can no longer reach (beyond UndoDepth, or older than
	// UndoWindow before c.At).
	RecordChange(ctx context.Context, c *Change) error
	// LastChange is the member's newest change at or after since
	// (ENOTFOUND if none).
	LastChange(ctx context.Context, memberID int64, since time.Time) (Change, error)
	// DeleteChange removes one entry once it is undone.
	DeleteChange(ctx context.Context, memberID, id int64) error
	// Changes lists the member's journal, newest first, for /export.
	Changes(ctx context.Context, memberID int64) ([]Change, error)
}

// Transactor runs fn in one transaction: every repository call made with
// the context fn is given takes part in it, and all of it is undone if fn
// fails. A change and its journal entry are written together this way.
type Transactor interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
}

// StepSkipRepository counts, per member, how many times in a row a guided
// check-in question was skipped, so a question a member never answers
// (HRV without a strap) stops being asked.
type StepSkipRepository interface {
	// StepSkips is the count for step (0 if none was recorded).
	StepSkips(ctx context.Context, memberID int64, step string) (int, error)
	// SetStepSkips stores the count for step.
	SetStepSkips(ctx context.Context, memberID int64, step string, n int) error
	// AllStepSkips lists the member's counts by step, for /export.
	AllStepSkips(ctx context.Context, memberID int64) (map[string]int, error)
}

// HRVSkipLimit is how many skips in a row stop the guided check-in asking
// HRV, until the member gives one.
const HRVSkipLimit = 3

// Equal reports whether c and o hold the same values (their dates and
// timestamps aside).
func (c CheckIn) Equal(o CheckIn) bool {
	return eqPtr(c.RHR, o.RHR) && eqPtr(c.HRV, o.HRV) && eqPtr(c.SleepHours, o.SleepHours) &&
		eqPtr(c.SleepQuality, o.SleepQuality) && eqPtr(c.Fatigue, o.Fatigue) && eqPtr(c.Soreness, o.Soreness) &&
		eqPtr(c.Stress, o.Stress) && eqPtr(c.Mood, o.Mood)
}

func eqPtr[T comparable](a, b *T) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}
