// Package db opens the PostgreSQL pool, runs transactions, applies the embedded
// migrations and turns database errors into typed errors.
package db

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"syscall"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/govtrain/lms/api/platform/errs"
)

// Open connects to dsn and checks the connection.
func Open(ctx context.Context, dsn string) (*sqlx.DB, error) { return OpenCounted(ctx, dsn, nil) }

// OpenCounted is Open with every connection counted by w (when not nil).
func OpenCounted(ctx context.Context, dsn string, w *Wire) (*sqlx.DB, error) {
	var d *sqlx.DB
	var err error
	if w != nil {
		d, err = w.Open(dsn)
	} else {
		d, err = sqlx.Open("postgres", dsn)
	}
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
	if Unreachable(err) {
		return &errs.Error{Kind: errs.Unavailable, Code: "database_unavailable",
			Message: "the database is not reachable right now; try again in a moment", Err: err}
	}
	var pe *pq.Error
	if !errors.As(err, &pe) {
		return err
	}
	if pe.Code == "40P01" || pe.Code == "40001" { // deadlock, serialization failure: nothing was written
		return &errs.Error{Kind: errs.Unavailable, Code: "try_again",
			Message: "another change to the same records happened at the same moment; try again", Err: err}
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

// Unreachable reports whether err says the database cannot be reached or
// is going away (refused or broken connections, a server starting up or
// shutting down, too many connections), rather than that a statement
// failed: the request may be retried once the database is back.
func Unreachable(err error) bool {
	var pe *pq.Error
	if errors.As(err, &pe) {
		switch {
		case pe.Code.Class() == "08", // connection exception
			pe.Code == "57P01", pe.Code == "57P02", pe.Code == "57P03", // admin shutdown, crash shutdown, cannot connect now
			pe.Code == "53300": // too many connections
			return true
		}
		return false
	}
	var ne net.Error
	var oe *net.OpError
	return errors.Is(err, driver.ErrBadConn) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) ||
		errors.As(err, &oe) || (errors.As(err, &ne) && ne.Timeout())
}
