package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
)

// copyOrder is every table in an order that copies a row after the rows it
// references (members and clubs first). A migration that adds a table adds
// it here; TestCopyOrderNamesEveryTable fails until it does. A table the
// source has and the list lacks is copied last, in name order.
var copyOrder = []string{
	"members", "identities", "clubs", "club_members", "pending_coaches", "check_ins", "runs", "run_counters",
	"conversations", "deliveries", "changes", "step_skips", "away", "link_codes", "link_attempts", "handled_events",
}

// CopyTables are the tables Copy copies, in the order it copies them.
func CopyTables() []string { return slices.Clone(copyOrder) }

// ErrTargetNotEmpty is the kind of error Copy returns when the target holds
// rows and CopyOptions.Force is not set.
var ErrTargetNotEmpty = errors.New("the target database is not empty")

// ErrCopyMismatch is the kind of error Copy returns when a table reads back
// from the target with another row count or checksum than the source's.
var ErrCopyMismatch = errors.New("the copy differs from the source")

// CopyOptions tune Copy.
type CopyOptions struct {
	// Force replaces what the target holds; without it a target with any
	// row is refused.
	Force bool
	// Progress, if set, is told how far the copy is after each batch of
	// rows and when each table is done.
	Progress func(CopyProgress)
}

// CopyProgress is how far a copy is.
type CopyProgress struct {
	// Table is the table being copied, its rows copied so far and in all.
	Table                 string
	TableRows, TableTotal int64
	// Rows and Total count every table's rows.
	Rows, Total int64
	// Done is set once Table is copied and checked.
	Done bool
	// Elapsed is the time since the copy began.
	Elapsed time.Duration
}

// TableCopy is one table as copied: its rows and its checksum, the same on
// both sides.
type TableCopy struct {
	Table    string
	Rows     int64
	Checksum string
}

// copyBatchParams keeps each INSERT under SQLite's oldest limit of bound
// parameters (999); PostgreSQL's is far higher.
const copyBatchParams = 900

// copyCheck, when set by a test, runs inside the target's transaction after
// a table's rows are in and before they are checked.
var copyCheck func(tx *gorm.DB, table string) error

// Copy copies every row of every table from one database to another, both
// opened (and so migrated to the same schema) by Open: in one transaction
// on the target, which commits only when each table reads back from it with
// the source's row count and checksum. It refuses a target with rows unless
// opts.Force is set, when the target's rows are deleted first, in the same
// transaction. Identity sequences on a PostgreSQL target are set past the
// copied ids. The source is read in one snapshot (on SQLite, Open's lock
// keeps every other process out of the file).
func Copy(ctx context.Context, from, to *DB, opts CopyOptions) ([]TableCopy, error) {
	if from == to {
		return nil, errors.New("copy database: the source and the target are the same database")
	}
	for _, side := range []struct {
		name string
		db   *DB
	}{{"source", from}, {"target", to}} {
		if err := side.db.knowsEveryMigration(ctx); err != nil {
			return nil, fmt.Errorf("copy database: the %s %w; copy with that runclub, or a newer one", side.name, err)
		}
	}
	start := time.Now()
	var out []TableCopy
	err := from.readSnapshot(ctx, func(src *gorm.DB) error {
		tables, totals, err := copyPlan(src, to.gorm.WithContext(ctx))
		if err != nil {
			return err
		}
		var all int64
		for _, n := range totals {
			all += n
		}
		prog := CopyProgress{Total: all}
		report := func(p CopyProgress) {
			if opts.Progress != nil {
				p.Elapsed = time.Since(start)
				opts.Progress(p)
			}
		}
		return to.copyTx(ctx, func(dst *gorm.DB) error {
			if err := clearTarget(dst, tables, opts.Force); err != nil {
				return err
			}
			out = out[:0]
			for i, table := range tables {
				prog.Table, prog.TableRows, prog.TableTotal, prog.Done = table, 0, totals[i], false
				sum, err := copyTable(src, dst, table, func(n int64) {
					prog.TableRows += n
					prog.Rows += n
					report(prog)
				})
				if err != nil {
					return fmt.Errorf("copy %s: %w", table, err)
				}
				if copyCheck != nil {
					if err := copyCheck(dst, table); err != nil {
						return err
					}
				}
				back, err := tableChecksum(dst, table)
				if err != nil {
					return fmt.Errorf("copy %s: read it back: %w", table, err)
				}
				if back != sum {
					return fmt.Errorf("copy %s: %w: the source has %d rows (checksum %s), the target %d (checksum %s)",
						table, ErrCopyMismatch, sum.rows, sum.hex(), back.rows, back.hex())
				}
				out = append(out, TableCopy{Table: table, Rows: sum.rows, Checksum: sum.hex()})
				prog.Done = true
				report(prog)
			}
			return setSequences(dst, tables)
		})
	})
	if err != nil {
		return nil, fmt.Errorf("copy database: %w", err)
	}
	return out, nil
}

// knowsEveryMigration fails when db records a migration this build lacks:
// a newer runclub migrated it, and its tables may hold what this one
// cannot copy.
func (db *DB) knowsEveryMigration(ctx context.Context) error {
	known := make([]int, len(migrations))
	for i, m := range migrations {
		known[i] = m.Version
	}
	var unknown []int
	err := db.gorm.WithContext(ctx).Model(&schemaMigration{}).Where("version NOT IN ?", known).Order("version").Pluck("version", &unknown).Error
	if err != nil {
		return fmt.Errorf("database: read applied migrations: %w", err)
	}
	if len(unknown) > 0 {
		return fmt.Errorf("database was migrated by a newer runclub: migration %v is unknown to this build", strings.Trim(fmt.Sprint(unknown), "[]"))
	}
	return nil
}

// readSnapshot runs fn over one consistent view of db: a read-only
// REPEATABLE READ transaction on PostgreSQL; on SQLite the database itself,
// which Open's lock keeps other processes from writing.
func (db *DB) readSnapshot(ctx context.Context, fn func(g *gorm.DB) error) error {
	if !db.postgres {
		return fn(db.gorm.WithContext(ctx))
	}
	return db.gorm.WithContext(ctx).Transaction(fn, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
}

// copyTx runs fn in one transaction on db, under SQLite's write lock, and
// never again: a copy that fails is reported, not retried.
func (db *DB) copyTx(ctx context.Context, fn func(tx *gorm.DB) error) error {
	if !db.postgres {
		db.writeMu.Lock()
		defer db.writeMu.Unlock()
	}
	return db.gorm.WithContext(ctx).Transaction(fn)
}

// copyPlan lists the source's tables in copyOrder and counts their rows.
// Every one must exist in the target too.
func copyPlan(src, dst *gorm.DB) ([]string, []int64, error) {
	have, err := src.Migrator().GetTables()
	if err != nil {
		return nil, nil, fmt.Errorf("list the source's tables: %w", err)
	}
	targetHas, err := dst.Migrator().GetTables()
	if err != nil {
		return nil, nil, fmt.Errorf("list the target's tables: %w", err)
	}
	var tables, rest []string
	for _, t := range copyOrder {
		if slices.Contains(have, t) {
			tables = append(tables, t)
		}
	}
	for _, t := range have {
		if t != "schema_migrations" && !strings.HasPrefix(t, "sqlite_") && !slices.Contains(copyOrder, t) {
			rest = append(rest, t)
		}
	}
	slices.Sort(rest)
	tables = append(tables, rest...)
	totals := make([]int64, len(tables))
	for i, t := range tables {
		if !slices.Contains(targetHas, t) {
			return nil, nil, fmt.Errorf("the target has no table %s: is it an older runclub's database?", t)
		}
		if err := src.Raw("SELECT COUNT(*) FROM " + t).Scan(&totals[i]).Error; err != nil {
			return nil, nil, fmt.Errorf("count %s: %w", t, err)
		}
	}
	return tables, totals, nil
}

// clearTarget refuses a target with rows, or with force deletes them,
// last table first so that no row outlives one it references.
func clearTarget(dst *gorm.DB, tables []string, force bool) error {
	var full []string
	for _, t := range tables {
		var one int
		err := dst.Raw("SELECT 1 FROM " + t + " LIMIT 1").Scan(&one).Error
		if err != nil {
			return fmt.Errorf("look into the target's %s: %w", t, err)
		}
		if one == 1 {
			full = append(full, t)
		}
	}
	if len(full) == 0 {
		return nil
	}
	if !force {
		return fmt.Errorf("%w: %s hold rows; copy into an empty database, or give --force to replace them", ErrTargetNotEmpty, strings.Join(full, ", "))
	}
	for _, t := range slices.Backward(tables) {
		if err := dst.Exec("DELETE FROM " + t).Error; err != nil {
			return fmt.Errorf("empty the target's %s: %w", t, err)
		}
	}
	return nil
}

// copyTable streams table's rows from src into dst in batches, calling
// copied after each, and returns the checksum of what it read.
func copyTable(src, dst *gorm.DB, table string, copied func(n int64)) (checksum, error) {
	var sum checksum
	rows, err := src.Raw("SELECT * FROM " + table + " ORDER BY 1").Rows()
	if err != nil {
		return sum, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return sum, err
	}
	perBatch := max(1, copyBatchParams/len(cols))
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ") + ")"
	insert := "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES "
	batch := make([]any, 0, perBatch*len(cols))
	flush := func() error {
		n := len(batch) / len(cols)
		if n == 0 {
			return nil
		}
		q := insert + strings.TrimSuffix(strings.Repeat(one+", ", n), ", ")
		if err := dst.Exec(q, batch...).Error; err != nil {
			return err
		}
		batch = batch[:0]
		copied(int64(n))
		return nil
	}
	for rows.Next() {
		vals, err := scanAny(rows, len(cols))
		if err != nil {
			return sum, err
		}
		sum.add(vals)
		batch = append(batch, vals...)
		if len(batch) >= perBatch*len(cols) {
			if err := flush(); err != nil {
				return sum, err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return sum, err
	}
	return sum, flush()
}

// tableChecksum reads table back and sums it as copyTable did.
func tableChecksum(g *gorm.DB, table string) (checksum, error) {
	var sum checksum
	err := scanRows(g, "SELECT * FROM "+table, nil, func(rows *sql.Rows) error {
		cols, err := rows.Columns()
		if err != nil {
			return err
		}
		vals, err := scanAny(rows, len(cols))
		sum.add(vals)
		return err
	})
	return sum, err
}

// scanAny scans the current row into n values as the driver gives them.
func scanAny(rows *sql.Rows, n int) ([]any, error) {
	vals := make([]any, n)
	ptrs := make([]any, n)
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err := rows.Scan(ptrs...); err != nil {
		return nil, err
	}
	return vals, nil
}

// setSequences moves each PostgreSQL identity sequence past the ids just
// copied, so that the next row the bot creates gets a fresh id. SQLite's
// AUTOINCREMENT keeps track of explicit ids by itself.
func setSequences(dst *gorm.DB, tables []string) error {
	if dst.Dialector.Name() != "postgres" {
		return nil
	}
	for _, t := range tables {
		if !dst.Migrator().HasColumn(t, "id") {
			continue
		}
		var seq sql.NullString
		if err := dst.Raw("SELECT pg_get_serial_sequence(?, 'id')", t).Scan(&seq).Error; err != nil {
			return fmt.Errorf("find %s's id sequence: %w", t, err)
		}
		if !seq.Valid {
			continue
		}
		if err := dst.Exec("SELECT setval(?, (SELECT COALESCE(MAX(id), 0) + 1 FROM "+t+"), false)", seq.String).Error; err != nil {
			return fmt.Errorf("set %s's id sequence: %w", t, err)
		}
	}
	return nil
}
