package main

import (
	"bytes"
	"context"
	"image"
	_ "image/png" // the pictures the bot sends
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/runclub/runclub/bot/discord/discordtest"
	"github.com/runclub/runclub/bot/telegram/telegramtest"
	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/handlers/chart"
	"github.com/runclub/runclub/handlers/handlerstest"
)

// seedWeeks gives the platform's users eight weeks of mornings and runs up to
// today, written straight into the database while the program is stopped.
func seedWeeks(t *testing.T, dbPath, platform string, userIDs ...string) {
	t.Helper()
	ctx := context.Background()
	db := handlerstest.Open(t, dbPath)
	defer db.Close()
	today := domain.DateOf(time.Now().UTC())
	for _, u := range userIDs {
		m, err := db.MemberByIdentity(ctx, platform, u)
		if err != nil {
			t.Fatalf("member %s: %v", u, err)
		}
		for ago := 55; ago >= 0; ago-- {
			c := domain.CheckIn{MemberID: m.ID, Date: today.AddDays(-ago), RHR: domain.Ptr(50 + ago%3), HRV: domain.Ptr(60 + float64(ago%5)), SleepHours: domain.Ptr(7.5)}
			if _, err := db.UpsertCheckIn(ctx, c); err != nil {
				t.Fatal(err)
			}
			r := domain.Run{MemberID: m.ID, Date: today.AddDays(-ago), Metres: 12000, Duration: time.Hour, RPE: 5 + ago%3, Type: "easy"}
			if err := db.CreateRun(ctx, &r); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// restartOnFakes starts the program again on the same fakes and database,
// waiting until it registered its commands anew.
func restartOnFakes(t *testing.T, dbPath string, tg *telegramtest.Server, dc *discordtest.Server) *running {
	t.Helper()
	n := len(dc.Overwrites())
	srv := startServe(t, fakesEnv(t, dbPath, tg, dc))
	dc.WaitT(t, "slash commands registered again", func() bool { return len(dc.Overwrites()) > n })
	return srv
}

// photos are the photos sent to a chat.
func photos(tg *telegramtest.Server, chatID int64) []telegramtest.Sent {
	var out []telegramtest.Sent
	for _, m := range tg.SentTo(chatID) {
		if m.Method == "sendPhoto" {
			out = append(out, m)
		}
	}
	return out
}

// pngSize decodes a sent photo's size.
func pngSize(t *testing.T, data []byte) image.Point {
	t.Helper()
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || format != "png" {
		t.Fatalf("the photo is no PNG: %v (%s)", err, format)
	}
	return image.Pt(cfg.Width, cfg.Height)
}

// gridHeight is the height of a club picture of rows rows.
func gridHeight(t *testing.T, rows, notSharing int) int {
	t.Helper()
	g := chart.Grid{End: domain.DateOf(time.Now().UTC()), NotSharing: notSharing}
	for range rows {
		g.Rows = append(g.Rows, chart.GridRow{Name: "x", Days: make([]domain.Verdict, chart.GridDays)})
	}
	png, err := chart.ClubGrid(g)
	if err != nil {
		t.Fatal(err)
	}
	return pngSize(t, png).Y
}

// TestPicturesThroughTheWholeProgram runs the built program against the
// Telegram and Discord fakes: /trend after eight weeks is a photo (on
// Discord an attachment of the ephemeral answer) at least 1000 px wide
// whose text names the baseline; at the club's weekly slot each member
// gets their weekly summary with its picture and the coach the club picture,
// which has a row for the member who shares and none for the one who does
// not; restarts send none of them twice.
func TestPicturesThroughTheWholeProgram(t *testing.T) {
	tg := telegramtest.New(t)
	guild := discordtest.Guild{ID: "820000000000000001", Name: "Tempo Club"}
	dc := discordtest.NewT(t, discordtest.Config{Guilds: []discordtest.Guild{guild}})
	bea := discordtest.User{ID: "731000000000000001", Name: "bea"}
	dbPath := filepath.Join(t.TempDir(), "runclub.db")
	kim := telegramtest.User{ID: 2001, FirstName: "Kim"}
	ann := telegramtest.User{ID: 2002, FirstName: "Ann"}
	zed := telegramtest.User{ID: 2003, FirstName: "Zed"}
	g := telegramtest.Group{ID: -4200, Title: "Harriers"}
	for _, u := range []telegramtest.User{kim, ann, zed} {
		tg.AddUser(u, true)
	}
	tg.SetMemberStatus(g, kim, "administrator")
	tg.SetMemberStatus(g, ann, "member")
	tg.SetMemberStatus(g, zed, "member")

	srv := startServeOnFakes(t, dbPath, tg, dc)
	tg.AddBot(g, kim)
	for _, step := range []struct {
		u    telegramtest.User
		text string
	}{{ann, "/settings share:on"}, {zed, "/settings share:off"}, {kim, "/start"}} {
		tg.SendPrivate(step.u, step.text)
		tg.WaitSent(t, step.u.ID, 1)
	}
	for _, u := range []telegramtest.User{ann, zed} {
		n := len(tg.SentTo(g.ID))
		tg.SendGroup(g, u, "/join")
		tg.WaitSent(t, g.ID, n+1)
	}
	id := dc.Command(guild.ID, bea, 0, "start")
	dc.WaitT(t, "Bea's /start", func() bool { return len(dc.Replies(id)) > 0 })
	srv.stop(t)
	seedWeeks(t, dbPath, domain.PlatformTelegram, "2002", "2003")
	seedWeeks(t, dbPath, domain.PlatformDiscord, bea.ID)

	srv = restartOnFakes(t, dbPath, tg, dc)
	before := len(tg.SentTo(ann.ID))
	tg.SendPrivate(ann, "/trend")
	tg.WaitUntil(t, "Ann's /trend", func() bool { return len(photos(tg, ann.ID)) == 1 })
	trend := photos(tg, ann.ID)[0]
	if size := pngSize(t, trend.File.Data); size.X < 1000 {
		t.Errorf("/trend picture %v, want at least 1000 px wide", size)
	}
	if !strings.Contains(trend.Text, "against your baseline of 51 bpm") {
		t.Errorf("/trend caption %q does not name the baseline", trend.Text)
	}
	tg.WaitSent(t, ann.ID, before+1)

	// On Discord, in the server: an attachment of the ephemeral answer.
	id = dc.Command(guild.ID, bea, 0, "trend", discordtest.Option{Name: "weeks", Type: 4, Value: 8})
	dc.WaitT(t, "Bea's /trend", func() bool { r := dc.Replies(id); return len(r) > 0 && len(r[0].Files) == 1 })
	answer := dc.Replies(id)[0]
	if size := pngSize(t, answer.Files[0].Data); size.X < 1000 || !answer.Ephemeral() || !strings.Contains(answer.Content, "against your baseline of 51 bpm") {
		t.Errorf("Discord /trend: %v px, ephemeral %v, text %q", size, answer.Ephemeral(), answer.Content)
	}

	// The club's weekly summary falls due two minutes ago; Kim moves it there.
	slot := time.Now().UTC().Add(-2 * time.Minute).Format("Mon 15:04")
	n := len(tg.SentTo(g.ID))
	tg.SendGroup(g, kim, "/coach weekly "+slot+" tz:UTC")
	tg.WaitSent(t, g.ID, n+1)
	srv.stop(t)

	srv = restartOnFakes(t, dbPath, tg, dc) // its first tick catches the slot up
	tg.WaitUntil(t, "the weekly pictures", func() bool {
		return len(photos(tg, kim.ID)) == 1 && len(photos(tg, ann.ID)) == 2 && len(photos(tg, zed.ID)) == 1
	})
	srv.stop(t)
	srv = restartOnFakes(t, dbPath, tg, dc)
	n = len(tg.SentTo(ann.ID))
	tg.SendPrivate(ann, "/help")
	tg.WaitSent(t, ann.ID, n+1) // the restarted program has run its first tick
	srv.stop(t)

	club := photos(tg, kim.ID)
	if len(club) != 1 || len(photos(tg, ann.ID)) != 2 || len(photos(tg, zed.ID)) != 1 || len(tg.Duplicates()) != 0 {
		t.Fatalf("photos: Kim %d, Ann %d, Zed %d, duplicates %d; want 1, 2 (/trend and the week), 1 and none",
			len(club), len(photos(tg, ann.ID)), len(photos(tg, zed.ID)), len(tg.Duplicates()))
	}
	size := pngSize(t, club[0].File.Data)
	if one, two := gridHeight(t, 1, 2), gridHeight(t, 2, 1); size.Y != one || size.Y == two {
		t.Errorf("club picture %v: %d px high, want %d (one row: Ann) and not %d (Zed too)", size, size.Y, one, two)
	}
	if !strings.Contains(club[0].Text, "Harriers") {
		t.Errorf("the club picture's caption %q does not start the summary", club[0].Text)
	}
	var coachSaw strings.Builder
	for _, m := range tg.SentTo(kim.ID) {
		coachSaw.WriteString(m.Text + "\n")
	}
	wantIn := []string{"The picture shows the 1 member who shares", "The 2 members who do not share are not in it."}
	for _, w := range wantIn {
		if !strings.Contains(coachSaw.String(), w) {
			t.Errorf("the coach's summary does not say %q:\n%s", w, coachSaw.String())
		}
	}
	if strings.Contains(coachSaw.String(), "Zed") {
		t.Errorf("the coach's summary names Zed, who does not share:\n%s", coachSaw.String())
	}
	week := photos(tg, ann.ID)[1]
	if !strings.HasPrefix(week.Text, "Your week,") || pngSize(t, week.File.Data).X < 1000 {
		t.Errorf("Ann's weekly photo: caption %q", week.Text)
	}
	for _, g := range tg.SentTo(g.ID) {
		if g.Method == "sendPhoto" {
			t.Errorf("a picture in the group: %q", g.Text)
		}
	}
}
