package discord

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzSplitText(f *testing.F) {
	f.Add("short", 2000)
	f.Add(strings.Repeat("word ", 500), 2000)
	f.Add(strings.Repeat("é\n", 1500), 2000)
	f.Add("no spaces at all in this line", 7)
	f.Add("\xff\xfe broken utf8", 3)
	f.Fuzz(func(t *testing.T, s string, n int) {
		if n < 1 || n > 5000 {
			n = 2000
		}
		pieces := splitText(s, n)
		if strings.Join(pieces, "") != s {
			t.Fatalf("pieces do not add up to the text")
		}
		for _, p := range pieces {
			if p == "" {
				t.Fatalf("empty piece")
			}
			if utf8.ValidString(s) && utf8.RuneCountInString(p) > n {
				t.Fatalf("piece of %d characters, limit %d", utf8.RuneCountInString(p), n)
			}
		}
	})
}
