package discord

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/bot/discord/discordtest"
	"github.com/runclub/runclub/domain"
)

// newSender builds an adapter that only sends (no gateway), logging into buf.
func newSender(t *testing.T, fake *discordtest.Server, ev bot.Events, buf *bytes.Buffer) *Adapter {
	t.Helper()
	a, err := New(Config{Token: fake.Token(), APIURL: fake.APIURL(), RetryBackoff: retryBackoffForTests},
		newRecorder(nil), ev, slog.New(slog.NewTextHandler(buf, nil)))
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return a
}

func dm(user string, text string) bot.Message {
	return bot.Message{To: bot.Recipient{Platform: domain.PlatformDiscord, UserID: user}, Reply: bot.Reply{Text: text, CheckInForm: true}}
}

func TestSendOpensTheDMOnceAndCachesIt(t *testing.T) {
	t.Parallel()
	fake := discordtest.NewT(t, discordtest.Config{})
	a := newSender(t, fake, nil, &bytes.Buffer{})
	ctx := context.Background()
	for i := range 3 {
		if err := a.Send(ctx, dm(ann.ID, "Good morning "+string(rune('a'+i)))); err != nil {
			t.Fatalf("Send %d: %v", i, err)
		}
	}
	if n := fake.DMChannelCreates(); n != 1 {
		t.Errorf("opened the DM %d times, want once", n)
	}
	msgs := fake.ChannelMessages(fake.DMChannel(ann.ID))
	if len(msgs) != 3 || msgs[2].Content != "Good morning c" {
		t.Fatalf("DM holds %+v", msgs)
	}
	if b := discordtest.Buttons(msgs[0].Components); len(b) != 1 || b[0][0].CustomID != CheckInButtonID {
		t.Errorf("prompt buttons = %+v, want the Check in button", b)
	}
}

func TestSendRetriesFaultsAndDeliversExactlyOnce(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		fault discordtest.Fault
	}{
		{"route 429", discordtest.Fault{Method: "POST", Path: "/channels/", Status: 429, RetryAfter: 30 * time.Millisecond}},
		{"global 429", discordtest.Fault{Method: "POST", Path: "/channels/", Status: 429, RetryAfter: 30 * time.Millisecond, Global: true}},
		{"two 429s", discordtest.Fault{Method: "POST", Path: "/channels/", Status: 429, RetryAfter: 10 * time.Millisecond, Times: 2}},
		{"502", discordtest.Fault{Method: "POST", Path: "/channels/", Status: 502}},
		{"503 twice", discordtest.Fault{Method: "POST", Path: "/channels/", Status: 503, Times: 2}},
		{"429 on opening the DM", discordtest.Fault{Method: "POST", Path: "/users/@me/channels", Status: 429, RetryAfter: 10 * time.Millisecond}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			fake := discordtest.NewT(t, discordtest.Config{})
			var logs bytes.Buffer
			a := newSender(t, fake, nil, &logs)
			fake.Inject(c.fault)
			start := time.Now()
			if err := a.Send(context.Background(), dm(ann.ID, "Morning! How did you sleep?")); err != nil {
				t.Fatalf("Send: %v", err)
			}
			elapsed := time.Since(start)
			msgs := fake.ChannelMessages(fake.DMChannel(ann.ID))
			if len(msgs) != 1 {
				t.Fatalf("delivered %d times, want exactly once", len(msgs))
			}
			var failed, ok int
			for _, r := range fake.Requests() {
				if r.Method == http.MethodPost && strings.HasPrefix(r.Path, c.fault.Path) {
					if r.Status == c.fault.Status {
						failed++
					} else if r.Status == http.StatusOK {
						ok++
					}
				}
			}
			want := max(c.fault.Times, 1)
			if failed != want || ok != 1 {
				t.Errorf("requests: %d failed, %d ok; want %d and 1", failed, ok, want)
			}
			if c.fault.Status == 429 && elapsed < c.fault.RetryAfter {
				t.Errorf("retried after %v, before retry_after %v", elapsed, c.fault.RetryAfter)
			}
			if strings.Contains(logs.String(), fake.Token()) {
				t.Errorf("the token appeared in the logs")
			}
		})
	}
}

func TestSendGivesUpAfterMaxAttemptsAndKeepsTheError(t *testing.T) {
	t.Parallel()
	fake := discordtest.NewT(t, discordtest.Config{})
	a, err := New(Config{Token: fake.Token(), APIURL: fake.APIURL(), RetryBackoff: time.Millisecond, MaxAttempts: 3},
		newRecorder(nil), nil, slog.New(slog.NewTextHandler(&bytes.Buffer{}, nil)))
	if err != nil {
		t.Fatal(err)
	}
	fake.DMChannel(ann.ID)
	fake.Inject(discordtest.Fault{Method: "POST", Path: "/channels/", Status: 500, Times: 5})
	err = a.Send(context.Background(), dm(ann.ID, "hello"))
	if err == nil || !strings.Contains(err.Error(), "gave up after 3 attempts") {
		t.Fatalf("Send = %v, want a give-up error", err)
	}
	if n := len(fake.ChannelMessages(fake.DMChannel(ann.ID))); n != 0 {
		t.Errorf("%d messages delivered", n)
	}
}

func TestClosedDMsMarkTheMemberUnreachableAndTellThemOnce(t *testing.T) {
	t.Parallel()
	hs := start(t, newRecorder(nil), nil)
	// The member used the bot in the server, so the adapter knows where to tell them.
	id := hs.fake.Command(testGuild.ID, ann, 0, "join")
	hs.waitReplies(t, id, 1)
	hs.fake.CloseDMs(ann.ID)
	for i := range 2 {
		err := hs.a.Send(context.Background(), dm(ann.ID, "Morning!"))
		if !errors.Is(err, ErrUnreachable) {
			t.Fatalf("Send %d = %v, want ErrUnreachable", i, err)
		}
	}
	if got := hs.ev.list(); len(got) != 2 || got[0] != "discord:"+ann.ID {
		t.Errorf("unreachable events = %v", got)
	}
	notes := hs.fake.ChannelMessages(testGuild.SystemChannelID)
	if len(notes) != 1 {
		t.Fatalf("system channel got %d notes, want 1", len(notes))
	}
	if !strings.Contains(notes[0].Content, "<@"+ann.ID+">") || !strings.Contains(notes[0].Content, "Direct Messages") {
		t.Errorf("note = %q", notes[0].Content)
	}
	if !strings.Contains(string(notes[0].AllowedMentions), ann.ID) {
		t.Errorf("note does not allow mentioning the member: %s", notes[0].AllowedMentions)
	}
}

func TestSendSplitsLongMessages(t *testing.T) {
	t.Parallel()
	fake := discordtest.NewT(t, discordtest.Config{})
	a := newSender(t, fake, nil, &bytes.Buffer{})
	text := strings.Repeat("word ", 900) // 4,500 characters
	if err := a.Send(context.Background(), dm(ann.ID, text)); err != nil {
		t.Fatal(err)
	}
	msgs := fake.ChannelMessages(fake.DMChannel(ann.ID))
	var joined string
	for _, m := range msgs {
		joined += m.Content
	}
	if len(msgs) != 3 || joined != text {
		t.Errorf("got %d pieces adding up=%v", len(msgs), joined == text)
	}
}

func TestPrivateRepliesNeverGoToAServerChannel(t *testing.T) {
	t.Parallel()
	fake := discordtest.NewT(t, discordtest.Config{})
	a := newSender(t, fake, nil, &bytes.Buffer{})
	to := bot.Recipient{Platform: domain.PlatformDiscord, ChatID: "555"}
	err := a.Send(context.Background(), bot.Message{To: to, Reply: bot.Reply{Text: "RHR 52", Private: true}})
	if err == nil {
		t.Errorf("private reply without a group note was sent to a channel")
	}
	err = a.Send(context.Background(), bot.Message{To: to, Reply: bot.Reply{Text: "RHR 52", Private: true, GroupNote: "Check your DMs."}})
	if err != nil {
		t.Fatal(err)
	}
	msgs := fake.ChannelMessages("555")
	if len(msgs) != 1 || msgs[0].Content != "Check your DMs." {
		t.Errorf("channel got %+v", msgs)
	}
}
