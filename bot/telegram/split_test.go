package telegram

import (
	"strings"
	"testing"
)

func TestSplitTextPrefersLinesThenWords(t *testing.T) {
	tests := []struct {
		name string
		in   string
		max  int
		want []string
	}{
		{"fits", "one line", 20, []string{"one line"}},
		{"empty", "", 20, nil},
		{"blank", " \n ", 20, nil},
		{"at a line break", "aaaa\nbbbb\ncccc", 10, []string{"aaaa\nbbbb", "cccc"}},
		{"at a space when a line is too long", "aaaa bbbb cccc", 10, []string{"aaaa bbbb", "cccc"}},
		{"inside a word when nothing else fits", "abcdefghijkl", 5, []string{"abcde", "fghij", "kl"}},
		{"exactly at the limit", "abcde\nfgh", 5, []string{"abcde", "fgh"}},
		{"counts UTF-16 units", "😀😀😀", 4, []string{"😀😀", "😀"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := splitText(tt.in, tt.max)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
				t.Errorf("splitText(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
			}
		})
	}
}

// FuzzSplitText checks that every part fits, none is blank, and only the
// separators cut on are lost.
func FuzzSplitText(f *testing.F) {
	f.Add("aaaa\nbbbb cccc", 5)
	f.Add("😀😀😀 é\n\n\nx", 3)
	f.Add(strings.Repeat("word ", 1000), 4096)
	f.Add(strings.Repeat("ab", 50000), 2) // once quadratic
	f.Fuzz(func(t *testing.T, s string, max int) {
		if max < 2 || max > 5000 || !utf8Valid(s) {
			return
		}
		parts := splitText(s, max)
		var all strings.Builder
		for _, p := range parts {
			if utf16Len(p) > max {
				t.Fatalf("part of %d units > %d", utf16Len(p), max)
			}
			if strings.TrimSpace(p) == "" {
				t.Fatal("blank part")
			}
			all.WriteString(p)
		}
		squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
		if squash(all.String()) != squash(s) {
			t.Fatalf("content changed: %q → %q", s, parts)
		}
	})
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }

// FuzzCutCaption checks that a photo's caption fits Telegram's limit, and
// that the caption and the rest after it hold the whole text.
func FuzzCutCaption(f *testing.F) {
	f.Add("Your last 8 weeks.")
	f.Add(strings.Repeat("word ", 300))
	f.Add(strings.Repeat("😀", 600) + "\nend")
	f.Add(strings.Repeat("x", 2000))
	f.Add("\n\n  \n" + strings.Repeat("line\n", 400))
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8Valid(s) {
			return
		}
		caption, rest := cutCaption(s)
		if utf16Len(caption) > MaxCaptionLen {
			t.Fatalf("caption of %d units > %d", utf16Len(caption), MaxCaptionLen)
		}
		squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
		if squash(caption+rest) != squash(s) {
			t.Fatalf("text changed: %q → %q + %q", s, caption, rest)
		}
	})
}
