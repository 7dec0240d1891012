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
// their answer must have: none of them stores a check-in, a run or a time
// away.
var membersBadInputs = []struct{ text, want string }{
	{"/history 61", "Days 61 is out of range: use 1 to 60"},
	{"/history week", "must be a whole number from 1 to 60"},
	{"/undo", "Nothing to undo"},
	{"/run delete 3", "You have no run 3. /history shows your runs"},
	{"/run edit 3 rpe:5", "You have no run 3"},
	{"/run edit", "/run edit needs a run number"},
	{"/run delete three", "Run number must be a whole number"},
	{"slept 20h rhr 51", "Sleep (hours) 20 is out of range: use 0 to 16"},
	{"rhr 300", "Resting heart rate 300 is out of range"},
	{"hello there", "I couldn't read that as a check-in. Write it like this: slept 7.5h rhr 51"},
	{"/checkin mood:-1", "Mood (10 = best) -1 is out of range"},
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
	{"/trend 27", "Weeks 27 is out of range: use 1 to 26."},
	{"/trend weeks:0", "Weeks 0 is out of range: use 1 to 26."},
	{"/trend many", `Weeks must be a whole number from 1 to 26, not "many".`},
	{"/trend 8 hrv:60", "Valid keys here are: weeks"},
	{"/trend", "Too little to draw yet: 0 days with a check-in or a rated run in your last 8 weeks"},
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
		assertNothingRecorded(t, dbPath, domain.PlatformConsole, []string{"local"})
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
	assertNothingRecorded(t, dbPath, domain.PlatformTelegram, tgUsers)
	assertNothingRecorded(t, dbPath, domain.PlatformDiscord, dcUsers)
}

// assertNothingRecorded checks that each user is a member with no
// check-in, no run and no time away: a refused command stores nothing.
func assertNothingRecorded(t *testing.T, dbPath, platform string, users []string) {
	t.Helper()
	db := handlerstest.Open(t, dbPath)
	// Closed on return: the next check opens the file again, and SQLite
	// takes one opener at a time.
	defer db.Close()
	ctx := context.Background()
	from, to := domain.Date{Year: 2000, Month: 1, Day: 1}, domain.Date{Year: 2200, Month: 1, Day: 1}
	for _, u := range users {
		m, err := db.MemberByIdentity(ctx, platform, u)
		if err != nil {
			t.Fatalf("%s %s: %v", platform, u, err)
		}
		cs, err1 := db.CheckIns(ctx, m.ID, from, to)
		rs, err2 := db.Runs(ctx, m.ID, from, to)
		aways, err3 := db.Aways(ctx, []int64{m.ID}, from, to)
		if len(cs)+len(rs)+len(aways[m.ID]) != 0 || err1 != nil || err2 != nil || err3 != nil {
			t.Errorf("%s %s: a mistake stored %d check-ins, %d runs, %d times away (%v, %v, %v)",
				platform, u, len(cs), len(rs), len(aways[m.ID]), err1, err2, err3)
		}
	}
}
