package console

import (
	"context"
	"io"
	"strings"
	"sync"
	"testing"

	"github.com/runclub/runclub/bot"
)

// row builds buttons whose data is "/x " and the label.
func row(labels ...string) []bot.Button {
	var out []bot.Button
	for _, l := range labels {
		out = append(out, bot.Button{Label: l, Data: "/x " + l})
	}
	return out
}

func TestChoicesAreShortNumberedLines(t *testing.T) {
	tests := []struct {
		name string
		rows [][]bot.Button
		want string
	}{
		{"sleep: the numbers 6 to 9 stay with their hours", [][]bot.Button{row("6 h", "7 h", "7.5 h", "8 h", "9 h"), row("Skip", "Stop")},
			"  1) 6 h  2) 7 h  3) 7.5 h  4) 8 h  5) 9 h\n  10) Skip  11) Stop\n"},
		{"a 1-10 scale reads as itself", [][]bot.Button{row("1", "2", "3", "4", "5"), row("6", "7", "8", "9", "10"), row("Skip", "Stop")},
			"  1) 1  2) 2  3) 3  4) 4  5) 5\n  6) 6  7) 7  8) 8  9) 9  10) 10\n  11) Skip  12) Stop\n"},
		{"resting HR values are far from the choice numbers", [][]bot.Button{row("48", "49", "50"), row("Check in")},
			"  1) 48  2) 49  3) 50\n  4) Check in\n"},
		{"no buttons, nothing", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := renderChoices(numberChoices(tt.rows)); got != tt.want {
				t.Errorf("got\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

func TestTypingANumberOrALabelPressesTheButton(t *testing.T) {
	sleep := numberChoices([][]bot.Button{row("6 h", "7 h", "7.5 h", "8 h", "9 h"), row("Skip", "Stop")})
	rhr := numberChoices([][]bot.Button{row("48", "49", "50"), row("Skip")})
	tests := []struct {
		line    string
		choices [][]choice
		want    string
	}{
		{"3", sleep, "/x 7.5 h"},     // by number
		{"6", sleep, "/x 6 h"},       // 6 hours, not the sixth choice
		{"7.5 h", sleep, "/x 7.5 h"}, // by label
		{"7.5h", sleep, "/x 7.5 h"},
		{"10", sleep, "/x Skip"},
		{"skip", sleep, "/x Skip"},
		{"6.5", sleep, "6.5"}, // no such button: the text goes as typed
		{"12", sleep, "12"},
		{"2", rhr, "/x 49"},
		{"52", rhr, "52"},         // a resting HR not offered is typed
		{"/help", sleep, "/help"}, // a command is never a choice
		{"3", nil, "3"},
	}
	for _, tt := range tests {
		if got := pick(tt.line, tt.choices); got != tt.want {
			t.Errorf("pick(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}

// record answers every command with a fixed reply and records the text.
type record struct {
	got   []string
	reply bot.Reply
}

func (r *record) Handle(_ context.Context, cmd bot.Command) bot.Reply {
	r.got = append(r.got, cmd.Text)
	return r.reply
}

func TestAChoiceTypedAfterARepliesButtonsSendsItsData(t *testing.T) {
	h := &record{reply: bot.Reply{Text: "How many hours?", Buttons: [][]bot.Button{
		{{Label: "7.5 h", Data: "/checkin sleep:7.5 date:2026-12-02"}, {Label: "8 h", Data: "/checkin sleep:8 date:2026-12-02"}}}}}
	var out strings.Builder
	a := New(strings.NewReader("/checkin\n2\n"), &out, h, nil)
	if err := a.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(h.got) != 2 || h.got[1] != "/checkin sleep:8 date:2026-12-02" {
		t.Errorf("handled %q, want the second line to press 8 h", h.got)
	}
	if !strings.Contains(out.String(), "  1) 7.5 h  2) 8 h\n") {
		t.Errorf("output %q lacks the numbered choices", out.String())
	}
}

// In a terminal the line editor reads the keys: arrows move the cursor and
// recall history, and none of their escape sequences reaches the handler.
func TestTerminalEditsLinesAndRecallsHistory(t *testing.T) {
	pr, pw := io.Pipe()
	h := &record{reply: bot.Reply{Text: "ok"}}
	var out strings.Builder
	a := New(pr, &syncWriter{w: &out}, h, nil)
	a.Terminal, a.tty, a.Prompt = true, true, "> "
	done := make(chan error)
	go func() { done <- a.Run(context.Background()) }()
	left, up := "\x1b[D", "\x1b[A"
	// "/hlp" and "/chckin" mended with Left and the missing "e"; then Up twice.
	keys := "/hlp" + left + left + "e" + "\r" + "/chckin" + left + left + left + left + "e" + "\r" + up + up + "\r"
	if _, err := io.WriteString(pw, keys); err != nil {
		t.Fatal(err)
	}
	pw.Close()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	want := []string{"/help", "/checkin", "/help"}
	if strings.Join(h.got, "|") != strings.Join(want, "|") {
		t.Errorf("handled %q, want %q", h.got, want)
	}
	for _, got := range h.got {
		if strings.ContainsAny(got, "\x1b\r") {
			t.Errorf("%q reached the handler with control characters", got)
		}
	}
}

// syncWriter lets the editor's goroutines and the test share a builder.
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}
