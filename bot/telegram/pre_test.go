package telegram

import (
	"strings"
	"testing"

	"github.com/runclub/runclub/bot"
)

// A table goes in <pre>, escaped, after the text; a long one is cut at its
// lines, each piece a <pre> of its own, and the buttons go under the last.
func TestPreformattedTextIsSentInPre(t *testing.T) {
	a := &Adapter{}
	table := "day  a<b\n" + strings.Repeat("Mon 01 Dec  52   61   7.5 4  3  2  4  7\n", 150)
	ps := a.parts(bot.Reply{Text: "Your days", Pre: table, Buttons: [][]bot.Button{{{Label: "Undo", Data: "/undo 3"}}}})
	if len(ps) < 3 || ps[0].html != "Your days" {
		t.Fatalf("parts = %d, first %q", len(ps), ps[0].html)
	}
	for i, p := range ps[1:] {
		if !strings.HasPrefix(p.html, "<pre>") || !strings.HasSuffix(p.html, "</pre>") {
			t.Errorf("piece %d is not one <pre>: %.40q…", i+1, p.html)
		}
		if strings.Contains(p.html, "\n</pre>") && strings.Count(p.html, "Mon 01 Dec") == 0 {
			t.Errorf("piece %d is empty", i+1)
		}
	}
	if !strings.Contains(ps[1].html, "a&lt;b") {
		t.Errorf("table text not escaped: %.40q", ps[1].html)
	}
	if ps[len(ps)-1].keyboard == nil || ps[1].keyboard != nil {
		t.Error("the buttons belong under the last piece")
	}
}
