package telegram

import (
	"context"
	"errors"
	"html"
	"runtime/debug"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

// textTextOnly answers a sticker, photo or voice note: the one message the
// adapter answers on its own, since there is no text to hand on.
const textTextOnly = "I can only read text. Type a command such as /checkin rhr:52, or /help to see them all."

// receive takes an update from polling or the webhook and queues it for its
// member. The channel it returns is closed once the update was handled,
// reply included.
func (a *Adapter) receive(upd *models.Update) <-chan struct{} {
	done := make(chan struct{})
	for {
		cur := a.maxUpdate.Load()
		if upd.ID <= cur || a.maxUpdate.CompareAndSwap(cur, upd.ID) {
			break
		}
	}
	chatID, userID := updateChat(upd)
	if chatID == 0 && userID == 0 {
		close(done)
		return done
	}
	key := strconv.FormatInt(chatID, 10) + ":" + strconv.FormatInt(userID, 10)
	a.in.do(key, func() {
		defer close(done)
		a.process(upd)
	})
	return done
}

func (a *Adapter) process(upd *models.Update) {
	base := context.Background()
	if p := a.baseCtx.Load(); p != nil {
		base = *p
	}
	ctx, cancel := context.WithTimeout(base, a.cfg.HandleTimeout)
	defer cancel()
	// The adapter's one guard: the router recovers the handlers, this the
	// adapter's own code, so that no update can stop the bot.
	defer func() {
		if p := recover(); p != nil {
			a.log.Error("telegram: panic while handling an update", "update_id", upd.ID, "panic", p, "stack", string(debug.Stack()))
			if chatID, _ := updateChat(upd); chatID != 0 {
				a.answer(ctx, chatID, bot.Apology)
			}
		}
	}()
	switch {
	case upd.Message != nil:
		a.onMessage(ctx, upd.ID, upd.Message)
	case upd.CallbackQuery != nil:
		a.onCallback(ctx, upd.ID, upd.CallbackQuery)
	case upd.MyChatMember != nil:
		a.onMyChatMember(ctx, upd.MyChatMember)
	}
}

// updateChat is the chat an update came from and its sender; zeros for an
// update the adapter does not handle.
func updateChat(upd *models.Update) (chatID, userID int64) {
	switch {
	case upd.Message != nil:
		if upd.Message.From != nil {
			userID = upd.Message.From.ID
		}
		return upd.Message.Chat.ID, userID
	case upd.CallbackQuery != nil:
		chatID, _ = callbackChat(upd.CallbackQuery)
		return chatID, upd.CallbackQuery.From.ID
	case upd.MyChatMember != nil:
		return upd.MyChatMember.Chat.ID, upd.MyChatMember.From.ID
	}
	return 0, 0
}

func (a *Adapter) onMessage(ctx context.Context, updateID int64, m *models.Message) {
	switch {
	case m.MigrateToChatID != 0:
		a.out.migrated(ctx, m.Chat.ID, m.MigrateToChatID)
		return
	case m.MigrateFromChatID != 0:
		a.out.migrated(ctx, m.MigrateFromChatID, m.Chat.ID)
		return
	case m.From == nil || m.From.IsBot:
		return
	}
	private := m.Chat.Type == models.ChatTypePrivate
	if !private && m.Chat.Type != models.ChatTypeGroup && m.Chat.Type != models.ChatTypeSupergroup {
		return // channels
	}
	text := m.Text
	if !private && (!strings.HasPrefix(text, "/") || !a.addressedToMe(text)) {
		return // group chatter, or a command for another bot
	}
	if text == "" {
		a.answer(ctx, m.Chat.ID, textTextOnly)
		return
	}
	cmd := a.command(ctx, updateID, m.Chat, *m.From, text, time.Unix(int64(m.Date), 0).UTC())
	cmd.Text, cmd.Mentions = textMentions(text, m.Entities)
	a.reply(ctx, cmd, *m.From, a.h.Handle(ctx, cmd))
}

// onCallback turns a button press into the command its data holds.
func (a *Adapter) onCallback(ctx context.Context, updateID int64, q *models.CallbackQuery) {
	// Answer first so the member's button stops spinning at once.
	actx, cancel := context.WithTimeout(ctx, a.cfg.RequestTimeout)
	if _, err := a.client.AnswerCallbackQuery(actx, &tgbot.AnswerCallbackQueryParams{CallbackQueryID: q.ID}); err != nil {
		a.log.Warn("telegram: answerCallbackQuery failed", "err", redact(err.Error(), a.cfg.Token))
	}
	cancel()
	if q.Data == "" {
		return
	}
	chatID, msgID := callbackChat(q)
	chat := models.Chat{ID: chatID, Type: models.ChatTypePrivate}
	hadKeyboard := false
	if mm := q.Message.Message; mm != nil {
		chat = mm.Chat
		hadKeyboard = mm.ReplyMarkup != nil && len(mm.ReplyMarkup.InlineKeyboard) > 0
	} else if im := q.Message.InaccessibleMessage; im != nil {
		chat = im.Chat
	}
	cmd := a.command(ctx, updateID, chat, q.From, q.Data, a.cfg.Now().UTC())
	a.reply(ctx, cmd, q.From, a.h.Handle(ctx, cmd))
	// In a private chat a keyboard is answered once: removing it stops a
	// second press on an old question. Group keyboards stay for others.
	if cmd.Private && hadKeyboard && msgID != 0 {
		d := a.out.send(ctx, chatID, []part{{kind: partDropKeyboard, msgID: msgID}})
		if d.err != nil && !errors.Is(d.err, ErrRejected) {
			a.log.Warn("telegram: removing a used keyboard failed", "chat_id", chatID, "err", d.err)
		}
	}
}

// callbackChat is the chat and message a button was pressed under; for a
// message the bot can no longer see, the member's private chat.
func callbackChat(q *models.CallbackQuery) (chatID int64, msgID int) {
	switch {
	case q.Message.Message != nil:
		return q.Message.Message.Chat.ID, q.Message.Message.ID
	case q.Message.InaccessibleMessage != nil:
		return q.Message.InaccessibleMessage.Chat.ID, q.Message.InaccessibleMessage.MessageID
	}
	return q.From.ID, 0
}

// addressedToMe is false for "/cmd@OtherBot" in a group.
func (a *Adapter) addressedToMe(text string) bool {
	first, _, _ := strings.Cut(strings.Fields(text + " ")[0], "\n")
	_, name, ok := strings.Cut(first, "@")
	return !ok || strings.EqualFold(name, a.username)
}

// command builds a bot.Command from text typed or pressed in update
// updateID; the router reads it, and applies it once however often
// Telegram delivers the update.
func (a *Adapter) command(ctx context.Context, updateID int64, chat models.Chat, from models.User, text string, at time.Time) bot.Command {
	private := chat.Type == models.ChatTypePrivate
	cmd := bot.Command{
		Platform: domain.PlatformTelegram,
		UserID:   strconv.FormatInt(from.ID, 10),
		UserName: displayName(from),
		ChatID:   strconv.FormatInt(chat.ID, 10),
		Private:  private,
		Text:     text,
		Time:     at,
		EventID:  strconv.FormatInt(updateID, 10),
	}
	if !private {
		cmd.GroupTitle = chat.Title
		cmd.SenderIsAdmin = a.isAdmin(ctx, chat.ID, from.ID)
	}
	return cmd
}

// textMentions finds the members a message names with Telegram's
// text_mention entities (people without a username, picked from the member
// list): each becomes "@Name" in the text, recorded with its user id.
// Entity offsets count UTF-16 code units.
func textMentions(text string, entities []models.MessageEntity) (string, []bot.Mention) {
	units := utf16.Encode([]rune(text))
	var out []rune
	var mentions []bot.Mention
	last := 0
	for _, e := range entities {
		if e.Type != models.MessageEntityTypeTextMention || e.User == nil || e.Offset < last || e.Offset+e.Length > len(units) || e.Length <= 0 {
			continue
		}
		name := strings.Join(strings.Fields(string(utf16.Decode(units[e.Offset:e.Offset+e.Length]))), " ")
		token := "@" + strings.TrimPrefix(name, "@")
		out = append(out, utf16.Decode(units[last:e.Offset])...)
		out = append(out, []rune(token)...)
		mentions = append(mentions, bot.Mention{Token: token, UserID: strconv.FormatInt(e.User.ID, 10)})
		last = e.Offset + e.Length
	}
	if mentions == nil {
		return text, nil
	}
	out = append(out, utf16.Decode(units[last:])...)
	return string(out), mentions
}

func displayName(u models.User) string {
	name := strings.TrimSpace(u.FirstName + " " + u.LastName)
	if name == "" {
		name = u.Username
	}
	return name
}

// adminTTL is how long a getChatMember answer is trusted.
const adminTTL = 5 * time.Minute

// isAdmin asks Telegram whether the sender administers the group. A failed
// lookup counts as not an admin: coach rights are never granted by accident.
func (a *Adapter) isAdmin(ctx context.Context, chatID, userID int64) bool {
	key := [2]int64{chatID, userID}
	now := a.cfg.Now()
	a.adminMu.Lock()
	e, ok := a.admins[key]
	a.adminMu.Unlock()
	if ok && now.Sub(e.at) < adminTTL {
		return e.admin
	}
	cctx, cancel := context.WithTimeout(ctx, a.cfg.RequestTimeout)
	defer cancel()
	m, err := a.client.GetChatMember(cctx, &tgbot.GetChatMemberParams{ChatID: chatID, UserID: userID})
	if err != nil {
		a.log.Warn("telegram: getChatMember failed; treating sender as not an admin", "chat_id", chatID, "err", redact(err.Error(), a.cfg.Token))
		return false
	}
	admin := m.Type == models.ChatMemberTypeOwner || m.Type == models.ChatMemberTypeAdministrator
	a.adminMu.Lock()
	if len(a.admins) > 10000 {
		clear(a.admins)
	}
	a.admins[key] = adminEntry{admin: admin, at: now}
	a.adminMu.Unlock()
	return admin
}

// answer sends a short plain text to a chat.
func (a *Adapter) answer(ctx context.Context, chatID int64, text string) {
	if d := a.out.send(ctx, chatID, a.parts(bot.Reply{Text: text})); d.err != nil {
		a.log.Warn("telegram: answer not delivered", "chat_id", chatID, "err", d.err)
	}
}

// reply delivers a handler's reply. A private reply to a command typed in a
// group goes to the member's private chat and the group sees a pointer; if
// the bot may not write to the member yet, the group gets a link that opens
// the private chat instead.
func (a *Adapter) reply(ctx context.Context, cmd bot.Command, from models.User, r bot.Reply) {
	r = a.resolve(ctx, r)
	if r.IsZero() {
		return
	}
	chatID, _ := strconv.ParseInt(cmd.ChatID, 10, 64)
	if cmd.Private || !r.Private {
		if d := a.out.send(ctx, chatID, a.parts(r)); d.err != nil {
			a.log.Warn("telegram: reply not delivered", "chat_id", chatID, "command", cmd.Name, "err", d.err)
		}
		return
	}
	name := displayName(from)
	d := a.out.send(ctx, from.ID, a.parts(r))
	var note string
	switch {
	case d.err == nil:
		note = r.GroupNote
		if note == "" {
			note = name + ", I've sent you the details in a private chat."
		}
	case errors.Is(d.err, ErrUnreachable):
		note = name + ", I can't message you privately yet. Open a chat with me here and press Start, then send the command again: " + a.deepLink()
	default:
		a.log.Warn("telegram: private reply not delivered", "user_id", from.ID, "command", cmd.Name, "err", d.err)
		note = name + ", I couldn't send you a private message just now. Please try again in a minute."
	}
	if d := a.out.send(ctx, chatID, a.parts(bot.Reply{Text: note})); d.err != nil {
		a.log.Warn("telegram: group pointer not delivered", "chat_id", chatID, "err", d.err)
	}
}

// deepLink opens the bot's private chat and sends /start hi.
func (a *Adapter) deepLink() string {
	return "https://t.me/" + a.username + "?start=hi"
}

// parts turns a reply into API calls. With an image, the photo comes first
// with the start of the text as its caption (at most MaxCaptionLen), and the
// rest of the text follows as messages; without one, the text (escaped for
// HTML and split at Telegram's length limit). Then any table, then the
// document. Buttons go under the last text (or the photo's caption), or under
// the document when there is no text. r's files must be resolved.
func (a *Adapter) parts(r bot.Reply) []part {
	var ps []part
	text := r.Text
	if r.Image != nil {
		var caption string
		caption, text = cutCaption(text)
		ps = append(ps, part{kind: partPhoto, file: r.Image, html: html.EscapeString(caption)})
	}
	for _, t := range splitText(text, MaxMessageLen) {
		ps = append(ps, part{kind: partText, html: html.EscapeString(t)})
	}
	// A table keeps its lines whole: each piece is a <pre> of its own.
	for _, t := range splitText(strings.TrimRight(r.Pre, "\n"), MaxMessageLen) {
		ps = append(ps, part{kind: partText, html: "<pre>" + html.EscapeString(t) + "</pre>"})
	}
	kb := a.keyboard(r.Buttons)
	lastText := len(ps) - 1
	if r.Document != nil {
		ps = append(ps, part{kind: partDocument, file: r.Document})
	}
	if kb != nil {
		switch {
		case lastText >= 0:
			ps[lastText].keyboard = kb
		case len(ps) > 0:
			ps[len(ps)-1].keyboard = kb
		default:
			ps = append(ps, part{kind: partText, html: "Choose one:", keyboard: kb})
		}
	}
	return ps
}

// keyboard renders neutral buttons as an inline keyboard. A button Telegram
// would refuse (no label, data over 64 bytes) is left out and logged rather
// than losing the whole message.
func (a *Adapter) keyboard(rows [][]bot.Button) *models.InlineKeyboardMarkup {
	var kb [][]models.InlineKeyboardButton
	for _, row := range rows {
		var r []models.InlineKeyboardButton
		for _, b := range row {
			if b.Label == "" || b.Data == "" || len(b.Data) > bot.MaxButtonData {
				a.log.Error("telegram: dropping a button Telegram would refuse", "label", b.Label, "data_bytes", len(b.Data))
				continue
			}
			r = append(r, models.InlineKeyboardButton{Text: b.Label, CallbackData: b.Data})
		}
		if len(r) > 0 {
			kb = append(kb, r)
		}
	}
	if len(kb) == 0 {
		return nil
	}
	return &models.InlineKeyboardMarkup{InlineKeyboard: kb}
}
