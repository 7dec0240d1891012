package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/runclub/runclub/bot/discord/discordtest"
	"github.com/runclub/runclub/bot/telegram/telegramtest"
)

// running is one start of the whole program in serve mode.
type running struct {
	cancel context.CancelFunc
	done   chan int
}

func startServe(t *testing.T, env []string) *running {
	t.Helper()
	return startServeLogging(t, env, testWriter{t})
}

// startServeLogging is startServe with the program's logs going to stderr.
func startServeLogging(t *testing.T, env []string, stderr io.Writer) *running {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{cancel: cancel, done: make(chan int, 1)}
	go func() {
		r.done <- run(ctx, []string{"serve"}, env, strings.NewReader(""), io.Discard, stderr)
	}()
	return r
}

// stop shuts the program down as SIGTERM would and waits until it has.
func (r *running) stop(t *testing.T) {
	t.Helper()
	r.cancel()
	if code := <-r.done; code != 0 {
		t.Fatalf("runclub exited %d", code)
	}
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// morningZone finds a zone where it is now between 07:00 and 10:59, so a wake
// time ten minutes ago makes a morning prompt due and still useful.
func morningZone(t *testing.T) (string, string) {
	t.Helper()
	for _, z := range []string{"Pacific/Pago_Pago", "Pacific/Honolulu", "America/Anchorage", "America/Los_Angeles", "America/Denver",
		"America/Chicago", "America/New_York", "America/Halifax", "America/Sao_Paulo", "Atlantic/South_Georgia", "Atlantic/Azores",
		"UTC", "Europe/Paris", "Europe/Athens", "Europe/Moscow", "Asia/Dubai", "Asia/Karachi", "Asia/Dhaka", "Asia/Bangkok",
		"Asia/Shanghai", "Asia/Tokyo", "Australia/Brisbane", "Pacific/Noumea", "Pacific/Auckland", "Pacific/Tongatapu", "Pacific/Kiritimati"} {
		loc, err := time.LoadLocation(z)
		if err != nil {
			t.Fatal(err)
		}
		now := time.Now().In(loc)
		if now.Hour() >= 7 && now.Hour() <= 10 {
			return z, now.Add(-10 * time.Minute).Format("15:04")
		}
	}
	t.Fatal("no zone has a morning now")
	return "", ""
}

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// TestServeOnBothPlatformsPromptsOnceAcrossRestarts starts the real program
// against fake Telegram and Discord servers: members use it on both, a
// member whose wake time has just passed gets exactly one morning prompt
// across two restarts, and /healthz answers.
func TestServeOnBothPlatformsPromptsOnceAcrossRestarts(t *testing.T) {
	tg := telegramtest.New(t)
	guild := discordtest.Guild{ID: "810000000000000001", Name: "Tempo Club"}
	dc := discordtest.NewT(t, discordtest.Config{Guilds: []discordtest.Guild{guild}})
	addr := freeAddr(t)
	env := []string{
		"RUNCLUB_DATABASE_DSN=" + filepath.Join(t.TempDir(), "runclub.db"),
		"RUNCLUB_TELEGRAM_TOKEN=" + tg.Token(), "RUNCLUB_TELEGRAM_API_URL=" + tg.URL,
		"RUNCLUB_DISCORD_TOKEN=" + dc.Token(), "RUNCLUB_DISCORD_API_URL=" + dc.APIURL(), "RUNCLUB_DISCORD_GUILD_ID=" + guild.ID,
		"RUNCLUB_HTTP_ADDR=" + addr, "RUNCLUB_LOG_LEVEL=warn",
	}
	ann := telegramtest.User{ID: 1001, FirstName: "Ann"}
	zone, wake := morningZone(t)

	first := startServe(t, env)
	tg.SendPrivate(ann, "/start")
	tg.WaitSent(t, ann.ID, 1)
	tg.SendPrivate(ann, fmt.Sprintf("/settings tz:%s wake:%s", zone, wake))
	if m := tg.WaitSent(t, ann.ID, 2)[1]; !strings.Contains(m.Text, "Saved") {
		t.Fatalf("settings reply = %q", m.Text)
	}
	bea := discordtest.User{ID: "730000000000000001", Name: "bea"}
	dc.WaitT(t, "slash commands registered", func() bool { return len(dc.Overwrites()) == 1 })
	id := dc.Command("", bea, 0, "checkin", discordtest.Option{Name: "rhr", Type: 4, Value: 52})
	dc.WaitT(t, "check-in answered", func() bool { return len(dc.Replies(id)) > 0 })
	if got := dc.Replies(id)[0].Content; !strings.Contains(got, "resting HR 52") {
		t.Errorf("discord check-in reply = %q", got)
	}
	resp, err := http.Get("http://" + addr + "/healthz")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("healthz: %v %v", resp, err)
	}
	resp.Body.Close()
	first.stop(t)

	// Restart: the morning prompt missed while down goes out (if the first
	// run's minute tick did not already send it).
	second := startServe(t, env)
	prompt := tg.WaitSent(t, ann.ID, 3)[2]
	if !strings.Contains(prompt.Text, "Good morning") {
		t.Errorf("third message is not the morning prompt: %q", prompt.Text)
	}
	second.stop(t)

	third := startServe(t, env)
	tg.SendPrivate(ann, "49") // a bare number after the prompt is this morning's RHR
	if m := tg.WaitSent(t, ann.ID, 4)[3]; !strings.Contains(m.Text, "resting HR 49") && !strings.Contains(m.Text, "HRV") {
		t.Errorf("reply to the bare number = %q", m.Text)
	}
	tg.SendPrivate(ann, "/help")
	tg.WaitSent(t, ann.ID, 5)
	third.stop(t) // waits for the scheduler's catch-up tick to finish

	var prompts int
	for _, m := range tg.SentTo(ann.ID) {
		if strings.Contains(m.Text, "Good morning") {
			prompts++
		}
	}
	if prompts != 1 || len(tg.Duplicates()) != 0 {
		t.Errorf("morning prompts = %d, duplicates %d; want exactly one prompt", prompts, len(tg.Duplicates()))
	}
}
