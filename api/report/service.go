package report

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jmoiron/sqlx"

	"github.com/govtrain/lms/api/audit"
	"github.com/govtrain/lms/api/auth"
	"github.com/govtrain/lms/api/platform/civil"
	"github.com/govtrain/lms/api/platform/db"
	"github.com/govtrain/lms/api/platform/errs"
	"github.com/govtrain/lms/api/target"
)

// Run is a report run as listed.
type Run struct {
	ID          int64           `db:"id" json:"id"`
	Period      string          `db:"period" json:"period"`
	AsOf        time.Time       `db:"as_of" json:"as_of"`
	AgencyID    *int64          `db:"agency_id" json:"agency_id"`
	AgencyName  *string         `db:"agency_name" json:"agency_name"`
	Params      json.RawMessage `db:"params" json:"params"`
	Status      string          `db:"status" json:"status"`
	Step        int             `db:"step" json:"step"`
	Steps       int             `db:"steps" json:"steps"`
	Error       *string         `db:"error" json:"error"`
	CreatedName string          `db:"created_name" json:"created_by"`
	CreatedAt   time.Time       `db:"created_at" json:"created_at"`
	FinishedAt  *time.Time      `db:"finished_at" json:"finished_at"`
	Data        *Data           `db:"-" json:"data,omitempty"`
}

// Formats are the files a run writes.
var Formats = []string{"xlsx", "pdf", "csv"}

// Service makes and serves report runs.
type Service struct {
	db      *sqlx.DB
	targets *target.Service
	wake    chan struct{}
	// Stale is how long a running job may go without a sign of life
	// before another worker takes it over.
	Stale time.Duration
}

// NewService returns a Service.
func NewService(d *sqlx.DB, targets *target.Service) *Service {
	return &Service{db: d, targets: targets, wake: make(chan struct{}, 1), Stale: 2 * time.Minute}
}

func today() time.Time { return civil.Today().Time() }

// check validates in and fills its as-of day.
func (in *Params) check() (time.Time, error) {
	f := errs.Fields{}
	in.Period = strings.ToUpper(strings.TrimSpace(in.Period))
	start, end, err := ParsePeriod(in.Period)
	asOf := end
	switch {
	case err != nil:
		f["period"] = "invalid"
	case in.AsOf != "":
		d, err := time.Parse(time.DateOnly, in.AsOf)
		switch {
		case err != nil || d.Before(start) || d.After(end):
			f["as_of"] = "outside_period"
		case d.After(today()):
			f["as_of"] = "in_future"
		}
		asOf = d
	case end.After(today()):
		f["period"] = "not_ended" // a report of a half year still running needs its as_of day
	}
	for name, v := range map[string]*string{"number": &in.Number, "authority": &in.Authority, "issuer": &in.Issuer,
		"place": &in.Place, "signer_title": &in.SignerTitle, "signer_name": &in.SignerName} {
		*v = strings.TrimSpace(*v)
		if utf8.RuneCountInString(*v) > 200 {
			f[name] = "too_long"
		}
	}
	if in.Issuer == "" {
		f["issuer"] = "required"
	}
	in.Basis, in.Comment = strings.TrimSpace(in.Basis), strings.TrimSpace(in.Comment)
	if utf8.RuneCountInString(in.Basis) > 1000 {
		f["basis"] = "too_long"
	}
	if utf8.RuneCountInString(in.Comment) > 5000 {
		f["comment"] = "too_long"
	}
	if len(in.Recipients) > 20 {
		f["recipients"] = "too_many"
	}
	var rs []string
	for _, r := range in.Recipients {
		if r = strings.TrimSpace(r); r != "" {
			if utf8.RuneCountInString(r) > 200 {
				f["recipients"] = "too_long"
			}
			rs = append(rs, r)
		}
	}
	in.Recipients = rs
	in.AsOf = asOf.Format(time.DateOnly)
	return asOf, f.Err()
}

// Create queues a run of in for p; the worker picks it up. The heading,
// number, signer title and recipients left out are the Defaults.
func (s *Service) Create(ctx context.Context, p auth.Principal, actor audit.Actor, in Params) (Run, error) {
	var agency int64
	if in.AgencyID != nil {
		agency = *in.AgencyID
	}
	def, err := s.Defaults(ctx, p, agency)
	if err != nil {
		return Run{}, err
	}
	in.AgencyID = def.AgencyID
	for _, f := range []struct {
		dst *string
		def string
	}{{&in.Number, def.Number}, {&in.Authority, def.Authority},
		{&in.Issuer, def.Issuer}, {&in.Place, def.Place}, {&in.SignerTitle, def.SignerTitle}} {
		if strings.TrimSpace(*f.dst) == "" {
			*f.dst = f.def
		}
	}
	if in.Recipients == nil {
		in.Recipients = def.Recipients
	}
	asOf, err := in.check()
	if err != nil {
		return Run{}, err
	}
	params, err := json.Marshal(in)
	if err != nil {
		return Run{}, err
	}
	var id int64
	err = db.WithTx(ctx, s.db, func(tx *sqlx.Tx) error {
		if err := tx.GetContext(ctx, &id, `INSERT INTO report_runs (period, as_of, agency_id, params, steps, created_by, created_name)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
			in.Period, asOf, in.AgencyID, params, len(steps), actor.UserID, cmp.Or(p.Name, actor.Name)); err != nil {
			return err
		}
		return audit.Write(ctx, tx, actor, audit.Entry{Action: "report.requested", EntityType: "report_run",
			EntityID: fmt.Sprint(id), AgencyID: in.AgencyID, After: in})
	})
	if err != nil {
		return Run{}, err
	}
	select {
	case s.wake <- struct{}{}:
	default:
	}
	return s.Get(ctx, p, id, false)
}

func nullable(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

const runColumns = `r.id, r.period, r.as_of, r.agency_id, a.name AS agency_name, r.params, r.status, r.step, r.steps, r.error,
	r.created_name, r.created_at, r.finished_at`

// visible is the condition "p may see run r": Home Affairs and admins all,
// an agency manager the runs of their subtree ($1: their agency).
const visible = `($1 = 0 OR r.agency_id IN (SELECT descendant_id FROM agency_closure WHERE ancestor_id = $1))`

func viewer(p auth.Principal) (int64, error) {
	sc := p.Scope()
	switch {
	case sc.All:
		return 0, nil
	case sc.AgencyID > 0:
		return sc.AgencyID, nil
	}
	return 0, errs.ErrForbidden
}

// List is the runs p may see, newest first.
func (s *Service) List(ctx context.Context, p auth.Principal, limit, offset int) ([]Run, int, error) {
	v, err := viewer(p)
	if err != nil {
		return nil, 0, err
	}
	var rows []struct {
		Run
		Total int `db:"total"`
	}
	if err := s.db.SelectContext(ctx, &rows, `SELECT `+runColumns+`, count(*) OVER () AS total
		FROM report_runs r LEFT JOIN agencies a ON a.id = r.agency_id
		WHERE `+visible+` ORDER BY r.id DESC LIMIT $2 OFFSET $3`, v, limit, offset); err != nil {
		return nil, 0, err
	}
	out, total := make([]Run, len(rows)), 0
	for i, r := range rows {
		out[i], total = r.Run, r.Total
	}
	return out, total, nil
}

// Get is run id if p may see it, with its figures when withData.
func (s *Service) Get(ctx context.Context, p auth.Principal, id int64, withData bool) (Run, error) {
	v, err := viewer(p)
	if err != nil {
		return Run{}, err
	}
	var r struct {
		Run
		Data []byte `db:"data"`
	}
	err = s.db.GetContext(ctx, &r, `SELECT `+runColumns+`, CASE WHEN $3 THEN r.data END AS data
		FROM report_runs r LEFT JOIN agencies a ON a.id = r.agency_id WHERE `+visible+` AND r.id = $2`, v, id, withData)
	if errors.Is(err, sql.ErrNoRows) {
		return Run{}, errs.ErrNotFound
	}
	if err != nil {
		return Run{}, err
	}
	if r.Data != nil {
		r.Run.Data = new(Data)
		if err := json.Unmarshal(r.Data, r.Run.Data); err != nil {
			return Run{}, err
		}
	}
	return r.Run, nil
}

// File is a finished run's file in format.
func (s *Service) File(ctx context.Context, p auth.Principal, id int64, format string) (Run, []byte, error) {
	run, err := s.Get(ctx, p, id, false)
	if err != nil {
		return Run{}, nil, err
	}
	if run.Status != "done" {
		return Run{}, nil, errs.New(errs.Conflict, "not_ready", "the report is not finished yet")
	}
	var body []byte
	err = s.db.GetContext(ctx, &body, `SELECT content FROM report_files WHERE run_id = $1 AND format = $2`, id, format)
	if errors.Is(err, sql.ErrNoRows) {
		return Run{}, nil, errs.ErrNotFound
	}
	return run, body, err
}

// step is one stage of a run's job, reported as progress.
type step func(ctx context.Context, j *job) error

// job is a run being made.
type job struct {
	s       *Service
	id      int64
	started time.Time
	params  Params
	asOf    time.Time
	scope   int64
	data    Data
	files   map[string][]byte
}

var steps = []step{
	func(ctx context.Context, j *job) error { return j.scopeName(ctx) },
	func(ctx context.Context, j *job) (err error) {
		j.data.Targets, err = j.s.targets.Compute(ctx, j.asOf, j.scope)
		return err
	},
	func(ctx context.Context, j *job) (err error) {
		end, _ := time.Parse(time.DateOnly, j.data.Previous.End)
		j.data.PrevTargets, err = j.s.targets.Compute(ctx, end, j.scope)
		return err
	},
	func(ctx context.Context, j *job) (err error) {
		j.data.Agencies, err = j.s.targets.ByAgency(ctx, j.asOf, j.scope)
		return err
	},
	func(ctx context.Context, j *job) (err error) {
		j.files["xlsx"], err = XLSX(j.data, j.params)
		return err
	},
	func(ctx context.Context, j *job) (err error) { j.files["pdf"], err = PDF(j.data, j.params); return err },
	func(ctx context.Context, j *job) (err error) { j.files["csv"], err = CSV(j.data); return err },
}
