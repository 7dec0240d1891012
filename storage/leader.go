package storage

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"sync"
	"time"
)

// Lease is this process's leadership of the replicas that share the
// database. On PostgreSQL it is a session-level advisory lock held on a
// connection of its own, taken out of the pool for as long as the lease
// lasts; PostgreSQL releases it the moment that session ends, so a leader
// that dies (kill -9, a lost machine) frees it for the others at once. On
// SQLite, one process only, the lease is the process's from the start and
// is never lost.
type Lease struct {
	conn *sql.Conn // nil on SQLite

	lost     chan struct{}
	lostOnce sync.Once
	stop     chan struct{}
	done     chan struct{}
	release  sync.Once
}

// leaderKey is the advisory lock's key: one per schema, so that bots in
// different schemas of one database (and parallel tests) elect apart.
const leaderKey = `hashtext('runclub leader ' || current_schema())`

// TryLead tries once to take the lease. It returns nil and no error when
// another replica holds it. While the lease is held its connection is
// pinged every ping; a ping that fails or takes longer than ping means the
// session, and with it the lock, may be gone, and Lost is closed, so that
// the process stops leading before another replica can have started.
func (db *DB) TryLead(ctx context.Context, ping time.Duration) (*Lease, error) {
	l := &Lease{lost: make(chan struct{}), stop: make(chan struct{}), done: make(chan struct{})}
	if !db.postgres {
		close(l.done)
		return l, nil
	}
	sqlDB, err := db.gorm.DB()
	if err != nil {
		return nil, fmt.Errorf("try to lead: %w", err)
	}
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("try to lead: take a connection: %w", err)
	}
	var got bool
	if err := conn.QueryRowContext(ctx, `SELECT pg_try_advisory_lock(`+leaderKey+`)`).Scan(&got); err != nil {
		discard(conn)
		return nil, fmt.Errorf("try to lead: pg_try_advisory_lock: %w", err)
	}
	if !got {
		// This session holds no lock: the connection may go back to the pool.
		_ = conn.Close()
		return nil, nil
	}
	l.conn = conn
	go l.watch(ping)
	return l, nil
}

// watch pings the lease's connection until Release, closing lost at the
// first ping that fails.
func (l *Lease) watch(every time.Duration) {
	defer close(l.done)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-l.stop:
			return
		case <-t.C:
		}
		ctx, cancel := context.WithTimeout(context.Background(), every)
		err := l.conn.PingContext(ctx)
		cancel()
		if err != nil {
			l.lostOnce.Do(func() { close(l.lost) })
			return
		}
	}
}

// Lost is closed when the lease may have been lost: the leader must stop
// leading at once.
func (l *Lease) Lost() <-chan struct{} { return l.lost }

// Release gives the lease up: the lock is released and its connection
// closed rather than returned to the pool, where a session still holding
// the lock would keep every other replica from leading. Safe to call twice.
func (l *Lease) Release() {
	l.release.Do(func() {
		close(l.stop)
		<-l.done
		if l.conn == nil {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_, _ = l.conn.ExecContext(ctx, `SELECT pg_advisory_unlock(`+leaderKey+`)`)
		discard(l.conn)
	})
}

// discard closes conn's session instead of pooling it.
func discard(conn *sql.Conn) {
	_ = conn.Raw(func(any) error { return driver.ErrBadConn })
	_ = conn.Close() // ErrConnDone: Raw closed it already
}
