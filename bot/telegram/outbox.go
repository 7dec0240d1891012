package telegram

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"golang.org/x/time/rate"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

// partKind is one kind of API call a delivery is made of.
type partKind int

const (
	partText partKind = iota
	partPhoto
	partDocument
	partDropKeyboard // editMessageReplyMarkup with no buttons
)

// part is one API call of a delivery: a text message, a file, or a
// keyboard edit.
type part struct {
	kind     partKind
	html     string
	keyboard *models.InlineKeyboardMarkup
	file     *bot.File
	msgID    int
}

// job is one delivery queued for a chat; its parts go out in order.
type job struct {
	ctx   context.Context
	parts []part
	done  chan delivery
}

// delivery is the outcome of a job.
type delivery struct {
	chatID int64 // the chat it went to, after any group migration
	msgs   []*models.Message
	err    error
}

// chatState is a chat's pacing.
type chatState struct {
	nextAt time.Time     // earliest time of the chat's next API call
	group  *rate.Limiter // nil for private chats
}

// outbox is the one paced queue everything the adapter sends goes through.
// Each chat's deliveries run in order (fifo), so a slow or throttled chat only
// holds up itself; all chats share the global bucket.
type outbox struct {
	client *tgbot.Bot
	cfg    *Config
	ev     bot.Events
	log    *slog.Logger

	// global spreads waiting senders evenly over time; guard measures at
	// the moment each call is made, so that if the process stalls and many
	// senders wake late together they still go out at the global rate
	// instead of all at once.
	global       *rate.Limiter
	guard        *rate.Limiter
	chatInterval time.Duration

	queue   fifo[int64]
	mu      sync.Mutex
	chats   map[int64]*chatState
	moved   map[int64]int64 // group migrations: old id → new id
	sweepAt int
}

func newOutbox(client *tgbot.Bot, cfg *Config, ev bot.Events, log *slog.Logger) *outbox {
	return &outbox{
		client:       client,
		cfg:          cfg,
		ev:           ev,
		log:          log,
		global:       rate.NewLimiter(rate.Limit(cfg.GlobalPerSecond), 1),
		guard:        rate.NewLimiter(rate.Limit(cfg.GlobalPerSecond), guardBurst),
		chatInterval: time.Duration(float64(time.Second) / cfg.ChatPerSecond),
		chats:        map[int64]*chatState{},
		moved:        map[int64]int64{},
		sweepAt:      1024,
	}
}

// send queues parts for chatID and waits until Telegram accepted them all or
// one failed for good.
func (o *outbox) send(ctx context.Context, chatID int64, parts []part) delivery {
	if len(parts) == 0 {
		return delivery{chatID: chatID}
	}
	j := &job{ctx: ctx, parts: parts, done: make(chan delivery, 1)}
	chatID = o.resolve(chatID)
	o.cfg.Observer.Queued(domain.PlatformTelegram, 1)
	o.queue.do(chatID, func() {
		d := o.run(chatID, j)
		o.cfg.Observer.Queued(domain.PlatformTelegram, -1)
		j.done <- d
	})
	select {
	case d := <-j.done:
		return d
	case <-ctx.Done():
		return delivery{chatID: chatID, err: fmt.Errorf("telegram: send to chat %d: %w", chatID, ctx.Err())}
	}
}

func (o *outbox) run(chatID int64, j *job) delivery {
	d := delivery{chatID: o.resolve(chatID)}
	for _, p := range j.parts {
		if err := j.ctx.Err(); err != nil {
			d.err = fmt.Errorf("telegram: send to chat %d: %w", d.chatID, err)
			return d
		}
		m, err := o.deliver(j.ctx, &d.chatID, p)
		if err != nil {
			d.err = err
			return d
		}
		d.msgs = append(d.msgs, m)
	}
	return d
}

// deliver makes one API call, pacing it and retrying until Telegram accepts
// it or refuses it for good. A 429 waits retry_after and sends the same part
// again; 5xx answers and timeouts back off; a migrated group is followed.
func (o *outbox) deliver(ctx context.Context, chatID *int64, p part) (*models.Message, error) {
	backoff := o.cfg.RetryBase
	failures, migrations := 0, 0
	for {
		if err := o.pace(ctx, *chatID); err != nil {
			return nil, fmt.Errorf("telegram: send to chat %d: waiting for the rate limit: %w", *chatID, err)
		}
		actx, cancel := context.WithTimeout(ctx, o.cfg.RequestTimeout)
		m, err := o.call(actx, *chatID, p)
		cancel()
		if err == nil {
			return m, nil
		}
		if ctx.Err() != nil {
			return nil, fmt.Errorf("telegram: send to chat %d: %w", *chatID, ctx.Err())
		}
		var tooMany *tgbot.TooManyRequestsError
		var migrate *tgbot.MigrateError
		switch {
		case errors.As(err, &tooMany):
			wait := time.Duration(max(tooMany.RetryAfter, 1)) * time.Second
			o.log.Warn("telegram: rate limited, waiting", "chat_id", *chatID, "retry_after", wait)
			o.cfg.Observer.RateLimited(domain.PlatformTelegram, wait)
			if err := o.cfg.Wait(ctx, wait); err != nil {
				return nil, fmt.Errorf("telegram: send to chat %d: waiting retry_after: %w", *chatID, err)
			}
		case errors.As(err, &migrate) && migrate.MigrateToChatID != 0 && migrations < 3:
			migrations++
			newID := int64(migrate.MigrateToChatID)
			o.migrated(ctx, *chatID, newID)
			*chatID = newID
		case errors.Is(err, tgbot.ErrorForbidden):
			if *chatID > 0 {
				o.ev.Unreachable(ctx, domain.PlatformTelegram, strconv.FormatInt(*chatID, 10))
			}
			return nil, fmt.Errorf("telegram: send to chat %d: %w: %w", *chatID, ErrUnreachable, err)
		case errors.Is(err, tgbot.ErrorBadRequest), errors.Is(err, tgbot.ErrorUnauthorized),
			errors.Is(err, tgbot.ErrorNotFound), errors.Is(err, tgbot.ErrorConflict), errors.As(err, &migrate):
			return nil, fmt.Errorf("telegram: send to chat %d: %w: %w", *chatID, ErrRejected, err)
		default:
			// 5xx, a timeout, a dropped connection or an unreadable answer:
			// Telegram did not take the message, so it is sent again.
			failures++
			if failures > o.cfg.MaxRetries {
				return nil, fmt.Errorf("telegram: send to chat %d: %w (%d attempts): %w", *chatID, ErrGaveUp, failures, err)
			}
			o.log.Warn("telegram: send failed, retrying", "chat_id", *chatID, "attempt", failures, "backoff", backoff, "err", err)
			if err := o.cfg.Wait(ctx, backoff); err != nil {
				return nil, fmt.Errorf("telegram: send to chat %d: backing off: %w", *chatID, err)
			}
			backoff = min(backoff*2, o.cfg.RetryMax)
		}
	}
}

// call makes the API call for one part.
func (o *outbox) call(ctx context.Context, chatID int64, p part) (*models.Message, error) {
	var markup models.ReplyMarkup // a nil interface, so that no markup is sent
	if p.keyboard != nil {
		markup = p.keyboard
	}
	switch p.kind {
	case partText:
		return o.client.SendMessage(ctx, &tgbot.SendMessageParams{
			ChatID: chatID, Text: p.html, ParseMode: models.ParseModeHTML, ReplyMarkup: markup,
			LinkPreviewOptions: &models.LinkPreviewOptions{IsDisabled: tgbot.True()},
		})
	case partPhoto:
		return o.client.SendPhoto(ctx, &tgbot.SendPhotoParams{
			ChatID: chatID, Photo: &models.InputFileUpload{Filename: p.file.Name, Data: bytes.NewReader(p.file.Data)},
			Caption: p.html, ParseMode: models.ParseModeHTML, ReplyMarkup: markup,
		})
	case partDocument:
		return o.client.SendDocument(ctx, &tgbot.SendDocumentParams{
			ChatID: chatID, Document: &models.InputFileUpload{Filename: p.file.Name, Data: bytes.NewReader(p.file.Data)},
			Caption: p.html, ParseMode: models.ParseModeHTML, ReplyMarkup: markup,
		})
	case partDropKeyboard:
		return o.client.EditMessageReplyMarkup(ctx, &tgbot.EditMessageReplyMarkupParams{
			ChatID: chatID, MessageID: p.msgID,
			ReplyMarkup: &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{}},
		})
	}
	return nil, fmt.Errorf("telegram: unknown part kind %d", p.kind)
}

// pace waits until the chat may have its next message, then for a global
// token, then (groups only) for a group token. The chat's turn is stamped
// when the call is actually made, so a wait in the global queue can never
// squeeze two messages to one chat closer than its interval; and a chat
// waiting for its turn holds no global token, so it delays no other chat.
func (o *outbox) pace(ctx context.Context, chatID int64) error {
	o.mu.Lock()
	st := o.stateLocked(chatID)
	next, group := st.nextAt, st.group
	o.mu.Unlock()
	if d := next.Sub(o.cfg.Now()); d > 0 {
		if err := o.cfg.Wait(ctx, d); err != nil {
			return err
		}
	}
	if err := o.take(ctx, o.global); err != nil {
		return err
	}
	if err := o.take(ctx, o.guard); err != nil {
		return err
	}
	if group != nil {
		if err := o.take(ctx, group); err != nil {
			return err
		}
	}
	o.mu.Lock()
	st.nextAt = o.cfg.Now().Add(o.chatInterval)
	o.mu.Unlock()
	return nil
}

// take waits for one token of l.
func (o *outbox) take(ctx context.Context, l *rate.Limiter) error {
	now := o.cfg.Now()
	r := l.ReserveN(now, 1)
	if !r.OK() {
		return errors.New("rate limiter refused a single message")
	}
	if d := r.DelayFrom(now); d > 0 {
		if err := o.cfg.Wait(ctx, d); err != nil {
			r.CancelAt(o.cfg.Now())
			return err
		}
	}
	return nil
}

// stateLocked returns the chat's state, creating it (and now and then
// forgetting idle chats whose limits have fully recovered).
func (o *outbox) stateLocked(chatID int64) *chatState {
	if st, ok := o.chats[chatID]; ok {
		return st
	}
	if len(o.chats) >= o.sweepAt {
		now := o.cfg.Now()
		for id, st := range o.chats {
			if !o.queue.busy(id) && !st.nextAt.After(now) &&
				(st.group == nil || st.group.TokensAt(now) >= float64(st.group.Burst())) {
				delete(o.chats, id)
			}
		}
		o.sweepAt = max(1024, 2*len(o.chats))
	}
	st := &chatState{}
	if chatID < 0 {
		st.group = rate.NewLimiter(rate.Limit(o.cfg.GroupPerMinute/60), groupBurst)
	}
	o.chats[chatID] = st
	return st
}

// guardBurst is how many late senders may go at once after a stall; well
// under the 30 a second's worth that Telegram tolerates.
const guardBurst = 10

// groupBurst lets a quiet group get a few answers at the per-chat pace
// before the 20/min average applies; Telegram's window is a minute.
const groupBurst = 3

func (o *outbox) resolve(chatID int64) int64 {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.resolveLocked(chatID)
}

func (o *outbox) resolveLocked(chatID int64) int64 {
	for i := 0; i < 5; i++ {
		to, ok := o.moved[chatID]
		if !ok {
			break
		}
		chatID = to
	}
	return chatID
}

// migrated records a group's new id and reports it once.
func (o *outbox) migrated(ctx context.Context, oldID, newID int64) {
	o.mu.Lock()
	known := o.moved[oldID] == newID
	o.moved[oldID] = newID
	o.mu.Unlock()
	if known {
		return
	}
	o.log.Info("telegram: group migrated to a supergroup", "old_chat_id", oldID, "new_chat_id", newID)
	o.ev.ChatMigrated(ctx, domain.PlatformTelegram, strconv.FormatInt(oldID, 10), strconv.FormatInt(newID, 10))
}
