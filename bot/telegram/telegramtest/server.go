// Package telegramtest is a fake Telegram Bot API server for tests. It speaks
// the real wire format on an httptest server (/bot<token>/<method>, JSON,
// urlencoded and multipart requests, {"ok":...} answers, long-polled
// getUpdates with offsets, webhook delivery), lets a test inject updates and
// faults, can enforce Telegram's rate limits, and records every message the
// bot sent so tests can assert that nothing was dropped or sent twice.
//
// It imports no runclub package, so it fakes Telegram, not the adapter's
// idea of it; production code never imports it.
package telegramtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"
)

// DefaultToken and DefaultBotUsername are the fake bot's unless options change them.
const (
	DefaultToken       = "123456:TEST-token"
	DefaultBotUsername = "runclub_test_bot"
)

// Option configures a Server.
type Option func(*Server)

// WithToken sets the token the fake accepts; other tokens get 401.
func WithToken(token string) Option { return func(s *Server) { s.token = token } }

// WithBotUsername sets the bot's @username answered by getMe.
func WithBotUsername(name string) Option { return func(s *Server) { s.botUsername = name } }

// WithClock sets the clock used for message dates and rate limits.
func WithClock(now func() time.Time) Option { return func(s *Server) { s.now = now } }

// WithLimits makes the fake answer 429 when the bot sends faster than lim.
func WithLimits(lim Limits) Option { return func(s *Server) { s.limits = newLimiter(lim) } }

// Server is a fake Bot API server. All methods are safe for concurrent use.
type Server struct {
	// URL is the base URL to give the client as its server URL
	// (the equivalent of https://api.telegram.org).
	URL string

	srv         *httptest.Server
	token       string
	botUsername string
	now         func() time.Time
	limits      *limiter
	useSentAt   bool

	mu      sync.Mutex
	changed chan struct{} // closed and replaced on every change
	closed  chan struct{}

	nextUpdateID int64
	pending      []Update // not yet confirmed by an offset
	confirmed    int64    // highest update id confirmed

	nextCallback int
	callbacks    map[string]*callbackState

	started   map[int64]bool // users who opened a private chat with the bot
	blocked   map[int64]bool // users who blocked the bot
	members   map[int64]map[int64]string
	migrated  map[int64]int64
	kicked    map[int64]bool
	titles    map[int64]string
	usersByID map[int64]User

	nextMessageID map[int64]int
	messages      map[int64]map[int]*Message // chat → message id → message the bot sent
	sent          []Sent
	edits         []Edit
	calls         []Call
	faults        []*Fault
	commands      map[string][]BotCommand
	webhook       webhookState
	// webhookTargets, if set, picks the URLs each update is posted to.
	webhookTargets func(updateID int64, webhookURL string) []string
	stats          Stats
	// allowed is the bot's allowed_updates; nil for Telegram's default.
	allowed map[string]bool
	dropped int
}

// Stats counts what the fake answered.
type Stats struct {
	Requests    int
	Accepted    int // messages sent
	TooMany     int // 429 answers, injected or from limits
	LimitDenied int // 429 answers caused by the enforced limits
	// GlobalDenied, ChatDenied and GroupDenied split LimitDenied by the
	// limit that was exceeded.
	GlobalDenied, ChatDenied, GroupDenied int
	ServerError                           int
	Forbidden                             int
}

// New starts a fake Bot API server; it is closed when the test ends.
func New(tb interface{ Cleanup(func()) }, opts ...Option) *Server {
	s := &Server{
		token:         DefaultToken,
		botUsername:   DefaultBotUsername,
		now:           time.Now,
		changed:       make(chan struct{}),
		closed:        make(chan struct{}),
		callbacks:     map[string]*callbackState{},
		started:       map[int64]bool{},
		blocked:       map[int64]bool{},
		members:       map[int64]map[int64]string{},
		migrated:      map[int64]int64{},
		kicked:        map[int64]bool{},
		titles:        map[int64]string{},
		usersByID:     map[int64]User{},
		nextMessageID: map[int64]int{},
		messages:      map[int64]map[int]*Message{},
		commands:      map[string][]BotCommand{},
	}
	for _, o := range opts {
		o(s)
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serveHTTP))
	s.URL = s.srv.URL
	tb.Cleanup(s.Close)
	return s
}

// Token is the token the fake accepts.
func (s *Server) Token() string { return s.token }

// BotUsername is the bot's @username without the @.
func (s *Server) BotUsername() string { return s.botUsername }

// Close ends pending long polls and stops the server.
func (s *Server) Close() {
	s.mu.Lock()
	select {
	case <-s.closed:
		s.mu.Unlock()
		return
	default:
		close(s.closed)
	}
	s.mu.Unlock()
	s.srv.Close()
}

// notifyLocked wakes everyone waiting for a change. s.mu must be held.
func (s *Server) notifyLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// apiError is a Bot API error answer.
type apiError struct {
	code        int
	description string
	retryAfter  int
	migrateTo   int64
}

func (e *apiError) Error() string { return fmt.Sprintf("%d %s", e.code, e.description) }

func badRequest(format string, args ...any) *apiError {
	return &apiError{code: 400, description: "Bad Request: " + fmt.Sprintf(format, args...)}
}

func writeResult(w http.ResponseWriter, result any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(response{OK: true, Result: result})
}

func writeError(w http.ResponseWriter, e *apiError) {
	r := response{ErrorCode: e.code, Description: e.description}
	if e.retryAfter > 0 || e.migrateTo != 0 {
		r.Parameters = &responseParameters{RetryAfter: e.retryAfter, MigrateToChatID: e.migrateTo}
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(e.code)
	_ = json.NewEncoder(w).Encode(r)
}

// methods maps Bot API method names (lower case, as Telegram matches them
// case-insensitively) to their implementation.
func (s *Server) method(name string) func(*request) (any, *apiError) {
	switch strings.ToLower(name) {
	case "getme":
		return s.getMe
	case "getupdates":
		return s.getUpdates
	case "setmycommands":
		return s.setMyCommands
	case "sendmessage":
		return s.sendMessage
	case "sendphoto":
		return s.sendPhoto
	case "senddocument":
		return s.sendDocument
	case "answercallbackquery":
		return s.answerCallbackQuery
	case "editmessagereplymarkup":
		return s.editMessageReplyMarkup
	case "getchatmember":
		return s.getChatMember
	case "getchatadministrators":
		return s.getChatAdministrators
	case "setwebhook":
		return s.setWebhook
	case "deletewebhook":
		return s.deleteWebhook
	}
	return nil
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	// Limits are measured at arrival, before the body is read, as the
	// request order on the wire is what Telegram would count.
	arrived := s.now()
	if t, ok := sentAt(r); ok && s.useSentAt {
		arrived = t
	}
	rest, ok := strings.CutPrefix(r.URL.Path, "/bot")
	if !ok {
		writeError(w, &apiError{code: 404, description: "Not Found"})
		return
	}
	token, name, ok := strings.Cut(rest, "/")
	if !ok || token != s.token {
		writeError(w, &apiError{code: 401, description: "Unauthorized"})
		return
	}
	fn := s.method(name)
	if fn == nil {
		writeError(w, &apiError{code: 404, description: "Not Found: method not found"})
		return
	}
	req, err := parseRequest(r)
	if err != nil {
		writeError(w, badRequest("%v", err))
		return
	}
	req.method = canonicalMethod(name)
	req.arrived = arrived
	req.ctx = r.Context()
	result, apiErr := s.handle(req, fn)
	if apiErr != nil {
		writeError(w, apiErr)
		return
	}
	writeResult(w, result)
}

func canonicalMethod(name string) string {
	for _, m := range []string{"getMe", "getUpdates", "setMyCommands", "sendMessage", "sendPhoto",
		"sendDocument", "answerCallbackQuery", "editMessageReplyMarkup", "getChatMember",
		"getChatAdministrators", "setWebhook", "deleteWebhook"} {
		if strings.EqualFold(m, name) {
			return m
		}
	}
	return name
}

// handle applies faults and limits, then runs the method.
func (s *Server) handle(req *request, fn func(*request) (any, *apiError)) (any, *apiError) {
	s.mu.Lock()
	s.stats.Requests++
	f := s.takeFaultLocked(req)
	s.notifyLocked()
	s.mu.Unlock()

	if f != nil && f.Hold != nil {
		select {
		case <-f.Hold:
		case <-req.ctx.Done():
			// The client gave up: like a connection dropped before Telegram
			// read the request, nothing happens.
			e := &apiError{code: 499, description: "client closed request"}
			s.record(req, e)
			return nil, e
		case <-s.closed:
			return nil, &apiError{code: 503, description: "Service Unavailable"}
		}
	}
	if f != nil && f.Code != 0 {
		e := f.apiError()
		s.record(req, e)
		return nil, e
	}
	result, e := fn(req)
	if req.method != "getUpdates" {
		s.record(req, e)
	}
	return result, e
}

// record logs a call and wakes waiters.
func (s *Server) record(req *request, e *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := Call{Method: req.method, Params: req.params, At: s.now(), Arrived: req.arrived}
	if e != nil {
		c.ErrorCode, c.Description = e.code, e.description
		switch {
		case e.code == 429:
			s.stats.TooMany++
		case e.code >= 500:
			s.stats.ServerError++
		case e.code == 403:
			s.stats.Forbidden++
		}
	}
	s.calls = append(s.calls, c)
	s.notifyLocked()
}
