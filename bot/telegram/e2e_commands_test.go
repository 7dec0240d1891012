package telegram_test

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/bot/telegram"
	"github.com/runclub/runclub/bot/telegram/telegramtest"
	"github.com/runclub/runclub/handlers"
	"github.com/runclub/runclub/handlers/handlerstest"
)

// realService is the real handlers on a fresh SQLite file, at a fixed time.
func realService(t *testing.T) (*handlers.Service, *handlerstest.DB) {
	t.Helper()
	return handlerstest.New(t, func() time.Time { return time.Date(2026, 11, 20, 7, 0, 0, 0, time.UTC) })
}

// tap passes commands to the real handlers and hands each reply to the test,
// so it knows how many messages to wait for.
type tap struct {
	h  bot.Handler
	ch chan bot.Reply
}

func (t *tap) Handle(ctx context.Context, cmd bot.Command) bot.Reply {
	r := t.h.Handle(ctx, cmd)
	t.ch <- r
	return r
}

func messagesFor(r bot.Reply) int {
	n := 0
	if r.Text != "" || len(r.Buttons) > 0 {
		n++
	}
	if r.Image != nil {
		n++
	}
	if r.Document != nil {
		n++
	}
	return n
}

func TestEveryCommandThroughTelegramWithTheRealHandlers(t *testing.T) {
	srv := telegramtest.New(t)
	srv.SetMemberStatus(club, coach, "creator")
	svc, _ := realService(t)
	tp := &tap{h: svc, ch: make(chan bot.Reply, 10)}
	a, err := telegram.New(telegram.Config{Token: srv.Token(), APIURL: srv.URL, GlobalPerSecond: 1e6, ChatPerSecond: 1e6, GroupPerMinute: 1e8, Commands: svc.Commands()},
		tp, svc, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })

	steps := []struct {
		from  telegramtest.User
		group bool
		text  string
		want  string // in the reply the member sees
	}{
		{ann, false, "/start", ""},
		{ann, false, "/help", "/checkin"},
		{ann, false, "/settings tz:Europe/London units:km weight:64kg", ""},
		{ann, false, "/checkin rhr:52 sleep:7.5 fatigue:3 soreness:2", ""},
		{ann, false, "/run 16km 82m rpe:6 type:easy", ""},
		{ann, false, "/readiness", ""},
		{ann, false, "/fuel minutes:90 intensity:moderate", ""},
		{ann, false, "/week", ""},
		{ann, false, "/export", ""},
		{ann, false, "/checkin rhr:500", "25"},
		{ann, true, "/join@runclub_test_bot", ""},
		{coach, true, "/join", ""},
		{ann, true, "/readiness", ""},
		{coach, true, "/summary", ""},
		{coach, true, "/coach add @ann_runs", ""},
		{ann, false, "/forget", ""},
	}
	srv.AddUser(coach, true)
	total := 0
	for _, st := range steps {
		chat := st.from.ID
		if st.group {
			chat = club.ID
		}
		beforeChat, beforeDM := len(srv.SentTo(chat)), len(srv.SentTo(st.from.ID))
		if st.group {
			srv.SendGroup(club, st.from, st.text)
		} else {
			srv.SendPrivate(st.from, st.text)
		}
		var r bot.Reply
		select {
		case r = <-tp.ch:
		case <-time.After(telegramtest.WaitTimeout):
			t.Fatalf("%s: handler not called", st.text)
		}
		if strings.Contains(strings.ToLower(r.Text), "went wrong") || r.IsZero() {
			t.Errorf("%s: reply %q", st.text, r.Text)
			continue
		}
		if st.group && st.text == "/readiness" && !r.Private {
			t.Errorf("/readiness in a group is not private: %q", r.Text)
		}
		total += messagesFor(r)
		var seen telegramtest.Sent
		switch {
		case st.group && r.Private:
			seen = srv.WaitSent(t, st.from.ID, beforeDM+messagesFor(r))[beforeDM]
			pointer := srv.WaitSent(t, club.ID, beforeChat+1)[beforeChat]
			total++
			if strings.Contains(pointer.Text, r.Text) {
				t.Errorf("%s: private reply posted in the group", st.text)
			}
		default:
			seen = srv.WaitSent(t, chat, beforeChat+messagesFor(r))[beforeChat]
		}
		if !strings.Contains(seen.Text, st.want) {
			t.Errorf("%s: member saw %q, want it to say %q", st.text, seen.Text, st.want)
		}
		if st.text == "/export" {
			sent := srv.SentTo(ann.ID)
			doc := sent[len(sent)-1]
			if doc.Method != "sendDocument" || doc.File == nil || doc.File.Name != "runclub-export.csv" || !strings.Contains(string(doc.File.Data), "52") {
				t.Errorf("/export sent %+v, want the CSV with the check-in", doc)
			}
		}
	}
	// Each step was waited for in turn, so any message sent twice or sent
	// unasked would show up here.
	if n := len(srv.Sent()); n != total {
		t.Errorf("%d messages sent, want %d", n, total)
	}
}
