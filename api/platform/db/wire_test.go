package db_test

import (
	"testing"

	"github.com/govtrain/lms/api/dbtest"
	"github.com/govtrain/lms/api/platform/db"
)

// TestWireCounts checks the counter against what lib/pq is known to send:
// an unprepared query with arguments is one statement in two round trips,
// a prepared one a statement in one, a transaction adds BEGIN and COMMIT.
func TestWireCounts(t *testing.T) {
	d := dbtest.New(t)
	var name string
	if err := d.Get(&name, `SELECT current_database()`); err != nil {
		t.Fatal(err)
	}
	w := &db.Wire{}
	cd, err := w.Open(dbtest.URL(t, name))
	if err != nil {
		t.Fatal(err)
	}
	defer cd.Close()
	cd.SetMaxOpenConns(1)
	var n int
	if err := cd.Get(&n, `SELECT 1`); err != nil { // opens the connection
		t.Fatal(err)
	}
	st, err := cd.Preparex(`SELECT $1::int`)
	if err != nil {
		t.Fatal(err)
	}
	check := func(what string, fn func() error, stmts, trips int64) {
		t.Helper()
		before := w.Stats()
		if err := fn(); err != nil {
			t.Fatal(err)
		}
		after := w.Stats()
		if got := after.Statements - before.Statements; got != stmts {
			t.Errorf("%s: %d statements, want %d", what, got, stmts)
		}
		if got := after.RoundTrips - before.RoundTrips; got != trips {
			t.Errorf("%s: %d round trips, want %d", what, got, trips)
		}
	}
	check("unprepared with an argument", func() error { return cd.Get(&n, `SELECT $1::int`, 7) }, 1, 2)
	check("prepared", func() error { return st.Get(&n, 7) }, 1, 1)
	check("transaction", func() error {
		tx, err := cd.Beginx()
		if err != nil {
			return err
		}
		if err := tx.Stmtx(st).Get(&n, 7); err != nil {
			return err
		}
		return tx.Commit()
	}, 3, 3)
}
