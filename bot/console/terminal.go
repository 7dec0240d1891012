package console

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/chzyer/readline"
)

// historyLimit is how many lines the terminal recalls. History stays in
// memory: the lines carry health values, and a history file would be a
// copy of them that /forget cannot reach.
const historyLimit = 500

// runTerminal answers lines read with line editing (arrows, Home, End,
// Ctrl-R search) and history, until Ctrl-D, or Ctrl-C on an empty line, or
// ctx ends. Escape sequences are the editor's: none reaches the handler.
func (a *Adapter) runTerminal(ctx context.Context) error {
	cfg := &readline.Config{
		Prompt:          a.Prompt,
		HistoryLimit:    historyLimit,
		InterruptPrompt: "^C",
		EOFPrompt:       "",
		Stdout:          a.out,
	}
	if a.tty {
		cfg.Stdin = io.NopCloser(a.in)
		cfg.FuncIsTerminal = func() bool { return true }
		cfg.FuncMakeRaw = func() error { return nil }
		cfg.FuncExitRaw = func() error { return nil }
		cfg.FuncGetWidth = func() int { return 80 }
	}
	rl, err := readline.NewEx(cfg)
	if err != nil {
		return fmt.Errorf("console: start the line editor: %w", err)
	}
	defer rl.Close()
	// Replies and pushes go through the editor, which redraws the line
	// being typed under them.
	a.mu.Lock()
	a.out, a.Prompt = rl.Stdout(), ""
	a.mu.Unlock()
	stop := context.AfterFunc(ctx, func() { rl.Close() })
	defer stop()
	for {
		line, err := rl.Readline()
		switch {
		case errors.Is(err, readline.ErrInterrupt):
			if strings.TrimSpace(line) == "" {
				return nil
			}
			continue
		case errors.Is(err, io.EOF), ctx.Err() != nil:
			return nil
		case err != nil:
			return fmt.Errorf("console: read input: %w", err)
		}
		if strings.TrimSpace(line) != "" {
			a.answer(ctx, line)
		}
	}
}
