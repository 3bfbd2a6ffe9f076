//go:build unix

package pgboot

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// clusterOptions makes steps 2 and 4 fail (nothing on the local address, no
// docker command) so that Resolve starts a private cluster in dataDir on a
// free port, stopped and removed when the test ends.
func clusterOptions(t *testing.T, dataDir string) Options {
	t.Helper()
	if _, err := findBins(nil); err != nil {
		t.Skip(err)
	}
	o := Options{
		DBName:     "lms_pgboot_test",
		DataDir:    dataDir,
		Port:       freePort(t),
		LocalAddrs: []string{deadAddr(t)},
		Docker:     "lms-pgboot-no-docker",
		Logger:     testLogger(t),
	}
	t.Cleanup(func() {
		if err := Stop(context.Background(), o); err != nil {
			t.Errorf("Stop: %v", err)
		}
		if target, err := os.Readlink(filepath.Join(dataDir, "pg")); err == nil {
			os.RemoveAll(filepath.Dir(target)) // the /var/tmp stand-in
		}
	})
	return o
}

// reachableTempDir is a temporary folder every user can traverse: t.TempDir
// is 0700, which sends a root-started cluster to /var/tmp.
func reachableTempDir(t *testing.T) string {
	dir := t.TempDir()
	for _, d := range []string{dir, filepath.Dir(dir)} {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// postmaster returns the PID in data/postmaster.pid and checks that neither
// the file nor the process belongs to root.
func postmaster(t *testing.T, data string) int {
	t.Helper()
	pidFile := filepath.Join(data, "postmaster.pid")
	b, err := os.ReadFile(pidFile)
	if err != nil {
		t.Fatal(err)
	}
	pid, err := strconv.Atoi(strings.SplitN(string(b), "\n", 2)[0])
	if err != nil {
		t.Fatalf("postmaster.pid: %v", err)
	}
	if uid, _ := ownerOf(pidFile); uid == 0 {
		t.Errorf("postmaster.pid is owned by root")
	}
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Logf("cannot read the postmaster's status: %v", err)
		return pid
	}
	for _, line := range strings.Split(string(status), "\n") {
		if f := strings.Fields(line); len(f) > 1 && f[0] == "Uid:" && f[1] == "0" {
			t.Errorf("postmaster %d runs as root: %s", pid, line)
		}
	}
	return pid
}

func TestPrivateClusterStarts(t *testing.T) {
	t.Parallel()
	dir := reachableTempDir(t)
	o := clusterOptions(t, dir)

	dsn, err := Resolve(t.Context(), o)
	if err != nil {
		t.Fatalf("Resolve: %v", err)
	}
	want := fmt.Sprintf("postgres://postgres@127.0.0.1:%d/lms_pgboot_test?sslmode=disable", o.Port)
	if dsn != want {
		t.Errorf("Resolve = %q, want %q", dsn, want)
	}
	var db, data string
	queryRow(t, dsn, `SELECT current_database(), current_setting('data_directory')`, &db, &data)
	if db != o.DBName {
		t.Errorf("current_database() = %q, want %q", db, o.DBName)
	}
	if want := filepath.Join(dir, "pg"); data != want {
		t.Errorf("data_directory = %q, want %q", data, want)
	}
	postmaster(t, data)
	if !exists(filepath.Join(dir, "pg.log")) {
		t.Errorf("no server log %s", filepath.Join(dir, "pg.log"))
	}

	if err := Stop(t.Context(), o); err != nil {
		t.Fatalf("Stop: %v", err)
	}
	if err := ping(t.Context(), dsn); err == nil {
		t.Errorf("the server still answers after Stop")
	}
	if err := Stop(t.Context(), o); err != nil {
		t.Errorf("Stop of a stopped cluster: %v, want nil", err)
	}
}

func TestPrivateClusterReused(t *testing.T) {
	t.Parallel()
	dir := t.TempDir() // 0700: as root the cluster goes to /var/tmp
	o := clusterOptions(t, dir)

	dsn, err := Resolve(t.Context(), o)
	if err != nil {
		t.Fatalf("Resolve: %v", err)
	}
	var data string
	queryRow(t, dsn, `SELECT current_setting('data_directory')`, &data)
	if os.Geteuid() == 0 {
		link := filepath.Join(dir, "pg")
		if target, err := os.Readlink(link); err != nil || target != data ||
			!strings.HasPrefix(target, "/var/tmp/lms-pg-") {
			t.Errorf("as root with a 0700 data folder: %s -> %q (%v), want a symlink to %s under /var/tmp",
				link, target, err, data)
		}
	}
	pid := postmaster(t, data)
	if _, err := open(t, dsn).Exec(`CREATE TABLE marker (id int)`); err != nil {
		t.Fatal(err)
	}

	again, err := Resolve(t.Context(), o)
	if err != nil {
		t.Fatalf("second Resolve: %v", err)
	}
	if again != dsn {
		t.Errorf("second Resolve = %q, want %q", again, dsn)
	}
	if got := postmaster(t, data); got != pid {
		t.Errorf("postmaster PID %d after the second Resolve, want the running %d", got, pid)
	}

	// A stopped cluster is started again, not initialised again.
	if err := Stop(t.Context(), o); err != nil {
		t.Fatalf("Stop: %v", err)
	}
	if _, err := Resolve(t.Context(), o); err != nil {
		t.Fatalf("Resolve after Stop: %v", err)
	}
	var n int
	queryRow(t, dsn, `SELECT count(*) FROM marker`, &n)
	if got := postmaster(t, data); got == pid {
		t.Errorf("postmaster PID %d after Stop and Resolve, want a new one", got)
	}
}
