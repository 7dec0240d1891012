package storage

import (
	"context"
	"database/sql"
	"sync"

	"gorm.io/gorm"
)

// preparedStmts keeps the hot path's statements prepared on SQLite, where
// parsing an upsert costs about as much as running it; pgx already caches
// the statements it has seen on each connection, so PostgreSQL needs none.
type preparedStmts struct {
	mu    sync.Mutex
	stmts map[string]*sql.Stmt
}

// get returns query prepared on pool, preparing it the first time.
func (p *preparedStmts) get(ctx context.Context, pool *sql.DB, query string) (*sql.Stmt, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if st, ok := p.stmts[query]; ok {
		return st, nil
	}
	st, err := pool.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if p.stmts == nil {
		p.stmts = map[string]*sql.Stmt{}
	}
	p.stmts[query] = st
	return st, nil
}

// close closes every prepared statement.
func (p *preparedStmts) close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, st := range p.stmts {
		_ = st.Close()
	}
	p.stmts = nil
}

// exec runs query, which returns no rows, as queryRow does.
func (db *DB) exec(ctx context.Context, g *gorm.DB, query string, args ...any) (sql.Result, error) {
	if st := db.preparedFor(ctx, g, query); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return g.Statement.ConnPool.ExecContext(ctx, query, args...)
}

// queryRow runs query on g's connection (the transaction ctx carries, or
// the pool): on SQLite through its prepared statement, else as it is.
func (db *DB) queryRow(ctx context.Context, g *gorm.DB, query string, args ...any) *sql.Row {
	if st := db.preparedFor(ctx, g, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return g.Statement.ConnPool.QueryRowContext(ctx, query, args...)
}

// preparedFor is query's prepared statement on SQLite, bound to g's
// transaction when it has one; nil on PostgreSQL (pgx caches its own) or
// when it cannot be prepared, so the caller runs the text as it is.
func (db *DB) preparedFor(ctx context.Context, g *gorm.DB, query string) *sql.Stmt {
	if db.postgres {
		return nil
	}
	pool, err := db.gorm.DB()
	if err != nil {
		return nil
	}
	st, err := db.prepared.get(ctx, pool, query)
	if err != nil {
		return nil
	}
	switch c := g.Statement.ConnPool.(type) {
	case *sql.Tx:
		return c.StmtContext(ctx, st)
	case *sql.DB:
		return st
	}
	return nil
}
