package db

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/govtrain/lms/api/platform/errs"
)

// TestUnreachable: a refused connection and a server going away are 503
// (the request may be retried); a failing statement is not.
func TestUnreachable(t *testing.T) {
	d, err := sqlx.Open("postgres", "postgres://postgres@127.0.0.1:1/none?sslmode=disable&connect_timeout=2")
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	var n int
	refused := d.GetContext(ctx, &n, `SELECT 1`)
	for _, c := range []struct {
		err  error
		want bool
	}{
		{refused, true},
		{fmt.Errorf("wrapped: %w", refused), true},
		{&pq.Error{Code: "57P01", Message: "terminating connection due to administrator command"}, true},
		{&pq.Error{Code: "57P03", Message: "the database system is starting up"}, true},
		{&pq.Error{Code: "08006"}, true},
		{&pq.Error{Code: "53300"}, true},
		{&pq.Error{Code: "23505"}, false},
		{&pq.Error{Code: "57014"}, false}, // statement timeout: the statement, not the server
		{errors.New("something else"), false},
	} {
		if got := Unreachable(c.err); got != c.want {
			t.Errorf("Unreachable(%v) = %v, want %v", c.err, got, c.want)
		}
	}
	if e, ok := errs.As(MapError(refused)); !ok || e.Kind != errs.Unavailable || e.Code != "database_unavailable" {
		t.Errorf("MapError(refused) = %v", MapError(refused))
	}
	// A deadlock or a serialization failure rolled the transaction back: the client may try again.
	for _, code := range []pq.ErrorCode{"40P01", "40001"} {
		if e, ok := errs.As(MapError(&pq.Error{Code: code})); !ok || e.Kind != errs.Unavailable || e.Code != "try_again" {
			t.Errorf("MapError(%s) = %v", code, MapError(&pq.Error{Code: code}))
		}
	}
}
