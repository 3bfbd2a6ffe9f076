package cert

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/jmoiron/sqlx"

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
}

func (e *CertificationEdit) check() error {
	f := errs.Fields{}
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
	if len(f) > 0 {
		return f.Err()
	}
	return nil
}

// UpdateCertification changes certification id. Certificates already
// issued keep what they printed; a new validity applies to new ones.
func (s *Service) UpdateCertification(ctx context.Context, actor audit.Actor, id int64, e CertificationEdit) error {
	if err := e.check(); err != nil {
		return err
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
		if _, err := tx.ExecContext(ctx, `UPDATE certifications SET name_vi = $2, name_en = $3, authority = $4, issuer = $5,
			issuer_en = $6, place = $7, signer_title = $8, signer_name = $9, validity_months = $10, renew_window_days = $11,
			renew_requires = $12, target = $13, active = $14, version = version + 1, updated_at = now() WHERE id = $1`,
			id, e.NameVI, e.NameEN, e.Authority, e.Issuer, e.IssuerEN, e.Place, e.SignerTitle, e.SignerName, e.ValidityMonths,
			e.RenewWindowDays, e.RenewRequires, e.Target, e.Active); err != nil {
			return err
		}
		before.Requirements = nil
		return audit.Write(ctx, tx, actor, audit.Entry{Action: "certification.updated", EntityType: "certification",
			EntityID: before.Code, Before: before, After: e})
	})
}
