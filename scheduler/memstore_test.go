package scheduler

import (
	"cmp"
	"context"
	"slices"
	"sync"
	"time"

	"github.com/runclub/runclub/domain"
)

// memStore is an in-memory fake of every repository the scheduler and its
// tests use. Like a database, it refuses work on a cancelled context, which
// is how the tests simulate a crash between sending and recording.
type memStore struct {
	mu          sync.Mutex
	nextID      int64
	members     map[int64]domain.Member
	idents      []domain.Identity
	clubs       map[int64]domain.Club
	clubMembers []domain.ClubMember
	deliveries  []domain.Delivery
}

var (
	_ domain.MemberRepository   = (*memStore)(nil)
	_ domain.ClubRepository     = (*memStore)(nil)
	_ domain.DeliveryRepository = (*memStore)(nil)
	_ domain.ScheduleRepository = (*memStore)(nil)
)

func newMemStore() *memStore {
	return &memStore{members: map[int64]domain.Member{}, clubs: map[int64]domain.Club{}}
}

func (s *memStore) id() int64 { s.nextID++; return s.nextID }

func notFound(what string) error { return domain.Errorf(domain.ENOTFOUND, "%s not found", what) }

// CreateMember implements domain.MemberRepository.
func (s *memStore) CreateMember(ctx context.Context, m *domain.Member, id domain.Identity) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m.ID = s.id()
	s.members[m.ID] = *m
	id.MemberID = m.ID
	s.idents = append(s.idents, id)
	return nil
}

// MemberByID implements domain.MemberRepository.
func (s *memStore) MemberByID(ctx context.Context, id int64) (domain.Member, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.members[id]
	if !ok {
		return m, notFound("member")
	}
	return m, nil
}

// MemberByIdentity implements domain.MemberRepository.
func (s *memStore) MemberByIdentity(ctx context.Context, platform, userID string) (domain.Member, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, id := range s.idents {
		if id.Platform == platform && id.UserID == userID {
			return s.members[id.MemberID], nil
		}
	}
	return domain.Member{}, notFound("member")
}

// UpdateMember implements domain.MemberRepository.
func (s *memStore) UpdateMember(ctx context.Context, m domain.Member) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.members[m.ID]; !ok {
		return notFound("member")
	}
	s.members[m.ID] = m
	return nil
}

// AddIdentity implements domain.MemberRepository.
func (s *memStore) AddIdentity(ctx context.Context, id domain.Identity) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, x := range s.idents {
		if x.Platform == id.Platform && x.UserID == id.UserID {
			s.idents[i] = id
			return nil
		}
	}
	s.idents = append(s.idents, id)
	return nil
}

// Identities implements domain.MemberRepository.
func (s *memStore) Identities(ctx context.Context, memberID int64) ([]domain.Identity, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []domain.Identity
	for _, id := range s.idents {
		if id.MemberID == memberID {
			out = append(out, id)
		}
	}
	return out, nil
}

// DeleteMember implements domain.MemberRepository.
func (s *memStore) DeleteMember(ctx context.Context, id int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.members, id)
	s.deliveries = slices.DeleteFunc(s.deliveries, func(x domain.Delivery) bool { return x.MemberID == id })
	s.idents = slices.DeleteFunc(s.idents, func(x domain.Identity) bool { return x.MemberID == id })
	s.clubMembers = slices.DeleteFunc(s.clubMembers, func(x domain.ClubMember) bool { return x.MemberID == id })
	return nil
}

// ClubByChat implements domain.ClubRepository.
func (s *memStore) ClubByChat(ctx context.Context, platform, chatID string) (domain.Club, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.clubs {
		if c.Platform == platform && c.ChatID == chatID {
			return c, nil
		}
	}
	return domain.Club{}, notFound("club")
}

// CreateClub implements domain.ClubRepository.
func (s *memStore) CreateClub(ctx context.Context, c *domain.Club) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c.ID = s.id()
	s.clubs[c.ID] = *c
	return nil
}

// UpdateClub implements domain.ClubRepository.
func (s *memStore) UpdateClub(ctx context.Context, c domain.Club) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.clubs[c.ID] = c
	return nil
}

// SetClubMember implements domain.ClubRepository.
func (s *memStore) SetClubMember(ctx context.Context, cm domain.ClubMember) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, x := range s.clubMembers {
		if x.ClubID == cm.ClubID && x.MemberID == cm.MemberID {
			s.clubMembers[i] = cm
			return nil
		}
	}
	s.clubMembers = append(s.clubMembers, cm)
	return nil
}

// ClubMember implements domain.ClubRepository.
func (s *memStore) ClubMember(ctx context.Context, clubID, memberID int64) (domain.ClubMember, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, x := range s.clubMembers {
		if x.ClubID == clubID && x.MemberID == memberID {
			return x, nil
		}
	}
	return domain.ClubMember{}, notFound("club member")
}

// ClubMembers implements domain.ClubRepository.
func (s *memStore) ClubMembers(ctx context.Context, clubID int64) ([]domain.ClubMember, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []domain.ClubMember
	for _, x := range s.clubMembers {
		if x.ClubID == clubID {
			out = append(out, x)
		}
	}
	return out, nil
}

// MemberClubs implements domain.ClubRepository.
func (s *memStore) MemberClubs(ctx context.Context, memberID int64) ([]domain.ClubMember, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []domain.ClubMember
	for _, x := range s.clubMembers {
		if x.MemberID == memberID {
			out = append(out, x)
		}
	}
	return out, nil
}

// ClaimDeliveries implements domain.DeliveryRepository: like one statement
// of the database's, it claims all of ds it can at once or, on a cancelled
// context, none.
func (s *memStore) ClaimDeliveries(ctx context.Context, ds []domain.Delivery) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for i := range ds {
		d := &ds[i]
		d.ID = 0
		if slices.ContainsFunc(s.deliveries, func(x domain.Delivery) bool {
			return x.Kind == d.Kind && x.MemberID == d.MemberID && x.ClubID == d.ClubID && x.LocalDate == d.LocalDate && x.SubjectID == d.SubjectID
		}) {
			continue
		}
		d.ID, d.Status = s.id(), domain.DeliveryPending
		s.deliveries = append(s.deliveries, *d)
		n++
	}
	return n, nil
}

// ReleaseDeliveries implements domain.DeliveryRepository.
func (s *memStore) ReleaseDeliveries(ctx context.Context, ids ...int64) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.deliveries = slices.DeleteFunc(s.deliveries, func(d domain.Delivery) bool {
		return d.Status == domain.DeliveryPending && slices.Contains(ids, d.ID)
	})
	return nil
}

func (s *memStore) hasDelivery(kind string, memberID, clubID int64, date domain.Date) bool {
	for _, x := range s.deliveries {
		if x.Kind == kind && x.MemberID == memberID && x.ClubID == clubID && x.LocalDate == date {
			return true
		}
	}
	return false
}

func (s *memStore) setDelivery(ctx context.Context, id int64, f func(*domain.Delivery)) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range s.deliveries {
		if s.deliveries[i].ID == id {
			f(&s.deliveries[i])
			return nil
		}
	}
	return notFound("delivery")
}

// MarkSent implements domain.DeliveryRepository.
func (s *memStore) MarkSent(ctx context.Context, at time.Time, ids ...int64) error {
	for _, id := range ids {
		if err := s.setDelivery(ctx, id, func(d *domain.Delivery) { d.Status, d.SentAt = domain.DeliverySent, at }); err != nil {
			return err
		}
	}
	return nil
}

// MarkFailed implements domain.DeliveryRepository.
func (s *memStore) MarkFailed(ctx context.Context, id int64, reason string) error {
	return s.setDelivery(ctx, id, func(d *domain.Delivery) { d.Status, d.Reason = domain.DeliveryFailed, reason })
}

// AbandonPending implements domain.DeliveryRepository.
func (s *memStore) AbandonPending(ctx context.Context, before time.Time, reason string) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for i, d := range s.deliveries {
		if d.Status == domain.DeliveryPending && d.CreatedAt.Before(before) {
			s.deliveries[i].Status, s.deliveries[i].Reason = domain.DeliveryFailed, reason
			n++
		}
	}
	return n, nil
}

// DistinctZones implements domain.ScheduleRepository.
func (s *memStore) DistinctZones(ctx context.Context) ([]string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, m := range s.members {
		out = append(out, m.TZ)
	}
	for _, c := range s.clubs {
		out = append(out, c.TZ)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

func (s *memStore) promptable(m domain.Member, tz string) bool {
	return m.TZ == tz && m.PromptsOn && !m.Unreachable
}

func (s *memStore) sortedMembers() []domain.Member {
	out := make([]domain.Member, 0, len(s.members))
	for _, m := range s.members {
		out = append(out, m)
	}
	slices.SortFunc(out, func(a, b domain.Member) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// MorningDue implements domain.ScheduleRepository.
func (s *memStore) MorningDue(ctx context.Context, tz string, date domain.Date, from, to int) ([]domain.Member, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []domain.Member
	for _, m := range s.sortedMembers() {
		if s.promptable(m, tz) && m.WakeMinute >= from && m.WakeMinute <= to &&
			!s.hasDelivery(domain.DeliveryMorning, m.ID, 0, date) {
			out = append(out, m)
		}
	}
	return out, nil
}

// WindDownDue implements domain.ScheduleRepository.
func (s *memStore) WindDownDue(ctx context.Context, tz string, date domain.Date, now, defaultWindDown int) ([]domain.Member, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []domain.Member
	for _, m := range s.sortedMembers() {
		wd := cmp.Or(m.WindDownMinutes, defaultWindDown)
		if s.promptable(m, tz) && domain.WindDownWindow(now, m.BedMinute, wd) &&
			!s.hasDelivery(domain.DeliveryWindDown, m.ID, 0, domain.WindDownNight(date, now, m.BedMinute, wd)) {
			out = append(out, m)
		}
	}
	return out, nil
}

// ClubsDue implements domain.ScheduleRepository.
func (s *memStore) ClubsDue(ctx context.Context, tz string, date domain.Date, now int) ([]domain.Club, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []domain.Club
	for _, c := range s.clubs {
		slot, ok := domain.WeeklySlotDate(date, now, c.WeeklyDay, c.WeeklyMinute)
		ranRecently := false
		for back := 0; back <= domain.WeeklyRunGapDays; back++ {
			ranRecently = ranRecently || s.hasDelivery(domain.DeliveryWeeklyClub, 0, c.ID, slot.AddDays(-back))
		}
		if c.TZ == tz && ok && !ranRecently {
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(a, b domain.Club) int { return cmp.Compare(a.ID, b.ID) })
	return out, nil
}

// LoneMembersWeeklyDue implements domain.ScheduleRepository.
func (s *memStore) LoneMembersWeeklyDue(ctx context.Context, tz string, slot domain.Date) ([]domain.Member, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []domain.Member
	for _, m := range s.sortedMembers() {
		inClub := slices.ContainsFunc(s.clubMembers, func(x domain.ClubMember) bool { return x.MemberID == m.ID })
		if s.promptable(m, tz) && !inClub && !s.hasDelivery(domain.DeliveryWeeklyMember, m.ID, 0, slot) {
			out = append(out, m)
		}
	}
	return out, nil
}

// Roster implements domain.ClubRepository.
func (s *memStore) Roster(ctx context.Context, clubID int64) ([]domain.RosterEntry, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []domain.RosterEntry
	for _, x := range s.clubMembers {
		if x.ClubID != clubID {
			continue
		}
		home := x.ClubID
		for _, y := range s.clubMembers {
			if y.MemberID == x.MemberID && y.ClubID < home {
				home = y.ClubID
			}
		}
		out = append(out, domain.RosterEntry{Member: s.members[x.MemberID], Role: x.Role, HomeClubID: home})
	}
	slices.SortFunc(out, func(a, b domain.RosterEntry) int { return cmp.Compare(a.Member.ID, b.Member.ID) })
	return out, nil
}

// IdentitiesOf implements domain.ScheduleRepository.
func (s *memStore) IdentitiesOf(ctx context.Context, memberIDs []int64) (map[int64][]domain.Identity, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	want := map[int64]bool{}
	for _, id := range memberIDs {
		want[id] = true
	}
	out := map[int64][]domain.Identity{}
	for _, id := range s.idents {
		if want[id.MemberID] {
			out[id.MemberID] = append(out[id.MemberID], id)
		}
	}
	return out, nil
}

// Deliveries lists the deliveries claimed for date, like storage.DB.Deliveries.
func (s *memStore) Deliveries(ctx context.Context, date domain.Date) ([]domain.Delivery, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []domain.Delivery
	for _, d := range s.deliveries {
		if d.LocalDate == date {
			out = append(out, d)
		}
	}
	return out, nil
}
