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

// ParseError explains why a line could not be read as a command.
type ParseError struct{ Reason string }

// Error implements error.
func (e *ParseError) Error() string { return e.Reason }

// ParseText splits a typed line into a command name, key:value (or key=value)
// arguments and positional words. Text that does not start with "/" is plain
// text: name is empty and the words are positional. A "@botname" suffix on the
// command is dropped, as Telegram adds it in groups.
func ParseText(text string) (name string, args map[string]string, positional []string, err error) {
	if len(text) > MaxTextLen {
		return "", nil, nil, &ParseError{fmt.Sprintf("That message is too long (%d characters). Commands are short, e.g. /checkin rhr:52 sleep:7.5 (at most %d characters).", utf8.RuneCountInString(text), MaxTextLen)}
	}
	if !utf8.ValidString(text) {
		return "", nil, nil, &ParseError{"That message has characters I cannot read. Please type it again."}
	}
	for _, r := range text {
		if unicode.IsControl(r) && r != '\n' && r != '\t' && r != '\r' {
			return "", nil, nil, &ParseError{"That message has control characters in it. Please type the command again, e.g. /checkin rhr:52."}
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
			return "", nil, nil, &ParseError{fmt.Sprintf("%q is not a command. Commands are a slash and a word, e.g. /checkin or /help.", Clip(fields[0], 31))}
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
			return "", nil, nil, &ParseError{fmt.Sprintf("%s is given twice. Give each argument once.", key)}
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
