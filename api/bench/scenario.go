package bench

import (
	"context"
	"fmt"
	"math"
	"time"
)

// Scenario is one line of the table: it prepares what it needs on
// a fresh clone, measures, and checks the database afterwards.
type Scenario struct {
	ID   string
	Name string
	Run  func(ctx context.Context, e *Env, p Params) ([]Result, error)
}

// Params scale a scenario: counts and rates by Scale, windows by Time.
type Params struct {
	Scale float64
	Time  float64
}

// n is count scaled, at least 1.
func (p Params) n(count int) int { return max(1, int(math.Round(float64(count)*p.Scale))) }

// window is d scaled by Time, at least a second.
func (p Params) window(d time.Duration) time.Duration {
	return max(time.Second, time.Duration(float64(d)*p.Time))
}

// Scenarios are the issue's, in its order.
var Scenarios = []Scenario{
	{"S1", "5,000 takers start within 10 s", runStart},
	{"S2", "autosave at 2,000/s for 60 s (10,000 takers every 5 s)", runAutosave},
	{"S3", "5,000 submits within 60 s, 70% passing", runSubmit},
	{"S4", "5,000 sign-ins within 5 min, exam takers meanwhile", runSignIn},
	{"S5", "targets overview", runTargets},
	{"S6", "public verification, 10% unknown codes", runVerify},
	{"S7", "10,000 open keep-alive connections", runConnections},
	{"S8", "whole exams, closed loop: sign in, start, autosave every 5 s, submit", runExam},
}

func runStart(ctx context.Context, e *Env, p Params) ([]Result, error) {
	n, win := p.n(5000), p.window(10*time.Second)
	takers, err := e.takerRange(0, n)
	if err != nil {
		return nil, err
	}
	// Warm the quiz cache as the first start of an exam does.
	if _, err := e.openAttempts(ctx, e.takers[len(e.takers)-1:], false); err != nil {
		return nil, err
	}
	goals := map[string]Goal{"start": {ZeroErrors: true, P99: time.Second}}
	rs, err := e.Measure(ctx, goals, func(ctx context.Context) []Sample {
		return e.spread(ctx, "start", n, win, func(i int) request { return e.startReq(takers[i]) }, nil)
	})
	if err != nil {
		return nil, err
	}
	started, err := e.count(ctx, `SELECT count(DISTINCT person_id) FROM quiz_attempts WHERE quiz_id = $1 AND state = 'in_progress'`, e.quiz)
	rs[0].Checks = append(rs[0].Checks, fmt.Sprintf("%d of %d takers have an attempt in progress", started-1, n))
	return rs, err
}

func runAutosave(ctx context.Context, e *Env, p Params) ([]Result, error) {
	m := p.n(10000)
	takers, open, err := e.examTakers(ctx, m, false)
	if err != nil {
		return nil, err
	}
	goals := map[string]Goal{"autosave": {ZeroErrors: true, P99: 50 * time.Millisecond}}
	rs, err := e.Measure(ctx, goals, func(ctx context.Context) []Sample {
		return e.autosaves(ctx, "autosave", takers, open, p.n(2000), p.window(60*time.Second))
	})
	if err != nil {
		return nil, err
	}
	return rs, e.checkAcks(ctx, rs)
}

// autosaves sends saves at rate for d, going round the attempts: save k of
// attempt a answers slot k mod 30 with sequence k, as a page saving every
// few seconds would. Each acknowledged save is recorded.
func (e *Env) autosaves(ctx context.Context, op string, takers []Taker, open []attemptView, rate int, d time.Duration) []Sample {
	m := len(open)
	saveOf := func(i int) (Taker, attemptView, int64, int) {
		a := i % m
		seq := int64(i/m) + 2 // the setup's saves were 1
		at := open[a]
		return takers[a], at, seq, at.Questions[int(seq)%len(at.Questions)].Slot
	}
	return e.openLoop(ctx, op, float64(rate), d, func(i int) (request, error) {
		t, at, seq, slot := saveOf(i)
		return saveReq(t, at, seq, slot, true), nil
	}, func(i, _ int, _ []byte) {
		_, at, seq, slot := saveOf(i)
		e.acks.Add(Ack{Kind: "autosave", Attempt: at.ID, Slot: slot, Seq: seq, Value: true})
	})
}

// checkAcks compares what was acknowledged with the database and notes it
// on the first result.
func (e *Env) checkAcks(ctx context.Context, rs []Result) error {
	d, err := e.DB(ctx)
	if err != nil {
		return err
	}
	problems, err := e.acks.Check(ctx, d, 5)
	if err != nil {
		return err
	}
	line := fmt.Sprintf("%d acknowledged operations all found in the database", e.acks.Len())
	if len(problems) > 0 {
		line = fmt.Sprintf("LOST: of %d acknowledged operations: %v", e.acks.Len(), problems)
		e.failed = append(e.failed, line)
	}
	rs[0].Checks = append(rs[0].Checks, line)
	return nil
}

func runSubmit(ctx context.Context, e *Env, p Params) ([]Result, error) {
	n, win := p.n(5000), p.window(60*time.Second)
	takers, open, err := e.examTakers(ctx, n, true)
	if err != nil {
		return nil, err
	}
	goals := map[string]Goal{"submit": {ZeroErrors: true, P99: 100 * time.Millisecond}}
	rs, err := e.Measure(ctx, goals, func(ctx context.Context) []Sample {
		return e.submits(ctx, takers, open, win)
	})
	if err != nil {
		return nil, err
	}
	if err := e.checkAcks(ctx, rs); err != nil {
		return nil, err
	}
	return rs, e.checkGrades(ctx, rs, n)
}

// checkGrades checks the exam's outcome: every attempt graded once, one
// quiz grade per taker, at most one certificate per taker, and passing
// takers (7 in 10) holding one.
func (e *Env) checkGrades(ctx context.Context, rs []Result, n int) error {
	var c struct {
		Graded, Passed, Grades, Certs, Holders, Doubled int
	}
	d, err := e.DB(ctx)
	if err != nil {
		return err
	}
	err = d.QueryRowxContext(ctx, `
		SELECT (SELECT count(*) FROM quiz_attempts WHERE quiz_id = $1 AND state = 'finished' AND graded_at IS NOT NULL),
		       (SELECT count(*) FROM quiz_attempts WHERE quiz_id = $1 AND passed),
		       (SELECT count(*) FROM quiz_grades WHERE quiz_id = $1),
		       (SELECT count(*) FROM certificates ce JOIN certifications d ON d.id = ce.certification_id WHERE d.code = $2),
		       (SELECT count(DISTINCT person_id) FROM certificates ce JOIN certifications d ON d.id = ce.certification_id WHERE d.code = $2),
		       (SELECT count(*) FROM (SELECT person_id FROM quiz_grades WHERE quiz_id = $1 GROUP BY person_id HAVING count(*) > 1) x)`,
		e.quiz, examCert).Scan(&c.Graded, &c.Passed, &c.Grades, &c.Certs, &c.Holders, &c.Doubled)
	if err != nil {
		return err
	}
	want := 0
	for i := range n {
		if passes(i) {
			want++
		}
	}
	line := fmt.Sprintf("%d attempts graded, %d passed (want %d), %d quiz grades, %d certificates to %d people",
		c.Graded, c.Passed, want, c.Grades, c.Certs, c.Holders)
	if c.Graded != n || c.Passed != want || c.Grades != n || c.Certs != want || c.Holders != want || c.Doubled > 0 {
		line = "WRONG: " + line
		e.failed = append(e.failed, line)
	}
	rs[0].Checks = append(rs[0].Checks, line)
	return nil
}
