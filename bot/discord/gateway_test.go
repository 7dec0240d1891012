package discord

import (
	"context"
	"log/slog"
	"testing"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/bot/discord/discordtest"
	"github.com/runclub/runclub/handlers"
)

func TestInteractionsStillHandledAcrossAGatewayReconnect(t *testing.T) {
	t.Parallel()
	hs := start(t, newRecorder(nil), nil)
	first := hs.fake.Command(testGuild.ID, ann, 0, "readiness")
	hs.waitReplies(t, first, 1)

	hs.fake.Reconnect() // op 7
	// Sent while the bot reconnects: Discord replays it after RESUME.
	during := hs.fake.Command(testGuild.ID, ann, 0, "week")
	hs.fake.WaitT(t, "the session to resume", func() bool { return hs.fake.Resumes() == 1 && hs.fake.Connected() })
	after := hs.fake.Command("", ann, 0, "help")

	if r := hs.waitReplies(t, during, 1); r[0].Content != "ok week" {
		t.Errorf("interaction during reconnect answered %q", r[0].Content)
	}
	if r := hs.waitReplies(t, after, 1); r[0].Content != "ok help" {
		t.Errorf("interaction after reconnect answered %q", r[0].Content)
	}
	if n := hs.fake.Identifies(); n != 1 {
		t.Errorf("identified %d times; a reconnect should resume, not identify again", n)
	}
	if n := len(hs.fake.Overwrites()); n != 1 {
		t.Errorf("commands registered %d times", n)
	}
	var names []string
	for _, c := range hs.h.commands() {
		names = append(names, c.Name)
	}
	if len(names) != 3 {
		t.Errorf("handler saw %v, want each interaction once", names)
	}
}

func TestTextInADMIsACommand(t *testing.T) {
	t.Parallel()
	h := newRecorder(func(c bot.Command) bot.Reply {
		return bot.Reply{Text: "RHR 52 noted."}
	})
	hs := start(t, h, nil)
	channel := hs.fake.DirectMessage(ann, "52")
	cmd := hs.waitCommand(t, 1)
	if p := read(cmd); p.Name != "" || len(p.Words) != 1 || p.Words[0] != "52" || !cmd.Private || cmd.ChatID != channel || cmd.UserID != ann.ID {
		t.Errorf("DM became %+v", cmd)
	}
	hs.fake.WaitT(t, "the answer in the DM", func() bool { return len(hs.fake.ChannelMessages(channel)) == 1 })
	if m := hs.fake.ChannelMessages(channel)[0]; m.Content != "RHR 52 noted." {
		t.Errorf("answered %q", m.Content)
	}
	if n := hs.fake.DMChannelCreates(); n != 0 {
		t.Errorf("opened the DM %d times; it is known from the message", n)
	}
	hs.fake.DirectMessage(ann, "/checkin rhr:51 sleep=7")
	if cmd := hs.waitCommand(t, 2); read(cmd).Name != "checkin" || read(cmd).Args["rhr"] != "51" || read(cmd).Args["sleep"] != "7" {
		t.Errorf("typed command became %+v", cmd)
	}
}

func TestAServerTheBotIsInIsReportedWithItsOwner(t *testing.T) {
	t.Parallel()
	hs := start(t, newRecorder(nil), nil)
	// start returns once GUILD_CREATE was handled.
	if got := hs.ev.chats(); len(got) != 1 || got[0] != "discord 800000000000000001 Harriers 1" {
		t.Errorf("ChatJoined calls %q, want the server, its name and its owner", got)
	}
}

// TestRunAgainAfterItReturned runs the gateway twice on one adapter, as a
// replica does that leads, steps down and leads again: the second run
// connects, registers and answers as the first did.
func TestRunAgainAfterItReturned(t *testing.T) {
	fake := discordtest.NewT(t, discordtest.Config{Guilds: []discordtest.Guild{testGuild}})
	a, err := New(Config{Token: fake.Token(), APIURL: fake.APIURL(), GuildID: testGuild.ID, DeferAfter: hour, Commands: handlers.CommandSpecs(),
		RetryBackoff: retryBackoffForTests}, newRecorder(nil), &events{}, slog.New(slog.NewTextHandler(t.Output(), nil)))
	if err != nil {
		t.Fatal(err)
	}
	sam := discordtest.User{ID: "700000000000000001", Name: "sam"}
	for round := 1; round <= 2; round++ {
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- a.Run(ctx) }()
		fake.WaitT(t, "the command registration", func() bool { return len(fake.Overwrites()) == round })
		id := fake.Command("", sam, 0, "help")
		fake.WaitT(t, "the answer", func() bool { return len(fake.Replies(id)) > 0 })
		if got := fake.Replies(id)[0].Content; got != "ok help" {
			t.Errorf("run %d answered %q", round, got)
		}
		cancel()
		if err := <-done; err != nil {
			t.Fatalf("run %d: %v", round, err)
		}
	}
}
