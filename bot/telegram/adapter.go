// Package telegram is runclub's Telegram adapter on github.com/go-telegram/bot.
// It turns messages, commands and button presses into bot.Command, calls the
// handler, and delivers replies and pushes through one paced outbound queue
// that keeps within Telegram's limits and survives its faults. Each command
// carries its update id, so a repeated update takes effect once.
//
// It may import bot and domain only, of the project; no go-telegram type
// leaves it.
package telegram

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

var _ bot.Sender = (*Adapter)(nil)

// allowedUpdates are the update types the adapter asks Telegram for:
// messages, button presses, and the bot's own membership of a chat
// (my_chat_member: added to a group, the group is a club).
var allowedUpdates = []string{models.AllowedUpdateMessage, models.AllowedUpdateCallbackQuery, models.AllowedUpdateMyChatMember}

// Adapter connects a bot.Handler to Telegram and implements bot.Sender.
type Adapter struct {
	cfg    Config
	h      bot.Handler
	ev     bot.Events
	log    *slog.Logger
	client *tgbot.Bot
	out    *outbox
	in     fifo[string] // the inbox: updates per member and chat

	username string // the bot's @username, without the @

	running   atomic.Bool
	closing   atomic.Bool
	connected atomic.Bool // polling, or the webhook set: see Ready
	baseCtx   atomic.Pointer[context.Context]
	maxUpdate atomic.Int64 // highest update id handed to the inbox

	adminMu sync.Mutex
	admins  map[[2]int64]adminEntry
}

type adminEntry struct {
	admin bool
	at    time.Time
}

// New checks the token with getMe and returns an adapter ready to Run and to
// Send. ev may be nil when nothing needs to hear about unreachable members.
func New(cfg Config, h bot.Handler, ev bot.Events, log *slog.Logger) (*Adapter, error) {
	cfg.setDefaults()
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	if h == nil {
		return nil, errors.New("telegram: nil handler")
	}
	if ev == nil {
		ev = noEvents{}
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	log = log.With("platform", domain.PlatformTelegram)
	a := &Adapter{cfg: cfg, h: h, ev: ev, log: log, admins: map[[2]int64]adminEntry{}}
	client, err := tgbot.New(cfg.Token,
		tgbot.WithServerURL(cfg.APIURL),
		tgbot.WithHTTPClient(cfg.PollTimeout, cfg.HTTPClient),
		tgbot.WithSkipGetMe(),
		tgbot.WithNotAsyncHandlers(),
		// Unbuffered: an update is confirmed to Telegram (by the next
		// getUpdates offset) only after it reached the inbox, so a shutdown
		// never drops updates the client had fetched but not handed over.
		tgbot.WithUpdatesChannelCap(0),
		tgbot.WithAllowedUpdates(tgbot.AllowedUpdates(allowedUpdates)),
		tgbot.WithDefaultHandler(func(_ context.Context, _ *tgbot.Bot, upd *models.Update) { a.receive(upd) }),
		tgbot.WithErrorsHandler(func(err error) { log.Warn("telegram: client error", "err", redact(err.Error(), cfg.Token)) }),
	)
	if err != nil {
		return nil, fmt.Errorf("telegram: creating client: %s", redact(err.Error(), cfg.Token))
	}
	a.client = client
	a.out = newOutbox(client, &a.cfg, ev, log)

	ctx, cancel := context.WithTimeout(context.Background(), cfg.RequestTimeout)
	defer cancel()
	me, err := client.GetMe(ctx)
	if err != nil {
		return nil, fmt.Errorf("telegram: getMe (is the token right and %s reachable?): %s", cfg.APIURL, redact(err.Error(), cfg.Token))
	}
	a.username = me.Username
	return a, nil
}

// Ready reports whether the adapter receives updates: getMe succeeded (New)
// and it is polling, or its webhook is set. The error says what is missing,
// for a readiness probe.
func (a *Adapter) Ready() error {
	if !a.connected.Load() {
		if a.cfg.Mode == ModeWebhook {
			return errors.New("telegram: webhook not set yet")
		}
		return errors.New("telegram: not polling yet")
	}
	return nil
}

// Username is the bot's @username without the @.
func (a *Adapter) Username() string { return a.username }

// Run registers the commands and receives updates until ctx is done: by
// long polling, or in webhook mode by registering the webhook (and serving
// it if WebhookAddr is set). On return every update already received has
// been handled and, when polling, confirmed to Telegram, so a restart
// neither repeats nor skips one. Run may be called again once it returned,
// as a replica does each time it becomes the leader again.
func (a *Adapter) Run(ctx context.Context) error {
	if !a.running.CompareAndSwap(false, true) {
		return errors.New("telegram: Run called twice")
	}
	defer a.running.Store(false)
	a.closing.Store(false)
	base := context.WithoutCancel(ctx)
	a.baseCtx.Store(&base)
	a.registerCommands(ctx)

	var err error
	switch a.cfg.Mode {
	case ModeWebhook:
		err = a.runWebhook(ctx)
	default:
		err = a.runPolling(ctx)
	}
	a.connected.Store(false)
	a.closing.Store(true)
	a.in.wait()
	if a.cfg.Mode == ModePolling {
		a.confirm(base)
	}
	return err
}

func (a *Adapter) runPolling(ctx context.Context) error {
	// A webhook left behind by a webhook deployment makes getUpdates fail
	// with 409; pending updates are kept.
	if _, err := a.client.DeleteWebhook(ctx, &tgbot.DeleteWebhookParams{}); err != nil && ctx.Err() == nil {
		a.log.Warn("telegram: deleteWebhook failed", "err", redact(err.Error(), a.cfg.Token))
	}
	a.log.Info("telegram: polling for updates", "bot", a.username)
	a.connected.Store(true)
	a.client.Start(ctx)
	return nil
}

func (a *Adapter) runWebhook(ctx context.Context) error {
	_, err := a.client.SetWebhook(ctx, &tgbot.SetWebhookParams{
		URL:            a.cfg.WebhookURL,
		SecretToken:    a.cfg.WebhookSecret,
		AllowedUpdates: allowedUpdates,
	})
	if err != nil {
		return fmt.Errorf("telegram: setWebhook: %s", redact(err.Error(), a.cfg.Token))
	}
	a.log.Info("telegram: receiving updates by webhook", "bot", a.username)
	a.connected.Store(true)
	if a.cfg.WebhookAddr == "" {
		<-ctx.Done()
		return nil
	}
	srv := &http.Server{Addr: a.cfg.WebhookAddr, Handler: a.WebhookHandler(), ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	select {
	case err := <-errc:
		return fmt.Errorf("telegram: serving webhook on %s: %w", a.cfg.WebhookAddr, err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("telegram: stopping webhook server: %w", err)
	}
	return nil
}

// MenuScopes splits the command table into the menus Telegram shows:
// private chats get the member commands that work there; groups the member
// commands that work in a group; group administrators, who are the clubs'
// coaches, those and the coach commands (Telegram shows an admin the most
// specific scope, so theirs is complete). Coach commands are in no other
// menu, though they work when typed, in private too.
func MenuScopes(specs []bot.CommandSpec) (private, groups, admins []bot.CommandSpec) {
	for _, c := range specs {
		if c.Hidden {
			continue
		}
		if !c.CoachOnly && !c.PrivateOnly {
			groups = append(groups, c)
		}
		if !c.CoachOnly && !c.GroupOnly {
			private = append(private, c)
		}
		if !c.PrivateOnly {
			admins = append(admins, c)
		}
	}
	return private, groups, admins
}

// registerCommands publishes the command table, a menu per scope (MenuScopes).
func (a *Adapter) registerCommands(ctx context.Context) {
	menu := func(specs []bot.CommandSpec) []models.BotCommand {
		out := make([]models.BotCommand, len(specs))
		for i, c := range specs {
			out[i] = models.BotCommand{Command: c.Name, Description: c.Description}
		}
		return out
	}
	private, groups, admins := MenuScopes(a.cfg.Commands)
	for _, s := range []struct {
		scope models.BotCommandScope
		cmds  []models.BotCommand
	}{
		{&models.BotCommandScopeDefault{}, menu(private)},
		{&models.BotCommandScopeAllGroupChats{}, menu(groups)},
		{&models.BotCommandScopeAllChatAdministrators{}, menu(admins)},
	} {
		cctx, cancel := context.WithTimeout(ctx, a.cfg.RequestTimeout)
		_, err := a.client.SetMyCommands(cctx, &tgbot.SetMyCommandsParams{Commands: s.cmds, Scope: s.scope})
		cancel()
		if err != nil {
			a.log.Warn("telegram: setMyCommands failed; the command menu may be stale", "err", redact(err.Error(), a.cfg.Token))
		}
	}
}

// confirm tells Telegram that every update handed to the inbox was handled,
// by one last getUpdates with the next offset. The client library only
// confirms on its next poll, which a shutdown cuts short.
func (a *Adapter) confirm(ctx context.Context) {
	last := a.maxUpdate.Load()
	if last == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, a.cfg.RequestTimeout)
	defer cancel()
	form := url.Values{"offset": {strconv.FormatInt(last+1, 10)}, "limit": {"1"}, "timeout": {"0"}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, a.cfg.APIURL+"/bot"+a.cfg.Token+"/getUpdates", strings.NewReader(form.Encode()))
	if err != nil {
		a.log.Warn("telegram: confirming updates: building request failed")
		return
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := a.cfg.HTTPClient.Do(req)
	if err != nil {
		var uerr *url.Error
		if errors.As(err, &uerr) {
			err = uerr.Err // the URL holds the token
		}
		a.log.Warn("telegram: confirming handled updates failed; they may be handled again after a restart", "last_update_id", last, "err", err)
		return
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		a.log.Warn("telegram: confirming handled updates failed", "last_update_id", last, "status", resp.StatusCode)
	}
}

// Send delivers a push through the paced queue and returns once Telegram
// accepted every part of it, or the delivery failed for good (ErrUnreachable,
// ErrRejected, ErrGaveUp) or ctx ended. Recipient.UserID is a member's
// private chat; Recipient.ChatID a group.
func (a *Adapter) Send(ctx context.Context, msg bot.Message) error {
	if p := msg.To.Platform; p != "" && p != domain.PlatformTelegram {
		return fmt.Errorf("telegram: cannot send to a %s recipient", p)
	}
	var chatID int64
	var err error
	switch {
	case msg.To.UserID != "":
		chatID, err = strconv.ParseInt(msg.To.UserID, 10, 64)
		if err == nil && chatID <= 0 {
			err = errors.New("not a user id")
		}
	case msg.To.ChatID != "":
		chatID, err = strconv.ParseInt(msg.To.ChatID, 10, 64)
	default:
		err = errors.New("no user or chat id")
	}
	if err != nil {
		return fmt.Errorf("telegram: bad recipient %+v: %w", msg.To, err)
	}
	if msg.Reply.Private && chatID < 0 {
		return fmt.Errorf("telegram: refusing to post a private message in group %d", chatID)
	}
	r := a.resolve(ctx, msg.Reply)
	if r.IsZero() {
		return nil
	}
	return a.out.send(ctx, chatID, a.parts(r)).err
}

// resolve draws the reply's pictures now that it is being sent; one that
// fails is left out (the text says the same) and logged.
func (a *Adapter) resolve(ctx context.Context, r bot.Reply) bot.Reply {
	r, err := r.Resolve(ctx)
	if err != nil {
		a.log.Warn("telegram: sending without the picture", "err", err)
	}
	return r
}

// redact removes the token from a message, as library errors may quote URLs.
func redact(s, token string) string {
	if token == "" {
		return s
	}
	return strings.ReplaceAll(s, token, "***")
}

type noEvents struct{}

func (noEvents) Unreachable(context.Context, string, string)                  {}
func (noEvents) ChatMigrated(context.Context, string, string, string)         {}
func (noEvents) ChatJoined(context.Context, string, string, string, []string) {}
