package storage

import "gorm.io/gorm"

// ParseDate exposes parseDate to the tests of package storage_test.
var ParseDate = parseDate

// Gorm exposes the database's gorm handle to the tests of package storage_test.
func Gorm(db *DB) *gorm.DB { return db.gorm }

// SetCopyCheck makes Copy run fn in the target's transaction after each
// table's rows are in, before they are checked; restore undoes it.
func SetCopyCheck(fn func(tx *gorm.DB, table string) error) (restore func()) {
	copyCheck = fn
	return func() { copyCheck = nil }
}
