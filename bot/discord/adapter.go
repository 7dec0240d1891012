// Package discord is runclub's Discord adapter on github.com/bwmarrin/discordgo:
// slash commands, buttons and the check-in modal in, platform-neutral
// bot.Commands to the handler, replies out within Discord's 3-second window,
// and a paced bot.Sender for pushes such as the morning prompt. Interactions
// come through the gateway or the signed HTTP endpoint (any replica); the
// gateway, needed for DM text, is the leader's alone.
//
// It may import bot and domain only, of the project; no discordgo type
// leaves it.
package discord

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
	"golang.org/x/time/rate"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

// Intents are all the gateway intents the adapter asks for. Interactions
// (slash commands, buttons, modals) arrive without any intent; Guilds brings
// GUILD_CREATE with each server's name, owner and system channel (each server
// is a club; members with closed DMs are told there how to open them);
// DirectMessages brings the plain
// messages members type in a DM, such as a bare resting heart rate after the
// morning prompt (DM content needs no privileged intent).
const Intents = discordgo.IntentsGuilds | discordgo.IntentsDirectMessages

// ErrUnreachable is wrapped by Send when Discord refuses a DM for good
// (error 50007: the member closed DMs or blocked the bot).
var ErrUnreachable = errors.New("discord: member cannot be sent direct messages")

var _ bot.Sender = (*Adapter)(nil)

// Adapter connects one bot to Discord. Create it with New, then call Run.
type Adapter struct {
	cfg     Config
	h       bot.Handler
	ev      bot.Events
	log     *slog.Logger
	s       *discordgo.Session
	limiter *rate.Limiter
	gate    *windowGate

	// runCtx is the context handlers run under; set by Run before the gateway opens.
	runCtx context.Context
	// wg counts running event handlers; once stopping is set (under mu) no
	// new one starts, so Run can wait for the rest.
	wg       sync.WaitGroup
	stopping bool

	readyOnce sync.Once
	ready     chan struct{}
	// connected is set once the commands are registered (see Ready).
	connected atomic.Bool

	mu          sync.Mutex
	appID       string
	pauseUntil  time.Time            // global 429: no paced request before this
	dms         map[string]string    // user id → DM channel id
	dmUsers     map[string]string    // DM channel id → user id
	dmFlights   map[string]*dmFlight // DM channel creations in progress
	userGuild   map[string]string    // user id → a server they used the bot in
	guilds      map[string]guildInfo // server id → what GUILD_CREATE said
	toldDMsShut map[string]bool      // members told in a server to open DMs

	// afterEvent, if set before Run, is called when an event handler
	// returns, and with "COMMANDS_REGISTERED" once the adapter is ready;
	// tests wait on it instead of sleeping.
	afterEvent func(event string)
}

type guildInfo struct {
	name          string
	systemChannel string
}

// New builds an adapter; it does not connect until Run. ev may be nil.
func New(cfg Config, h bot.Handler, ev bot.Events, log *slog.Logger) (*Adapter, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	if h == nil {
		return nil, errors.New("discord: a handler is required")
	}
	if log == nil {
		log = slog.Default()
	}
	s, err := discordgo.New(cfg.Token)
	if err != nil {
		return nil, fmt.Errorf("discord: create session: %w", err)
	}
	a := &Adapter{
		cfg: cfg, h: h, ev: ev, log: log.With("platform", domain.PlatformDiscord), s: s,
		limiter:     rate.NewLimiter(rate.Limit(float64(cfg.GlobalLimit)/cfg.GlobalWindow.Seconds()), 1),
		gate:        newWindowGate(cfg.GlobalLimit, cfg.GlobalWindow),
		ready:       make(chan struct{}),
		appID:       cfg.AppID,
		dms:         map[string]string{},
		dmUsers:     map[string]string{},
		dmFlights:   map[string]*dmFlight{},
		userGuild:   map[string]string{},
		guilds:      map[string]guildInfo{},
		toldDMsShut: map[string]bool{},
		runCtx:      context.Background(),
	}
	s.Client = &http.Client{
		Timeout: 30 * time.Second,
		Transport: &rewriteTransport{base: cfg.Transport, from: discordgo.EndpointAPI, to: cfg.APIURL,
			pace: a.pace, paced: a.gate.release, onGlobal: a.pauseAll},
	}
	s.Dialer = &websocket.Dialer{Proxy: http.ProxyFromEnvironment, HandshakeTimeout: 30 * time.Second}
	s.Identify.Intents = Intents
	// The adapter retries 429s itself, bounded and context-aware; discordgo
	// would sleep and retry without bound inside the call.
	s.ShouldRetryOnRateLimit = false
	// Retries of 502 go through the adapter's pacing too.
	s.MaxRestRetries = 0
	s.StateEnabled = false
	s.ShouldReconnectOnError = true
	return a, nil
}

// Run connects to the gateway, registers the slash commands with one bulk
// overwrite, and serves interactions until ctx ends (from the gateway, and
// from InteractionsHandler when a public key is set). It returns an error if
// it cannot connect or register; discordgo reconnects by itself afterwards.
// Run may be called again once it returned.
func (a *Adapter) Run(ctx context.Context) error {
	defer a.begin(ctx)()
	closeGateway, err := a.openGateway()
	if err != nil {
		return err
	}
	defer closeGateway()
	appID, err := a.waitAppID(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return err
	}
	return a.serve(ctx, appID)
}

// RunInteractions is Run without the gateway: the slash commands are
// registered over REST and interactions come only to InteractionsHandler, so
// that any number of replicas answer them; Send works as with Run. Members'
// plain DM text and new servers' GUILD_CREATE need the gateway: run Gateway
// beside it on one process (the leader). It needs Config.PublicKey.
func (a *Adapter) RunInteractions(ctx context.Context) error {
	if a.cfg.publicKey == nil {
		return errors.New("discord: interactions only needs the application's public key (discord.public_key)")
	}
	defer a.begin(ctx)()
	appID, err := a.applicationID(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return err
	}
	return a.serve(ctx, appID)
}

// Gateway holds a gateway connection until ctx ends, for what only the
// gateway brings (DM text, GUILD_CREATE), beside RunInteractions. Call it
// again to reconnect, e.g. on becoming the leader once more.
func (a *Adapter) Gateway(ctx context.Context) error {
	closeGateway, err := a.openGateway()
	if err != nil {
		return err
	}
	defer closeGateway()
	<-ctx.Done()
	return nil
}

// Ready reports whether the adapter answers: its slash commands registered,
// after the gateway connected (Run) or over REST (RunInteractions). The
// error says what is missing, for a readiness probe.
func (a *Adapter) Ready() error {
	if !a.connected.Load() {
		return errors.New("discord: slash commands not registered yet (gateway not connected, or Discord not answering)")
	}
	return nil
}

// begin sets the context handlers run under; the func it returns stops new
// handlers and waits for the running ones.
func (a *Adapter) begin(ctx context.Context) func() {
	a.mu.Lock()
	a.runCtx = ctx
	// A replica runs the adapter again each time it becomes the leader.
	a.stopping = false
	a.mu.Unlock()
	return func() {
		a.mu.Lock()
		a.stopping = true
		a.mu.Unlock()
		a.wg.Wait()
	}
}

// openGateway adds the event handlers and connects; the func it returns
// disconnects and removes them.
func (a *Adapter) openGateway() (func(), error) {
	var removers []func()
	for _, h := range []any{a.onReady, a.onGuildCreate, a.onInteraction, a.onMessage} {
		removers = append(removers, a.s.AddHandler(h))
	}
	remove := func() {
		for _, r := range removers {
			r()
		}
	}
	if err := a.s.Open(); err != nil {
		remove()
		return nil, fmt.Errorf("discord: connect to gateway: %w", cleanErr(err))
	}
	return func() {
		if err := a.s.Close(); err != nil {
			a.log.Warn("discord: close gateway", "err", err)
		}
		remove()
	}, nil
}

// serve registers the slash commands and answers until ctx ends.
func (a *Adapter) serve(ctx context.Context, appID string) error {
	cmds := ApplicationCommands(a.cfg.Commands)
	err := a.do(ctx, "register commands", func(ctx context.Context) error {
		_, err := a.s.ApplicationCommandBulkOverwrite(appID, a.cfg.GuildID, cmds, discordgo.WithContext(ctx))
		return err
	})
	if err != nil {
		if ctx.Err() != nil {
			return nil // asked to stop while registering
		}
		return fmt.Errorf("discord: register %d commands: %w", len(cmds), err)
	}
	a.connected.Store(true)
	defer a.connected.Store(false)
	a.log.Info("discord: connected", "commands", len(cmds), "guild", a.cfg.GuildID, "interactions_endpoint", a.cfg.publicKey != nil)
	if hook := a.afterEvent; hook != nil {
		hook("COMMANDS_REGISTERED")
	}
	<-ctx.Done()
	return nil
}

// applicationID is Config.AppID, else the bot's application as REST tells it.
func (a *Adapter) applicationID(ctx context.Context) (string, error) {
	if a.cfg.AppID != "" {
		return a.cfg.AppID, nil
	}
	var app discordgo.Application
	err := a.do(ctx, "look up the application", func(ctx context.Context) error {
		endpoint := discordgo.EndpointOAuth2Application("@me")
		body, err := a.s.RequestWithBucketID(http.MethodGet, endpoint, nil, discordgo.EndpointOAuth2Application(""), discordgo.WithContext(ctx))
		if err != nil {
			return err
		}
		if err := json.Unmarshal(body, &app); err != nil {
			return permanent{err}
		}
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("discord: %w", err)
	}
	if app.ID == "" {
		return "", errors.New("discord: the application has no id; set discord.app_id")
	}
	a.mu.Lock()
	a.appID = app.ID
	a.mu.Unlock()
	return app.ID, nil
}

func (a *Adapter) waitAppID(ctx context.Context) (string, error) {
	if a.cfg.AppID != "" {
		return a.cfg.AppID, nil
	}
	select {
	case <-a.ready:
	case <-ctx.Done():
		return "", fmt.Errorf("discord: waiting for READY: %w", ctx.Err())
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.appID == "" {
		return "", errors.New("discord: READY carried no application id; set discord.app_id")
	}
	return a.appID, nil
}

// context returns the context handlers run under.
func (a *Adapter) context() context.Context {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.runCtx
}

// guarded runs an event handler under recover so that nothing a user sends
// can take the bot down.
func (a *Adapter) guarded(event string, f func()) {
	a.mu.Lock()
	if a.stopping {
		a.mu.Unlock()
		return
	}
	a.wg.Add(1)
	a.mu.Unlock()
	defer a.wg.Done()
	if hook := a.afterEvent; hook != nil {
		defer hook(event)
	}
	defer func() {
		if p := recover(); p != nil {
			a.log.Error("discord: event handler panicked", "event", event, "panic", fmt.Sprint(p))
		}
	}()
	f()
}

func (a *Adapter) onReady(_ *discordgo.Session, r *discordgo.Ready) {
	a.guarded("READY", func() {
		a.mu.Lock()
		if a.appID == "" && r.Application != nil {
			a.appID = r.Application.ID
		}
		a.mu.Unlock()
		a.readyOnce.Do(func() { close(a.ready) })
	})
}

func (a *Adapter) onGuildCreate(_ *discordgo.Session, g *discordgo.GuildCreate) {
	a.guarded("GUILD_CREATE", func() {
		if g.Guild == nil || g.ID == "" {
			return
		}
		a.mu.Lock()
		a.guilds[g.ID] = guildInfo{name: g.Name, systemChannel: g.SystemChannelID}
		a.mu.Unlock()
		// The server is a club, its owner a coach; members with Manage
		// Server become coaches when they first use a command there.
		if a.ev != nil {
			var admins []string
			if g.OwnerID != "" {
				admins = []string{g.OwnerID}
			}
			a.ev.ChatJoined(a.context(), domain.PlatformDiscord, g.ID, g.Name, admins)
		}
	})
}

// now is the adapter's clock.
func (a *Adapter) now() time.Time { return a.cfg.Now() }
