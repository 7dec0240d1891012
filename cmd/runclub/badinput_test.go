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
	{"/fuel 0 weight:70kg", "Minutes 0 is out of range"},
	{"/dance", "I don't know /dance"},
	{"/💓", "is not a command"},
	{"/checkin \x1b[31m", "control characters"},
	{"/run " + strings.Repeat("x", 1200), "too long"},
	{"/help dance", "There is no /dance"},
	{"/summary", "group chat"},
	{"/run 10km 45:30", "45:30 would be 45 h 30 min, longer than a run can be (at most 24 hours); for 45 minutes 30 seconds write 45m30s"},
	{"/run 100km 4m", "works out to 0:02 min/km, faster than the world record (2:30 min/km"},
	{"/run 10km 1h 22x", "I don't understand \"22x\""},
	{"/run 10km 82m ok:maybe", "Confirmation must be 1"},
	{"/checkin rhr:- sleep:lots", "Sleep (hours) must be a number from 0 to 16"},
	{"/history 61", "I have no data about you"},
	{"/undo", "I have no data about you"},
	{"/run delete 3", "I have no data about you"},
}

// memberMistakes are mistakes of a member who sent /start: refused with
// words that say what was wrong, and nothing stored but the member.
var memberMistakes = []struct{ text, want string }{
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
}

// TestMembersMistakesGetTheSameWordsOnEveryPlatform is the table above for
// members: each platform's member sends /start, then the mistake, and the
// answers must be the same, say what was wrong, and store no check-in and
// no run.
func TestMembersMistakesGetTheSameWordsOnEveryPlatform(t *testing.T) {
	console := make([]string, len(memberMistakes))
	for i, in := range memberMistakes {
		env := []string{"RUNCLUB_DATABASE_DSN=" + filepath.Join(t.TempDir(), "runclub.db"), "RUNCLUB_LOG_LEVEL=error", quietZone()}
		var welcome, out strings.Builder
		run(context.Background(), []string{"console"}, env, strings.NewReader("/start\n"), &welcome, testWriter{t})
		dbPath := filepath.Join(t.TempDir(), "runclub.db")
		env[0] = "RUNCLUB_DATABASE_DSN=" + dbPath
		if code := run(context.Background(), []string{"console"}, env, strings.NewReader("/start\n"+in.text+"\n"), &out, testWriter{t}); code != 0 {
			t.Fatalf("console exited %d", code)
		}
		console[i] = textOnly(strings.TrimPrefix(out.String(), welcome.String()))
		assertNoRecords(t, dbPath, "console", "local")
	}
	dbPath, tg, dc, srv := startPlatforms(t)
	var tgUsers, dcUsers []string
	for i, in := range memberMistakes {
		tu := telegramtest.User{ID: int64(6000 + i), FirstName: "Runner"}
		du := discordtest.User{ID: fmt.Sprintf("7500000000000%05d", i), Name: "runner"}
		tgUsers, dcUsers = append(tgUsers, strconv.FormatInt(tu.ID, 10)), append(dcUsers, du.ID)
		tg.SendPrivate(tu, "/start")
		tg.WaitSent(t, tu.ID, 1)
		tg.SendPrivate(tu, in.text)
		telegram := strings.TrimSpace(tg.WaitSent(t, tu.ID, 2)[1].Text)
		channel := dc.DirectMessage(du, "/start")
		dc.WaitT(t, "the DM answered", func() bool { return len(dc.ChannelMessages(channel)) > 0 })
		dc.DirectMessage(du, in.text)
		dc.WaitT(t, "the DM answered", func() bool { return len(dc.ChannelMessages(channel)) > 1 })
		discord := strings.TrimSpace(dc.ChannelMessages(channel)[1].Content)
		sameEverywhere(t, in.text, in.want, console[i], telegram, discord)
	}
	srv.stop(t)
	for i := range memberMistakes {
		assertNoRecords(t, dbPath, "telegram", tgUsers[i])
		assertNoRecords(t, dbPath, "discord", dcUsers[i])
	}
}

// startPlatforms serves the whole program against both platform fakes,
// over a fresh database.
func startPlatforms(t *testing.T) (string, *telegramtest.Server, *discordtest.Server, *running) {
	t.Helper()
	dbPath := filepath.Join(t.TempDir(), "runclub.db")
	tg := telegramtest.New(t)
	dc := discordtest.NewT(t, discordtest.Config{})
	srv := startServe(t, []string{
		"RUNCLUB_DATABASE_DSN=" + dbPath, "RUNCLUB_HTTP_ADDR=" + freeAddr(t), "RUNCLUB_LOG_LEVEL=warn",
		"RUNCLUB_TELEGRAM_TOKEN=" + tg.Token(), "RUNCLUB_TELEGRAM_API_URL=" + tg.URL,
		"RUNCLUB_DISCORD_TOKEN=" + dc.Token(), "RUNCLUB_DISCORD_API_URL=" + dc.APIURL(), quietZone(),
	})
	dc.WaitT(t, "slash commands registered", func() bool { return len(dc.Overwrites()) == 1 })
	return dbPath, tg, dc, srv
}

// sameEverywhere checks that the three platforms answered text in the same
// words, and that the words say want.
func sameEverywhere(t *testing.T, text, want, console, telegram, discord string) {
	t.Helper()
	if telegram != console || discord != console {
		t.Errorf("%.40q answered differently:\nconsole:  %q\ntelegram: %q\ndiscord:  %q", text, console, telegram, discord)
	}
	if !strings.Contains(console, want) {
		t.Errorf("%.40q: answer %q does not say %q", text, console, want)
	}
}

// quietZone sets the new members' default time zone to one where it is
// now between 03:00 and 04:00, when no morning prompt or wind-down is due,
// so that no push lands among the answers compared.
func quietZone() string {
	offset := (3 - time.Now().UTC().Hour() + 36) % 24 // hours east of UTC, 0..23
	if offset > 12 {
		offset -= 24
	}
	// Etc/GMT+N is N hours west of UTC: the sign is the other way round.
	return fmt.Sprintf("RUNCLUB_DEFAULTS_TIMEZONE=Etc/GMT%+d", -offset)
}

// assertNoRecords checks that the member behind user has no check-in and
// no run: a refused command stores nothing.
func assertNoRecords(t *testing.T, dbPath, platform, user string) {
	t.Helper()
	db := handlerstest.Open(t, dbPath)
	ctx := context.Background()
	m, err := db.MemberByIdentity(ctx, platform, user)
	if err != nil {
		t.Fatalf("%s user %s: %v", platform, user, err)
	}
	from, to := domain.Date{Year: 2000, Month: 1, Day: 1}, domain.Date{Year: 2100, Month: 1, Day: 1}
	cs, err1 := db.CheckIns(ctx, m.ID, from, to)
	rs, err2 := db.Runs(ctx, m.ID, from, to)
	if len(cs) != 0 || len(rs) != 0 || err1 != nil || err2 != nil {
		t.Errorf("%s user %s has %d check-ins and %d runs after bad input (%v, %v)", platform, user, len(cs), len(rs), err1, err2)
	}
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
		var out strings.Builder
		env := []string{"RUNCLUB_DATABASE_DSN=" + dbPath, "RUNCLUB_LOG_LEVEL=error", quietZone()}
		if code := run(context.Background(), []string{"console"}, env, strings.NewReader(in.text+"\n"), &out, testWriter{t}); code != 0 {
			t.Fatalf("console exited %d", code)
		}
		console[i] = textOnly(out.String())
		if in.want != "" {
			assertNothingStored(t, dbPath, "console", []string{"local"})
		}
	}
	dbPath, tg, dc, srv := startPlatforms(t)
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

		sameEverywhere(t, in.text, in.want, console[i], telegram, discord)
	}
	srv.stop(t)
	// /checkin registers its sender and opens the guided check-in; that is
	// the one input above that is not a mistake.
	assertNothingStored(t, dbPath, "telegram", tgUsers[:11])
	assertNothingStored(t, dbPath, "telegram", tgUsers[12:])
	assertNothingStored(t, dbPath, "discord", dcUsers[:11])
	assertNothingStored(t, dbPath, "discord", dcUsers[12:])
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
	for _, u := range users {
		m, err := db.MemberByIdentity(context.Background(), platform, u)
		if domain.ErrorCode(err) != domain.ENOTFOUND {
			t.Errorf("%s user %s is stored after bad input: %+v %v", platform, u, m, err)
		}
	}
}
