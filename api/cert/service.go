package cert

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/govtrain/lms/api/audit"
	"github.com/govtrain/lms/api/auth"
	"github.com/govtrain/lms/api/platform/db"
	"github.com/govtrain/lms/api/platform/errs"
	"github.com/govtrain/lms/api/platform/vcode"
	"github.com/govtrain/lms/api/platform/vn"
)

// Service holds certificates.
type Service struct {
	db        *sqlx.DB
	publicURL string // where the verify page is, e.g. https://lms.hatinh.gov.vn
	keys      keyring
	prepared  *db.Prepared // the public verification's lookup
}

// NewService returns a Service; publicURL is the site's address as holders
// and inspectors reach it (printed on certificates and in QR codes).
func NewService(d *sqlx.DB, publicURL string) *Service {
	return &Service{db: d, publicURL: strings.TrimRight(publicURL, "/"), keys: keyring{db: d}, prepared: db.NewPrepared(d, 0)}
}

// Certificate is a certificate as its holder, their managers and Home
// Affairs see it.
type Certificate struct {
	ID            int64      `db:"id" json:"id"`
	CertCode      string     `db:"cert_code" json:"certification_code"`
	CertNameVI    string     `db:"cert_name_vi" json:"certification_name_vi"`
	CertNameEN    string     `db:"cert_name_en" json:"certification_name_en"`
	Target        *string    `db:"target" json:"target"`
	PersonID      int64      `db:"person_id" json:"person_id"`
	HolderName    string     `db:"holder_name" json:"holder_name"`
	AgencyName    string     `db:"agency_name" json:"agency_name"`
	Kind          string     `db:"kind" json:"kind"`
	Serial        string     `db:"serial" json:"serial"`
	RegisterNo    string     `db:"register_no" json:"register_no"`
	IssuedOn      time.Time  `db:"issued_on" json:"issued_on"`
	ExpiresOn     *time.Time `db:"expires_on" json:"expires_on"`
	Status        string     `db:"status" json:"status"`
	Superseded    bool       `db:"superseded" json:"superseded"`
	RenewsID      *int64     `db:"renews_id" json:"renews_id"`
	RevokedAt     *time.Time `db:"revoked_at" json:"revoked_at"`
	RevokedReason *string    `db:"revoked_reason" json:"revoked_reason"`
	Result        string     `db:"result" json:"result"`
	PriorTitle    string     `db:"prior_title" json:"prior_title"`
	Code          string     `db:"code" json:"code"`
	ExpiresInDays *int       `db:"expires_in_days" json:"expires_in_days"`
	CanRenew      bool       `db:"can_renew" json:"can_renew"`
	VerifyURL     string     `db:"-" json:"verify_url"`
}

// certSelect reads certificates (alias ce) with their status today.
const certSelect = `
	SELECT ce.id, d.code AS cert_code, d.name_vi AS cert_name_vi, d.name_en AS cert_name_en, d.target, ce.person_id,
	       ce.holder_name, a.name AS agency_name, ce.kind, ce.serial, ce.register_no, ce.issued_on, ce.expires_on,
	       certificate_status(ce.issued_on, ce.expires_on, ce.revoked_at, today) AS status,
	       ce.superseded_at IS NOT NULL AS superseded, ce.renews_id, ce.revoked_at, ce.revoked_reason, ce.result,
	       ce.prior_title, ce.code,
	       CASE WHEN ce.expires_on IS NOT NULL AND ce.superseded_at IS NULL THEN ce.expires_on - today END AS expires_in_days,
	       (ce.expires_on IS NOT NULL AND ce.superseded_at IS NULL AND ce.revoked_at IS NULL
	        AND today >= ce.expires_on - d.renew_window_days) AS can_renew
	FROM certificates ce JOIN certifications d ON d.id = ce.certification_id JOIN agencies a ON a.id = ce.agency_id
	JOIN people p ON p.id = ce.person_id,
	LATERAL (SELECT (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS today) t`

func (s *Service) finish(items []Certificate) []Certificate {
	for i := range items {
		items[i].Code = vcode.Group(items[i].Code)
		items[i].VerifyURL = s.verifyURL(items[i].Code)
	}
	return items
}

func (s *Service) verifyURL(code string) string { return s.publicURL + "/verify/" + code }

// Mine lists p's certificates, newest first.
func (s *Service) Mine(ctx context.Context, p auth.Principal) ([]Certificate, error) {
	items := []Certificate{}
	if p.PersonID == nil {
		return items, nil
	}
	err := s.db.SelectContext(ctx, &items, certSelect+` WHERE ce.person_id = $1 ORDER BY ce.issued_on DESC, ce.id DESC`, *p.PersonID)
	return s.finish(items), err
}

// scoped adds to w the certificates p may see: their own, their agency's
// subtree for a manager, all for Home Affairs and admins.
func scoped(w *db.Where, p auth.Principal) {
	sc := p.Scope()
	switch {
	case sc.All:
	case sc.AgencyID > 0:
		own := int64(0)
		if p.PersonID != nil {
			own = *p.PersonID
		}
		w.Add("(p.agency_id IN (SELECT descendant_id FROM agency_closure WHERE ancestor_id = ?) OR p.id = ?)", sc.AgencyID, own)
	default:
		w.Add("p.id = ?", sc.PersonID)
	}
}

// Get shows certificate id to p, when p may see it.
func (s *Service) Get(ctx context.Context, p auth.Principal, id int64) (Certificate, error) {
	w := &db.Where{}
	w.Add("ce.id = ?", id)
	scoped(w, p)
	var c Certificate
	err := s.db.GetContext(ctx, &c, certSelect+w.SQL(), w.Args...)
	if errors.Is(err, sql.ErrNoRows) {
		return c, errs.ErrNotFound
	}
	return s.finish([]Certificate{c})[0], err
}

// Filter is a query of the certificates list.
type Filter struct {
	AgencyID        int64
	CertificationID int64
	Status          string
	From, To        *time.Time // issued between
	Q               string
	ExpiresWithin   int // days: current certificates that expire within them (not yet expired)
}

// List lists the certificates p may see.
func (s *Service) List(ctx context.Context, p auth.Principal, f Filter, limit, offset int) ([]Certificate, int, error) {
	w := &db.Where{}
	scoped(w, p)
	if f.AgencyID > 0 {
		w.Add("ce.agency_id IN (SELECT descendant_id FROM agency_closure WHERE ancestor_id = ?)", f.AgencyID)
	}
	if f.CertificationID > 0 {
		w.Add("ce.certification_id = ?", f.CertificationID)
	}
	if f.Status != "" {
		w.Add("certificate_status(ce.issued_on, ce.expires_on, ce.revoked_at, today) = ?", f.Status)
	}
	if f.ExpiresWithin > 0 {
		w.Add("ce.superseded_at IS NULL AND ce.revoked_at IS NULL AND ce.expires_on >= today AND ce.expires_on <= today + ?::int", f.ExpiresWithin)
	}
	if f.From != nil {
		w.Add("ce.issued_on >= ?", *f.From)
	}
	if f.To != nil {
		w.Add("ce.issued_on <= ?", *f.To)
	}
	if q := strings.TrimSpace(f.Q); strings.ContainsAny(q, "/-") {
		w.Add("ce.serial ILIKE ?", db.EscapeLike(q)+"%") // a serial number
	} else {
		for _, word := range vn.SearchWords(q, 6) {
			w.Add("p.search_text LIKE ?", "% "+db.EscapeLike(word)+"%")
		}
	}
	var rows []struct {
		Certificate
		Total int `db:"total"`
	}
	err := s.db.SelectContext(ctx, &rows, strings.Replace(certSelect, "SELECT ce.id,", "SELECT count(*) OVER () AS total, ce.id,", 1)+
		w.SQL()+` ORDER BY ce.issued_on DESC, ce.id DESC LIMIT `+w.Arg(limit)+` OFFSET `+w.Arg(offset), w.Args...)
	if err != nil {
		return nil, 0, err
	}
	items := make([]Certificate, len(rows))
	total := 0
	for i, r := range rows {
		items[i], total = r.Certificate, r.Total
	}
	return s.finish(items), total, nil
}

// Revoke revokes certificate id (Home Affairs), or with reinstate takes the
// revocation back; the reason and who did it are in the audit log.
func (s *Service) Revoke(ctx context.Context, p auth.Principal, actor audit.Actor, id int64, reason string, reinstate bool) (Certificate, error) {
	reason = strings.TrimSpace(reason)
	switch {
	case reason == "":
		return Certificate{}, errs.Fields{"reason": "required"}.Err()
	case len([]rune(reason)) > 1000:
		return Certificate{}, errs.Fields{"reason": "too_long"}.Err()
	}
	err := db.WithTx(ctx, s.db, func(tx *sqlx.Tx) error {
		var before struct {
			Serial  string     `db:"serial"`
			Revoked *time.Time `db:"revoked_at"`
		}
		if err := tx.GetContext(ctx, &before, `SELECT serial, revoked_at FROM certificates WHERE id = $1 FOR UPDATE`, id); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return errs.ErrNotFound
			}
			return err
		}
		action := "certificate.revoked"
		var err error
		switch {
		case !reinstate && before.Revoked != nil:
			return errs.New(errs.Conflict, "already_revoked", "the certificate is already revoked")
		case reinstate && before.Revoked == nil:
			return errs.New(errs.Conflict, "not_revoked", "the certificate is not revoked")
		case reinstate:
			action = "certificate.reinstated"
			_, err = tx.ExecContext(ctx, `UPDATE certificates SET revoked_at = NULL, revoked_reason = NULL, revoked_by = NULL WHERE id = $1`, id)
		default:
			_, err = tx.ExecContext(ctx, `UPDATE certificates SET revoked_at = now(), revoked_reason = $2, revoked_by = $3 WHERE id = $1`,
				id, reason, p.UserID)
		}
		if err != nil {
			return err
		}
		return audit.Write(ctx, tx, actor, audit.Entry{Action: action, EntityType: "certificate", EntityID: before.Serial,
			After: map[string]any{"reason": reason}})
	})
	if err != nil {
		return Certificate{}, err
	}
	return s.Get(ctx, p, id)
}
