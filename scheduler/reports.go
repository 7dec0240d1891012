package scheduler

import (
	"context"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

// Readiness levels as Reports names them.
const (
	LevelGreen = "green"
	LevelAmber = "amber"
	LevelRed   = "red"
)

// Reports renders the science for scheduled messages. The handlers own the
// wording of readiness and weekly summaries, so the scheduler asks them
// rather than computing its own.
type Reports interface {
	// ReadinessLine sums up the member's readiness on date in one line, with
	// its level (LevelGreen, LevelAmber, LevelRed); ok is false when there is
	// no readiness for that date (no check-in, or too little history).
	ReadinessLine(ctx context.Context, m domain.Member, date domain.Date) (line, level string, ok bool, err error)
	// MemberWeekly is the member's own weekly summary for the week ending on date.
	MemberWeekly(ctx context.Context, m domain.Member, date domain.Date) (bot.Reply, error)
	// ClubWeekly is the coaches' group summary of the club for the week
	// ending on date; members who do not share are counted, never named.
	ClubWeekly(ctx context.Context, c domain.Club, date domain.Date) (bot.Reply, error)
}

// WeeklyPreparer is an optional part of Reports. Before a club's weekly
// summaries are built, the scheduler hands it the club and its members, so
// that it can read their history in bulk (storage.DB.HistoryOf) and compute
// the figures once, instead of two queries per member; MemberWeekly and
// ClubWeekly then answer from what it kept. It should keep figures, not raw
// history, so that a run over many clubs stays small. The scheduler prepares
// several clubs at once, so PrepareWeekly must be safe for concurrent use.
type WeeklyPreparer interface {
	PrepareWeekly(ctx context.Context, c domain.Club, members []domain.Member, date domain.Date) error
}
