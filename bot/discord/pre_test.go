package discord

import (
	"strings"
	"testing"

	"github.com/runclub/runclub/bot"
)

// A table goes in code blocks, each message within Discord's 2,000
// characters, the buttons on the last.
func TestPreformattedTextIsSentInCodeBlocks(t *testing.T) {
	a := &Adapter{}
	table := strings.Repeat("Mon 01 Dec  52   61   7.5 4  3  2  4  7\n", 120)
	msgs := a.render(bot.Reply{Text: "Your days", Pre: table, Buttons: [][]bot.Button{{{Label: "Undo", Data: "/undo 3"}}}}, true)
	if len(msgs) < 3 || msgs[0].content != "Your days" {
		t.Fatalf("%d messages, first %q", len(msgs), msgs[0].content)
	}
	lines := 0
	for i, m := range msgs[1:] {
		if !strings.HasPrefix(m.content, "```\n") || !strings.HasSuffix(m.content, "\n```") || len([]rune(m.content)) > MaxMessageLen {
			t.Errorf("message %d is not one code block within the limit: %d characters", i+1, len([]rune(m.content)))
		}
		lines += strings.Count(m.content, "Mon 01 Dec")
	}
	if lines != 120 {
		t.Errorf("%d table lines sent, want 120", lines)
	}
	if len(msgs[len(msgs)-1].rows) == 0 || len(msgs[1].rows) != 0 {
		t.Error("the buttons belong on the last message")
	}
}
