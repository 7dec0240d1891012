package discord

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

// Send delivers a push: to a member's DM (Recipient.UserID; the DM channel
// is opened once and cached) or to a channel (Recipient.ChatID). It returns
// once Discord accepted every piece of the message, or with an error; on
// 429, 5xx and network errors it waits and retries, bounded by
// Config.MaxAttempts, so the caller keeps the message until Send succeeds.
// Pieces carry a nonce Discord enforces, so a retry never posts twice.
// A member with DMs closed gives an error wrapping ErrUnreachable, is
// reported to bot.Events, and is told once in the server how to open DMs.
// Send is safe for concurrent use; the requests of all callers share one
// pace under Discord's global limit, so fan out with concurrent calls.
func (a *Adapter) Send(ctx context.Context, msg bot.Message) error {
	if p := msg.To.Platform; p != "" && p != domain.PlatformDiscord {
		return fmt.Errorf("discord: send: recipient is on %q, not discord", p)
	}
	r := a.resolve(ctx, msg.Reply)
	var channel, user string
	switch {
	case msg.To.UserID != "":
		user = msg.To.UserID
		ch, err := a.dmChannel(ctx, user)
		if err != nil {
			return fmt.Errorf("discord: open DM with user %s: %w", user, err)
		}
		channel = ch
	case msg.To.ChatID != "":
		channel = msg.To.ChatID
		a.mu.Lock()
		user = a.dmUsers[channel]
		a.mu.Unlock()
		if user == "" && r.Private {
			// Personal data never goes to a server channel.
			if r.GroupNote == "" {
				return fmt.Errorf("discord: send to channel %s: refusing a private reply in a server channel", channel)
			}
			r = bot.Reply{Text: r.GroupNote}
		}
	default:
		return errors.New("discord: send: recipient has neither a user id nor a channel id")
	}
	if r.IsZero() {
		return nil
	}
	for _, m := range a.render(r, false) {
		err := a.postMessage(ctx, channel, m, noMentions)
		if user != "" && isCode(err, discordgo.ErrCodeCannotSendMessagesToThisUser) {
			a.unreachable(ctx, user)
			return fmt.Errorf("discord: DM to user %s refused (code 50007): %w", user, ErrUnreachable)
		}
		if err != nil {
			return fmt.Errorf("discord: send to channel %s: %w", channel, err)
		}
	}
	return nil
}

// resolve draws the reply's pictures now that it is being sent; one that
// fails is left out (the text says the same) and logged.
func (a *Adapter) resolve(ctx context.Context, r bot.Reply) bot.Reply {
	r, err := r.Resolve(ctx)
	if err != nil {
		a.log.Warn("discord: sending without the picture", "err", err)
	}
	return r
}

// messageCreate is POST /channels/{id}/messages with the nonce fields that
// discordgo's MessageSend lacks.
type messageCreate struct {
	Content         string                            `json:"content,omitempty"`
	Components      []discordgo.MessageComponent      `json:"components,omitempty"`
	AllowedMentions *discordgo.MessageAllowedMentions `json:"allowed_mentions,omitempty"`
	Nonce           string                            `json:"nonce,omitempty"`
	EnforceNonce    bool                              `json:"enforce_nonce,omitempty"`
}

// postMessage creates one message, paced and retried. The nonce is fixed
// before the first try, and enforce_nonce makes Discord return the first
// message instead of posting a second when a try that timed out or got a
// 5xx had in fact gone through.
func (a *Adapter) postMessage(ctx context.Context, channel string, m outMessage, mentions *discordgo.MessageAllowedMentions) error {
	body := messageCreate{Content: m.content, Components: m.rows, AllowedMentions: mentions, Nonce: newNonce(), EnforceNonce: true}
	endpoint := discordgo.EndpointChannelMessages(channel)
	return a.do(ctx, "post message", func(ctx context.Context) error {
		if len(m.files) > 0 {
			ct, data, err := discordgo.MultipartBodyWithJSON(body, m.dgFiles())
			if err != nil {
				return permanent{err}
			}
			_, err = a.s.RequestRaw(http.MethodPost, endpoint, ct, data, endpoint, 0, discordgo.WithContext(ctx))
			return err
		}
		_, err := a.s.RequestWithBucketID(http.MethodPost, endpoint, body, endpoint, discordgo.WithContext(ctx))
		return err
	})
}

// newNonce returns 24 random hex characters (Discord allows 25).
func newNonce() string {
	b := make([]byte, 12)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// dmFlight is a DM channel creation that concurrent senders share.
type dmFlight struct {
	done chan struct{}
	id   string
	err  error
}

// dmChannel returns the member's DM channel, opening it on first use.
func (a *Adapter) dmChannel(ctx context.Context, user string) (string, error) {
	a.mu.Lock()
	if id, ok := a.dms[user]; ok {
		a.mu.Unlock()
		return id, nil
	}
	f, inFlight := a.dmFlights[user]
	if !inFlight {
		f = &dmFlight{done: make(chan struct{})}
		a.dmFlights[user] = f
	}
	a.mu.Unlock()
	if inFlight {
		select {
		case <-f.done:
			return f.id, f.err
		case <-ctx.Done():
			return "", ctx.Err()
		}
	}
	err := a.do(ctx, "create DM channel", func(ctx context.Context) error {
		ch, err := a.s.UserChannelCreate(user, discordgo.WithContext(ctx))
		if err == nil {
			f.id = ch.ID
		}
		return err
	})
	f.err = err
	a.mu.Lock()
	delete(a.dmFlights, user)
	a.mu.Unlock()
	if err == nil {
		a.RememberDM(user, f.id)
	}
	close(f.done)
	return f.id, err
}

// RememberDM caches a member's DM channel so that Send need not open it.
// The adapter learns channels from interactions and messages in DMs and from
// opening them; after a restart, the caller may prime the cache with the
// channel ids it stored (domain.Identity.ChatID).
func (a *Adapter) RememberDM(user, channel string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if old, ok := a.dms[user]; ok && old != channel {
		delete(a.dmUsers, old)
	}
	a.dms[user] = channel
	a.dmUsers[channel] = user
}

// unreachable reports a member whose DMs are closed and, once per member
// while the bot runs, mentions them in the system channel of a server where
// they used the bot, saying how to open DMs.
func (a *Adapter) unreachable(ctx context.Context, user string) {
	a.log.Info("discord: member has DMs closed", "user", user)
	if a.ev != nil {
		a.ev.Unreachable(ctx, domain.PlatformDiscord, user)
	}
	a.mu.Lock()
	guild := a.userGuild[user]
	channel := a.guilds[guild].systemChannel
	told := a.toldDMsShut[user]
	if channel != "" && !told {
		a.toldDMsShut[user] = true
	}
	a.mu.Unlock()
	if channel == "" || told {
		return
	}
	text := fmt.Sprintf("<@%s> I couldn't send you a direct message, so your morning check-ins can't reach you. "+
		"To open DMs: right-click this server's name (or tap it) → Privacy Settings → turn on Direct Messages. "+
		"Then try /checkin in a DM with me.", user)
	err := a.postMessage(ctx, channel, outMessage{content: text},
		&discordgo.MessageAllowedMentions{Users: []string{user}})
	if err != nil {
		a.log.Warn("discord: tell member to open DMs", "user", user, "guild", guild, "err", err)
	}
}

// permanent marks an error that retrying cannot fix.
type permanent struct{ error }

func (p permanent) Unwrap() error { return p.error }

// transient marks an error that another try, after a backoff, may fix
// though Discord's answer looks final.
type transient struct{ error }

func (t transient) Unwrap() error { return t.error }

// pauseAll holds every paced request after a global 429.
func (a *Adapter) pauseAll(d time.Duration) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if until := time.Now().Add(d); until.After(a.pauseUntil) {
		a.pauseUntil = until
	}
}

// pace waits for the global pause, if any, for a token of the even pace,
// and for room in the window. On success the caller must release the gate.
func (a *Adapter) pace(ctx context.Context) error {
	a.cfg.Observer.Queued(domain.PlatformDiscord, 1)
	defer a.cfg.Observer.Queued(domain.PlatformDiscord, -1)
	a.mu.Lock()
	until := a.pauseUntil
	a.mu.Unlock()
	if d := time.Until(until); d > 0 {
		if err := bot.Sleep(ctx, d); err != nil {
			return err
		}
	}
	if err := a.limiter.Wait(ctx); err != nil {
		return err
	}
	return a.gate.acquire(ctx)
}

// do runs call until it succeeds, fails for good or MaxAttempts run out.
// Each try is paced by the transport if it counts toward the global limit.
func (a *Adapter) do(ctx context.Context, what string, call func(context.Context) error) error {
	backoff := a.cfg.RetryBackoff
	for attempt := 1; ; attempt++ {
		err := call(ctx)
		if err == nil {
			return nil
		}
		err = cleanErr(err)
		wait, retry := a.retryAfter(err, backoff)
		switch {
		case ctx.Err() != nil && !errors.Is(err, ctx.Err()):
			return fmt.Errorf("%s: %w (last try: %w)", what, ctx.Err(), err)
		case !retry:
			return fmt.Errorf("%s: %w", what, err)
		case attempt >= a.cfg.MaxAttempts:
			return fmt.Errorf("%s: gave up after %d attempts: %w", what, attempt, err)
		}
		if wait > a.cfg.MaxRetryWait {
			wait = a.cfg.MaxRetryWait
		}
		a.log.Warn("discord: retrying", "what", what, "attempt", attempt, "wait", wait, "err", err)
		if isRateLimit(err) {
			a.cfg.Observer.RateLimited(domain.PlatformDiscord, wait)
		}
		if err := bot.Sleep(ctx, wait); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		if !isRateLimit(err) {
			backoff *= 2
			if backoff > a.cfg.MaxRetryWait {
				backoff = a.cfg.MaxRetryWait
			}
		}
	}
}

// retryAfter says whether err is worth another try and after how long.
func (a *Adapter) retryAfter(err error, backoff time.Duration) (time.Duration, bool) {
	var rl *discordgo.RateLimitError
	if errors.As(err, &rl) {
		if rl.RateLimit != nil && rl.TooManyRequests != nil && rl.RetryAfter > 0 {
			return rl.RetryAfter, true
		}
		return backoff, true
	}
	var tr transient
	if errors.As(err, &tr) {
		return backoff, true
	}
	var p permanent
	if errors.As(err, &p) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return 0, false
	}
	var re *discordgo.RESTError
	if errors.As(err, &re) {
		if re.Response != nil && re.Response.StatusCode >= 500 {
			return backoff, true
		}
		return 0, false
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return backoff, true
	}
	// With MaxRestRetries at 0, discordgo reports a 502 as a plain error
	// ("Exceeded Max retries HTTP 502 Bad Gateway, ..."), not a RESTError.
	if strings.HasPrefix(err.Error(), "Exceeded Max retries HTTP 5") {
		return backoff, true
	}
	return 0, false
}

func isRateLimit(err error) bool {
	var rl *discordgo.RateLimitError
	return errors.As(err, &rl)
}

// isCode reports whether err is a Discord JSON error with the given code.
func isCode(err error, code int) bool {
	var re *discordgo.RESTError
	return errors.As(err, &re) && re.Message != nil && re.Message.Code == code
}

// rateLimited is a RateLimitError without its URL, which for interaction
// responses holds the interaction token.
type rateLimited struct{ *discordgo.RateLimitError }

func (r rateLimited) Error() string {
	return "rate limited, retry after " + r.RetryAfter.String()
}
func (r rateLimited) Unwrap() error { return r.RateLimitError }

// cleanErr strips interaction tokens out of errors before they are logged
// or returned. The bot token travels in a header and never appears in URLs.
func cleanErr(err error) error {
	var rl *discordgo.RateLimitError
	if errors.As(err, &rl) && rl.RateLimit != nil && rl.TooManyRequests != nil {
		if _, done := err.(rateLimited); !done {
			return rateLimited{rl}
		}
		return err
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return &url.Error{Op: ue.Op, URL: redactURL(ue.URL), Err: ue.Err}
	}
	return err
}

// redactURL hides the token segment of interaction and webhook URLs.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparsable url)"
	}
	parts := strings.Split(u.Path, "/")
	for i, p := range parts {
		if (p == "interactions" || p == "webhooks") && i+2 < len(parts) {
			parts[i+2] = "…"
		}
	}
	u.Path = strings.Join(parts, "/")
	u.RawQuery = ""
	return u.String()
}
