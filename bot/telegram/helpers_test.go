package telegram_test

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/bot/telegram"
	"github.com/runclub/runclub/bot/telegram/telegramtest"
	"github.com/runclub/runclub/handlers"
)

// recorder is a bot.Handler that records commands and answers with reply
// (or "ok <name>").
type recorder struct {
	mu    sync.Mutex
	cmds  []bot.Command
	ch    chan bot.Command
	reply func(bot.Command) bot.Reply
}

func newRecorder(reply func(bot.Command) bot.Reply) *recorder {
	return &recorder{ch: make(chan bot.Command, 100), reply: reply}
}

func (r *recorder) Handle(_ context.Context, cmd bot.Command) bot.Reply {
	r.mu.Lock()
	r.cmds = append(r.cmds, cmd)
	r.mu.Unlock()
	r.ch <- cmd
	if r.reply != nil {
		return r.reply(cmd)
	}
	return bot.Reply{Text: "ok " + read(cmd).Name}
}

// read is the command as the router will read it; the adapter only passes
// the text on.
func read(c bot.Command) bot.Parsed {
	p, _ := bot.Parse(c)
	return p
}

// next waits for the next command the handler received.
func (r *recorder) next(t *testing.T) bot.Command {
	t.Helper()
	select {
	case c := <-r.ch:
		return c
	case <-time.After(telegramtest.WaitTimeout):
		t.Fatal("handler was not called")
		return bot.Command{}
	}
}

func (r *recorder) all() []bot.Command {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]bot.Command(nil), r.cmds...)
}

// events records what the adapter reports about recipients.
type events struct {
	mu          sync.Mutex
	unreachable []string
	migrated    [][2]string
	joined      []string // "platform chat title admins…"
	// changed is closed and replaced when a chat is reported.
	changed chan struct{}
}

func (e *events) ChatJoined(_ context.Context, platform, chatID, title string, admins []string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.joined = append(e.joined, strings.Join(append([]string{platform, chatID, title}, admins...), " "))
	if e.changed != nil {
		close(e.changed)
	}
	e.changed = make(chan struct{})
}

func (e *events) chats() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]string(nil), e.joined...)
}

// waitChats waits until n chats were reported, and returns them.
func (e *events) waitChats(t *testing.T, n int) []string {
	t.Helper()
	timeout := time.After(telegramtest.WaitTimeout)
	for {
		e.mu.Lock()
		if e.changed == nil {
			e.changed = make(chan struct{})
		}
		got, ch := append([]string(nil), e.joined...), e.changed
		e.mu.Unlock()
		if len(got) >= n {
			return got
		}
		select {
		case <-ch:
		case <-timeout:
			t.Fatalf("timed out waiting for %d chats, got %v", n, got)
		}
	}
}

func (e *events) Unreachable(_ context.Context, platform, userID string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.unreachable = append(e.unreachable, platform+":"+userID)
}

func (e *events) ChatMigrated(_ context.Context, platform, oldID, newID string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.migrated = append(e.migrated, [2]string{oldID, newID})
}

func (e *events) snapshot() ([]string, [][2]string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]string(nil), e.unreachable...), append([][2]string(nil), e.migrated...)
}

// waits records the backoffs and retry_after waits the adapter asked for
// and returns at once, so tests never sleep.
type waits struct {
	mu sync.Mutex
	ds []time.Duration
}

func (w *waits) wait(ctx context.Context, d time.Duration) error {
	w.mu.Lock()
	w.ds = append(w.ds, d)
	w.mu.Unlock()
	return ctx.Err()
}

// atLeast returns the waits of at least min, dropping the tiny pacing waits.
func (w *waits) atLeast(min time.Duration) []time.Duration {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []time.Duration
	for _, d := range w.ds {
		if d >= min {
			out = append(out, d)
		}
	}
	return out
}

// syncBuffer is a log sink safe for concurrent writers.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// harness is an adapter wired to a fake server.
type harness struct {
	srv  *telegramtest.Server
	a    *telegram.Adapter
	h    *recorder
	ev   *events
	w    *waits
	logs *syncBuffer
	stop func() // stops Run and waits for it; safe to call twice
}

type option func(*telegram.Config)

// newHarness builds an adapter on srv with limits high enough that tests
// never wait on pacing, and registers checks that run at cleanup.
func newHarness(t *testing.T, srv *telegramtest.Server, h *recorder, opts ...option) *harness {
	t.Helper()
	hs := &harness{srv: srv, h: h, ev: &events{}, w: &waits{}, logs: &syncBuffer{}}
	cfg := telegram.Config{
		Token:           srv.Token(),
		APIURL:          srv.URL,
		GlobalPerSecond: 1e6,
		ChatPerSecond:   1e6,
		GroupPerMinute:  1e8,
		Wait:            hs.w.wait,
		PollTimeout:     30 * time.Second,
		Commands:        handlers.CommandSpecs(),
	}
	for _, o := range opts {
		o(&cfg)
	}
	log := slog.New(slog.NewTextHandler(hs.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	a, err := telegram.New(cfg, h, hs.ev, log)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	hs.a = a
	hs.stop = func() {}
	t.Cleanup(func() {
		hs.stop()
		if strings.Contains(hs.logs.String(), srv.Token()) {
			t.Error("the bot token appeared in the logs")
		}
	})
	return hs
}

// run starts Run in the background; stop cancels it and waits.
func (hs *harness) run(t *testing.T) *harness {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- hs.a.Run(ctx) }()
	var once sync.Once
	hs.stop = func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("Run: %v", err)
			}
		})
	}
	return hs
}

var (
	ann   = telegramtest.User{ID: 1001, FirstName: "Ann", Username: "ann_runs"}
	ben   = telegramtest.User{ID: 1002, FirstName: "Ben"}
	coach = telegramtest.User{ID: 1003, FirstName: "Cora", LastName: "Coach"}
	club  = telegramtest.Group{ID: -4001, Title: "Dawn Patrol <RC>"}
)

// testPNG is a real w × h PNG, as the fake decodes photos.
func testPNG(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = uint8(i)
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
