package pgboot

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestFindBinsTakesFirstCompleteFolder(t *testing.T) {
	empty, partial, full := t.TempDir(), t.TempDir(), t.TempDir()
	for dir, names := range map[string][]string{
		partial: {"pg_ctl"},
		full:    {"initdb", "pg_ctl", "postgres"},
	} {
		for _, n := range names {
			if err := os.WriteFile(filepath.Join(dir, n), []byte("#!/bin/sh\n"), 0o755); err != nil {
				t.Fatal(err)
			}
		}
	}
	got, err := findBins([]string{empty, partial, full})
	if err != nil || got != full {
		t.Errorf("findBins = %q, %v; want %q", got, err, full)
	}
	if _, err := findBins([]string{empty, partial}); err == nil || !strings.Contains(err.Error(), partial) {
		t.Errorf("findBins without binaries: err = %v, want one naming the folders searched", err)
	}
}

func TestBinDirsPrefersNewestMajor(t *testing.T) {
	dirs := binDirs(nil)
	if dirs[len(dirs)-1] != "/usr/local/pgsql/bin" {
		t.Errorf("binDirs ends with %q, want /usr/local/pgsql/bin", dirs[len(dirs)-1])
	}
	var majors []int
	for _, d := range dirs {
		if strings.HasPrefix(d, "/usr/lib/postgresql/") {
			majors = append(majors, pgMajor(d))
		}
	}
	if !slices.IsSortedFunc(majors, func(a, b int) int { return b - a }) {
		t.Errorf("majors in order %v, want the highest first", majors)
	}
}
