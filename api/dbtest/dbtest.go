// Package dbtest gives each test its own real PostgreSQL database, cloned from
// a template that is migrated (and, for NewSeeded, loaded with the sample data)
// once per schema version. Cloning a template takes a few tens of
// milliseconds, so tests stay independent without being slow.
//
// The server is LMS_TEST_DATABASE_URL when set, else whatever pgboot finds or
// starts (the local server, or the project's private cluster).
package dbtest

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	_ "github.com/lib/pq"

	"github.com/govtrain/lms/api/platform/db"
	"github.com/govtrain/lms/api/platform/pgboot"
	"github.com/govtrain/lms/api/seed"
	"github.com/govtrain/lms/migrations"
)

var (
	serverOnce = sync.OnceValues(findServer)
	templates  sync.Map // template name -> *sync.Once-guarded error
)

// New returns a fresh migrated, empty database, dropped when t ends.
func New(t testing.TB) *sqlx.DB { return clone(t, "empty") }

// NewSeeded returns a fresh migrated database holding the sample data of
// `lms seed` (the Hà Tĩnh agencies, about 600 people, the demo accounts).
func NewSeeded(t testing.TB) *sqlx.DB { return clone(t, "seeded") }

func clone(t testing.TB, kind string) *sqlx.DB {
	t.Helper()
	server, err := serverOnce()
	if err != nil {
		t.Fatalf("dbtest: no PostgreSQL: %v", err)
	}
	tpl, err := template(server, kind)
	if err != nil {
		t.Fatalf("dbtest: template %s: %v", kind, err)
	}
	name := "lms_test_" + randomHex(6)
	admin := mustOpen(t, server)
	defer admin.Close()
	_, err = admin.Exec(`CREATE DATABASE ` + name + ` TEMPLATE ` + tpl)
	if err != nil && strings.Contains(err.Error(), "does not exist") {
		// Another checkout of the project, testing a different schema on
		// the same server, dropped this template as old: build it again.
		if err = build(server, tpl, kind); err == nil {
			_, err = admin.Exec(`CREATE DATABASE ` + name + ` TEMPLATE ` + tpl)
		}
	}
	if err != nil {
		t.Fatalf("dbtest: clone %s: %v", tpl, err)
	}
	d := mustOpen(t, withDB(server, name))
	t.Cleanup(func() {
		d.Close()
		a, err := sqlx.Open("postgres", server)
		if err == nil {
			a.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`)
			a.Close()
		}
	})
	return d
}

// URL returns the DSN of the database d was opened for, for tests that start
// an lms process of their own.
func URL(t testing.TB, name string) string {
	server, err := serverOnce()
	if err != nil {
		t.Fatal(err)
	}
	return withDB(server, name)
}

// template returns the name of the template database of kind for the current
// migrations, creating it on first use. The name carries a hash of the
// migrations (and seed code version), so a changed schema gets a new template;
// concurrent test packages serialise on an advisory lock.
func template(server, kind string) (string, error) {
	name := "lms_tpl_" + kind + "_" + migrationsHash()
	v, _ := templates.LoadOrStore(name, new(templateOnce))
	o := v.(*templateOnce)
	o.once.Do(func() { o.err = build(server, name, kind) })
	return name, o.err
}

type templateOnce struct {
	once sync.Once
	err  error
}

func build(server, name, kind string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	admin, err := sqlx.Open("postgres", server)
	if err != nil {
		return err
	}
	defer admin.Close()
	conn, err := admin.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(hashtext($1))`, name); err != nil {
		return err
	}
	defer conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock(hashtext($1))`, name)
	var exists bool
	if err := conn.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name).Scan(&exists); err != nil {
		return err
	}
	if exists {
		return nil
	}
	// Build under a scratch name and rename at the end, so a half-built
	// template (a crash mid-way) is never mistaken for a finished one.
	scratch := name + "_build"
	conn.ExecContext(ctx, `DROP DATABASE IF EXISTS `+scratch+` WITH (FORCE)`)
	if _, err := conn.ExecContext(ctx, `CREATE DATABASE `+scratch); err != nil {
		return err
	}
	if err := fill(ctx, withDB(server, scratch), kind); err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, `ALTER DATABASE `+scratch+` RENAME TO `+name); err != nil {
		return err
	}
	// Templates of older schemas are of no more use; one still being cloned
	// elsewhere refuses the drop, which is fine.
	var old []string
	rows, err := conn.QueryContext(ctx, `SELECT datname FROM pg_database WHERE datname LIKE $1 AND datname <> $2`,
		"lms_tpl_"+kind+"_%", name)
	if err != nil {
		return err
	}
	for rows.Next() {
		var n string
		rows.Scan(&n)
		old = append(old, n)
	}
	rows.Close()
	for _, n := range old {
		conn.ExecContext(ctx, `DROP DATABASE IF EXISTS `+n)
	}
	return nil
}

func fill(ctx context.Context, dsn, kind string) error {
	d, err := db.Open(ctx, dsn)
	if err != nil {
		return err
	}
	defer d.Close()
	m, err := db.NewMigrator(ctx, d)
	if err != nil {
		return err
	}
	if err := m.Up(); err != nil {
		return err
	}
	m.Close()
	if kind == "seeded" {
		quiet := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
		if _, err := seed.Run(ctx, d, quiet); err != nil {
			return fmt.Errorf("seed: %w", err)
		}
	}
	return nil
}

// migrationsHash identifies the schema (and the seed data) the templates hold.
func migrationsHash() string {
	h := sha256.New()
	fs.WalkDir(migrations.FS, ".", func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			b, _ := fs.ReadFile(migrations.FS, p)
			h.Write([]byte(p))
			h.Write(b)
		}
		return nil
	})
	h.Write([]byte(seed.Version))
	return hex.EncodeToString(h.Sum(nil))[:12]
}

func findServer() (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	quiet := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	return pgboot.ServerURL(ctx, pgboot.Options{
		URL:        os.Getenv("LMS_TEST_DATABASE_URL"),
		DataDir:    filepath.Join(repoRoot(), ".data"),
		ComposeDir: repoRoot(),
		Logger:     quiet,
	})
}

// repoRoot is the folder holding go.mod, found from the working directory
// (go test runs in the package folder).
func repoRoot() string {
	dir, _ := os.Getwd()
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			return dir
		}
	}
}

func withDB(dsn, name string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.Scheme == "" {
		return dsn + " dbname=" + name
	}
	u.Path = "/" + name
	return u.String()
}

func mustOpen(t testing.TB, dsn string) *sqlx.DB {
	t.Helper()
	d, err := sqlx.Open("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Ping(); err != nil {
		t.Fatalf("dbtest: %v", err)
	}
	return d
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}
