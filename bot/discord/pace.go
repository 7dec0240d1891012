package discord

import (
	"context"
	"sync"
	"time"
)

// windowGate keeps at most limit requests in any window of time as Discord
// could count them. Discord counts a request at some instant between our
// sending it and our reading the answer, so a request is counted from the
// moment it is sent until window after its answer came back. Pacing on
// send times alone is not enough on a busy machine: a stalled goroutine or
// server sends late, the next ones on time, and the server sees a bunch.
type windowGate struct {
	limit  int
	window time.Duration

	mu       sync.Mutex
	inflight int
	done     []time.Time // answer times still inside the window, oldest first
	changed  chan struct{}
}

func newWindowGate(limit int, window time.Duration) *windowGate {
	return &windowGate{limit: limit, window: window, changed: make(chan struct{})}
}

// acquire waits for room for one more request.
func (g *windowGate) acquire(ctx context.Context) error {
	for {
		g.mu.Lock()
		now := time.Now()
		i := 0
		for i < len(g.done) && now.Sub(g.done[i]) >= g.window {
			i++
		}
		g.done = g.done[i:]
		if g.inflight+len(g.done) < g.limit {
			g.inflight++
			g.mu.Unlock()
			return nil
		}
		ch := g.changed
		var wait <-chan time.Time
		if len(g.done) > 0 {
			t := time.NewTimer(g.window - now.Sub(g.done[0]))
			defer t.Stop()
			wait = t.C
		}
		g.mu.Unlock()
		select {
		case <-ch:
		case <-wait:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// release records that a request's answer came back.
func (g *windowGate) release() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.inflight--
	g.done = append(g.done, time.Now())
	close(g.changed)
	g.changed = make(chan struct{})
}
