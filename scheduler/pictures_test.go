package scheduler

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

// TestWeeklyPicturesGoThroughTheLedgerOnceAcrossACrash: the weekly messages
// with pictures are claimed and recorded like any other, and each picture is
// drawn only when its message is sent. The process dies right after the
// platform accepted the first one; after the restart every message has gone
// out exactly once, and no picture was drawn for a message not sent, nor
// twice for one.
func TestWeeklyPicturesGoThroughTheLedgerOnceAcrossACrash(t *testing.T) {
	forEachStore(t, func(t *testing.T, open func(testing.TB) store) {
		st := &crashingStore{store: open(t)}
		w := newWeeklyWorld(t, st)
		h := w.h
		h.content.pictures = true

		// The platform draws what it sends, as the adapters do (Reply.Resolve).
		var mu sync.Mutex
		received := map[string]int{} // "recipient text" → times
		pictures := map[string]string{}
		var calls atomic.Int32
		ctx, crash := context.WithCancel(context.Background())
		h.ctx = ctx
		h.senders[domain.PlatformTelegram].hook = func(ctx context.Context, msg bot.Message) error {
			r, err := msg.Reply.Resolve(ctx)
			if err != nil {
				return err
			}
			mu.Lock()
			key := msg.To.UserID + " " + r.Text
			received[key]++
			if r.Image != nil {
				pictures[key] = string(r.Image.Data)
			}
			mu.Unlock()
			if calls.Add(1) == 1 {
				st.dead.Store(true)
				crash()
			}
			return nil
		}
		h.setClock(utc("2026-05-31 17:00"))
		_, _ = h.s.Tick(ctx, utc("2026-05-31 17:00"))
		mu.Lock()
		sentWithPicture := len(pictures)
		mu.Unlock()
		if got := h.content.drawings(); len(got) != sentWithPicture || len(got) > 1 {
			t.Fatalf("pictures drawn before the crash: %v, want only that of the one message sent", got)
		}

		st.dead.Store(false)
		h.ctx = context.Background()
		h.s = h.scheduler()
		h.setClock(utc("2026-05-31 17:01"))
		if n, err := h.s.AbandonInterrupted(context.Background()); err != nil || n != 1 {
			t.Fatalf("AbandonInterrupted = %d, %v; want the one message accepted before the crash", n, err)
		}
		h.run(utc("2026-05-31 17:01"), utc("2026-05-31 17:10"))
		h.run(utc("2026-06-01 16:50"), utc("2026-06-01 17:10"))

		// London: coach Cora's club summary, and Cora's, Abe's and Ada's
		// own; each with its picture.
		want := []string{
			"u-cora " + club(w.london, "2026-05-31"), "u-cora " + member(w.cora, "2026-05-31"),
			"u-abe " + member(w.abe, "2026-05-31"), "u-ada " + member(w.ada, "2026-05-31"),
		}
		mu.Lock()
		defer mu.Unlock()
		for _, k := range want {
			if received[k] != 1 {
				t.Errorf("%q received %d times, want once", k, received[k])
			}
			if _, text, _ := strings.Cut(k, " "); pictures[k] != "png of "+text {
				t.Errorf("%q came with picture %q", k, pictures[k])
			}
		}
		for name, n := range h.content.drawings() {
			if n != 1 {
				t.Errorf("picture %q drawn %d times, want once", name, n)
			}
		}
		if got := len(h.content.drawings()); got != len(want) {
			t.Errorf("%d pictures drawn, want one per message sent (%d)", got, len(want))
		}
	})
}
