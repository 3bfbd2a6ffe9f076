package cert

import (
	"context"
	"database/sql"
	"errors"
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jmoiron/sqlx"

	"github.com/govtrain/lms/api/audit"
	"github.com/govtrain/lms/api/auth"
	"github.com/govtrain/lms/api/platform/civil"
	"github.com/govtrain/lms/api/platform/db"
	"github.com/govtrain/lms/api/platform/errs"
	"github.com/govtrain/lms/api/platform/vcode"
)

// IssueRequest is a certificate issued by hand by Home Affairs, or, with a
// prior title, a certificate earned elsewhere recorded as equivalent.
type IssueRequest struct {
	PersonID        int64  `json:"person_id"`
	CertificationID int64  `json:"certification_id"`
	IssuedOn        string `json:"issued_on"` // yyyy-mm-dd; default today
	Reason          string `json:"reason"`
	PriorTitle      string `json:"prior_title"`  // recorded: "Chứng chỉ tin học trình độ B"
	PriorIssuer     string `json:"prior_issuer"` // recorded: who issued it
}

// Evidence is the document a recorded certificate rests on.
type Evidence struct {
	Name, ContentType string
	Data              []byte
}

var evidenceTypes = []string{"application/pdf", "image/jpeg", "image/png"}

var errHolds = errs.New(errs.Conflict, "already_holds", "the person already holds a current certificate of this certification")

// Issue issues (kind manual) or records (kind recorded, with evidence) a
// certificate; either is in the audit log with who did it and why.
func (s *Service) Issue(ctx context.Context, p auth.Principal, actor audit.Actor, r IssueRequest, ev *Evidence) (Certificate, error) {
	kind := "manual"
	if ev != nil {
		kind = "recorded"
	}
	f := errs.Fields{}
	r.Reason, r.PriorTitle, r.PriorIssuer = strings.TrimSpace(r.Reason), strings.TrimSpace(r.PriorTitle), strings.TrimSpace(r.PriorIssuer)
	today := civil.Today().String()
	if r.IssuedOn == "" {
		r.IssuedOn = today
	}
	issued, err := time.Parse(time.DateOnly, r.IssuedOn)
	switch {
	case err != nil:
		f["issued_on"] = "invalid_date"
	case r.IssuedOn > today:
		f["issued_on"] = "out_of_range"
	case kind == "manual" && issued.Before(time.Now().AddDate(-1, 0, 0)):
		f["issued_on"] = "out_of_range" // issuing by hand is for now, not for rewriting the past
	}
	if r.PersonID <= 0 {
		f["person_id"] = "required"
	}
	if r.CertificationID <= 0 {
		f["certification_id"] = "required"
	}
	if kind == "manual" && r.Reason == "" {
		f["reason"] = "required"
	}
	if kind == "recorded" {
		if r.PriorTitle == "" {
			f["prior_title"] = "required"
		}
		if r.PriorIssuer == "" {
			f["prior_issuer"] = "required"
		}
		if len(ev.Data) == 0 {
			f["evidence"] = "required"
		} else if !slices.Contains(evidenceTypes, http.DetectContentType(ev.Data)) {
			f["evidence"] = "invalid"
		}
	}
	for name, v := range map[string]string{"reason": r.Reason, "prior_title": r.PriorTitle, "prior_issuer": r.PriorIssuer} {
		if utf8.RuneCountInString(v) > 500 {
			f[name] = "too_long"
		}
	}
	if len(f) > 0 {
		return Certificate{}, f.Err()
	}
	var id int64
	err = db.WithTx(ctx, s.db, func(tx *sqlx.Tx) error {
		var ok struct {
			Person bool `db:"person"`
			Cert   bool `db:"cert"`
		}
		if err := tx.GetContext(ctx, &ok, `SELECT EXISTS (SELECT 1 FROM people WHERE id = $1 AND active) AS person,
			EXISTS (SELECT 1 FROM certifications WHERE id = $2 AND active) AS cert`, r.PersonID, r.CertificationID); err != nil {
			return err
		}
		if !ok.Person || !ok.Cert {
			f := errs.Fields{}
			if !ok.Person {
				f["person_id"] = "not_found"
			}
			if !ok.Cert {
				f["certification_id"] = "not_found"
			}
			return f.Err()
		}
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(hashtextextended('certificate:' || $1 || ':' || $2, 0))`,
			r.CertificationID, r.PersonID); err != nil {
			return err
		}
		var holds bool
		if err := tx.GetContext(ctx, &holds, `SELECT EXISTS (SELECT 1 FROM certificates WHERE certification_id = $1
			AND person_id = $2 AND superseded_at IS NULL)`, r.CertificationID, r.PersonID); err != nil {
			return err
		}
		if holds {
			return errHolds
		}
		result := "Cấp theo quyết định"
		if kind == "recorded" {
			result = "Ghi nhận tương đương"
		}
		if err := tx.GetContext(ctx, &id, `SELECT insert_certificate($1, $2, $3, $4, $5, NULL, $6, $7, $8, $9, $10)`,
			r.CertificationID, r.PersonID, kind, vcode.New(), result, issued, r.Reason, r.PriorTitle, r.PriorIssuer, p.UserID); err != nil {
			return err
		}
		if ev != nil {
			if _, err := tx.ExecContext(ctx, `UPDATE certificates SET evidence_name = $2, evidence_type = $3, evidence = $4 WHERE id = $1`,
				id, ev.Name, http.DetectContentType(ev.Data), ev.Data); err != nil {
				return err
			}
		}
		action := "certificate.issued_manually"
		if kind == "recorded" {
			action = "certificate.recorded"
		}
		return audit.Write(ctx, tx, actor, audit.Entry{Action: action, EntityType: "certificate", EntityID: itoa(id),
			After: map[string]any{"person_id": r.PersonID, "certification_id": r.CertificationID, "issued_on": r.IssuedOn,
				"reason": r.Reason, "prior_title": r.PriorTitle, "prior_issuer": r.PriorIssuer}})
	})
	if err != nil {
		return Certificate{}, err
	}
	return s.Get(ctx, p, id)
}

// EvidenceOf returns the evidence document of a recorded certificate p may see.
func (s *Service) EvidenceOf(ctx context.Context, p auth.Principal, id int64) (Evidence, error) {
	if _, err := s.Get(ctx, p, id); err != nil {
		return Evidence{}, err
	}
	var ev struct {
		Name *string `db:"evidence_name"`
		Type *string `db:"evidence_type"`
		Data []byte  `db:"evidence"`
	}
	err := s.db.GetContext(ctx, &ev, `SELECT evidence_name, evidence_type, evidence FROM certificates WHERE id = $1`, id)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && ev.Name == nil) {
		return Evidence{}, errs.ErrNotFound
	}
	if err != nil {
		return Evidence{}, err
	}
	return Evidence{Name: *ev.Name, ContentType: *ev.Type, Data: ev.Data}, nil
}
