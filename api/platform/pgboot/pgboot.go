// Package pgboot finds or starts a PostgreSQL server so that the LMS runs on a
// developer machine with nothing configured.
//
// The order is: DATABASE_URL when given; a server already running on the
// machine (127.0.0.1:5432 or the local socket, trust or peer auth); a private
// cluster the project starts from the PostgreSQL binaries on the machine, kept
// in the git-ignored data folder and left running like any dev database; the
// compose `db` service when Docker answers. When none works the error says how
// to install PostgreSQL or set DATABASE_URL.
package pgboot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
)

// Options says where to look for PostgreSQL. The zero value works on a
// developer machine.
type Options struct {
	// URL is DATABASE_URL; when set it is used as is and nothing else is tried.
	URL string
	// DBName is the database to use or create when URL is empty (default "lms").
	DBName string
	// DataDir is the git-ignored project data folder (default ".data"); the
	// private cluster lives in DataDir/pg and logs to DataDir/pg.log. Relative
	// paths are taken from the working directory, so test packages should pass
	// an absolute path.
	DataDir string
	// Port is the private cluster's TCP port on 127.0.0.1 (default 54329).
	Port int
	// LocalAddrs are where an existing server is looked for: "host:port" or a
	// unix socket directory, optionally "/dir:port" (default "127.0.0.1:5432"
	// and "/var/run/postgresql").
	LocalAddrs []string
	// BinDirs are the folders searched for initdb and pg_ctl (default: PATH,
	// then /usr/lib/postgresql/NN/bin from the highest NN, then
	// /usr/local/pgsql/bin).
	BinDirs []string
	// ComposeDir is the folder holding docker-compose.yml (default ".").
	ComposeDir string
	// ComposePort is the host port the compose db service publishes; it is
	// passed to compose as LMS_DB_PORT (default 54320, as in docker-compose.yml).
	ComposePort int
	// Docker is the docker command (default "docker").
	Docker string
	// Logger receives one line per step (default slog.Default()).
	Logger *slog.Logger
	// Settings are extra server settings ("name=value") for a private
	// cluster the call starts, e.g. shared_preload_libraries=pg_stat_statements;
	// a cluster already running keeps its own.
	Settings []string
}

// ErrNoServer is returned, wrapped with what was tried and how to fix it, when
// no PostgreSQL server could be found or started.
var ErrNoServer = errors.New("pgboot: no PostgreSQL server found or started")

// maintenanceDB is the database every server has; tests create and drop their
// own databases while connected to it.
const maintenanceDB = "postgres"

func (o Options) withDefaults() Options {
	if o.DBName == "" {
		o.DBName = "lms"
	}
	if o.DataDir == "" {
		o.DataDir = ".data"
	}
	if o.Port == 0 {
		o.Port = 54329
	}
	if o.LocalAddrs == nil {
		o.LocalAddrs = []string{"127.0.0.1:5432", "/var/run/postgresql"}
	}
	if o.ComposeDir == "" {
		o.ComposeDir = "."
	}
	if o.ComposePort == 0 {
		o.ComposePort = 54320
	}
	if o.Docker == "" {
		o.Docker = "docker"
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	return o
}

// Resolve returns the DSN of the database the LMS should use, creating the
// database when the server has no database of that name yet. With o.URL set it
// returns o.URL itself.
func Resolve(ctx context.Context, o Options) (string, error) {
	o = o.withDefaults()
	if o.URL != "" {
		return resolveURL(ctx, o)
	}
	server, err := ServerURL(ctx, o)
	if err != nil {
		return "", err
	}
	if err := ensureDB(ctx, server, o.DBName, o.Logger); err != nil {
		return "", err
	}
	return withDB(server, o.DBName)
}

// resolveURL checks o.URL and creates its database when the server answers
// that it does not exist; it touches nothing else.
func resolveURL(ctx context.Context, o Options) (string, error) {
	err := ping(ctx, o.URL)
	if err == nil {
		o.Logger.Info("pgboot: using DATABASE_URL", "server", describe(o.URL))
		return o.URL, nil
	}
	if !isMissingDB(err) {
		return "", fmt.Errorf("pgboot: DATABASE_URL (%s): %w", describe(o.URL), err)
	}
	server, err := ServerURL(ctx, o)
	if err != nil {
		return "", err
	}
	name, err := dbOf(o.URL)
	if err != nil {
		return "", err
	}
	if err := ensureDB(ctx, server, name, o.Logger); err != nil {
		return "", err
	}
	o.Logger.Info("pgboot: using DATABASE_URL", "server", describe(o.URL))
	return o.URL, nil
}

// ServerURL is like Resolve but returns a DSN for the maintenance database
// "postgres" of the server it found or started, for callers (tests) that
// create and drop their own databases.
func ServerURL(ctx context.Context, o Options) (string, error) {
	o = o.withDefaults()
	if o.URL != "" {
		server, err := withDB(o.URL, maintenanceDB)
		if err != nil {
			return "", err
		}
		if err := ping(ctx, server); err != nil {
			return "", fmt.Errorf("pgboot: DATABASE_URL server (%s): %w", describe(server), err)
		}
		return server, nil
	}
	var tried []string
	steps := []struct {
		name string
		find func(context.Context, Options) (string, error)
	}{
		{"local server", findLocal},
		{"private cluster", startCluster},
		{"docker compose", composeUp},
	}
	for _, s := range steps {
		server, err := s.find(ctx, o)
		if err == nil {
			return server, nil
		}
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		tried = append(tried, s.name+": "+err.Error())
	}
	return "", fmt.Errorf("%w; tried:\n  - %s\n%s", ErrNoServer, strings.Join(tried, "\n  - "), installHelp)
}

const installHelp = `Install PostgreSQL and run again, a private cluster is then started in the data folder
(Debian/Ubuntu: sudo apt-get install postgresql; Fedora: sudo dnf install postgresql-server; macOS: brew install postgresql),
or start Docker so the compose db service can be used,
or point DATABASE_URL at a server, e.g. DATABASE_URL=postgres://USER:PASSWORD@HOST:5432/lms?sslmode=disable`
