package scheduler

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

// countingObserver records what the scheduler reports, as metrics would.
type countingObserver struct {
	mu                   sync.Mutex
	due, sent, abandoned int
	pushed               map[string]int // "platform/kind/outcome"
}

func (o *countingObserver) DeliveriesDue(n int)  { o.mu.Lock(); o.due += n; o.mu.Unlock() }
func (o *countingObserver) DeliveriesSent(n int) { o.mu.Lock(); o.sent += n; o.mu.Unlock() }
func (o *countingObserver) DeliveriesAbandoned(n int) {
	o.mu.Lock()
	o.abandoned += n
	o.mu.Unlock()
}
func (o *countingObserver) Pushed(platform, kind, outcome string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.pushed[platform+"/"+kind+"/"+outcome]++
}

func TestObserverHearsTheTickAndTheLedger(t *testing.T) {
	forEachStore(t, func(t *testing.T, open func(testing.TB) store) {
		obs := &countingObserver{pushed: map[string]int{}}
		h := newHarness(t, open(t))
		h.obs = obs
		h.s = h.scheduler()
		h.member("ann", "UTC", "06:30", "22:30")
		h.memberOn(domain.PlatformDiscord, "bea", "UTC", "06:30", "22:30")
		h.memberOn(domain.PlatformConsole, "cal", "UTC", "06:30", "22:30") // no sender: goes nowhere
		h.senders[domain.PlatformDiscord].hook = func(context.Context, bot.Message) error {
			return errors.New("discord: DM refused")
		}
		st := h.tick(utc("2026-03-04 06:30"))
		if st.Due != 3 {
			t.Fatalf("due = %d, want 3", st.Due)
		}
		obs.mu.Lock()
		defer obs.mu.Unlock()
		want := map[string]int{
			"telegram/morning/sent":    1,
			"discord/morning/failed":   1,
			"none/morning/unreachable": 1,
		}
		for k, n := range want {
			if obs.pushed[k] != n {
				t.Errorf("pushed %s = %d, want %d (all: %v)", k, obs.pushed[k], n, obs.pushed)
			}
		}
		if len(obs.pushed) != len(want) {
			t.Errorf("pushed = %v, want only %v", obs.pushed, want)
		}
		if obs.due != 3 || obs.sent != 1 {
			t.Errorf("due %d, recorded sent %d; want 3 and 1", obs.due, obs.sent)
		}
	})
}

func TestObserverHearsDeliveriesAbandonedAtStart(t *testing.T) {
	forEachStore(t, func(t *testing.T, open func(testing.TB) store) {
		h := newHarness(t, open(t))
		m := h.member("ann", "UTC", "06:30", "22:30")
		claim := []domain.Delivery{{Kind: domain.DeliveryMorning, MemberID: m.ID, LocalDate: domain.DateOf(utc("2026-03-04 06:30")),
			Status: domain.DeliveryPending, CreatedAt: utc("2026-03-04 06:30")}}
		if _, err := h.st.ClaimDeliveries(context.Background(), claim); err != nil {
			t.Fatal(err)
		}
		// The process that claimed it died; the next one starts.
		obs := &countingObserver{pushed: map[string]int{}}
		h.obs = obs
		h.s = h.scheduler()
		h.setClock(utc("2026-03-04 06:40"))
		if _, err := h.s.AbandonInterrupted(context.Background()); err != nil {
			t.Fatal(err)
		}
		if obs.abandoned != 1 {
			t.Errorf("abandoned = %d, want 1", obs.abandoned)
		}
	})
}
