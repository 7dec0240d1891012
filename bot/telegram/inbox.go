package telegram

import "sync"

// inbox runs updates one at a time per key (a member in a chat), so a
// member's messages and button presses are handled in the order they were
// sent, while different members are handled side by side.
type inbox struct {
	mu     sync.Mutex
	queues map[string]*inboxQueue
	wg     sync.WaitGroup
}

type inboxQueue struct {
	work    []func()
	running bool
}

func (ib *inbox) dispatch(key string, fn func()) {
	ib.mu.Lock()
	defer ib.mu.Unlock()
	if ib.queues == nil {
		ib.queues = map[string]*inboxQueue{}
	}
	q := ib.queues[key]
	if q == nil {
		q = &inboxQueue{}
		ib.queues[key] = q
	}
	q.work = append(q.work, fn)
	if !q.running {
		q.running = true
		ib.wg.Add(1)
		go ib.drain(key, q)
	}
}

func (ib *inbox) drain(key string, q *inboxQueue) {
	defer ib.wg.Done()
	for {
		ib.mu.Lock()
		if len(q.work) == 0 {
			q.running = false
			delete(ib.queues, key)
			ib.mu.Unlock()
			return
		}
		fn := q.work[0]
		q.work[0] = nil
		q.work = q.work[1:]
		ib.mu.Unlock()
		fn()
	}
}

// wait returns when every dispatched update has been handled.
func (ib *inbox) wait() { ib.wg.Wait() }
