package bench

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
)

// The fault scenarios of issue 7: a fault strikes in the middle of a load,
// and afterwards nothing acknowledged may be missing. Their rows carry
// latencies and errors only (the server's counters restart with it).
func init() {
	Scenarios = append(Scenarios,
		Scenario{"F1", "SIGKILL of lms in the middle of autosaves, restarted", runKillDuringSaves},
		Scenario{"F2", "SIGKILL of lms in the middle of submits, restarted", runKillDuringSubmits},
		Scenario{"F3", "PostgreSQL restarted in the middle of autosaves", runRestartDatabase},
		Scenario{"F4", "SIGTERM of lms under autosaves: in-flight requests finish", runTerminate},
	)
}

// Observe runs fn while strike runs after half of d, and returns the rows
// of the samples (latencies and errors).
func (e *Env) Observe(ctx context.Context, d time.Duration, fn func(ctx context.Context) []Sample,
	strike func(ctx context.Context) (string, error)) ([]Result, error) {
	if err := e.closeDB(); err != nil {
		return nil, err
	}
	type outcome struct {
		note string
		err  error
	}
	struck := make(chan outcome, 1)
	start := time.Now()
	go func() {
		sleep(ctx, d/2)
		note, err := strike(ctx)
		struck <- outcome{note, err}
	}()
	samples := fn(ctx)
	o := <-struck
	if o.err != nil {
		return nil, o.err
	}
	now := snapshot{at: time.Now()}
	rs := results(e.scenario, nil, samples, snapshot{at: start}, now)
	if len(rs) == 0 {
		return nil, fmt.Errorf("bench: %s sent no request", e.scenario)
	}
	rs[0].Checks = append(rs[0].Checks, o.note)
	// The server must serve again once the fault is over: the last second
	// of requests sent.
	var last time.Time
	for _, s := range samples {
		if s.At.After(last) {
			last = s.At
		}
	}
	var late, lateFailed int
	for _, s := range samples {
		if s.At.After(last.Add(-time.Second)) {
			late++
			if s.failed() {
				lateFailed++
			}
		}
	}
	for i := range rs {
		rs[i].Verdict = "see the checks"
	}
	e.cutInFlight = 0
	for _, s := range samples {
		if cut(s.Err) {
			e.cutInFlight++
		}
	}
	rs[0].Checks = append(rs[0].Checks, fmt.Sprintf("%d requests cut in flight (connection reset or EOF), %d others failed",
		e.cutInFlight, rs[0].Errors-e.cutInFlight))
	line := fmt.Sprintf("recovered: %d of %d requests of the window's last second failed", lateFailed, late)
	if late == 0 || lateFailed > 0 {
		line = "NOT " + line
		e.failed = append(e.failed, e.scenario+": "+line)
	}
	rs[0].Checks = append(rs[0].Checks, line)
	return rs, nil
}

// faultSaves is the load of F1, F3 and F4: autosaves at 500/s (scaled)
// from 2,500 takers for 20 s (scaled).
func (e *Env) faultSaves(ctx context.Context, p Params, strike func(ctx context.Context) (string, error)) ([]Result, error) {
	takers, open, err := e.examTakers(ctx, p.n(2500), false)
	if err != nil {
		return nil, err
	}
	win := faultWindow(p)
	rs, err := e.Observe(ctx, win, func(ctx context.Context) []Sample {
		return e.autosaves(ctx, "autosave", takers, open, p.n(500), win)
	}, strike)
	if err != nil {
		return nil, err
	}
	return rs, e.checkAcks(ctx, rs)
}

// faultWindow is 20 s scaled, but at least 8 s: the fault strikes in the
// middle and the server must be serving again in the last second.
func faultWindow(p Params) time.Duration { return max(8*time.Second, p.window(20*time.Second)) }

func (e *Env) killAndRestart(ctx context.Context) (string, error) {
	pid := e.srv.PID()
	start := time.Now()
	if err := e.srv.Restart(ctx); err != nil {
		return "", err
	}
	return fmt.Sprintf("lms (pid %d) killed with SIGKILL and serving again (pid %d) after %s", pid, e.srv.PID(),
		time.Since(start).Round(time.Millisecond)), nil
}

func runKillDuringSaves(ctx context.Context, e *Env, p Params) ([]Result, error) {
	return e.faultSaves(ctx, p, e.killAndRestart)
}

func runKillDuringSubmits(ctx context.Context, e *Env, p Params) ([]Result, error) {
	n, win := p.n(2000), faultWindow(p)
	takers, open, err := e.examTakers(ctx, n, true)
	if err != nil {
		return nil, err
	}
	rs, err := e.Observe(ctx, win, func(ctx context.Context) []Sample {
		return e.submits(ctx, takers, open, win)
	}, e.killAndRestart)
	if err != nil {
		return nil, err
	}
	if err := e.checkAcks(ctx, rs); err != nil {
		return nil, err
	}
	// Submits refused by the kill are sent again, as a page would, with
	// new keys: every attempt must end graded exactly once.
	for i := range open {
		e.do(ctx, submitReq(takers[i], open[i], uuid.NewString()), nil)
	}
	return rs, e.checkGrades(ctx, rs, n)
}

func runRestartDatabase(ctx context.Context, e *Env, p Params) ([]Result, error) {
	rs, err := e.faultSaves(ctx, p, func(ctx context.Context) (string, error) {
		start := time.Now()
		if err := e.cluster.Restart(ctx); err != nil {
			return "", err
		}
		return fmt.Sprintf("PostgreSQL stopped (fast) and started again in %s", time.Since(start).Round(time.Millisecond)), nil
	})
	if err != nil || len(rs) == 0 {
		return rs, err
	}
	// Failing fast: no request may wait for the database longer than the
	// client's timeout; the server answers 503 with Retry-After meanwhile.
	line := fmt.Sprintf("slowest request %.0f ms (the client gives up at 30 s)", rs[0].MaxMs)
	if rs[0].MaxMs >= 30000 {
		line = "HUNG: " + line
		e.failed = append(e.failed, "F3: "+line)
	}
	rs[0].Checks = append(rs[0].Checks, line)
	return rs, nil
}

func runTerminate(ctx context.Context, e *Env, p Params) ([]Result, error) {
	rs, err := e.faultSaves(ctx, p, func(ctx context.Context) (string, error) {
		start := time.Now()
		err := e.srv.Stop(25 * time.Second)
		took := time.Since(start).Round(time.Millisecond)
		note := fmt.Sprintf("SIGTERM: lms exited cleanly in %s (budget LMS_SHUTDOWN_TIMEOUT 20s)", took)
		if err != nil {
			note = fmt.Sprintf("SIGTERM: %v after %s", err, took)
			e.failed = append(e.failed, "F4: "+note)
		}
		if err := e.srv.Start(ctx); err != nil {
			return "", err
		}
		return note + "; started again", nil
	})
	if err == nil && e.cutInFlight > 0 {
		// Not a failure: Shutdown closes idle keep-alive connections, and a
		// request sent on one at that instant meets EOF before the server
		// read it. Go's client sends such a request again only when it is
		// idempotent (an Idempotency-Key header makes it so); a save is not.
		rs[0].Checks = append(rs[0].Checks, "a cut request met a keep-alive connection closing: sent before the server read it")
	}
	return rs, err
}

// submits sends every taker's submit, spread over win, recording the
// acknowledged ones.
func (e *Env) submits(ctx context.Context, takers []Taker, open []attemptView, win time.Duration) []Sample {
	return e.spread(ctx, "submit", len(takers), win, func(i int) request {
		return submitReq(takers[i], open[i], uuid.NewString())
	}, func(i, _ int, _ []byte) {
		e.acks.Add(Ack{Kind: "submit", Attempt: open[i].ID})
	})
}

// cut reports whether a transport error is a connection cut in flight
// rather than refused.
func cut(err string) bool {
	return strings.Contains(err, "reset") || strings.Contains(err, "EOF")
}
