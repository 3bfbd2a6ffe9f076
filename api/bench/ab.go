package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// ab builds revisions A and B and runs the scenarios alternately, A B B A
// per round, so that drift of a noisy machine falls on both; it prints
// B/A ratios of the means.
func (h *harness) ab(ctx context.Context, w io.Writer) error {
	if h.o.A == "" || h.o.B == "" || len(h.o.Scenarios) == 0 {
		return errors.New("bench ab: say -a REV -b REV and the scenarios, e.g. lms bench ab -a HEAD~1 -b HEAD S2")
	}
	binA, err := h.build(ctx, h.o.A)
	if err != nil {
		return err
	}
	binB, err := h.build(ctx, h.o.B)
	if err != nil {
		return err
	}
	p := Params{Scale: h.o.Scale, Time: h.o.Time}
	runs := map[string][]Result{}
	for round := range h.o.Rounds {
		for _, side := range []string{"A", "B", "B", "A"} {
			bin := map[string]string{"A": binA, "B": binB}[side]
			h.log.Info("bench ab", "round", round+1, "side", side)
			rep, err := h.runAll(ctx, bin, h.o.Scenarios, p)
			if err != nil {
				return err
			}
			runs[side] = append(runs[side], rep.Results...)
		}
	}
	fmt.Fprintf(w, "A = %s, B = %s, %d rounds of ABBA, scale %g\n\n", h.o.A, h.o.B, h.o.Rounds, p.Scale)
	fmt.Fprintln(w, "| scenario | request | metric | A | B | B/A |")
	fmt.Fprintln(w, "|---|---|---|---:|---:|---:|")
	for _, row := range ratios(runs["A"], runs["B"]) {
		fmt.Fprintf(w, "| %s | %s | %s | %.3g | %.3g | %.3f |\n", row.scenario, row.op, row.metric, row.a, row.b, row.b/row.a)
	}
	return nil
}

type ratioRow struct {
	scenario, op, metric string
	a, b                 float64
}

// ratios averages each metric per scenario and op on both sides.
func ratios(a, b []Result) []ratioRow {
	metrics := []struct {
		name string
		get  func(Result) float64
	}{
		{"rate/s", func(r Result) float64 { return r.Rate }},
		{"p50 ms", func(r Result) float64 { return r.P50ms }},
		{"p99 ms", func(r Result) float64 { return r.P99ms }},
		{"CPU ms/req", func(r Result) float64 { return r.CPUms }},
		{"SQL stmts/req", func(r Result) float64 { return r.Statements }},
		{"peak RSS MiB", func(r Result) float64 { return r.PeakRSSMiB }},
	}
	mean := func(rs []Result, sc, op string, get func(Result) float64) float64 {
		sum, n := 0.0, 0
		for _, r := range rs {
			if r.Scenario == sc && r.Op == op {
				sum += get(r)
				n++
			}
		}
		return sum / float64(max(n, 1))
	}
	var out []ratioRow
	seen := map[string]bool{}
	for _, r := range a {
		if seen[r.Scenario+"/"+r.Op] {
			continue
		}
		seen[r.Scenario+"/"+r.Op] = true
		for _, m := range metrics {
			out = append(out, ratioRow{r.Scenario, r.Op, m.name, mean(a, r.Scenario, r.Op, m.get), mean(b, r.Scenario, r.Op, m.get)})
		}
	}
	return out
}

// build compiles revision rev in a temporary git worktree, once per commit.
func (h *harness) build(ctx context.Context, rev string) (string, error) {
	out, err := exec.CommandContext(ctx, "git", "rev-parse", "--short", rev).Output()
	if err != nil {
		return "", fmt.Errorf("bench ab: git rev-parse %s: %w", rev, err)
	}
	sha := strings.TrimSpace(string(out))
	dir, err := filepath.Abs(filepath.Join(h.o.Dir, "ab"))
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "lms-"+sha)
	if _, err := os.Stat(bin); err == nil {
		return bin, nil
	}
	tree := filepath.Join(dir, "tree-"+sha)
	if err := run(ctx, "", "git", "worktree", "add", "--detach", "--force", tree, sha); err != nil {
		return "", err
	}
	defer run(context.Background(), "", "git", "worktree", "remove", "--force", tree)
	h.log.Info("bench ab: building", "rev", rev, "commit", sha)
	if err := run(ctx, tree, "go", "build", "-buildvcs=false", "-o", bin, "./api/cmd/lms"); err != nil {
		return "", err
	}
	return bin, nil
}

func run(ctx context.Context, dir, name string, args ...string) error {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%s %s: %w: %s", name, strings.Join(args, " "), err, out)
	}
	return nil
}
