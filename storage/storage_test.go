package storage_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/storage"
)

func TestOpenAppliesSQLiteSettings(t *testing.T) {
	db, _ := backends[0].open(t)
	g := storage.Gorm(db.DB)
	cases := []struct{ pragma, want string }{
		{"journal_mode", "wal"},
		{"foreign_keys", "1"},
		{"synchronous", "1"}, // NORMAL
		{"busy_timeout", "5000"},
	}
	for _, c := range cases {
		var got string
		if err := g.Raw("PRAGMA " + c.pragma).Scan(&got).Error; err != nil {
			t.Fatalf("pragma %s: %v", c.pragma, err)
		}
		if got != c.want {
			t.Errorf("PRAGMA %s = %q, want %q", c.pragma, got, c.want)
		}
	}
}

func TestMigrationsRunOnceAcrossReopen(t *testing.T) { forEachDB(t, testMigrationsRunOnceAcrossReopen) }

func testMigrationsRunOnceAcrossReopen(t *testing.T, b backend) {
	db, path := b.open(t)
	m := newMember(t, db, "u1")
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db2 := b.reopen(t, path)
	var n int64
	storage.Gorm(db2.DB).Table("schema_migrations").Where("version = 1").Count(&n)
	if n != 1 {
		t.Errorf("migration 1 recorded %d times, want 1", n)
	}
	if _, err := db2.Members.MemberByID(context.Background(), m.ID); err != nil {
		t.Errorf("member lost across reopen: %v", err)
	}
}

func TestMemberLookupAndUpdate(t *testing.T) { forEachDB(t, testMemberLookupAndUpdate) }

func testMemberLookupAndUpdate(t *testing.T, b backend) {
	ctx := context.Background()
	db, _ := b.open(t)
	m := newMember(t, db, "u1")

	got, err := db.Members.MemberByIdentity(ctx, domain.PlatformConsole, "u1")
	if err != nil || got.ID != m.ID {
		t.Fatalf("by identity = %+v, %v; want id %d", got, err, m.ID)
	}
	if _, err := db.Members.MemberByIdentity(ctx, domain.PlatformTelegram, "u1"); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("unknown identity: code %q, want not found", domain.ErrorCode(err))
	}

	// The same member becomes known on Telegram too.
	if err := db.Members.AddIdentity(ctx, domain.Identity{Platform: domain.PlatformTelegram, UserID: "777", ChatID: "777", MemberID: m.ID}); err != nil {
		t.Fatal(err)
	}
	if got, err := db.Members.MemberByIdentity(ctx, domain.PlatformTelegram, "777"); err != nil || got.ID != m.ID {
		t.Errorf("telegram identity = %v, %v", got.ID, err)
	}
	ids, _ := db.Members.Identities(ctx, m.ID)
	if len(ids) != 2 {
		t.Errorf("identities = %d, want 2", len(ids))
	}

	m.TZ, m.WakeMinute, m.Units, m.WeightKG, m.PromptsOn, m.ShareWithCoach = "America/New_York", 5*60+45, domain.UnitsMI, 64, false, true
	if err := db.Members.UpdateMember(ctx, m); err != nil {
		t.Fatal(err)
	}
	got, _ = db.Members.MemberByID(ctx, m.ID)
	if got.TZ != "America/New_York" || got.WakeMinute != 345 || got.Units != "mi" || got.WeightKG != 64 || got.PromptsOn || !got.ShareWithCoach {
		t.Errorf("after update: %+v", got)
	}
	if err := db.Members.UpdateMember(ctx, domain.Member{ID: 999, TZ: "UTC", Units: "km"}); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("update of missing member: code %q", domain.ErrorCode(err))
	}
}

func TestDuplicateIdentityIsConflict(t *testing.T) { forEachDB(t, testDuplicateIdentityIsConflict) }

func testDuplicateIdentityIsConflict(t *testing.T, b backend) {
	db, _ := b.open(t)
	newMember(t, db, "u1")
	m := domain.NewMember("again", "UTC")
	err := db.Members.CreateMember(context.Background(), &m, domain.Identity{Platform: domain.PlatformConsole, UserID: "u1"})
	if domain.ErrorCode(err) != domain.ECONFLICT {
		t.Errorf("code %q (%v), want conflict", domain.ErrorCode(err), err)
	}
}

func TestUpsertCheckInAmendsTheDay(t *testing.T) { forEachDB(t, testUpsertCheckInAmendsTheDay) }

func testUpsertCheckInAmendsTheDay(t *testing.T, b backend) {
	ctx := context.Background()
	db, _ := b.open(t)
	m := newMember(t, db, "u1")
	d := day("2026-11-20")
	if _, err := db.CheckIns.UpsertCheckIn(ctx, domain.CheckIn{MemberID: m.ID, Date: d, RHR: domain.Ptr(52), SleepHours: domain.Ptr(7.5)}); err != nil {
		t.Fatal(err)
	}
	merged, err := db.CheckIns.UpsertCheckIn(ctx, domain.CheckIn{MemberID: m.ID, Date: d, Fatigue: domain.Ptr(4), RHR: domain.Ptr(51)})
	if err != nil {
		t.Fatal(err)
	}
	if *merged.RHR != 51 || *merged.SleepHours != 7.5 || *merged.Fatigue != 4 || merged.Mood != nil {
		t.Errorf("merged = %+v", merged)
	}
	all, err := db.CheckIns.CheckIns(ctx, m.ID, d, d)
	if err != nil || len(all) != 1 {
		t.Fatalf("rows for the day = %d, %v; want exactly 1", len(all), err)
	}
	if *all[0].RHR != 51 || *all[0].SleepHours != 7.5 || *all[0].Fatigue != 4 {
		t.Errorf("stored = %+v", all[0])
	}
}

func TestCheckInsByDateRangeOldestFirst(t *testing.T) {
	forEachDB(t, testCheckInsByDateRangeOldestFirst)
}

func testCheckInsByDateRangeOldestFirst(t *testing.T, b backend) {
	ctx := context.Background()
	db, _ := b.open(t)
	m, other := newMember(t, db, "u1"), newMember(t, db, "u2")
	for _, s := range []string{"2026-11-03", "2026-11-01", "2026-11-02", "2026-10-31"} {
		if _, err := db.CheckIns.UpsertCheckIn(ctx, domain.CheckIn{MemberID: m.ID, Date: day(s), RHR: domain.Ptr(50)}); err != nil {
			t.Fatal(err)
		}
	}
	db.CheckIns.UpsertCheckIn(ctx, domain.CheckIn{MemberID: other.ID, Date: day("2026-11-02"), RHR: domain.Ptr(60)})
	got, err := db.CheckIns.CheckIns(ctx, m.ID, day("2026-11-01"), day("2026-11-03"))
	if err != nil {
		t.Fatal(err)
	}
	var dates []string
	for _, c := range got {
		dates = append(dates, c.Date.String())
	}
	if fmt.Sprint(dates) != "[2026-11-01 2026-11-02 2026-11-03]" {
		t.Errorf("dates = %v", dates)
	}
}

func TestRunsStoredInSI(t *testing.T) { forEachDB(t, testRunsStoredInSI) }

func testRunsStoredInSI(t *testing.T, b backend) {
	ctx := context.Background()
	db, _ := b.open(t)
	m := newMember(t, db, "u1")
	r := domain.Run{MemberID: m.ID, Date: day("2026-11-20"), Metres: 16093.44, Duration: 82 * time.Minute, RPE: 6, Type: "easy"}
	if err := db.Runs.CreateRun(ctx, &r); err != nil || r.ID == 0 {
		t.Fatalf("create run: id %d, %v", r.ID, err)
	}
	runs, err := db.Runs.Runs(ctx, m.ID, day("2026-11-01"), day("2026-11-30"))
	if err != nil || len(runs) != 1 {
		t.Fatalf("runs = %v, %v", runs, err)
	}
	if runs[0].Metres != 16093.44 || runs[0].Duration != 82*time.Minute || runs[0].RPE != 6 || runs[0].Type != "easy" {
		t.Errorf("run = %+v", runs[0])
	}
}

func TestClubsAndRoles(t *testing.T) { forEachDB(t, testClubsAndRoles) }

func testClubsAndRoles(t *testing.T, b backend) {
	ctx := context.Background()
	db, _ := b.open(t)
	m := newMember(t, db, "u1")
	c := domain.Club{Platform: domain.PlatformTelegram, ChatID: "-100", Title: "Harriers", WeeklyDay: time.Sunday, WeeklyMinute: 18 * 60, TZ: "UTC"}
	if err := db.Clubs.CreateClub(ctx, &c); err != nil {
		t.Fatal(err)
	}
	if err := db.Clubs.SetClubMember(ctx, domain.ClubMember{ClubID: c.ID, MemberID: m.ID, Role: domain.RoleMember}); err != nil {
		t.Fatal(err)
	}
	if err := db.Clubs.SetClubMember(ctx, domain.ClubMember{ClubID: c.ID, MemberID: m.ID, Role: domain.RoleCoach}); err != nil {
		t.Fatal(err)
	}
	cm, err := db.Clubs.ClubMember(ctx, c.ID, m.ID)
	if err != nil || cm.Role != domain.RoleCoach {
		t.Errorf("role = %q, %v", cm.Role, err)
	}
	all, _ := db.Clubs.ClubMembers(ctx, c.ID)
	if len(all) != 1 {
		t.Errorf("club members = %d, want 1", len(all))
	}
	c.ChatID = "-100200"
	if err := db.Clubs.UpdateClub(ctx, c); err != nil {
		t.Fatal(err)
	}
	if got, err := db.Clubs.ClubByChat(ctx, domain.PlatformTelegram, "-100200"); err != nil || got.ID != c.ID {
		t.Errorf("migrated chat lookup = %v, %v", got, err)
	}
	if err := db.Clubs.SetClubMember(ctx, domain.ClubMember{ClubID: c.ID, MemberID: 424242, Role: domain.RoleMember}); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("member that does not exist: code %q (%v)", domain.ErrorCode(err), err)
	}
}

func TestConversationSurvivesReopen(t *testing.T) { forEachDB(t, testConversationSurvivesReopen) }

func testConversationSurvivesReopen(t *testing.T, b backend) {
	ctx := context.Background()
	db, path := b.open(t)
	m := newMember(t, db, "u1")
	if err := db.Conversations.SaveConversation(ctx, domain.Conversation{MemberID: m.ID, Kind: "checkin", Step: "sleep", Data: map[string]string{"rhr": "52"}}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db2 := b.reopen(t, path)
	c, err := db2.Conversations.Conversation(ctx, m.ID)
	if err != nil || c.Kind != "checkin" || c.Step != "sleep" || c.Data["rhr"] != "52" {
		t.Fatalf("conversation = %+v, %v", c, err)
	}
	if err := db2.Conversations.DeleteConversation(ctx, m.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db2.Conversations.Conversation(ctx, m.ID); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("after delete: %v", err)
	}
}

func TestDeleteMemberForgetsEveryRow(t *testing.T) { forEachDB(t, testDeleteMemberForgetsEveryRow) }

func testDeleteMemberForgetsEveryRow(t *testing.T, b backend) {
	ctx := context.Background()
	db, _ := b.open(t)
	m, keep := newMember(t, db, "u1"), newMember(t, db, "u2")
	for _, id := range []int64{m.ID, keep.ID} {
		db.CheckIns.UpsertCheckIn(ctx, domain.CheckIn{MemberID: id, Date: day("2026-11-20"), RHR: domain.Ptr(50)})
		db.Runs.CreateRun(ctx, &domain.Run{MemberID: id, Date: day("2026-11-20"), Metres: 5000, Duration: 25 * time.Minute})
		db.Conversations.SaveConversation(ctx, domain.Conversation{MemberID: id, Kind: "forget", Step: "confirm"})
	}
	c := domain.Club{Platform: "telegram", ChatID: "-1", TZ: "UTC"}
	db.Clubs.CreateClub(ctx, &c)
	db.Clubs.SetClubMember(ctx, domain.ClubMember{ClubID: c.ID, MemberID: m.ID, Role: domain.RoleMember})

	if err := db.Members.DeleteMember(ctx, m.ID); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"members", "identities", "check_ins", "runs", "conversations", "club_members"} {
		col := "member_id"
		if table == "members" {
			col = "id"
		}
		var n int64
		storage.Gorm(db.DB).Table(table).Where(col+" = ?", m.ID).Count(&n)
		if n != 0 {
			t.Errorf("%s still has %d rows of the forgotten member", table, n)
		}
	}
	if got, _ := db.CheckIns.CheckIns(ctx, keep.ID, day("2026-11-01"), day("2026-11-30")); len(got) != 1 {
		t.Errorf("other member's check-ins = %d, want 1", len(got))
	}
	if err := db.Members.DeleteMember(ctx, m.ID); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("second delete: %v", err)
	}
}

func TestConcurrentUpsertsLoseNothing(t *testing.T) { forEachDB(t, testConcurrentUpsertsLoseNothing) }

func testConcurrentUpsertsLoseNothing(t *testing.T, b backend) {
	ctx := context.Background()
	db, _ := b.open(t)
	m := newMember(t, db, "u1")
	d := day("2026-11-20")
	set := []func(*domain.CheckIn){
		func(c *domain.CheckIn) { c.RHR = domain.Ptr(50) },
		func(c *domain.CheckIn) { c.HRV = domain.Ptr(70.0) },
		func(c *domain.CheckIn) { c.SleepHours = domain.Ptr(8.0) },
		func(c *domain.CheckIn) { c.Fatigue = domain.Ptr(3) },
		func(c *domain.CheckIn) { c.Soreness = domain.Ptr(2) },
		func(c *domain.CheckIn) { c.Mood = domain.Ptr(8) },
	}
	var wg sync.WaitGroup
	for _, f := range set {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := domain.CheckIn{MemberID: m.ID, Date: d}
			f(&c)
			if _, err := db.CheckIns.UpsertCheckIn(ctx, c); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	got, _ := db.CheckIns.CheckIns(ctx, m.ID, d, d)
	c := got[0]
	if c.RHR == nil || c.HRV == nil || c.SleepHours == nil || c.Fatigue == nil || c.Soreness == nil || c.Mood == nil {
		t.Errorf("a concurrent answer was lost: %+v", c)
	}
}

func TestPlatformIdentitiesListsOnlyKnownPrivateChats(t *testing.T) {
	forEachDB(t, testPlatformIdentitiesListsOnlyKnownPrivateChats)
}

func testPlatformIdentitiesListsOnlyKnownPrivateChats(t *testing.T, b backend) {
	ctx := context.Background()
	db, _ := b.open(t)
	m := newMember(t, db, "u1")
	db.Members.AddIdentity(ctx, domain.Identity{Platform: domain.PlatformDiscord, UserID: "9", ChatID: "dm-9", MemberID: m.ID})
	other := newMember(t, db, "u2")
	db.Members.AddIdentity(ctx, domain.Identity{Platform: domain.PlatformDiscord, UserID: "8", MemberID: other.ID})
	got, err := db.Members.PlatformIdentities(ctx, domain.PlatformDiscord)
	if err != nil || len(got) != 1 || got[0].UserID != "9" || got[0].ChatID != "dm-9" {
		t.Errorf("identities = %+v, %v", got, err)
	}
}
