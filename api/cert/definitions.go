package cert

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/govtrain/lms/api/audit"
	"github.com/govtrain/lms/api/platform/db"
	"github.com/govtrain/lms/api/platform/errs"
)

// Requirement is one requirement of a certification.
type Requirement struct {
	CourseSlug  *string  `db:"course_slug" json:"course_slug"`
	CourseTitle *string  `db:"course_title" json:"course_title_vi"`
	QuizID      *int64   `db:"quiz_id" json:"quiz_id"`
	QuizTitle   *string  `db:"quiz_title" json:"quiz_title_vi"`
	MinPercent  *float64 `db:"min_percent" json:"min_percent"`
}

// Certification is a certification as Home Affairs manages it.
type Certification struct {
	ID              int64         `db:"id" json:"id"`
	Code            string        `db:"code" json:"code"`
	NameVI          string        `db:"name_vi" json:"name_vi"`
	NameEN          string        `db:"name_en" json:"name_en"`
	Authority       string        `db:"authority" json:"authority"`
	Issuer          string        `db:"issuer" json:"issuer"`
	IssuerEN        string        `db:"issuer_en" json:"issuer_en"`
	Place           string        `db:"place" json:"place"`
	SignerTitle     string        `db:"signer_title" json:"signer_title"`
	SignerName      string        `db:"signer_name" json:"signer_name"`
	SerialPrefix    string        `db:"serial_prefix" json:"serial_prefix"`
	RequirementMode string        `db:"requirement_mode" json:"requirement_mode"`
	ValidityMonths  *int          `db:"validity_months" json:"validity_months"`
	RenewWindowDays int           `db:"renew_window_days" json:"renew_window_days"`
	RenewRequires   string        `db:"renew_requires" json:"renew_requires"`
	Target          *string       `db:"target" json:"target"`
	Active          bool          `db:"active" json:"active"`
	Source          string        `db:"source" json:"source"`
	Version         int           `db:"version" json:"version"`
	Issued          int           `db:"issued" json:"issued"`
	Requirements    []Requirement `db:"-" json:"requirements"`
}

// Certifications lists every certification with its requirements.
func (s *Service) Certifications(ctx context.Context) ([]Certification, error) {
	items := []Certification{}
	if err := s.db.SelectContext(ctx, &items, `SELECT d.id, d.code, d.name_vi, d.name_en, d.authority, d.issuer, d.issuer_en,
		d.place, d.signer_title, d.signer_name, d.serial_prefix, d.requirement_mode, d.validity_months, d.renew_window_days,
		d.renew_requires, d.target, d.active, d.source, d.version,
		(SELECT count(*) FROM certificates c WHERE c.certification_id = d.id) AS issued
		FROM certifications d ORDER BY d.active DESC, d.code`); err != nil {
		return nil, err
	}
	var reqs []struct {
		Requirement
		CertID int64 `db:"certification_id"`
	}
	if err := s.db.SelectContext(ctx, &reqs, `SELECT r.certification_id, co.slug AS course_slug, co.title_vi AS course_title,
		r.quiz_id, q.title_vi AS quiz_title, r.min_percent
		FROM certification_requirements r LEFT JOIN courses co ON co.id = r.course_id LEFT JOIN quizzes q ON q.id = r.quiz_id
		ORDER BY r.certification_id, r.position`); err != nil {
		return nil, err
	}
	for i := range items {
		items[i].Requirements = []Requirement{}
		for _, r := range reqs {
			if r.CertID == items[i].ID {
				items[i].Requirements = append(items[i].Requirements, r.Requirement)
			}
		}
	}
	return items, nil
}

// CertificationEdit is what Home Affairs may change of a certification:
// how its certificates print, validity and renewal, and whether it is
// active. What earns it comes from the course files or, for one made in
// the app, stays as created.
type CertificationEdit struct {
	NameVI          string  `json:"name_vi"`
	NameEN          string  `json:"name_en"`
	Authority       string  `json:"authority"`
	Issuer          string  `json:"issuer"`
	IssuerEN        string  `json:"issuer_en"`
	Place           string  `json:"place"`
	SignerTitle     string  `json:"signer_title"`
	SignerName      string  `json:"signer_name"`
	ValidityMonths  *int    `json:"validity_months"`
	RenewWindowDays int     `json:"renew_window_days"`
	RenewRequires   string  `json:"renew_requires"`
	Target          *string `json:"target"`
	Active          bool    `json:"active"`
	Version         int     `json:"version"`
	// What earns it: only for a certification made in the app; one of the
	// course files takes them from certifications.yaml.
	RequirementMode string             `json:"requirement_mode"`
	Requirements    []RequirementInput `json:"requirements"`
}

// RequirementInput is a requirement as Home Affairs sets it: a course
// completed, or a quiz passed with at least min_percent.
type RequirementInput struct {
	CourseSlug string   `json:"course_slug"`
	QuizID     int64    `json:"quiz_id"`
	MinPercent *float64 `json:"min_percent"`
}

// CertificationInput is a new certification made in the app.
type CertificationInput struct {
	Code         string `json:"code"`
	SerialPrefix string `json:"serial_prefix"`
	CertificationEdit
}

// check adds to f what is wrong with e.
func (e *CertificationEdit) check(f errs.Fields) {
	for name, v := range map[string]*string{"name_vi": &e.NameVI, "name_en": &e.NameEN, "authority": &e.Authority,
		"issuer": &e.Issuer, "issuer_en": &e.IssuerEN, "place": &e.Place, "signer_title": &e.SignerTitle, "signer_name": &e.SignerName} {
		*v = strings.TrimSpace(*v)
		if utf8.RuneCountInString(*v) > 200 {
			f[name] = "too_long"
		}
	}
	if e.NameVI == "" {
		f["name_vi"] = "required"
	}
	if e.Issuer == "" {
		f["issuer"] = "required"
	}
	if e.ValidityMonths != nil && (*e.ValidityMonths < 1 || *e.ValidityMonths > 600) {
		f["validity_months"] = "out_of_range"
	}
	if e.RenewWindowDays < 0 || e.RenewWindowDays > 3650 {
		f["renew_window_days"] = "out_of_range"
	}
	if e.RenewRequires != "quizzes" && e.RenewRequires != "all" {
		f["renew_requires"] = "invalid"
	}
	if e.Target != nil && !slices.Contains(Targets, *e.Target) {
		f["target"] = "invalid"
	}
	if e.RequirementMode != "" && e.RequirementMode != "all" && e.RequirementMode != "any" {
		f["requirement_mode"] = "invalid"
	}
	if len(e.Requirements) > 50 {
		f["requirements"] = "out_of_range"
	}
	for i, r := range e.Requirements {
		if (r.CourseSlug == "") == (r.QuizID == 0) || (r.MinPercent != nil && (*r.MinPercent < 0 || *r.MinPercent > 100)) {
			f["requirements."+strconv.Itoa(i)] = "invalid"
		}
	}
}

// writeRequirements replaces a certification's requirements, checking
// that each course and quiz exists.
func writeRequirements(ctx context.Context, tx *sqlx.Tx, id int64, reqs []RequirementInput) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM certification_requirements WHERE certification_id = $1`, id); err != nil {
		return err
	}
	f := errs.Fields{}
	for i, r := range reqs {
		var res sql.Result
		var err error
		if r.CourseSlug != "" {
			res, err = tx.ExecContext(ctx, `INSERT INTO certification_requirements (certification_id, position, course_id)
				SELECT $1, $2, id FROM courses WHERE slug = $3`, id, i+1, r.CourseSlug)
		} else {
			res, err = tx.ExecContext(ctx, `INSERT INTO certification_requirements (certification_id, position, quiz_id, min_percent)
				SELECT $1, $2, id, $4 FROM quizzes WHERE id = $3`, id, i+1, r.QuizID, r.MinPercent)
		}
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			f["requirements."+strconv.Itoa(i)] = "not_found"
		}
	}
	if len(f) > 0 {
		return f.Err()
	}
	return nil
}

// CreateCertification makes a certification in the app.
func (s *Service) CreateCertification(ctx context.Context, actor audit.Actor, in CertificationInput) (int64, error) {
	f := errs.Fields{}
	in.Code, in.SerialPrefix = strings.ToUpper(strings.TrimSpace(in.Code)), strings.ToUpper(strings.TrimSpace(in.SerialPrefix))
	if !codeRe.MatchString(in.Code) {
		f["code"] = "invalid"
	}
	if !prefixRe.MatchString(in.SerialPrefix) {
		f["serial_prefix"] = "invalid"
	}
	if in.RequirementMode == "" {
		in.RequirementMode = "all"
	}
	if len(in.Requirements) == 0 {
		f["requirements"] = "required"
	}
	in.check(f)
	if len(f) > 0 {
		return 0, f.Err()
	}
	var id int64
	err := db.WithTx(ctx, s.db, func(tx *sqlx.Tx) error {
		err := tx.GetContext(ctx, &id, `INSERT INTO certifications (code, name_vi, name_en, authority, issuer, issuer_en, place,
			signer_title, signer_name, serial_prefix, requirement_mode, validity_months, renew_window_days, renew_requires,
			target, active, source) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 'app')
			RETURNING id`, in.Code, in.NameVI, in.NameEN, in.Authority, in.Issuer, in.IssuerEN, in.Place, in.SignerTitle,
			in.SignerName, in.SerialPrefix, in.RequirementMode, in.ValidityMonths, in.RenewWindowDays, in.RenewRequires,
			in.Target, in.Active)
		var pe *pq.Error
		if errors.As(err, &pe) && pe.Code == "23505" {
			return errs.Fields{"code": "taken"}.Err()
		}
		if err != nil {
			return err
		}
		if err := writeRequirements(ctx, tx, id, in.Requirements); err != nil {
			return err
		}
		return audit.Write(ctx, tx, actor, audit.Entry{Action: "certification.created", EntityType: "certification",
			EntityID: in.Code, After: in})
	})
	return id, err
}

// UpdateCertification changes certification id. Certificates already
// issued keep what they printed; a new validity applies to new ones. The
// requirements of a certification of the course files are theirs: sending
// others is refused (409 managed_by_files).
func (s *Service) UpdateCertification(ctx context.Context, actor audit.Actor, id int64, e CertificationEdit) error {
	f := errs.Fields{}
	if e.check(f); len(f) > 0 {
		return f.Err()
	}
	return db.WithTx(ctx, s.db, func(tx *sqlx.Tx) error {
		var before Certification
		err := tx.GetContext(ctx, &before, `SELECT id, code, name_vi, name_en, authority, issuer, issuer_en, place, signer_title,
			signer_name, serial_prefix, requirement_mode, validity_months, renew_window_days, renew_requires, target, active,
			source, version, 0 AS issued FROM certifications WHERE id = $1 FOR UPDATE`, id)
		if errors.Is(err, sql.ErrNoRows) {
			return errs.ErrNotFound
		}
		if err != nil {
			return err
		}
		if before.Version != e.Version {
			return errs.New(errs.Conflict, "version_conflict", "someone else changed this certification; reload it")
		}
		rules := e.RequirementMode != "" || e.Requirements != nil
		if rules && before.Source == "files" {
			return errs.New(errs.Conflict, "managed_by_files", "what earns this certification comes from the course files")
		}
		mode := before.RequirementMode
		if e.RequirementMode != "" {
			mode = e.RequirementMode
		}
		if _, err := tx.ExecContext(ctx, `UPDATE certifications SET name_vi = $2, name_en = $3, authority = $4, issuer = $5,
			issuer_en = $6, place = $7, signer_title = $8, signer_name = $9, validity_months = $10, renew_window_days = $11,
			renew_requires = $12, target = $13, active = $14, requirement_mode = $15, version = version + 1, updated_at = now()
			WHERE id = $1`,
			id, e.NameVI, e.NameEN, e.Authority, e.Issuer, e.IssuerEN, e.Place, e.SignerTitle, e.SignerName, e.ValidityMonths,
			e.RenewWindowDays, e.RenewRequires, e.Target, e.Active, mode); err != nil {
			return err
		}
		if e.Requirements != nil {
			if len(e.Requirements) == 0 {
				return errs.Fields{"requirements": "required"}.Err()
			}
			if err := writeRequirements(ctx, tx, id, e.Requirements); err != nil {
				return err
			}
		}
		before.Requirements = nil
		return audit.Write(ctx, tx, actor, audit.Entry{Action: "certification.updated", EntityType: "certification",
			EntityID: before.Code, Before: before, After: e})
	})
}
