package bench

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/google/uuid"
)

// budget is the exam-day path's statements per request, exactly, as the
// quiz issue set them (TestExamPathStatements holds them in-process; the
// smoke run holds the real binary to them).
var budget = []struct {
	op         string
	statements int
}{{"start", 2}, {"autosave", 1}, {"submit", 2}}

// smoke checks the statement budget on the real binary, then runs every
// scenario with small numbers. It fails on a budget exceeded or a failed
// check (lost acknowledged operations, grades or certificates wrong);
// times are reported, never judged.
func (h *harness) smoke(ctx context.Context, w io.Writer) error {
	bin, err := h.binary()
	if err != nil {
		return err
	}
	rep := &Report{Started: time.Now(), Machine: machine(ctx, h.admin), Revision: revision(ctx), People: h.o.People, Scale: 0.02}
	rs, err := h.scenario(ctx, bin, Scenario{ID: "budget", Name: "SQL statements per request", Run: runBudget}, Params{Scale: 1, Time: 1})
	rep.Results = append(rep.Results, rs...)
	if err == nil {
		var more *Report
		more, err = h.runAll(ctx, bin, nil, Params{Scale: 0.02, Time: 0.05})
		if more != nil {
			rep.Results = append(rep.Results, more.Results...)
		}
	}
	rep.WriteMarkdown(w)
	if werr := rep.WriteFiles(h.o.Out); werr != nil && err == nil {
		err = werr
	}
	if err != nil {
		return err
	}
	if len(h.failed) > 0 {
		for _, f := range h.failed {
			fmt.Fprintln(w, "FAILED:", f)
		}
		return errSmokeFailed
	}
	fmt.Fprintln(w, "bench smoke: statement budget kept, every check passed")
	return nil
}

// runBudget sends each request of the exam-day path n times, one at a
// time, and reads the server's wire counters around each batch. Background
// jobs (the overdue-attempt sweep, the report runner) add a statement now
// and then, fewer than n, so the whole statements per request are exact.
func runBudget(ctx context.Context, e *Env, _ Params) ([]Result, error) {
	const n = 20
	takers, err := e.takerRange(0, n+1)
	if err != nil {
		return nil, err
	}
	// Warm the caches as the first taker of an exam does.
	warm, err := e.openAttempts(ctx, takers[n:], true)
	if err != nil {
		return nil, err
	}
	if _, err := e.do(ctx, submitReq(takers[n], warm[0], uuid.NewString()), nil); err != nil {
		return nil, err
	}
	open := make([]attemptView, n)
	send := map[string]func(i int) (Sample, error){
		"start": func(i int) (Sample, error) { return e.do(ctx, e.startReq(takers[i]), &open[i]) },
		"autosave": func(i int) (Sample, error) {
			return e.do(ctx, saveReq(takers[i], open[i], 1, open[i].Questions[0].Slot, true), nil)
		},
		"submit": func(i int) (Sample, error) { return e.do(ctx, submitReq(takers[i], open[i], uuid.NewString()), nil) },
	}
	var out []Result
	for _, b := range budget {
		var before, after snapshot
		if err := e.serverCounters(ctx, &before); err != nil {
			return nil, err
		}
		lat := make([]time.Duration, 0, n)
		for i := range n {
			s, err := send[b.op](i)
			if err != nil {
				return out, err
			}
			lat = append(lat, s.Latency)
		}
		if err := e.serverCounters(ctx, &after); err != nil {
			return nil, err
		}
		stmts := int(after.statements-before.statements) / n
		trips := int(after.roundTrips-before.roundTrips) / n
		r := Result{Scenario: "budget", Op: b.op, Requests: n, Goal: fmt.Sprintf("≤ %d statements", b.statements),
			Statements: float64(stmts), RoundTrips: float64(trips), PeakRSSMiB: float64(after.usage.PeakRSS) / (1 << 20)}
		l := Summarize(lat)
		r.P50ms, r.P95ms, r.P99ms, r.MaxMs = ms(l.P50), ms(l.P95), ms(l.P99), ms(l.Max)
		r.Verdict = "met"
		if stmts > b.statements {
			r.Verdict = fmt.Sprintf("missed: %d statements", stmts)
			e.failed = append(e.failed, fmt.Sprintf("%s costs %d SQL statements per request, budget %d", b.op, stmts, b.statements))
		}
		out = append(out, r)
	}
	return out, nil
}
