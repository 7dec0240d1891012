package scheduler

import (
	"context"
	"sync"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

// The fan-out: one worker per platform, each building, claiming and sending
// its jobs in batches through a bounded pool of sends.

// Claim batches. Every message is claimed before it is sent, and a claim
// whose message was sent is recorded later in batches (markBatch). A crash
// (kill -9) in the middle of a batch gives up the batch's unsent messages,
// like those sent but not yet recorded: the next start cannot tell them
// apart and prefers a missed message to a duplicate. So a batch is sized to
// about claimWindow of sending: one or a few messages on a platform that
// paces each send, up to maxClaimBatch when the queue accepts at once. It
// starts at 1 and at most doubles from one batch to the next.
const (
	claimWindow   = 100 * time.Millisecond
	maxClaimBatch = 256
)

// sendGrace is how long the sends a worker already handed to its platform
// may run on once the tick is stopped. A paced queue drops a message whose
// caller stopped waiting, and the claim, left pending, would be given up at
// the next start: the member would get nothing. Messages not yet handed over
// are released instead (see release).
const sendGrace = 30 * time.Second

// markBatch is how many sent deliveries a worker records in one write.
// Recording late is safe: the claim already keeps the message from going
// twice, and a crash before the write leaves the rows pending, which the
// next start marks as not to be resent.
const markBatch = 100

// fanOut delivers the jobs with one worker per platform, so that a slow or
// failing platform delays only its own members, and the number of
// goroutines does not grow with the number of members.
func (s *Scheduler) fanOut(ctx context.Context, jobs []job) TickStats {
	byPlatform := map[string][]job{}
	for _, j := range jobs {
		byPlatform[j.to.Platform] = append(byPlatform[j.to.Platform], j)
	}
	var (
		mu sync.Mutex
		st TickStats
		wg sync.WaitGroup
	)
	for platform, js := range byPlatform {
		w := &worker{s: s, sender: s.cfg.Senders[platform], size: 1}
		wg.Go(func() {
			var cancel context.CancelFunc
			w.sendCtx, cancel = outliving(ctx, sendGrace)
			defer cancel()
			for i := 0; i < len(js) && ctx.Err() == nil; {
				n := min(w.size, len(js)-i)
				w.deliver(ctx, js[i:i+n])
				i += n
			}
			s.ledger.markSent(w.sendCtx, s.now(), w.sent...)
			mu.Lock()
			st.add(w.st)
			mu.Unlock()
		})
	}
	wg.Wait()
	return st
}

// outliving returns a context that ends grace after ctx does, for work that
// must finish once started: a send and the record of its outcome.
func outliving(ctx context.Context, grace time.Duration) (context.Context, context.CancelFunc) {
	out, cancel := context.WithCancel(context.WithoutCancel(ctx))
	stop := context.AfterFunc(ctx, func() { time.AfterFunc(grace, cancel) })
	return out, func() { stop(); cancel() }
}

// worker is one platform's fan-out within a tick.
type worker struct {
	s      *Scheduler
	sender bot.Sender
	// sendCtx is what sends and their records run under: it outlives the
	// tick's context by sendGrace.
	sendCtx context.Context
	mu      sync.Mutex // guards st and sent while sends run in parallel
	st      TickStats
	// sent are deliveries the platform accepted, not yet recorded.
	sent []int64
	// size is the next batch's size.
	size int
}

// built is a job with its message and its delivery record.
type built struct {
	job
	reply bot.Reply
	d     domain.Delivery
}

// deliver builds the jobs' messages, claims their deliveries and sends the
// claimed ones. Messages are built before the claim, so that a failure to
// build one leaves nothing behind and the next tick tries again.
func (w *worker) deliver(ctx context.Context, js []job) {
	s := w.s
	now := s.now()
	items := make([]built, 0, len(js))
	for _, j := range js {
		reply, err := s.message(ctx, j)
		if err != nil {
			j.markIncomplete()
			s.log.Error("scheduler: build message", "kind", j.kind, "member", j.member.ID, "err", err)
			continue
		}
		items = append(items, built{job: j, reply: reply, d: j.delivery(now)})
	}
	w.claim(ctx, items)

	// A fixed pool of senders per platform: Send blocks until the platform
	// accepts, so one at a time would cap a fan-out at one message per round
	// trip; the adapter's paced queue, not this loop, keeps to the limits.
	start, tried := time.Now(), 0
	queue := make(chan *built)
	var (
		wg     sync.WaitGroup
		mu     sync.Mutex
		unsent []built // handed to a sender after the tick was stopped
		rest   []built // never handed to a sender
	)
	for range min(s.sendParallel, len(items)) {
		wg.Go(func() {
			for it := range queue {
				if ctx.Err() != nil {
					mu.Lock()
					unsent = append(unsent, *it)
					mu.Unlock()
					continue
				}
				w.send(it, now)
			}
		})
	}
	for k := range items {
		it := &items[k]
		if it.d.ID == 0 {
			continue
		}
		if ctx.Err() != nil {
			rest = items[k:]
			break
		}
		tried++
		queue <- it
	}
	close(queue)
	wg.Wait()
	if len(unsent)+len(rest) > 0 {
		w.release(ctx, append(unsent, rest...))
		return
	}
	w.size = nextBatch(w.size, tried, time.Since(start), s.claimWindow)
}

// claim records the items' deliveries as pending in one write; an item
// that is not claimed keeps delivery ID 0, and one that could not be
// claimed for an error keeps its club due.
func (w *worker) claim(ctx context.Context, items []built) {
	ds := make([]domain.Delivery, len(items))
	for i := range items {
		ds[i] = items[i].d
	}
	n, err := w.s.ledger.claim(ctx, ds)
	w.st.Claimed += n
	for i := range items {
		items[i].d = ds[i]
		if err != nil && ds[i].ID == 0 {
			items[i].markIncomplete()
		}
	}
}

// send delivers one claimed message and records the outcome; several run
// at once, so the worker's tallies are guarded by its lock. A morning
// prompt first opens its check-in conversation: a reply that comes at once
// must find it.
func (w *worker) send(it *built, now time.Time) {
	s, ctx := w.s, w.sendCtx
	if it.kind == domain.DeliveryMorning {
		if err := s.cfg.Content.MorningSent(ctx, it.member.ID, it.date, now); err != nil {
			s.log.Error("scheduler: open the morning check-in", "member", it.member.ID, "err", err)
		}
	}
	err := w.sender.Send(ctx, bot.Message{To: it.to, Reply: it.reply})
	w.mu.Lock()
	defer w.mu.Unlock()
	if err != nil {
		w.st.Failed++
		s.cfg.Observer.Pushed(it.to.Platform, it.kind, PushFailed)
		s.log.Warn("scheduler: delivery failed", "kind", it.kind, "member", it.member.ID, "platform", it.to.Platform, "err", err)
		s.ledger.markFailed(ctx, it.d.ID, err.Error())
		return
	}
	w.st.Sent++
	s.cfg.Observer.Pushed(it.to.Platform, it.kind, PushSent)
	if w.sent = append(w.sent, it.d.ID); len(w.sent) >= markBatch {
		s.ledger.markSent(ctx, s.now(), w.sent...)
		w.sent = w.sent[:0]
	}
}

// release gives back the claims of items that were never sent because the
// tick was stopped, and keeps their clubs due.
func (w *worker) release(ctx context.Context, items []built) {
	var ids []int64
	for _, it := range items {
		if it.d.ID != 0 {
			ids = append(ids, it.d.ID)
			it.markIncomplete()
		}
	}
	w.st.Claimed -= len(ids)
	w.s.ledger.release(ctx, ids)
}

// nextBatch sizes the next claim batch from how long tried sends took, so
// that sending it takes about window.
func nextBatch(size, tried int, took, window time.Duration) int {
	if tried == 0 {
		return size
	}
	fit := maxClaimBatch
	if per := took / time.Duration(tried); per > 0 {
		fit = int(min(window/per, maxClaimBatch))
	}
	return max(1, min(2*size, fit))
}
