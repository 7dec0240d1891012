package storage_test

import (
	"context"
	"crypto/sha256"
	"slices"
	"testing"
	"time"

	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/storage"
)

func TestAwaySpansSetEndAndWelcome(t *testing.T) { forEachDB(t, testAwaySpansSetEndAndWelcome) }

func testAwaySpansSetEndAndWelcome(t *testing.T, b backend) {
	ctx := context.Background()
	db, _ := b.open(t)
	m := newMember(t, db, "u1")
	today := day("2026-11-20")
	old := domain.Away{MemberID: m.ID, From: day("2026-11-01"), Until: day("2026-11-03"), Reason: domain.AwayTravel}
	now := domain.Away{MemberID: m.ID, From: today, Until: day("2026-11-22"), Reason: domain.AwayIll}
	for _, a := range []domain.Away{old, now} {
		if err := db.Away.SetAway(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	// /away again while away replaces the plan, and keeps what is over.
	longer := now
	longer.Until, longer.Reason = day("2026-11-25"), domain.AwayInjured
	if err := db.Away.SetAway(ctx, longer); err != nil {
		t.Fatal(err)
	}
	got, err := db.Away.Aways(ctx, []int64{m.ID}, day("2026-10-01"), day("2026-12-31"))
	if err != nil || len(got[m.ID]) != 2 || got[m.ID][0].Until != old.Until || got[m.ID][1].Until != longer.Until || got[m.ID][1].Reason != domain.AwayInjured {
		t.Fatalf("spans %+v, %v", got, err)
	}
	// /back the next day: the span ends today-1, and is to be welcomed from
	// the day after.
	ended, err := db.Away.EndAway(ctx, m.ID, today.AddDays(1))
	if err != nil || ended.Reason != domain.AwayInjured {
		t.Fatalf("end: %+v, %v", ended, err)
	}
	if _, err := db.Away.EndAway(ctx, m.ID, today.AddDays(1)); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("ending twice: %v", err)
	}
	got, _ = db.Away.Aways(ctx, []int64{m.ID}, today, today.AddDays(10))
	if len(got[m.ID]) != 1 || got[m.ID][0].Until != today {
		t.Errorf("after /back: %+v", got[m.ID])
	}
	w, err := db.Away.ToWelcome(ctx, m.ID, today.AddDays(1))
	if err != nil || w.Until != today {
		t.Errorf("to welcome: %+v, %v", w, err)
	}
	if err := db.Away.MarkWelcomed(ctx, m.ID, today.AddDays(1)); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Away.ToWelcome(ctx, m.ID, today.AddDays(1)); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("welcomed twice: %v", err)
	}
	// A span that began today and is ended today leaves nothing.
	if err := db.Away.SetAway(ctx, domain.Away{MemberID: m.ID, From: day("2026-11-28"), Until: day("2026-11-30"), Reason: domain.AwayRest}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Away.EndAway(ctx, m.ID, day("2026-11-28")); err != nil {
		t.Fatal(err)
	}
	got, _ = db.Away.Aways(ctx, []int64{m.ID}, day("2026-11-28"), day("2026-11-30"))
	if len(got[m.ID]) != 0 {
		t.Errorf("a span ended on its first day: %+v", got[m.ID])
	}
}

func TestAlertSubjectsAreTheirOwnKeys(t *testing.T) { forEachDB(t, testAlertSubjectsAreTheirOwnKeys) }

func testAlertSubjectsAreTheirOwnKeys(t *testing.T, b backend) {
	ctx := context.Background()
	db, _ := b.open(t)
	coach, ann, bo := newMember(t, db, "c"), newMember(t, db, "a"), newMember(t, db, "b")
	date := day("2026-11-20")
	alert := func(subject, club int64) domain.Delivery {
		return domain.Delivery{Kind: domain.DeliveryCoachAlert, MemberID: coach.ID, ClubID: club, SubjectID: subject, LocalDate: date, CreatedAt: t0}
	}
	for _, c := range []struct {
		d    domain.Delivery
		want bool
	}{
		{alert(ann.ID, 1), true},
		{alert(bo.ID, 1), true},
		{alert(ann.ID, 1), false}, // the same alert again
		{alert(0, 1), true},       // the club's count of members who do not share
		{alert(0, 2), true},
	} {
		if _, ok := claim(t, db, c.d); ok != c.want {
			t.Errorf("claim %+v = %v", c.d, ok)
		}
	}
	recent, err := db.Alerts.RecentAlerts(ctx, []int64{coach.ID, ann.ID}, t0.Add(-time.Hour))
	want := map[domain.AlertSubject]bool{{MemberID: ann.ID}: true, {MemberID: bo.ID}: true, {ClubID: 1}: true, {ClubID: 2}: true}
	if err != nil || len(recent[coach.ID]) != len(want) || len(recent[ann.ID]) != 0 {
		t.Fatalf("recent = %+v, %v", recent, err)
	}
	for k := range want {
		if !recent[coach.ID][k] {
			t.Errorf("recent lacks %+v", k)
		}
	}
	if later, _ := db.Alerts.RecentAlerts(ctx, []int64{coach.ID}, t0.Add(time.Minute)); len(later) != 0 {
		t.Errorf("alerts claimed before since: %+v", later)
	}
	// Forgetting a member forgets the alerts about them.
	if err := db.Members.DeleteMember(ctx, ann.ID); err != nil {
		t.Fatal(err)
	}
	recent, _ = db.Alerts.RecentAlerts(ctx, []int64{coach.ID}, t0.Add(-time.Hour))
	if recent[coach.ID][domain.AlertSubject{MemberID: ann.ID}] || !recent[coach.ID][domain.AlertSubject{MemberID: bo.ID}] {
		t.Errorf("after /forget: %+v", recent)
	}
}

func TestAlertCoachesAreCoachesWithAlertsOnInTheirZone(t *testing.T) {
	forEachDB(t, testAlertCoachesAreCoachesWithAlertsOnInTheirZone)
}

func testAlertCoachesAreCoachesWithAlertsOnInTheirZone(t *testing.T, b backend) {
	ctx := context.Background()
	db, _ := b.open(t)
	c := domain.Club{Platform: "telegram", ChatID: "-1", TZ: "UTC"}
	c2 := domain.Club{Platform: "telegram", ChatID: "-2", TZ: "UTC"}
	db.Clubs.CreateClub(ctx, &c)
	db.Clubs.CreateClub(ctx, &c2)
	kim := member(t, db, "kim", "Europe/London", 390, 1350, 0)
	lee := member(t, db, "lee", "Europe/London", 390, 1350, 0)
	far := member(t, db, "far", "Asia/Tokyo", 390, 1350, 0)
	ann := member(t, db, "ann", "Europe/London", 390, 1350, 0)
	for _, cm := range []domain.ClubMember{
		{ClubID: c.ID, MemberID: kim.ID, Role: domain.RoleCoach}, {ClubID: c2.ID, MemberID: kim.ID, Role: domain.RoleCoach},
		{ClubID: c.ID, MemberID: lee.ID, Role: domain.RoleCoach}, {ClubID: c.ID, MemberID: far.ID, Role: domain.RoleCoach},
		{ClubID: c.ID, MemberID: ann.ID, Role: domain.RoleMember},
	} {
		if err := db.Clubs.SetClubMember(ctx, cm); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Clubs.SetCoachAlerts(ctx, c2.ID, kim.ID, false); err != nil {
		t.Fatal(err)
	}
	// A role change keeps the switch.
	if err := db.Clubs.SetClubMember(ctx, domain.ClubMember{ClubID: c2.ID, MemberID: kim.ID, Role: domain.RoleCoach}); err != nil {
		t.Fatal(err)
	}
	got, err := db.Alerts.AlertCoaches(ctx, "Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	var places [][2]int64
	for _, p := range got {
		places = append(places, [2]int64{p.Club.ID, p.Coach.ID})
		if p.Club.ChatID != "-1" || p.Club.TZ != "UTC" || p.Coach.TZ != "Europe/London" {
			t.Errorf("place %+v", p)
		}
	}
	if want := [][2]int64{{c.ID, kim.ID}, {c.ID, lee.ID}}; !slices.Equal(places, want) {
		t.Errorf("coaches = %v, want %v", places, want)
	}
	roster, _ := db.Clubs.Roster(ctx, c2.ID)
	if len(roster) != 1 || !roster[0].AlertsOff {
		t.Errorf("roster of club 2: %+v", roster)
	}
	if err := db.Clubs.RemoveClubMember(ctx, c.ID, ann.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.Clubs.RemoveClubMember(ctx, c.ID, ann.ID); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("leaving twice: %v", err)
	}
}

func TestPendingCoachesAreTakenOnce(t *testing.T) { forEachDB(t, testPendingCoachesAreTakenOnce) }

func testPendingCoachesAreTakenOnce(t *testing.T, b backend) {
	ctx := context.Background()
	db, _ := b.open(t)
	c := domain.Club{Platform: "telegram", ChatID: "-1", TZ: "UTC"}
	db.Clubs.CreateClub(ctx, &c)
	for range 2 {
		if err := db.Clubs.AddPendingCoaches(ctx, c.ID, "telegram", []string{"7", "8"}); err != nil {
			t.Fatal(err)
		}
	}
	got, err := db.Clubs.TakePendingCoaches(ctx, "telegram", "7")
	if err != nil || !slices.Equal(got, []int64{c.ID}) {
		t.Errorf("take = %v, %v", got, err)
	}
	if got, _ := db.Clubs.TakePendingCoaches(ctx, "telegram", "7"); len(got) != 0 {
		t.Errorf("taken twice: %v", got)
	}
	if got, _ := db.Clubs.TakePendingCoaches(ctx, "discord", "8"); len(got) != 0 {
		t.Errorf("another platform's account: %v", got)
	}
}

func TestLinkCodesWorkOnceAndNotAfterTheyExpire(t *testing.T) {
	forEachDB(t, testLinkCodesWorkOnceAndNotAfterTheyExpire)
}

func testLinkCodesWorkOnceAndNotAfterTheyExpire(t *testing.T, b backend) {
	ctx := context.Background()
	db, _ := b.open(t)
	m := newMember(t, db, "u1")
	hash := sha256.Sum256([]byte("K7Q2MX"))
	if err := db.Links.SaveLinkCode(ctx, m.ID, hash[:], t0.Add(domain.LinkCodeTTL)); err != nil {
		t.Fatal(err)
	}
	if id, err := db.Links.TakeLinkCode(ctx, hash[:], t0.Add(time.Minute)); err != nil || id != m.ID {
		t.Fatalf("take = %d, %v", id, err)
	}
	if _, err := db.Links.TakeLinkCode(ctx, hash[:], t0.Add(time.Minute)); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("a code used twice: %v", err)
	}
	db.Links.SaveLinkCode(ctx, m.ID, hash[:], t0.Add(domain.LinkCodeTTL))
	if _, err := db.Links.TakeLinkCode(ctx, hash[:], t0.Add(domain.LinkCodeTTL)); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("an expired code: %v", err)
	}
	var n int64
	storage.Gorm(db.DB).Table("link_codes").Count(&n)
	if n != 0 {
		t.Errorf("%d codes left after expiry", n)
	}
	for i := range 3 {
		if err := db.Links.RecordWrongLinkCode(ctx, "telegram:9", 0, t0.Add(time.Duration(i)*20*time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	if got, _ := db.Links.WrongLinkCodes(ctx, "telegram:9", t0.Add(40*time.Minute-domain.WrongLinkWindow)); got != 3 {
		t.Errorf("wrong codes in the hour = %d", got)
	}
	if got, _ := db.Links.WrongLinkCodes(ctx, "telegram:9", t0.Add(30*time.Minute)); got != 1 {
		t.Errorf("wrong codes since 30 min = %d", got)
	}
}

func TestMergeMembersMovesEveryRowAndMergesTheDaysBothHave(t *testing.T) {
	forEachDB(t, testMergeMembersMovesEveryRowAndMergesTheDaysBothHave)
}

func testMergeMembersMovesEveryRowAndMergesTheDaysBothHave(t *testing.T, b backend) {
	ctx := context.Background()
	db, _ := b.open(t)
	first := newMember(t, db, "tg")
	second := newMember(t, db, "dc")
	other := newMember(t, db, "x")
	d1, d2, d3 := day("2026-11-18"), day("2026-11-19"), day("2026-11-20")
	at := t0
	for _, c := range []domain.CheckIn{
		{MemberID: first.ID, Date: d1, RHR: domain.Ptr(50), UpdatedAt: at},
		{MemberID: first.ID, Date: d2, RHR: domain.Ptr(51), SleepHours: domain.Ptr(7.0), UpdatedAt: at.Add(2 * time.Hour)},
		{MemberID: second.ID, Date: d2, RHR: domain.Ptr(55), Mood: domain.Ptr(6), UpdatedAt: at.Add(time.Hour)},
		{MemberID: second.ID, Date: d3, RHR: domain.Ptr(49), UpdatedAt: at},
	} {
		if _, err := db.CheckIns.UpsertCheckIn(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	db.Runs.CreateRun(ctx, &domain.Run{MemberID: first.ID, Date: d1, Metres: 8000, Duration: 40 * time.Minute, RPE: 4})
	db.Runs.CreateRun(ctx, &domain.Run{MemberID: second.ID, Date: d3, Metres: 10000, Duration: time.Hour, RPE: 5})
	c := domain.Club{Platform: "discord", ChatID: "g", TZ: "UTC"}
	c2 := domain.Club{Platform: "telegram", ChatID: "-1", TZ: "UTC"}
	db.Clubs.CreateClub(ctx, &c)
	db.Clubs.CreateClub(ctx, &c2)
	db.Clubs.SetClubMember(ctx, domain.ClubMember{ClubID: c.ID, MemberID: first.ID, Role: domain.RoleMember})
	db.Clubs.SetClubMember(ctx, domain.ClubMember{ClubID: c.ID, MemberID: second.ID, Role: domain.RoleCoach})
	db.Clubs.SetClubMember(ctx, domain.ClubMember{ClubID: c2.ID, MemberID: second.ID, Role: domain.RoleMember})
	db.Away.SetAway(ctx, domain.Away{MemberID: second.ID, From: d3, Until: d3.AddDays(2), Reason: domain.AwayIll})
	for _, d := range []domain.Delivery{
		{Kind: domain.DeliveryMorning, MemberID: first.ID, LocalDate: d3},
		{Kind: domain.DeliveryMorning, MemberID: second.ID, LocalDate: d3},
		{Kind: domain.DeliveryWindDown, MemberID: second.ID, LocalDate: d3},
		{Kind: domain.DeliveryCoachAlert, MemberID: other.ID, SubjectID: second.ID, LocalDate: d3},
	} {
		claim(t, db, d)
	}

	if err := db.Links.MergeMembers(ctx, first.ID, second.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Members.MemberByID(ctx, second.ID); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("the second member is still there: %v", err)
	}
	for _, p := range []string{"tg", "dc"} {
		if m, err := db.Members.MemberByIdentity(ctx, domain.PlatformConsole, p); err != nil || m.ID != first.ID {
			t.Errorf("identity %s → %+v, %v", p, m, err)
		}
	}
	cis, _ := db.CheckIns.CheckIns(ctx, first.ID, d1, d3)
	if len(cis) != 3 {
		t.Fatalf("check-ins %+v", cis)
	}
	if merged := cis[1]; *merged.RHR != 51 || *merged.SleepHours != 7 || *merged.Mood != 6 {
		t.Errorf("the day both had: RHR %d (later answer 51), sleep %v, mood %v", *merged.RHR, merged.SleepHours, merged.Mood)
	}
	if *cis[2].RHR != 49 {
		t.Errorf("the second's own day: %+v", cis[2])
	}
	// Both accounts had a run 1: the moved run goes on from the first's numbers.
	if runs, _ := db.Runs.Runs(ctx, first.ID, d1, d3); len(runs) != 2 || runs[0].Number != 1 || runs[1].Number != 2 {
		t.Errorf("runs %+v, want numbers 1 and 2", runs)
	}
	next := domain.Run{MemberID: first.ID, Date: d3, Metres: 5000, Duration: 25 * time.Minute, RPE: 3}
	if err := db.Runs.CreateRun(ctx, &next); err != nil || next.Number != 3 {
		t.Errorf("the next run after the merge = number %d, %v; want 3", next.Number, err)
	}
	places, _ := db.Clubs.MemberClubs(ctx, first.ID)
	if len(places) != 2 || places[0].Role != domain.RoleCoach || places[1].ClubID != c2.ID {
		t.Errorf("clubs %+v: coach of the first (the higher role), member of the second", places)
	}
	if aways, _ := db.Away.Aways(ctx, []int64{first.ID}, d3, d3); len(aways[first.ID]) != 1 {
		t.Errorf("times away %+v", aways)
	}
	ds, _ := db.Deliveries.Deliveries(ctx, d3)
	var kinds []string
	for _, d := range ds {
		if d.MemberID == second.ID || d.SubjectID == second.ID {
			t.Errorf("a delivery still names the second member: %+v", d)
		}
		kinds = append(kinds, d.Kind)
	}
	if !slices.Equal(kinds, []string{domain.DeliveryMorning, domain.DeliveryWindDown, domain.DeliveryCoachAlert}) {
		t.Errorf("deliveries %v: one morning for the one person", kinds)
	}
	if err := db.Links.MergeMembers(ctx, first.ID, first.ID); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Errorf("merging into itself: %v", err)
	}
}

func TestDeleteMemberForgetsTimesAwayAndLinkCodes(t *testing.T) {
	forEachDB(t, testDeleteMemberForgetsTimesAwayAndLinkCodes)
}

func testDeleteMemberForgetsTimesAwayAndLinkCodes(t *testing.T, b backend) {
	ctx := context.Background()
	db, _ := b.open(t)
	m := newMember(t, db, "u1")
	db.Away.SetAway(ctx, domain.Away{MemberID: m.ID, From: day("2026-11-20"), Until: day("2026-11-22"), Reason: domain.AwayIll})
	db.Links.SaveLinkCode(ctx, m.ID, []byte("h"), t0)
	db.Links.RecordWrongLinkCode(ctx, "member:1", m.ID, t0)
	if err := db.Members.DeleteMember(ctx, m.ID); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"away", "link_codes", "link_attempts"} {
		var n int64
		storage.Gorm(db.DB).Table(table).Where("member_id = ?", m.ID).Count(&n)
		if n != 0 {
			t.Errorf("%s keeps %d rows of a forgotten member", table, n)
		}
	}
}
