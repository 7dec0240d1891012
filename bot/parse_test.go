package bot_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/runclub/runclub/bot"
)

func TestParseText(t *testing.T) {
	cases := []struct {
		in, name string
		args     map[string]string
		pos      []string
		err      bot.ParseProblem
	}{
		{in: "/checkin rhr:52 sleep=7.5", name: "checkin", args: map[string]string{"rhr": "52", "sleep": "7.5"}},
		{in: "/CheckIn@runclub_bot RHR:52", name: "checkin", args: map[string]string{"rhr": "52"}},
		{in: "/run 10mi 1:22:00 rpe:6", name: "run", args: map[string]string{"rpe": "6"}, pos: []string{"10mi", "1:22:00"}},
		{in: "/settings wake:06:15", name: "settings", args: map[string]string{"wake": "06:15"}},
		{in: "52", pos: []string{"52"}},
		{in: "time:is money", pos: []string{"time:is", "money"}},
		{in: "   ", name: ""},
		{in: "/ checkin", err: bot.ParseNotCommand},
		{in: "/💓", err: bot.ParseNotCommand},
		{in: "/checkin rhr:1 rhr:2", err: bot.ParseTwice},
		{in: "/checkin \x1b[31m", err: bot.ParseControl},
		{in: "/checkin " + strings.Repeat("a", 2000), err: bot.ParseTooLong},
		{in: string([]byte{0xff, 0xfe}), err: bot.ParseBadUTF8},
	}
	for _, c := range cases {
		name, args, pos, err := bot.ParseText(c.in)
		if c.err != "" {
			var pe *bot.ParseError
			if !errors.As(err, &pe) || pe.Problem != c.err {
				t.Errorf("ParseText(%.30q) err = %v, want %q", c.in, err, c.err)
			}
			continue
		}
		if err != nil || name != c.name || len(args) != len(c.args) || strings.Join(pos, "|") != strings.Join(c.pos, "|") {
			t.Errorf("ParseText(%q) = %q %v %v %v", c.in, name, args, pos, err)
			continue
		}
		for k, v := range c.args {
			if args[k] != v {
				t.Errorf("ParseText(%q) arg %s = %q, want %q", c.in, k, args[k], v)
			}
		}
	}
}

// FuzzParseText: any input yields either a parse error that says which
// problem it is, or a lower-case command name of word characters and keys
// likewise.
func FuzzParseText(f *testing.F) {
	for _, s := range []string{"/checkin rhr:52 sleep:7.5", "/run 10mi 82m rpe:6", "52", "/x@y a=b", "/checkin date:tomorrow", "💓", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		name, args, _, err := bot.ParseText(s)
		if err != nil {
			var pe *bot.ParseError
			if !errors.As(err, &pe) || pe.Problem == "" {
				t.Fatalf("ParseText(%q): %v", s, err)
			}
			return
		}
		for _, k := range append([]string{name}, keys(args)...) {
			if k != strings.ToLower(k) || strings.ContainsAny(k, " :=@/") {
				t.Fatalf("bad name or key %q from %q", k, s)
			}
		}
	})
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
