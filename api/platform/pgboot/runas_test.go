//go:build unix

package pgboot

import (
	"os"
	"strings"
	"testing"
)

// TestRunnerDropsRoot checks both ways of running as the cluster's user.
func TestRunnerDropsRoot(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only root drops privileges")
	}
	r, err := newRunner(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, su := range []bool{false, true} {
		r.su = su
		out, err := r.command(t.Context(), "id", "-un").Output()
		if err != nil {
			t.Errorf("su=%v: id -un: %v", su, err)
			continue
		}
		if got := strings.TrimSpace(string(out)); got != r.user {
			t.Errorf("su=%v: runs as %q, want %q", su, got, r.user)
		}
	}
	if r.canReach(t.Context(), t.TempDir()) {
		t.Errorf("user %s can reach a 0700 root folder", r.user)
	}
	if !r.canReach(t.Context(), "/usr/bin") {
		t.Errorf("user %s cannot reach /usr/bin", r.user)
	}
}
