package seed_test

import (
	"context"
	"log/slog"
	"testing"

	"github.com/govtrain/lms/api/apitest"
	"github.com/govtrain/lms/api/seed"
)

// TestHistory: the sample history loads once, deterministically, and
// gives the targets something to count: the 2008 CIO wave, agencies ahead
// and behind.
func TestHistory(t *testing.T) {
	a := apitest.New(t)
	a.SyncCourses("../../courses")
	sum, err := seed.History(context.Background(), a.DB, 2007, slog.Default())
	if err != nil {
		t.Fatal(err)
	}
	if sum.Skipped || sum.Positions < 20 || sum.Certificates < 100 || sum.Mailboxes < 10 {
		t.Fatalf("history: %s", sum)
	}
	if again, err := seed.History(context.Background(), a.DB, 2007, slog.Default()); err != nil || !again.Skipped {
		t.Errorf("a second run: %v %v", again, err)
	}
	var wave int
	a.DB.Get(&wave, `SELECT count(*) FROM positions WHERE role = 'cio' AND valid_from <= '2008-12-31'`)
	if wave == 0 {
		t.Error("no CIO appointed in 2008")
	}
	var spread struct {
		Min float64 `db:"lo"`
		Max float64 `db:"hi"`
	}
	// Agencies differ: the share of professional staff holding the basic IT certificate on 31/12/2009.
	a.DB.Get(&spread, `WITH s AS (
		SELECT m.agency_id, avg(CASE WHEN EXISTS (SELECT 1 FROM certificates c JOIN certifications d ON d.id = c.certification_id
			WHERE c.person_id = m.person_id AND d.target = 'it_basic' AND c.issued_on <= '2009-12-31') THEN 1.0 ELSE 0 END) AS share
		FROM memberships m WHERE m.valid_to IS NULL GROUP BY m.agency_id HAVING count(*) >= 5)
		SELECT min(share) AS lo, max(share) AS hi FROM s`)
	if spread.Max-spread.Min < 0.3 {
		t.Errorf("agencies are too alike: %.2f to %.2f", spread.Min, spread.Max)
	}
}
