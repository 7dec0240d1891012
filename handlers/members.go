package handlers

import (
	"context"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

// lookupMember finds the sender and reports whether they are registered. A
// stranger gets a member with the defaults, so that their arguments read
// in the units and zone they would have. A member who writes can be written
// to again, and their private chat is remembered.
func (s *Service) lookupMember(ctx context.Context, r *request) (bool, error) {
	m, err := s.Members.MemberByIdentity(ctx, r.cmd.Platform, r.cmd.UserID)
	switch {
	case domain.ErrorCode(err) == domain.ENOTFOUND:
		r.member = s.newMember(r.cmd.UserName)
		return false, nil
	case err != nil:
		return false, err
	}
	if m.Unreachable {
		m.Unreachable = false
		if err := s.Members.UpdateMember(ctx, m); err != nil {
			return false, err
		}
	}
	if r.cmd.Private && r.cmd.ChatID != "" {
		if err := s.rememberPrivateChat(ctx, m.ID, r.cmd); err != nil {
			return false, err
		}
	}
	r.member = m
	return true, nil
}

// newMember is a member with the configured defaults, not yet stored.
func (s *Service) newMember(name string) domain.Member {
	m := domain.NewMember(name, s.Defaults.TZ)
	m.WakeMinute, m.BedMinute, m.WindDownMinutes = s.Defaults.WakeMinute, s.Defaults.BedMinute, s.Defaults.WindDownMinutes
	return m
}

// register stores the stranger r.member with the identity they wrote from.
func (s *Service) register(ctx context.Context, r *request) error {
	id := domain.Identity{Platform: r.cmd.Platform, UserID: r.cmd.UserID}
	if r.cmd.Private {
		id.ChatID = r.cmd.ChatID
	}
	if err := s.Members.CreateMember(ctx, &r.member, id); err != nil {
		return err
	}
	if err := s.coachOfPendingClubs(ctx, r.member, id); err != nil {
		return err
	}
	s.Log.Info("member registered", "member", r.member.ID, "platform", r.cmd.Platform)
	return nil
}

// rememberPrivateChat records where this member's private chat is, once.
func (s *Service) rememberPrivateChat(ctx context.Context, memberID int64, cmd bot.Command) error {
	ids, err := s.Members.Identities(ctx, memberID)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if id.Platform == cmd.Platform && id.UserID == cmd.UserID && id.ChatID == cmd.ChatID {
			return nil
		}
	}
	return s.Members.AddIdentity(ctx, domain.Identity{Platform: cmd.Platform, UserID: cmd.UserID, ChatID: cmd.ChatID, MemberID: memberID})
}
