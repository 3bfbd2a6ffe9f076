package pgboot

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

func TestNothingFoundSaysHowToFix(t *testing.T) {
	t.Parallel()
	dead := deadAddr(t)
	o := Options{
		LocalAddrs: []string{dead, filepath.Join(t.TempDir(), "nosocket")},
		BinDirs:    []string{t.TempDir()},
		DataDir:    t.TempDir(),
		Docker:     "lms-pgboot-no-docker",
		Logger:     testLogger(t),
	}
	_, err := Resolve(t.Context(), o)
	if !errors.Is(err, ErrNoServer) {
		t.Fatalf("Resolve err = %v, want ErrNoServer", err)
	}
	msg := err.Error()
	for _, want := range []string{
		dead, "no socket", "initdb and pg_ctl not found", "lms-pgboot-no-docker not installed",
		"apt-get install postgresql", "DATABASE_URL=",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("error message lacks %q:\n%s", want, msg)
		}
	}
	t.Log(msg)
}
