package storage_test

import (
	"context"
	"strings"
	"testing"

	"github.com/runclub/runclub/storage"
)

func TestReadyNeedsEveryMigration(t *testing.T) {
	forEachDB(t, func(t *testing.T, b backend) {
		db, _ := b.open(t)
		ctx := context.Background()
		if err := db.Ready(ctx); err != nil {
			t.Fatalf("a freshly migrated database is not ready: %v", err)
		}
		if err := storage.Gorm(db.DB).Exec("DELETE FROM schema_migrations WHERE version = (SELECT MAX(version) FROM schema_migrations)").Error; err != nil {
			t.Fatal(err)
		}
		if err := db.Ready(ctx); err == nil || !strings.Contains(err.Error(), "1 of") {
			t.Errorf("Ready with the last migration missing = %v, want it named", err)
		}
		db.Close()
		if err := db.Ready(ctx); err == nil || !strings.Contains(err.Error(), "unreachable") {
			t.Errorf("Ready of a closed database = %v, want unreachable", err)
		}
	})
}
