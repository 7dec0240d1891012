package storage

import "gorm.io/gorm"

// ParseDate exposes parseDate to the tests of package storage_test.
var ParseDate = parseDate

// Gorm exposes the database's gorm handle to the tests of package storage_test.
func Gorm(db *DB) *gorm.DB { return db.gorm }
