// Package console is the terminal adapter: it reads lines from stdin as one
// local member and prints the replies, so runclub can be tried on a laptop
// with no tokens, interactively or from a pipe. In a terminal it edits lines
// and keeps their history (github.com/chzyer/readline); from a pipe it reads
// plain lines. Buttons show as numbered choices the member answers by
// typing the number. A reply may make it speak as another console account
// (the handlers' /as); pushes to an account not speaking wait until it
// speaks again. It may import bot and domain only, of the project.
package console

import (
	"bufio"
	"cmp"
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

// UserID is the console member's user id until the console speaks as
// another account.
const UserID = "local"

// maxHeld bounds the pushes kept for an account that is not speaking.
const maxHeld = 20

// Adapter reads commands from In and writes replies and pushes to Out.
type Adapter struct {
	in      io.Reader
	out     io.Writer
	handler bot.Handler
	log     *slog.Logger
	// Prompt is printed before each line is read; empty from a pipe.
	Prompt string
	// UserName is the console member's display name; Account the account
	// it speaks as at start (UserID when empty).
	UserName string
	Account  string
	// Now is the clock stamped on commands.
	Now func() time.Time
	// Terminal turns on line editing and history: set it when In is a
	// terminal.
	Terminal bool
	// ImageDir is the folder pictures are saved in (the current one when
	// empty): a terminal cannot show them, an image viewer can.
	ImageDir string

	mu sync.Mutex // Out is shared by replies and scheduled pushes
	// choices are the buttons of the last message, by the numbers shown.
	choices [][]choice
	// tty, in tests, runs the line editor over in and out as over a
	// terminal, without switching a real one to raw mode.
	tty bool
	// speaker is the account speaking, once Run started or /as changed it;
	// held are pushes to other accounts, by user id, until they speak.
	speaker bot.Speaker
	held    map[string][]bot.Reply
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
	who := a.current()
	a.mu.Lock()
	text := pick(line, a.choices)
	a.mu.Unlock()
	cmd := bot.Command{Platform: domain.PlatformConsole, UserID: who.UserID, UserName: who.UserName,
		ChatID: "console", Private: true, Text: text, Time: a.Now()}
	reply := a.handler.Handle(ctx, cmd)
	a.mu.Lock()
	defer a.mu.Unlock()
	if !reply.IsZero() {
		a.show(ctx, "", reply)
	}
	if sp := reply.Speaker; sp != nil && sp.UserID != "" {
		a.speaker = *sp
		for _, m := range a.held[sp.UserID] {
			a.show(ctx, "\n[runclub] ", m)
		}
		delete(a.held, sp.UserID)
	}
}

// show writes a reply or push, and makes its buttons the numbered choices
// the next line may answer; a.mu must be held. A picture is drawn now,
// saved as a file (see savePicture), and its path printed.
func (a *Adapter) show(ctx context.Context, prefix string, r bot.Reply) error {
	if len(r.Buttons) > 0 || prefix == "" {
		a.choices = numberChoices(r.Buttons)
	}
	r, err := r.Resolve(ctx)
	if err != nil {
		a.log.Warn("console: showing the reply without its picture", "err", err)
	}
	saved := ""
	if r.Image != nil {
		saved = a.savePicture(*r.Image)
		r.Image = nil
	}
	return a.write(prefix + Render(r) + saved)
}

// current is the account speaking.
func (a *Adapter) current() bot.Speaker {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.speaker.UserID == "" {
		a.speaker = bot.Speaker{UserID: cmp.Or(a.Account, UserID), UserName: a.UserName}
	}
	return a.speaker
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
// from replies; a push to an account that is not speaking is kept for when
// it does (the last maxHeld of them).
func (a *Adapter) Send(ctx context.Context, msg bot.Message) error {
	who := a.current()
	a.mu.Lock()
	defer a.mu.Unlock()
	if to := msg.To.UserID; to != "" && to != who.UserID {
		if a.held == nil {
			a.held = map[string][]bot.Reply{}
		}
		a.held[to] = append(a.held[to], msg.Reply)
		if n := len(a.held[to]); n > maxHeld {
			a.held[to] = a.held[to][n-maxHeld:]
		}
		return nil
	}
	return a.show(ctx, "\n[runclub] ", msg.Reply)
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
