package telegram_test

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/bot/telegram"
	"github.com/runclub/runclub/bot/telegram/telegramtest"
)

func push(userID int64, text string) bot.Message {
	return bot.Message{To: bot.Recipient{Platform: "telegram", UserID: strconv.FormatInt(userID, 10)}, Reply: bot.Reply{Text: text}}
}

func TestPrivateReplyToAGroupCommandGoesToTheMember(t *testing.T) {
	tests := []struct {
		name      string
		started   bool
		groupNote string
		wantGroup string
		wantDM    bool
	}{
		{name: "default pointer", started: true, wantGroup: "Ann, I've sent you the details in a private chat.", wantDM: true},
		{name: "handler's pointer", started: true, groupNote: "Ann checked in <3", wantGroup: "Ann checked in <3", wantDM: true},
		{name: "deep link when the member never opened a private chat", started: false, wantGroup: "https://t.me/runclub_test_bot?start=hi"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := telegramtest.New(t)
			srv.AddUser(ann, tt.started)
			h := newRecorder(func(bot.Command) bot.Reply {
				return bot.Reply{Text: "Your readiness: rest. RHR +9 over baseline.", Private: true, GroupNote: tt.groupNote}
			})
			hs := newHarness(t, srv, h).run(t)
			srv.SendGroup(club, ann, "/readiness")
			group := srv.WaitSent(t, club.ID, 1)
			if !strings.Contains(group[0].Text, tt.wantGroup) {
				t.Errorf("group sees %q, want %q", group[0].Text, tt.wantGroup)
			}
			if strings.Contains(group[0].Text, "RHR") {
				t.Errorf("health data posted in the group: %q", group[0].Text)
			}
			dm := srv.SentTo(ann.ID)
			if tt.wantDM && (len(dm) != 1 || !strings.Contains(dm[0].Text, "RHR +9")) {
				t.Errorf("private chat got %+v, want the reply", dm)
			}
			if !tt.wantDM {
				if len(dm) != 0 {
					t.Errorf("private chat got %d messages, want none", len(dm))
				}
				if u, _ := hs.ev.snapshot(); !slices.Equal(u, []string{"telegram:1001"}) {
					t.Errorf("unreachable = %v, want the member", u)
				}
			}
		})
	}
}

func TestTooManyRequestsWaitsRetryAfterAndSendsOnce(t *testing.T) {
	srv := telegramtest.New(t)
	srv.AddUser(ann, true)
	hs := newHarness(t, srv, newRecorder(nil))
	srv.Fail(telegramtest.Fault{Method: "sendMessage", Code: 429, RetryAfter: 7})
	srv.Fail(telegramtest.Fault{Method: "sendMessage", Code: 429, RetryAfter: 2})

	if err := hs.a.Send(context.Background(), push(ann.ID, "Good morning! RHR?")); err != nil {
		t.Fatalf("Send: %v", err)
	}
	if got := hs.w.atLeast(time.Second); !slices.Equal(got, []time.Duration{7 * time.Second, 2 * time.Second}) {
		t.Errorf("waited %v, want retry_after 7s then 2s", got)
	}
	if n := len(srv.Calls("sendMessage")); n != 3 {
		t.Errorf("sendMessage calls = %d, want 3 (two 429s, one success)", n)
	}
	if sent := srv.SentTo(ann.ID); len(sent) != 1 || sent[0].Text != "Good morning! RHR?" {
		t.Errorf("sent %+v, want the message exactly once", sent)
	}
}

func TestServerErrorsAndTimeoutsAreRetriedWithBackoff(t *testing.T) {
	never := make(chan struct{})
	tests := []struct {
		name      string
		faults    []telegramtest.Fault
		wantWaits []time.Duration
		wantErr   error
		wantSent  int
	}{
		{name: "500 twice", faults: []telegramtest.Fault{{Method: "sendMessage", Code: 500, Times: 2}},
			wantWaits: []time.Duration{time.Second, 2 * time.Second}, wantSent: 1},
		{name: "502 then timeout", faults: []telegramtest.Fault{{Method: "sendMessage", Code: 502}, {Method: "sendMessage", Hold: never}},
			wantWaits: []time.Duration{time.Second, 2 * time.Second}, wantSent: 1},
		{name: "gives up after MaxRetries", faults: []telegramtest.Fault{{Method: "sendMessage", Code: 500, Times: 10}},
			wantWaits: []time.Duration{time.Second, 2 * time.Second, 4 * time.Second}, wantErr: telegram.ErrGaveUp},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := telegramtest.New(t)
			srv.AddUser(ann, true)
			hs := newHarness(t, srv, newRecorder(nil), func(c *telegram.Config) {
				c.MaxRetries = 3
				c.RequestTimeout = 200 * time.Millisecond // the held request is given up on
			})
			for _, f := range tt.faults {
				srv.Fail(f)
			}
			err := hs.a.Send(context.Background(), push(ann.ID, "Wind down: bed in 60 minutes."))
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Send = %v, want %v", err, tt.wantErr)
			}
			if got := hs.w.atLeast(time.Second); !slices.Equal(got, tt.wantWaits) {
				t.Errorf("backoffs = %v, want %v", got, tt.wantWaits)
			}
			if n := len(srv.SentTo(ann.ID)); n != tt.wantSent {
				t.Errorf("sent %d times, want %d", n, tt.wantSent)
			}
		})
	}
}

func TestBlockedBotMarksMemberUnreachable(t *testing.T) {
	srv := telegramtest.New(t)
	srv.AddUser(ann, true)
	srv.BlockBot(ann.ID)
	hs := newHarness(t, srv, newRecorder(nil))
	err := hs.a.Send(context.Background(), push(ann.ID, "Good morning!"))
	if !errors.Is(err, telegram.ErrUnreachable) {
		t.Fatalf("Send = %v, want ErrUnreachable", err)
	}
	if !strings.Contains(err.Error(), "blocked") {
		t.Errorf("error %q does not say what Telegram answered", err)
	}
	if u, _ := hs.ev.snapshot(); !slices.Equal(u, []string{"telegram:1001"}) {
		t.Errorf("unreachable = %v", u)
	}
	if n := len(srv.Calls("sendMessage")); n != 1 {
		t.Errorf("sendMessage calls = %d, want 1: a 403 is not retried", n)
	}
}

func TestMigratedGroupIsFollowed(t *testing.T) {
	const newID = -1001234567890
	t.Run("400 with migrate_to_chat_id", func(t *testing.T) {
		srv := telegramtest.New(t)
		srv.MigrateGroup(club, newID)
		hs := newHarness(t, srv, newRecorder(nil)) // not running: the service update is not read
		to := bot.Message{To: bot.Recipient{ChatID: "-4001"}, Reply: bot.Reply{Text: "Weekly summary is ready."}}
		for i := 0; i < 2; i++ {
			if err := hs.a.Send(context.Background(), to); err != nil {
				t.Fatalf("Send %d: %v", i, err)
			}
		}
		if n := len(srv.SentTo(newID)); n != 2 {
			t.Errorf("supergroup got %d messages, want 2", n)
		}
		if n := len(srv.Calls("sendMessage")); n != 3 {
			t.Errorf("sendMessage calls = %d, want 3: the new id is remembered", n)
		}
		if _, m := hs.ev.snapshot(); !slices.Equal(m, [][2]string{{"-4001", "-1001234567890"}}) {
			t.Errorf("migrations = %v, want one report", m)
		}
	})
	t.Run("service message", func(t *testing.T) {
		srv := telegramtest.New(t)
		hs := newHarness(t, srv, newRecorder(nil)).run(t)
		srv.MigrateGroup(club, newID)
		srv.WaitUntil(t, "both service messages read", func() bool { return srv.Pending() == 0 })
		hs.stop()
		if _, m := hs.ev.snapshot(); !slices.Equal(m, [][2]string{{"-4001", "-1001234567890"}}) {
			t.Errorf("migrations = %v, want one report", m)
		}
		if err := hs.a.Send(context.Background(), bot.Message{To: bot.Recipient{ChatID: "-4001"}, Reply: bot.Reply{Text: "hi"}}); err != nil {
			t.Fatal(err)
		}
		if n := len(srv.Calls("sendMessage")); n != 1 {
			t.Errorf("sendMessage calls = %d, want 1 straight to the supergroup", n)
		}
	})
}

func TestLongTextIsSplitAt4096OnLineBoundaries(t *testing.T) {
	srv := telegramtest.New(t)
	srv.AddUser(ann, true)
	hs := newHarness(t, srv, newRecorder(nil))
	var lines []string
	for i := 0; len(strings.Join(lines, "\n")) < 10000; i++ {
		lines = append(lines, "2026-03-"+strconv.Itoa(i%28+10)+" 16.1km 82m rpe:6 easy & <steady> ✓")
	}
	text := strings.Join(lines, "\n")
	if err := hs.a.Send(context.Background(), push(ann.ID, text)); err != nil {
		t.Fatal(err)
	}
	sent := srv.SentTo(ann.ID)
	if len(sent) != 3 {
		t.Fatalf("sent %d messages, want 3", len(sent))
	}
	var got []string
	for _, m := range sent {
		if n := len([]rune(m.Text)); n > 4096 {
			t.Errorf("message of %d characters", n)
		}
		got = append(got, m.Text)
	}
	if strings.Join(got, "\n") != text {
		t.Error("the parts joined at line breaks are not the original text")
	}
}

func TestSendDeliversFilesAndRefusesPrivateDataInGroups(t *testing.T) {
	srv := telegramtest.New(t)
	srv.AddUser(ann, true)
	srv.SetMemberStatus(club, ann, "member")
	hs := newHarness(t, srv, newRecorder(nil))
	csv := []byte("date,rhr,sleep\n2026-03-01,52,7.5\n")
	png := testPNG(t, 40, 30)
	err := hs.a.Send(context.Background(), bot.Message{To: bot.Recipient{UserID: "1001"}, Reply: bot.Reply{
		Text: "Your data", Image: &bot.File{Name: "week.png", MIME: "image/png", Data: png},
		Document: &bot.File{Name: "runclub-export.csv", MIME: "text/csv", Data: csv},
		Buttons:  [][]bot.Button{{{Label: "Again", Data: "/export"}}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	sent := srv.SentTo(ann.ID)
	if len(sent) != 2 || sent[0].Method != "sendPhoto" || sent[1].Method != "sendDocument" {
		t.Fatalf("sent %+v, want the photo with its caption, then the document", sent)
	}
	if f := sent[1].File; f == nil || f.Name != "runclub-export.csv" || string(f.Data) != string(csv) {
		t.Errorf("document = %+v", f)
	}
	if f := sent[0].File; f == nil || string(f.Data) != string(png) || f.Width != 40 || f.Height != 30 || sent[0].Text != "Your data" {
		t.Errorf("photo = %+v, caption %q", f, sent[0].Text)
	}
	if b := sent[0].Buttons(); len(b) != 1 || b[0][0] != "/export" {
		t.Errorf("buttons on the photo's caption = %v", b)
	}

	err = hs.a.Send(context.Background(), bot.Message{To: bot.Recipient{ChatID: "-4001"}, Reply: bot.Reply{Text: "RHR 61", Private: true}})
	if err == nil || len(srv.SentTo(club.ID)) != 0 {
		t.Errorf("private push to a group: err %v, sent %d; want refused", err, len(srv.SentTo(club.ID)))
	}
	for _, to := range []bot.Recipient{{}, {UserID: "-5"}, {UserID: "ann"}, {Platform: "discord", UserID: "1001"}} {
		if err := hs.a.Send(context.Background(), bot.Message{To: to, Reply: bot.Reply{Text: "x"}}); err == nil {
			t.Errorf("Send to %+v succeeded, want an error", to)
		}
	}
}

func TestSlowChatDoesNotHoldUpOthers(t *testing.T) {
	srv := telegramtest.New(t)
	srv.AddUser(ann, true)
	srv.AddUser(ben, true)
	hs := newHarness(t, srv, newRecorder(nil))
	release := make(chan struct{})
	srv.Fail(telegramtest.Fault{Method: "sendMessage", ChatID: ann.ID, Hold: release})

	annDone := make(chan error, 1)
	go func() { annDone <- hs.a.Send(context.Background(), push(ann.ID, "for Ann")) }()
	srv.WaitUntil(t, "Ann's message in flight", func() bool { return srv.Stats().Requests >= 2 }) // getMe + held send
	if err := hs.a.Send(context.Background(), push(ben.ID, "for Ben")); err != nil {
		t.Fatalf("Ben's send: %v", err)
	}
	select {
	case err := <-annDone:
		t.Fatalf("Ann's send finished (%v) while Telegram still held it", err)
	default:
	}
	close(release)
	if err := <-annDone; err != nil {
		t.Fatalf("Ann's send: %v", err)
	}
	if a, b := srv.SentTo(ann.ID), srv.SentTo(ben.ID); len(a) != 1 || len(b) != 1 || b[0].Seq > a[0].Seq {
		t.Errorf("Ann %+v Ben %+v, want Ben's delivered first and each once", a, b)
	}
}
