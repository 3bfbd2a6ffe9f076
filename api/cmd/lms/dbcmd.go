package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/govtrain/lms/api/platform/config"
	"github.com/govtrain/lms/api/platform/db"
	"github.com/govtrain/lms/api/platform/pgboot"
)

// dbCmd: `lms db url` prints the DSN lms uses (for psql); `lms db drop -yes`
// drops its database, for throwaway databases of tests and demos. Dropping is
// refused in production and for a DATABASE_URL (drop those by hand).
func dbCmd(ctx context.Context, cfg *config.Config, args []string) error {
	if len(args) == 0 {
		return errors.New("db: say url or drop")
	}
	opts := pgboot.Options{URL: cfg.DatabaseURL, DBName: cfg.DBName, DataDir: cfg.DataDir}
	switch args[0] {
	case "url":
		dsn, err := pgboot.Resolve(ctx, opts)
		if err != nil {
			return err
		}
		fmt.Println(dsn)
		return nil
	case "drop":
		fl := flag.NewFlagSet("db drop", flag.ContinueOnError)
		yes := fl.Bool("yes", false, "really drop the database")
		if err := fl.Parse(args[1:]); err != nil {
			return err
		}
		switch {
		case !*yes:
			return fmt.Errorf("db drop deletes the database %q and everything in it; add -yes", cfg.DBName)
		case cfg.Env == "production" || cfg.DatabaseURL != "":
			return errors.New("db drop works only on a development database found or started by lms (no DATABASE_URL, not production)")
		}
		server, err := pgboot.ServerURL(ctx, opts)
		if err != nil {
			return err
		}
		d, err := db.Open(ctx, server)
		if err != nil {
			return err
		}
		defer d.Close()
		if _, err := d.ExecContext(ctx, `DROP DATABASE IF EXISTS `+quoteIdent(cfg.DBName)+` WITH (FORCE)`); err != nil {
			return err
		}
		fmt.Println("dropped", cfg.DBName)
		return nil
	}
	return fmt.Errorf("db: unknown action %q", args[0])
}

func quoteIdent(s string) string {
	out := []byte{'"'}
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			out = append(out, '"')
		}
		out = append(out, s[i])
	}
	return string(append(out, '"'))
}
