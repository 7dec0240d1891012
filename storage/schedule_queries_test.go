package storage_test

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/runclub/runclub/domain"
)

// member stores a member with the given zone and times, on Telegram.
func member(t *testing.T, db *testDB, name, tz string, wake, bed, windDown int) domain.Member {
	t.Helper()
	m := domain.NewMember(name, tz)
	m.WakeMinute, m.BedMinute, m.WindDownMinutes = wake, bed, windDown
	if err := db.Members.CreateMember(context.Background(), &m, domain.Identity{Platform: domain.PlatformTelegram, UserID: name}); err != nil {
		t.Fatalf("create member %s: %v", name, err)
	}
	return m
}

func ids(ms []domain.Member) []int64 {
	out := make([]int64, len(ms))
	for i, m := range ms {
		out[i] = m.ID
	}
	return out
}

func TestDistinctZonesOfMembersAndClubs(t *testing.T) {
	forEachDB(t, testDistinctZonesOfMembersAndClubs)
}

func testDistinctZonesOfMembersAndClubs(t *testing.T, b backend) {
	ctx := context.Background()
	db, _ := b.open(t)
	member(t, db, "a", "Europe/London", 390, 1350, 0)
	member(t, db, "b", "Europe/London", 390, 1350, 0)
	member(t, db, "c", "Pacific/Kiritimati", 390, 1350, 0)
	if err := db.Clubs.CreateClub(ctx, &domain.Club{Platform: "telegram", ChatID: "g", TZ: "America/New_York"}); err != nil {
		t.Fatal(err)
	}
	got, err := db.Schedule.DistinctZones(ctx)
	want := []string{"America/New_York", "Europe/London", "Pacific/Kiritimati"}
	if err != nil || !slices.Equal(got, want) {
		t.Errorf("DistinctZones = %v, %v; want %v", got, err, want)
	}
}

func TestMorningDueLeavesOutSilencedAndPromptedMembers(t *testing.T) {
	forEachDB(t, testMorningDueLeavesOutSilencedAndPromptedMembers)
}

func testMorningDueLeavesOutSilencedAndPromptedMembers(t *testing.T, b backend) {
	ctx := context.Background()
	db, _ := b.open(t)
	date := day("2026-01-14")
	early := member(t, db, "early", "Europe/London", 5*60, 1350, 0)
	onTime := member(t, db, "ontime", "Europe/London", 6*60+30, 1350, 0)
	member(t, db, "later", "Europe/London", 6*60+31, 1350, 0)
	member(t, db, "elsewhere", "Europe/Paris", 6*60+30, 1350, 0)
	off := member(t, db, "off", "Europe/London", 6*60, 1350, 0)
	off.PromptsOn = false
	gone := member(t, db, "gone", "Europe/London", 6*60, 1350, 0)
	gone.Unreachable = true
	for _, m := range []domain.Member{off, gone} {
		if err := db.Members.UpdateMember(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	deleted := member(t, db, "deleted", "Europe/London", 6*60, 1350, 0)
	if err := db.Members.DeleteMember(ctx, deleted.ID); err != nil {
		t.Fatal(err)
	}

	ill := member(t, db, "ill", "Europe/London", 6*60, 1350, 0)
	back := member(t, db, "back", "Europe/London", 6*60+30, 1350, 0)
	for _, a := range []domain.Away{
		{MemberID: ill.ID, From: date.AddDays(-1), Until: date.AddDays(1), Reason: domain.AwayIll},
		{MemberID: back.ID, From: date.AddDays(-3), Until: date.AddDays(-1), Reason: domain.AwayTravel},
	} {
		if err := db.Away.SetAway(ctx, a); err != nil {
			t.Fatal(err)
		}
	}

	got, err := db.Schedule.MorningDue(ctx, "Europe/London", date, 0, 6*60+30)
	if err != nil {
		t.Fatal(err)
	}
	if want := []int64{early.ID, onTime.ID, back.ID}; !slices.Equal(ids(got), want) {
		t.Errorf("due = %v, want %v", ids(got), want)
	}
	// Once claimed for the date, a member is no longer due that day, but is
	// the next; the member away is due again the day after their last day away.
	if _, ok := claim(t, db, domain.Delivery{Kind: domain.DeliveryMorning, MemberID: early.ID, LocalDate: date}); !ok {
		t.Fatal("claim refused")
	}
	got, _ = db.Schedule.MorningDue(ctx, "Europe/London", date, 0, 6*60+30)
	if want := []int64{onTime.ID, back.ID}; !slices.Equal(ids(got), want) {
		t.Errorf("due after a claim = %v, want %v", ids(got), want)
	}
	got, _ = db.Schedule.MorningDue(ctx, "Europe/London", date.AddDays(2), 0, 6*60+30)
	if want := []int64{early.ID, onTime.ID, ill.ID, back.ID}; !slices.Equal(ids(got), want) {
		t.Errorf("due the next day = %v, want %v", ids(got), want)
	}
	// The range's lower end cuts off prompts that are no longer useful.
	got, _ = db.Schedule.MorningDue(ctx, "Europe/London", date, 6*60, 6*60+30)
	if want := []int64{onTime.ID, back.ID}; !slices.Equal(ids(got), want) {
		t.Errorf("due from 06:00 = %v, want %v", ids(got), want)
	}
}

// TestWindDownDueMatchesTheDomainRule checks the SQL against
// domain.WindDownWindow and domain.WindDownNight for bedtimes all around the
// clock, wind-downs of every length, and claims on either night.
func TestWindDownDueMatchesTheDomainRule(t *testing.T) {
	forEachDB(t, testWindDownDueMatchesTheDomainRule)
}

func testWindDownDueMatchesTheDomainRule(t *testing.T, b backend) {
	ctx := context.Background()
	db, _ := b.open(t)
	const tz, def = "Europe/London", 60
	date := day("2026-01-14")
	var members []domain.Member
	for i, bed := range []int{0, 15, 30, 59, 60, 90, 200, 239, 240, 600, 1260, 1320, 1350, 1380, 1410, 1439} {
		for _, wd := range []int{0, 30, 240} {
			members = append(members, member(t, db, fmt.Sprintf("m%d-%d", i, wd), tz, 390, bed, wd))
		}
	}
	// Claim some nights: every third member for the evening of the 13th,
	// every fifth for the 14th.
	claimed := map[[2]int64]bool{}
	for i, m := range members {
		for _, c := range []struct {
			every int
			night domain.Date
		}{{3, date.AddDays(-1)}, {5, date}} {
			if i%c.every == 0 {
				claim(t, db, domain.Delivery{Kind: domain.DeliveryWindDown, MemberID: m.ID, LocalDate: c.night})
				claimed[[2]int64{m.ID, int64(c.night.DayNumber())}] = true
			}
		}
	}
	// Every seventh member is away on the 13th only, every eleventh from
	// the 14th: a night away gets no wind-down.
	away := map[int64]domain.Away{}
	for i, m := range members {
		a := domain.Away{MemberID: m.ID, Reason: domain.AwayIll}
		switch {
		case i%7 == 1:
			a.From, a.Until = date.AddDays(-3), date.AddDays(-1)
		case i%11 == 2:
			a.From, a.Until = date, date.AddDays(2)
		default:
			continue
		}
		if err := db.Away.SetAway(ctx, a); err != nil {
			t.Fatal(err)
		}
		away[m.ID] = a
	}
	for now := 0; now < domain.MinutesPerDay; now += 7 {
		got, err := db.Schedule.WindDownDue(ctx, tz, date, now, def)
		if err != nil {
			t.Fatal(err)
		}
		var want []int64
		for _, m := range members {
			wd := cmp.Or(m.WindDownMinutes, def)
			night := domain.WindDownNight(date, now, m.BedMinute, wd)
			if a, ok := away[m.ID]; ok && a.Covers(night) {
				continue
			}
			if domain.WindDownWindow(now, m.BedMinute, wd) && !claimed[[2]int64{m.ID, int64(night.DayNumber())}] {
				want = append(want, m.ID)
			}
		}
		if !slices.Equal(ids(got), want) {
			t.Errorf("at %s: due %v, want %v", domain.FormatClock(now), ids(got), want)
		}
	}
}

func TestClubsDueMatchesTheWeeklySlotRule(t *testing.T) {
	forEachDB(t, testClubsDueMatchesTheWeeklySlotRule)
}

func testClubsDueMatchesTheWeeklySlotRule(t *testing.T, b backend) {
	ctx := context.Background()
	db, _ := b.open(t)
	const tz = "America/New_York"
	var clubs []domain.Club
	for i, slot := range []struct {
		day    time.Weekday
		minute int
	}{{time.Sunday, 18 * 60}, {time.Sunday, 0}, {time.Saturday, 23*60 + 59}, {time.Monday, 7 * 60}, {time.Thursday, 12 * 60}} {
		c := domain.Club{Platform: "telegram", ChatID: fmt.Sprint("g", i), TZ: tz, WeeklyDay: slot.day, WeeklyMinute: slot.minute}
		if err := db.Clubs.CreateClub(ctx, &c); err != nil {
			t.Fatal(err)
		}
		clubs = append(clubs, c)
	}
	other := domain.Club{Platform: "telegram", ChatID: "paris", TZ: "Europe/Paris", WeeklyDay: time.Sunday, WeeklyMinute: 18 * 60}
	if err := db.Clubs.CreateClub(ctx, &other); err != nil {
		t.Fatal(err)
	}
	// The first club's run for Sunday 2026-05-31 is recorded already.
	claim(t, db, domain.Delivery{Kind: domain.DeliveryWeeklyClub, ClubID: clubs[0].ID, LocalDate: day("2026-05-31")})
	// A coach's own delivery does not count as the club's run.
	claim(t, db, domain.Delivery{Kind: domain.DeliveryWeeklyClub, MemberID: 99, ClubID: clubs[1].ID, LocalDate: day("2026-05-31")})

	for d := day("2026-05-29"); !d.After(day("2026-06-02")); d = d.AddDays(1) {
		for now := 0; now < domain.MinutesPerDay; now += 31 {
			got, err := db.Schedule.ClubsDue(ctx, tz, d, now)
			if err != nil {
				t.Fatal(err)
			}
			var want []int64
			for _, c := range clubs {
				slot, ok := domain.WeeklySlotDate(d, now, c.WeeklyDay, c.WeeklyMinute)
				if ok && !(c.ID == clubs[0].ID && slot == day("2026-05-31")) {
					want = append(want, c.ID)
				}
			}
			var gotIDs []int64
			for _, c := range got {
				gotIDs = append(gotIDs, c.ID)
			}
			if !slices.Equal(gotIDs, want) {
				t.Errorf("%s %s: due %v, want %v", d, domain.FormatClock(now), gotIDs, want)
			}
		}
	}
}

func TestLoneMembersWeeklyDueAreThoseInNoClub(t *testing.T) {
	forEachDB(t, testLoneMembersWeeklyDueAreThoseInNoClub)
}

func testLoneMembersWeeklyDueAreThoseInNoClub(t *testing.T, b backend) {
	ctx := context.Background()
	db, _ := b.open(t)
	slot := day("2026-12-31")
	lone := member(t, db, "lone", "UTC", 390, 1350, 0)
	joined := member(t, db, "joined", "UTC", 390, 1350, 0)
	done := member(t, db, "done", "UTC", 390, 1350, 0)
	c := domain.Club{Platform: "telegram", ChatID: "g", TZ: "UTC"}
	if err := db.Clubs.CreateClub(ctx, &c); err != nil {
		t.Fatal(err)
	}
	if err := db.Clubs.SetClubMember(ctx, domain.ClubMember{ClubID: c.ID, MemberID: joined.ID, Role: domain.RoleMember}); err != nil {
		t.Fatal(err)
	}
	claim(t, db, domain.Delivery{Kind: domain.DeliveryWeeklyMember, MemberID: done.ID, LocalDate: slot})
	got, err := db.Schedule.LoneMembersWeeklyDue(ctx, "UTC", slot)
	if want := []int64{lone.ID}; err != nil || !slices.Equal(ids(got), want) {
		t.Errorf("lone members due = %v, %v; want %v", ids(got), err, want)
	}
}

func TestClubRosterNamesRolesAndHomeClubs(t *testing.T) {
	forEachDB(t, testClubRosterNamesRolesAndHomeClubs)
}

func testClubRosterNamesRolesAndHomeClubs(t *testing.T, b backend) {
	ctx := context.Background()
	db, _ := b.open(t)
	a := member(t, db, "a", "UTC", 390, 1350, 0)
	bm := member(t, db, "bm", "UTC", 390, 1350, 0)
	var clubs []domain.Club
	for _, g := range []string{"g1", "g2"} {
		c := domain.Club{Platform: "telegram", ChatID: g, TZ: "UTC"}
		if err := db.Clubs.CreateClub(ctx, &c); err != nil {
			t.Fatal(err)
		}
		clubs = append(clubs, c)
	}
	for _, cm := range []domain.ClubMember{
		{ClubID: clubs[1].ID, MemberID: a.ID, Role: domain.RoleCoach},
		{ClubID: clubs[1].ID, MemberID: bm.ID, Role: domain.RoleMember},
		{ClubID: clubs[0].ID, MemberID: bm.ID, Role: domain.RoleMember},
	} {
		if err := db.Clubs.SetClubMember(ctx, cm); err != nil {
			t.Fatal(err)
		}
	}
	got, err := db.Clubs.Roster(ctx, clubs[1].ID)
	if err != nil {
		t.Fatal(err)
	}
	want := []domain.RosterEntry{
		{Member: a, Role: domain.RoleCoach, HomeClubID: clubs[1].ID},
		{Member: bm, Role: domain.RoleMember, HomeClubID: clubs[0].ID},
	}
	if len(got) != len(want) {
		t.Fatalf("roster = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i].Member.ID != want[i].Member.ID || got[i].Member.Name != want[i].Member.Name || got[i].Member.TZ != "UTC" ||
			got[i].Role != want[i].Role || got[i].HomeClubID != want[i].HomeClubID {
			t.Errorf("roster[%d] = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestIdentitiesOfManyMembersAtOnce(t *testing.T) { forEachDB(t, testIdentitiesOfManyMembersAtOnce) }

func testIdentitiesOfManyMembersAtOnce(t *testing.T, b backend) {
	ctx := context.Background()
	db, _ := b.open(t)
	var all []int64
	for i := range 1100 { // more than one IN-list chunk
		m := member(t, db, fmt.Sprint("u", i), "UTC", 390, 1350, 0)
		all = append(all, m.ID)
	}
	if err := db.Members.AddIdentity(ctx, domain.Identity{Platform: domain.PlatformDiscord, UserID: "d7", MemberID: all[7]}); err != nil {
		t.Fatal(err)
	}
	got, err := db.Schedule.IdentitiesOf(ctx, all)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(all) {
		t.Fatalf("identities for %d members, want %d", len(got), len(all))
	}
	if ids := got[all[7]]; len(ids) != 2 || ids[0].Platform != domain.PlatformDiscord || ids[1].UserID != "u7" {
		t.Errorf("identities of member 7 = %+v, want discord d7 and telegram u7", ids)
	}
	if ids := got[all[1099]]; len(ids) != 1 || ids[0].UserID != "u1099" {
		t.Errorf("identities of the last member = %+v", ids)
	}
}
