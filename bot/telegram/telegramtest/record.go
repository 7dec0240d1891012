package telegramtest

import (
	"context"
	"strings"
	"testing"
	"time"
)

// Sent is a message the fake accepted from the bot.
type Sent struct {
	// Seq is the order in which the fake accepted it, from 1.
	Seq       int
	Method    string // sendMessage, sendPhoto or sendDocument
	ChatID    int64
	MessageID int
	// Text is what the user sees (HTML parsed); Raw is what the bot sent.
	Text      string
	Raw       string
	ParseMode string
	Keyboard  *InlineKeyboard
	File      *File
	At        time.Time
}

// Buttons returns the inline keyboard's callback data, row by row.
func (m Sent) Buttons() [][]string {
	if m.Keyboard == nil {
		return nil
	}
	var rows [][]string
	for _, row := range m.Keyboard.InlineKeyboard {
		var r []string
		for _, b := range row {
			r = append(r, b.CallbackData)
		}
		rows = append(rows, r)
	}
	return rows
}

// Edit is an editMessageReplyMarkup the fake accepted.
type Edit struct {
	ChatID    int64
	MessageID int
	Keyboard  *InlineKeyboard
	At        time.Time
}

// Call is one request to the fake (getUpdates excluded) and its answer.
type Call struct {
	Method      string
	Params      map[string]string
	ErrorCode   int // 0 when the call succeeded
	Description string
	// Arrived is when the request reached the fake; At when it was answered.
	Arrived time.Time
	At      time.Time
}

// Sent returns every message accepted so far, in order.
func (s *Server) Sent() []Sent {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Sent(nil), s.sent...)
}

// SentTo returns the messages accepted for one chat, in order.
func (s *Server) SentTo(chatID int64) []Sent {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Sent
	for _, m := range s.sent {
		if m.ChatID == chatID {
			out = append(out, m)
		}
	}
	return out
}

// Edits returns the accepted keyboard edits.
func (s *Server) Edits() []Edit {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Edit(nil), s.edits...)
}

// Calls returns the requests made for method ("" for all), in order.
func (s *Server) Calls(method string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Call
	for _, c := range s.calls {
		if method == "" || c.Method == method {
			out = append(out, c)
		}
	}
	return out
}

// Stats returns the counters so far.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stats
}

// Duplicates returns messages accepted more than once: the same chat, kind,
// text and file as an earlier one.
func (s *Server) Duplicates() []Sent {
	s.mu.Lock()
	defer s.mu.Unlock()
	seen := map[string]bool{}
	var dups []Sent
	for _, m := range s.sent {
		var b strings.Builder
		b.WriteString(m.Method)
		b.WriteByte(0)
		b.WriteString(itoa64(m.ChatID))
		b.WriteByte(0)
		b.WriteString(m.Raw)
		if m.File != nil {
			b.WriteByte(0)
			b.WriteString(m.File.Name)
			b.Write(m.File.Data)
		}
		k := b.String()
		if seen[k] {
			dups = append(dups, m)
		}
		seen[k] = true
	}
	return dups
}

func itoa64(n int64) string {
	if n < 0 {
		return "-" + itoa(int(-n))
	}
	return itoa(int(n))
}

// WaitTimeout bounds every Wait helper so that a broken test fails rather
// than hangs. Waits end as soon as their condition holds.
var WaitTimeout = 10 * time.Second

// WaitUntil blocks until cond returns true, re-checking on every change to
// the fake (a request answered, an update injected or confirmed). It fails
// the test if cond is still false after WaitTimeout.
func (s *Server) WaitUntil(tb testing.TB, what string, cond func() bool) {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), WaitTimeout)
	defer cancel()
	if s.Wait(ctx, cond) != nil {
		tb.Fatalf("telegramtest: timed out waiting for %s", what)
	}
}

// Wait blocks until cond returns true, re-checking on every change to the
// fake, or until ctx ends, for a test that needs a deadline of its own.
func (s *Server) Wait(ctx context.Context, cond func() bool) error {
	for {
		s.mu.Lock()
		ch := s.changed
		s.mu.Unlock()
		if cond() {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// WaitSent waits until at least n messages were accepted for chatID and
// returns them all.
func (s *Server) WaitSent(tb testing.TB, chatID int64, n int) []Sent {
	tb.Helper()
	var got []Sent
	s.WaitUntil(tb, itoa(n)+" message(s) to chat "+itoa64(chatID), func() bool {
		got = s.SentTo(chatID)
		return len(got) >= n
	})
	return got
}

// WaitConfirmed waits until the bot confirmed update id.
func (s *Server) WaitConfirmed(tb testing.TB, id int64) {
	tb.Helper()
	s.WaitUntil(tb, "confirmation of update "+itoa64(id), func() bool { return s.Confirmed() >= id })
}
