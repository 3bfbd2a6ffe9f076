package bench

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/jmoiron/sqlx"
)

// Result is one row of the report: one kind of request of a scenario.
type Result struct {
	Scenario string  `json:"scenario"`
	Op       string  `json:"op"`
	Goal     string  `json:"goal"`
	Requests int     `json:"requests"`
	Seconds  float64 `json:"seconds"`
	Rate     float64 `json:"rate"` // requests per second achieved
	Errors   int     `json:"errors"`
	FirstErr string  `json:"first_error,omitempty"`
	P50ms    float64 `json:"p50_ms"`
	P95ms    float64 `json:"p95_ms"`
	P99ms    float64 `json:"p99_ms"`
	MaxMs    float64 `json:"max_ms"`
	// Per request of the whole window (every op measured in it together).
	Statements float64  `json:"statements_per_request"`
	RoundTrips float64  `json:"round_trips_per_request"`
	PGSSCalls  float64  `json:"pgss_calls_per_request"`
	Commits    float64  `json:"commits_per_request"`
	CPUms      float64  `json:"cpu_ms_per_request"`
	PGCPUms    float64  `json:"postgres_cpu_ms_per_request"`
	LoadCPUms  float64  `json:"load_generator_cpu_ms_per_request"`
	PeakRSSMiB float64  `json:"peak_rss_mib"`
	Verdict    string   `json:"verdict"`
	Checks     []string `json:"checks,omitempty"`
}

// snapshot is every counter read around a measured window.
type snapshot struct {
	at                     time.Time
	statements, roundTrips float64
	calls, commits         float64
	usage                  Usage
	pgCPU, loadCPU         time.Duration
}

// serverCounters reads the SQL counters of /metrics and the process's usage.
func (e *Env) serverCounters(ctx context.Context, s *snapshot) error {
	req, err := http.NewRequestWithContext(ctx, "GET", e.srv.URL()+"/metrics", nil)
	if err != nil {
		return err
	}
	resp, err := e.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	m, err := parseMetrics(resp.Body, "lms_sql_statements_total", "lms_sql_round_trips_total")
	if err != nil {
		return err
	}
	s.statements, s.roundTrips = m["lms_sql_statements_total"], m["lms_sql_round_trips_total"]
	if s.usage, err = e.srv.Usage(); err != nil {
		return err
	}
	pid, err := e.cluster.PID()
	if err != nil {
		return err
	}
	if s.pgCPU, err = treeCPU(pid); err != nil {
		return err
	}
	self, err := readUsage(os.Getpid())
	s.loadCPU = self.CPU
	return err
}

// databaseCounters reads pg_stat_statements calls and committed
// transactions of the run's database, from the maintenance database.
func (e *Env) databaseCounters(ctx context.Context, s *snapshot) error {
	return e.admin.QueryRowxContext(ctx, `
		SELECT (SELECT COALESCE(sum(calls), 0) FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = $1),
		       (SELECT xact_commit FROM pg_stat_database WHERE datname = $1)`, e.dbName).Scan(&s.calls, &s.commits)
}

// Measure runs fn against a freshly restarted server, so that nothing of
// the setup is counted: PostgreSQL's per-backend statistics are flushed
// when the old server's connections close. It returns one Result per op of
// the samples; the SQL, commit and CPU figures are for the whole window
// divided by all its requests.
func (e *Env) Measure(ctx context.Context, goals map[string]Goal, fn func(ctx context.Context) []Sample) ([]Result, error) {
	if err := e.closeDB(); err != nil {
		return nil, err
	}
	if err := e.srv.Stop(30 * time.Second); err != nil {
		return nil, err
	}
	if err := e.srv.Start(ctx); err != nil {
		return nil, err
	}
	// The setup's writes reach the data files now, not during the window.
	if _, err := e.admin.ExecContext(ctx, `CHECKPOINT`); err != nil {
		return nil, err
	}
	var before, after snapshot
	// The old backends flush their statistics as they exit; the new
	// server's first connections only when idle for 10 s.
	time.Sleep(max(200*time.Millisecond, e.settle))
	if err := e.databaseCounters(ctx, &before); err != nil {
		return nil, err
	}
	if err := e.serverCounters(ctx, &before); err != nil {
		return nil, err
	}
	before.at = time.Now()
	profiled := e.profile(ctx)
	samples := fn(ctx)
	if err := <-profiled; err != nil {
		return nil, err
	}
	after.at = time.Now()
	if err := e.serverCounters(ctx, &after); err != nil {
		return nil, err
	}
	if err := e.srv.Stop(30 * time.Second); err != nil {
		return nil, err
	}
	time.Sleep(200 * time.Millisecond)
	if err := e.databaseCounters(ctx, &after); err != nil {
		return nil, err
	}
	if err := e.srv.Start(ctx); err != nil { // for the checks and the next window
		return nil, err
	}
	return results(e.scenario, goals, samples, before, after), nil
}

// profile records a CPU profile of the server into OUT/SCENARIO-cpu.pprof
// while the window runs, when asked; the channel says when it is written.
func (e *Env) profile(ctx context.Context) <-chan error {
	done := make(chan error, 1)
	if e.pprof == "" {
		done <- nil
		return done
	}
	go func() {
		url := fmt.Sprintf("http://%s/debug/pprof/profile?seconds=%d", e.pprof, int(e.pprofFor.Seconds()))
		req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
		if err != nil {
			done <- err
			return
		}
		resp, err := (&http.Client{}).Do(req)
		if err != nil {
			done <- err
			return
		}
		defer resp.Body.Close()
		f, err := os.Create(filepath.Join(e.out, e.scenario+"-cpu.pprof"))
		if err == nil {
			_, err = io.Copy(f, resp.Body)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
		done <- err
	}()
	return done
}

// results groups samples by op, in the order ops first appear.
func results(scenario string, goals map[string]Goal, samples []Sample, before, after snapshot) []Result {
	var order []string
	byOp := map[string][]Sample{}
	for _, s := range samples {
		if _, ok := byOp[s.Op]; !ok {
			order = append(order, s.Op)
		}
		byOp[s.Op] = append(byOp[s.Op], s)
	}
	total := float64(max(len(samples), 1))
	secs := after.at.Sub(before.at).Seconds()
	var out []Result
	for _, op := range order {
		ss := byOp[op]
		r := Result{Scenario: scenario, Op: op, Requests: len(ss), Seconds: secs}
		lat := make([]time.Duration, 0, len(ss))
		for _, s := range ss {
			lat = append(lat, s.Latency)
			if s.failed() {
				if r.Errors == 0 {
					r.FirstErr = describeFailure(s)
				}
				r.Errors++
			}
		}
		l := Summarize(lat)
		r.P50ms, r.P95ms, r.P99ms, r.MaxMs = ms(l.P50), ms(l.P95), ms(l.P99), ms(l.Max)
		r.Rate = float64(len(ss)) / secs
		r.Statements = (after.statements - before.statements) / total
		r.RoundTrips = (after.roundTrips - before.roundTrips) / total
		r.PGSSCalls = (after.calls - before.calls) / total
		r.Commits = (after.commits - before.commits) / total
		r.CPUms = ms(after.usage.CPU-before.usage.CPU) / total
		r.PGCPUms = ms(after.pgCPU-before.pgCPU) / total
		r.LoadCPUms = ms(after.loadCPU-before.loadCPU) / total
		r.PeakRSSMiB = float64(after.usage.PeakRSS) / (1 << 20)
		if g, ok := goals[op]; ok {
			r.Goal, r.Verdict = g.String(), g.judge(r)
		}
		out = append(out, r)
	}
	return out
}

func describeFailure(s Sample) string {
	if s.Err != "" {
		return s.Err
	}
	return fmt.Sprintf("HTTP %d", s.Code)
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// Env is what a scenario works with: the server under test, its database,
// the takers and an HTTP client.
type Env struct {
	scenario string
	srv      *Server
	cluster  *Cluster
	dbName   string
	admin    *sqlx.DB // the cluster's maintenance database
	db       *sqlx.DB // the run's database, opened on demand, closed while measuring
	client   *http.Client
	takers   []Taker
	quiz     int64
	scale    float64
	acks     *Acks
	tokens   tokenMaker
	failed   []string // checks that failed: a smoke run fails on them
	settle   time.Duration
	pprof    string        // the server's pprof address, or empty
	pprofFor time.Duration // how long a profile records
	out      string        // the folder of the report
	// cutInFlight counts the requests of the last Observe whose connection
	// broke while they waited for an answer.
	cutInFlight int
}

// DB is the run's database, for setup and checks (never while measuring).
func (e *Env) DB(ctx context.Context) (*sqlx.DB, error) {
	if e.db == nil {
		d, err := openPool(ctx, e.cluster.DSN(e.dbName))
		if err != nil {
			return nil, err
		}
		e.db = d
	}
	return e.db, nil
}

func (e *Env) closeDB() error {
	if e.db == nil {
		return nil
	}
	err := e.db.Close()
	e.db = nil
	return err
}
