package scheduler

import (
	"context"
	"log/slog"
	"time"

	"github.com/runclub/runclub/domain"
)

// ledger is the scheduler's side of the delivery ledger: every message is
// claimed before it is sent, in batches, and marked after; claims never
// tried are released. Failures are logged here; what they mean for the
// tick (a club left due, a count) is up to the caller.
type ledger struct {
	repo domain.DeliveryRepository
	log  *slog.Logger
	obs  Observer
}

// claim records ds as pending in one write; each claimed delivery gets its
// ID, the others keep 0. It returns how many it claimed.
func (l ledger) claim(ctx context.Context, ds []domain.Delivery) (int, error) {
	if len(ds) == 0 {
		return 0, nil
	}
	n, err := l.repo.ClaimDeliveries(ctx, ds)
	if err != nil {
		l.log.Error("scheduler: claim deliveries", "count", len(ds), "claimed", n, "err", err)
	}
	return n, err
}

// releaseTimeout bounds a release, which runs after the tick was stopped.
const releaseTimeout = 10 * time.Second

// release gives back claims never sent because the tick was stopped, so
// that the next start sends them while still useful. It must outlive the
// cancelled tick, so it gets a context of its own.
func (l ledger) release(ctx context.Context, ids []int64) {
	if len(ids) == 0 {
		return
	}
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), releaseTimeout)
	defer cancel()
	if err := l.repo.ReleaseDeliveries(rctx, ids...); err != nil {
		l.log.Error("scheduler: release unsent deliveries", "count", len(ids), "err", err)
	}
}

// markSent records sent deliveries; a failure is logged and the rows stay
// pending, which the next start gives up rather than send them twice.
func (l ledger) markSent(ctx context.Context, at time.Time, ids ...int64) {
	if len(ids) == 0 {
		return
	}
	if err := l.repo.MarkSent(ctx, at, ids...); err != nil {
		l.log.Error("scheduler: mark deliveries sent", "count", len(ids), "err", err)
		return
	}
	l.obs.DeliveriesSent(len(ids))
}

// markFailed records that delivery id failed for good, and why.
func (l ledger) markFailed(ctx context.Context, id int64, reason string) {
	if err := l.repo.MarkFailed(ctx, id, reason); err != nil {
		l.log.Error("scheduler: mark delivery failed", "id", id, "err", err)
	}
}

// reasonNoChat is the failure reason of a delivery that cannot go anywhere.
const reasonNoChat = "no private chat on a connected platform"

// recordUnreachable records deliveries that cannot go anywhere as failed,
// in one claim, so that each is reported once rather than looked up every
// minute.
func (s *Scheduler) recordUnreachable(ctx context.Context, js []job, now time.Time) TickStats {
	var st TickStats
	ds := make([]domain.Delivery, len(js))
	for i, j := range js {
		ds[i] = j.delivery(now)
	}
	n, err := s.ledger.claim(ctx, ds)
	st.Claimed, st.Failed = n, n
	for i, j := range js {
		if ds[i].ID == 0 {
			if err != nil {
				j.markIncomplete()
			}
			continue
		}
		s.log.Warn("scheduler: member has no private chat on a connected platform", "kind", j.kind, "member", j.member.ID)
		s.ledger.markFailed(ctx, ds[i].ID, reasonNoChat)
		s.cfg.Observer.Pushed(PlatformNone, j.kind, PushUnreachable)
	}
	return st
}
