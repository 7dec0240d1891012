package storage_test

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/runclub/runclub/storage"
	"github.com/runclub/runclub/storage/pgtest"
)

// leaseWait bounds how long a test waits for a lease to be noticed lost.
const leaseWait = 10 * time.Second

func tryLead(t *testing.T, db *storage.DB) *storage.Lease {
	t.Helper()
	l, err := db.TryLead(context.Background(), 20*time.Millisecond)
	if err != nil {
		t.Fatalf("TryLead: %v", err)
	}
	if l != nil {
		t.Cleanup(l.Release)
	}
	return l
}

func TestOneReplicaLeadsAtATimeOnPostgreSQL(t *testing.T) {
	dsn := pgtest.Schema(t)
	a, b := backends[1].reopen(t, dsn), backends[1].reopen(t, dsn)
	la := tryLead(t, a.DB)
	if la == nil {
		t.Fatal("the first replica to ask does not lead")
	}
	if tryLead(t, b.DB) != nil {
		t.Fatal("a second replica leads while the first does")
	}
	// Another schema is another bot: it elects its own leader.
	if tryLead(t, backends[1].reopen(t, pgtest.Schema(t)).DB) == nil {
		t.Error("a bot in another schema cannot lead")
	}
	la.Release()
	lb := tryLead(t, b.DB)
	if lb == nil {
		t.Fatal("no replica can lead after the leader stepped down")
	}
	if tryLead(t, a.DB) != nil {
		t.Error("the old leader leads again beside the new one")
	}
	select {
	case <-lb.Lost():
		t.Error("a healthy lease was reported lost")
	default:
	}
}

// TestALeaderWhoseSessionEndsStepsDownAndAnotherLeads ends the leader's
// database session from outside, as a restart of PostgreSQL or a network
// cut would: the lease is reported lost, and another replica can lead.
func TestALeaderWhoseSessionEndsStepsDownAndAnotherLeads(t *testing.T) {
	dsn := pgtest.Schema(t)
	a, b := backends[1].reopen(t, dsn), backends[1].reopen(t, dsn)
	la := tryLead(t, a.DB)
	if la == nil || tryLead(t, b.DB) != nil {
		t.Fatal("the first replica does not lead alone")
	}
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	var ended int
	err = admin.QueryRow(`SELECT count(pg_terminate_backend(l.pid)) FROM pg_locks l
		WHERE l.locktype = 'advisory' AND l.granted
		AND ((l.classid::bigint << 32) | l.objid::bigint) = hashtext('runclub leader ' || current_schema())::bigint`).Scan(&ended)
	if err != nil || ended != 1 {
		t.Fatalf("ending the leader's session: %d ended, %v", ended, err)
	}
	select {
	case <-la.Lost():
	case <-time.After(leaseWait):
		t.Fatal("the leader did not notice that its session ended")
	}
	la.Release()
	if tryLead(t, b.DB) == nil {
		t.Error("no other replica can lead after the leader's session ended")
	}
}

func TestOnSQLiteTheOneProcessLeads(t *testing.T) {
	db, _ := backends[0].open(t)
	l := tryLead(t, db.DB)
	if l == nil {
		t.Fatal("the SQLite process does not lead")
	}
	l.Release()
	select {
	case <-l.Lost():
		t.Error("SQLite's lease was reported lost")
	default:
	}
}
