// Command lms is the whole learning management system in one binary:
//
//	lms serve [-migrate]       serve the API and the web app
//	lms migrate up|down [N]|status
//	lms seed                   load the sample province (idempotent)
//
// Configuration comes from environment variables (see README.md); with none
// set it finds or starts a PostgreSQL on its own.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/pprof"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"
	_ "time/tzdata" // Asia/Ho_Chi_Minh on machines without zoneinfo

	"github.com/jmoiron/sqlx"

	"github.com/govtrain/lms/api/bench"
	"github.com/govtrain/lms/api/cert"
	"github.com/govtrain/lms/api/org"
	"github.com/govtrain/lms/api/platform/config"
	"github.com/govtrain/lms/api/platform/db"
	"github.com/govtrain/lms/api/platform/pgboot"
	"github.com/govtrain/lms/api/seed"
	"github.com/govtrain/lms/api/server"
	"github.com/govtrain/lms/frontend"
)

const usage = `usage:
  lms serve [-migrate]           serve the API and web app on LMS_ADDR (default :8080)
  lms migrate up                 apply pending migrations
  lms migrate down [N]           revert the last N migrations (default 1)
  lms migrate status             show the schema version
  lms seed                       load the sample province and demo accounts (once)
  lms seed history               load its 2008-2010 history (positions, degrees, mailboxes, certificates; once; after courses sync)
  lms seed --people N [--seed S] build a benchmark province of N people with its history, in an empty database (after courses sync)
  lms courses validate [DIR]     check the curriculum files (default DIR: courses)
  lms courses sync [DIR] [-allow-removals]
                                 load the curriculum into the database by slug and content hash
  lms db url                     print the database address lms uses (for psql)
  lms db drop -yes               drop the development database (LMS_DB_NAME); not with DATABASE_URL or in production
  lms certificates rotate-key    retire the key that signs certificates and make a new one (old ones stay verifiable)
  lms bench [smoke|ab] [flags] [S1 ...]
                                 the exam-day load harness (its own PostgreSQL; lms bench -h)
`

func main() {
	if len(os.Args) < 2 {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	cfg, err := config.Load(os.Getenv)
	if err != nil {
		fmt.Fprintln(os.Stderr, "lms: configuration:", err)
		os.Exit(2)
	}
	slog.SetDefault(slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: logLevel(cfg.LogLevel)})))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, cfg, os.Args[1], os.Args[2:]); err != nil {
		fmt.Fprintln(os.Stderr, "lms:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, cfg *config.Config, cmd string, args []string) error {
	switch cmd {
	case "serve":
		fl := flag.NewFlagSet("serve", flag.ContinueOnError)
		migrate := fl.Bool("migrate", false, "apply pending migrations before serving")
		if err := fl.Parse(args); err != nil {
			return err
		}
		return serve(ctx, cfg, *migrate)
	case "migrate":
		return migrateCmd(ctx, cfg, args)
	case "seed":
		d, err := open(ctx, cfg)
		if err != nil {
			return err
		}
		defer d.Close()
		if err := requireCurrent(ctx, d); err != nil {
			return err
		}
		fl := flag.NewFlagSet("seed", flag.ContinueOnError)
		people := fl.Int("people", 0, "build a benchmark province of this many people in an empty database (after courses sync)")
		seedValue := fl.Uint64("seed", 3260, "the seed value of --people: the same value gives the same province")
		if err := fl.Parse(args); err != nil {
			return err
		}
		if *people > 0 {
			sum, err := seed.Province(ctx, d, *people, *seedValue, slog.Default())
			if err != nil {
				return err
			}
			fmt.Println(sum)
			return nil
		}
		args = fl.Args()
		if len(args) == 1 && args[0] == "history" {
			sum, err := seed.History(ctx, d, 2007, slog.Default())
			if err != nil {
				return err
			}
			fmt.Println(sum)
			return nil
		}
		sum, err := seed.Run(ctx, d, slog.Default())
		if err != nil {
			return err
		}
		fmt.Println(sum)
		return nil
	case "courses":
		return coursesCmd(ctx, cfg, args)
	case "db":
		return dbCmd(ctx, cfg, args)
	case "certificates":
		if len(args) != 1 || args[0] != "rotate-key" {
			return errors.New("certificates: say rotate-key")
		}
		d, err := open(ctx, cfg)
		if err != nil {
			return err
		}
		defer d.Close()
		if err := requireCurrent(ctx, d); err != nil {
			return err
		}
		kid, err := cert.NewService(d, cfg.PublicURL).Rotate(ctx)
		if err != nil {
			return err
		}
		fmt.Println("signing key", kid, "is now current; the retired keys stay in the JWKS")
		return nil
	case "bench":
		return bench.Main(ctx, args, os.Stdout)
	case "help", "-h", "--help":
		fmt.Print(usage)
		return nil
	}
	return fmt.Errorf("unknown command %q\n%s", cmd, usage)
}

// open finds the database (see pgboot) and connects to it.
func open(ctx context.Context, cfg *config.Config) (*sqlx.DB, error) {
	dsn, err := pgboot.Resolve(ctx, pgboot.Options{URL: cfg.DatabaseURL, DBName: cfg.DBName, DataDir: cfg.DataDir})
	if err != nil {
		return nil, err
	}
	return db.Open(ctx, dsn)
}

func migrateCmd(ctx context.Context, cfg *config.Config, args []string) error {
	if len(args) == 0 {
		return errors.New("migrate: say up, down [N] or status")
	}
	d, err := open(ctx, cfg)
	if err != nil {
		return err
	}
	defer d.Close()
	m, err := db.NewMigrator(ctx, d)
	if err != nil {
		return err
	}
	defer m.Close()
	switch args[0] {
	case "up":
		err = m.Up()
	case "down":
		n := 1
		if len(args) > 1 {
			if n, err = strconv.Atoi(args[1]); err != nil || n < 1 {
				return fmt.Errorf("migrate down: %q is not a positive number", args[1])
			}
		}
		err = m.Down(n)
	case "status":
	default:
		return fmt.Errorf("migrate: unknown action %q", args[0])
	}
	if err != nil {
		return err
	}
	st, err := m.Status()
	if err != nil {
		return err
	}
	fmt.Println("schema", st)
	return nil
}

// requireCurrent refuses to work on a schema that is not the binary's.
func requireCurrent(ctx context.Context, d *sqlx.DB) error {
	m, err := db.NewMigrator(ctx, d)
	if err != nil {
		return err
	}
	defer m.Close()
	st, err := m.Status()
	if err != nil {
		return err
	}
	if st.Behind() || st.Current != st.Latest {
		return fmt.Errorf("the database schema is %s; run `lms migrate up` (or `lms serve -migrate`)", st)
	}
	return nil
}

func serve(ctx context.Context, cfg *config.Config, migrate bool) error {
	var wire *db.Wire
	if cfg.CountSQL {
		wire = &db.Wire{}
	}
	dsn, err := pgboot.Resolve(ctx, pgboot.Options{URL: cfg.DatabaseURL, DBName: cfg.DBName, DataDir: cfg.DataDir})
	if err != nil {
		return err
	}
	d, err := db.OpenCounted(ctx, dsn, wire)
	if err != nil {
		return err
	}
	defer d.Close()
	if migrate {
		if err := db.MigrateUp(ctx, d); err != nil {
			return fmt.Errorf("migrating: %w", err)
		}
	}
	if err := requireCurrent(ctx, d); err != nil {
		return err
	}
	if n, err := org.FailStaleImports(ctx, d); err != nil {
		return err
	} else if n > 0 {
		slog.Warn("imports interrupted by a stopped server were marked failed", "count", n)
	}
	dist, err := fs.Sub(frontend.Dist, "dist")
	if err != nil {
		return err
	}
	app := server.New(cfg, d, dist)
	if wire != nil {
		app.Registry.MustRegister(wire)
	}
	srv := &http.Server{
		Addr:              cfg.Addr,
		Handler:           app.Handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		WriteTimeout:      5 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	if cfg.PprofAddr != "" {
		// Profiles on their own listener, never on the public one.
		go func() { errc <- http.ListenAndServe(cfg.PprofAddr, pprofMux()) }()
	}
	sweep, stopSweep := context.WithCancel(context.Background())
	swept := make(chan struct{})
	reported := make(chan struct{})
	go func() { defer close(swept); app.Quizzes.RunExpiry(sweep, cfg.QuizSweep) }()
	go func() { defer close(reported); app.Reports.Run(sweep, 5*time.Second) }()
	defer func() { stopSweep(); <-swept; <-reported }()
	slog.Info("lms serving", "addr", cfg.Addr, "env", cfg.Env)
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	slog.Info("shutting down: finishing in-flight requests", "timeout", cfg.ShutdownTimeout)
	sctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	err = srv.Shutdown(sctx)
	app.Imports.Close()
	return err
}

// pprofMux serves the runtime profiles under /debug/pprof/.
func pprofMux() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	return mux
}

func logLevel(s string) slog.Level {
	var l slog.Level
	if err := l.UnmarshalText([]byte(s)); err != nil {
		return slog.LevelInfo
	}
	return l
}
