package storage

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// Pool sizes the connection pool. A zero field keeps database/sql's
// default, except that SQLite always gets one connection per reader it
// needs and PostgreSQL a bounded pool (see setPool).
type Pool struct {
	// MaxOpenConns caps the connections open at once.
	MaxOpenConns int
	// MaxIdleConns caps the connections kept open while idle.
	MaxIdleConns int
	// ConnMaxLifetime closes a connection after this long, so a replica
	// spreads over a PostgreSQL failover or a pooler's restart.
	ConnMaxLifetime time.Duration
	// ConnMaxIdleTime closes a connection idle this long.
	ConnMaxIdleTime time.Duration
}

// Option changes how Open opens the database.
type Option func(*options)

type options struct {
	pool     Pool
	observer ErrorObserver
}

// WithPool sets the connection pool's limits.
func WithPool(p Pool) Option { return func(o *options) { o.pool = p } }

// defaultPostgresPool is what a replica opens with when the operator says
// nothing: enough for the handlers and the scheduler's fan-out, few enough
// that several replicas stay well under PostgreSQL's default of 100.
var defaultPostgresPool = Pool{MaxOpenConns: 20, MaxIdleConns: 10, ConnMaxLifetime: time.Hour, ConnMaxIdleTime: 10 * time.Minute}

// setPool applies p over the driver's defaults.
func (db *DB) setPool(driver string, p Pool) error {
	sqlDB, err := db.gorm.DB()
	if err != nil {
		return fmt.Errorf("open database: connection pool: %w", err)
	}
	if driver == "postgres" {
		d := defaultPostgresPool
		if p.MaxOpenConns == 0 {
			p.MaxOpenConns = d.MaxOpenConns
		}
		if p.MaxIdleConns == 0 {
			p.MaxIdleConns = min(d.MaxIdleConns, p.MaxOpenConns)
		}
		if p.ConnMaxLifetime == 0 {
			p.ConnMaxLifetime = d.ConnMaxLifetime
		}
		if p.ConnMaxIdleTime == 0 {
			p.ConnMaxIdleTime = d.ConnMaxIdleTime
		}
	}
	if p.MaxOpenConns < 0 || p.MaxIdleConns < 0 || p.ConnMaxLifetime < 0 || p.ConnMaxIdleTime < 0 {
		return fmt.Errorf("open database: connection pool: negative limit in %+v", p)
	}
	if p.MaxOpenConns > 0 {
		sqlDB.SetMaxOpenConns(p.MaxOpenConns)
	}
	if p.MaxIdleConns > 0 {
		sqlDB.SetMaxIdleConns(p.MaxIdleConns)
	}
	if p.ConnMaxLifetime > 0 {
		sqlDB.SetConnMaxLifetime(p.ConnMaxLifetime)
	}
	if p.ConnMaxIdleTime > 0 {
		sqlDB.SetConnMaxIdleTime(p.ConnMaxIdleTime)
	}
	return nil
}

// ErrorObserver is told of each database operation that failed for
// another reason than the ones the domain expects (a row not found, a key
// taken, a member gone): op is a fixed name of the kind of operation
// ("query", "create", "update", "delete", "row", "raw", "write"), never
// data. cmd wires it to a metric; storage imports no metrics library.
type ErrorObserver func(op string, err error)

// WithErrorObserver sets the observer of failed operations.
func WithErrorObserver(fn ErrorObserver) Option { return func(o *options) { o.observer = fn } }

// CheckPostgresDSN reports why pgx cannot read dsn, or nil, so a DSN that
// would fail at every start is refused as configuration (exit 2, no
// restart loop) instead of surfacing later as a connection failure. The
// reason never repeats the DSN, so a password in it stays out of the
// message.
func CheckPostgresDSN(dsn string) error {
	_, err := pgconn.ParseConfig(dsn)
	if err == nil {
		return nil
	}
	reason := "pgx cannot read it"
	var pe *pgconn.ParseConfigError
	if errors.As(err, &pe) {
		// Error() is "cannot parse `<dsn, password redacted>`: why"; keep the why.
		if _, why, ok := strings.Cut(pe.Error(), "`: "); ok {
			reason = why
		}
	}
	return errors.New(reason)
}
