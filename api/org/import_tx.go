package org

import (
	"context"
	"database/sql"

	"github.com/jmoiron/sqlx"
)

// preparedTx runs each distinct statement of a transaction as a prepared
// statement. An import repeats the same few statements (the store's own)
// thousands of times, and an unprepared lib/pq statement costs a round trip
// more each time.
type preparedTx struct {
	*sqlx.Tx
	stmts map[string]*sqlx.Stmt
}

func newPreparedTx(tx *sqlx.Tx) *preparedTx {
	return &preparedTx{Tx: tx, stmts: map[string]*sqlx.Stmt{}}
}

// stmt returns the statement for query, preparing it the first time; the
// transaction closes them all when it ends.
func (p *preparedTx) stmt(ctx context.Context, query string) (*sqlx.Stmt, error) {
	if s, ok := p.stmts[query]; ok {
		return s, nil
	}
	s, err := p.Tx.PreparexContext(ctx, query)
	if err != nil {
		return nil, err
	}
	p.stmts[query] = s
	return s, nil
}

func (p *preparedTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	s, err := p.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return s.ExecContext(ctx, args...)
}

func (p *preparedTx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	s, err := p.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return s.QueryContext(ctx, args...)
}

func (p *preparedTx) QueryxContext(ctx context.Context, query string, args ...any) (*sqlx.Rows, error) {
	s, err := p.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return s.QueryxContext(ctx, args...)
}

func (p *preparedTx) QueryRowxContext(ctx context.Context, query string, args ...any) *sqlx.Row {
	s, err := p.stmt(ctx, query)
	if err != nil {
		return p.Tx.QueryRowxContext(ctx, query, args...) // fails the same way, with the error in the row
	}
	return s.QueryRowxContext(ctx, args...)
}
