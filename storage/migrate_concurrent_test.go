package storage_test

import (
	"context"
	"sync"
	"testing"

	"github.com/runclub/runclub/storage"
	"github.com/runclub/runclub/storage/pgtest"
)

// TestReplicasStartingAtOnceMigrateOnce opens one empty PostgreSQL schema
// from several processes' worth of Opens at the same moment, as replicas
// started together do: every one opens, and each migration runs once.
func TestReplicasStartingAtOnceMigrateOnce(t *testing.T) {
	dsn := pgtest.Schema(t)
	const replicas = 4
	var wg sync.WaitGroup
	dbs := make([]*storage.DB, replicas)
	errs := make([]error, replicas)
	for i := range replicas {
		wg.Add(1)
		go func() {
			defer wg.Done()
			dbs[i], errs[i] = storage.Open(context.Background(), "postgres", dsn, nil)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("replica %d: %v", i, err)
			continue
		}
		defer dbs[i].Close()
	}
	if errs[0] != nil {
		return
	}
	var rows, versions int64
	g := storage.Gorm(dbs[0])
	g.Table("schema_migrations").Count(&rows)
	g.Table("schema_migrations").Distinct("version").Count(&versions)
	if rows != versions || rows == 0 {
		t.Errorf("schema_migrations holds %d rows for %d versions, want one each", rows, versions)
	}
}
