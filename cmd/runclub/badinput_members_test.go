package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/runclub/runclub/bot/discord/discordtest"
	"github.com/runclub/runclub/bot/telegram/telegramtest"
	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/handlers/handlerstest"
)

// membersBadInputs are mistakes of members who sent /start, with words
// their answer must have: none of them stores a time away.
var membersBadInputs = []struct{ text, want string }{
	{"/away 0", "Days away 0 is out of range: use 1 to 60"},
	{"/away 61 ill", "use 1 to 60"},
	{"/away 3 bored", "Reason must be one of ill, injured, travel, rest or other"},
	{"/away until:2020-01-01", "The last day away must be from today"},
	{"/away until:next-week", `"next-week" is not a date I understand`},
	{"/away 3 until:2099-01-01", "either a number of days or a last day"},
	{"/back", "You are not away"},
	{"/leave", "You are in no club"},
	{"/summary", "You coach no club yet"},
	{"/link ABCDEFG", "6 letters and digits"},
}

// TestMembersMistakesGetTheSameWordsOnEveryPlatform is the bad-input test
// for members: each sends /start, then one mistake, on the console (two
// runs on one database) and on both fakes.
func TestMembersMistakesGetTheSameWordsOnEveryPlatform(t *testing.T) {
	console := make([]string, len(membersBadInputs))
	for i, in := range membersBadInputs {
		dbPath := filepath.Join(t.TempDir(), "runclub.db")
		consoleSays(t, dbPath, "/start")
		console[i] = consoleSays(t, dbPath, in.text)
		assertNotAway(t, dbPath, domain.PlatformConsole, []string{"local"})
	}
	dbPath := filepath.Join(t.TempDir(), "runclub.db")
	tg := telegramtest.New(t)
	dc := discordtest.NewT(t, discordtest.Config{})
	srv := startServeOnFakes(t, dbPath, tg, dc)
	var tgUsers, dcUsers []string
	for i, in := range membersBadInputs {
		tu := telegramtest.User{ID: int64(6000 + i), FirstName: "Runner"}
		du := discordtest.User{ID: fmt.Sprintf("7500000000000%05d", i), Name: "runner"}
		tgUsers, dcUsers = append(tgUsers, fmt.Sprint(tu.ID)), append(dcUsers, du.ID)
		tg.SendPrivate(tu, "/start")
		tg.WaitSent(t, tu.ID, 1)
		tg.SendPrivate(tu, in.text)
		telegram := strings.TrimSpace(tg.WaitSent(t, tu.ID, 2)[1].Text)
		channel := dc.DirectMessage(du, "/start")
		dc.WaitT(t, "the DM answered", func() bool { return len(dc.ChannelMessages(channel)) > 0 })
		dc.DirectMessage(du, in.text)
		dc.WaitT(t, "the mistake answered", func() bool { return len(dc.ChannelMessages(channel)) > 1 })
		discord := strings.TrimSpace(dc.ChannelMessages(channel)[1].Content)
		sameWords(t, in.text, in.want, console[i], telegram, discord)
	}
	srv.stop(t)
	assertNotAway(t, dbPath, domain.PlatformTelegram, tgUsers)
	assertNotAway(t, dbPath, domain.PlatformDiscord, dcUsers)
}

// assertNotAway checks that each user is a member with no time away.
func assertNotAway(t *testing.T, dbPath, platform string, users []string) {
	t.Helper()
	db := handlerstest.Open(t, dbPath)
	for _, u := range users {
		m, err := db.MemberByIdentity(context.Background(), platform, u)
		if err != nil {
			t.Fatalf("%s %s: %v", platform, u, err)
		}
		aways, err := db.Aways(context.Background(), []int64{m.ID}, domain.Date{Year: 2000, Month: 1, Day: 1}, domain.Date{Year: 2200, Month: 1, Day: 1})
		if err != nil || len(aways[m.ID]) != 0 {
			t.Errorf("%s %s: a mistake stored %+v (%v)", platform, u, aways[m.ID], err)
		}
	}
}
