package scheduler

import (
	"context"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

// TickStats counts what one tick did.
type TickStats struct {
	// Due is how many deliveries the tick found due.
	Due int
	// Claimed is how many it recorded as its own; the rest were taken already.
	Claimed int
	// Sent and Failed count the platforms' answers to the claimed ones.
	Sent   int
	Failed int
}

func (t *TickStats) add(o TickStats) {
	t.Due += o.Due
	t.Claimed += o.Claimed
	t.Sent += o.Sent
	t.Failed += o.Failed
}

// job is one message to one recipient.
type job struct {
	kind string
	// member is the recipient (the coach, for a club summary).
	member domain.Member
	// run is the club weekly run the job belongs to, if any; alert is set
	// for a coach alert.
	run   *clubRun
	alert *alertJob
	// date is the local date in the delivery's key.
	date domain.Date
	to   bot.Recipient
}

// markIncomplete keeps the job's club due, if it has one, so that the next
// tick tries again: the job could not be claimed or built.
func (j job) markIncomplete() {
	if j.run != nil {
		j.run.incomplete.Store(true)
	}
}

// delivery is the job's record in the ledger.
func (j job) delivery(now time.Time) domain.Delivery {
	d := domain.Delivery{Kind: j.kind, MemberID: j.member.ID, LocalDate: j.date,
		Status: domain.DeliveryPending, CreatedAt: now}
	if j.kind == domain.DeliveryWeeklyClub {
		d.ClubID = j.run.club.ID
	}
	if j.alert != nil {
		d.ClubID, d.SubjectID = j.alert.club.ID, j.alert.subject.MemberID
	}
	return d
}

// Tick sends everything due at now: morning prompts, wind-down reminders,
// weekly summaries and coach alerts, including those missed while the bot was down that are
// still useful. Tests call it with fixed times; cron calls it every minute.
// Errors of single zones or recipients are logged and joined; the rest of the
// tick goes on.
func (s *Scheduler) Tick(ctx context.Context, now time.Time) (TickStats, error) {
	var st TickStats
	p, err := s.due(ctx, now)
	if p == nil {
		return st, err
	}
	st.Due = len(p.jobs) + len(p.unreachable)
	s.cfg.Observer.DeliveriesDue(st.Due)
	st.add(s.recordUnreachable(ctx, p.unreachable, now))
	st.add(s.fanOut(ctx, p.jobs))
	if ctx.Err() == nil {
		for _, c := range p.clubs {
			if !c.incomplete.Load() {
				s.closeClubRun(ctx, c, now)
			}
		}
	}
	return st, err
}
