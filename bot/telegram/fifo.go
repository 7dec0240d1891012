package telegram

import "sync"

// fifo runs work one at a time per key, in the order it was queued, while
// different keys run side by side. A key has a goroutine only while it has
// work. The inbox keys it by member and chat, so a member's messages and
// presses are handled in the order sent; the outbox by chat, so a slow or
// throttled chat holds up only itself.
type fifo[K comparable] struct {
	mu     sync.Mutex
	queues map[K][]func()
	wg     sync.WaitGroup
}

// do queues fn for key.
func (f *fifo[K]) do(key K, fn func()) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.queues == nil {
		f.queues = map[K][]func(){}
	}
	q, running := f.queues[key]
	f.queues[key] = append(q, fn)
	if !running {
		f.wg.Add(1)
		go f.drain(key)
	}
}

func (f *fifo[K]) drain(key K) {
	defer f.wg.Done()
	for {
		f.mu.Lock()
		q := f.queues[key]
		if len(q) == 0 {
			delete(f.queues, key)
			f.mu.Unlock()
			return
		}
		fn := q[0]
		q[0] = nil
		f.queues[key] = q[1:]
		f.mu.Unlock()
		fn()
	}
}

// busy reports whether key has work queued or running.
func (f *fifo[K]) busy(key K) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	_, ok := f.queues[key]
	return ok
}

// wait returns when all work queued so far has run.
func (f *fifo[K]) wait() { f.wg.Wait() }
