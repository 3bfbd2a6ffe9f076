package pgboot

import (
	"errors"
	"fmt"
	"testing"
	"time"
)

func TestResolveURLCreatesMissingDatabase(t *testing.T) {
	t.Parallel()
	server := localServer(t)
	name := fmt.Sprintf("lms_pgboot_url_%d", time.Now().UnixNano())
	dropAtEnd(t, server, name)
	url := tcpDSN("postgres", "", "127.0.0.1", 5432, name)

	for range 2 { // the second time the database exists
		got, err := Resolve(t.Context(), Options{URL: url, Logger: testLogger(t)})
		if err != nil {
			t.Fatalf("Resolve: %v", err)
		}
		if got != url {
			t.Fatalf("Resolve = %q, want the URL as given %q", got, url)
		}
	}
	var db string
	queryRow(t, url, `SELECT current_database()`, &db)
	if db != name {
		t.Errorf("current_database() = %q, want %q", db, name)
	}
}

func TestResolveURLUnreachableFailsFast(t *testing.T) {
	t.Parallel()
	url := "postgres://postgres@" + deadAddr(t) + "/lms?sslmode=disable"
	start := time.Now()
	_, err := Resolve(t.Context(), Options{URL: url, Logger: testLogger(t)})
	if err == nil || errors.Is(err, ErrNoServer) {
		t.Fatalf("Resolve with a dead URL: err = %v, want a connection error and no other step", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("Resolve took %s, want < 3s", d)
	}
}

func TestServerURLFindsLocalServer(t *testing.T) {
	t.Parallel()
	localServer(t)
	o := Options{DataDir: t.TempDir(), BinDirs: []string{t.TempDir()}, Docker: "lms-pgboot-no-docker",
		Logger: testLogger(t)}
	got, err := ServerURL(t.Context(), o)
	if err != nil {
		t.Fatalf("ServerURL: %v", err)
	}
	if want := "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"; got != want {
		t.Errorf("ServerURL = %q, want %q", got, want)
	}
}

func TestResolveLocalSocketCreatesDatabase(t *testing.T) {
	t.Parallel()
	const dir = "/var/run/postgresql"
	if _, err := localDSN(dir); err != nil {
		t.Skip(err)
	}
	name := fmt.Sprintf("lms_pgboot_sock_%d", time.Now().UnixNano())
	o := Options{DBName: name, LocalAddrs: []string{deadAddr(t), dir}, DataDir: t.TempDir(),
		BinDirs: []string{t.TempDir()}, Docker: "lms-pgboot-no-docker", Logger: testLogger(t)}
	got, err := Resolve(t.Context(), o)
	if err != nil {
		t.Skipf("no usable server on %s: %v", dir, err)
	}
	dropAtEnd(t, socketDSN("postgres", dir, 5432, maintenanceDB), name)
	if want := socketDSN("postgres", dir, 5432, name); got != want {
		t.Errorf("Resolve = %q, want %q", got, want)
	}
	var db string
	queryRow(t, got, `SELECT current_database()`, &db)
	if db != name {
		t.Errorf("current_database() = %q, want %q", db, name)
	}
}
