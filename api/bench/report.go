package bench

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// Goal is what the issue asks of one kind of request.
type Goal struct {
	ZeroErrors bool
	P99        time.Duration // 0: none
	MinRate    float64       // requests per second; 0: none
	MaxRSSMiB  float64       // 0: none
}

func (g Goal) String() string {
	var parts []string
	if g.ZeroErrors {
		parts = append(parts, "0 errors")
	}
	if g.P99 > 0 {
		parts = append(parts, "p99 ≤ "+g.P99.String())
	}
	if g.MinRate > 0 {
		parts = append(parts, fmt.Sprintf("≥ %g/s", g.MinRate))
	}
	if g.MaxRSSMiB > 0 {
		parts = append(parts, fmt.Sprintf("RSS ≤ %g MiB", g.MaxRSSMiB))
	}
	return strings.Join(parts, ", ")
}

// judge says "met", or "missed:" with each shortfall.
func (g Goal) judge(r Result) string {
	var miss []string
	if g.ZeroErrors && r.Errors > 0 {
		miss = append(miss, fmt.Sprintf("%d errors", r.Errors))
	}
	if g.P99 > 0 && r.P99ms > ms(g.P99) {
		miss = append(miss, fmt.Sprintf("p99 %.3g ms is %.2gx the goal", r.P99ms, r.P99ms/ms(g.P99)))
	}
	// The window also holds the last answers' wait: 2% of slack.
	if g.MinRate > 0 && r.Rate < 0.98*g.MinRate {
		miss = append(miss, fmt.Sprintf("%.0f/s is %.0f%% of the goal", r.Rate, 100*r.Rate/g.MinRate))
	}
	if g.MaxRSSMiB > 0 && r.PeakRSSMiB > g.MaxRSSMiB {
		miss = append(miss, fmt.Sprintf("RSS %.0f MiB", r.PeakRSSMiB))
	}
	if len(miss) == 0 {
		return "met"
	}
	return "missed: " + strings.Join(miss, "; ")
}

// Report is a run's results with what it ran on.
type Report struct {
	Started  time.Time `json:"started"`
	Machine  string    `json:"machine"`
	Revision string    `json:"revision"`
	People   int       `json:"people"`
	Scale    float64   `json:"scale"`
	Results  []Result  `json:"results"`
}

// WriteMarkdown writes the results as a Markdown table, then the checks.
func (r *Report) WriteMarkdown(w io.Writer) {
	fmt.Fprintf(w, "%s, %s, revision %s, %d people, scale %g\n\n", r.Started.UTC().Format("2006-01-02 15:04 UTC"),
		r.Machine, r.Revision, r.People, r.Scale)
	fmt.Fprintln(w, "| scenario | request | n | rate/s | errors | p50 ms | p95 ms | p99 ms | max ms | SQL stmts/req | round trips/req | pg_stat_statements calls/req | commits/req | server CPU ms/req | PostgreSQL CPU ms/req | load generator CPU ms/req | peak RSS MiB | goal | verdict |")
	fmt.Fprintln(w, "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|")
	for _, x := range r.Results {
		fmt.Fprintf(w, "| %s | %s | %d | %.0f | %d | %s | %s | %s | %s | %.2f | %.2f | %.2f | %.2f | %.3f | %.3f | %.3f | %.0f | %s | %s |\n",
			x.Scenario, x.Op, x.Requests, x.Rate, x.Errors, num(x.P50ms), num(x.P95ms), num(x.P99ms), num(x.MaxMs),
			x.Statements, x.RoundTrips, x.PGSSCalls, x.Commits, x.CPUms, x.PGCPUms, x.LoadCPUms, x.PeakRSSMiB, x.Goal, x.Verdict)
	}
	for _, x := range r.Results {
		for _, c := range x.Checks {
			fmt.Fprintf(w, "\n- %s %s: %s", x.Scenario, x.Op, c)
		}
		if x.FirstErr != "" {
			fmt.Fprintf(w, "\n- %s %s: first error: %s", x.Scenario, x.Op, x.FirstErr)
		}
	}
	fmt.Fprintln(w)
}

// num prints a latency in ms with three significant digits.
func num(v float64) string {
	switch {
	case v >= 100:
		return fmt.Sprintf("%.0f", v)
	case v >= 10:
		return fmt.Sprintf("%.1f", v)
	}
	return fmt.Sprintf("%.2f", v)
}

// WriteFiles writes report.md and report.json into dir.
func (r *Report) WriteFiles(dir string) error {
	f, err := os.Create(dir + "/report.md")
	if err != nil {
		return err
	}
	r.WriteMarkdown(f)
	if err := f.Close(); err != nil {
		return err
	}
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(dir+"/report.json", b, 0o644)
}
