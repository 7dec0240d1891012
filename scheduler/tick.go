package scheduler

import (
	"context"
	"errors"
	"fmt"
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
		cr := &clubRun{club: c, slot: slot}
		roster, err := s.cfg.Schedule.ClubRoster(ctx, c.ID)
		if err != nil {
			return out, runs, fmt.Errorf("roster of club %d: %w", c.ID, err)
		}
		runs = append(runs, cr)
		s.prepareWeekly(ctx, c, roster, slot)
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

// prepareWeekly lets Reports load a due club's history in bulk, if it can.
// A failure only costs speed: the summaries are then built one by one.
func (s *Scheduler) prepareWeekly(ctx context.Context, c domain.Club, roster []domain.RosterEntry, slot domain.Date) {
	p, ok := s.cfg.Reports.(WeeklyPreparer)
	if !ok {
		return
	}
	members := make([]domain.Member, len(roster))
	for i, e := range roster {
		members[i] = e.Member
	}
	if err := p.PrepareWeekly(ctx, c, members, slot); err != nil {
		s.log.Warn("scheduler: prepare weekly summaries", "club", c.ID, "err", err)
	}
}

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
	d := j.delivery(now)
	claimed, err := s.cfg.Deliveries.ClaimDelivery(ctx, &d)
	if err != nil || !claimed {
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
		mu  sync.Mutex
		st  TickStats
		wg  sync.WaitGroup
		now = s.now
	)
	for platform, js := range byPlatform {
		sender := s.cfg.Senders[platform]
		wg.Go(func() {
			var local TickStats
			var sent []int64
			for _, j := range js {
				if ctx.Err() != nil {
					break
				}
				if id, ok := s.deliver(ctx, sender, j, now(), &local); ok {
					if sent = append(sent, id); len(sent) >= markBatch {
						s.markSent(ctx, sent)
						sent = sent[:0]
					}
				}
			}
			s.markSent(ctx, sent)
			mu.Lock()
			st.add(local)
			mu.Unlock()
		})
	}
	wg.Wait()
	return st
}

// markBatch is how many sent deliveries a worker records in one write.
// Recording late is safe: the claim already keeps the message from going
// twice, and a crash before the write leaves the rows pending, which the
// next start marks as not to be resent.
const markBatch = 100

// markSent records sent deliveries; a failure is logged, the rows stay pending.
func (s *Scheduler) markSent(ctx context.Context, ids []int64) {
	if len(ids) == 0 {
		return
	}
	if err := s.cfg.Deliveries.MarkSent(ctx, s.now(), ids...); err != nil {
		s.log.Error("scheduler: mark deliveries sent", "count", len(ids), "err", err)
	}
}

// deliver builds one message, claims its delivery and sends it; it returns
// the delivery's id when the platform accepted it, for the caller to mark
// as sent. The message is built before the claim, so that a failure to build
// it leaves nothing behind and the next tick tries again.
func (s *Scheduler) deliver(ctx context.Context, sender bot.Sender, j job, now time.Time, st *TickStats) (int64, bool) {
	reply, err := s.content(ctx, j, now)
	if err != nil {
		j.markIncomplete()
		s.log.Error("scheduler: build message", "kind", j.kind, "member", j.member.ID, "err", err)
		return 0, false
	}
	d := j.delivery(now)
	claimed, err := s.cfg.Deliveries.ClaimDelivery(ctx, &d)
	if err != nil {
		j.markIncomplete()
		s.log.Error("scheduler: claim delivery", "kind", j.kind, "member", j.member.ID, "err", err)
		return 0, false
	}
	if !claimed {
		return 0, false
	}
	st.Claimed++
	if j.kind == domain.DeliveryMorning {
		// A bare number in reply to the prompt is this morning's RHR.
		c := domain.Conversation{MemberID: j.member.ID, Kind: ConversationCheckIn, Step: StepRHR,
			Data: map[string]string{"date": j.date.String()}, UpdatedAt: now}
		if err := s.cfg.Conversations.SaveConversation(ctx, c); err != nil {
			s.log.Error("scheduler: save check-in conversation", "member", j.member.ID, "err", err)
		}
	}
	if err := sender.Send(ctx, bot.Message{To: j.to, Reply: reply}); err != nil {
		st.Failed++
		s.log.Warn("scheduler: delivery failed", "kind", j.kind, "member", j.member.ID, "platform", j.to.Platform, "err", err)
		if err := s.cfg.Deliveries.MarkFailed(ctx, d.ID, err.Error()); err != nil {
			s.log.Error("scheduler: mark delivery failed", "id", d.ID, "err", err)
		}
		return 0, false
	}
	st.Sent++
	return d.ID, true
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
	d := domain.Delivery{Kind: domain.DeliveryWeeklyClub, ClubID: c.club.ID, LocalDate: c.slot,
		Status: domain.DeliveryPending, CreatedAt: now}
	claimed, err := s.cfg.Deliveries.ClaimDelivery(ctx, &d)
	if err != nil {
		s.log.Error("scheduler: record club weekly run", "club", c.club.ID, "err", err)
		return
	}
	if claimed {
		if err := s.cfg.Deliveries.MarkSent(ctx, now, d.ID); err != nil {
			s.log.Error("scheduler: record club weekly run", "club", c.club.ID, "err", err)
		}
	}
}
