package telegram_test

import (
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/runclub/runclub/bot/telegram"
	"github.com/runclub/runclub/bot/telegram/telegramtest"
	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/handlers"
	"github.com/runclub/runclub/handlers/handlerstest"
	"github.com/runclub/runclub/storage"
)

// liveBot is the real handlers on a real SQLite file behind an adapter on
// the fake; stop ends Run and closes the database, as a shutdown would.
type liveBot struct {
	db   storage.Stores
	stop func()
}

func startLiveBot(t *testing.T, srv *telegramtest.Server, path string, now func() time.Time) *liveBot {
	t.Helper()
	db := handlerstest.Open(t, path)
	st := db.Stores
	svc := handlers.New(db.Repos(), handlers.Defaults{TZ: "UTC"}, now, nil)
	a, err := telegram.New(telegram.Config{Token: srv.Token(), APIURL: srv.URL, GlobalPerSecond: 1e6, ChatPerSecond: 1e6, GroupPerMinute: 1e8},
		svc, svc, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	lb := &liveBot{db: st}
	stopped := false
	lb.stop = func() {
		if stopped {
			return
		}
		stopped = true
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
		db.Close()
	}
	t.Cleanup(lb.stop)
	return lb
}

// expect waits for the n-th message (from 1) to the chat and checks it says
// every one of want.
func expect(t *testing.T, srv *telegramtest.Server, chatID int64, n int, want ...string) telegramtest.Sent {
	t.Helper()
	m := srv.WaitSent(t, chatID, n)[n-1]
	for _, w := range want {
		if !strings.Contains(m.Text, w) {
			t.Fatalf("message %d = %q, want it to say %q", n, m.Text, w)
		}
	}
	return m
}

// button finds the callback data of the button labelled label.
func button(t *testing.T, m telegramtest.Sent, label string) string {
	t.Helper()
	if m.Keyboard != nil {
		for _, row := range m.Keyboard.InlineKeyboard {
			for _, b := range row {
				if b.Text == label {
					return b.CallbackData
				}
			}
		}
	}
	t.Fatalf("no %q button under %q", label, m.Text)
	return ""
}

func TestGuidedCheckInThroughButtonsSurvivesARestart(t *testing.T) {
	srv := telegramtest.New(t)
	path := filepath.Join(t.TempDir(), "runclub.db")
	now := func() time.Time { return time.Date(2026, 11, 20, 6, 40, 0, 0, time.UTC) }

	first := startLiveBot(t, srv, path, now)
	srv.SendPrivate(ann, "/checkin")
	expect(t, srv, ann.ID, 1, "resting heart rate")
	srv.SendPrivate(ann, "52") // a bare number is the answer
	hrvQ := expect(t, srv, ann.ID, 2, "HRV")
	srv.Press(ann, hrvQ, button(t, hrvQ, "Skip"))
	sleepQ := expect(t, srv, ann.ID, 3, "hours did you sleep")
	srv.Press(ann, sleepQ, button(t, sleepQ, "7.5 h"))
	qualityQ := expect(t, srv, ann.ID, 4, "How well did you sleep")
	srv.Press(ann, qualityQ, button(t, qualityQ, "4"))
	tiredQ := expect(t, srv, ann.ID, 5, "How tired")
	srv.WaitUntil(t, "used keyboards removed", func() bool { return len(srv.Edits()) == 3 })
	first.stop()

	second := startLiveBot(t, srv, path, now)
	srv.Press(ann, tiredQ, button(t, tiredQ, "4"))
	soreQ := expect(t, srv, ann.ID, 6, "fatigue 4/10", "How sore")
	srv.Press(ann, soreQ, button(t, soreQ, "Skip"))
	stressQ := expect(t, srv, ann.ID, 7, "How stressed")
	srv.Press(ann, stressQ, button(t, stressQ, "3"))
	moodQ := expect(t, srv, ann.ID, 8, "mood")
	srv.Press(ann, moodQ, button(t, moodQ, "7"))
	expect(t, srv, ann.ID, 9, "Check-in done", "resting HR 52", "sleep 7.5 h", "sleep quality 4/5", "fatigue 4/10", "stress 3/10", "mood 7/10")

	m, err := second.db.Members.MemberByIdentity(context.Background(), domain.PlatformTelegram, "1001")
	if err != nil {
		t.Fatal(err)
	}
	day := domain.DateOf(now())
	c, err := second.db.CheckIns.CheckIns(context.Background(), m.ID, day, day)
	if err != nil || len(c) != 1 || *c[0].RHR != 52 || *c[0].SleepHours != 7.5 || *c[0].Fatigue != 4 || c[0].Soreness != nil ||
		*c[0].SleepQuality != 4 || *c[0].Stress != 3 || *c[0].Mood != 7 || c[0].HRV != nil {
		t.Fatalf("stored %+v (%v)", c, err)
	}
	if d := srv.Duplicates(); len(d) != 0 {
		t.Errorf("sent twice: %+v", d)
	}
	if n := len(srv.SentTo(ann.ID)); n != 9 {
		t.Errorf("Ann got %d messages, want 9", n)
	}
}
