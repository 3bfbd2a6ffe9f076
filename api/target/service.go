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
	"github.com/govtrain/lms/api/platform/db"
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
	Version    int             `db:"version" json:"version"`
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
type Service struct {
	db *sqlx.DB
	// prepared holds tally's statements by their text (one per set of
	// targets, scope or not, by agency or not: a handful, a few more after
	// targets are edited, up to 64), so that the dashboard's statement is
	// planned once per connection, not per request.
	prepared *db.Prepared
}

// NewService returns a Service.
func NewService(d *sqlx.DB) *Service { return &Service{db: d, prepared: db.NewPrepared(d, 64)} }

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
// province), in one statement.
func (s *Service) Compute(ctx context.Context, day time.Time, scope int64) ([]Value, error) {
	targets, counts, err := s.count(ctx, day, scope, false)
	if err != nil {
		return nil, err
	}
	out := make([]Value, len(targets))
	for i, t := range targets {
		out[i] = Value{Target: t, AsOf: day}
	}
	for _, c := range counts {
		v := &out[c.Target]
		v.Numerator, v.Denominator = c.Numerator, c.Denominator
	}
	for i := range out {
		v := &out[i]
		v.Percent, v.Met = v.measure(v.Numerator, v.Denominator)
		switch {
		case day.After(v.Deadline) && v.Met:
			v.Status = "met"
		case day.After(v.Deadline):
			v.Status = "missed"
		case v.Met:
			v.Status = "on_track"
		default:
			v.Status = "at_risk"
		}
	}
	return out, nil
}

// count is a row of tally's statement.
type count struct {
	Target      int   `db:"target"`
	AgencyID    int64 `db:"agency_id"`
	Denominator int   `db:"denominator"`
	Numerator   int   `db:"numerator"`
}

// count counts the active targets on day within scope (by in-scope agency
// with byAgency) in one statement (see tally).
func (s *Service) count(ctx context.Context, day time.Time, scope int64, byAgency bool) ([]Target, []count, error) {
	var targets []Target
	if err := s.db.SelectContext(ctx, &targets, `SELECT id, code, text_vi, text_en, section, population, metric, params, rule,
		threshold, deadline, version FROM targets WHERE active ORDER BY position, code`); err != nil {
		return nil, nil, err
	}
	specs := make([]spec, len(targets))
	for i, t := range targets {
		specs[i] = spec{population: t.Population, metric: t.Metric}
		if err := json.Unmarshal(t.ParamsJSON, &specs[i].params); err != nil {
			return nil, nil, err
		}
	}
	q, args, err := tally(specs, day, scope, byAgency, true)
	if err != nil || q == "" {
		return targets, nil, err
	}
	st, err := s.prepared.Stmt(ctx, q)
	if err != nil {
		return nil, nil, err
	}
	var counts []count
	if st == nil {
		err = s.db.SelectContext(ctx, &counts, q, args...)
	} else {
		err = st.SelectContext(ctx, &counts, args...)
	}
	return targets, counts, err
}

func itoa(i int64) string { return strconv.FormatInt(i, 10) }

// AgencyRow is one in-scope agency against every target.
type AgencyRow struct {
	AgencyID int64       `db:"id" json:"agency_id"`
	Code     string      `db:"code" json:"code"`
	Name     string      `db:"name" json:"name"`
	Level    string      `db:"level" json:"level"`
	Values   []CellValue `db:"-" json:"values"`
}

// CellValue is a target's figure for one agency.
type CellValue struct {
	Code        string   `json:"code"`
	Numerator   int      `json:"numerator"`
	Denominator int      `json:"denominator"`
	Percent     *float64 `json:"percent"`
	Met         bool     `json:"met"`
}

// ByAgency computes every active target on day for each in-scope agency
// (departments and district-level units) within scope: one statement for
// the agencies, one for the figures.
func (s *Service) ByAgency(ctx context.Context, day time.Time, scope int64) ([]AgencyRow, error) {
	var rows []AgencyRow
	if err := s.db.SelectContext(ctx, &rows, `SELECT a.id, a.code, a.name, a.level FROM agencies a
		WHERE a.level IN ('department', 'district') AND (a.valid_from IS NULL OR a.valid_from <= $1)
		  AND (a.valid_to IS NULL OR a.valid_to >= $1)
		  AND ($2 = 0 OR a.id IN (SELECT descendant_id FROM agency_closure WHERE ancestor_id = $2)
		       OR a.id IN (SELECT ancestor_id FROM agency_closure WHERE descendant_id = $2))
		ORDER BY a.level DESC, a.code`, day, scope); err != nil {
		return nil, err
	}
	targets, counts, err := s.count(ctx, day, scope, true)
	if err != nil {
		return nil, err
	}
	index := map[int64]int{}
	for i := range rows {
		index[rows[i].AgencyID] = i
		rows[i].Values = make([]CellValue, len(targets))
		for ti, t := range targets {
			rows[i].Values[ti] = CellValue{Code: t.Code}
		}
	}
	for _, c := range counts {
		i, ok := index[c.AgencyID]
		if !ok {
			continue
		}
		t := targets[c.Target]
		v := CellValue{Code: t.Code, Numerator: c.Numerator, Denominator: c.Denominator}
		v.Percent, v.Met = t.measure(c.Numerator, c.Denominator)
		rows[i].Values[c.Target] = v
	}
	return rows, nil
}

// measure is the percent num/den (nil when den is 0) and whether it meets
// the target's rule.
func (t Target) measure(num, den int) (*float64, bool) {
	if den == 0 {
		return nil, false
	}
	pct := math.Round(float64(num)/float64(den)*10000) / 100
	return &pct, pct > t.Threshold || (t.Rule == "ge" && pct >= t.Threshold)
}

// Missing is who or what a target still lacks in a scope on a day: the
// people of its population it does not count, or the agencies.
type Missing struct {
	ID         int64  `db:"id" json:"id"`
	Name       string `db:"name" json:"name"`
	AgencyID   int64  `db:"agency_id" json:"agency_id"`
	AgencyName string `db:"agency_name" json:"agency_name"`
}

// Missing lists, for target code on day within scope, the people (kind
// "people") or agencies (kind "agencies") not counted in its numerator.
func (s *Service) Missing(ctx context.Context, code string, day time.Time, scope int64, limit, offset int) (string, []Missing, int, error) {
	var t Target
	err := s.db.GetContext(ctx, &t, `SELECT id, code, text_vi, text_en, section, population, metric, params, rule, threshold, deadline, version
		FROM targets WHERE code = $1`, code)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil, 0, errs.ErrNotFound
	}
	if err != nil {
		return "", nil, 0, err
	}
	var p Params
	if err := json.Unmarshal(t.ParamsJSON, &p); err != nil {
		return "", nil, 0, err
	}
	c, err := build(&db.Where{}, t.Population, t.Metric, p, day, scope, false)
	if err != nil {
		return "", nil, 0, err
	}
	kind, cols, order := "agencies", "a.id, a.name, a.id AS agency_id, a.name AS agency_name", "a.name, a.id"
	if c.people {
		kind, cols, order = "people", "p.id, p.full_name AS name, a.id AS agency_id, a.name AS agency_name", "a.name, p.given_name, p.full_name, p.id"
	}
	c.where.Add("NOT (" + c.num + ")")
	var rows []struct {
		Missing
		Total int `db:"total"`
	}
	q := "SELECT " + cols + ", count(*) OVER () AS total" + c.from + c.where.SQL() +
		" ORDER BY " + order + " LIMIT " + c.where.Arg(limit) + " OFFSET " + c.where.Arg(offset)
	if err := s.db.SelectContext(ctx, &rows, q, c.where.Args...); err != nil {
		return "", nil, 0, err
	}
	items := make([]Missing, len(rows))
	total := 0
	for i, r := range rows {
		items[i], total = r.Missing, r.Total
	}
	return kind, items, total, nil
}
