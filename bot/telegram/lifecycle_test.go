package telegram_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/bot/telegram"
	"github.com/runclub/runclub/bot/telegram/telegramtest"
)

func TestWebhookChecksTheSecret(t *testing.T) {
	srv := telegramtest.New(t)
	var handler atomic.Pointer[http.Handler]
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { (*handler.Load()).ServeHTTP(w, r) }))
	t.Cleanup(hook.Close)
	h := newRecorder(nil)
	hs := newHarness(t, srv, h, func(c *telegram.Config) {
		c.Mode = telegram.ModeWebhook
		c.WebhookURL = hook.URL + "/telegram"
		c.WebhookSecret = "s3cret-Token_1"
	})
	wh := hs.a.WebhookHandler()
	handler.Store(&wh)
	hs.run(t)
	srv.WaitUntil(t, "webhook set", func() bool { u, _ := srv.Webhook(); return u != "" })
	if u, secret := srv.Webhook(); u != hook.URL+"/telegram" || secret != "s3cret-Token_1" {
		t.Fatalf("webhook = %q secret %q", u, secret)
	}

	forged := `{"update_id":99,"message":{"message_id":1,"from":{"id":666,"is_bot":false,"first_name":"Eve"},"chat":{"id":666,"type":"private"},"date":1,"text":"/forget"}}`
	for _, secret := range []string{"", "wrong", "s3cret-Token_"} {
		req, _ := http.NewRequest(http.MethodPost, hook.URL+"/telegram", strings.NewReader(forged))
		if secret != "" {
			req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("secret %q: status %d, want 401", secret, resp.StatusCode)
		}
	}

	// The fake posts the update with the right secret, as Telegram would.
	srv.SendPrivate(ann, "/help")
	if cmd := h.next(t); read(cmd).Name != "help" || cmd.UserID != "1001" {
		t.Errorf("handled %+v, want Ann's /help", cmd)
	}
	srv.WaitSent(t, ann.ID, 1)
	for _, c := range h.all() {
		if c.UserID == "666" {
			t.Errorf("forged update handled: %+v", c)
		}
	}
	srv.WaitUntil(t, "webhook delivery recorded", func() bool { return len(srv.WebhookDeliveries()) > 0 })
	if d := srv.WebhookDeliveries(); len(d) != 1 || d[0].Status != http.StatusOK {
		t.Errorf("deliveries = %+v, want one 200", d)
	}
}

func TestRestartContinuesFromTheNextUpdate(t *testing.T) {
	srv := telegramtest.New(t)
	echo := func(c bot.Command) bot.Reply { return bot.Reply{Text: "got " + c.Text} }
	first := newRecorder(echo)
	hs1 := newHarness(t, srv, first).run(t)
	id1 := srv.SendPrivate(ann, "/checkin rhr:52")
	first.next(t)
	srv.WaitSent(t, ann.ID, 1)
	hs1.stop()
	if got := srv.Confirmed(); got != id1 {
		t.Errorf("confirmed %d after shutdown, want %d", got, id1)
	}

	// Written while the bot was down.
	srv.SendPrivate(ann, "/checkin sleep:7.5")
	srv.SendGroup(club, ben, "/join")

	second := newRecorder(echo)
	newHarness(t, srv, second).run(t)
	got := map[string]bool{}
	for range 2 {
		got[second.next(t).Text] = true
	}
	if !got["/checkin sleep:7.5"] || !got["/join"] {
		t.Errorf("second run handled %v, want the two updates sent while down", got)
	}
	srv.WaitSent(t, club.ID, 1)
	srv.WaitSent(t, ann.ID, 2)
	for _, c := range second.all() {
		if c.Text == "/checkin rhr:52" {
			t.Error("second run handled an update the first had handled")
		}
	}
	if n := len(first.all()); n != 1 {
		t.Errorf("first run handled %d updates, want 1", n)
	}
	if d := srv.Duplicates(); len(d) != 0 {
		t.Errorf("duplicate messages: %+v", d)
	}
}

func TestShutdownHandlesEveryUpdateItFetched(t *testing.T) {
	srv := telegramtest.New(t)
	release := make(chan struct{})
	h := newRecorder(func(c bot.Command) bot.Reply {
		if c.Name == "slow" {
			<-release
		}
		return bot.Reply{Text: "done " + read(c).Name}
	})
	hs := newHarness(t, srv, h).run(t)
	id := srv.SendPrivate(ann, "/slow")
	h.next(t) // in the handler now
	stopped := make(chan struct{})
	go func() { hs.stop(); close(stopped) }()
	close(release)
	<-stopped
	if sent := srv.SentTo(ann.ID); len(sent) != 1 || sent[0].Text != "done slow" {
		t.Errorf("sent %+v, want the reply delivered before Run returned", sent)
	}
	if srv.Confirmed() != id {
		t.Errorf("confirmed %d, want %d", srv.Confirmed(), id)
	}
}

// TestPollingAgainAfterRunReturned polls twice with one adapter, as a
// replica that leads, steps down and leads again: the second run takes up
// from the next update.
func TestPollingAgainAfterRunReturned(t *testing.T) {
	srv := telegramtest.New(t)
	h := newRecorder(nil)
	hs := newHarness(t, srv, h)
	for round := 1; round <= 2; round++ {
		hs.run(t)
		srv.SendPrivate(ann, "/help")
		if cmd := h.next(t); read(cmd).Name != "help" {
			t.Errorf("run %d handled %+v", round, cmd)
		}
		srv.WaitSent(t, ann.ID, round)
		hs.stop()
	}
	if n := len(h.all()); n != 2 {
		t.Errorf("%d commands handled, want 2", n)
	}
}
