package telegramtest

import (
	"encoding/json"
	"strings"
)

// ChatMemberUpdated is a change of a member's status in a chat; Telegram
// sends the bot's own as my_chat_member, for example when it is added to a
// group.
type ChatMemberUpdated struct {
	Chat          Chat       `json:"chat"`
	From          User       `json:"from"`
	Date          int64      `json:"date"`
	OldChatMember ChatMember `json:"old_chat_member"`
	NewChatMember ChatMember `json:"new_chat_member"`
}

// AddBot adds the bot to group g, as user by does in the Telegram app, and
// returns the my_chat_member update's id. The group's members and admins
// are as SetMemberStatus left them; by joins as a member if not one yet.
func (s *Server) AddBot(g Group, by User) int64 {
	return s.setBotStatus(g, by, "left", "member")
}

// RemoveBot takes the bot out of group g: sends there get 403 from now on.
func (s *Server) RemoveBot(g Group, by User) int64 {
	id := s.setBotStatus(g, by, "member", "left")
	s.KickBot(g.ID)
	return id
}

func (s *Server) setBotStatus(g Group, by User, from, to string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.joinGroupLocked(g, by)
	if to != "left" {
		delete(s.kicked, g.ID)
	}
	bot := s.botUser()
	return s.pushLocked(Update{MyChatMember: &ChatMemberUpdated{Chat: s.chatLocked(g.ID), From: by, Date: s.now().Unix(),
		OldChatMember: ChatMember{Status: from, User: bot}, NewChatMember: ChatMember{Status: to, User: bot}}})
}

// updateType is the field an update carries, as allowed_updates names it.
func updateType(u Update) string {
	switch {
	case u.Message != nil:
		return "message"
	case u.CallbackQuery != nil:
		return "callback_query"
	case u.MyChatMember != nil:
		return "my_chat_member"
	}
	return ""
}

// setAllowedLocked records the allowed_updates of a getUpdates or
// setWebhook call. As on Telegram, a call without the parameter keeps the
// last setting, and an empty list means the default (every type the fake
// sends).
func (s *Server) setAllowedLocked(req *request) {
	raw, ok := req.params["allowed_updates"]
	if !ok {
		return
	}
	var types []string
	if err := json.Unmarshal([]byte(raw), &types); err != nil {
		// Form-encoded clients may send a comma-separated list.
		types = strings.Split(strings.Trim(raw, "[]"), ",")
	}
	s.allowed = nil
	for _, t := range types {
		if t = strings.Trim(strings.TrimSpace(t), `"`); t != "" {
			if s.allowed == nil {
				s.allowed = map[string]bool{}
			}
			s.allowed[t] = true
		}
	}
}

// dropDisallowedLocked drops the pending updates of types the bot did not
// ask for: Telegram never sends them.
func (s *Server) dropDisallowedLocked() {
	if s.allowed == nil {
		return
	}
	kept := s.pending[:0]
	for _, u := range s.pending {
		if s.allowed[updateType(u)] {
			kept = append(kept, u)
		} else {
			s.dropped++
		}
	}
	s.pending = kept
}

// Dropped counts the updates the fake did not send because the bot's
// allowed_updates left their type out.
func (s *Server) Dropped() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.dropped
}
