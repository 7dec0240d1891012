package discord

import (
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/runclub/runclub/bot"
)

// DefaultAPIURL is Discord's REST base for the API version discordgo speaks.
const DefaultAPIURL = "https://discord.com/api/v9/"

// Config configures the adapter. Only Token is required.
type Config struct {
	// Token is the bot token, with or without the "Bot " prefix. It is never logged.
	Token string
	// APIURL is the REST base (discord.api_url), e.g. a rate-limit proxy or a
	// test fake. The gateway URL is discovered from it with GET /gateway.
	APIURL string
	// GuildID registers the commands to one server (instant, for
	// development); empty registers them globally.
	GuildID string
	// AppID is the application id; empty takes it from READY.
	AppID string
	// GlobalLimit and GlobalWindow bound the REST calls that count toward
	// Discord's global limit: at most GlobalLimit in any GlobalWindow,
	// spread evenly. Default 50 per second, Discord's limit; every such call
	// of the session, discordgo's own included, goes through the pacer. A
	// test may shrink the window to scale time.
	GlobalLimit  int
	GlobalWindow time.Duration
	// MaxAttempts bounds the tries of one request on 429, 5xx and network
	// errors; after that Send returns the error and the caller keeps the
	// message. Default 6.
	MaxAttempts int
	// RetryBackoff is the first wait after a 5xx or network error; it doubles
	// per attempt up to MaxRetryWait. Default 500 ms.
	RetryBackoff time.Duration
	// MaxRetryWait caps any single wait, including a 429's retry_after.
	// Default 60 s.
	MaxRetryWait time.Duration
	// DeferAfter is how long an interaction waits for the handler before it
	// is deferred; Discord allows 3 s for the first response. Default 2 s.
	DeferAfter time.Duration
	// Transport is the base HTTP transport; nil uses a clone of
	// http.DefaultTransport tuned for many concurrent requests.
	Transport http.RoundTripper
	// Now is the clock used when an event carries no timestamp; nil is time.Now.
	Now func() time.Time
	// Commands is the command table to register as slash commands; the
	// check-in form takes its labels from the checkin command's spec.
	Commands []bot.CommandSpec
	// PublicKey is the application's public key (hex, from the Developer
	// Portal) that signs the requests Discord posts to the HTTP
	// interactions endpoint (InteractionsHandler). Empty turns the endpoint
	// off; interactions then come over the gateway.
	PublicKey string
	// publicKey is PublicKey decoded.
	publicKey ed25519.PublicKey
	// Observer hears the 429s and how many requests wait for the pace (the
	// operator's metrics); nil hears nothing.
	Observer bot.QueueObserver
}

// withDefaults validates c and fills in the defaults.
func (c Config) withDefaults() (Config, error) {
	c.Token = strings.TrimSpace(c.Token)
	if c.Token == "" {
		return c, errors.New("discord: config: token is required (discord.token or RUNCLUB_DISCORD_TOKEN)")
	}
	if !strings.HasPrefix(c.Token, "Bot ") {
		c.Token = "Bot " + c.Token
	}
	if c.APIURL == "" {
		c.APIURL = DefaultAPIURL
	}
	u, err := url.Parse(c.APIURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return c, fmt.Errorf("discord: config: api_url %q is not an http(s) URL like %s", c.APIURL, DefaultAPIURL)
	}
	if !strings.HasSuffix(c.APIURL, "/") {
		c.APIURL += "/"
	}
	if c.PublicKey = strings.TrimSpace(c.PublicKey); c.PublicKey != "" {
		key, err := hex.DecodeString(c.PublicKey)
		if err != nil || len(key) != ed25519.PublicKeySize {
			return c, fmt.Errorf("discord: config: public_key is not %d hex characters (the application's public key from the Developer Portal)", 2*ed25519.PublicKeySize)
		}
		c.publicKey = key
	}
	if c.GlobalLimit <= 0 {
		c.GlobalLimit = 50
	}
	if c.GlobalWindow <= 0 {
		c.GlobalWindow = time.Second
	}
	if c.MaxAttempts <= 0 {
		c.MaxAttempts = 6
	}
	if c.RetryBackoff <= 0 {
		c.RetryBackoff = 500 * time.Millisecond
	}
	if c.MaxRetryWait <= 0 {
		c.MaxRetryWait = 60 * time.Second
	}
	if c.DeferAfter <= 0 {
		c.DeferAfter = 2 * time.Second
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Observer == nil {
		c.Observer = bot.NoQueueObserver{}
	}
	if c.Transport == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.MaxIdleConnsPerHost = 64
		c.Transport = t
	}
	return c, nil
}
