package handlers

import (
	"context"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/handlers/render"
)

// forget deletes all of a member's data after an explicit confirmation:
// "/forget" asks, "/forget yes" (or the button, or "yes") within ten minutes deletes.
func (s *Service) forget(ctx context.Context, r *request) (bot.Reply, error) {
	conv := domain.Conversation{MemberID: r.member.ID, Kind: domain.ConversationForget, Step: domain.StepConfirm, UpdatedAt: r.now}
	if err := s.Conversations.SaveConversation(ctx, conv); err != nil {
		return bot.Reply{}, err
	}
	return render.ForgetAsk(), nil
}

// forgetYes and forgetNo answer "/forget yes" and "/forget no", which the
// confirmation's buttons send.
func (s *Service) forgetYes(ctx context.Context, r *request) (bot.Reply, error) {
	return s.forgetAnswer(ctx, r, "yes")
}

func (s *Service) forgetNo(ctx context.Context, r *request) (bot.Reply, error) {
	return s.forgetAnswer(ctx, r, "no")
}

func (s *Service) forgetAnswer(ctx context.Context, r *request, answer string) (bot.Reply, error) {
	if conv, ok := s.openConversation(ctx, r, domain.ConversationForget); ok {
		return s.confirmForget(ctx, r, conv, answer)
	}
	return bot.Reply{Text: render.ForgetNothingWaiting}, nil
}

// confirmForget deletes on "yes" and cancels on anything else.
func (s *Service) confirmForget(ctx context.Context, r *request, conv domain.Conversation, answer string) (bot.Reply, error) {
	if answer != "yes" && answer != "y" {
		if err := s.Conversations.DeleteConversation(ctx, r.member.ID); err != nil {
			return bot.Reply{}, err
		}
		return bot.Reply{Text: render.ForgetCancelled}, nil
	}
	if err := s.Members.DeleteMember(ctx, r.member.ID); err != nil {
		return bot.Reply{}, err
	}
	s.Log.Info("member forgotten", "member", r.member.ID)
	return bot.Reply{Text: render.Forgotten}, nil
}
