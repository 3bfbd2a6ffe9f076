package pgboot

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"time"

	"github.com/lib/pq"
	"github.com/lib/pq/pqerror"
)

// probeTimeout bounds one connection check, so that a missing server costs
// little before the next step is tried.
const probeTimeout = 2 * time.Second

// connect opens a single-connection pool on dsn whose connection attempts give
// up after probeTimeout.
func connect(dsn string) (*sql.DB, error) {
	cfg, err := pq.NewConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("pgboot: parse DSN: %w", err)
	}
	if cfg.ConnectTimeout == 0 || cfg.ConnectTimeout > probeTimeout {
		cfg.ConnectTimeout = probeTimeout
	}
	c, err := pq.NewConnectorConfig(cfg)
	if err != nil {
		return nil, err
	}
	db := sql.OpenDB(c)
	db.SetMaxOpenConns(1)
	return db, nil
}

// ping connects to dsn once.
func ping(ctx context.Context, dsn string) error {
	db, err := connect(dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(ctx, probeTimeout)
	defer cancel()
	return db.PingContext(ctx)
}

// waitReady pings dsn until it answers or timeout passes.
func waitReady(ctx context.Context, dsn string, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	for {
		err := ping(ctx, dsn)
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("not ready after %s: %w", timeout, err)
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// isMissingDB reports whether err is the server saying the database does not exist.
func isMissingDB(err error) bool {
	return pq.As(err, pqerror.InvalidCatalogName) != nil
}

// ensureDB creates database name through the maintenance DSN server unless it
// exists. A concurrent creation by another process counts as success.
func ensureDB(ctx context.Context, server, name string, log *slog.Logger) error {
	db, err := connect(server)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()

	var exists bool
	err = db.QueryRowContext(ctx,
		`SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name).Scan(&exists)
	if err != nil {
		return fmt.Errorf("pgboot: look up database %q on %s: %w", name, describe(server), err)
	}
	if exists {
		return nil
	}
	_, err = db.ExecContext(ctx, `CREATE DATABASE `+pq.QuoteIdentifier(name))
	if err != nil && pq.As(err, pqerror.DuplicateDatabase, pqerror.UniqueViolation) == nil {
		return fmt.Errorf("pgboot: create database %q on %s: %w", name, describe(server), err)
	}
	log.Info("pgboot: created database", "db", name, "server", describe(server))
	return nil
}
