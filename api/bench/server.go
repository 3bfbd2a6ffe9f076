package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"syscall"
	"time"
)

// Server is the lms process under test: `lms serve` of a built binary on
// its own port and database, counting its SQL (LMS_COUNT_SQL=1). The fault
// scenarios stop it (SIGTERM), kill it (SIGKILL) and restart it mid-run.
type Server struct {
	Bin  string   // the lms binary
	Addr string   // host:port it listens on
	Env  []string // besides the harness's environment
	Log  string   // file receiving its stdout and stderr

	cmd  *exec.Cmd
	done chan error
}

// URL is the server's base address.
func (s *Server) URL() string { return "http://" + s.Addr }

// PID is the process id, or 0 when not running.
func (s *Server) PID() int {
	if s.cmd == nil || s.cmd.Process == nil {
		return 0
	}
	return s.cmd.Process.Pid
}

// Start runs the binary and waits until /healthz answers.
func (s *Server) Start(ctx context.Context) error {
	logf, err := os.OpenFile(s.Log, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	cmd := exec.Command(s.Bin, "serve")
	cmd.Env = append(append(os.Environ(), "LMS_ADDR="+s.Addr, "LMS_COUNT_SQL=1"), s.Env...)
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		logf.Close()
		return err
	}
	s.cmd, s.done = cmd, make(chan error, 1)
	go func() { s.done <- cmd.Wait(); logf.Close() }()
	return s.waitHealthy(ctx, 30*time.Second)
}

func (s *Server) waitHealthy(ctx context.Context, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		select {
		case err := <-s.done:
			s.done <- err
			return fmt.Errorf("bench: lms serve exited at start (%v); see %s", err, s.Log)
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
		resp, err := http.Get(s.URL() + "/healthz")
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
	}
	return fmt.Errorf("bench: lms serve did not answer /healthz within %s; see %s", limit, s.Log)
}

// Stop sends SIGTERM and waits for the exit (in-flight requests finish);
// after wait it kills.
func (s *Server) Stop(wait time.Duration) error {
	if s.PID() == 0 {
		return nil
	}
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-s.done:
		s.cmd = nil
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return fmt.Errorf("bench: lms serve exited with %v after SIGTERM", err)
		}
		return err
	case <-time.After(wait):
		s.Kill()
		return fmt.Errorf("bench: lms serve still running %s after SIGTERM; killed", wait)
	}
}

// Kill sends SIGKILL and waits for the process to go.
func (s *Server) Kill() {
	if s.PID() == 0 {
		return
	}
	s.cmd.Process.Kill()
	<-s.done
	s.cmd = nil
}

// Restart kills the process and starts it again on the same port.
func (s *Server) Restart(ctx context.Context) error {
	s.Kill()
	return s.Start(ctx)
}

// Usage reads the process's CPU time and memory from /proc.
func (s *Server) Usage() (Usage, error) {
	if s.PID() == 0 {
		return Usage{}, errors.New("bench: server not running")
	}
	return readUsage(s.PID())
}

// freePort asks the kernel for a free TCP port on 127.0.0.1.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
