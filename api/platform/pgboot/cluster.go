package pgboot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// clusterUser is the superuser initdb creates, whatever the OS user.
const clusterUser = "postgres"

// StartCluster starts the private cluster of o.DataDir on o.Port (initdb
// when the folder has none; nothing when it already runs) and returns the
// DSN of its maintenance database. Unlike Resolve it never uses another
// server: the load harness needs a cluster of its own to configure and restart.
func StartCluster(ctx context.Context, o Options) (string, error) {
	return startCluster(ctx, o.withDefaults())
}

// startCluster uses the private cluster of o.DataDir, running initdb and
// pg_ctl start as needed. The server outlives this process, like any dev
// database; the next call finds it running.
func startCluster(ctx context.Context, o Options) (string, error) {
	bin, err := findBins(o.BinDirs)
	if err != nil {
		o.Logger.Info("pgboot: no PostgreSQL binaries for a private cluster", "err", err.Error())
		return "", err
	}
	dataDir, err := filepath.Abs(o.DataDir)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(dataDir, 0o755); err != nil {
		return "", err
	}
	unlock, err := lockFile(ctx, filepath.Join(dataDir, "pg.lock"))
	if err != nil {
		return "", err
	}
	defer unlock()

	r, err := newRunner(filepath.Join(dataDir, "pg"))
	if err != nil {
		return "", err
	}
	l := locate(ctx, dataDir, o.Port, r)
	if o.BinDirs == nil {
		bin = binsFor(l.data, bin)
	}
	server := tcpDSN(clusterUser, "", "127.0.0.1", o.Port, maintenanceDB)
	running, err := runsHere(ctx, server, l.data, o.Port)
	if err != nil {
		return "", err
	}
	if running {
		o.Logger.Info("pgboot: using running private cluster", "dir", l.data, "port", o.Port)
		return server, nil
	}

	if err := prepare(l, r, o.Logger); err != nil {
		return "", fmt.Errorf("prepare %s: %w", l.data, err)
	}
	fresh := !exists(filepath.Join(l.data, "PG_VERSION"))
	if fresh {
		err := r.run(ctx, filepath.Join(bin, "initdb"), "-D", l.data, "-U", clusterUser,
			"-A", "trust", "-E", "UTF8", "--locale="+clusterLocale(ctx),
			// A dev cluster: skip the final fsync of initdb, which is most of its time.
			"--no-sync")
		if err != nil {
			return "", err
		}
	}
	// Only 127.0.0.1 is listened on, which with initdb's pg_hba.conf limits
	// trust to local connections.
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1", o.Port, shellQuote(l.sock))
	for _, s := range o.Settings {
		opts += " -c " + shellQuote(s)
	}
	err = r.run(ctx, filepath.Join(bin, "pg_ctl"), "start", "-D", l.data, "-l", l.log, "-w", "-t", "60", "-o", opts)
	if err == nil {
		err = waitReady(ctx, server, 15*time.Second)
	}
	if err != nil {
		return "", fmt.Errorf("start cluster in %s: %w; %s ends with: %s", l.data, err, l.log, tailFile(l.log, 6))
	}
	o.Logger.Info("pgboot: started private cluster", "dir", l.data, "port", o.Port, "initdb", fresh,
		"os_user", r.name(), "log", l.log)
	return server, nil
}

// Stop stops the private cluster of o.DataDir (pg_ctl stop -m fast); a
// cluster that is missing or not running is no error.
func Stop(ctx context.Context, o Options) error {
	o = o.withDefaults()
	dataDir, err := filepath.Abs(o.DataDir)
	if err != nil {
		return err
	}
	if !exists(dataDir) {
		return nil
	}
	unlock, err := lockFile(ctx, filepath.Join(dataDir, "pg.lock"))
	if err != nil {
		return err
	}
	defer unlock()
	r, err := newRunner(filepath.Join(dataDir, "pg"))
	if err != nil {
		return err
	}
	l := locate(ctx, dataDir, o.Port, r)
	if !exists(filepath.Join(l.data, "postmaster.pid")) {
		o.Logger.Info("pgboot: private cluster not running", "dir", l.data)
		return nil
	}
	bin, err := findBins(o.BinDirs)
	if err != nil {
		return err
	}
	if o.BinDirs == nil {
		bin = binsFor(l.data, bin)
	}
	err = r.run(ctx, filepath.Join(bin, "pg_ctl"), "stop", "-D", l.data, "-m", "fast", "-w", "-t", "60")
	if err != nil {
		return fmt.Errorf("pgboot: stop cluster in %s: %w", l.data, err)
	}
	o.Logger.Info("pgboot: stopped private cluster", "dir", l.data)
	return nil
}

// runsHere reports whether the server at the maintenance DSN server is the
// cluster in data. Another server on that port is an error: starting ours
// there would fail anyway.
func runsHere(ctx context.Context, server, data string, port int) (bool, error) {
	db, err := connect(server)
	if err != nil {
		return false, err
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(ctx, probeTimeout)
	defer cancel()
	var dir string
	if err := db.QueryRowContext(ctx, `SELECT current_setting('data_directory')`).Scan(&dir); err != nil {
		return false, nil
	}
	if sameFile(dir, data) {
		return true, nil
	}
	return false, fmt.Errorf("port %d is taken by another PostgreSQL (data directory %s); set another port", port, dir)
}

// clusterLocale is C.UTF-8 when the system has it, else C.
func clusterLocale(ctx context.Context) string {
	out, err := exec.CommandContext(ctx, "locale", "-a").Output()
	if err != nil {
		return "C"
	}
	for _, l := range strings.Fields(string(out)) {
		if strings.EqualFold(strings.ReplaceAll(l, "-", ""), "c.utf8") {
			return "C.UTF-8"
		}
	}
	return "C"
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return !errors.Is(err, fs.ErrNotExist)
}

func sameFile(a, b string) bool {
	fa, errA := os.Stat(a)
	fb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(fa, fb)
}

// tailFile is the last n lines of the file at path, on one line.
func tailFile(path string, n int) string {
	f, err := os.Open(path)
	if err != nil {
		return err.Error()
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Size() > 8192 {
		f.Seek(-8192, io.SeekEnd)
	}
	b, _ := io.ReadAll(f)
	return lastLines(b, n)
}
