package pgboot

import (
	"database/sql"
	"fmt"
	"log/slog"
	"net"
	"testing"

	"github.com/lib/pq"
)

// testLogger writes the package's log lines to the test output.
func testLogger(t *testing.T) *slog.Logger {
	return slog.New(slog.NewTextHandler(t.Output(), nil))
}

// freePort is a TCP port on 127.0.0.1 nothing listens on right now.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// deadAddr is a 127.0.0.1 address nothing listens on.
func deadAddr(t *testing.T) string {
	return fmt.Sprintf("127.0.0.1:%d", freePort(t))
}

// open connects to dsn and closes the pool at the end of the test.
func open(t *testing.T, dsn string) *sql.DB {
	t.Helper()
	db, err := connect(dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// queryRow runs q on dsn and scans its one row into dest.
func queryRow(t *testing.T, dsn, q string, dest ...any) {
	t.Helper()
	if err := open(t, dsn).QueryRowContext(t.Context(), q).Scan(dest...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// localServer is the maintenance DSN of the machine's own server on
// 127.0.0.1:5432; the test is skipped where there is none.
func localServer(t *testing.T) string {
	t.Helper()
	dsn := tcpDSN("postgres", "", "127.0.0.1", 5432, maintenanceDB)
	if err := ping(t.Context(), dsn); err != nil {
		t.Skipf("no PostgreSQL on 127.0.0.1:5432 for user postgres: %v", err)
	}
	return dsn
}

// dropAtEnd drops database name on server when the test ends.
func dropAtEnd(t *testing.T, server, name string) {
	t.Cleanup(func() {
		db, err := connect(server)
		if err != nil {
			t.Error(err)
			return
		}
		defer db.Close()
		if _, err := db.Exec(`DROP DATABASE IF EXISTS ` + pq.QuoteIdentifier(name) + ` WITH (FORCE)`); err != nil {
			t.Errorf("drop %s: %v", name, err)
		}
	})
}
