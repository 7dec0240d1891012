package telegram

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/runclub/runclub/bot"
)

// Modes of receiving updates.
const (
	ModePolling = "polling"
	ModeWebhook = "webhook"
)

// DefaultAPIURL is Telegram's Bot API server.
const DefaultAPIURL = "https://api.telegram.org"

// Config configures the adapter. Zero fields take Telegram's real values.
type Config struct {
	// Token is the bot token from @BotFather. It is never logged.
	Token string
	// APIURL is the Bot API server (a self-hosted server or a test fake).
	APIURL string
	// Mode is "polling" (default) or "webhook".
	Mode string
	// WebhookURL is the public HTTPS URL Telegram posts updates to.
	WebhookURL string
	// WebhookSecret is sent by Telegram in X-Telegram-Bot-Api-Secret-Token
	// and checked on every webhook request; required in webhook mode.
	WebhookSecret string
	// WebhookAddr, if set, makes Run serve the webhook itself on this
	// address; otherwise mount Adapter.WebhookHandler on your own server.
	WebhookAddr string

	// PollTimeout is the getUpdates long-poll duration.
	PollTimeout time.Duration
	// RequestTimeout bounds one API call; a call that times out is retried.
	RequestTimeout time.Duration
	// HandleTimeout bounds handling one update, reply delivery included.
	HandleTimeout time.Duration

	// GlobalPerSecond, ChatPerSecond and GroupPerMinute are the pacing
	// limits of the outbound queue (Telegram: 30/s overall, 1/s per chat,
	// 20/min per group). Tests and benchmarks scale them.
	GlobalPerSecond float64
	ChatPerSecond   float64
	GroupPerMinute  float64

	// MaxRetries bounds retries after 5xx answers and timeouts; a 429 is
	// always retried after its retry_after.
	MaxRetries int
	// RetryBase is the first backoff after a 5xx or timeout; it doubles up
	// to RetryMax.
	RetryBase time.Duration
	RetryMax  time.Duration

	// Now is the clock (message times of callbacks, caches); Wait sleeps
	// for a backoff or retry_after. Tests replace both so they never sleep.
	Now  func() time.Time
	Wait func(ctx context.Context, d time.Duration) error

	// HTTPClient, if set, is used for every API call.
	HTTPClient *http.Client

	// Commands is the command table to publish with setMyCommands.
	Commands []bot.CommandSpec

	// Observer hears the queue's 429s and depth (the operator's metrics);
	// nil hears nothing.
	Observer bot.QueueObserver
}

func (c *Config) setDefaults() {
	if c.APIURL == "" {
		c.APIURL = DefaultAPIURL
	}
	c.APIURL = strings.TrimRight(c.APIURL, "/")
	if c.Mode == "" {
		c.Mode = ModePolling
	}
	if c.PollTimeout <= 0 {
		c.PollTimeout = 50 * time.Second
	}
	if c.RequestTimeout <= 0 {
		c.RequestTimeout = 20 * time.Second
	}
	if c.HandleTimeout <= 0 {
		c.HandleTimeout = 2 * time.Minute
	}
	if c.GlobalPerSecond <= 0 {
		c.GlobalPerSecond = 30
	}
	if c.ChatPerSecond <= 0 {
		c.ChatPerSecond = 1
	}
	if c.GroupPerMinute <= 0 {
		c.GroupPerMinute = 20
	}
	if c.MaxRetries <= 0 {
		c.MaxRetries = 5
	}
	if c.RetryBase <= 0 {
		c.RetryBase = time.Second
	}
	if c.RetryMax <= 0 {
		c.RetryMax = 30 * time.Second
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Wait == nil {
		c.Wait = bot.Sleep
	}
	if c.Observer == nil {
		c.Observer = bot.NoQueueObserver{}
	}
	if c.HTTPClient == nil {
		tr := http.DefaultTransport.(*http.Transport).Clone()
		tr.MaxIdleConnsPerHost = 64
		c.HTTPClient = &http.Client{Transport: tr, Timeout: c.PollTimeout + 15*time.Second}
	}
}

func (c *Config) validate() error {
	if strings.TrimSpace(c.Token) == "" {
		return errors.New("telegram: token is empty (set telegram.token or RUNCLUB_TELEGRAM_TOKEN)")
	}
	if u, err := url.Parse(c.APIURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("telegram: api_url %q is not an http(s) URL", c.APIURL)
	}
	switch c.Mode {
	case ModePolling:
	case ModeWebhook:
		if c.WebhookURL == "" {
			return errors.New("telegram: webhook mode needs webhook_url")
		}
		if c.WebhookSecret == "" {
			return errors.New("telegram: webhook mode needs webhook_secret, so that forged updates are refused")
		}
	default:
		return fmt.Errorf("telegram: mode %q is not polling or webhook", c.Mode)
	}
	return nil
}
