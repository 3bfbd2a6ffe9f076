package pgboot

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// binDirs lists where initdb and pg_ctl are looked for: dirs when given, else
// the folder of pg_ctl in PATH, then /usr/lib/postgresql/NN/bin from the
// highest NN (Debian and Ubuntu keep them there, out of PATH), then
// /usr/local/pgsql/bin (source builds).
func binDirs(dirs []string) []string {
	if dirs != nil {
		return dirs
	}
	var out []string
	if p, err := exec.LookPath("pg_ctl"); err == nil {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			p = real
		}
		out = append(out, filepath.Dir(p))
	}
	versioned, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	slices.SortFunc(versioned, func(a, b string) int { return pgMajor(b) - pgMajor(a) })
	out = append(out, versioned...)
	return append(out, "/usr/local/pgsql/bin")
}

// pgMajor is NN in /usr/lib/postgresql/NN/bin, or 0.
func pgMajor(dir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(dir)))
	return n
}

// findBins returns the first folder of binDirs(dirs) holding initdb, pg_ctl
// and postgres.
func findBins(dirs []string) (string, error) {
	searched := strings.Join(dirs, ", ")
	if dirs == nil {
		searched = "PATH, /usr/lib/postgresql/*/bin, /usr/local/pgsql/bin"
	}
	for _, d := range binDirs(dirs) {
		if hasBins(d) {
			return d, nil
		}
	}
	return "", fmt.Errorf("initdb and pg_ctl not found in %s", searched)
}

// binsFor is the Debian folder of the major version that initialised the
// cluster in data, when it is installed: after an upgrade adds a newer major,
// the old cluster still needs its own binaries.
func binsFor(data, bin string) string {
	v, err := os.ReadFile(filepath.Join(data, "PG_VERSION"))
	if err != nil {
		return bin
	}
	d := filepath.Join("/usr/lib/postgresql", strings.TrimSpace(string(v)), "bin")
	if hasBins(d) {
		return d
	}
	return bin
}

func hasBins(dir string) bool {
	return isExec(filepath.Join(dir, "initdb")) && isExec(filepath.Join(dir, "pg_ctl")) &&
		isExec(filepath.Join(dir, "postgres"))
}

func isExec(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular() && fi.Mode().Perm()&0o111 != 0
}
