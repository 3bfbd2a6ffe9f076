package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/govtrain/lms/api/cert"
	"github.com/govtrain/lms/api/course"
	"github.com/govtrain/lms/api/platform/config"
	"github.com/govtrain/lms/api/platform/db"
	"github.com/jmoiron/sqlx"
)

func coursesCmd(ctx context.Context, cfg *config.Config, args []string) error {
	if len(args) == 0 {
		return errors.New("courses: say validate or sync")
	}
	fl := flag.NewFlagSet("courses "+args[0], flag.ContinueOnError)
	allowRemovals := fl.Bool("allow-removals", false, "archive lessons removed from the files even when learners completed them")
	if err := fl.Parse(args[1:]); err != nil {
		return err
	}
	dir := "courses"
	if fl.NArg() > 0 {
		dir = fl.Arg(0)
	}
	courses, probs := course.LoadAll(os.DirFS(dir))
	for _, p := range probs {
		fmt.Fprintf(os.Stderr, "%s/%s\n", dir, p)
	}
	defs, dprobs := cert.LoadDefinitions(os.DirFS(dir), course.Known(courses))
	for _, p := range dprobs {
		fmt.Fprintf(os.Stderr, "%s/%s\n", dir, p)
	}
	if n := len(probs) + len(dprobs); n > 0 {
		return fmt.Errorf("%d problems in %s", n, dir)
	}
	switch args[0] {
	case "validate":
		lessons, questions := 0, 0
		for _, c := range courses {
			for _, m := range c.Modules {
				lessons += len(m.Lessons)
				questions += m.BankQuestions
			}
		}
		fmt.Printf("%s: %d courses, %d lessons, %d questions, %d certifications, no problems\n", dir, len(courses), lessons,
			questions, len(defs.Certifications))
		return nil
	case "sync":
		d, err := open(ctx, cfg)
		if err != nil {
			return err
		}
		defer d.Close()
		if err := requireCurrent(ctx, d); err != nil {
			return err
		}
		rep, err := course.Sync(ctx, d, courses, *allowRemovals)
		fmt.Print(rep)
		if err != nil {
			return err
		}
		return db.WithTx(ctx, d, func(tx *sqlx.Tx) error {
			lines, err := cert.SyncDefinitions(ctx, tx, defs)
			for _, l := range lines {
				fmt.Println(l)
			}
			return err
		})
	}
	return fmt.Errorf("courses: unknown action %q", args[0])
}
