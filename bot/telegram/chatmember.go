package telegram

import (
	"context"
	"strconv"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/runclub/runclub/domain"
)

// onMyChatMember hears the bot's own membership change: added to a group
// (or supergroup), the group is a club and its administrators its coaches.
// Being removed changes nothing: the club and its members' data stay, and
// sends there fail until the bot is back.
func (a *Adapter) onMyChatMember(ctx context.Context, u *models.ChatMemberUpdated) {
	if u.Chat.Type != models.ChatTypeGroup && u.Chat.Type != models.ChatTypeSupergroup {
		return
	}
	if !present(u.NewChatMember.Type) || present(u.OldChatMember.Type) {
		return
	}
	admins := a.administrators(ctx, u.Chat.ID)
	a.log.Info("telegram: added to a group", "chat_id", u.Chat.ID, "admins", len(admins))
	a.ev.ChatJoined(ctx, domain.PlatformTelegram, strconv.FormatInt(u.Chat.ID, 10), u.Chat.Title, admins)
}

// present reports whether a member status is in the chat.
func present(t models.ChatMemberType) bool {
	switch t {
	case models.ChatMemberTypeOwner, models.ChatMemberTypeAdministrator, models.ChatMemberTypeMember, models.ChatMemberTypeRestricted:
		return true
	}
	return false
}

// administrators lists the group's human administrators' user ids; none if
// Telegram will not say (they become coaches when they first use a command
// there instead).
func (a *Adapter) administrators(ctx context.Context, chatID int64) []string {
	cctx, cancel := context.WithTimeout(ctx, a.cfg.RequestTimeout)
	defer cancel()
	members, err := a.client.GetChatAdministrators(cctx, &tgbot.GetChatAdministratorsParams{ChatID: chatID})
	if err != nil {
		a.log.Warn("telegram: getChatAdministrators failed; admins become coaches when they first use a command", "chat_id", chatID, "err", redact(err.Error(), a.cfg.Token))
		return nil
	}
	var out []string
	for _, m := range members {
		var u *models.User
		switch {
		case m.Owner != nil:
			u = m.Owner.User
		case m.Administrator != nil:
			u = &m.Administrator.User
		}
		if u != nil && !u.IsBot {
			out = append(out, strconv.FormatInt(u.ID, 10))
		}
	}
	return out
}
