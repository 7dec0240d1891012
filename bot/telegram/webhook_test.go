package telegram_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/bot/telegram"
	"github.com/runclub/runclub/bot/telegram/telegramtest"
	"github.com/runclub/runclub/domain"
)

// TestAnUpdatePostedToTwoReplicasTakesEffectOnce posts every update to two
// adapters over the same handlers and database at once, as Telegram does
// when it retries an update another replica is still working on: each
// command is stored once and answered once, and both posts get 200 (the
// second after the first's commit, with nothing to do). The second adapter
// never runs Run, as a replica that does not lead.
func TestAnUpdatePostedToTwoReplicasTakesEffectOnce(t *testing.T) {
	var hooks [2]*httptest.Server
	srv := telegramtest.New(t, telegramtest.WithWebhookTargets(func(int64, string) []string {
		return []string{hooks[0].URL + "/telegram", hooks[1].URL + "/telegram"}
	}))
	svc, db := realService(t)
	var hs [2]*harness
	for i := range hs {
		hs[i] = newHarness(t, srv, newRecorder(func(c bot.Command) bot.Reply { return svc.Handle(context.Background(), c) }), func(c *telegram.Config) {
			c.Mode = telegram.ModeWebhook
			c.WebhookURL = "http://127.0.0.1/telegram"
			c.WebhookSecret = "s3cret"
		})
		hooks[i] = httptest.NewServer(hs[i].a.WebhookHandler())
		t.Cleanup(hooks[i].Close)
	}
	hs[0].run(t)
	srv.WaitUntil(t, "webhook set", func() bool { u, _ := srv.Webhook(); return u != "" })

	texts := []string{"/start", "/run 10km 50m rpe:5", "/checkin rhr:52"}
	var last int64
	for _, text := range texts {
		last = srv.SendPrivate(ann, text)
	}
	srv.WaitUntil(t, "every update posted to both replicas and answered", func() bool {
		n := 0
		for _, d := range srv.WebhookDeliveries() {
			if d.UpdateID == last {
				n++
			}
		}
		return n == 2
	})
	for _, d := range srv.WebhookDeliveries() {
		if d.Status != http.StatusOK {
			t.Errorf("update %d posted to %s: status %d %s, want 200", d.UpdateID, d.URL, d.Status, d.Err)
		}
	}
	sent := srv.SentTo(ann.ID)
	if len(sent) != len(texts) {
		for _, m := range sent {
			t.Logf("sent: %.60q", m.Text)
		}
		t.Fatalf("%d replies to %d commands, want one each", len(sent), len(texts))
	}
	for i, want := range []string{"runclub", "Logged run 1", "resting HR 52"} {
		if !strings.Contains(sent[i].Text, want) {
			t.Errorf("reply %d = %.80q, want it to say %q", i, sent[i].Text, want)
		}
	}
	m, err := db.MemberByIdentity(context.Background(), domain.PlatformTelegram, "1001")
	if err != nil {
		t.Fatal(err)
	}
	runs, _ := db.Runs(context.Background(), m.ID, domain.Date{Year: 2000, Month: 1, Day: 1}, domain.Date{Year: 2100, Month: 1, Day: 1})
	if len(runs) != 1 {
		t.Errorf("%d runs stored, want 1", len(runs))
	}
}

// TestTheWebhookAnswersOnceTheUpdateIsHandled holds the handler: the POST
// gets no answer until the update was handled and its reply sent, so that
// Telegram posts an update again, to another replica, if the one that took
// it dies first.
func TestTheWebhookAnswersOnceTheUpdateIsHandled(t *testing.T) {
	srv := telegramtest.New(t)
	srv.AddUser(ann, true)
	hold := make(chan struct{})
	h := newRecorder(func(bot.Command) bot.Reply { <-hold; return bot.Reply{Text: "done"} })
	hs := newHarness(t, srv, h, func(c *telegram.Config) {
		c.Mode = telegram.ModeWebhook
		c.WebhookURL = "http://127.0.0.1/telegram"
		c.WebhookSecret = "s3cret"
	})
	hook := httptest.NewServer(hs.a.WebhookHandler())
	t.Cleanup(hook.Close)
	update := `{"update_id":7,"message":{"message_id":1,"from":{"id":1001,"is_bot":false,"first_name":"Ann"},"chat":{"id":1001,"type":"private"},"date":1,"text":"/help"}}`
	answered := make(chan int, 1)
	go func() {
		req, _ := http.NewRequest(http.MethodPost, hook.URL, strings.NewReader(update))
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", "s3cret")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			answered <- 0
			return
		}
		resp.Body.Close()
		answered <- resp.StatusCode
	}()
	h.next(t) // the handler has the update and is held
	select {
	case code := <-answered:
		t.Fatalf("the webhook answered %d while the update was still being handled", code)
	default:
	}
	close(hold)
	if code := <-answered; code != http.StatusOK {
		t.Fatalf("the webhook answered %d, want 200", code)
	}
	if sent := srv.SentTo(ann.ID); len(sent) != 1 || sent[0].Text != "done" {
		t.Errorf("sent %+v before answering, want the reply", sent)
	}
}
