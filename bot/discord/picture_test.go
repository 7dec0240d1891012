package discord

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"sync/atomic"
	"testing"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/bot/discord/discordtest"
	"github.com/runclub/runclub/domain"
)

// testPNG is a real w × h PNG, so that the fake can read its size.
func testPNG(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = uint8(i)
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// lazyPicture is a reply whose picture is drawn when it is sent, counting
// how often.
func lazyPicture(data []byte, drawn *atomic.Int32) bot.Reply {
	return bot.Reply{Text: "Your last 8 weeks: resting HR baseline 50 bpm.", Private: true,
		Buttons: [][]bot.Button{{{Label: "Readiness", Data: "/readiness"}}},
		Image: &bot.File{Name: "runclub-trend-2026-12-02.png", MIME: "image/png", Draw: func(context.Context) ([]byte, error) {
			drawn.Add(1)
			return data, nil
		}}}
}

// checkPicture checks that m carries pic as its one image attachment, with
// the text and the buttons.
func checkPicture(t *testing.T, m discordtest.Message, pic []byte) {
	t.Helper()
	if len(m.Files) != 1 || !bytes.Equal(m.Files[0].Data, pic) || m.Files[0].ContentType != "image/png" || m.Files[0].Width != 1200 {
		t.Fatalf("files = %+v, want the PNG, 1200 px wide", m.Files)
	}
	if m.Content != "Your last 8 weeks: resting HR baseline 50 bpm." {
		t.Errorf("content = %q, want the text beside the picture", m.Content)
	}
	if b := discordtest.Buttons(m.Components); len(b) != 1 || b[0][0].CustomID != "/readiness" {
		t.Errorf("buttons = %+v, want kept", b)
	}
}

func TestPictureIsAnAttachmentOfTheEphemeralReply(t *testing.T) {
	t.Parallel()
	pic := testPNG(t, 1200, 1500)
	tests := []struct {
		name       string
		deferAfter time.Duration
		wantVia    string
	}{
		{name: "answered at once", deferAfter: hour, wantVia: "callback"},
		{name: "deferred, then completed", deferAfter: time.Nanosecond, wantVia: "edit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var drawn atomic.Int32
			release := make(chan struct{})
			h := newRecorder(func(bot.Command) bot.Reply {
				if tt.deferAfter < hour {
					<-release
				}
				return lazyPicture(pic, &drawn)
			})
			hs := start(t, h, func(c *Config) { c.DeferAfter = tt.deferAfter })
			id := hs.fake.Command(testGuild.ID, ann, 0, "trend")
			if tt.deferAfter < hour {
				hs.fake.WaitT(t, "the deferral", func() bool { _, ok := hs.fake.Callback(id); return ok })
				close(release)
			}
			hs.fake.WaitT(t, "the picture", func() bool {
				r := hs.fake.Replies(id)
				return len(r) == 1 && len(r[0].Files) == 1
			})
			r := hs.fake.Replies(id)[0]
			checkPicture(t, r, pic)
			if !r.Ephemeral() || r.Via != tt.wantVia {
				t.Errorf("reply via %s, ephemeral %v; want via %s, ephemeral", r.Via, r.Ephemeral(), tt.wantVia)
			}
			if drawn.Load() != 1 {
				t.Errorf("drawn %d times, want once", drawn.Load())
			}
		})
	}
}

func TestPicturePushIsAnAttachmentOfTheDM(t *testing.T) {
	t.Parallel()
	fake := discordtest.NewT(t, discordtest.Config{})
	a := newSender(t, fake, nil, &bytes.Buffer{})
	pic := testPNG(t, 1200, 900)
	var drawn atomic.Int32
	msg := bot.Message{To: bot.Recipient{Platform: domain.PlatformDiscord, UserID: ann.ID}, Reply: lazyPicture(pic, &drawn)}
	if err := a.Send(context.Background(), msg); err != nil {
		t.Fatal(err)
	}
	msgs := fake.ChannelMessages(fake.DMChannel(ann.ID))
	if len(msgs) != 1 {
		t.Fatalf("DM holds %d messages, want 1", len(msgs))
	}
	checkPicture(t, msgs[0], pic)
	if drawn.Load() != 1 {
		t.Errorf("drawn %d times, want once", drawn.Load())
	}
}
