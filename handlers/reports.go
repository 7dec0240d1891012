package handlers

import (
	"context"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

// ScheduledReports gives the scheduler the same words the commands use: the
// readiness line of a morning, /week for a member and /summary for a club.
type ScheduledReports struct {
	Service *Service
}

// ReadinessLine sums up the member's readiness on d; ok is false when there
// was nothing to judge by (no check-in that day).
func (r ScheduledReports) ReadinessLine(ctx context.Context, m domain.Member, d domain.Date) (line, level string, ok bool, err error) {
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
func (r ScheduledReports) MemberWeekly(ctx context.Context, m domain.Member, d domain.Date) (bot.Reply, error) {
	return r.Service.WeekReply(ctx, m, d)
}

// ClubWeekly is the coaches' group summary, as /summary shows it. Coaches get
// one text for the club, in kilometres first with miles beside them.
func (r ScheduledReports) ClubWeekly(ctx context.Context, c domain.Club, d domain.Date) (bot.Reply, error) {
	return r.Service.GroupWeekReply(ctx, c, d, domain.UnitsKM)
}
