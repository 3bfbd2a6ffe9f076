package db_test

import (
	"context"
	"testing"

	"github.com/govtrain/lms/api/dbtest"
	"github.com/govtrain/lms/api/platform/db"
)

// Every migration goes down and up again cleanly, and the status says so.
func TestMigrationsDownAndUp(t *testing.T) {
	ctx := context.Background()
	d := dbtest.New(t)
	m, err := db.NewMigrator(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	st, err := m.Status()
	if err != nil || st.Behind() || st.Current != st.Latest {
		t.Fatalf("fresh template: %v %v", st, err)
	}
	if err := m.Down(int(st.Latest)); err != nil {
		t.Fatalf("down: %v", err)
	}
	var tables int
	d.Get(&tables, `SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'`)
	if tables != 0 {
		t.Errorf("%d tables left after migrating all the way down", tables)
	}
	if st, _ := m.Status(); st.Current != 0 || !st.Behind() {
		t.Errorf("after down: %v", st)
	}
	if err := m.Up(); err != nil {
		t.Fatalf("up again: %v", err)
	}
	if st, _ := m.Status(); st.Behind() {
		t.Errorf("after up: %v", st)
	}
	// The pool the migrator borrowed from is still usable.
	if err := d.PingContext(ctx); err != nil {
		t.Errorf("pool closed by the migrator: %v", err)
	}
}
