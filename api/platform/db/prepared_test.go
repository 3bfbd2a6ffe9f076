package db_test

import (
	"context"
	"sync"
	"testing"

	"github.com/govtrain/lms/api/dbtest"
	"github.com/govtrain/lms/api/platform/db"
)

// TestPrepared: a text is prepared once however many ask at once, and past
// the limit the caller is told to run the query unprepared.
func TestPrepared(t *testing.T) {
	d := dbtest.New(t)
	p := db.NewPrepared(d, 2)
	defer p.Close()
	ctx := context.Background()
	var wg sync.WaitGroup
	got := make([]any, 16)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			st, err := p.Stmt(ctx, `SELECT $1::int + 1`)
			if err != nil {
				t.Error(err)
			}
			got[i] = st
		}()
	}
	wg.Wait()
	for i := range got {
		if got[i] != got[0] || got[0] == nil {
			t.Fatalf("statement %d is %v, want the same as the first %v", i, got[i], got[0])
		}
	}
	st, _ := p.Stmt(ctx, `SELECT $1::int + 2`)
	var n int
	if err := st.Get(&n, 40); err != nil || n != 42 {
		t.Errorf("prepared: %d %v", n, err)
	}
	if st, err := p.Stmt(ctx, `SELECT 3`); st != nil || err != nil {
		t.Errorf("a third text past the limit of 2: %v %v, want nil, nil", st, err)
	}
	if _, err := db.NewPrepared(d, 0).Stmt(ctx, `SELECT nonsense FROM nowhere`); err == nil {
		t.Error("a bad statement prepared")
	}
}
