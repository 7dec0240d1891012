package storage

import (
	"context"
	"fmt"
)

// Ready reports whether the database can serve: it answers, and every
// migration this build knows is applied (another replica may have opened
// the database with an older build, or a migration may still run on a new
// one). The error says what is wrong, for a readiness probe.
func (db *DB) Ready(ctx context.Context) error {
	if err := db.ping(ctx); err != nil {
		return fmt.Errorf("database unreachable: %w", err)
	}
	versions := make([]int, len(migrations))
	for i, m := range migrations {
		versions[i] = m.Version
	}
	var applied int64
	err := db.gorm.WithContext(ctx).Model(&schemaMigration{}).Where("version IN ?", versions).Count(&applied).Error
	if err != nil {
		return fmt.Errorf("database: read applied migrations: %w", err)
	}
	if missing := len(versions) - int(applied); missing > 0 {
		return fmt.Errorf("database: %d of %d migrations not applied yet", missing, len(versions))
	}
	return nil
}
