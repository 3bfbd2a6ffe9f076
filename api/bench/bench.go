// Package bench is the exam-day load harness (lms bench): it starts a
// PostgreSQL cluster of its own, prepares a template database once, and
// for each scenario clones it, runs `lms serve` as a separate process and
// drives it over HTTP, open loop (vegeta) and closed loop (exam takers),
// reporting latencies, SQL statements, commits, CPU time and memory per
// request as a Markdown table and as JSON.
package bench

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/jmoiron/sqlx"
)

// Help is the help of lms bench.
const Help = `usage:
  lms bench [flags] [S1 S2 ... F4]    run the scenarios (default: all) and write report.md and report.json:
                                      S1 starts, S2 autosaves, S3 submits, S4 sign-ins, S5 targets, S6 verification,
                                      S7 open connections, S8 whole exams; F1-F5 faults (SIGKILL, PostgreSQL restart, SIGTERM, two processes)
  lms bench smoke [flags]             small numbers, under two minutes: fails when the exam-day path costs more
                                      SQL statements per request than its budget (start 2, autosave 1, submit 2),
                                      or an acknowledged save or submit is lost, or grades are wrong
  lms bench ab -a REV -b REV [flags] S2
                                      build two git revisions and run a scenario ABBA for -rounds rounds
flags:
`

// Options are the flags of lms bench.
type Options struct {
	People     int
	Scale      float64
	Time       float64
	Dir        string
	Port       int
	Bin        string
	Courses    string
	Fresh      bool
	LogLevel   string
	Out        string
	A, B       string
	Rounds     int
	Scenarios  []string
	ServerProc int
	Settle     time.Duration
	Pprof      time.Duration
}

func (o *Options) flags(fl *flag.FlagSet) {
	fl.IntVar(&o.People, "people", 30000, "people (and learner accounts) in the template database")
	fl.Float64Var(&o.Scale, "scale", 1, "multiply the scenarios' counts and rates (0.1: a tenth)")
	fl.Float64Var(&o.Time, "time", 1, "multiply the scenarios' time windows")
	fl.StringVar(&o.Dir, "dir", ".data/bench", "folder of the harness's PostgreSQL cluster, binaries and reports")
	fl.IntVar(&o.Port, "pg-port", 54331, "port of the harness's PostgreSQL cluster on 127.0.0.1")
	fl.StringVar(&o.Bin, "bin", "", "the lms binary under test (default: this one)")
	fl.StringVar(&o.Courses, "courses", "courses", "the curriculum folder")
	fl.BoolVar(&o.Fresh, "fresh", false, "prepare the template database again")
	fl.StringVar(&o.LogLevel, "log-level", "warn", "LMS_LOG_LEVEL of the server under test")
	fl.StringVar(&o.Out, "out", "", "folder for report.md, report.json and server logs (default: DIR/results/TIME)")
	fl.StringVar(&o.A, "a", "", "ab: revision A (git)")
	fl.StringVar(&o.B, "b", "", "ab: revision B (git)")
	fl.IntVar(&o.Rounds, "rounds", 2, "ab: rounds of ABBA")
	fl.IntVar(&o.ServerProc, "server-procs", 0, "GOMAXPROCS of the server under test (default: the machine's)")
	fl.DurationVar(&o.Pprof, "pprof", 0, "record a CPU profile of the server for this long from the start of each measured window "+
		"(OUT/SCENARIO-cpu.pprof; go tool pprof -top BINARY FILE)")
	fl.DurationVar(&o.Settle, "settle", 11*time.Second, "pause after the server starts and before measuring, so that PostgreSQL has flushed "+
		"the statistics of its first connections (idle backends flush after 10 s); without it commits/req is approximate")
}

// Main runs lms bench with args, printing the report to w.
func Main(ctx context.Context, args []string, w io.Writer) error {
	mode := "run"
	if len(args) > 0 && (args[0] == "smoke" || args[0] == "ab") {
		mode, args = args[0], args[1:]
	}
	var o Options
	fl := flag.NewFlagSet("bench", flag.ContinueOnError)
	fl.Usage = func() { fmt.Fprint(fl.Output(), Help); fl.PrintDefaults() }
	o.flags(fl)
	if mode == "smoke" {
		fl.Lookup("people").DefValue = "300"
		fl.Lookup("settle").DefValue = "0s"
		o.People, o.Settle = 300, 0
	}
	if err := fl.Parse(args); err != nil {
		return err
	}
	o.Scenarios = fl.Args()
	for _, id := range o.Scenarios {
		if find(id) == nil {
			return fmt.Errorf("bench: no scenario %q (S1-S8, F1-F5)", id)
		}
	}
	raiseFileLimit()
	log := slog.Default()
	if o.Out == "" {
		o.Out = filepath.Join(o.Dir, "results", time.Now().UTC().Format("20060102-150405")+"-"+mode)
	}
	if err := os.MkdirAll(o.Out, 0o755); err != nil {
		return err
	}
	h, err := newHarness(ctx, o, log)
	if err != nil {
		return err
	}
	defer h.close()
	switch mode {
	case "smoke":
		return h.smoke(ctx, w)
	case "ab":
		return h.ab(ctx, w)
	}
	bin, err := h.binary()
	if err != nil {
		return err
	}
	rep, err := h.runAll(ctx, bin, o.Scenarios, Params{Scale: o.Scale, Time: o.Time})
	if rep != nil {
		rep.WriteMarkdown(w)
		if werr := rep.WriteFiles(o.Out); werr != nil && err == nil {
			err = werr
		}
		fmt.Fprintln(w, "\nwritten to", o.Out)
	}
	return err
}

func find(id string) *Scenario {
	for i := range Scenarios {
		if strings.EqualFold(Scenarios[i].ID, id) {
			return &Scenarios[i]
		}
	}
	return nil
}

// harness holds the cluster and the template for a bench command.
type harness struct {
	o       Options
	log     *slog.Logger
	cluster *Cluster
	admin   *sqlx.DB
	tpl     Template
	secret  []byte
	failed  []string
}

func newHarness(ctx context.Context, o Options, log *slog.Logger) (*harness, error) {
	h := &harness{o: o, log: log, cluster: NewCluster(o.Dir, o.Port, 400, log)}
	secret := make([]byte, 32)
	rand.Read(secret)
	h.secret = []byte(hex.EncodeToString(secret))
	if err := h.cluster.Start(ctx); err != nil {
		return nil, err
	}
	var err error
	if h.tpl, err = ensureTemplate(ctx, h.cluster, o.People, o.Courses, o.Fresh, log); err != nil {
		h.cluster.Stop(context.Background())
		return nil, err
	}
	if h.admin, err = openPool(ctx, h.cluster.Admin()); err != nil {
		h.cluster.Stop(context.Background())
		return nil, err
	}
	return h, nil
}

// close stops the cluster; its data (and the template) stay for the next run.
func (h *harness) close() {
	if h.admin != nil {
		h.admin.Close()
	}
	if err := h.cluster.Stop(context.Background()); err != nil {
		h.log.Warn("bench: stopping the cluster", "err", err.Error())
	}
}

// binary is the lms binary under test: -bin, or this process's own.
func (h *harness) binary() (string, error) {
	if h.o.Bin != "" {
		return filepath.Abs(h.o.Bin)
	}
	return os.Executable()
}

// runAll runs the scenarios ids (all when empty) on bin.
func (h *harness) runAll(ctx context.Context, bin string, ids []string, p Params) (*Report, error) {
	rep := &Report{Started: time.Now(), Machine: machine(ctx, h.admin), Revision: revision(ctx), People: h.o.People, Scale: p.Scale}
	for _, sc := range Scenarios {
		if len(ids) > 0 && !slices.ContainsFunc(ids, func(id string) bool { return strings.EqualFold(id, sc.ID) }) {
			continue
		}
		h.log.Info("bench: scenario", "id", sc.ID, "name", sc.Name)
		rs, err := h.scenario(ctx, bin, sc, p)
		rep.Results = append(rep.Results, rs...)
		if err != nil {
			return rep, fmt.Errorf("%s: %w", sc.ID, err)
		}
	}
	return rep, nil
}

// scenario runs sc on a fresh clone of the template and a fresh server.
func (h *harness) scenario(ctx context.Context, bin string, sc Scenario, p Params) ([]Result, error) {
	name := "bench_run"
	if err := clone(ctx, h.cluster, h.tpl, name); err != nil {
		return nil, err
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	env := []string{
		"DATABASE_URL=" + h.cluster.DSN(name),
		"LMS_JWT_SECRET=" + string(h.secret),
		"LMS_TRUSTED_PROXIES=127.0.0.1/32",
		"LMS_LOG_LEVEL=" + h.o.LogLevel,
		"LMS_DATA_DIR=" + h.o.Out,
		"LMS_ACCESS_TTL=6h",
	}
	pprofAddr := ""
	if h.o.Pprof > 0 {
		pp, err := freePort()
		if err != nil {
			return nil, err
		}
		pprofAddr = fmt.Sprintf("127.0.0.1:%d", pp)
		env = append(env, "LMS_PPROF_ADDR="+pprofAddr)
	}
	if h.o.ServerProc > 0 {
		env = append(env, fmt.Sprintf("GOMAXPROCS=%d", h.o.ServerProc))
	}
	srv := &Server{Bin: bin, Addr: fmt.Sprintf("127.0.0.1:%d", port), Env: env,
		Log: filepath.Join(h.o.Out, sc.ID+"-server.log")}
	if err := srv.Start(ctx); err != nil {
		return nil, err
	}
	defer srv.Kill()
	e := &Env{scenario: sc.ID, srv: srv, cluster: h.cluster, dbName: name, admin: h.admin, scale: p.Scale, settle: h.o.Settle,
		pprof: pprofAddr, pprofFor: h.o.Pprof, out: h.o.Out,
		acks: &Acks{}, tokens: newTokenMaker(h.secret), client: &http.Client{
			Timeout:   30 * time.Second,
			Transport: &http.Transport{MaxIdleConnsPerHost: 256, MaxConnsPerHost: 0},
		}}
	defer e.closeDB()
	if err := e.loadTakers(ctx); err != nil {
		return nil, err
	}
	rs, err := sc.Run(ctx, e, p)
	h.failed = append(h.failed, e.failed...)
	if err != nil {
		return rs, err
	}
	if err := srv.Stop(30 * time.Second); err != nil {
		return rs, err
	}
	e.closeDB()
	return rs, drop(ctx, h.cluster, name)
}

// raiseFileLimit lifts the open-files limit to its maximum, for this
// process and the server it starts (S7 holds 10,000 connections on each
// side).
func raiseFileLimit() {
	var l syscall.Rlimit
	if syscall.Getrlimit(syscall.RLIMIT_NOFILE, &l) == nil && l.Cur < l.Max {
		l.Cur = l.Max
		syscall.Setrlimit(syscall.RLIMIT_NOFILE, &l)
	}
}

// machine describes the CPU, memory and PostgreSQL of this machine.
func machine(ctx context.Context, admin *sqlx.DB) string {
	model := "unknown CPU"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				model = strings.TrimSpace(v)
				break
			}
		}
	}
	mem := ""
	if f, err := os.Open("/proc/meminfo"); err == nil {
		defer f.Close()
		b, _ := io.ReadAll(io.LimitReader(f, 4096))
		if k, v, ok := strings.Cut(strings.SplitN(string(b), "\n", 2)[0], ":"); ok && k == "MemTotal" {
			mem = ", " + strings.TrimSpace(v) + " RAM"
		}
	}
	var pg string
	admin.GetContext(ctx, &pg, `SELECT current_setting('server_version')`)
	load := ""
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		// Others' work on the machine shows here: the harness has not started yet.
		load = ", load average " + strings.Join(strings.Fields(string(b))[:3], " ") + " before the run"
	}
	return fmt.Sprintf("%d × %s%s, PostgreSQL %s, %s%s", runtime.NumCPU(), model, mem, pg, runtime.Version(), load)
}

// revision is the working tree's git revision, "-dirty" when changed.
func revision(ctx context.Context) string {
	out, err := exec.CommandContext(ctx, "git", "describe", "--always", "--dirty").Output()
	if err != nil {
		return "unknown"
	}
	return strings.TrimSpace(string(out))
}

var errSmokeFailed = errors.New("bench smoke: failed")
