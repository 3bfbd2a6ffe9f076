package target

import (
	"context"
	"encoding/json"
	"time"

	"github.com/jmoiron/sqlx"
)

// Count is one row of a target's count: the province's or a scope's
// (AgencyID 0), or an in-scope agency's.
type Count struct {
	AgencyID    int64 `db:"agency_id"`
	Denominator int   `db:"denominator"`
	Numerator   int   `db:"numerator"`
}

// Counts counts t on day within scope, from the roll-up or from
// the facts one by one, for the tests that check the two agree.
func Counts(ctx context.Context, d *sqlx.DB, t Target, day time.Time, scope int64, byAgency, rollup bool) ([]Count, error) {
	var p Params
	if err := json.Unmarshal(t.ParamsJSON, &p); err != nil {
		return nil, err
	}
	q, args, err := tally([]spec{{t.Population, t.Metric, p}}, day, scope, byAgency, rollup)
	if err != nil {
		return nil, err
	}
	q = "SELECT agency_id, denominator, numerator FROM (" + q + ") x ORDER BY 1"
	var out []Count
	return out, d.SelectContext(ctx, &out, q, args...)
}
