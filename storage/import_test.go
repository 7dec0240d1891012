package storage_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/storage"
)

// dataset is a club of two with a day of history, ids given.
func dataset() storage.Dataset {
	at := time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC)
	ann := domain.NewMember("Ann", "Europe/London")
	ann.ID, ann.CreatedAt, ann.ShareWithCoach = 41, at, true
	kim := domain.NewMember("Kim", "UTC")
	kim.ID, kim.CreatedAt, kim.WeightKG = 42, at, 61.5
	return storage.Dataset{
		Members: []domain.Member{ann, kim},
		Identities: []domain.Identity{{Platform: domain.PlatformTelegram, UserID: "41", ChatID: "41", MemberID: 41},
			{Platform: domain.PlatformDiscord, UserID: "d41", MemberID: 41}, {Platform: domain.PlatformTelegram, UserID: "42", MemberID: 42}},
		Clubs:       []domain.Club{{ID: 7, Platform: domain.PlatformTelegram, ChatID: "-7", Title: "Harriers", WeeklyDay: time.Sunday, WeeklyMinute: 18 * 60, TZ: "UTC"}},
		ClubMembers: []domain.ClubMember{{ClubID: 7, MemberID: 41, Role: domain.RoleMember}, {ClubID: 7, MemberID: 42, Role: domain.RoleCoach}},
		CheckIns: []domain.CheckIn{{MemberID: 41, Date: day("2026-11-20"), RHR: domain.Ptr(48), HRV: domain.Ptr(71.25), SleepHours: domain.Ptr(7.5),
			Fatigue: domain.Ptr(3), UpdatedAt: at}},
		Runs: []domain.Run{{ID: 900, MemberID: 41, Date: day("2026-11-20"), Metres: 16093.4, Duration: 82 * time.Minute, RPE: 6, Type: "long", CreatedAt: at},
			{MemberID: 42, Date: day("2026-11-20"), Metres: 5000, Duration: 25 * time.Minute, RPE: 4, Type: "easy", CreatedAt: at}},
	}
}

func TestImportStoresEveryRowWithItsIDs(t *testing.T) {
	forEachDB(t, testImportStoresEveryRowWithItsIDs)
}

func testImportStoresEveryRowWithItsIDs(t *testing.T, b backend) {
	ctx := context.Background()
	db, _ := b.open(t)
	d := dataset()
	if err := db.Import.Import(ctx, d); err != nil {
		t.Fatalf("import: %v", err)
	}
	for _, want := range d.Members {
		got, err := db.Members.MemberByID(ctx, want.ID)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("member %d = %+v, %v; want %+v", want.ID, got, err, want)
		}
	}
	if ids, _ := db.Members.Identities(ctx, 41); len(ids) != 2 {
		t.Errorf("Ann's identities = %+v, want 2", ids)
	}
	roster, err := db.Clubs.Roster(ctx, 7)
	if err != nil || len(roster) != 2 || roster[1].Role != domain.RoleCoach || roster[0].HomeClubID != 7 {
		t.Errorf("roster = %+v, %v", roster, err)
	}
	cs, _ := db.CheckIns.CheckIns(ctx, 41, day("2026-11-20"), day("2026-11-20"))
	if len(cs) != 1 || !reflect.DeepEqual(cs[0], d.CheckIns[0]) {
		t.Errorf("check-ins = %+v, want %+v", cs, d.CheckIns)
	}
	rs, _ := db.Runs.Runs(ctx, 41, day("2026-11-20"), day("2026-11-20"))
	wantRun := d.Runs[0]
	wantRun.Number = 1 // an imported run is numbered like a logged one
	if len(rs) != 1 || !reflect.DeepEqual(rs[0], wantRun) {
		t.Errorf("Ann's runs = %+v, want %+v", rs, d.Runs[:1])
	}
	if rs, _ := db.Runs.Runs(ctx, 42, day("2026-11-20"), day("2026-11-20")); len(rs) != 1 || rs[0].ID == 0 || rs[0].ID == 900 {
		t.Errorf("Kim's run = %+v, want one with a new id", rs)
	}

	// What the bot creates next does not take an imported id.
	m := newMember(t, db, "new")
	c := domain.Club{Platform: domain.PlatformTelegram, ChatID: "-8", TZ: "UTC"}
	r := domain.Run{MemberID: m.ID, Date: day("2026-11-20"), Metres: 1000, Duration: 5 * time.Minute, RPE: 2}
	if err := db.Clubs.CreateClub(ctx, &c); err != nil {
		t.Fatal(err)
	}
	if err := db.Runs.CreateRun(ctx, &r); err != nil {
		t.Fatal(err)
	}
	if m.ID <= 42 || c.ID <= 7 || r.ID <= 900 {
		t.Errorf("new member %d, club %d, run %d: want ids after the imported ones", m.ID, c.ID, r.ID)
	}
}

func TestFailedImportStoresNothing(t *testing.T) { forEachDB(t, testFailedImportStoresNothing) }

func testFailedImportStoresNothing(t *testing.T, b backend) {
	tests := []struct {
		name   string
		change func(d *storage.Dataset)
	}{
		{"a club member who does not exist", func(d *storage.Dataset) {
			d.ClubMembers = append(d.ClubMembers, domain.ClubMember{ClubID: 7, MemberID: 99, Role: domain.RoleMember})
		}},
		{"a check-in given twice", func(d *storage.Dataset) { d.CheckIns = append(d.CheckIns, d.CheckIns[0]) }},
		{"a member without an id", func(d *storage.Dataset) { d.Members = append(d.Members, domain.NewMember("Nobody", "UTC")) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			db, _ := b.open(t)
			d := dataset()
			tt.change(&d)
			if err := db.Import.Import(ctx, d); err == nil {
				t.Fatal("import accepted it")
			}
			if _, err := db.Members.MemberByID(ctx, 41); domain.ErrorCode(err) != domain.ENOTFOUND {
				t.Errorf("after a failed import, member 41: %v, want not found", err)
			}
			if _, err := db.Clubs.ClubByChat(ctx, domain.PlatformTelegram, "-7"); domain.ErrorCode(err) != domain.ENOTFOUND {
				t.Errorf("after a failed import, the club: %v, want not found", err)
			}
		})
	}
}
