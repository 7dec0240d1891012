package storage

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"
)

// Database operations as ObserveErrors names them: gorm's callback chains.
const (
	OpCreate = "create"
	OpQuery  = "query"
	OpUpdate = "update"
	OpDelete = "delete"
	OpRow    = "row"
	OpRaw    = "raw"
)

// ObserveErrors calls failed with the operation's name (OpCreate, …) each
// time a statement fails, for the operator's metrics. A record not found, a
// duplicate or a missing referenced row (the domain's refusals: conflict,
// not found) and a statement cut short because its caller gave up are not
// failures of the database. It hooks gorm's callbacks, so every store is covered without
// each reporting its own errors; call it once, before the DB is used.
func (db *DB) ObserveErrors(failed func(op string)) error {
	hook := func(op string) func(*gorm.DB) {
		return func(tx *gorm.DB) {
			err := tx.Error
			if err == nil || errors.Is(err, gorm.ErrRecordNotFound) ||
				errors.Is(err, gorm.ErrDuplicatedKey) || errors.Is(err, gorm.ErrForeignKeyViolated) ||
				errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
				return
			}
			failed(op)
		}
	}
	cb := db.gorm.Callback()
	for _, r := range []struct {
		op   string
		proc interface {
			Register(name string, fn func(*gorm.DB)) error
		}
	}{
		{OpCreate, cb.Create().After("gorm:create")},
		{OpQuery, cb.Query().After("gorm:query")},
		{OpUpdate, cb.Update().After("gorm:update")},
		{OpDelete, cb.Delete().After("gorm:delete")},
		{OpRow, cb.Row().After("gorm:row")},
		{OpRaw, cb.Raw().After("gorm:raw")},
	} {
		if err := r.proc.Register("runclub:observe_errors", hook(r.op)); err != nil {
			return fmt.Errorf("observe database errors (%s): %w", r.op, err)
		}
	}
	return nil
}
