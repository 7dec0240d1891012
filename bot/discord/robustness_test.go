package discord_test

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/runclub/runclub/bot/discord"
	"github.com/runclub/runclub/bot/discord/discordtest"
	"github.com/runclub/runclub/handlers"
	"github.com/runclub/runclub/handlers/handlerstest"
	"github.com/runclub/runclub/storage"
)

// realBot runs the adapter with the real handlers and SQLite against a new
// fake Discord with one server.
func realBot(t *testing.T) (*discordtest.Server, storage.Stores, discordtest.Guild) {
	t.Helper()
	guild := discordtest.Guild{ID: "820000000000000001", Name: "Track Club", SystemChannelID: "820000000000000099"}
	fake := discordtest.NewT(t, discordtest.Config{Guilds: []discordtest.Guild{guild}})
	log := slog.New(slog.NewTextHandler(t.Output(), nil))
	db := handlerstest.Open(t, "")
	st := db.Stores
	svc := handlers.New(db.Repos(), handlers.Defaults{TZ: "UTC", WakeMinute: 390, BedMinute: 1350, WindDownMinutes: 60, WeeklyDay: time.Sunday, WeeklyMinute: 1080}, time.Now, log)
	a, err := discord.New(discord.Config{Token: fake.Token(), APIURL: fake.APIURL(), GuildID: guild.ID, Commands: svc.Commands()}, svc, svc, log)
	if err != nil {
		t.Fatal(err)
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
	fake.WaitT(t, "registration", func() bool { return len(fake.Overwrites()) == 1 })
	return fake, st, guild
}

// firstReply waits for the first message answering interaction id.
func firstReply(t *testing.T, fake *discordtest.Server, id string) discordtest.Message {
	t.Helper()
	fake.WaitT(t, "the answer", func() bool { return len(fake.Replies(id)) > 0 })
	return fake.Replies(id)[0]
}

func TestGuidedCheckInInAServerCanBeSkipped(t *testing.T) {
	t.Parallel()
	fake, _, guild := realBot(t)
	cy := discordtest.User{ID: "730000000000000011", Name: "cy"}
	firstReply(t, fake, fake.Command("", cy, 0, "start"))

	q := firstReply(t, fake, fake.Command(guild.ID, cy, 0, "checkin"))
	if !strings.Contains(q.Content, "resting heart rate") {
		t.Fatalf("first question = %q", q.Content)
	}
	var skip string
	for _, row := range discordtest.Buttons(q.Components) {
		for _, b := range row {
			if b.Label == "Skip" {
				skip = b.CustomID
			}
		}
	}
	if skip == "" {
		t.Fatalf("no Skip button under %q", q.Content)
	}
	next := firstReply(t, fake, fake.Press(guild.ID, cy, skip))
	if !strings.Contains(next.Content, "HRV") || !next.Ephemeral() {
		t.Errorf("Skip in the server answered %q (ephemeral %v), want the HRV question, privately", next.Content, next.Ephemeral())
	}
}

func TestIntegerOptionWithAFractionIsRefusedNotTruncated(t *testing.T) {
	t.Parallel()
	fake, db, _ := realBot(t)
	dee := discordtest.User{ID: "730000000000000012", Name: "dee"}
	firstReply(t, fake, fake.Command("", dee, 0, "start"))
	for _, v := range []any{52.7, 1e300} {
		r := firstReply(t, fake, fake.Command("", dee, 0, "checkin", discordtest.Option{Name: "rhr", Type: 4, Value: v}))
		if !strings.Contains(r.Content, "whole number from 25 to 120") {
			t.Errorf("rhr %v answered %q, want the valid range", v, r.Content)
		}
	}
	m, err := db.Members.MemberByIdentity(context.Background(), "discord", dee.ID)
	if err != nil {
		t.Fatal(err)
	}
	today := m.Today(time.Now())
	if got, err := db.CheckIns.CheckIns(context.Background(), m.ID, today.AddDays(-1), today); err != nil || len(got) != 0 {
		t.Errorf("stored %+v, %v; want nothing", got, err)
	}
}
