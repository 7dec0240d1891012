package telegramtest

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"time"
)

func (s *Server) botUser() User {
	id, _ := strconv.ParseInt(strings.SplitN(s.token, ":", 2)[0], 10, 64)
	return User{ID: id, IsBot: true, FirstName: "runclub", Username: s.botUsername}
}

func (s *Server) getMe(*request) (any, *apiError) { return s.botUser(), nil }

var commandName = regexp.MustCompile(`^[a-z0-9_]{1,32}$`)

func (s *Server) setMyCommands(req *request) (any, *apiError) {
	var cmds []BotCommand
	if err := json.Unmarshal([]byte(req.str("commands")), &cmds); err != nil {
		return nil, badRequest("can't parse commands JSON object")
	}
	if len(cmds) > 100 {
		return nil, badRequest("too many commands")
	}
	for _, c := range cmds {
		if !commandName.MatchString(c.Command) {
			return nil, badRequest("BOT_COMMAND_INVALID")
		}
		if n := utf16Len(c.Description); n < 1 || n > 256 {
			return nil, badRequest("BOT_COMMAND_DESCRIPTION_INVALID")
		}
	}
	scope := "default"
	if v := req.str("scope"); v != "" {
		var sc struct {
			Type string `json:"type"`
		}
		if err := json.Unmarshal([]byte(v), &sc); err != nil || sc.Type == "" {
			return nil, badRequest("can't parse BotCommandScope JSON object")
		}
		scope = sc.Type
	}
	s.mu.Lock()
	s.commands[scope] = cmds
	s.mu.Unlock()
	return true, nil
}

// Commands returns the commands registered with setMyCommands for a scope
// type ("default", "all_private_chats", "all_group_chats", ...).
func (s *Server) Commands(scope string) []BotCommand {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]BotCommand(nil), s.commands[scope]...)
}

// checkChatLocked answers what Telegram answers when the bot may not post
// to chatID.
func (s *Server) checkChatLocked(chatID int64) *apiError {
	if to, ok := s.migrated[chatID]; ok {
		return &apiError{code: 400, description: "Bad Request: group chat was upgraded to a supergroup chat", migrateTo: to}
	}
	if chatID > 0 {
		if s.blocked[chatID] {
			return &apiError{code: 403, description: "Forbidden: bot was blocked by the user"}
		}
		if !s.started[chatID] {
			return &apiError{code: 403, description: "Forbidden: bot can't initiate conversation with a user"}
		}
		return nil
	}
	if s.kicked[chatID] {
		return &apiError{code: 403, description: "Forbidden: bot was kicked from the group chat"}
	}
	if _, ok := s.members[chatID]; !ok {
		return badRequest("chat not found")
	}
	return nil
}

// admitLocked applies the enforced limits to one message for chatID.
func (s *Server) admitLocked(chatID int64, at time.Time) *apiError {
	if s.limits == nil {
		return nil
	}
	ok, wait, which := s.limits.allow(at, chatID)
	if ok {
		return nil
	}
	s.stats.LimitDenied++
	switch which {
	case "global":
		s.stats.GlobalDenied++
	case "chat":
		s.stats.ChatDenied++
	case "group":
		s.stats.GroupDenied++
	}
	ra := retryAfter(wait)
	return &apiError{code: 429, description: "Too Many Requests: retry after " + strconv.Itoa(ra), retryAfter: ra}
}

// text reads a text or caption in the requested parse mode and returns what
// the user would see.
func parseText(raw, mode string) (string, *apiError) {
	switch strings.ToLower(mode) {
	case "":
		return raw, nil
	case "html":
		plain, err := parseHTML(raw)
		if err != nil {
			return "", &apiError{code: 400, description: err.Error()}
		}
		return plain, nil
	}
	return "", badRequest("unsupported parse_mode %q in this fake", mode)
}

func (s *Server) sendMessage(req *request) (any, *apiError) {
	chatID, e := req.chatID()
	if e != nil {
		return nil, e
	}
	raw := req.str("text")
	plain, e := parseText(raw, req.str("parse_mode"))
	if e != nil {
		return nil, e
	}
	if strings.TrimSpace(plain) == "" {
		return nil, badRequest("message text is empty")
	}
	if utf16Len(plain) > 4096 {
		return nil, badRequest("message is too long")
	}
	kb, e := req.keyboard()
	if e != nil {
		return nil, e
	}
	return s.accept(req, chatID, Sent{Text: plain, Raw: raw, ParseMode: req.str("parse_mode"), Keyboard: kb})
}

func (s *Server) sendFile(req *request, field string) (any, *apiError) {
	chatID, e := req.chatID()
	if e != nil {
		return nil, e
	}
	f, ok := req.files[field]
	if !ok {
		if req.str(field) == "" {
			return nil, badRequest("there is no %s in the request", field)
		}
		f = File{Field: field, Name: req.str(field)}
	}
	if field == "photo" && len(f.Data) == 0 && req.str(field) == "" {
		return nil, badRequest("IMAGE_PROCESS_FAILED")
	}
	if field == "photo" && len(f.Data) > 0 {
		if e := checkPhoto(&f); e != nil {
			return nil, e
		}
	}
	raw := req.str("caption")
	plain, e := parseText(raw, req.str("parse_mode"))
	if e != nil {
		return nil, e
	}
	if utf16Len(plain) > 1024 {
		return nil, badRequest("message caption is too long")
	}
	kb, e := req.keyboard()
	if e != nil {
		return nil, e
	}
	return s.accept(req, chatID, Sent{Text: plain, Raw: raw, ParseMode: req.str("parse_mode"), Keyboard: kb, File: &f})
}

func (s *Server) sendPhoto(req *request) (any, *apiError)    { return s.sendFile(req, "photo") }
func (s *Server) sendDocument(req *request) (any, *apiError) { return s.sendFile(req, "document") }

// accept posts a message the bot sent, after the chat and limit checks.
func (s *Server) accept(req *request, chatID int64, sent Sent) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if e := s.checkChatLocked(chatID); e != nil {
		return nil, e
	}
	if e := s.admitLocked(chatID, req.arrived); e != nil {
		return nil, e
	}
	s.nextMessageID[chatID]++
	bot := s.botUser()
	m := &Message{
		MessageID:   s.nextMessageID[chatID],
		From:        &bot,
		Chat:        s.chatLocked(chatID),
		Date:        s.now().Unix(),
		ReplyMarkup: sent.Keyboard,
	}
	switch req.method {
	case "sendMessage":
		m.Text = sent.Text
	case "sendPhoto":
		m.Caption = sent.Text
		id := "photo-" + strconv.Itoa(len(s.sent)+1)
		w, h := sent.File.Width, sent.File.Height
		if w == 0 { // sent by file id or URL: nothing to measure
			w, h = 800, 600
		}
		m.Photo = []PhotoSize{{FileID: id, FileUniqueID: id, Width: w, Height: h, FileSize: len(sent.File.Data)}}
	case "sendDocument":
		m.Caption = sent.Text
		id := "doc-" + strconv.Itoa(len(s.sent)+1)
		m.Document = &Document{FileID: id, FileUniqueID: id, FileName: sent.File.Name, FileSize: len(sent.File.Data)}
	}
	if s.messages[chatID] == nil {
		s.messages[chatID] = map[int]*Message{}
	}
	s.messages[chatID][m.MessageID] = m
	sent.Seq = len(s.sent) + 1
	sent.Method = req.method
	sent.ChatID = chatID
	sent.MessageID = m.MessageID
	sent.At = s.now()
	s.sent = append(s.sent, sent)
	s.stats.Accepted++
	return m, nil
}

func (s *Server) chatLocked(chatID int64) Chat {
	if chatID > 0 {
		return Chat{ID: chatID, Type: "private"}
	}
	typ := "group"
	if chatID < -1_000_000_000_000 {
		typ = "supergroup"
	}
	return Chat{ID: chatID, Type: typ, Title: s.titles[chatID]}
}

func (s *Server) answerCallbackQuery(req *request) (any, *apiError) {
	id := req.str("callback_query_id")
	s.mu.Lock()
	defer s.mu.Unlock()
	cb, ok := s.callbacks[id]
	if !ok || cb.answered {
		return nil, badRequest("query is too old and response timeout expired or query ID is invalid")
	}
	cb.answered = true
	cb.answerText = req.str("text")
	return true, nil
}

func (s *Server) editMessageReplyMarkup(req *request) (any, *apiError) {
	chatID, e := req.chatID()
	if e != nil {
		return nil, e
	}
	msgID, e := req.int64("message_id", true)
	if e != nil {
		return nil, e
	}
	kb, e := req.keyboard()
	if e != nil {
		return nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.messages[chatID][int(msgID)]
	if !ok {
		return nil, badRequest("message to edit not found")
	}
	if kb != nil && len(kb.InlineKeyboard) == 0 {
		kb = nil
	}
	if keyboardsEqual(m.ReplyMarkup, kb) {
		return nil, badRequest("message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message")
	}
	m.ReplyMarkup = kb
	s.edits = append(s.edits, Edit{ChatID: chatID, MessageID: int(msgID), Keyboard: kb, At: s.now()})
	return m, nil
}

func keyboardsEqual(a, b *InlineKeyboard) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}

func (s *Server) getChatMember(req *request) (any, *apiError) {
	chatID, e := req.chatID()
	if e != nil {
		return nil, e
	}
	userID, e := req.int64("user_id", true)
	if e != nil {
		return nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if chatID > 0 {
		if chatID != userID {
			return nil, badRequest("user not found")
		}
		return ChatMember{Status: "member", User: s.usersByID[userID]}, nil
	}
	members, ok := s.members[chatID]
	if !ok {
		return nil, badRequest("chat not found")
	}
	status, ok := members[userID]
	if !ok {
		status = "left"
	}
	u, ok := s.usersByID[userID]
	if !ok {
		u = User{ID: userID, FirstName: "user"}
	}
	return ChatMember{Status: status, User: u}, nil
}

func (s *Server) getChatAdministrators(req *request) (any, *apiError) {
	chatID, e := req.chatID()
	if e != nil {
		return nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	members, ok := s.members[chatID]
	if !ok {
		return nil, badRequest("chat not found")
	}
	admins := []ChatMember{}
	for id, status := range members {
		if status == "creator" || status == "administrator" {
			admins = append(admins, ChatMember{Status: status, User: s.usersByID[id]})
		}
	}
	return admins, nil
}
