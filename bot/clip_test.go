package bot_test

import (
	"testing"
	"unicode/utf8"

	"github.com/runclub/runclub/bot"
)

func TestClipKeepsShortTextAndCutsLongTextToN(t *testing.T) {
	for _, c := range []struct {
		in   string
		n    int
		want string
	}{
		{"rhr", 5, "rhr"},
		{"abcde", 5, "abcde"},
		{"abcdef", 5, "abcd…"},
		{"💓💓💓💓💓💓", 3, "💓💓…"},
		{"abc", 1, "…"},
	} {
		if got := bot.Clip(c.in, c.n); got != c.want || utf8.RuneCountInString(got) > c.n {
			t.Errorf("Clip(%q, %d) = %q, want %q", c.in, c.n, got, c.want)
		}
	}
}
