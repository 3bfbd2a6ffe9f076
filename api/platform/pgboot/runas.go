package pgboot

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"strconv"
	"strings"
	"time"
)

// runner runs PostgreSQL's programs. PostgreSQL refuses to run as root, so when
// this process is root they run as an unprivileged user through runuser (or su
// where runuser is missing).
type runner struct {
	user     string // empty: run as this process
	uid, gid int
	su       bool
}

// newRunner picks who runs the cluster in folder data: this process unless it
// is root; else the owner of an existing cluster, the postgres system user, or
// nobody, in that order.
func newRunner(data string) (runner, error) {
	if os.Geteuid() != 0 {
		return runner{}, nil
	}
	var u *user.User
	if uid, ok := ownerOf(data); ok && uid != 0 {
		u, _ = user.LookupId(strconv.Itoa(uid))
	}
	for _, name := range []string{"postgres", "nobody"} {
		if u == nil {
			u, _ = user.Lookup(name)
		}
	}
	if u == nil {
		return runner{}, errors.New("running as root, and no postgres or nobody user to run PostgreSQL as")
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	r := runner{user: u.Username, uid: uid, gid: gid}
	if _, err := exec.LookPath("runuser"); err != nil {
		if _, err := exec.LookPath("su"); err != nil {
			return runner{}, errors.New("running as root, and neither runuser nor su found to run PostgreSQL as " + r.user)
		}
		r.su = true
	}
	return r, nil
}

// name is the user for logs.
func (r runner) name() string {
	if r.user == "" {
		return "current"
	}
	return r.user
}

// command is name with args, run as r's user from "/" (the caller's working
// folder may be closed to that user).
func (r runner) command(ctx context.Context, name string, args ...string) *exec.Cmd {
	var cmd *exec.Cmd
	switch {
	case r.user == "":
		cmd = exec.CommandContext(ctx, name, args...)
	case !r.su:
		cmd = exec.CommandContext(ctx, "runuser", append([]string{"-u", r.user, "--", name}, args...)...)
	default:
		cmd = exec.CommandContext(ctx, "su", "-s", "/bin/sh", "-c", shellJoin(name, args), r.user)
	}
	cmd.Dir = "/"
	cmd.WaitDelay = 5 * time.Second
	return cmd
}

// run runs name with args as r's user; the error carries the end of its output.
func (r runner) run(ctx context.Context, name string, args ...string) error {
	out, err := r.command(ctx, name, args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s: %w: %s", name, err, lastLines(out, 8))
	}
	return nil
}

// canReach reports whether r's user can traverse every folder down to dir.
func (r runner) canReach(ctx context.Context, dir string) bool {
	if r.user == "" {
		return true
	}
	return r.command(ctx, "test", "-x", dir).Run() == nil
}

// own gives path to r's user.
func (r runner) own(path string) error {
	if r.user == "" {
		return nil
	}
	return os.Lchown(path, r.uid, r.gid)
}

// shellJoin quotes name and args for sh -c.
func shellJoin(name string, args []string) string {
	q := make([]string, 0, len(args)+1)
	for _, a := range append([]string{name}, args...) {
		q = append(q, shellQuote(a))
	}
	return strings.Join(q, " ")
}

func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// lastLines is the last n lines of out, trimmed, on one line.
func lastLines(out []byte, n int) string {
	lines := strings.Split(string(bytes.TrimSpace(out)), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, " | ")
}
