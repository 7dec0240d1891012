package console_test

import (
	"context"
	"io"
	"strings"
	"testing"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/bot/console"
)

// echo answers every command with its name and records what it got.
type echo struct{ got []bot.Command }

func (e *echo) Handle(ctx context.Context, cmd bot.Command) bot.Reply {
	e.got = append(e.got, cmd)
	if cmd.Text == "quiet" {
		return bot.Reply{}
	}
	return bot.Reply{Text: "got " + cmd.Text, Buttons: [][]bot.Button{{{Label: "Skip", Data: "skip"}, {Label: "4", Data: "/checkin fatigue:4"}}}}
}

func TestConsoleAnswersEachLineInOrderFromAPipe(t *testing.T) {
	h := &echo{}
	var out strings.Builder
	a := console.New(strings.NewReader("/checkin rhr:52\r\n\n  \nquiet\n/export"), &out, h, nil)
	if err := a.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(h.got) != 3 {
		t.Fatalf("handled %d lines, want 3 (blank lines skipped, last line without newline read)", len(h.got))
	}
	c := h.got[0]
	if c.Platform != "console" || c.UserID != console.UserID || !c.Private || c.Text != "/checkin rhr:52" {
		t.Errorf("command = %+v", c)
	}
	want := "got /checkin rhr:52\n  1) Skip  2) 4\ngot /export\n  1) Skip  2) 4\n"
	if out.String() != want {
		t.Errorf("output:\n%q\nwant\n%q", out.String(), want)
	}
}

func TestConsoleStopsWhenContextEnds(t *testing.T) {
	pr, pw := io.Pipe()
	defer pw.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	a := console.New(pr, io.Discard, &echo{}, nil)
	go func() { done <- a.Run(ctx) }()
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

func TestRenderShowsTextAttachments(t *testing.T) {
	got := console.Render(bot.Reply{Text: "Here", Document: &bot.File{Name: "x.csv", MIME: "text/csv", Data: []byte("a,b\n1,2")}})
	want := "Here\n--- x.csv (7 bytes) ---\na,b\n1,2\n--- end of x.csv ---\n"
	if got != want {
		t.Errorf("got %q want %q", got, want)
	}
}

func TestSendPrintsPushes(t *testing.T) {
	var out strings.Builder
	a := console.New(strings.NewReader(""), &out, &echo{}, nil)
	if err := a.Send(context.Background(), bot.Message{Reply: bot.Reply{Text: "Good morning"}}); err != nil {
		t.Fatal(err)
	}
	if out.String() != "\n[runclub] Good morning\n" {
		t.Errorf("got %q", out.String())
	}
}

// speakers answers "/as NAME" by making the console speak as NAME.
type speakers struct{ got []bot.Command }

func (s *speakers) Handle(ctx context.Context, cmd bot.Command) bot.Reply {
	s.got = append(s.got, cmd)
	if name, ok := strings.CutPrefix(cmd.Text, "/as "); ok {
		return bot.Reply{Text: "now " + name, Speaker: &bot.Speaker{UserID: strings.ToLower(name), UserName: name}}
	}
	return bot.Reply{Text: cmd.UserName + " said " + cmd.Text}
}

func TestAReplyCanSwitchTheSpeakerAndPushesWaitForTheirAccount(t *testing.T) {
	h := &speakers{}
	var out strings.Builder
	a := console.New(strings.NewReader("hello\n/as Sam\nhi\n"), &out, h, nil)
	a.UserName, a.Account = "Jo", "jo"
	ctx := context.Background()
	// A push to Sam while Jo speaks waits; one to Jo prints.
	a.Send(ctx, bot.Message{To: bot.Recipient{Platform: "console", UserID: "sam"}, Reply: bot.Reply{Text: "Good morning, Sam!"}})
	a.Send(ctx, bot.Message{To: bot.Recipient{Platform: "console", UserID: "jo"}, Reply: bot.Reply{Text: "Alert for Jo"}})
	if out.String() != "\n[runclub] Alert for Jo\n" {
		t.Fatalf("before /as: %q", out.String())
	}
	out.Reset()
	if err := a.Run(ctx); err != nil {
		t.Fatal(err)
	}
	want := "Jo said hello\nnow Sam\n\n[runclub] Good morning, Sam!\nSam said hi\n"
	if out.String() != want {
		t.Errorf("output:\n%q\nwant\n%q", out.String(), want)
	}
	if h.got[0].UserID != "jo" || h.got[2].UserID != "sam" {
		t.Errorf("speakers %q then %q", h.got[0].UserID, h.got[2].UserID)
	}
}
