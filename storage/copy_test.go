package storage_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/storage"
)

// seedClub fills every table of db with a few rows: what a club's database
// holds after some weeks, down to the link codes and wrong guesses.
func seedClub(t *testing.T, db *testDB) {
	t.Helper()
	ctx := context.Background()
	at := time.Date(2026, 11, 20, 6, 30, 15, 123456789, time.UTC)
	var ms []domain.Member
	for i, name := range []string{"Ann", "Bo", "Cy"} {
		m := domain.NewMember(name, "Europe/London")
		m.WeightKG, m.ShareWithCoach, m.CreatedAt = 60.5+float64(i), i%2 == 0, at
		if err := db.Members.CreateMember(ctx, &m, domain.Identity{Platform: domain.PlatformTelegram, UserID: fmt.Sprint(100 + i), ChatID: fmt.Sprint(100 + i)}); err != nil {
			t.Fatal(err)
		}
		ms = append(ms, m)
	}
	// A member who left: the ids have a gap, which the copy must keep.
	if err := db.Members.DeleteMember(ctx, ms[1].ID); err != nil {
		t.Fatal(err)
	}
	ann, cy := ms[0], ms[2]
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(db.Members.AddIdentity(ctx, domain.Identity{Platform: domain.PlatformDiscord, UserID: "d-ann", ChatID: "dm-ann", MemberID: ann.ID}))
	club := domain.Club{Platform: domain.PlatformTelegram, ChatID: "-100", Title: "Riverside", TZ: "Europe/London", WeeklyDay: time.Sunday, WeeklyMinute: 18 * 60}
	must(db.Clubs.CreateClub(ctx, &club))
	must(db.Clubs.SetClubMember(ctx, domain.ClubMember{ClubID: club.ID, MemberID: ann.ID, Role: domain.RoleCoach}))
	must(db.Clubs.SetClubMember(ctx, domain.ClubMember{ClubID: club.ID, MemberID: cy.ID, Role: domain.RoleMember}))
	must(db.Clubs.AddPendingCoaches(ctx, club.ID, domain.PlatformTelegram, []string{"555"}))
	for i := range 20 {
		d := day("2026-11-01").AddDays(i)
		for _, m := range []domain.Member{ann, cy} {
			c := domain.CheckIn{MemberID: m.ID, Date: d, RHR: domain.Ptr(48 + i%5), SleepHours: domain.Ptr(6.5 + float64(i%4)/4), UpdatedAt: at.AddDate(0, 0, i)}
			if i%3 == 0 {
				c.HRV = domain.Ptr(55.3 + float64(i))
			}
			_, after, err := db.CheckIns.AmendCheckIn(ctx, c)
			must(err)
			must(db.Changes.RecordChange(ctx, &domain.Change{MemberID: m.ID, At: at, Kind: domain.ChangeCheckIn, Date: d, CheckInAfter: &after}))
			must(db.Runs.CreateRun(ctx, &domain.Run{MemberID: m.ID, Date: d, Metres: 16093.44, Duration: time.Duration(4900+i) * time.Second, RPE: 1 + i%10, Type: "easy", CreatedAt: at}))
		}
	}
	third, err := db.Runs.RunByNumber(ctx, cy.ID, 3)
	must(err)
	must(db.Runs.DeleteRun(ctx, cy.ID, third.ID))
	must(db.Conversations.SaveConversation(ctx, domain.Conversation{MemberID: ann.ID, Kind: domain.ConversationCheckIn, Step: domain.StepSleep, Data: map[string]string{"rhr": "52"}}))
	_, err = db.Deliveries.ClaimDeliveries(ctx, []domain.Delivery{{Kind: domain.DeliveryMorning, MemberID: ann.ID, LocalDate: day("2026-11-20")}, {Kind: domain.DeliveryMorning, MemberID: cy.ID, LocalDate: day("2026-11-20")}})
	must(err)
	must(db.StepSkips.SetStepSkips(ctx, cy.ID, domain.StepHRV, 2))
	must(db.Away.SetAway(ctx, domain.Away{MemberID: cy.ID, From: day("2026-11-21"), Until: day("2026-11-23"), Reason: domain.AwayIll, CreatedAt: at}))
	must(db.Links.SaveLinkCode(ctx, ann.ID, []byte("hash-of-code"), at.Add(10*time.Minute)))
	must(db.Links.RecordWrongLinkCode(ctx, "telegram:100", ann.ID, at))
}

// counts is every table's row count in db.
func counts(t *testing.T, db *testDB) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	for _, table := range storage.CopyTables() {
		var n int64
		if err := storage.Gorm(db.DB).Table(table).Count(&n).Error; err != nil {
			t.Fatalf("count %s: %v", table, err)
		}
		out[table] = n
	}
	return out
}

// copyPairs are the directions the copy tests run in.
var copyPairs = []struct{ from, to backend }{
	{backends[0], backends[1]},
	{backends[1], backends[0]},
	{backends[0], backends[0]},
}

// forEachCopy runs fn for each direction, with a seeded source and an
// empty target.
func forEachCopy(t *testing.T, fn func(t *testing.T, from, to *testDB)) {
	t.Helper()
	for _, p := range copyPairs {
		t.Run(p.from.driver+"-to-"+p.to.driver, func(t *testing.T) {
			from, _ := p.from.open(t)
			to, _ := p.to.open(t)
			seedClub(t, from)
			fn(t, from, to)
		})
	}
}

func TestCopyOrderNamesEveryTable(t *testing.T) { forEachDB(t, testCopyOrderNamesEveryTable) }

func testCopyOrderNamesEveryTable(t *testing.T, b backend) {
	db, _ := b.open(t)
	tables, err := storage.Gorm(db.DB).Migrator().GetTables()
	if err != nil {
		t.Fatal(err)
	}
	for _, table := range tables {
		if table != "schema_migrations" && table != "sqlite_sequence" && !slices.Contains(storage.CopyTables(), table) {
			t.Errorf("table %s is not in copyOrder (storage/copy.go): add it after the tables it references", table)
		}
	}
}

func TestCopyMovesEveryRowAndSetsTheSequences(t *testing.T) {
	forEachCopy(t, func(t *testing.T, from, to *testDB) {
		ctx := context.Background()
		var seen []storage.CopyProgress
		report, err := storage.Copy(ctx, from.DB, to.DB, storage.CopyOptions{Progress: func(p storage.CopyProgress) { seen = append(seen, p) }})
		if err != nil {
			t.Fatal(err)
		}
		want := counts(t, from)
		if got := counts(t, to); !mapsEqual(got, want) {
			t.Errorf("rows in the target %v, want the source's %v", got, want)
		}
		var total int64
		for _, tc := range report {
			if tc.Rows != want[tc.Table] || len(tc.Checksum) != 16 {
				t.Errorf("report for %s: %+v, want %d rows", tc.Table, tc, want[tc.Table])
			}
			total += tc.Rows
		}
		if len(report) != len(storage.CopyTables()) {
			t.Errorf("report names %d tables, want %d", len(report), len(storage.CopyTables()))
		}
		if last := seen[len(seen)-1]; !last.Done || last.Rows != total || last.Total != total {
			t.Errorf("last progress %+v, want done with %d of %d rows", last, total, total)
		}
		// The copied rows read the same through the stores.
		for _, user := range []string{"100", "102"} {
			a, _ := from.Members.MemberByIdentity(ctx, domain.PlatformTelegram, user)
			b, err := to.Members.MemberByIdentity(ctx, domain.PlatformTelegram, user)
			if err != nil || a.ID != b.ID || a.Name != b.Name || a.WeightKG != b.WeightKG || a.ShareWithCoach != b.ShareWithCoach ||
				!a.CreatedAt.Truncate(time.Microsecond).Equal(b.CreatedAt.Truncate(time.Microsecond)) {
				t.Errorf("member %s: %+v, %v; want %+v", user, b, err, a)
			}
			ha, _ := from.History.HistoryOf(ctx, []int64{a.ID}, day("2026-10-01"), day("2026-12-01"))
			hb, _ := to.History.HistoryOf(ctx, []int64{b.ID}, day("2026-10-01"), day("2026-12-01"))
			if describe(ha[a.ID]) != describe(hb[b.ID]) {
				t.Errorf("history of %s differs:\n%s\n%s", user, describe(ha[a.ID]), describe(hb[b.ID]))
			}
		}
		// New rows get fresh ids: the sequences are past the copied ones.
		m := newMember(t, to, "after-copy")
		var maxID int64
		storage.Gorm(from.DB).Table("members").Select("MAX(id)").Scan(&maxID)
		if m.ID <= maxID {
			t.Errorf("a member created after the copy got id %d, not past the copied %d", m.ID, maxID)
		}
		run := domain.Run{MemberID: m.ID, Date: day("2026-11-20"), Metres: 5000, Duration: 25 * time.Minute, RPE: 3}
		if err := to.Runs.CreateRun(ctx, &run); err != nil {
			t.Fatalf("a run after the copy: %v", err)
		}
		club := domain.Club{Platform: domain.PlatformTelegram, ChatID: "-200", TZ: "UTC"}
		if err := to.Clubs.CreateClub(ctx, &club); err != nil {
			t.Fatalf("a club after the copy: %v", err)
		}
	})
}

func TestCopyRefusesATargetWithRowsUnlessForced(t *testing.T) {
	forEachCopy(t, func(t *testing.T, from, to *testDB) {
		ctx := context.Background()
		squatter := newMember(t, to, "squatter")
		_, err := storage.Copy(ctx, from.DB, to.DB, storage.CopyOptions{})
		if !errors.Is(err, storage.ErrTargetNotEmpty) {
			t.Fatalf("copy into a target with a member: %v, want ErrTargetNotEmpty", err)
		}
		if got := counts(t, to); got["members"] != 1 || got["check_ins"] != 0 {
			t.Errorf("the refused copy changed the target: %v", got)
		}
		if _, err := storage.Copy(ctx, from.DB, to.DB, storage.CopyOptions{Force: true}); err != nil {
			t.Fatalf("forced copy: %v", err)
		}
		if got, want := counts(t, to), counts(t, from); !mapsEqual(got, want) {
			t.Errorf("after the forced copy the target has %v, want the source's %v", got, want)
		}
		if _, err := to.Members.MemberByIdentity(ctx, domain.PlatformConsole, "squatter"); domain.ErrorCode(err) != domain.ENOTFOUND {
			t.Errorf("the target's own member %d survived the forced copy: %v", squatter.ID, err)
		}
	})
}

func TestCopyThatReadsBackDifferentlyLeavesTheTargetEmpty(t *testing.T) {
	forEachCopy(t, func(t *testing.T, from, to *testDB) {
		for _, tamper := range []struct{ table, sql string }{
			{"check_ins", "UPDATE check_ins SET rhr = rhr + 1 WHERE date = '2026-11-05'"},
			{"runs", "DELETE FROM runs WHERE id = (SELECT MIN(id) FROM runs)"},
			{"members", "UPDATE members SET share_with_coach = NOT share_with_coach"},
		} {
			restore := storage.SetCopyCheck(func(tx *gorm.DB, table string) error {
				if table != tamper.table {
					return nil
				}
				return tx.Exec(tamper.sql).Error
			})
			_, err := storage.Copy(context.Background(), from.DB, to.DB, storage.CopyOptions{})
			restore()
			if !errors.Is(err, storage.ErrCopyMismatch) {
				t.Errorf("%s changed in the target: %v, want ErrCopyMismatch", tamper.table, err)
			}
			for table, n := range counts(t, to) {
				if n != 0 {
					t.Errorf("after the failed copy the target's %s has %d rows, want none", table, n)
				}
			}
		}
	})
}

// A database another runclub migrated further has columns or tables this
// build does not know: copying from it would drop them, into it would fail
// on them. Either is refused before a row moves, saying which migration.
func TestCopyRefusesADatabaseANewerRunclubMigrated(t *testing.T) {
	for _, side := range []string{"source", "target"} {
		t.Run(side, func(t *testing.T) {
			forEachCopy(t, func(t *testing.T, from, to *testDB) {
				newer := to
				if side == "source" {
					newer = from
				}
				if err := storage.Gorm(newer.DB).Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'from a newer runclub', ?)", time.Now()).Error; err != nil {
					t.Fatal(err)
				}
				_, err := storage.Copy(context.Background(), from.DB, to.DB, storage.CopyOptions{Force: true})
				if err == nil || !strings.Contains(err.Error(), "9999") || !strings.Contains(err.Error(), side) {
					t.Fatalf("copy with a %s at migration 9999: %v, want a refusal naming the %s and the migration", side, err, side)
				}
				for table, n := range counts(t, to) {
					if n != 0 {
						t.Errorf("after the refused copy the target's %s has %d rows, want none", table, n)
					}
				}
			})
		})
	}
}

func mapsEqual(a, b map[string]int64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
