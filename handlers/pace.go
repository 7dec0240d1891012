package handlers

import (
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"
)

// CommandsPerMinute bounds how many commands one member has answered a
// minute. Answers past it would only queue behind the platform's per-chat
// limit (one message a second on Telegram) and arrive long after they were
// useful; a person tapping through the guided check-in needs eight.
const CommandsPerMinute = 20

// paceVerdict is what the pacer says of one command.
type paceVerdict int

const (
	paceOK   paceVerdict = iota
	paceWarn             // over the bound: answer once, asking to slow down
	paceDrop             // still over it: drop silently, counted
)

// pacer keeps one token bucket per sender (CommandsPerMinute, refilled
// evenly), so a burst is answered at once and a flood is not queued.
type pacer struct {
	mu      sync.Mutex
	senders map[string]*paceState
	sweepAt int
	dropped atomic.Int64
}

type paceState struct {
	lim    *rate.Limiter
	warned bool
}

// admit decides about one command from key at now.
func (p *pacer) admit(key string, now time.Time) paceVerdict {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.senders == nil {
		p.senders, p.sweepAt = map[string]*paceState{}, 1024
	}
	st, ok := p.senders[key]
	if !ok {
		if len(p.senders) >= p.sweepAt {
			p.sweep(now)
		}
		st = &paceState{lim: rate.NewLimiter(rate.Every(time.Minute/CommandsPerMinute), CommandsPerMinute)}
		p.senders[key] = st
	}
	if st.lim.AllowN(now, 1) {
		st.warned = false
		return paceOK
	}
	if !st.warned {
		st.warned = true
		return paceWarn
	}
	p.dropped.Add(1)
	return paceDrop
}

// sweep forgets senders whose bucket is full again: they are as new.
func (p *pacer) sweep(now time.Time) {
	for k, st := range p.senders {
		if st.lim.TokensAt(now) >= CommandsPerMinute {
			delete(p.senders, k)
		}
	}
	p.sweepAt = max(1024, 2*len(p.senders))
}
