// Package db opens the PostgreSQL pool, runs transactions, applies the embedded
// migrations and turns database errors into typed errors.
package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/govtrain/lms/api/platform/errs"
)

// Open connects to dsn and checks the connection.
func Open(ctx context.Context, dsn string) (*sqlx.DB, error) {
	d, err := sqlx.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	d.SetMaxOpenConns(20)
	d.SetMaxIdleConns(20)
	d.SetConnMaxIdleTime(5 * time.Minute)
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := d.PingContext(ctx); err != nil {
		d.Close()
		return nil, fmt.Errorf("connecting to the database: %w", err)
	}
	return d, nil
}

// WithTx runs fn in a transaction, committing when fn returns nil and rolling
// back otherwise (also on panic).
func WithTx(ctx context.Context, d *sqlx.DB, fn func(tx *sqlx.Tx) error) (err error) {
	tx, err := d.BeginTxx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if p := recover(); p != nil {
			tx.Rollback()
			panic(p)
		}
		if err != nil {
			tx.Rollback()
		}
	}()
	if err = fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// MapError turns the database errors a client can cause into typed errors:
// no rows -> not found, unique violation -> conflict, foreign key and check
// violations -> invalid. Other errors pass through unchanged (they become 500).
func MapError(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return errs.ErrNotFound
	}
	var pe *pq.Error
	if !errors.As(err, &pe) {
		return err
	}
	details := map[string]any{}
	if pe.Constraint != "" {
		details["constraint"] = pe.Constraint
	}
	switch pe.Code {
	case "23505":
		return &errs.Error{Kind: errs.Conflict, Code: "already_exists", Message: "an object with the same unique value exists", Details: details, Err: err}
	case "23503":
		return &errs.Error{Kind: errs.Invalid, Code: "invalid_reference", Message: "a referenced object does not exist or is still in use", Details: details, Err: err}
	case "23514", "23502", "22001", "22007", "22008", "22P02":
		return &errs.Error{Kind: errs.Invalid, Code: "invalid_input", Message: "a value is not acceptable", Details: details, Err: err}
	}
	return err
}
