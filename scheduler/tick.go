package scheduler

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
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
	// run is the club weekly run the job belongs to, if any; a club
	// summary's reply is shared by the club's coaches.
	run *clubRun
	// date is the local date in the delivery's key.
	date domain.Date
	to   bot.Recipient
}

// clubRun is one club's weekly fan-out within a tick.
type clubRun struct {
	club domain.Club
	slot domain.Date
	// members is the club's roster until its summaries are prepared.
	members []domain.Member

	once  sync.Once
	reply bot.Reply
	err   error
	// incomplete is set when a job of the run could not be claimed or
	// built; the club then stays due and the next tick tries again.
	incomplete atomic.Bool
}

// Tick sends everything due at now: morning prompts, wind-down reminders and
// weekly summaries, including those missed while the bot was down that are
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
	for _, u := range p.unreachable {
		s.recordUnreachable(ctx, u, now, &st)
	}
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

// duePlan is what one tick found due.
type duePlan struct {
	jobs []job
	// unreachable are due deliveries with no private chat on a platform
	// that has a sender.
	unreachable []job
	clubs       []*clubRun
}

// due finds everything due at now, zone by zone, and where it goes. A zone
// that fails is logged and left for the next tick; the plan of the others
// is returned with the joined errors. A nil plan means nothing can be done.
func (s *Scheduler) due(ctx context.Context, now time.Time) (*duePlan, error) {
	zones, err := s.cfg.Schedule.DistinctZones(ctx)
	if err != nil {
		return nil, fmt.Errorf("list time zones: %w", err)
	}
	var errs []error
	var pending []pendingJob
	p := &duePlan{}
	for _, tz := range zones {
		pj, cr, err := s.planZone(ctx, tz, now)
		if err != nil {
			s.log.Error("scheduler: find who is due", "tz", tz, "err", err)
			errs = append(errs, err)
		}
		pending = append(pending, pj...)
		p.clubs = append(p.clubs, cr...)
	}
	s.prepareWeekly(ctx, p.clubs)
	if len(pending) > 0 {
		p.jobs, p.unreachable, err = s.resolve(ctx, pending)
		if err != nil {
			return nil, errors.Join(append(errs, err)...)
		}
	}
	return p, errors.Join(errs...)
}

// pendingJob is a due delivery whose recipient is not resolved yet.
type pendingJob struct {
	kind   string
	member domain.Member
	run    *clubRun
	date   domain.Date
}

// planZone lists what is due in one zone at now.
func (s *Scheduler) planZone(ctx context.Context, tz string, now time.Time) ([]pendingJob, []*clubRun, error) {
	local := now.In(s.location(tz))
	date := domain.DateOf(local)
	minute := local.Hour()*60 + local.Minute()
	var out []pendingJob

	// Morning: due from the wake minute until noon, or for an hour after a
	// wake time later than that. A wake time skipped by a spring-forward gap
	// is below the first minute after the gap, so it fires then.
	from := 0
	if minute >= MorningCutoff {
		from = minute - LateWakeGrace + 1
	}
	ms, err := s.cfg.Schedule.MorningDue(ctx, tz, date, from, minute)
	if err != nil {
		return nil, nil, fmt.Errorf("morning prompts due in %s: %w", tz, err)
	}
	for _, m := range ms {
		out = append(out, pendingJob{kind: domain.DeliveryMorning, member: m, date: date})
	}

	ws, err := s.cfg.Schedule.WindDownDue(ctx, tz, date, minute, s.windDown)
	if err != nil {
		return out, nil, fmt.Errorf("wind-downs due in %s: %w", tz, err)
	}
	for _, m := range ws {
		night := domain.WindDownNight(date, minute, m.BedMinute, s.windDownOf(m))
		out = append(out, pendingJob{kind: domain.DeliveryWindDown, member: m, date: night})
	}

	cs, err := s.cfg.Schedule.ClubsDue(ctx, tz, date, minute)
	if err != nil {
		return out, nil, fmt.Errorf("weekly club summaries due in %s: %w", tz, err)
	}
	var runs []*clubRun
	for _, c := range cs {
		slot, ok := domain.WeeklySlotDate(date, minute, c.WeeklyDay, c.WeeklyMinute)
		if !ok {
			continue
		}
		roster, err := s.cfg.Clubs.Roster(ctx, c.ID)
		if err != nil {
			return out, runs, fmt.Errorf("roster of club %d: %w", c.ID, err)
		}
		cr := &clubRun{club: c, slot: slot, members: make([]domain.Member, len(roster))}
		for i, e := range roster {
			cr.members[i] = e.Member
		}
		runs = append(runs, cr)
		for _, e := range roster {
			if !e.Member.PromptsOn || e.Member.Unreachable {
				continue
			}
			if e.Role == domain.RoleCoach {
				out = append(out, pendingJob{kind: domain.DeliveryWeeklyClub, member: e.Member, run: cr, date: slot})
			}
			if e.HomeClubID == c.ID {
				out = append(out, pendingJob{kind: domain.DeliveryWeeklyMember, member: e.Member, run: cr, date: slot})
			}
		}
	}

	if slot, ok := domain.WeeklySlotDate(date, minute, s.weekDay, s.weekMin); ok {
		lone, err := s.cfg.Schedule.LoneMembersWeeklyDue(ctx, tz, slot)
		if err != nil {
			return out, runs, fmt.Errorf("weekly summaries of members in no club in %s: %w", tz, err)
		}
		for _, m := range lone {
			out = append(out, pendingJob{kind: domain.DeliveryWeeklyMember, member: m, date: slot})
		}
	}
	return out, runs, nil
}

// prepareWeekly lets Reports load the due clubs' history in bulk, if it
// can, a few clubs at a time: reading and computing a club is CPU work in
// SQLite and the science, and a weekly run of many clubs would otherwise use
// one core. A failure only costs speed: that club's summaries are then built
// one by one.
func (s *Scheduler) prepareWeekly(ctx context.Context, runs []*clubRun) {
	p, ok := s.cfg.Reports.(WeeklyPreparer)
	if !ok || len(runs) == 0 {
		return
	}
	next := make(chan *clubRun)
	var wg sync.WaitGroup
	for range min(len(runs), runtime.GOMAXPROCS(0), maxPrepareWorkers) {
		wg.Go(func() {
			for cr := range next {
				if err := p.PrepareWeekly(ctx, cr.club, cr.members, cr.slot); err != nil {
					s.log.Warn("scheduler: prepare weekly summaries", "club", cr.club.ID, "err", err)
				}
				cr.members = nil
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

// maxPrepareWorkers bounds how many clubs are prepared at once: one per core,
// at most four, so that a weekly run leaves room for the bot's commands.
const maxPrepareWorkers = 4

// windDownOf is the member's wind-down time in minutes.
func (s *Scheduler) windDownOf(m domain.Member) int {
	if m.WindDownMinutes > 0 {
		return m.WindDownMinutes
	}
	return s.windDown
}

// resolve finds each recipient's private chat: the first identity whose
// platform has a sender; for a club summary, the club's own platform first.
func (s *Scheduler) resolve(ctx context.Context, pending []pendingJob) (jobs, unreachable []job, err error) {
	ids := make([]int64, 0, len(pending))
	seen := make(map[int64]bool, len(pending))
	for _, p := range pending {
		if !seen[p.member.ID] {
			seen[p.member.ID] = true
			ids = append(ids, p.member.ID)
		}
	}
	idents, err := s.cfg.Schedule.IdentitiesOf(ctx, ids)
	if err != nil {
		return nil, nil, fmt.Errorf("identities of %d members: %w", len(ids), err)
	}
	for _, p := range pending {
		j := job{kind: p.kind, member: p.member, run: p.run, date: p.date}
		prefer := ""
		if p.run != nil {
			prefer = p.run.club.Platform
		}
		if to, ok := s.recipient(idents[p.member.ID], prefer); ok {
			j.to = to
			jobs = append(jobs, j)
		} else {
			unreachable = append(unreachable, j)
		}
	}
	return jobs, unreachable, nil
}

func (s *Scheduler) recipient(ids []domain.Identity, prefer string) (bot.Recipient, bool) {
	for _, id := range ids {
		if id.Platform == prefer && s.cfg.Senders[id.Platform] != nil {
			return bot.Recipient{Platform: id.Platform, UserID: id.UserID}, true
		}
	}
	for _, id := range ids {
		if s.cfg.Senders[id.Platform] != nil {
			return bot.Recipient{Platform: id.Platform, UserID: id.UserID}, true
		}
	}
	return bot.Recipient{}, false
}

// recordUnreachable records a delivery that cannot go anywhere as failed,
// so that it is reported once rather than looked up every minute.
func (s *Scheduler) recordUnreachable(ctx context.Context, j job, now time.Time, st *TickStats) {
	ds := []domain.Delivery{j.delivery(now)}
	n, err := s.cfg.Deliveries.ClaimDeliveries(ctx, ds)
	d := ds[0]
	if err != nil || n == 0 {
		if err != nil {
			j.markIncomplete()
			s.log.Error("scheduler: claim delivery", "kind", j.kind, "member", j.member.ID, "err", err)
		}
		return
	}
	st.Claimed++
	st.Failed++
	s.log.Warn("scheduler: member has no private chat on a connected platform", "kind", j.kind, "member", j.member.ID)
	if err := s.cfg.Deliveries.MarkFailed(ctx, d.ID, "no private chat on a connected platform"); err != nil {
		s.log.Error("scheduler: mark delivery failed", "id", d.ID, "err", err)
	}
}

func (j job) markIncomplete() {
	if j.run != nil {
		j.run.incomplete.Store(true)
	}
}

func (j job) delivery(now time.Time) domain.Delivery {
	d := domain.Delivery{Kind: j.kind, MemberID: j.member.ID, LocalDate: j.date,
		Status: domain.DeliveryPending, CreatedAt: now}
	if j.kind == domain.DeliveryWeeklyClub {
		d.ClubID = j.run.club.ID
	}
	return d
}

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
			s.markSent(w.sendCtx, w.sent)
			mu.Lock()
			st.add(w.st)
			mu.Unlock()
		})
	}
	wg.Wait()
	return st
}

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

// outliving returns a context that ends grace after ctx does, for work that
// must finish once started: a send and the record of its outcome.
func outliving(ctx context.Context, grace time.Duration) (context.Context, context.CancelFunc) {
	out, cancel := context.WithCancel(context.WithoutCancel(ctx))
	stop := context.AfterFunc(ctx, func() { time.AfterFunc(grace, cancel) })
	return out, func() { stop(); cancel() }
}

// markBatch is how many sent deliveries a worker records in one write.
// Recording late is safe: the claim already keeps the message from going
// twice, and a crash before the write leaves the rows pending, which the
// next start marks as not to be resent.
const markBatch = 100

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
		reply, err := s.content(ctx, j, now)
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

// send delivers one claimed message and records the outcome; several run
// at once, so the worker's tallies are guarded by its lock.
func (w *worker) send(it *built, now time.Time) {
	s, ctx := w.s, w.sendCtx
	if it.kind == domain.DeliveryMorning {
		s.openMorningCheckIn(ctx, it.member.ID, it.date, now)
	}
	err := w.sender.Send(ctx, bot.Message{To: it.to, Reply: it.reply})
	w.mu.Lock()
	defer w.mu.Unlock()
	if err != nil {
		w.st.Failed++
		s.log.Warn("scheduler: delivery failed", "kind", it.kind, "member", it.member.ID, "platform", it.to.Platform, "err", err)
		if err := s.cfg.Deliveries.MarkFailed(ctx, it.d.ID, err.Error()); err != nil {
			s.log.Error("scheduler: mark delivery failed", "id", it.d.ID, "err", err)
		}
		return
	}
	w.st.Sent++
	if w.sent = append(w.sent, it.d.ID); len(w.sent) >= markBatch {
		s.markSent(ctx, w.sent)
		w.sent = w.sent[:0]
	}
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

// claim records the items' deliveries as pending in one write; an item
// that is not claimed keeps delivery ID 0.
func (w *worker) claim(ctx context.Context, items []built) {
	s := w.s
	if len(items) == 0 {
		return
	}
	ds := make([]domain.Delivery, len(items))
	for i := range items {
		ds[i] = items[i].d
	}
	n, err := s.cfg.Deliveries.ClaimDeliveries(ctx, ds)
	w.st.Claimed += n
	for i := range items {
		items[i].d = ds[i]
		if err != nil && ds[i].ID == 0 {
			items[i].markIncomplete()
		}
	}
	if err != nil {
		s.log.Error("scheduler: claim deliveries", "count", len(ds), "claimed", n, "err", err)
	}
}

// release gives back the claims of items that were never sent because the
// tick was stopped, so that the next start sends them while still useful.
// It must outlive the cancelled tick, so it gets a context of its own.
func (w *worker) release(ctx context.Context, items []built) {
	var ids []int64
	for _, it := range items {
		if it.d.ID != 0 {
			ids = append(ids, it.d.ID)
			it.markIncomplete()
		}
	}
	w.st.Claimed -= len(ids)
	if len(ids) == 0 {
		return
	}
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := w.s.cfg.Deliveries.ReleaseDeliveries(rctx, ids...); err != nil {
		w.s.log.Error("scheduler: release unsent deliveries", "count", len(ids), "err", err)
	}
}

// markSent records sent deliveries; a failure is logged, the rows stay pending.
func (s *Scheduler) markSent(ctx context.Context, ids []int64) {
	if len(ids) == 0 {
		return
	}
	if err := s.cfg.Deliveries.MarkSent(ctx, s.now(), ids...); err != nil {
		s.log.Error("scheduler: mark deliveries sent", "count", len(ids), "err", err)
	}
}

// content builds the message of a job.
func (s *Scheduler) content(ctx context.Context, j job, now time.Time) (bot.Reply, error) {
	var r bot.Reply
	var err error
	switch j.kind {
	case domain.DeliveryMorning:
		r = s.morning(ctx, j.member, j.date)
	case domain.DeliveryWindDown:
		r = s.windDownMessage(ctx, j.member, j.date)
	case domain.DeliveryWeeklyMember:
		r, err = s.cfg.Reports.MemberWeekly(ctx, j.member, j.date)
	case domain.DeliveryWeeklyClub:
		j.run.once.Do(func() {
			j.run.reply, j.run.err = s.cfg.Reports.ClubWeekly(ctx, j.run.club, j.run.slot)
		})
		r, err = j.run.reply, j.run.err
	default:
		err = fmt.Errorf("unknown delivery kind %q", j.kind)
	}
	if err != nil {
		return r, fmt.Errorf("%s for member %d: %w", j.kind, j.member.ID, err)
	}
	// Everything scheduled is personal: a member's own data, or a group
	// summary meant for a coach's private chat.
	r.Private = true
	return r, nil
}

// closeClubRun records that a club's weekly fan-out is complete, so that
// ClubsDue stops returning the club for this slot. Each recipient has a
// delivery of their own; this one (member 0) only marks the club as done.
func (s *Scheduler) closeClubRun(ctx context.Context, c *clubRun, now time.Time) {
	ds := []domain.Delivery{{Kind: domain.DeliveryWeeklyClub, ClubID: c.club.ID, LocalDate: c.slot,
		Status: domain.DeliveryPending, CreatedAt: now}}
	n, err := s.cfg.Deliveries.ClaimDeliveries(ctx, ds)
	if err != nil {
		s.log.Error("scheduler: record club weekly run", "club", c.club.ID, "err", err)
		return
	}
	if n == 1 {
		if err := s.cfg.Deliveries.MarkSent(ctx, now, ds[0].ID); err != nil {
			s.log.Error("scheduler: record club weekly run", "club", c.club.ID, "err", err)
		}
	}
}

// openMorningCheckIn opens the check-in conversation a morning prompt
// starts, so that a bare number in reply is this morning's RHR. A /forget
// confirmation the member is in the middle of is left alone.
func (s *Scheduler) openMorningCheckIn(ctx context.Context, memberID int64, date domain.Date, now time.Time) {
	if open, err := s.cfg.Conversations.Conversation(ctx, memberID); err == nil && open.Confirming(now) {
		return
	} else if err != nil && domain.ErrorCode(err) != domain.ENOTFOUND {
		s.log.Error("scheduler: read conversation", "member", memberID, "err", err)
	}
	c := domain.Conversation{MemberID: memberID, Kind: domain.ConversationCheckIn, Step: domain.StepRHR,
		Data: map[string]string{domain.ConversationDateKey: date.String()}, UpdatedAt: now}
	if err := s.cfg.Conversations.SaveConversation(ctx, c); err != nil {
		s.log.Error("scheduler: save check-in conversation", "member", memberID, "err", err)
	}
}
