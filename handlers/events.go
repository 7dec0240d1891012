package handlers

import (
	"context"

	"github.com/runclub/runclub/domain"
)

// Unreachable marks the member behind a platform account as unreachable, so
// the scheduler stops prompting them until they write again.
func (s *Service) Unreachable(ctx context.Context, platform, userID string) {
	m, err := s.Members.MemberByIdentity(ctx, platform, userID)
	if err != nil {
		if domain.ErrorCode(err) != domain.ENOTFOUND {
			s.Log.Error("mark unreachable", "platform", platform, "err", err)
		}
		return
	}
	if m.Unreachable {
		return
	}
	m.Unreachable = true
	if err := s.Members.UpdateMember(ctx, m); err != nil {
		s.Log.Error("mark unreachable", "member", m.ID, "err", err)
		return
	}
	s.Log.Info("member unreachable", "member", m.ID, "platform", platform)
}

// ChatMigrated moves a club to the new chat id its group got.
func (s *Service) ChatMigrated(ctx context.Context, platform, oldChatID, newChatID string) {
	c, err := s.Clubs.ClubByChat(ctx, platform, oldChatID)
	if err != nil {
		if domain.ErrorCode(err) != domain.ENOTFOUND {
			s.Log.Error("migrate club chat", "platform", platform, "err", err)
		}
		return
	}
	c.ChatID = newChatID
	if err := s.Clubs.UpdateClub(ctx, c); err != nil {
		s.Log.Error("migrate club chat", "club", c.ID, "err", err)
		return
	}
	s.Log.Info("club chat migrated", "club", c.ID, "platform", platform)
}
