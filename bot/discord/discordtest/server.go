// Package discordtest is a fake Discord for tests: an httptest REST API and a
// websocket gateway speaking Discord's wire protocol, so that the real
// discordgo session can be driven against it without the internet. It
// records everything the client sends and lets a test inject rate limits,
// server errors, closed DMs and gateway reconnects, and can post signed
// interactions to an HTTP endpoint as Discord does.
//
// It imports no runclub package, so it fakes Discord, not the adapter's
// idea of it; production code never imports it.
package discordtest

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// Defaults used when Config leaves a field empty.
const (
	DefaultToken = "fake-bot-token"
	DefaultAppID = "900000000000000001"
	DefaultBotID = "900000000000000002"
)

// discordEpoch is the first millisecond of 2015, the origin of snowflake ids.
const discordEpoch = 1420070400000

// Guild is a server the fake bot is in; it is announced with GUILD_CREATE
// after READY.
type Guild struct {
	ID              string
	Name            string
	SystemChannelID string
	// OwnerID is the server's owner; "1" when empty.
	OwnerID string
}

// Config sets up a Server.
type Config struct {
	// Token is the bot token without the "Bot " prefix.
	Token string
	AppID string
	BotID string
	// Guilds are announced after READY.
	Guilds []Guild
	// HeartbeatInterval is sent in HELLO (Discord sends about 41 s).
	HeartbeatInterval time.Duration
	// InteractionDeadline is how long an interaction may wait for its first
	// response; Discord allows 3 s.
	InteractionDeadline time.Duration
}

// Server is a running fake Discord.
type Server struct {
	cfg  Config
	http *httptest.Server
	up   websocket.Upgrader

	mu      sync.Mutex
	changed chan struct{}
	nextID  int64

	requests     []Request
	overwrites   []Overwrite
	callbacks    []Callback
	messages     []Message
	dmCreates    int
	dmByUser     map[string]string
	dmUser       map[string]string
	closedDMs    map[string]bool
	nonces       map[string]string // channel+"\x00"+nonce → message id
	faults       []*Fault
	limit        *globalLimit
	rateLimited  int
	interactions map[string]*pending
	// key signs what the fake posts to an interactions endpoint.
	key ed25519.PrivateKey

	gw gatewayState
}

// New starts a fake Discord; Close stops it.
func New(cfg Config) *Server {
	if cfg.Token == "" {
		cfg.Token = DefaultToken
	}
	if cfg.AppID == "" {
		cfg.AppID = DefaultAppID
	}
	if cfg.BotID == "" {
		cfg.BotID = DefaultBotID
	}
	if cfg.HeartbeatInterval <= 0 {
		cfg.HeartbeatInterval = 41250 * time.Millisecond
	}
	if cfg.InteractionDeadline <= 0 {
		cfg.InteractionDeadline = 3 * time.Second
	}
	s := &Server{
		cfg:          cfg,
		changed:      make(chan struct{}),
		nextID:       1,
		dmByUser:     map[string]string{},
		dmUser:       map[string]string{},
		closedDMs:    map[string]bool{},
		nonces:       map[string]string{},
		interactions: map[string]*pending{},
	}
	_, s.key, _ = ed25519.GenerateKey(nil)
	s.http = httptest.NewServer(s.routes())
	return s
}

// NewT starts a fake Discord that is closed when the test ends.
func NewT(t testing.TB, cfg Config) *Server {
	t.Helper()
	s := New(cfg)
	t.Cleanup(s.Close)
	return s
}

// Close drops gateway connections and stops the server.
func (s *Server) Close() {
	s.mu.Lock()
	conns := s.gw.all
	s.gw.all = nil
	s.gw.conn = nil
	s.mu.Unlock()
	for _, c := range conns {
		c.ws.Close()
	}
	s.http.Close()
}

// Token is the bot token the fake accepts (without "Bot ").
func (s *Server) Token() string { return s.cfg.Token }

// AppID is the application id sent in READY.
func (s *Server) AppID() string { return s.cfg.AppID }

// BotID is the bot user's id.
func (s *Server) BotID() string { return s.cfg.BotID }

// APIURL is the REST base to configure in the client, with a trailing slash,
// in the shape of https://discord.com/api/v9/.
func (s *Server) APIURL() string { return s.http.URL + "/api/v9/" }

// GatewayURL is the websocket URL handed out by GET /gateway.
func (s *Server) GatewayURL() string {
	return "ws" + strings.TrimPrefix(s.http.URL, "http") + "/gateway"
}

// Client returns an http.Client for the fake's listener.
func (s *Server) Client() *http.Client { return s.http.Client() }

// notifyLocked wakes every waiter; s.mu must be held.
func (s *Server) notifyLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// Wait blocks until cond reports true, re-checking whenever the fake records
// something, or until ctx ends. cond may call the Server's accessors.
func (s *Server) Wait(ctx context.Context, cond func() bool) error {
	for {
		s.mu.Lock()
		ch := s.changed
		s.mu.Unlock()
		if cond() {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// WaitT is Wait for tests: it fails the test if cond is not met within 15 s.
// The deadline only bounds a broken test; passing tests wake on notifications.
func (s *Server) WaitT(t testing.TB, what string, cond func() bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := s.Wait(ctx, cond); err != nil {
		t.Fatalf("fake discord: waiting for %s: %v", what, err)
	}
}

// snowflakeLocked returns a fresh id shaped like a Discord snowflake.
func (s *Server) snowflakeLocked() string {
	s.nextID++
	ms := time.Now().UnixMilli() - discordEpoch
	return strconv.FormatInt(ms<<22|s.nextID&0x3fffff, 10)
}

// Snowflake returns a fresh id, for test users and channels.
func (s *Server) Snowflake() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.snowflakeLocked()
}

// String names the fake and its address, for test failure messages.
func (s *Server) String() string { return fmt.Sprintf("fake discord at %s", s.http.URL) }
