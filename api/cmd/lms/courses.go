package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/govtrain/lms/api/course"
	"github.com/govtrain/lms/api/platform/config"
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
	if len(probs) > 0 {
		return fmt.Errorf("%d problems in %s", len(probs), dir)
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
		fmt.Printf("%s: %d courses, %d lessons, %d questions, no problems\n", dir, len(courses), lessons, questions)
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
		return err
	}
	return fmt.Errorf("courses: unknown action %q", args[0])
}
