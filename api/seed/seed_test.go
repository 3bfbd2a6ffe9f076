package seed_test

import (
	"cmp"
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	_ "github.com/lib/pq"

	"github.com/govtrain/lms/api/dbtest"
	"github.com/govtrain/lms/api/seed"
)

func TestRun(t *testing.T) {
	db := dbtest.New(t)
	ctx := context.Background()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))

	start := time.Now()
	sum, err := seed.Run(ctx, db, log)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("first run: %s in %v", sum, time.Since(start))
	as, err := seed.ParseAgencies()
	if err != nil {
		t.Fatal(err)
	}
	want := seed.Summary{Agencies: len(as), People: len(seed.GeneratePeople(as)), Users: 5}
	if sum != want {
		t.Errorf("first Run = %+v, want %+v", sum, want)
	}

	again, err := seed.Run(ctx, db, log)
	if err != nil {
		t.Fatal(err)
	}
	if !again.Skipped {
		t.Errorf("second Run = %+v, want Skipped", again)
	}

	count := func(query string, args ...any) int {
		t.Helper()
		var n int
		if err := db.Get(&n, query, args...); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		return n
	}
	counts := []struct {
		what  string
		query string
		want  int
	}{
		{"agencies", `SELECT count(*) FROM agencies`, want.Agencies},
		{"people", `SELECT count(*) FROM people`, want.People},
		{"users", `SELECT count(*) FROM users`, want.Users},
		{"audit rows", `SELECT count(*) FROM audit_log WHERE action = 'seed.loaded' AND actor_id IS NULL AND actor_name = 'seed'`, 1},
		{"people matching 'nguyen van an'", `SELECT count(*) FROM people WHERE search_text LIKE '%nguyen van an%'`, 1},
		{"agencies without a closure row to HT", `
			SELECT count(*) FROM agencies a WHERE NOT EXISTS (
				SELECT 1 FROM agency_closure c JOIN agencies r ON r.id = c.ancestor_id
				WHERE r.code = 'HT' AND c.descendant_id = a.id)`, 0},
		{"communes not at depth 2 under HT", `
			SELECT count(*) FROM agencies a
			JOIN agency_closure c ON c.descendant_id = a.id
			JOIN agencies r ON r.id = c.ancestor_id AND r.code = 'HT'
			WHERE a.level = 'commune' AND c.depth <> 2`, 0},
		{"people without exactly one current membership in their agency", `
			SELECT count(*) FROM people p WHERE 1 <> (
				SELECT count(*) FROM memberships m
				WHERE m.person_id = p.id AND m.valid_to IS NULL AND m.agency_id = p.agency_id)`, 0},
		{"memberships", `SELECT count(*) FROM memberships`, want.People},
		{"duplicate e-mails", `SELECT count(*) - count(DISTINCT email) FROM people`, 0},
		{"duplicate codes", `SELECT count(*) - count(DISTINCT code) FROM people`, 0},
		{"departments tagged economic-general", `SELECT count(*) FROM agencies WHERE level = 'department' AND 'economic-general' = ANY(sectors)`, 7},
		{"agencies tagged city", `SELECT count(*) FROM agencies WHERE 'city' = ANY(sectors)`, 1},
	}
	for _, c := range counts {
		if got := count(c.query); got != c.want {
			t.Errorf("%s = %d, want %d", c.what, got, c.want)
		}
	}

	// The demo accounts: role, person, scope, and one shared argon2id hash.
	var accounts []struct {
		Username     string `db:"username"`
		Role         string `db:"role"`
		Person       string `db:"person"`
		PersonAgency string `db:"person_agency"`
		Scope        string `db:"scope"`
		Display      string `db:"display_name"`
		Hash         string `db:"password_hash"`
	}
	err = db.Select(&accounts, `
		SELECT u.username, u.role, COALESCE(p.full_name, '') AS person, COALESCE(pa.code, '') AS person_agency,
		       COALESCE(s.code, '') AS scope, u.display_name, u.password_hash
		FROM users u
		LEFT JOIN people p ON p.id = u.person_id
		LEFT JOIN agencies pa ON pa.id = p.agency_id
		LEFT JOIN agencies s ON s.id = u.agency_id
		ORDER BY u.id`)
	if err != nil {
		t.Fatal(err)
	}
	wantAccounts := [][5]string{
		{"admin", "admin", "", "", ""},
		{"noivu", "home_affairs", "Phan Thị Hương", "SNV", ""},
		{"quanly", "agency_manager", "Trần Đức Thắng", "443", "443"},
		{"giangvien", "trainer", "Lê Minh Tuấn", "STTTT", ""},
		{"hocvien", "learner", "Nguyễn Thị Lan", "443-nghen", ""},
	}
	if len(accounts) != len(wantAccounts) {
		t.Fatalf("%d accounts, want %d", len(accounts), len(wantAccounts))
	}
	for i, w := range wantAccounts {
		a := accounts[i]
		if got := [5]string{a.Username, a.Role, a.Person, a.PersonAgency, a.Scope}; got != w {
			t.Errorf("account %d = %q, want %q", i, got, w)
		}
		if a.Hash != accounts[0].Hash || !strings.HasPrefix(a.Hash, "$argon2id$") {
			t.Errorf("%s: password hash %q, want the shared argon2id hash", a.Username, a.Hash)
		}
		if wantDisplay := cmp.Or(w[2], "Quản trị hệ thống"); a.Display != wantDisplay {
			t.Errorf("%s: display name %q, want %q", a.Username, a.Display, wantDisplay)
		}
	}
}

// Two lms processes starting together must load the province once.
func TestRunConcurrent(t *testing.T) {
	db := dbtest.New(t)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	sums := make(chan seed.Summary, 2)
	errs := make(chan error, 2)
	for range 2 {
		go func() {
			s, err := seed.Run(context.Background(), db, log)
			sums <- s
			errs <- err
		}()
	}
	skipped := 0
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
		if (<-sums).Skipped {
			skipped++
		}
	}
	if skipped != 1 {
		t.Errorf("%d of 2 concurrent runs skipped, want 1", skipped)
	}
	var n int
	if err := db.Get(&n, `SELECT count(*) FROM audit_log WHERE action = 'seed.loaded'`); err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Errorf("%d seed.loaded audit rows, want 1", n)
	}
}
