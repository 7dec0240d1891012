package bot

import "unicode/utf8"

// Clip shortens s to at most n runes, ending with "…" when it cut, so that
// an echo of what a member typed, or a label, fits where it goes.
func Clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	if n <= 1 {
		return "…"
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
