package telegram

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// MaxMessageLen is Telegram's limit on a message's text, in UTF-16 code
// units of the text as shown (after HTML entities are read).
const MaxMessageLen = 4096

// MaxCaptionLen is Telegram's limit on a photo's caption, measured as
// MaxMessageLen is.
const MaxCaptionLen = 1024

// cutCaption splits text into a photo's caption, at most MaxCaptionLen and
// cut where splitText would cut, and the rest, sent as messages after it.
func cutCaption(text string) (caption, rest string) {
	cut := prefixFitting(text, MaxCaptionLen)
	if cut == len(text) {
		return text, ""
	}
	pieces := splitText(text, MaxCaptionLen)
	if len(pieces) == 0 {
		return "", ""
	}
	// The pieces are substrings of text in order; the first ends where the
	// rest begins, after the separator splitText dropped.
	caption = pieces[0]
	end := strings.Index(text, caption) + len(caption)
	return caption, strings.TrimLeft(text[end:], " \n")
}

// utf16Len is how Telegram measures text.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// prefixFitting returns the byte length of the longest prefix of s that
// fits in max UTF-16 units, cut on a rune boundary.
func prefixFitting(s string, max int) int {
	n := 0
	for i, r := range s {
		n += utf16.RuneLen(r)
		if n > max {
			return i
		}
	}
	return len(s)
}

// splitText cuts s into messages of at most max units, preferring line
// breaks, then spaces, and only then the middle of a word. The separator a
// cut falls on is dropped; nothing else is lost. Blank pieces are skipped
// because Telegram refuses empty messages.
func splitText(s string, max int) []string {
	var parts []string
	add := func(p string) {
		if strings.TrimSpace(p) != "" {
			parts = append(parts, p)
		}
	}
	for {
		// prefixFitting reads at most max units, so splitting stays linear.
		cut := prefixFitting(s, max)
		if cut == len(s) {
			break
		}
		at, sep := strings.LastIndexByte(s[:cut+1], '\n'), 1
		if at <= 0 {
			at = strings.LastIndexByte(s[:cut+1], ' ')
		}
		if at <= 0 {
			at, sep = cut, 0
			if at == 0 { // a single rune wider than max cannot happen for max >= 2
				_, w := utf8.DecodeRuneInString(s)
				at = w
			}
		}
		add(s[:at])
		s = s[at+sep:]
	}
	add(s)
	return parts
}
