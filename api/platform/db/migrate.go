package db

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"github.com/golang-migrate/migrate/v4"
	"github.com/golang-migrate/migrate/v4/database/postgres"
	"github.com/golang-migrate/migrate/v4/source/iofs"
	"github.com/jmoiron/sqlx"

	"github.com/govtrain/lms/migrations"
)

// Migrator applies the embedded migrations with golang-migrate, which holds a
// PostgreSQL advisory lock while it works so that two lms processes starting
// together do not both migrate.
type Migrator struct {
	m *migrate.Migrate
}

// NewMigrator prepares migrations for d on a connection of its own. Close it
// when done; that releases the connection, not d.
func NewMigrator(ctx context.Context, d *sqlx.DB) (*Migrator, error) {
	src, err := iofs.New(migrations.FS, ".")
	if err != nil {
		return nil, err
	}
	conn, err := d.Conn(ctx)
	if err != nil {
		return nil, err
	}
	drv, err := postgres.WithConnection(ctx, conn, &postgres.Config{MigrationsTable: "schema_migrations"})
	if err != nil {
		conn.Close()
		return nil, err
	}
	m, err := migrate.NewWithInstance("iofs", src, "postgres", drv)
	if err != nil {
		return nil, err
	}
	return &Migrator{m: m}, nil
}

// Up applies every pending migration.
func (mg *Migrator) Up() error {
	if err := mg.m.Up(); err != nil && !errors.Is(err, migrate.ErrNoChange) {
		return err
	}
	return nil
}

// MigrateUp applies every pending migration to d.
func MigrateUp(ctx context.Context, d *sqlx.DB) error {
	m, err := NewMigrator(ctx, d)
	if err != nil {
		return err
	}
	defer m.Close()
	return m.Up()
}

// Down reverts the last n migrations.
func (mg *Migrator) Down(n int) error {
	if err := mg.m.Steps(-n); err != nil && !errors.Is(err, migrate.ErrNoChange) {
		return err
	}
	return nil
}

// Status is where the schema stands against the binary's migrations.
type Status struct {
	Current uint `db:"current"` // 0 when nothing is applied
	Latest  uint `db:"-"`
	Dirty   bool `db:"dirty"`
}

// Behind reports whether migrations are pending or a previous one failed.
func (s Status) Behind() bool { return s.Dirty || s.Current < s.Latest }

func (s Status) String() string {
	switch {
	case s.Dirty:
		return fmt.Sprintf("version %d is dirty (a migration failed half-way; fix it and force the version)", s.Current)
	case s.Current < s.Latest:
		return fmt.Sprintf("at version %d of %d: %d pending", s.Current, s.Latest, s.Latest-s.Current)
	case s.Current > s.Latest:
		return fmt.Sprintf("at version %d, newer than this binary's %d", s.Current, s.Latest)
	}
	return fmt.Sprintf("at version %d, up to date", s.Current)
}

// Status reads the applied version.
func (mg *Migrator) Status() (Status, error) {
	latest, err := LatestVersion()
	if err != nil {
		return Status{}, err
	}
	v, dirty, err := mg.m.Version()
	if errors.Is(err, migrate.ErrNilVersion) {
		return Status{Latest: latest}, nil
	}
	if err != nil {
		return Status{}, err
	}
	return Status{Current: v, Latest: latest, Dirty: dirty}, nil
}

// Close releases the migrator's own connection.
func (mg *Migrator) Close() error {
	_, err := mg.m.Close()
	return err
}

// LatestVersion is the highest migration number embedded in the binary.
func LatestVersion() (uint, error) {
	names, err := fs.Glob(migrations.FS, "*.up.sql")
	if err != nil || len(names) == 0 {
		return 0, fmt.Errorf("no embedded migrations: %v", err)
	}
	sort.Strings(names)
	last := names[len(names)-1]
	v, err := strconv.ParseUint(strings.SplitN(last, "_", 2)[0], 10, 32)
	return uint(v), err
}

// SchemaStatus reads the schema version straight from its table, which is cheap
// enough for /readyz.
func SchemaStatus(ctx context.Context, d sqlx.QueryerContext) (Status, error) {
	latest, err := LatestVersion()
	if err != nil {
		return Status{}, err
	}
	var s Status
	s.Latest = latest
	err = sqlx.GetContext(ctx, d, &s, `SELECT version AS current, dirty FROM schema_migrations LIMIT 1`)
	return s, err
}
