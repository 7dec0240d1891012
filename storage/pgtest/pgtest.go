// Package pgtest gives each test a fresh, empty PostgreSQL schema on the
// server that RUNCLUB_TEST_POSTGRES_DSN names, and its DSN, so that tests
// of storage and of the packages over it run against a real server without
// seeing each other's rows. Without the variable the test fails, never
// skips, saying how to get a server.
//
// It imports no runclub package; it is for tests only.
package pgtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
)

// EnvDSN is the environment variable naming the test server.
const EnvDSN = "RUNCLUB_TEST_POSTGRES_DSN"

// Missing is the failure message when EnvDSN is not set.
const Missing = EnvDSN + " is not set: the PostgreSQL tests need a server. " +
	"Run them through ./.ci/test, or `source .ci/postgres.sh` in your shell first " +
	"(it starts a throwaway cluster from the PostgreSQL server binaries: " +
	"Debian `apt-get install postgresql`), or point " + EnvDSN + " at a server of your own " +
	"(postgres://user@host:5432/db?sslmode=disable) on which the tests may create schemas."

var (
	adminOnce sync.Once
	admin     *sql.DB
	adminErr  error
)

// ServerDSN returns EnvDSN's value, failing tb when it is not set.
func ServerDSN(tb testing.TB) string {
	tb.Helper()
	dsn := os.Getenv(EnvDSN)
	if dsn == "" {
		tb.Fatal(Missing)
	}
	return dsn
}

// Schema creates a fresh schema on the test server, dropped when tb ends,
// and returns a DSN whose search_path is that schema: every table a test
// creates through it lands there.
func Schema(tb testing.TB) string {
	tb.Helper()
	server := ServerDSN(tb)
	adminOnce.Do(func() {
		admin, adminErr = sql.Open("pgx", server)
		if adminErr == nil {
			admin.SetMaxIdleConns(2)
		}
	})
	if adminErr != nil {
		tb.Fatalf("pgtest: connect to %s: %v", EnvDSN, adminErr)
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := "t_" + hex.EncodeToString(b[:])
	ctx := context.Background()
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+name); err != nil {
		tb.Fatalf("pgtest: create schema on the server %s names: %v", EnvDSN, err)
	}
	tb.Cleanup(func() {
		if _, err := admin.ExecContext(context.Background(), "DROP SCHEMA "+name+" CASCADE"); err != nil {
			tb.Errorf("pgtest: drop schema %s: %v", name, err)
		}
	})
	return WithSearchPath(server, name)
}

// WithSearchPath returns dsn with its search_path set to schema; pgx
// passes the parameter to the server at connect time.
func WithSearchPath(dsn, schema string) string {
	if u, err := url.Parse(dsn); err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql") {
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		return u.String()
	}
	return strings.TrimSpace(dsn) + fmt.Sprintf(" search_path=%s", schema)
}
