package telegramtest

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

type callbackState struct {
	answered   bool
	answerText string
}

type webhookState struct {
	url        string
	secret     string
	deliveries []WebhookDelivery
	running    bool
}

// WebhookDelivery is one POST of an update to the bot's webhook.
type WebhookDelivery struct {
	UpdateID int64
	// URL is where it was posted.
	URL    string
	Status int
	Err    string
}

// Group is a group chat; IDs are negative, supergroups below -10^12.
type Group struct {
	ID    int64
	Title string
}

// AddUser makes a user known to the fake; with started true the user has
// opened a private chat with the bot, so the bot may message them.
func (s *Server) AddUser(u User, started bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.usersByID[u.ID] = u
	if started {
		s.started[u.ID] = true
	}
}

// BlockBot makes the user block the bot: sends to them get 403.
func (s *Server) BlockBot(userID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.blocked[userID] = true
}

// SetMemberStatus sets a user's status in a group: "creator",
// "administrator", "member", "left" or "kicked".
func (s *Server) SetMemberStatus(g Group, u User, status string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.addGroupLocked(g)
	s.usersByID[u.ID] = u
	s.members[g.ID][u.ID] = status
}

// joinGroupLocked makes u a member of g unless u is in it already.
func (s *Server) joinGroupLocked(g Group, u User) {
	s.addGroupLocked(g)
	s.usersByID[u.ID] = u
	if _, ok := s.members[g.ID][u.ID]; !ok {
		s.members[g.ID][u.ID] = "member"
	}
}

func (s *Server) addGroupLocked(g Group) {
	if s.members[g.ID] == nil {
		s.members[g.ID] = map[int64]string{}
	}
	if g.Title != "" {
		s.titles[g.ID] = g.Title
	}
}

// commandEntity marks a leading /command like Telegram does.
var commandEntity = regexp.MustCompile(`^/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?`)

func entitiesFor(text string) []Entity {
	if loc := commandEntity.FindStringIndex(text); loc != nil {
		return []Entity{{Type: "bot_command", Offset: 0, Length: utf16Len(text[:loc[1]])}}
	}
	return nil
}

// SendPrivate injects a message the user typed in their private chat with
// the bot and returns its update id. Writing to the bot opens (or unblocks)
// the private chat.
func (s *Server) SendPrivate(u User, text string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.usersByID[u.ID] = u
	s.started[u.ID] = true
	delete(s.blocked, u.ID)
	s.nextMessageID[u.ID]++
	m := &Message{MessageID: s.nextMessageID[u.ID], From: &u, Chat: Chat{ID: u.ID, Type: "private", FirstName: u.FirstName, Username: u.Username},
		Date: s.now().Unix(), Text: text, Entities: entitiesFor(text)}
	return s.pushLocked(Update{Message: m})
}

// SendGroup injects a message the user typed in a group and returns its
// update id. The user becomes a member of the group if not one already.
func (s *Server) SendGroup(g Group, u User, text string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.joinGroupLocked(g, u)
	s.nextMessageID[g.ID]++
	m := &Message{MessageID: s.nextMessageID[g.ID], From: &u, Chat: s.chatLocked(g.ID), Date: s.now().Unix(), Text: text, Entities: entitiesFor(text)}
	return s.pushLocked(Update{Message: m})
}

// Press injects a callback query: u pressed the button with data under the
// bot's message sent. It returns the callback query id.
func (s *Server) Press(u User, sent Sent, data string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextCallback++
	id := "cb" + strconv.Itoa(s.nextCallback)
	s.callbacks[id] = &callbackState{}
	var msg *Message
	if m, ok := s.messages[sent.ChatID][sent.MessageID]; ok {
		cp := *m
		msg = &cp
	}
	s.pushLocked(Update{CallbackQuery: &CallbackQuery{ID: id, From: u, Message: msg, ChatInstance: strconv.FormatInt(sent.ChatID, 10), Data: data}})
	return id
}

// CallbackAnswered reports whether the bot answered a callback query.
func (s *Server) CallbackAnswered(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	cb, ok := s.callbacks[id]
	return ok && cb.answered
}

// MigrateGroup upgrades a group to a supergroup: sends to the old id get
// 400 with migrate_to_chat_id, and the service messages Telegram sends are
// injected as updates. The group's members carry over.
func (s *Server) MigrateGroup(old Group, newID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.addGroupLocked(old)
	s.migrated[old.ID] = newID
	s.members[newID] = s.members[old.ID]
	s.titles[newID] = s.titles[old.ID]
	from := s.botUser()
	for _, u := range s.usersByID {
		if st, ok := s.members[old.ID][u.ID]; ok && (st == "creator" || st == "administrator") {
			from = u
			break
		}
	}
	s.nextMessageID[old.ID]++
	s.pushLocked(Update{Message: &Message{MessageID: s.nextMessageID[old.ID], From: &from, Chat: s.chatLocked(old.ID), Date: s.now().Unix(), MigrateToChatID: newID}})
	s.nextMessageID[newID]++
	s.pushLocked(Update{Message: &Message{MessageID: s.nextMessageID[newID], From: &from, Chat: s.chatLocked(newID), Date: s.now().Unix(), MigrateFromChatID: old.ID}})
}

// KickBot removes the bot from a group: sends there get 403.
func (s *Server) KickBot(groupID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.kicked[groupID] = true
}

// Inject queues a raw update and returns its id (the fake assigns it).
func (s *Server) Inject(u Update) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.pushLocked(u)
}

func (s *Server) pushLocked(u Update) int64 {
	s.nextUpdateID++
	u.UpdateID = s.nextUpdateID
	s.pending = append(s.pending, u)
	s.notifyLocked()
	if s.webhook.url != "" && !s.webhook.running {
		s.webhook.running = true
		go s.deliverWebhook()
	}
	return u.UpdateID
}

// Pending is the number of updates not yet confirmed by the bot.
func (s *Server) Pending() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.pending)
}

// Confirmed is the highest update id the bot confirmed, by a getUpdates
// offset above it or a successful webhook delivery.
func (s *Server) Confirmed() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.confirmed
}

func (s *Server) confirmLocked(offset int64) {
	i := 0
	for i < len(s.pending) && s.pending[i].UpdateID < offset {
		if s.pending[i].UpdateID > s.confirmed {
			s.confirmed = s.pending[i].UpdateID
		}
		i++
	}
	if i > 0 {
		s.pending = append([]Update(nil), s.pending[i:]...)
		s.notifyLocked()
	}
}

// getUpdates confirms updates below offset and long-polls for the rest.
func (s *Server) getUpdates(req *request) (any, *apiError) {
	offset, e := req.int64("offset", false)
	if e != nil {
		return nil, e
	}
	limit, e := req.int64("limit", false)
	if e != nil {
		return nil, e
	}
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	timeout, e := req.int64("timeout", false)
	if e != nil {
		return nil, e
	}
	var deadline <-chan time.Time
	if timeout > 0 {
		t := time.NewTimer(time.Duration(timeout) * time.Second)
		defer t.Stop()
		deadline = t.C
	}
	s.mu.Lock()
	if s.webhook.url != "" {
		s.mu.Unlock()
		return nil, &apiError{code: 409, description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"}
	}
	s.setAllowedLocked(req)
	s.confirmLocked(offset)
	for {
		s.dropDisallowedLocked()
		var out []Update
		for _, u := range s.pending {
			if u.UpdateID >= offset {
				out = append(out, u)
				if int64(len(out)) == limit {
					break
				}
			}
		}
		if len(out) > 0 || timeout <= 0 {
			s.mu.Unlock()
			if out == nil {
				out = []Update{}
			}
			return out, nil
		}
		ch := s.changed
		s.mu.Unlock()
		select {
		case <-ch:
		case <-deadline:
			return []Update{}, nil
		case <-req.ctx.Done():
			return nil, &apiError{code: 499, description: "client closed request"}
		case <-s.closed:
			return []Update{}, nil
		}
		s.mu.Lock()
	}
}

var secretToken = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)

func (s *Server) setWebhook(req *request) (any, *apiError) {
	u := req.str("url")
	secret := req.str("secret_token")
	if secret != "" && !secretToken.MatchString(secret) {
		return nil, badRequest("secret token contains unallowed characters")
	}
	if u != "" && !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://127.0.0.1") {
		return nil, badRequest("bad webhook: An HTTPS URL must be provided for webhook")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if req.bool("drop_pending_updates") {
		s.pending = nil
	}
	s.setAllowedLocked(req)
	s.webhook.url, s.webhook.secret = u, secret
	if u != "" && len(s.pending) > 0 && !s.webhook.running {
		s.webhook.running = true
		go s.deliverWebhook()
	}
	s.notifyLocked()
	return true, nil
}

func (s *Server) deleteWebhook(req *request) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if req.bool("drop_pending_updates") {
		s.pending = nil
	}
	s.webhook.url, s.webhook.secret = "", ""
	s.notifyLocked()
	return true, nil
}

// Webhook returns the URL and secret set with setWebhook.
func (s *Server) Webhook() (url, secret string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.webhook.url, s.webhook.secret
}

// WebhookDeliveries lists the fake's POSTs to the webhook.
func (s *Server) WebhookDeliveries() []WebhookDelivery {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]WebhookDelivery(nil), s.webhook.deliveries...)
}
