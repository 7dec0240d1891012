package main

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/runclub/runclub/storage"
)

// validate checks the database keys, naming the first one that is wrong.
func (d DatabaseConfig) validate() error {
	switch d.Driver {
	case "sqlite":
		if d.DSN == "" {
			return &ConfigError{Key: "database.dsn", Reason: "empty; give a file path such as runclub.db"}
		}
		if isPostgresURL(d.DSN) {
			return &ConfigError{Key: "database.dsn", Reason: "a postgres:// URL needs database.driver: postgres"}
		}
	case "postgres":
		if d.DSN == "" {
			return &ConfigError{Key: "database.dsn", Reason: "empty; give a URL such as postgres://runclub@db.example:5432/runclub?sslmode=verify-full"}
		}
		if !isPostgresURL(d.DSN) && !strings.Contains(d.DSN, "=") {
			return &ConfigError{Key: "database.dsn", Reason: "not a PostgreSQL URL (postgres://user@host:5432/db) or key=value string (host=… dbname=…)"}
		}
		if err := storage.CheckPostgresDSN(d.DSN); err != nil {
			return &ConfigError{Key: "database.dsn", Reason: err.Error()}
		}
	default:
		return &ConfigError{Key: "database.driver", Reason: fmt.Sprintf("%q is not a driver; use sqlite or postgres", d.Driver)}
	}
	_, err := d.pool()
	return err
}

// isPostgresURL reports whether dsn is written as a postgres:// URL.
func isPostgresURL(dsn string) bool {
	u, err := url.Parse(dsn)
	return err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql")
}

// defaultIdleConns is database.max_idle_conns when it is not set.
const defaultIdleConns = 10

// pool reads the connection pool keys.
func (d DatabaseConfig) pool() (storage.Pool, error) {
	var p storage.Pool
	for _, n := range []struct {
		key, val string
		dst      *int
	}{{"database.max_open_conns", d.MaxOpenConns, &p.MaxOpenConns}, {"database.max_idle_conns", d.MaxIdleConns, &p.MaxIdleConns}} {
		if n.val == "" {
			continue
		}
		v, err := strconv.Atoi(n.val)
		if err != nil || v < 1 || v > 1000 {
			return p, &ConfigError{Key: n.key, Reason: fmt.Sprintf("%q is not a number of connections from 1 to 1000", n.val)}
		}
		*n.dst = v
	}
	if d.Driver == "postgres" && p.MaxOpenConns == 1 {
		// The leader's advisory lock keeps a connection for as long as it
		// leads: with one, every command and the readiness probe would wait.
		return p, &ConfigError{Key: "database.max_open_conns", Reason: "1 leaves no connection for commands on PostgreSQL, where the leader holds one for as long as it leads; give 2 or more"}
	}
	if d.MaxIdleConns == "" {
		// Unset: as many as the default keeps, never more than may be open.
		p.MaxIdleConns = min(defaultIdleConns, p.MaxOpenConns)
	}
	if p.MaxOpenConns > 0 && p.MaxIdleConns > p.MaxOpenConns {
		return p, &ConfigError{Key: "database.max_idle_conns", Reason: fmt.Sprintf("%d is more than database.max_open_conns (%d)", p.MaxIdleConns, p.MaxOpenConns)}
	}
	for _, n := range []struct {
		key, val string
		dst      *time.Duration
	}{{"database.conn_max_lifetime", d.ConnMaxLifetime, &p.ConnMaxLifetime}, {"database.conn_max_idle_time", d.ConnMaxIdleTime, &p.ConnMaxIdleTime}} {
		if n.val == "" {
			continue
		}
		v, err := time.ParseDuration(n.val)
		if err != nil || v < time.Second {
			return p, &ConfigError{Key: n.key, Reason: fmt.Sprintf("%q is not a duration of a second or more, such as 30m or 1h", n.val)}
		}
		*n.dst = v
	}
	return p, nil
}
