// Package storage implements the domain repositories on gorm, with SQLite as
// the embedded default: one store per aggregate (MemberStore, ClubStore, …)
// over one shared DB, in the manner of benbjohnson/wtf. Row structs and gorm
// tags stay here; callers only see domain types and domain error kinds.
//
// It may import domain only, of the project. Its invariants: every write is
// serialised through DB (SQLite has one writer: a lock; PostgreSQL takes
// several replicas' writers: SERIALIZABLE transactions, retried when they
// lose a race), a transaction begun with
// DB.InTx travels in the context so that every store's reads and writes
// inside it see it, and SQL stays portable between SQLite and PostgreSQL
// (dialect differences are branches on the dialector's name).
package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"sync"
	"time"

	"gorm.io/driver/postgres"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/runclub/runclub/domain"
)

// DB is runclub's database: the connection, the write lock and the
// migrations. It holds no queries; each aggregate's are in its store over
// the DB (NewStores). On SQLite writes are serialised through one lock
// because SQLite allows a single writer; reads run concurrently under WAL.
type DB struct {
	gorm *gorm.DB
	// writeMu serialises write transactions so they never race for SQLite's
	// write lock and fail with SQLITE_BUSY under load.
	writeMu sync.Mutex
	// Now is the clock used for created/updated timestamps.
	Now func() time.Time
	log *slog.Logger
	// postgres is true on PostgreSQL, whose MVCC takes concurrent writers.
	postgres bool
	// lock keeps other processes off a SQLite file; nil on PostgreSQL.
	lock *fileLock
	// prepared are SQLite's prepared statements of the write path.
	prepared preparedStmts
	// observer, if set, is told of failed operations (WithErrorObserver).
	observer ErrorObserver
}

// Driver names the database behind db: "sqlite" or "postgres".
func (db *DB) Driver() string {
	if db.postgres {
		return "postgres"
	}
	return "sqlite"
}

// Open opens (creating if needed) the database and runs pending migrations.
// driver is "sqlite", with dsn a file path or a "file:" URI, or "postgres",
// with dsn a postgres:// URL or a libpq key=value string (pgx v5 reads it).
// opts set the connection pool (WithPool).
func Open(ctx context.Context, driver, dsn string, log *slog.Logger, opts ...Option) (*DB, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	var dial gorm.Dialector
	var lock *fileLock
	switch driver {
	case "sqlite", "":
		driver = "sqlite"
		if path := sqlitePath(dsn); path != "" {
			var err error
			if lock, err = lockSQLite(path); err != nil {
				return nil, err
			}
		}
		dial = sqlite.Open(sqliteDSN(dsn))
	case "postgres":
		if dsn == "" {
			return nil, errors.New("open database postgres: empty DSN; give a URL such as postgres://user@host:5432/runclub")
		}
		dial = postgres.Open(dsn)
	default:
		return nil, fmt.Errorf("open database: driver %q is not supported (use sqlite or postgres)", driver)
	}
	g, err := gorm.Open(dial, &gorm.Config{
		SkipDefaultTransaction: true,
		TranslateError:         true,
		Logger:                 logger.Discard,
		NowFunc:                func() time.Time { return time.Now().UTC() },
	})
	if err != nil {
		_ = lock.release()
		return nil, fmt.Errorf("open database %s: %w", driver, err)
	}
	db := &DB{gorm: g, Now: time.Now, log: log, postgres: driver == "postgres", lock: lock, observer: o.observer}
	if db.observer != nil {
		if err := db.watchErrors(); err != nil {
			_ = db.Close()
			return nil, fmt.Errorf("open database: watch for errors: %w", err)
		}
	}
	if err := db.setPool(driver, o.pool); err != nil {
		_ = db.Close()
		return nil, err
	}
	if err := db.ping(ctx); err != nil {
		_ = db.Close()
		return nil, err
	}
	if err := db.migrate(ctx); err != nil {
		_ = db.Close()
		return nil, err
	}
	return db, nil
}

// sqliteDSN adds runclub's connection settings to a path or file: URI:
// WAL so readers never block the writer, synchronous=NORMAL (durable at each
// WAL checkpoint and safe against application crashes), a busy timeout,
// foreign keys, and immediate transactions so a writer takes the lock up front.
func sqliteDSN(dsn string) string {
	if dsn == "" {
		dsn = "runclub.db"
	}
	if !strings.HasPrefix(dsn, "file:") {
		dsn = "file:" + dsn
	}
	params := url.Values{}
	params.Set("_journal_mode", "WAL")
	params.Set("_synchronous", "NORMAL")
	params.Set("_busy_timeout", "5000")
	params.Set("_foreign_keys", "on")
	params.Set("_txlock", "immediate")
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	return dsn + sep + params.Encode()
}

func (db *DB) ping(ctx context.Context) error {
	sqlDB, err := db.gorm.DB()
	if err != nil {
		return fmt.Errorf("open database: %w", err)
	}
	if err := sqlDB.PingContext(ctx); err != nil {
		return fmt.Errorf("open database: %w", err)
	}
	return nil
}

// Close closes the database.
func (db *DB) Close() error {
	sqlDB, err := db.gorm.DB()
	if err != nil {
		return fmt.Errorf("close database: %w", err)
	}
	db.prepared.close()
	err = sqlDB.Close()
	if lerr := db.lock.release(); err == nil {
		err = lerr
	}
	db.lock = nil
	if err != nil {
		return fmt.Errorf("close database: %w", err)
	}
	return nil
}

// txKey is the context key under which InTx keeps its transaction.
type txKey struct{}

// txValue ties a transaction to the DB that began it, so that a context
// carrying one database's transaction is never used with another.
type txValue struct {
	db *DB
	tx *gorm.DB
}

// tx returns the transaction ctx carries for db, or nil.
func (db *DB) tx(ctx context.Context) *gorm.DB {
	if v, ok := ctx.Value(txKey{}).(txValue); ok && v.db == db {
		return v.tx
	}
	return nil
}

// conn returns the handle every store reads and writes through, bound to
// ctx: the transaction ctx carries, if any, else the database itself.
func (db *DB) conn(ctx context.Context) *gorm.DB {
	if tx := db.tx(ctx); tx != nil {
		return tx.WithContext(ctx)
	}
	return db.gorm.WithContext(ctx)
}

// write runs fn in one serialised transaction. Inside InTx it runs in a
// savepoint of that transaction instead, without taking the write lock
// again (InTx holds it), so a store's write nested in InTx neither
// deadlocks nor commits on its own, and a failing fn undoes only its part.
//
// On SQLite the lock is DB.writeMu. On PostgreSQL, where replicas write at
// once, there is no lock: the transaction is SERIALIZABLE, so that every
// read-then-write (a check-in merged into the day's row, a run's number)
// behaves as if the writers had taken turns, and one that lost a race is
// run again from the start (serialise.go).
func (db *DB) write(ctx context.Context, fn func(tx *gorm.DB) error) error {
	if tx := db.tx(ctx); tx != nil {
		return tx.WithContext(ctx).Transaction(fn)
	}
	if db.postgres {
		return db.retrySerializable(ctx, func() error {
			return db.gorm.WithContext(ctx).Transaction(fn, &sql.TxOptions{Isolation: sql.LevelSerializable})
		})
	}
	db.writeMu.Lock()
	defer db.writeMu.Unlock()
	return db.gorm.WithContext(ctx).Transaction(fn)
}

// writeStatement runs fn, one statement that is atomic on its own, under the
// write lock but in no transaction of its own: a claim of a thousand
// deliveries is one INSERT, and a BEGIN and COMMIT around each would cost
// more than the statement. Inside InTx it runs in a savepoint of that
// transaction, like write. On PostgreSQL it takes no lock: the statement's
// own atomicity (ON CONFLICT) is what makes it safe.
func (db *DB) writeStatement(ctx context.Context, fn func(g *gorm.DB) error) error {
	if db.tx(ctx) != nil {
		return db.write(ctx, fn)
	}
	if db.postgres {
		return db.retrySerializable(ctx, func() error { return fn(db.gorm.WithContext(ctx)) })
	}
	db.writeMu.Lock()
	defer db.writeMu.Unlock()
	return fn(db.gorm.WithContext(ctx))
}

// statement runs fn, a write that is atomic on its own, on the transaction
// ctx carries, with no savepoint of its own (its one statement undoes
// itself when it fails), or else as writeStatement does.
func (db *DB) statement(ctx context.Context, fn func(g *gorm.DB) error) error {
	if tx := db.tx(ctx); tx != nil {
		return fn(tx.WithContext(ctx))
	}
	return db.writeStatement(ctx, fn)
}

// InTx runs fn in one serialised write transaction: every store called with
// the context fn is given reads and writes through that transaction, which
// commits if fn returns nil and rolls back, with all of its stores' writes,
// if fn returns an error or panics. An InTx inside fn is a savepoint of the
// same transaction. Keep fn short: on SQLite it holds the database's one
// write lock. On PostgreSQL fn may run more than once, when a concurrent
// writer made its transaction fail to serialise, so fn must have no effect
// outside the database but the values it leaves for its caller.
func (db *DB) InTx(ctx context.Context, fn func(ctx context.Context) error) error {
	return db.write(ctx, func(tx *gorm.DB) error {
		return fn(context.WithValue(ctx, txKey{}, txValue{db: db, tx: tx}))
	})
}

// now returns the current time in UTC from the injected clock.
func (db *DB) now() time.Time { return db.Now().UTC() }

// mapError turns a driver error into a domain error kind, keeping the cause
// wrapped for logs. what names the operation that failed.
func mapError(err error, what string) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, gorm.ErrRecordNotFound):
		return fmt.Errorf("%s: %w", what, domain.Errorf(domain.ENOTFOUND, "Not found."))
	case errors.Is(err, gorm.ErrDuplicatedKey):
		return fmt.Errorf("%s: %w", what, domain.Errorf(domain.ECONFLICT, "That already exists."))
	case errors.Is(err, gorm.ErrForeignKeyViolated):
		return fmt.Errorf("%s: %w", what, domain.Errorf(domain.ENOTFOUND, "That member or club no longer exists."))
	default:
		return fmt.Errorf("%s: %w", what, err)
	}
}

// Ping checks that the database answers, for health checks.
func (db *DB) Ping(ctx context.Context) error { return db.ping(ctx) }

// inListChunk keeps IN lists well under SQLite's and PostgreSQL's limits
// on bound parameters.
const inListChunk = 500

// scanRows runs query on g and calls each for every row.
func scanRows(g *gorm.DB, query string, args []any, each func(*sql.Rows) error) error {
	rows, err := g.Raw(query, args...).Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := each(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
