package bench

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/govtrain/lms/api/platform/db"
	"github.com/govtrain/lms/api/platform/pgboot"
)

// Cluster is the harness's own PostgreSQL: a private cluster with
// pg_stat_statements loaded, which the fault scenarios may stop and
// restart under load without touching any other server.
type Cluster struct {
	opts pgboot.Options
	dsn  string // the maintenance database
}

// NewCluster describes the cluster kept in dir, listening on 127.0.0.1:port.
func NewCluster(dir string, port, maxConns int, log *slog.Logger) *Cluster {
	return &Cluster{opts: pgboot.Options{
		DataDir: dir,
		Port:    port,
		Logger:  log,
		Settings: []string{
			"shared_preload_libraries=pg_stat_statements",
			"pg_stat_statements.track=top",
			"max_connections=" + strconv.Itoa(maxConns),
			"shared_buffers=256MB",
		},
	}}
}

// Start starts the cluster (initdb on first use) and enables
// pg_stat_statements in its maintenance database.
func (c *Cluster) Start(ctx context.Context) error {
	dsn, err := pgboot.StartCluster(ctx, c.opts)
	if err != nil {
		return err
	}
	c.dsn = dsn
	d, err := db.Open(ctx, dsn)
	if err != nil {
		return err
	}
	defer d.Close()
	if _, err := d.ExecContext(ctx, `CREATE EXTENSION IF NOT EXISTS pg_stat_statements`); err != nil {
		return fmt.Errorf("bench: pg_stat_statements (the cluster must be started by the harness): %w", err)
	}
	return nil
}

// Stop stops the cluster (pg_ctl stop -m fast).
func (c *Cluster) Stop(ctx context.Context) error { return pgboot.Stop(ctx, c.opts) }

// Restart stops and starts the cluster; clients see their connections broken.
func (c *Cluster) Restart(ctx context.Context) error {
	if err := c.Stop(ctx); err != nil {
		return err
	}
	return c.Start(ctx)
}

// DSN is the address of database name on the cluster.
func (c *Cluster) DSN(name string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", c.opts.Port, name)
}

// Admin is the address of the maintenance database.
func (c *Cluster) Admin() string { return c.DSN("postgres") }

// PID is the postmaster's process id, from postmaster.pid.
func (c *Cluster) PID() (int, error) {
	b, err := os.ReadFile(filepath.Join(c.opts.DataDir, "pg", "postmaster.pid"))
	if err != nil {
		return 0, err
	}
	first, _, _ := strings.Cut(string(b), "\n")
	return strconv.Atoi(strings.TrimSpace(first))
}
