package render

import (
	"fmt"
	"strings"

	"github.com/runclub/runclub/bot"
)

// noun is the singular or plural of a word for n, without the number.
func noun(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// count is n with the noun in singular or plural: "1 run", "3 runs".
func count(n int, one, many string) string { return fmt.Sprintf("%d %s", n, noun(n, one, many)) }

// capitalise upper-cases the first letter, for a word that starts a sentence.
func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// article is "an" before a vowel sound, else "a".
func article(word string) string {
	if word != "" && strings.IndexByte("aeiou", word[0]) >= 0 {
		return "an"
	}
	return "a"
}

// joinAnd lists words as "a, b and c".
func joinAnd(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// joinOr lists words as "a, b or c".
func joinOr(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// clip keeps echoed input short, so a 5,000-character argument does not
// come back: 24 characters and an ellipsis.
func clip(s string) string { return bot.Clip(s, 25) }

// onOff says a switch.
func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}
