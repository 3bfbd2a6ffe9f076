package pgboot

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/lib/pq"
)

// errNoCreateDB says a role got in but cannot create the LMS database.
var errNoCreateDB = errors.New("role may not create databases")

// findLocal looks for a server already running at o.LocalAddrs that lets the
// postgres role, or the role named after the OS user, in without a password
// and create databases.
func findLocal(ctx context.Context, o Options) (string, error) {
	users := []string{"postgres"}
	if u, err := user.Current(); err == nil && u.Username != "postgres" {
		users = append(users, u.Username)
	}
	var tried []string
	for _, addr := range o.LocalAddrs {
		dsn, err := probeAddr(ctx, addr, users)
		if err == nil {
			o.Logger.Info("pgboot: using local PostgreSQL", "addr", addr, "server", describe(dsn))
			return dsn, nil
		}
		tried = append(tried, addr+": "+err.Error())
	}
	err := errors.New(strings.Join(tried, "; "))
	o.Logger.Info("pgboot: no usable local PostgreSQL", "tried", err.Error())
	return "", err
}

// probeAddr returns the maintenance DSN of the first of users that can use the
// server at addr.
func probeAddr(ctx context.Context, addr string, users []string) (string, error) {
	dsnFor, err := localDSN(addr)
	if err != nil {
		return "", err
	}
	var errs []string
	for _, u := range users {
		dsn := dsnFor(u)
		err := checkCreator(ctx, dsn)
		if err == nil {
			return dsn, nil
		}
		errs = append(errs, fmt.Sprintf("user %s: %v", u, err))
		if pq.As(err) == nil && !errors.Is(err, errNoCreateDB) {
			break // nothing speaks PostgreSQL there; another user will not help
		}
	}
	return "", errors.New(strings.Join(errs, ", "))
}

// localDSN parses addr, "host:port" or a socket directory with an optional
// ":port", into a maker of maintenance DSNs per user.
func localDSN(addr string) (func(user string) string, error) {
	if !strings.HasPrefix(addr, "/") {
		host, p, err := net.SplitHostPort(addr)
		if err != nil {
			return nil, err
		}
		port, err := strconv.Atoi(p)
		if err != nil {
			return nil, fmt.Errorf("bad port in %q", addr)
		}
		return func(u string) string { return tcpDSN(u, "", host, port, maintenanceDB) }, nil
	}
	dir, port := addr, 5432
	if i := strings.LastIndexByte(addr, ':'); i > 0 {
		if p, err := strconv.Atoi(addr[i+1:]); err == nil {
			dir, port = addr[:i], p
		}
	}
	sock := filepath.Join(dir, ".s.PGSQL."+strconv.Itoa(port))
	if _, err := os.Stat(sock); err != nil {
		return nil, fmt.Errorf("no socket %s", sock)
	}
	return func(u string) string { return socketDSN(u, dir, port, maintenanceDB) }, nil
}

// checkCreator connects to dsn and checks that its role may create databases.
func checkCreator(ctx context.Context, dsn string) error {
	db, err := connect(dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(ctx, probeTimeout)
	defer cancel()
	var ok bool
	err = db.QueryRowContext(ctx,
		`SELECT rolsuper OR rolcreatedb FROM pg_roles WHERE rolname = current_user`).Scan(&ok)
	if err != nil {
		return err
	}
	if !ok {
		return errNoCreateDB
	}
	return nil
}
