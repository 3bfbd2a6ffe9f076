package bench

import (
	"strings"
	"testing"
	"time"
)

func TestGoalJudge(t *testing.T) {
	g := Goal{ZeroErrors: true, P99: 50 * time.Millisecond, MinRate: 5000, MaxRSSMiB: 256}
	if got := g.String(); got != "0 errors, p99 ≤ 50ms, ≥ 5000/s, RSS ≤ 256 MiB" {
		t.Errorf("String() = %q", got)
	}
	if got := g.judge(Result{P99ms: 50, Rate: 5000, PeakRSSMiB: 256}); got != "met" {
		t.Errorf("judge at the limits = %q, want met", got)
	}
	got := g.judge(Result{Errors: 3, P99ms: 100, Rate: 2500, PeakRSSMiB: 300})
	want := "missed: 3 errors; p99 100 ms is 2x the goal; 2500/s is 50% of the goal; RSS 300 MiB"
	if got != want {
		t.Errorf("judge = %q, want %q", got, want)
	}
}

func TestResultsGroupsByOp(t *testing.T) {
	samples := []Sample{
		{Op: "sign-in", Latency: 2 * time.Second, Code: 200},
		{Op: "autosave", Latency: 10 * time.Millisecond, Code: 200},
		{Op: "sign-in", Latency: 4 * time.Second, Code: 503},
		{Op: "autosave", Latency: 20 * time.Millisecond, Err: "connection reset"},
	}
	t0 := time.Unix(0, 0)
	before := snapshot{at: t0, statements: 100, roundTrips: 100, calls: 10, commits: 5, usage: Usage{CPU: time.Second}}
	after := snapshot{at: t0.Add(2 * time.Second), statements: 108, roundTrips: 112, calls: 18, commits: 9,
		usage: Usage{CPU: 1200 * time.Millisecond, PeakRSS: 64 << 20}, pgCPU: 400 * time.Millisecond, loadCPU: 40 * time.Millisecond}
	rs := results("S4", map[string]Goal{"sign-in": {ZeroErrors: true}}, samples, before, after)
	if len(rs) != 2 || rs[0].Op != "sign-in" || rs[1].Op != "autosave" {
		t.Fatalf("ops %v, want sign-in then autosave", rs)
	}
	s := rs[0]
	if s.Requests != 2 || s.Errors != 1 || s.FirstErr != "HTTP 503" || s.Rate != 1 || s.MaxMs != 4000 {
		t.Errorf("sign-in row %+v", s)
	}
	// The window's figures are shared by all four requests.
	if s.Statements != 2 || s.RoundTrips != 3 || s.PGSSCalls != 2 || s.Commits != 1 || s.CPUms != 50 || s.PeakRSSMiB != 64 ||
		s.PGCPUms != 100 || s.LoadCPUms != 10 {
		t.Errorf("per-request figures %+v, want 2 stmts, 3 trips, 2 calls, 1 commit, 50 ms CPU, 64 MiB", s)
	}
	if s.Verdict != "missed: 1 errors" || rs[1].Verdict != "" {
		t.Errorf("verdicts %q and %q", s.Verdict, rs[1].Verdict)
	}
	if rs[1].FirstErr != "connection reset" {
		t.Errorf("autosave first error %q", rs[1].FirstErr)
	}
}

func TestWriteMarkdown(t *testing.T) {
	r := Report{Started: time.Date(2026, 11, 26, 16, 0, 0, 0, time.UTC), Machine: "2 × CPU", Revision: "abc", People: 30000, Scale: 1,
		Results: []Result{{Scenario: "S2", Op: "autosave", Requests: 120000, Rate: 1999.6, P50ms: 1.234, P95ms: 12.34, P99ms: 123.4,
			MaxMs: 1234, Statements: 1, RoundTrips: 1, PGSSCalls: 1.01, Commits: 1.02, CPUms: 0.25, PGCPUms: 0.5, LoadCPUms: 0.125, PeakRSSMiB: 80,
			Goal: "0 errors", Verdict: "met", Checks: []string{"120000 acknowledged operations all found"}}}}
	var b strings.Builder
	r.WriteMarkdown(&b)
	out := b.String()
	for _, want := range []string{
		"2026-11-26 16:00 UTC, 2 × CPU, revision abc, 30000 people, scale 1",
		"| S2 | autosave | 120000 | 2000 | 0 | 1.23 | 12.3 | 123 | 1234 | 1.00 | 1.00 | 1.01 | 1.02 | 0.250 | 0.500 | 0.125 | 80 | 0 errors | met |",
		"- S2 autosave: 120000 acknowledged operations all found",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown lacks %q:\n%s", want, out)
		}
	}
	header := strings.Split(out, "\n")[2]
	if got, want := strings.Count(header, "|"), strings.Count(strings.Split(out, "\n")[4], "|"); got != want {
		t.Errorf("header has %d cells, rows %d", got, want)
	}
}
