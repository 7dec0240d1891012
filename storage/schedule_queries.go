package storage

import (
	"context"

	"github.com/runclub/runclub/domain"
)

// ScheduleStore answers the scheduler's "who is due now" questions.
type ScheduleStore struct{ db *DB }

// NewScheduleStore returns the due queries over db.
func NewScheduleStore(db *DB) *ScheduleStore { return &ScheduleStore{db: db} }

var _ domain.ScheduleRepository = (*ScheduleStore)(nil)

// The due queries below each read one zone through an index that starts
// with tz: members (tz, wake_minute) and (tz, bed_minute) from migration 1,
// clubs (tz, weekly_day, weekly_minute) from migration 10. The "no delivery
// yet" test is a NOT EXISTS probe of the deliveries key index.

// promptable is the condition for members who may get scheduled messages.
const promptable = `m.prompts_on = ? AND m.unreachable = ?`

// DistinctZones lists the time zones of members and clubs.
func (s *ScheduleStore) DistinctZones(ctx context.Context) ([]string, error) {
	var zones []string
	err := s.db.conn(ctx).Raw(`SELECT tz FROM members UNION SELECT tz FROM clubs ORDER BY tz`).Scan(&zones).Error
	if err != nil {
		return nil, mapError(err, "list time zones")
	}
	return zones, nil
}

// MorningDue lists members of tz waking from..to with no morning delivery
// for date and not away on it.
func (s *ScheduleStore) MorningDue(ctx context.Context, tz string, date domain.Date, from, to int) ([]domain.Member, error) {
	return s.dueMembers(ctx, "morning prompts due", `SELECT m.* FROM members m
		WHERE m.tz = ? AND m.wake_minute BETWEEN ? AND ? AND `+promptable+` AND `+notAway+`
		AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.kind = ? AND d.member_id = m.id
			AND d.club_id = 0 AND d.local_date = ?)
		ORDER BY m.id`,
		tz, from, to, true, false, date.String(), date.String(), domain.DeliveryMorning, date.String())
}

// WindDownDue lists members of tz inside their wind-down window at minute
// now on date, with no wind-down delivery for the window's night and not
// away on that night. The index
// range covers bedtimes up to MaxWindDownMinutes ahead (two ranges when that
// wraps past midnight); the exact window and night are computed per row with
// the same rule as domain.WindDownWindow and domain.WindDownNight.
func (s *ScheduleStore) WindDownDue(ctx context.Context, tz string, date domain.Date, now, defaultWindDown int) ([]domain.Member, error) {
	const wd = `(CASE WHEN m.wind_down_minutes > 0 THEN m.wind_down_minutes ELSE ? END)`
	const ahead = `((m.bed_minute - ? + 1440) % 1440)`
	end := now + max(defaultWindDown, domain.MaxWindDownMinutes)
	bedRange, args := `m.bed_minute > ? AND m.bed_minute <= ?`, []any{tz, now, end}
	if end >= domain.MinutesPerDay {
		bedRange = `(m.bed_minute > ? OR m.bed_minute <= ?)`
		args = []any{tz, now, end - domain.MinutesPerDay}
	}
	// night is the window's night (domain.WindDownNight), with nightArgs.
	const night = `(CASE WHEN m.bed_minute > ? AND m.bed_minute < ` + wd + ` THEN ? ELSE ? END)`
	nightArgs := []any{now, defaultWindDown, date.AddDays(-1).String(), date.String()}
	args = append(args, true, false, now, now, defaultWindDown, domain.DeliveryWindDown)
	args = append(append(append(args, nightArgs...), nightArgs...), nightArgs...)
	return s.dueMembers(ctx, "wind-downs due", `SELECT m.* FROM members m
		WHERE m.tz = ? AND `+bedRange+` AND `+promptable+`
		AND `+ahead+` > 0 AND `+ahead+` <= `+wd+`
		AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.kind = ? AND d.member_id = m.id AND d.club_id = 0
			AND d.local_date = `+night+`)
		AND NOT EXISTS (SELECT 1 FROM away a WHERE a.member_id = m.id AND a.until_date >= `+night+` AND a.from_date <= `+night+`)
		ORDER BY m.id`, args...)
}

// LoneMembersWeeklyDue lists members of tz in no club, with no weekly member
// delivery for slot.
func (s *ScheduleStore) LoneMembersWeeklyDue(ctx context.Context, tz string, slot domain.Date) ([]domain.Member, error) {
	return s.dueMembers(ctx, "weekly summaries due", `SELECT m.* FROM members m
		WHERE m.tz = ? AND `+promptable+`
		AND NOT EXISTS (SELECT 1 FROM club_members cm WHERE cm.member_id = m.id)
		AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.kind = ? AND d.member_id = m.id
			AND d.club_id = 0 AND d.local_date = ?)
		ORDER BY m.id`,
		tz, true, false, domain.DeliveryWeeklyMember, slot.String())
}

func (s *ScheduleStore) dueMembers(ctx context.Context, what, query string, args ...any) ([]domain.Member, error) {
	var rows []memberRow
	if err := s.db.conn(ctx).Raw(query, args...).Scan(&rows).Error; err != nil {
		return nil, mapError(err, what)
	}
	out := make([]domain.Member, len(rows))
	for i, r := range rows {
		out[i] = r.domain()
	}
	return out, nil
}

// ClubsDue lists clubs of tz whose weekly slot is today at or before now, or
// yesterday after now (within 24 hours), and whose run for that slot is not
// recorded yet (the club's own delivery, member_id 0).
func (s *ScheduleStore) ClubsDue(ctx context.Context, tz string, date domain.Date, now int) ([]domain.Club, error) {
	today, yesterday := int(date.Weekday()), int(date.AddDays(-1).Weekday())
	var rows []clubRow
	err := s.db.conn(ctx).Raw(`SELECT c.* FROM clubs c
		WHERE c.tz = ?
		AND ((c.weekly_day = ? AND c.weekly_minute <= ?) OR (c.weekly_day = ? AND c.weekly_minute > ?))
		AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.kind = ? AND d.member_id = 0 AND d.club_id = c.id
			AND d.local_date BETWEEN (CASE WHEN c.weekly_day = ? THEN ? ELSE ? END)
				AND (CASE WHEN c.weekly_day = ? THEN ? ELSE ? END))
		ORDER BY c.id`,
		tz, today, now, yesterday, now, domain.DeliveryWeeklyClub,
		today, date.AddDays(-domain.WeeklyRunGapDays).String(), date.AddDays(-1-domain.WeeklyRunGapDays).String(),
		today, date.String(), date.AddDays(-1).String()).
		Scan(&rows).Error
	if err != nil {
		return nil, mapError(err, "weekly summaries due")
	}
	out := make([]domain.Club, len(rows))
	for i, r := range rows {
		out[i] = r.domain()
	}
	return out, nil
}

// IdentitiesOf returns the platform accounts of several members, keyed by member id.
func (s *ScheduleStore) IdentitiesOf(ctx context.Context, memberIDs []int64) (map[int64][]domain.Identity, error) {
	out := make(map[int64][]domain.Identity, len(memberIDs))
	for start := 0; start < len(memberIDs); start += inListChunk {
		ids := memberIDs[start:min(start+inListChunk, len(memberIDs))]
		var rows []identityRow
		if err := s.db.conn(ctx).Where("member_id IN ?", ids).Order("member_id, platform, user_id").Find(&rows).Error; err != nil {
			return nil, mapError(err, "identities of members")
		}
		for _, r := range rows {
			out[r.MemberID] = append(out[r.MemberID], r.domain())
		}
	}
	return out, nil
}
