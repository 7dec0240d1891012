// Package console is the terminal adapter: it reads lines from stdin as one
// local member and prints the replies, so runclub can be tried on a laptop
// with no tokens, interactively or from a pipe. In a terminal it edits lines
// and keeps their history (github.com/chzyer/readline); from a pipe it reads
// plain lines. Buttons show as numbered choices the member answers by
// typing the number. It may import bot and domain only, of the project.
package console

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

// UserID is the console member's user id; the console has exactly one member.
const UserID = "local"

// Adapter reads commands from In and writes replies and pushes to Out.
type Adapter struct {
	in      io.Reader
	out     io.Writer
	handler bot.Handler
	log     *slog.Logger
	// Prompt is printed before each line is read; empty from a pipe.
	Prompt string
	// UserName is the console member's display name.
	UserName string
	// Now is the clock stamped on commands.
	Now func() time.Time
	// Terminal turns on line editing and history: set it when In is a
	// terminal.
	Terminal bool

	mu sync.Mutex // Out is shared by replies and scheduled pushes
	// choices are the buttons of the last message, by the numbers shown.
	choices [][]choice
	// tty, in tests, runs the line editor over in and out as over a
	// terminal, without switching a real one to raw mode.
	tty bool
}

var _ bot.Sender = (*Adapter)(nil)

// New returns a console adapter.
func New(in io.Reader, out io.Writer, h bot.Handler, log *slog.Logger) *Adapter {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Adapter{in: in, out: out, handler: h, log: log, UserName: "you", Now: time.Now}
}

// Run answers lines until the input ends or ctx is cancelled. Every reply is
// written before the next line is read, so a script sees answers in order.
func (a *Adapter) Run(ctx context.Context) error {
	if a.Terminal {
		return a.runTerminal(ctx)
	}
	lines := make(chan string)
	readErr := make(chan error, 1)
	go func() {
		r := bufio.NewReader(a.in)
		for {
			line, err := r.ReadString('\n')
			if line != "" {
				select {
				case lines <- line:
				case <-ctx.Done():
					return
				}
			}
			if err != nil {
				if errors.Is(err, io.EOF) {
					err = nil
				}
				readErr <- err
				return
			}
		}
	}()
	a.prompt()
	for {
		select {
		case <-ctx.Done():
			return nil
		case err := <-readErr:
			if err != nil {
				return fmt.Errorf("console: read input: %w", err)
			}
			return nil
		case line := <-lines:
			line = strings.TrimRight(line, "\r\n")
			if strings.TrimSpace(line) != "" {
				a.answer(ctx, line)
			}
			a.prompt()
		}
	}
}

// answer sends a line (or the button it chose) to the handler and prints
// the reply, remembering its buttons as the choices for the next line.
func (a *Adapter) answer(ctx context.Context, line string) {
	a.mu.Lock()
	text := pick(line, a.choices)
	a.mu.Unlock()
	cmd := bot.Command{Platform: domain.PlatformConsole, UserID: UserID, UserName: a.UserName,
		ChatID: "console", Private: true, Text: text, Time: a.Now()}
	reply := a.handler.Handle(ctx, cmd)
	if reply.IsZero() {
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.choices = numberChoices(reply.Buttons)
	a.write(Render(reply))
}

func (a *Adapter) prompt() {
	if a.Prompt == "" {
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.write(a.Prompt)
}

// Send prints a push such as a morning prompt, marked so it stands apart
// from replies.
func (a *Adapter) Send(ctx context.Context, msg bot.Message) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(msg.Reply.Buttons) > 0 {
		a.choices = numberChoices(msg.Reply.Buttons)
	}
	return a.write("\n[runclub] " + Render(msg.Reply))
}

func (a *Adapter) write(s string) error {
	if _, err := io.WriteString(a.out, s); err != nil {
		a.log.Error("console: write", "err", err)
		return fmt.Errorf("console: write: %w", err)
	}
	return nil
}

// Render turns a reply into terminal text: the text, any table as it is,
// the buttons as numbered choices (each row an indented line), then any
// attachment.
func Render(r bot.Reply) string {
	var b strings.Builder
	b.WriteString(r.Text)
	b.WriteString("\n")
	if r.Pre != "" {
		b.WriteString(strings.TrimRight(r.Pre, "\n") + "\n")
	}
	b.WriteString(renderChoices(numberChoices(r.Buttons)))
	for _, f := range []*bot.File{r.Image, r.Document} {
		if f == nil {
			continue
		}
		fmt.Fprintf(&b, "--- %s (%d bytes) ---\n", f.Name, len(f.Data))
		if strings.HasPrefix(f.MIME, "text/") {
			b.Write(f.Data)
			if len(f.Data) > 0 && f.Data[len(f.Data)-1] != '\n' {
				b.WriteString("\n")
			}
			fmt.Fprintf(&b, "--- end of %s ---\n", f.Name)
		}
	}
	return b.String()
}
