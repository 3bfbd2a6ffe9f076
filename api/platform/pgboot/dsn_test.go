package pgboot

import (
	"strings"
	"testing"
)

func TestWithDB(t *testing.T) {
	cases := []struct{ dsn, db, want string }{
		{"postgres://postgres@127.0.0.1:5432/lms?sslmode=disable", "postgres",
			"postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"},
		{"postgresql://u:p%40ss@db.example:6543?sslmode=require", "lms",
			"postgresql://u:p%40ss@db.example:6543/lms?sslmode=require"},
		{"host=/var/run/postgresql port=5432 user=postgres dbname=postgres sslmode=disable", "lms_e2e_x",
			"host=/var/run/postgresql port=5432 user=postgres dbname=lms_e2e_x sslmode=disable"},
		{"dbname='my db' host=localhost", "postgres", "dbname=postgres host=localhost"},
		{"host=localhost", "a b", `host=localhost dbname='a b'`},
	}
	for _, c := range cases {
		got, err := withDB(c.dsn, c.db)
		if err != nil {
			t.Errorf("withDB(%q, %q): %v", c.dsn, c.db, err)
			continue
		}
		if got != c.want {
			t.Errorf("withDB(%q, %q) = %q, want %q", c.dsn, c.db, got, c.want)
		}
		if db, err := dbOf(got); err != nil || db != c.db {
			t.Errorf("dbOf(%q) = %q, %v; want %q", got, db, err, c.db)
		}
	}
}

func TestSocketDSN(t *testing.T) {
	got := socketDSN("postgres", "/var/run/postgresql", 5432, "lms")
	want := "host=/var/run/postgresql port=5432 user=postgres dbname=lms sslmode=disable"
	if got != want {
		t.Errorf("socketDSN = %q, want %q", got, want)
	}
}

func TestSocketDir(t *testing.T) {
	short := "/home/dev/lms/.data/pg"
	if got := socketDir(short, 54329); got != short {
		t.Errorf("socketDir(%q) = %q, want the data directory", short, got)
	}
	long := "/home/dev/" + strings.Repeat("deep/", 20) + "lms/.data/pg"
	got := socketDir(long, 54329)
	if !strings.HasPrefix(got, "/tmp/lms-pg-") || len(got)+len("/.s.PGSQL.54329") >= maxSocketPath {
		t.Errorf("socketDir(long) = %q, want a short folder under /tmp", got)
	}
	if again := socketDir(long, 54329); again != got {
		t.Errorf("socketDir is not stable: %q then %q", got, again)
	}
}

func TestDescribeHidesPassword(t *testing.T) {
	got := describe("postgres://lms:secret@127.0.0.1:54320/lms?sslmode=disable")
	if strings.Contains(got, "secret") || got != "lms@127.0.0.1:54320/lms" {
		t.Errorf("describe = %q, want lms@127.0.0.1:54320/lms", got)
	}
}
