package discord

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/bot/discord/discordtest"
	"github.com/runclub/runclub/handlers"
	"github.com/runclub/runclub/handlers/handlerstest"
)

// recorder is a bot.Handler that records commands and answers with reply.
type recorder struct {
	mu    sync.Mutex
	cmds  []bot.Command
	reply func(bot.Command) bot.Reply
	seen  chan struct{} // closed and replaced on every command
}

func newRecorder(reply func(bot.Command) bot.Reply) *recorder {
	if reply == nil {
		reply = func(c bot.Command) bot.Reply { return bot.Reply{Text: "ok " + read(c).Name} }
	}
	return &recorder{reply: reply, seen: make(chan struct{})}
}

// realService is the real handlers on a fresh SQLite file.
func realService(t *testing.T) (*handlers.Service, *handlerstest.DB) {
	t.Helper()
	return handlerstest.New(t, nil)
}

// read is the command as the router will read it: a slash command's name
// and options, or a button's or a DM's text.
func read(c bot.Command) bot.Parsed {
	p, _ := bot.Parse(c)
	return p
}

func (r *recorder) Handle(_ context.Context, c bot.Command) bot.Reply {
	r.mu.Lock()
	r.cmds = append(r.cmds, c)
	close(r.seen)
	r.seen = make(chan struct{})
	r.mu.Unlock()
	return r.reply(c)
}

func (r *recorder) commands() []bot.Command {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]bot.Command(nil), r.cmds...)
}

// events records what the adapter reports about recipients.
type events struct {
	mu          sync.Mutex
	unreachable []string
	joined      []string // "platform chat title admins…"
}

func (e *events) Unreachable(_ context.Context, platform, userID string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.unreachable = append(e.unreachable, platform+":"+userID)
}

func (e *events) ChatMigrated(context.Context, string, string, string) {}

func (e *events) ChatJoined(_ context.Context, platform, chatID, title string, admins []string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.joined = append(e.joined, strings.Join(append([]string{platform, chatID, title}, admins...), " "))
}

func (e *events) chats() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]string(nil), e.joined...)
}

func (e *events) list() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]string(nil), e.unreachable...)
}

var _ bot.Events = (*events)(nil)

// harness is a running adapter against a fake Discord.
type harness struct {
	fake *discordtest.Server
	a    *Adapter
	h    *recorder
	ev   *events
}

// testGuild is the server the tests use; its system channel gets the
// "open your DMs" notes.
var testGuild = discordtest.Guild{ID: "800000000000000001", Name: "Harriers", SystemChannelID: "800000000000000099"}

// start runs an adapter with handler h against a new fake until the test ends.
func start(t *testing.T, h *recorder, tweak func(*Config)) *harness {
	t.Helper()
	fake := discordtest.NewT(t, discordtest.Config{Guilds: []discordtest.Guild{testGuild}})
	cfg := Config{Token: fake.Token(), APIURL: fake.APIURL(), GuildID: testGuild.ID, DeferAfter: hour, Commands: handlers.CommandSpecs(),
		RetryBackoff: retryBackoffForTests}
	if tweak != nil {
		tweak(&cfg)
	}
	ev := &events{}
	a, err := New(cfg, h, ev, slog.New(slog.NewTextHandler(t.Output(), nil)))
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	guildKnown := make(chan struct{})
	var once sync.Once
	a.afterEvent = func(event string) {
		if event == "GUILD_CREATE" {
			once.Do(func() { close(guildKnown) })
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	fake.WaitT(t, "the command registration", func() bool { return len(fake.Overwrites()) > 0 })
	select {
	case <-guildKnown:
	case <-time.After(15 * time.Second): // bounds a broken test only
		t.Fatal("GUILD_CREATE was not handled")
	}
	return &harness{fake: fake, a: a, h: h, ev: ev}
}

// waitCommand waits until the handler has seen n commands and returns the nth.
func (hs *harness) waitCommand(t *testing.T, n int) bot.Command {
	t.Helper()
	deadline := time.NewTimer(15 * time.Second) // bounds a broken test only
	defer deadline.Stop()
	for {
		hs.h.mu.Lock()
		got, seen := len(hs.h.cmds), hs.h.seen
		hs.h.mu.Unlock()
		if got >= n {
			return hs.h.commands()[n-1]
		}
		select {
		case <-seen:
		case <-deadline.C:
			t.Fatalf("handler saw %d commands, want %d", got, n)
		}
	}
}

// waitReplies waits until the interaction shows n messages.
func (hs *harness) waitReplies(t *testing.T, id string, n int) []discordtest.Message {
	t.Helper()
	hs.fake.WaitT(t, "the interaction's replies", func() bool { return len(hs.fake.Replies(id)) >= n })
	return hs.fake.Replies(id)
}

const (
	hour = time.Hour
	// retryBackoffForTests keeps 5xx retries quick; the waits are the
	// adapter's own, not the test's.
	retryBackoffForTests = 5 * time.Millisecond
)
