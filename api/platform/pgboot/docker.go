package pgboot

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"time"
)

// composeUp starts the db service of docker-compose.yml in o.ComposeDir when
// Docker answers, and waits for it. User and password are those of the
// service (lms/lms); the host port is passed to compose as LMS_DB_PORT so
// both sides agree on it.
func composeUp(ctx context.Context, o Options) (string, error) {
	infoCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := exec.CommandContext(infoCtx, o.Docker, "info").Run(); err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			err = errors.New(o.Docker + " not installed")
		} else {
			err = fmt.Errorf("%s info: %w (daemon not running?)", o.Docker, err)
		}
		o.Logger.Info("pgboot: docker not available", "err", err.Error())
		return "", err
	}

	upCtx, cancel := context.WithTimeout(ctx, 5*time.Minute) // may pull the image
	defer cancel()
	cmd := exec.CommandContext(upCtx, o.Docker, "compose", "up", "-d", "db")
	cmd.Dir = o.ComposeDir
	cmd.Env = append(os.Environ(), "LMS_DB_PORT="+strconv.Itoa(o.ComposePort))
	cmd.WaitDelay = 5 * time.Second
	if out, err := cmd.CombinedOutput(); err != nil {
		err = fmt.Errorf("%s compose up -d db in %s: %w: %s", o.Docker, o.ComposeDir, err, lastLines(out, 6))
		o.Logger.Info("pgboot: docker compose failed", "err", err.Error())
		return "", err
	}
	server := tcpDSN("lms", "lms", "127.0.0.1", o.ComposePort, maintenanceDB)
	if err := waitReady(ctx, server, time.Minute); err != nil {
		return "", fmt.Errorf("compose db service on port %d: %w", o.ComposePort, err)
	}
	o.Logger.Info("pgboot: using compose db service", "port", o.ComposePort, "dir", o.ComposeDir)
	return server, nil
}
