package scheduler

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/runclub/runclub/domain"
)

// clubRun is one club's weekly fan-out within a tick.
type clubRun struct {
	club domain.Club
	slot domain.Date
	// roster is the club's roster until its messages are built.
	roster []domain.RosterEntry
	// week holds the club's messages from then until the tick ends.
	week clubWeek
	// incomplete is set when a job of the run could not be claimed or
	// built; the club then stays due and the next tick tries again.
	incomplete atomic.Bool
}

// maxPrepareWorkers bounds how many clubs are prepared at once: one per core,
// at most four, so that a weekly run leaves room for the bot's commands.
const maxPrepareWorkers = 4

// prepareWeekly builds the due clubs' weekly messages (Content.ClubWeekly,
// history read in bulk), a few clubs at a time: reading and computing a club
// is CPU work in the database and the science, and a weekly run of many
// clubs would otherwise use one core. A club that fails keeps the error in
// its run: its jobs are not claimed, and the next tick tries again.
func (s *Scheduler) prepareWeekly(ctx context.Context, runs []*clubRun) {
	if len(runs) == 0 {
		return
	}
	next := make(chan *clubRun)
	var wg sync.WaitGroup
	for range min(len(runs), runtime.GOMAXPROCS(0), maxPrepareWorkers) {
		wg.Go(func() {
			for cr := range next {
				w := &cr.week
				w.members, w.coaches, w.err = s.cfg.Content.ClubWeekly(ctx, cr.club, cr.roster, cr.slot)
				if w.err != nil {
					s.log.Error("scheduler: build weekly summaries", "club", cr.club.ID, "err", w.err)
				}
				cr.roster = nil
			}
		})
	}
	for _, cr := range runs {
		if ctx.Err() != nil {
			break
		}
		next <- cr
	}
	close(next)
	wg.Wait()
}

// closeClubRun records that a club's weekly fan-out is complete, so that
// ClubsDue stops returning the club for this slot, and drops its messages.
// Each recipient has a delivery of their own; this one (member 0) only
// marks the club as done.
func (s *Scheduler) closeClubRun(ctx context.Context, c *clubRun, now time.Time) {
	c.week = clubWeek{}
	ds := []domain.Delivery{{Kind: domain.DeliveryWeeklyClub, ClubID: c.club.ID, LocalDate: c.slot,
		Status: domain.DeliveryPending, CreatedAt: now}}
	if n, _ := s.ledger.claim(ctx, ds); n == 1 {
		s.ledger.markSent(ctx, now, ds[0].ID)
	}
}
