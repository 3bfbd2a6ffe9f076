package target_test

import (
	"context"
	"log/slog"
	"reflect"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/govtrain/lms/api/apitest"
	"github.com/govtrain/lms/api/dbtest"
	"github.com/govtrain/lms/api/seed"
	"github.com/govtrain/lms/api/target"
)

// TestRollupAgrees: the figures counted from the roll-up (what the
// dashboard shows) are the figures counted from the facts one by one, for
// every target, on days before, during and after the plan, for the
// province, a district and by agency; and they stay so after the facts
// change (a move, a revocation, a renewal, a professional flag, a
// membership deleted, a certification counting for another target).
func TestRollupAgrees(t *testing.T) {
	ctx := context.Background()
	d := dbtest.New(t)
	(&apitest.API{T: t, DB: d}).SyncCourses("../../courses")
	if _, err := seed.Province(ctx, d, 2500, 11, slog.New(slog.DiscardHandler)); err != nil {
		t.Fatal(err)
	}
	var district int64
	if err := d.Get(&district, `SELECT id FROM agencies WHERE code = '443'`); err != nil {
		t.Fatal(err)
	}
	agree(t, d, district)

	steps := []string{
		// moves, one on a day the old membership is still valid, so the figures of that day see it in both
		`UPDATE memberships SET valid_to = '2009-06-30' WHERE valid_to IS NULL AND valid_from < '2009-06-30' AND person_id % 41 = 0`,
		`INSERT INTO memberships (person_id, agency_id, valid_from)
		 SELECT person_id, (SELECT id FROM agencies WHERE code = '443'), '2009-07-01' FROM memberships WHERE valid_to = '2009-06-30'`,
		`UPDATE certificates SET revoked_at = '2009-12-31 23:59+07', revoked_reason = 'test' WHERE revoked_at IS NULL AND id % 53 = 0`,
		`UPDATE certificates SET revoked_at = '2010-01-01 00:00+07', revoked_reason = 'test' WHERE revoked_at IS NULL AND id % 59 = 0`,
		`UPDATE people SET professional = NOT professional WHERE id % 37 = 0`,
		`DELETE FROM memberships WHERE person_id IN (SELECT person_id FROM memberships WHERE person_id % 43 = 0 AND valid_to IS NULL
		 AND person_id NOT IN (SELECT person_id FROM memberships WHERE valid_to IS NOT NULL)) AND NOT EXISTS
		 (SELECT 1 FROM users u WHERE u.person_id = memberships.person_id)`,
		`UPDATE certifications SET target = 'it_specialist' WHERE target = 'cio'`,
	}
	for _, s := range steps {
		if _, err := d.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	agree(t, d, district)
}

func agree(t *testing.T, d *sqlx.DB, district int64) {
	t.Helper()
	ctx := context.Background()
	var targets []target.Target
	if err := d.Select(&targets, `SELECT id, code, text_vi, text_en, section, population, metric, params, rule,
		threshold, deadline, version FROM targets ORDER BY position`); err != nil {
		t.Fatal(err)
	}
	for _, day := range []string{"2007-12-31", "2008-06-30", "2009-06-30", "2009-12-31", "2010-01-01", "2010-12-31", "2012-02-29", "2026-11-26"} {
		on, _ := time.Parse(time.DateOnly, day)
		for _, tg := range targets {
			for _, scope := range []int64{0, district} {
				for _, byAgency := range []bool{false, true} {
					fast, err := target.Counts(ctx, d, tg, on, scope, byAgency, true)
					if err != nil {
						t.Fatal(err)
					}
					slow, err := target.Counts(ctx, d, tg, on, scope, byAgency, false)
					if err != nil {
						t.Fatal(err)
					}
					if !reflect.DeepEqual(fast, slow) {
						t.Errorf("%s on %s, scope %d, by agency %v: roll-up %v, facts %v", tg.Code, day, scope, byAgency, fast, slow)
					}
				}
			}
		}
	}
}
