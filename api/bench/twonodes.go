package bench

import (
	"context"
	"fmt"
	"net"
	"strings"
	"time"

	"github.com/lib/pq"
)

func init() {
	Scenarios = append(Scenarios, Scenario{"F5",
		"two lms processes on one database: saves spread over both, overdue attempts closed once", runTwoNodes})
}

// sweepEnv makes both processes close overdue attempts every second.
var sweepEnv = []string{"LMS_QUIZ_SWEEP=1s", "LMS_QUIZ_GRACE=1s"}

// secondServer starts another lms process like the scenario's, on its own port.
func (e *Env) secondServer(ctx context.Context) (*Server, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	s := &Server{Bin: e.srv.Bin, Addr: net.JoinHostPort("127.0.0.1", fmt.Sprint(port)),
		Env: append(append([]string(nil), e.srv.Env...), sweepEnv...), Log: strings.TrimSuffix(e.srv.Log, ".log") + "-2.log"}
	return s, s.Start(ctx)
}

// runTwoNodes starts attempts on one process, saves them through both in
// turn, and in the middle puts a quarter of them past their deadline, which
// the overdue-attempt job of both processes then races to close.
func runTwoNodes(ctx context.Context, e *Env, p Params) ([]Result, error) {
	e.srv.Env = append(e.srv.Env, sweepEnv...)
	if err := e.srv.Restart(ctx); err != nil {
		return nil, err
	}
	other, err := e.secondServer(ctx)
	if err != nil {
		return nil, err
	}
	defer other.Kill()
	n := p.n(2000)
	takers, open, err := e.examTakers(ctx, n, false)
	if err != nil {
		return nil, err
	}
	saving := n - n/4
	overdue := make([]int64, 0, n/4)
	for _, at := range open[saving:] {
		overdue = append(overdue, at.ID)
	}
	nodes := []*Server{e.srv, other}
	win := faultWindow(p)
	rs, err := e.Observe(ctx, win, func(ctx context.Context) []Sample {
		m := saving
		return e.openLoop(ctx, "autosave (both)", float64(p.n(500)), win, func(i int) (request, error) {
			a, seq := i%m, int64(i/m)+2
			at := open[a]
			r := saveReq(takers[a], at, seq, at.Questions[int(seq)%len(at.Questions)].Slot, true)
			r.server = nodes[i%2]
			return r, nil
		}, func(i, _ int, _ []byte) {
			a, seq := i%m, int64(i/m)+2
			at := open[a]
			e.acks.Add(Ack{Kind: "autosave", Attempt: at.ID, Slot: at.Questions[int(seq)%len(at.Questions)].Slot, Seq: seq})
		})
	}, func(ctx context.Context) (string, error) {
		d, err := e.DB(ctx)
		if err != nil {
			return "", err
		}
		_, err = d.ExecContext(ctx, `UPDATE quiz_attempts SET deadline = now() - interval '5 seconds' WHERE id = ANY($1)`, pq.Array(overdue))
		return fmt.Sprintf("two processes (pids %d and %d); %d attempts put past their deadline", e.srv.PID(), other.PID(), len(overdue)), err
	})
	if err != nil {
		return nil, err
	}
	if err := e.checkAcks(ctx, rs); err != nil {
		return nil, err
	}
	return rs, e.checkClosedOnce(ctx, rs, overdue)
}

// checkClosedOnce waits a few sweeps and checks that every overdue attempt
// was closed by the server, graded, and counted once in its taker's grade.
func (e *Env) checkClosedOnce(ctx context.Context, rs []Result, ids []int64) error {
	sleep(ctx, 3*time.Second)
	d, err := e.DB(ctx)
	if err != nil {
		return err
	}
	var closed, graded, once int
	err = d.QueryRowxContext(ctx, `
		SELECT count(*) FILTER (WHERE a.state = 'finished' AND a.auto_finished),
		       count(*) FILTER (WHERE a.graded_at IS NOT NULL),
		       count(*) FILTER (WHERE g.attempts = 1)
		FROM quiz_attempts a LEFT JOIN quiz_grades g ON g.quiz_id = a.quiz_id AND g.person_id = a.person_id
		WHERE a.id = ANY($1)`, pq.Array(ids)).Scan(&closed, &graded, &once)
	if err != nil {
		return err
	}
	line := fmt.Sprintf("%d of %d overdue attempts closed by the server, %d graded, %d counted once in their taker's grade",
		closed, len(ids), graded, once)
	if closed != len(ids) || graded != len(ids) || once != len(ids) {
		line = "WRONG: " + line
		e.failed = append(e.failed, "F5: "+line)
	}
	rs[0].Checks = append(rs[0].Checks, line)
	return nil
}
