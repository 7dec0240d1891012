package discord_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/runclub/runclub/bot/discord"
	"github.com/runclub/runclub/bot/discord/discordtest"
	"github.com/runclub/runclub/domain"
)

// TestMemberUsesTheBotEndToEnd drives the real handlers and SQLite storage
// through the adapter and discordgo against the fake Discord, as a member
// and a coach would.
func TestMemberUsesTheBotEndToEnd(t *testing.T) {
	t.Parallel()
	fake, db, guild := realBot(t)

	bea := discordtest.User{ID: "730000000000000001", Name: "bea"}
	reply := func(id string) discordtest.Message { t.Helper(); return firstReply(t, fake, id) }

	start := reply(fake.Command("", bea, 0, "start"))
	if start.Content == "" {
		t.Fatal("/start answered nothing")
	}

	// Guided check-in in the server: personal, so ephemeral, with the form button.
	guided := reply(fake.Command(guild.ID, bea, 0, "checkin"))
	if !guided.Ephemeral() {
		t.Errorf("guided check-in in the server is not ephemeral")
	}
	rows := discordtest.Buttons(guided.Components)
	if len(rows) == 0 || rows[0][0].CustomID != discord.CheckInButtonID {
		t.Fatalf("guided check-in has no Check in button: %+v", rows)
	}
	press := fake.Press(guild.ID, bea, discord.CheckInButtonID)
	fake.WaitT(t, "the modal", func() bool { _, ok := fake.Callback(press); return ok })
	cb, _ := fake.Callback(press)
	if cb.Modal == nil {
		t.Fatalf("Check in opened %+v, want a modal", cb)
	}
	saved := reply(fake.Submit(guild.ID, bea, cb.Modal.CustomID,
		discordtest.Field{ID: "rhr", Value: "52"}, discordtest.Field{ID: "sleep", Value: "7.5"},
		discordtest.Field{ID: "fatigue", Value: "3"}, discordtest.Field{ID: "soreness", Value: "2"}, discordtest.Field{ID: "hrv", Value: ""}))
	if !strings.Contains(saved.Content, "52") || !saved.Ephemeral() {
		t.Errorf("modal answer = %q (ephemeral %v)", saved.Content, saved.Ephemeral())
	}
	member, err := db.Members.MemberByIdentity(context.Background(), domain.PlatformDiscord, bea.ID)
	if err != nil {
		t.Fatal(err)
	}
	today := member.Today(time.Now())
	got, err := db.CheckIns.CheckIns(context.Background(), member.ID, today, today)
	if err != nil || len(got) != 1 || got[0].RHR == nil || *got[0].RHR != 52 || got[0].SleepHours == nil || *got[0].SleepHours != 7.5 {
		t.Fatalf("stored check-ins = %+v, %v", got, err)
	}

	// A typed bad value gets a friendly answer and stores nothing new.
	bad := reply(fake.Command("", bea, 0, "run", discordtest.Option{Name: "distance", Type: 3, Value: "far"}, discordtest.Option{Name: "duration", Type: 3, Value: "82m"}))
	if bad.Content == "" || strings.Contains(bad.Content, "Something went wrong") {
		t.Errorf("bad distance answered %q", bad.Content)
	}
	run := reply(fake.Command("", bea, 0, "run", discordtest.Option{Name: "distance", Type: 3, Value: "10mi"},
		discordtest.Option{Name: "duration", Type: 3, Value: "82m"}, discordtest.Option{Name: "rpe", Type: 4, Value: 6},
		discordtest.Option{Name: "type", Type: 3, Value: "easy"}))
	runs, err := db.Runs.Runs(context.Background(), member.ID, today, today)
	if err != nil || len(runs) != 1 || runs[0].RPE != 6 {
		t.Fatalf("stored runs = %+v, %v (answer %q)", runs, err, run.Content)
	}

	export := reply(fake.Command(guild.ID, bea, 0, "export"))
	if len(export.Files) != 1 || !strings.Contains(string(export.Files[0].Data), "52") || !export.Ephemeral() {
		t.Errorf("export = %q with %d files (ephemeral %v)", export.Content, len(export.Files), export.Ephemeral())
	}
}
