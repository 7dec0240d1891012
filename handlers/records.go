package handlers

import (
	"context"
	"errors"
	"fmt"

	"github.com/runclub/runclub/domain"
)

// Every change a member makes to their records (a check-in value set or
// cleared, a run logged, edited or deleted) is written with its journal
// entry in one transaction, so that /undo can always take it back and a
// journal entry never speaks of a change that did not happen.

// journaled runs write and records change in one transaction; change.ID is
// set when it returns.
func (s *Service) journaled(ctx context.Context, change *domain.Change, write func(ctx context.Context) error) error {
	return s.Tx.InTx(ctx, func(ctx context.Context) error {
		if err := write(ctx); err != nil {
			return err
		}
		return s.Changes.RecordChange(ctx, change)
	})
}

// savedCheckIn is a check-in change as stored: the day before and after,
// and the journal entry (zero when nothing changed).
type savedCheckIn struct {
	before, after domain.CheckIn
	changeID      int64
}

// changed reports whether the save changed anything.
func (sc savedCheckIn) changed() bool { return sc.changeID != 0 }

// saveCheckIn amends the check-in of c.Date with the values c sets and
// clears the fields named in clear, and journals the change. The values
// were checked already; the day as it ends up is checked again here.
func (s *Service) saveCheckIn(ctx context.Context, r *request, c domain.CheckIn, clear []string) (savedCheckIn, error) {
	var out savedCheckIn
	c.MemberID, c.UpdatedAt = r.member.ID, r.now
	err := s.Tx.InTx(ctx, func(ctx context.Context) error {
		before, after, found, written, err := s.amendDay(ctx, c, clear)
		if err != nil {
			return err
		}
		out.before, out.after = before, after
		if after.Equal(before) {
			if written {
				return errUnchanged // takes back the upsert's new updated_at
			}
			return nil
		}
		if !after.IsEmpty() {
			if err := after.Validate(); err != nil {
				return err
			}
		}
		change := domain.Change{MemberID: r.member.ID, At: r.now, Kind: domain.ChangeCheckIn, Date: c.Date}
		if found {
			change.CheckInBefore = &before
		}
		if !after.IsEmpty() {
			change.CheckInAfter = &after
		}
		if !written {
			if err := s.CheckIns.PutCheckIn(ctx, after); err != nil {
				return err
			}
		}
		if err := s.Changes.RecordChange(ctx, &change); err != nil {
			return err
		}
		out.changeID = change.ID
		if c.HRV != nil {
			return s.Skips.SetStepSkips(ctx, r.member.ID, domain.StepHRV, 0)
		}
		return nil
	})
	if errors.Is(err, errUnchanged) {
		err = nil
	}
	if err != nil {
		return savedCheckIn{}, fmt.Errorf("save the check-in of %s: %w", c.Date, err)
	}
	return out, nil
}

// errUnchanged rolls back an upsert that changed no value.
var errUnchanged = errors.New("the check-in is unchanged")

// amendDay works out the day c amends, before and after. A plain answer
// (values given, none cleared) is written at once, by the one upsert that
// also returns the day as it was (written is true); one that clears a
// value is read and merged here, for the caller to put.
func (s *Service) amendDay(ctx context.Context, c domain.CheckIn, clear []string) (before, after domain.CheckIn, found, written bool, err error) {
	if len(clear) == 0 && !c.IsEmpty() {
		was, after, err := s.CheckIns.AmendCheckIn(ctx, c)
		before = domain.CheckIn{MemberID: c.MemberID, Date: c.Date}
		if was != nil {
			before = *was
		}
		return before, after, was != nil, true, err
	}
	if before, found, err = s.checkInOn(ctx, c.MemberID, c.Date); err != nil {
		return before, after, found, false, err
	}
	after = before.Merge(c)
	ints, floats := checkInValues(&after)
	for _, key := range clear {
		if p, ok := ints[key]; ok {
			*p = nil
		} else if p, ok := floats[key]; ok {
			*p = nil
		}
	}
	after.MemberID, after.Date, after.UpdatedAt = c.MemberID, c.Date, c.UpdatedAt
	return before, after, found, false, nil
}

// checkInOn is the member's check-in of date, and whether there is one.
func (s *Service) checkInOn(ctx context.Context, memberID int64, date domain.Date) (domain.CheckIn, bool, error) {
	list, err := s.CheckIns.CheckIns(ctx, memberID, date, date)
	if err != nil || len(list) == 0 {
		return domain.CheckIn{MemberID: memberID, Date: date}, false, err
	}
	return list[0], true, nil
}

// createRun stores a new run and journals it; run.ID and run.Number are set.
func (s *Service) createRun(ctx context.Context, run *domain.Run) (int64, error) {
	change := domain.Change{MemberID: run.MemberID, At: run.CreatedAt, Kind: domain.ChangeRunLogged, Date: run.Date}
	err := s.journaled(ctx, &change, func(ctx context.Context) error {
		if err := s.Runs.CreateRun(ctx, run); err != nil {
			return err
		}
		change.RunAfter = run
		return nil
	})
	return change.ID, err
}

// updateRun saves an edit of a run and journals it.
func (s *Service) updateRun(ctx context.Context, r *request, before, after domain.Run) (int64, error) {
	change := domain.Change{MemberID: r.member.ID, At: r.now, Kind: domain.ChangeRunEdited, Date: after.Date,
		RunBefore: &before, RunAfter: &after}
	err := s.journaled(ctx, &change, func(ctx context.Context) error { return s.Runs.UpdateRun(ctx, after) })
	return change.ID, err
}

// deleteRun deletes a run and journals it.
func (s *Service) deleteRun(ctx context.Context, r *request, run domain.Run) (int64, error) {
	change := domain.Change{MemberID: r.member.ID, At: r.now, Kind: domain.ChangeRunDeleted, Date: run.Date, RunBefore: &run}
	err := s.journaled(ctx, &change, func(ctx context.Context) error { return s.Runs.DeleteRun(ctx, r.member.ID, run.ID) })
	return change.ID, err
}
