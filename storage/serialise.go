package storage

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// serializeAttempts bounds how often a PostgreSQL write that lost a race is
// run again. Conflicts need two writers on the same rows at the same
// moment (one member's two devices, two replicas taking one update), so a
// handful of attempts is plenty; past them the error is returned.
const serializeAttempts = 8

// retrySerializable runs attempt until it succeeds, fails for another
// reason than a serialisation failure or deadlock, ctx ends, or the
// attempts run out. Between attempts it waits a short, growing, jittered
// while so that the writers that collided do not collide again.
func (db *DB) retrySerializable(ctx context.Context, attempt func() error) error {
	var err error
	for i := range serializeAttempts {
		if err = attempt(); !retryable(err) {
			return err
		}
		db.log.Debug("database write retried", "attempt", i+1, "err", err)
		wait := time.Duration(1<<i)*time.Millisecond + rand.N(2*time.Millisecond)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("write retried %d times: %w", i+1, ctx.Err())
		case <-t.C:
		}
	}
	db.observe("write", err)
	return fmt.Errorf("write failed to serialise %d times: %w", serializeAttempts, err)
}

// retryable reports whether err is PostgreSQL's way of saying the
// transaction lost to a concurrent one and may simply run again:
// serialization_failure (40001) or deadlock_detected (40P01).
func retryable(err error) bool {
	var pg *pgconn.PgError
	return errors.As(err, &pg) && (pg.Code == "40001" || pg.Code == "40P01")
}
