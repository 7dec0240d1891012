package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/runclub/runclub/bot/discord/discordtest"
	"github.com/runclub/runclub/bot/telegram/telegramtest"
	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/handlers/handlerstest"
)

// badInputs are mistakes runners make, each with words its answer must have.
// Every one of them is refused, and stores nothing.
var badInputs = []struct{ text, want string }{
	{"/checkin rhr:300", "use 25 to 120"},
	{"/checkin rhr:abc", "whole number from 25 to 120"},
	{"/checkin rhr:52 rhr:53", "rhr is given twice"},
	{"/checkin pulse:60", "Valid keys here are: rhr, hrv, sleep"},
	{"/checkin rhr:52 very tired", "key:value"},
	{"/checkin sleep:-1", "Sleep (hours) -1 is out of range"},
	{"/checkin hrv:2", "use 5 to 300"},
	{"/checkin mood:11", "Mood (10 = best) 11 is out of range"},
	{"/checkin rhr:50 date:tomorrow", "tomorrow"},
	{"/checkin rhr:50 date:2020-01-01", "more than 365 days ago"},
	{"/checkin rhr:50 date:31/12/2026", "not a date I understand"},
	{"/checkin", ""}, // the guided check-in: not bad, but it must answer the same everywhere
	{"/run", "needs a distance and a duration"},
	{"/run 10mi", "needs a distance and a duration"},
	{"/run 400km 10h", "at most 300 km"},
	{"/run 10km 25h", "1 minute to 24 hours"},
	{"/run 10km 82m rpe:11", "use 1 to 10"},
	{"/run 10km 82m type:jog", "easy, long, tempo"},
	{"/run 10 parsecs 82m", "parsecs"},
	{"/run 10km 82m pace:fast", "Valid keys here are: distance, duration, rpe, type, date"},
	{"/settings tz:Mars/Base", "IANA"},
	{"/settings wake:25:00", "24-hour HH:MM"},
	{"/settings units:furlongs", "km or mi"},
	{"/settings weight:5kg", "between 25 and 250 kg"},
	{"/settings prompts:maybe", "on or off"},
	{"/settings winddown:600m", "winddown must be 1 min to 4 h"},
	{"/fuel 90 ultra weight:70kg", "easy, moderate or hard"},
	{"/fuel 0 weight:70kg", `A run lasts from 1 minute to 24 hours; "0" is outside that`},
	{"/dance", "I don't know /dance"},
	{"/💓", "is not a command"},
	{"/checkin \x1b[31m", "control characters"},
	{"/run " + strings.Repeat("x", 1200), "too long"},
	{"/help dance", "There is no /dance"},
	{"/summary", "I have no data about you"},
	{"/away 3 ill", "I have no data about you"},
	{"/back", "I have no data about you"},
	{"/leave", "I have no data about you"},
	{"/link ABC", "6 letters and digits"},
	{"/link K7Q2MX", "not right, or it has expired"},
	{"/link", "I have no data about you"},
	{"/coach alerts maybe", "Alerts must be on or off"},
	{"/run 10km 45:30", "45:30 would be 45 h 30 min, longer than a run can be (at most 24 hours); for 45 minutes 30 seconds write 45m30s"},
	{"/run 100km 4m", "works out to 0:02 min/km, faster than the world record (2:30 min/km"},
	{"/run 10km 1h 22x", "I don't understand \"22x\""},
	{"/run 10km 82m ok:maybe", "Confirmation must be 1"},
	{"/checkin rhr:- sleep:lots", "Sleep (hours) must be a number from 0 to 16"},
	{"/history 61", "I have no data about you"},
	{"/undo", "I have no data about you"},
	{"/run delete 3", "I have no data about you"},
	{"/trend", "I have no data about you"},
	{"/trend 30", "I have no data about you"},
}

// TestBadInputGetsTheSameWordsOnEveryPlatform sends the same mistakes
// through the console, the Telegram fake and the Discord fake (a DM each),
// with the whole program, and checks that all three answer in the same
// words, that the words say what was wrong, and that nothing was stored.
func TestBadInputGetsTheSameWordsOnEveryPlatform(t *testing.T) {
	console := make([]string, len(badInputs))
	for i, in := range badInputs {
		// A fresh database each time, so the console member is the same
		// stranger the other platforms' members are.
		dbPath := filepath.Join(t.TempDir(), "runclub.db")
		console[i] = consoleSays(t, dbPath, in.text)
		if in.want != "" {
			assertNothingStored(t, dbPath, "console", []string{"local"})
		}
	}
	dbPath := filepath.Join(t.TempDir(), "runclub.db")

	tg := telegramtest.New(t)
	dc := discordtest.NewT(t, discordtest.Config{})
	srv := startServeOnFakes(t, dbPath, tg, dc)
	var tgUsers, dcUsers []string
	for i, in := range badInputs {
		// One member per mistake: a real member makes a few, not thirty a minute.
		tu := telegramtest.User{ID: int64(5000 + i), FirstName: "Runner"}
		du := discordtest.User{ID: fmt.Sprintf("7400000000000%05d", i), Name: "runner"}
		tgUsers, dcUsers = append(tgUsers, strconv.FormatInt(tu.ID, 10)), append(dcUsers, du.ID)
		tg.SendPrivate(tu, in.text)
		telegram := strings.TrimSpace(tg.WaitSent(t, tu.ID, 1)[0].Text)
		channel := dc.DirectMessage(du, in.text)
		dc.WaitT(t, "the DM answered", func() bool { return len(dc.ChannelMessages(channel)) > 0 })
		discord := strings.TrimSpace(dc.ChannelMessages(channel)[0].Content)

		sameWords(t, in.text, in.want, console[i], telegram, discord)
	}
	srv.stop(t)
	// /checkin registers its sender and opens the guided check-in; that is
	// the one input above that is not a mistake.
	assertNothingStored(t, dbPath, "telegram", tgUsers[:11])
	assertNothingStored(t, dbPath, "telegram", tgUsers[12:])
	assertNothingStored(t, dbPath, "discord", dcUsers[:11])
	assertNothingStored(t, dbPath, "discord", dcUsers[12:])
}

// sameWords checks that the three platforms answered text alike, and
// that the answer says want.
func sameWords(t *testing.T, text, want, console, telegram, discord string) {
	t.Helper()
	if telegram != console || discord != console {
		t.Errorf("%.40q answered differently:\nconsole:  %q\ntelegram: %q\ndiscord:  %q", text, console, telegram, discord)
	}
	if !strings.Contains(console, want) {
		t.Errorf("%.40q: answer %q does not say %q", text, console, want)
	}
}

// consoleSays is the console's answer to one line on the database at
// dbPath. The new member's defaults put their morning, bedtime and weekly
// slot hours away from now, so that no scheduled message can come between.
func consoleSays(t *testing.T, dbPath, line string) string {
	t.Helper()
	env := append(quietDefaults(), "RUNCLUB_DATABASE_DSN="+dbPath, "RUNCLUB_LOG_LEVEL=error")
	var out strings.Builder
	if code := run(context.Background(), []string{"console"}, env, strings.NewReader(line+"\n"), &out, testWriter{t}); code != 0 {
		t.Fatalf("console exited %d", code)
	}
	return textOnly(out.String())
}

// quietDefaults are defaults for new members and clubs whose morning,
// bedtime and weekly slot are hours away from now (UTC, the default zone).
func quietDefaults() []string {
	now := time.Now().UTC()
	clock := func(d time.Duration) string { return now.Add(d).Format("15:04") }
	return []string{"RUNCLUB_DEFAULTS_WAKE=" + clock(3*time.Hour), "RUNCLUB_DEFAULTS_BED=" + clock(8*time.Hour),
		"RUNCLUB_DEFAULTS_WEEKLY=" + now.Add(72*time.Hour).Format("Mon 15:04")}
}

// startServeOnFakes runs the program on both fakes over dbPath, with quiet defaults.
func startServeOnFakes(t *testing.T, dbPath string, tg *telegramtest.Server, dc *discordtest.Server) *running {
	t.Helper()
	srv := startServe(t, fakesEnv(t, dbPath, tg, dc))
	dc.WaitT(t, "slash commands registered", func() bool { return len(dc.Overwrites()) == 1 })
	return srv
}

// fakesEnv is the environment that runs the program on both fakes over
// dbPath, with quiet defaults.
func fakesEnv(t *testing.T, dbPath string, tg *telegramtest.Server, dc *discordtest.Server) []string {
	t.Helper()
	return append(quietDefaults(),
		"RUNCLUB_DATABASE_DSN="+dbPath, "RUNCLUB_HTTP_ADDR="+freeAddr(t), "RUNCLUB_LOG_LEVEL=warn",
		"RUNCLUB_TELEGRAM_TOKEN="+tg.Token(), "RUNCLUB_TELEGRAM_API_URL="+tg.URL,
		"RUNCLUB_DISCORD_TOKEN="+dc.Token(), "RUNCLUB_DISCORD_API_URL="+dc.APIURL())
}

// textOnly is the console's rendering of a reply without its button rows,
// which the platforms show as buttons rather than text.
func textOnly(out string) string {
	var lines []string
	for _, l := range strings.Split(out, "\n") {
		if !strings.HasPrefix(l, "  ") {
			lines = append(lines, l)
		}
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

// assertNothingStored checks that none of the users on platform became a
// member: a refused command stores nothing, not even its sender.
func assertNothingStored(t *testing.T, dbPath, platform string, users []string) {
	t.Helper()
	db := handlerstest.Open(t, dbPath)
	// Closed on return: the next check opens the file again, and SQLite
	// takes one opener at a time.
	defer db.Close()
	for _, u := range users {
		m, err := db.MemberByIdentity(context.Background(), platform, u)
		if domain.ErrorCode(err) != domain.ENOTFOUND {
			t.Errorf("%s user %s is stored after bad input: %+v %v", platform, u, m, err)
		}
	}
}
