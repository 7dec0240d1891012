package storage

import (
	"context"
	"database/sql"
	"errors"
	"slices"

	"gorm.io/gorm"
)

// observe tells the observer, if any, of err from op, unless err is one
// the domain expects or the caller gave up (a cancelled context).
func (db *DB) observe(op string, err error) {
	if db.observer == nil || err == nil || expected(err) {
		return
	}
	db.observer(op, err)
}

// expected reports whether err is an outcome the stores turn into a domain
// error kind, or the caller's own cancellation, rather than a failure.
func expected(err error) bool {
	return errors.Is(err, gorm.ErrRecordNotFound) || errors.Is(err, gorm.ErrDuplicatedKey) ||
		errors.Is(err, gorm.ErrForeignKeyViolated) || errors.Is(err, context.Canceled) || errors.Is(err, sql.ErrNoRows)
}

// errorOps are the op names the observer hears: the kinds of statement
// watchErrors reports, and "write", a write transaction that kept losing
// its race with another replica (serialise.go).
var errorOps = []string{"create", "query", "update", "delete", "row", "raw", "write"}

// ErrorOps are the op names an error observer (WithErrorObserver) is
// called with, so that a metric can show each at zero before any fails.
func ErrorOps() []string { return slices.Clone(errorOps) }

// watchErrors has gorm report every failed statement it runs to observe,
// by the kind of statement: the stores' queries need no call of their own.
func (db *DB) watchErrors() error {
	cb := db.gorm.Callback()
	registers := map[string]func(name string, fn func(*gorm.DB)) error{
		"create": cb.Create().After("gorm:create").Register,
		"query":  cb.Query().After("gorm:query").Register,
		"update": cb.Update().After("gorm:update").Register,
		"delete": cb.Delete().After("gorm:delete").Register,
		"row":    cb.Row().After("gorm:row").Register,
		"raw":    cb.Raw().After("gorm:raw").Register,
	}
	for _, op := range errorOps {
		register, ok := registers[op]
		if !ok {
			continue // reported where it happens
		}
		if err := register("runclub:observe_errors", func(tx *gorm.DB) { db.observe(op, tx.Error) }); err != nil {
			return err
		}
	}
	return nil
}
