package target

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"math"
	"strconv"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/govtrain/lms/api/auth"
	"github.com/govtrain/lms/api/platform/errs"
)

// Target is a target as stored.
type Target struct {
	ID         int64           `db:"id" json:"id"`
	Code       string          `db:"code" json:"code"`
	TextVI     string          `db:"text_vi" json:"text_vi"`
	TextEN     string          `db:"text_en" json:"text_en"`
	Section    string          `db:"section" json:"section"`
	Population string          `db:"population" json:"population"`
	Metric     string          `db:"metric" json:"metric"`
	ParamsJSON json.RawMessage `db:"params" json:"params"`
	Rule       string          `db:"rule" json:"rule"`
	Threshold  float64         `db:"threshold" json:"threshold"`
	Deadline   time.Time       `db:"deadline" json:"deadline"`
}

// Value is a target computed on a day.
type Value struct {
	Target
	AsOf        time.Time `json:"as_of"`
	Numerator   int       `json:"numerator"`
	Denominator int       `json:"denominator"`
	Percent     *float64  `json:"percent"` // nil when nothing is counted
	Met         bool      `json:"met"`
	// Status against the deadline: met or missed once the day is past it;
	// before, on_track when already met, else at_risk.
	Status string `json:"status"`
}

// Service computes targets.
type Service struct{ db *sqlx.DB }

// NewService returns a Service.
func NewService(d *sqlx.DB) *Service { return &Service{db: d} }

// Scope resolves the agency a request may see figures of: Home Affairs and
// admins any (0: the province), an agency manager their own subtree only.
func Scope(ctx context.Context, d *sqlx.DB, p auth.Principal, agency int64) (int64, error) {
	sc := p.Scope()
	if sc.All {
		if agency > 0 {
			var ok bool
			if err := d.GetContext(ctx, &ok, `SELECT EXISTS (SELECT 1 FROM agencies WHERE id = $1)`, agency); err != nil || !ok {
				return 0, errs.ErrNotFound
			}
		}
		return agency, nil
	}
	if sc.AgencyID == 0 {
		return 0, errs.ErrForbidden
	}
	if agency == 0 {
		return sc.AgencyID, nil
	}
	var ok bool
	err := d.GetContext(ctx, &ok, `SELECT EXISTS (SELECT 1 FROM agency_closure WHERE ancestor_id = $1 AND descendant_id = $2)`, sc.AgencyID, agency)
	if err != nil || !ok {
		return 0, errs.ErrNotFound
	}
	return agency, nil
}

// Compute computes every active target on day within agency scope (0: the
// province).
func (s *Service) Compute(ctx context.Context, day time.Time, scope int64) ([]Value, error) {
	var targets []Target
	if err := s.db.SelectContext(ctx, &targets, `SELECT id, code, text_vi, text_en, section, population, metric, params, rule,
		threshold, deadline FROM targets WHERE active ORDER BY position, code`); err != nil {
		return nil, err
	}
	out := make([]Value, 0, len(targets))
	for _, t := range targets {
		v, err := s.compute(ctx, t, day, scope)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

func (s *Service) compute(ctx context.Context, t Target, day time.Time, scope int64) (Value, error) {
	var p Params
	if err := json.Unmarshal(t.ParamsJSON, &p); err != nil {
		return Value{}, err
	}
	q, args, err := query(t.Population, t.Metric, p, day, scope)
	if err != nil {
		return Value{}, err
	}
	v := Value{Target: t, AsOf: day}
	var r struct {
		Denominator int `db:"denominator"`
		Numerator   int `db:"numerator"`
	}
	if err := s.db.GetContext(ctx, &r, q, args...); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return Value{}, err
	}
	v.Numerator, v.Denominator = r.Numerator, r.Denominator
	if v.Denominator > 0 {
		pct := math.Round(float64(v.Numerator)/float64(v.Denominator)*10000) / 100
		v.Percent = &pct
		v.Met = pct > t.Threshold || (t.Rule == "ge" && pct >= t.Threshold)
	}
	switch {
	case day.After(t.Deadline) && v.Met:
		v.Status = "met"
	case day.After(t.Deadline):
		v.Status = "missed"
	case v.Met:
		v.Status = "on_track"
	default:
		v.Status = "at_risk"
	}
	return v, nil
}

func itoa(i int64) string { return strconv.FormatInt(i, 10) }
