package handlers

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

// ScheduledReports gives the scheduler the same words the commands use: the
// readiness line of a morning, /week for a member and /summary for a club.
// Use it by pointer; the zero value with Service set is ready. For a weekly
// run it can prepare a whole club at once (PrepareWeekly); without that, or
// when what it prepared is gone, each summary is computed on its own. It is
// safe for concurrent use: the scheduler prepares several clubs at once.
type ScheduledReports struct {
	Service *Service

	mu sync.Mutex
	// members and clubs hold the rendered texts PrepareWeekly made, until
	// they are asked for once or grow older than preparedFor.
	members map[weeklyKey]prepared
	clubs   map[weeklyKey]prepared
	swept   time.Time
}

// weeklyKey is a member or club and the last day of the week summed up.
type weeklyKey struct {
	id  int64
	end domain.Date
}

type prepared struct {
	text string
	at   time.Time
}

// preparedFor is how long a prepared text may be used. A weekly run sends
// within minutes of preparing; a text that waited longer (a platform that was
// stuck, a member who moved club) is computed again from what is stored then.
const preparedFor = 30 * time.Minute

// groupNote tells the group where the coach's summary went.
const groupNote = "I sent the group's week to you in a private chat."

// ReadinessLine sums up the member's readiness on d; ok is false when there
// was nothing to judge by (no check-in that day).
func (r *ScheduledReports) ReadinessLine(ctx context.Context, m domain.Member, d domain.Date) (line, level string, ok bool, err error) {
	rd, err := r.Service.Readiness(ctx, m, d)
	if err != nil {
		return "", "", false, err
	}
	if rd.Verdict == domain.VerdictUnknown {
		return "", "", false, nil
	}
	return rd.Summary(), string(rd.Verdict), true, nil
}

// MemberWeekly is the member's own weekly summary, as /week shows it.
func (r *ScheduledReports) MemberWeekly(ctx context.Context, m domain.Member, d domain.Date) (bot.Reply, error) {
	if text, ok := r.take(false, weeklyKey{m.ID, d}); ok {
		return bot.Reply{Text: text, Private: true}, nil
	}
	return r.Service.WeekReply(ctx, m, d)
}

// ClubWeekly is the coaches' group summary, as /summary shows it. Coaches get
// one text for the club, in kilometres first with miles beside them.
func (r *ScheduledReports) ClubWeekly(ctx context.Context, c domain.Club, d domain.Date) (bot.Reply, error) {
	if text, ok := r.take(true, weeklyKey{c.ID, d}); ok {
		return bot.Reply{Text: text, Private: true, GroupNote: groupNote}, nil
	}
	return r.Service.GroupWeekReply(ctx, c, d, domain.UnitsKM)
}

// take returns a prepared member's (or club's) text once, if it is still fresh.
func (r *ScheduledReports) take(club bool, k weeklyKey) (string, bool) {
	now := r.Service.Now()
	r.mu.Lock()
	defer r.mu.Unlock()
	texts := r.members
	if club {
		texts = r.clubs
	}
	p, ok := texts[k]
	if !ok {
		return "", false
	}
	delete(texts, k)
	return p.text, now.Sub(p.at) < preparedFor
}

// PrepareWeekly computes the weekly summaries of club c and of its members
// for the week ending end, reading their history in two queries rather than
// two per member. It keeps only the rendered texts (a few hundred bytes a
// member), which MemberWeekly and ClubWeekly then hand out once each. When
// the repositories cannot read in bulk it does nothing and the summaries are
// computed one by one as before.
func (r *ScheduledReports) PrepareWeekly(ctx context.Context, c domain.Club, members []domain.Member, end domain.Date) error {
	hr := r.Service.History
	if hr == nil {
		return nil
	}
	ids := make([]int64, len(members))
	for i, m := range members {
		ids[i] = m.ID
	}
	hist, err := hr.HistoryOf(ctx, ids, end.AddDays(-(HistoryDays - 1)), end)
	if err != nil {
		return fmt.Errorf("read the history of club %d's %d members: %w", c.ID, len(members), err)
	}

	// The group summary computes each sharing member's week in kilometres;
	// a member who reads kilometres gets that same week, so it is computed
	// once. Members who do not share are not given their history here, as
	// in GroupWeekReply.
	gms := make([]domain.GroupMember, len(members))
	for i, m := range members {
		gms[i] = domain.GroupMember{Member: m}
		if m.ShareWithCoach {
			gms[i].History = hist[m.ID]
		}
	}
	g := domain.GroupSummary(gms, end, domain.UnitsKM)
	inGroup := make(map[int64]*domain.MemberWeek, len(g.Members))
	for i := range g.Members {
		inGroup[g.Members[i].MemberID] = &g.Members[i]
	}
	texts := make([]string, len(members))
	for i, m := range members {
		if w, ok := inGroup[m.ID]; ok && m.Units == domain.UnitsKM {
			texts[i] = MemberWeekText(*w, m)
		} else {
			texts[i] = MemberWeekText(domain.WeeklySummary(m, hist[m.ID], end), m)
		}
	}
	club := GroupWeekText(g, c.Title, domain.UnitsKM)

	now := r.Service.Now()
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.members == nil {
		r.members, r.clubs = map[weeklyKey]prepared{}, map[weeklyKey]prepared{}
	}
	r.sweep(now)
	for i, m := range members {
		r.members[weeklyKey{m.ID, end}] = prepared{text: texts[i], at: now}
	}
	r.clubs[weeklyKey{c.ID, end}] = prepared{text: club, at: now}
	return nil
}

// sweep drops texts older than preparedFor (members prepared with a club that
// is not their home club are never asked for), at most once per preparedFor.
// r.mu must be held.
func (r *ScheduledReports) sweep(now time.Time) {
	if now.Sub(r.swept) < preparedFor {
		return
	}
	r.swept = now
	for _, texts := range []map[weeklyKey]prepared{r.members, r.clubs} {
		for k, p := range texts {
			if now.Sub(p.at) >= preparedFor {
				delete(texts, k)
			}
		}
	}
}
