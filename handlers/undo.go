package handlers

import (
	"context"
	"fmt"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/handlers/render"
)

// undo takes back the member's last change within domain.UndoWindow: a
// check-in put back as it was, a logged run deleted, an edited run put
// back, a deleted run restored with its number. Repeated, it walks back
// through the journal, up to domain.UndoDepth changes. The Undo button
// names its change, so that a late press takes back that change or
// nothing, never a later one.
func (s *Service) undo(ctx context.Context, r *request) (bot.Reply, error) {
	var undone domain.Change
	err := s.Tx.InTx(ctx, func(ctx context.Context) error {
		c, err := s.Changes.LastChange(ctx, r.member.ID, r.now.Add(-domain.UndoWindow))
		if domain.ErrorCode(err) == domain.ENOTFOUND {
			return invalid(render.NothingToUndo)
		} else if err != nil {
			return err
		}
		if id, ok := r.args.int("change"); ok && int64(id) != c.ID {
			return invalid(render.UndoneAlready)
		}
		// A run that is gone already (the journal outlived it) has
		// nothing left to put back; the entry goes all the same.
		if err := s.revert(ctx, c); err != nil && domain.ErrorCode(err) != domain.ENOTFOUND {
			return err
		}
		undone = c
		return s.Changes.DeleteChange(ctx, r.member.ID, c.ID)
	})
	if err != nil {
		return bot.Reply{}, err
	}
	more := true
	if _, err := s.Changes.LastChange(ctx, r.member.ID, r.now.Add(-domain.UndoWindow)); domain.ErrorCode(err) == domain.ENOTFOUND {
		more = false
	} else if err != nil {
		return bot.Reply{}, err
	}
	return bot.Reply{Text: render.Undone(undone, unitsOf(r.member), r.today(), more)}, nil
}

// revert puts back what change c changed.
func (s *Service) revert(ctx context.Context, c domain.Change) error {
	switch c.Kind {
	case domain.ChangeCheckIn:
		before := domain.CheckIn{MemberID: c.MemberID, Date: c.Date}
		if c.CheckInBefore != nil {
			before = *c.CheckInBefore
		}
		return s.CheckIns.PutCheckIn(ctx, before)
	case domain.ChangeRunLogged:
		return s.Runs.DeleteRun(ctx, c.MemberID, c.RunAfter.ID)
	case domain.ChangeRunEdited:
		return s.Runs.UpdateRun(ctx, *c.RunBefore)
	case domain.ChangeRunDeleted:
		return s.Runs.RestoreRun(ctx, *c.RunBefore)
	}
	return fmt.Errorf("undo change %d: unknown kind %q", c.ID, c.Kind)
}
