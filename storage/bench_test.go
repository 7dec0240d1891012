package storage_test

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/runclub/runclub/domain"
)

// rawUpsert is the baseline: the same row's upsert as one statement,
// straight through the driver, keeping the values not given.
const rawUpsert = `INSERT INTO check_ins (member_id, date, rhr, hrv, sleep_hours, sleep_quality, fatigue, soreness, stress, mood, updated_at)
	VALUES ($1, $2, $3, $4, $5, NULL, NULL, NULL, NULL, NULL, $6)
	ON CONFLICT (member_id, date) DO UPDATE SET
		rhr = COALESCE(excluded.rhr, check_ins.rhr), hrv = COALESCE(excluded.hrv, check_ins.hrv),
		sleep_hours = COALESCE(excluded.sleep_hours, check_ins.sleep_hours),
		sleep_quality = COALESCE(excluded.sleep_quality, check_ins.sleep_quality),
		fatigue = COALESCE(excluded.fatigue, check_ins.fatigue), soreness = COALESCE(excluded.soreness, check_ins.soreness),
		stress = COALESCE(excluded.stress, check_ins.stress), mood = COALESCE(excluded.mood, check_ins.mood),
		updated_at = excluded.updated_at`

// BenchmarkCheckInUpsert measures a morning answer's write on each
// database, interleaved with the raw baseline on the same database (raw
// database/sql on SQLite, with the statement prepared once; raw pgx on
// PostgreSQL, whose statement cache prepares it), so that the ratio holds
// on a busy machine: x_raw is the store's throughput as a fraction of the
// baseline's, and must stay at least 0.5 (storage/BENCH.md).
//
// "store" is CheckInStore.UpsertCheckIn on its own; "journaled" is what
// the handlers do for each answer: AmendCheckIn and the journal entry in
// one InTx.
func BenchmarkCheckInUpsert(b *testing.B) {
	for _, be := range backends {
		b.Run(be.driver, func(b *testing.B) {
			for _, kind := range []string{"store", "journaled"} {
				b.Run(kind, func(b *testing.B) { benchUpsert(b, be, kind) })
			}
		})
	}
}

func benchUpsert(b *testing.B, be backend, kind string) {
	ctx := context.Background()
	db, dsn := be.open(b)
	store := newMember(b, db, "store")
	raw := newMember(b, db, "raw")
	rawExec := rawBaseline(b, be, dsn)
	d0 := day("2026-01-01")
	var rawTime, storeTime time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		d := d0.AddDays(i % 30)
		rhr, hrv, sleep := 40+i%60, 50+float64(i%40), 6+float64(i%5)/2
		now := time.Now().UTC()

		start := time.Now()
		if err := rawExec(raw.ID, d.String(), rhr, hrv, sleep, now); err != nil {
			b.Fatal(err)
		}
		rawTime += time.Since(start)

		c := domain.CheckIn{MemberID: store.ID, Date: d, RHR: &rhr, HRV: &hrv, SleepHours: &sleep, UpdatedAt: now}
		start = time.Now()
		var err error
		if kind == "store" {
			_, err = db.CheckIns.UpsertCheckIn(ctx, c)
		} else {
			err = db.InTx(ctx, func(ctx context.Context) error {
				before, after, err := db.CheckIns.AmendCheckIn(ctx, c)
				if err != nil {
					return err
				}
				return db.Changes.RecordChange(ctx, &domain.Change{MemberID: store.ID, At: now, Kind: domain.ChangeCheckIn, Date: d,
					CheckInBefore: before, CheckInAfter: &after})
			})
		}
		if err != nil {
			b.Fatal(err)
		}
		storeTime += time.Since(start)
	}
	b.StopTimer()
	n := float64(b.N)
	b.ReportMetric(float64(storeTime.Nanoseconds())/n, "store-ns/op")
	b.ReportMetric(float64(rawTime.Nanoseconds())/n, "raw-ns/op")
	b.ReportMetric(float64(rawTime)/float64(storeTime), "x_raw")
}

// rawBaseline opens the baseline's own connection to the database at dsn
// and returns its upsert.
func rawBaseline(b *testing.B, be backend, dsn string) func(member int64, date string, rhr int, hrv, sleep float64, at time.Time) error {
	b.Helper()
	ctx := context.Background()
	if be.driver == "postgres" {
		conn, err := pgx.Connect(ctx, dsn)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { conn.Close(context.Background()) })
		return func(member int64, date string, rhr int, hrv, sleep float64, at time.Time) error {
			_, err := conn.Exec(ctx, rawUpsert, member, date, rhr, hrv, sleep, at)
			return err
		}
	}
	// The settings storage.Open gives SQLite (storage/db.go, sqliteDSN).
	sqlDB, err := sql.Open("sqlite3", "file:"+dsn+"?_busy_timeout=5000&_foreign_keys=on&_journal_mode=WAL&_synchronous=NORMAL&_txlock=immediate")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { sqlDB.Close() })
	// Prepared once, as pgx's statement cache does on its own: the
	// baseline pays for running the upsert, not for parsing it.
	stmt, err := sqlDB.PrepareContext(ctx, rawUpsert)
	if err != nil {
		b.Fatal(err)
	}
	return func(member int64, date string, rhr int, hrv, sleep float64, at time.Time) error {
		_, err := stmt.ExecContext(ctx, member, date, rhr, hrv, sleep, at)
		return err
	}
}
