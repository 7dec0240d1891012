package telegram_test

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"unicode/utf16"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/bot/telegram"
	"github.com/runclub/runclub/bot/telegram/telegramtest"
)

// longText is n lines of words, longer than a caption.
func longText(lines int) string {
	var b strings.Builder
	for i := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString("Line ")
		b.WriteString(strings.Repeat("x", i%7))
		b.WriteString(" of the summary: resting HR 52 against your baseline of 50 bpm.")
	}
	return b.String()
}

func units(s string) int { return len(utf16.Encode([]rune(s))) }

func TestPhotoPushCarriesTheTextAsCaptionAndTheRestAfter(t *testing.T) {
	buttons := [][]bot.Button{{{Label: "Readiness", Data: "/readiness"}}}
	tests := []struct {
		name string
		text string
		// wantMessages is how many text messages follow the photo.
		wantMessages int
	}{
		{name: "short text is the whole caption", text: "Your last 8 weeks. Baseline 50 bpm.", wantMessages: 0},
		{name: "text just at the caption limit", text: strings.Repeat("a", telegram.MaxCaptionLen), wantMessages: 0},
		{name: "long text: caption, then one message", text: longText(30), wantMessages: 1},
		{name: "very long text: caption, then messages of at most 4096", text: longText(160), wantMessages: 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := telegramtest.New(t)
			srv.AddUser(ann, true)
			hs := newHarness(t, srv, newRecorder(nil))
			png := testPNG(t, 1200, 900)
			var drawn atomic.Int32
			err := hs.a.Send(context.Background(), bot.Message{To: bot.Recipient{UserID: "1001"}, Reply: bot.Reply{
				Text: tt.text, Buttons: buttons, Private: true,
				Image: &bot.File{Name: "runclub-week-2026-11-29.png", MIME: "image/png", Draw: func(context.Context) ([]byte, error) {
					drawn.Add(1)
					return png, nil
				}},
			}})
			if err != nil {
				t.Fatal(err)
			}
			sent := srv.SentTo(ann.ID)
			if len(sent) != 1+tt.wantMessages {
				t.Fatalf("sent %d messages, want the photo and %d more", len(sent), tt.wantMessages)
			}
			photo := sent[0]
			if photo.Method != "sendPhoto" || photo.File == nil || string(photo.File.Data) != string(png) || photo.File.Width != 1200 {
				t.Fatalf("first message is %s with %+v, want the drawn PNG as a photo", photo.Method, photo.File)
			}
			if drawn.Load() != 1 {
				t.Errorf("the picture was drawn %d times, want once", drawn.Load())
			}
			var got []string
			for i, m := range sent {
				limit := telegram.MaxMessageLen
				if i == 0 {
					limit = telegram.MaxCaptionLen
				} else if m.Method != "sendMessage" {
					t.Errorf("message %d is %s, want text", i, m.Method)
				}
				if units(m.Text) > limit {
					t.Errorf("message %d has %d units, over %d", i, units(m.Text), limit)
				}
				got = append(got, m.Text)
			}
			if strings.Join(got, "\n") != tt.text {
				t.Error("the caption and the messages after it joined at line breaks are not the text")
			}
			last := sent[len(sent)-1]
			if b := last.Buttons(); len(b) != 1 || b[0][0] != "/readiness" {
				t.Errorf("buttons on the last message = %v, want kept", b)
			}
			for _, m := range sent[:len(sent)-1] {
				if m.Keyboard != nil {
					t.Errorf("buttons on message %d as well", m.MessageID)
				}
			}
		})
	}
}

func TestPictureThatCannotBeDrawnLeavesTheText(t *testing.T) {
	tests := []struct {
		name string
		draw func(context.Context) ([]byte, error)
	}{
		{name: "nothing to draw", draw: func(context.Context) ([]byte, error) { return nil, nil }},
		{name: "drawing failed", draw: func(context.Context) ([]byte, error) { return nil, errors.New("no canvas") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := telegramtest.New(t)
			srv.AddUser(ann, true)
			hs := newHarness(t, srv, newRecorder(nil))
			err := hs.a.Send(context.Background(), bot.Message{To: bot.Recipient{UserID: "1001"}, Reply: bot.Reply{
				Text: "Your week: 3 check-ins.", Private: true, Image: &bot.File{Name: "w.png", MIME: "image/png", Draw: tt.draw}}})
			if err != nil {
				t.Fatal(err)
			}
			sent := srv.SentTo(ann.ID)
			if len(sent) != 1 || sent[0].Method != "sendMessage" || sent[0].Text != "Your week: 3 check-ins." {
				t.Fatalf("sent %+v, want the text alone", sent)
			}
		})
	}
}

func TestPictureReplyToAGroupCommandGoesPrivatelyAsAPhoto(t *testing.T) {
	srv := telegramtest.New(t)
	srv.AddUser(ann, true)
	srv.SetMemberStatus(club, ann, "member")
	png := testPNG(t, 1200, 1500)
	h := newRecorder(func(bot.Command) bot.Reply {
		return bot.Reply{Text: "Your last 8 weeks: resting HR baseline 50 bpm.", Private: true,
			Image: &bot.File{Name: "runclub-trend-2026-12-02.png", MIME: "image/png", Draw: func(context.Context) ([]byte, error) { return png, nil }}}
	})
	newHarness(t, srv, h).run(t)
	srv.SendGroup(club, ann, "/trend")
	group := srv.WaitSent(t, club.ID, 1)
	dm := srv.SentTo(ann.ID)
	if len(dm) != 1 || dm[0].Method != "sendPhoto" || string(dm[0].File.Data) != string(png) || !strings.Contains(dm[0].Text, "baseline 50 bpm") {
		t.Fatalf("private chat got %+v, want the photo with its caption", dm)
	}
	if len(group) != 1 || group[0].Method != "sendMessage" || strings.Contains(group[0].Text, "bpm") {
		t.Errorf("group got %+v, want only the pointer", group)
	}
}
