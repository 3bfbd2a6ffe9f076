package seed_test

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/govtrain/lms/api/apitest"
	"github.com/govtrain/lms/api/dbtest"
	"github.com/govtrain/lms/api/seed"
	"github.com/govtrain/lms/api/target"
)

// province builds a benchmark province of n people from seed value s in a
// fresh database.
func province(t *testing.T, n int, s uint64) (*sqlx.DB, seed.ProvinceSummary) {
	t.Helper()
	d := dbtest.New(t)
	(&apitest.API{T: t, DB: d}).SyncCourses("../../courses")
	sum, err := seed.Province(context.Background(), d, n, s, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	return d, sum
}

// fingerprint sums up every table the province fills, so two provinces
// can be compared row for row.
const fingerprint = `SELECT md5(string_agg(x, '|' ORDER BY x)) FROM (
	SELECT 'p' || md5(string_agg(concat_ws(',', id, code, full_name, email, agency_id, kind, professional), ';' ORDER BY id)) FROM people
	UNION ALL SELECT 'm' || md5(string_agg(concat_ws(',', person_id, agency_id, valid_from, valid_to), ';' ORDER BY person_id, valid_from)) FROM memberships
	UNION ALL SELECT 'c' || md5(string_agg(concat_ws(',', id, certification_id, person_id, agency_id, serial, register_no, code,
		issued_on, expires_on, renews_id, superseded_at, revoked_at), ';' ORDER BY id)) FROM certificates
	UNION ALL SELECT 'o' || md5(string_agg(concat_ws(',', person_id, agency_id, role, valid_from, decision_no), ';' ORDER BY person_id, role)) FROM positions
	UNION ALL SELECT 'e' || count(*) FROM enrolments
	UNION ALL SELECT 'a' || count(*) FROM quiz_attempts) f(x)`

// TestProvince: a benchmark province is the same for the same seed value,
// different for another, has what it was asked for, and gives the targets
// figures that are neither nothing nor everything.
func TestProvince(t *testing.T) {
	const n = 3000
	d, sum := province(t, n, 7)
	again, _ := province(t, n, 7)
	other, _ := province(t, n, 8)
	var a, b, c string
	d.Get(&a, fingerprint)
	again.Get(&b, fingerprint)
	other.Get(&c, fingerprint)
	if a != b {
		t.Errorf("seed 7 twice: %s and %s", a, b)
	}
	if a == c {
		t.Error("seeds 7 and 8 gave the same province")
	}

	var got struct {
		People       int `db:"people"`
		Current      int `db:"current"`
		Moved        int `db:"moved"`
		Expired      int `db:"expired"`
		Revoked      int `db:"revoked"`
		Renewed      int `db:"renewed"`
		Enrolments   int `db:"enrolments"`
		Attempts     int `db:"attempts"`
		Grades       int `db:"grades"`
		BadSerials   int `db:"bad_serials"`
		CounterShort int `db:"counter_short"`
	}
	err := d.Get(&got, `SELECT (SELECT count(*) FROM people) AS people,
		(SELECT count(*) FROM memberships WHERE valid_to IS NULL) AS current,
		(SELECT count(DISTINCT person_id) FROM memberships WHERE valid_to IS NOT NULL) AS moved,
		(SELECT count(*) FROM certificates WHERE certificate_status(issued_on, expires_on, revoked_at, '2026-11-26') = 'expired') AS expired,
		(SELECT count(*) FROM certificates WHERE revoked_at IS NOT NULL) AS revoked,
		(SELECT count(*) FROM certificates WHERE renews_id IS NOT NULL) AS renewed,
		(SELECT count(*) FROM enrolments) AS enrolments,
		(SELECT count(*) FROM quiz_attempts) AS attempts,
		(SELECT count(*) FROM quiz_grades) AS grades,
		(SELECT count(*) FROM certificates c JOIN certifications d ON d.id = c.certification_id
		 WHERE c.serial !~ ('^' || d.serial_prefix || '-[0-9]{6}/' || extract(year FROM c.issued_on) || '$')) AS bad_serials,
		(SELECT count(*) FROM certificate_counters k WHERE k.last < (SELECT count(*) FROM certificates c
		 WHERE extract(year FROM c.issued_on) = k.year AND (k.certification_id = 0 OR c.certification_id = k.certification_id))) AS counter_short`)
	if err != nil {
		t.Fatal(err)
	}
	if got.People != n || got.Current != n || sum.People != n {
		t.Errorf("people %d, current memberships %d, summary %d; want %d", got.People, got.Current, sum.People, n)
	}
	if got.Moved < n/40 || got.Expired == 0 || got.Revoked == 0 || got.Renewed == 0 {
		t.Errorf("moved %d, expired %d, revoked %d, renewed %d: want some of each", got.Moved, got.Expired, got.Revoked, got.Renewed)
	}
	if got.Enrolments < n || got.Attempts < got.Grades || got.Grades == 0 {
		t.Errorf("enrolments %d, attempts %d, grades %d", got.Enrolments, got.Attempts, got.Grades)
	}
	if got.BadSerials > 0 || got.CounterShort > 0 {
		t.Errorf("%d serials out of the pattern, %d counters behind their certificates", got.BadSerials, got.CounterShort)
	}

	// The dashboard tells a story: at the plan's end most targets are
	// partly met, and the agencies differ.
	day := time.Date(2010, time.December, 31, 0, 0, 0, 0, time.UTC)
	values, err := target.NewService(d).Compute(context.Background(), day, 0)
	if err != nil {
		t.Fatal(err)
	}
	between := 0
	for _, v := range values {
		if v.Denominator == 0 {
			t.Errorf("%s: nothing counted", v.Code)
		}
		if v.Percent != nil && *v.Percent > 0 && *v.Percent < 100 {
			between++
		}
		t.Logf("%-13s %5d / %5d", v.Code, v.Numerator, v.Denominator)
	}
	if between < len(values)*2/3 {
		t.Errorf("only %d of %d targets strictly between 0%% and 100%% on %s: %+v", between, len(values), day.Format(time.DateOnly), values)
	}
	rows, err := target.NewService(d).ByAgency(context.Background(), day, 0)
	if err != nil {
		t.Fatal(err)
	}
	lo, hi := 101.0, -1.0
	for _, r := range rows {
		for _, v := range r.Values {
			if v.Code == "STAFF-IT" && v.Percent != nil {
				lo, hi = min(lo, *v.Percent), max(hi, *v.Percent)
			}
		}
	}
	if hi-lo < 30 {
		t.Errorf("STAFF-IT by agency from %.1f%% to %.1f%%: want agencies ahead and behind", lo, hi)
	}
}
