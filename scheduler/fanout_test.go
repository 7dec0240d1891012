package scheduler

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

func TestNextBatchFitsAboutClaimWindowOfSending(t *testing.T) {
	tests := []struct {
		name        string
		size, tried int
		took        time.Duration
		want        int
	}{
		{"a queue that accepts at once doubles the batch", 4, 4, 0, 8},
		{"and stops at the cap", 200, 200, time.Millisecond, maxClaimBatch},
		{"a platform paced at 30 a second keeps about three", 8, 8, 8 * 33 * time.Millisecond, 3},
		{"a slow platform claims one at a time", 16, 16, 16 * time.Second, 1},
		{"nothing tried keeps the size", 16, 0, 0, 16},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := nextBatch(tt.size, tt.tried, tt.took, claimWindow); got != tt.want {
				t.Errorf("nextBatch(%d, %d, %s) = %d, want %d", tt.size, tt.tried, tt.took, got, tt.want)
			}
		})
	}
}

// countingClaims counts the claim writes of a store, and how many of them
// claimed a single delivery.
type countingClaims struct {
	store
	single, batches, released atomic.Int32
}

func (c *countingClaims) ClaimDeliveries(ctx context.Context, ds []domain.Delivery) (int, error) {
	c.batches.Add(1)
	if len(ds) == 1 {
		c.single.Add(1)
	}
	return c.store.ClaimDeliveries(ctx, ds)
}

func (c *countingClaims) ReleaseDeliveries(ctx context.Context, ids ...int64) error {
	c.released.Add(int32(len(ids)))
	return c.store.ReleaseDeliveries(ctx, ids...)
}

func TestLargeFanOutClaimsInAFewWrites(t *testing.T) {
	st := &countingClaims{store: openSQLite(t)}
	h := newHarness(t, st)
	var members []domain.Member
	for i := range 600 {
		members = append(members, h.member(fmt.Sprint("m", i), "UTC", "06:30", "22:30"))
	}
	h.s.claimWindow = time.Hour // as if every send were instant
	if got := h.tick(utc("2026-01-14 06:30")); got.Sent != 600 || got.Claimed != 600 {
		t.Fatalf("tick = %+v, want 600 claimed and sent", got)
	}
	// Batches of 1, 2, 4, … 256, then the rest.
	if b, s := st.batches.Load(), st.single.Load(); b > 10 || s > 1 {
		t.Errorf("%d batch claims and %d single claims for 600 messages, want at most 10 and 1", b, s)
	}
	for i, m := range members {
		if got := len(h.messagesTo(m, domain.DeliveryMorning)); got != 1 {
			t.Errorf("member %d got %d prompts, want 1", i, got)
		}
	}
	for key, d := range h.deliveries(domain.Date{Year: 2026, Month: 1, Day: 14}) {
		if d.Status != domain.DeliverySent {
			t.Errorf("delivery %s = %s, want sent", key, d.Status)
		}
	}
	if again := h.tick(utc("2026-01-14 06:31")); again.Claimed != 0 || again.Sent != 0 {
		t.Errorf("the next minute = %+v, want nothing", again)
	}
}

func TestStoppedFanOutReleasesClaimsItNeverSent(t *testing.T) {
	st := &countingClaims{store: openSQLite(t)}
	h := newHarness(t, st)
	var members []domain.Member
	for i := range 40 {
		members = append(members, h.member(fmt.Sprint("m", i), "UTC", "06:30", "22:30"))
	}
	// The bot is stopped while the 10th message goes out, in the middle of
	// a claimed batch (1, 2, 4, then 8 from the 8th message).
	ctx, stop := context.WithCancel(context.Background())
	var calls atomic.Int32
	h.senders[domain.PlatformTelegram].hook = func(context.Context, bot.Message) error {
		if calls.Add(1) == 10 {
			stop()
		}
		return nil
	}
	h.s.claimWindow = time.Hour
	h.setClock(utc("2026-01-14 06:30"))
	first, _ := h.s.Tick(ctx, utc("2026-01-14 06:30"))
	if first.Sent != 10 || first.Claimed != 10 || st.released.Load() != 5 {
		t.Fatalf("stopped tick = %+v, %d released; want 10 sent and claimed, the batch's other 5 released", first, st.released.Load())
	}

	h.senders[domain.PlatformTelegram].hook = nil
	h.s = h.scheduler()
	h.setClock(utc("2026-01-14 06:31"))
	n, err := h.s.AbandonInterrupted(context.Background())
	if err != nil || n != 0 {
		t.Fatalf("AbandonInterrupted = %d, %v; want 0: the 10 sent were recorded though the tick was stopped", n, err)
	}
	h.run(utc("2026-01-14 06:31"), utc("2026-01-14 06:35"))
	for i, m := range members {
		if got := len(h.messagesTo(m, domain.DeliveryMorning)); got != 1 {
			t.Errorf("member %d got %d prompts, want exactly 1", i, got)
		}
	}
}

// preparingContent records which clubs were prepared, with whom, and how
// many preparations overlapped.
type preparingContent struct {
	*fakeContent
	mu               sync.Mutex
	prepared         map[int64][]int64
	running, overlap int
	release          chan struct{}
}

func (r *preparingContent) ClubWeekly(ctx context.Context, c domain.Club, roster []domain.RosterEntry, d domain.Date) (members, coaches map[int64]bot.Reply, err error) {
	r.mu.Lock()
	r.running++
	r.overlap = max(r.overlap, r.running)
	for _, e := range roster {
		r.prepared[c.ID] = append(r.prepared[c.ID], e.Member.ID)
	}
	r.mu.Unlock()
	<-r.release
	r.mu.Lock()
	r.running--
	r.mu.Unlock()
	return r.fakeContent.ClubWeekly(ctx, c, roster, d)
}

func TestDueClubsArePreparedOnceEachSideBySide(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHarness(t, newMemStore())
		rep := &preparingContent{fakeContent: h.content, prepared: map[int64][]int64{}, release: make(chan struct{})}
		s, err := New(Config{Now: h.now, Deliveries: h.st, Schedule: h.st, Clubs: h.st, Content: rep, Senders: map[string]bot.Sender{domain.PlatformTelegram: h.senders[domain.PlatformTelegram]}}, nil)
		if err != nil {
			t.Fatal(err)
		}
		want := map[int64][]int64{}
		for i := range 5 {
			c := h.club(fmt.Sprint("club ", i), "UTC", "Sun 18:00")
			for k := range 3 {
				m := h.member(fmt.Sprintf("c%dm%d", i, k), "UTC", "06:30", "22:30")
				h.join(c, m, domain.RoleMember)
				want[c.ID] = append(want[c.ID], m.ID)
			}
		}
		done := make(chan TickStats)
		go func() {
			st, _ := s.Tick(context.Background(), utc("2026-05-31 18:00"))
			done <- st
		}()
		synctest.Wait() // every worker is inside ClubWeekly
		rep.mu.Lock()
		running := rep.running
		rep.mu.Unlock()
		if wantRunning := min(runtime.GOMAXPROCS(0), maxPrepareWorkers, 5); running != wantRunning {
			t.Errorf("%d clubs prepared at once, want %d (one per core, at most %d)", running, wantRunning, maxPrepareWorkers)
		}
		close(rep.release)
		if st := <-done; st.Sent != 15 {
			t.Errorf("sent %d member summaries, want 15", st.Sent)
		}
		for id, ms := range want {
			if !slices.Equal(rep.prepared[id], ms) {
				t.Errorf("club %d prepared with %v, want its members %v, once", id, rep.prepared[id], ms)
			}
		}
	})
}

// TestStopLetsSendsAlreadyHandedToThePlatformFinish stops the bot while
// several prompts are in a platform's paced queue. A queued send that sees
// its context cancelled drops the message (as the Telegram outbox does), so
// those sends must run on past the stop; otherwise their claims are left
// pending, given up at the next start, and those members get no prompt.
func TestStopLetsSendsAlreadyHandedToThePlatformFinish(t *testing.T) {
	h := newHarness(t, openSQLite(t))
	h.sendParallel = 4
	h.s = h.scheduler()
	var members []domain.Member
	for i := range 30 {
		members = append(members, h.member(fmt.Sprint("m", i), "UTC", "06:30", "22:30"))
	}
	ctx, stop := context.WithCancel(context.Background())
	var calls atomic.Int32
	h.senders[domain.PlatformTelegram].hook = func(sctx context.Context, _ bot.Message) error {
		if calls.Add(1) == 10 {
			stop()
		}
		// A paced queue drops a message whose sender gave up waiting.
		return sctx.Err()
	}
	h.s.claimWindow = time.Hour
	h.setClock(utc("2026-01-14 06:30"))
	first, _ := h.s.Tick(ctx, utc("2026-01-14 06:30"))
	if first.Failed != 0 {
		t.Errorf("stopped tick = %+v, want no failures: sends already handed over finish", first)
	}

	h.senders[domain.PlatformTelegram].hook = nil
	h.s = h.scheduler()
	h.setClock(utc("2026-01-14 06:31"))
	n, err := h.s.AbandonInterrupted(context.Background())
	if err != nil || n != 0 {
		t.Errorf("AbandonInterrupted = %d, %v; want 0: every sent prompt was recorded", n, err)
	}
	h.run(utc("2026-01-14 06:31"), utc("2026-01-14 06:35"))
	for i, m := range members {
		if got := len(h.messagesTo(m, domain.DeliveryMorning)); got != 1 {
			t.Errorf("member %d got %d prompts, want exactly 1", i, got)
		}
	}
}
