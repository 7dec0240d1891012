package bot

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxTextLen is the longest message the bot reads; longer ones are refused
// before any parsing.
const MaxTextLen = 1000

// ParseProblem says why a line could not be read as a command.
type ParseProblem string

// The ways a line fails to be a command.
const (
	ParseTooLong    = ParseProblem("too-long")
	ParseBadUTF8    = ParseProblem("bad-utf8")
	ParseControl    = ParseProblem("control")
	ParseNotCommand = ParseProblem("not-command")
	ParseTwice      = ParseProblem("twice")
)

// ParseError explains why a line could not be read as a command; the
// handlers word it for the member.
type ParseError struct {
	Problem ParseProblem
	// Length is the line's length in characters (ParseTooLong); Token is
	// the word that is not a command (ParseNotCommand) or the key given
	// twice (ParseTwice), as typed.
	Length int
	Token  string
}

// Error implements error, for logs.
func (e *ParseError) Error() string {
	return fmt.Sprintf("parse: %s (%d characters, %.40q)", e.Problem, e.Length, e.Token)
}

// ParseText splits a typed line into a command name, key:value (or key=value)
// arguments and positional words. Text that does not start with "/" is plain
// text: name is empty and the words are positional. A "@botname" suffix on the
// command is dropped, as Telegram adds it in groups.
func ParseText(text string) (name string, args map[string]string, positional []string, err error) {
	if len(text) > MaxTextLen {
		return "", nil, nil, &ParseError{Problem: ParseTooLong, Length: utf8.RuneCountInString(text)}
	}
	if !utf8.ValidString(text) {
		return "", nil, nil, &ParseError{Problem: ParseBadUTF8}
	}
	for _, r := range text {
		if unicode.IsControl(r) && r != '\n' && r != '\t' && r != '\r' {
			return "", nil, nil, &ParseError{Problem: ParseControl}
		}
	}
	fields := strings.Fields(text)
	if len(fields) == 0 {
		return "", nil, nil, nil
	}
	if strings.HasPrefix(fields[0], "/") {
		name = strings.ToLower(strings.TrimPrefix(fields[0], "/"))
		if at := strings.IndexByte(name, '@'); at >= 0 {
			name = name[:at]
		}
		if name == "" || !isWord(name) {
			return "", nil, nil, &ParseError{Problem: ParseNotCommand, Token: fields[0]}
		}
		fields = fields[1:]
	}
	args = map[string]string{}
	for _, f := range fields {
		i := strings.IndexAny(f, ":=")
		if name == "" || i <= 0 || !isWord(f[:i]) || looksLikeClock(f) {
			positional = append(positional, f)
			continue
		}
		key := strings.ToLower(f[:i])
		if _, dup := args[key]; dup {
			return "", nil, nil, &ParseError{Problem: ParseTwice, Token: key}
		}
		args[key] = f[i+1:]
	}
	return name, args, positional, nil
}

// looksLikeClock keeps a bare "1:22:00" or "06:30" positional.
func looksLikeClock(s string) bool {
	return s != "" && s[0] >= '0' && s[0] <= '9'
}

func isWord(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_') {
			return false
		}
	}
	return s != ""
}

// Parsed is a command as read: its name, its key:value arguments (keys in
// lower case) and its other words, in order.
type Parsed struct {
	Name  string
	Args  map[string]string
	Words []string
}

// Parse reads cmd: the name and options a platform sent already structured,
// or else its Text. The handlers' router is its one caller in the program.
func Parse(cmd Command) (Parsed, error) {
	if cmd.Name != "" {
		p := Parsed{Name: strings.ToLower(cmd.Name), Args: make(map[string]string, len(cmd.Options))}
		for k, v := range cmd.Options {
			p.Args[strings.ToLower(k)] = v
		}
		return p, nil
	}
	name, args, words, err := ParseText(cmd.Text)
	if err != nil {
		return Parsed{}, err
	}
	return Parsed{Name: name, Args: args, Words: words}, nil
}
