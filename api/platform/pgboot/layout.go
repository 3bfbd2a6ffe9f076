package pgboot

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
)

// layout is where the private cluster of one data folder lives.
type layout struct {
	dataDir string // the project data folder, absolute
	home    string // dataDir, or its stand-in under /var/tmp when the cluster's user cannot reach dataDir
	data    string // the cluster's data directory: home/pg
	log     string // the server log: home/pg.log
	sock    string // the unix socket directory
}

// moved reports whether the cluster lives outside the data folder.
func (l layout) moved() bool { return l.home != l.dataDir }

// maxSocketPath keeps the socket path below the 108 bytes of sun_path, with room.
const maxSocketPath = 100

// locate says where the cluster of dataDir (absolute) lives. It changes nothing
// on disk, so that Stop can use it too.
func locate(ctx context.Context, dataDir string, port int, r runner) layout {
	l := layout{dataDir: dataDir, home: dataDir}
	if !r.canReach(ctx, dataDir) {
		// Typically root's home is 0700: the postgres user cannot enter it.
		l.home = filepath.Join("/var/tmp", "lms-pg-"+shortHash(dataDir))
	}
	l.data = filepath.Join(l.home, "pg")
	l.log = filepath.Join(l.home, "pg.log")
	l.sock = socketDir(l.data, port)
	return l
}

// socketDir is data itself unless the socket path would be too long for a
// unix socket; then a folder under /tmp named after data.
func socketDir(data string, port int) string {
	if len(data)+len("/.s.PGSQL.")+len(strconv.Itoa(port)) < maxSocketPath {
		return data
	}
	return filepath.Join("/tmp", "lms-pg-"+shortHash(data))
}

func shortHash(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:6])
}

// prepare creates the folders and log file of l and hands them to r's user.
func prepare(l layout, r runner, log *slog.Logger) error {
	if l.moved() {
		if err := os.MkdirAll(l.home, 0o755); err != nil {
			return err
		}
		how := pointTo(filepath.Join(l.dataDir, "pg"), l.data)
		pointTo(filepath.Join(l.dataDir, "pg.log"), l.log)
		log.Info("pgboot: private cluster kept outside the data folder, which user "+r.user+" cannot reach",
			"dir", l.data, "data_folder", l.dataDir, "pointer", how)
	}
	if err := os.MkdirAll(l.data, 0o700); err != nil {
		return err
	}
	if err := r.own(l.data); err != nil {
		return err
	}
	f, err := os.OpenFile(l.log, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	f.Close()
	if err := r.own(l.log); err != nil {
		return err
	}
	if l.sock != l.data {
		return prepareSocketDir(l.sock, r)
	}
	return nil
}

// prepareSocketDir creates the /tmp socket folder; one that already exists
// must be a real folder, owned by the cluster's user unless root takes it over.
func prepareSocketDir(dir string, r runner) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	fi, err := os.Lstat(dir)
	if err != nil {
		return err
	}
	uid, _ := ownerOf(dir)
	want := os.Geteuid()
	if r.user != "" {
		want = r.uid
	}
	if !fi.IsDir() || (uid != want && os.Geteuid() != 0) {
		return fmt.Errorf("socket folder %s is not a folder of uid %d", dir, want)
	}
	return r.own(dir)
}

// pointTo leaves at link a symlink to target, or when that fails a note file
// link+".location" naming target; it says which.
func pointTo(link, target string) string {
	if dest, err := os.Readlink(link); err == nil && dest == target {
		return "symlink " + link
	}
	if _, err := os.Lstat(link); errors.Is(err, fs.ErrNotExist) {
		if os.Symlink(target, link) == nil {
			return "symlink " + link
		}
	}
	note := link + ".location"
	text := "This project's private PostgreSQL lives in " + target +
		" because the user running it cannot reach this folder.\n"
	if os.WriteFile(note, []byte(text), 0o644) != nil {
		return "none"
	}
	return "note " + note
}
