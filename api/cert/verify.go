package cert

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/lib/pq"

	"github.com/govtrain/lms/api/auth"
	"github.com/govtrain/lms/api/platform/errs"
	"github.com/govtrain/lms/api/platform/vcode"
)

// Verification is what anyone learns from a certificate's code: what the
// certificate itself states, and its status today; nothing else about the
// person.
type Verification struct {
	Code       string     `db:"code" json:"code"`
	HolderName string     `db:"holder_name" json:"holder_name"`
	CertCode   string     `db:"cert_code" json:"certification_code"`
	CertNameVI string     `db:"cert_name_vi" json:"certification_name_vi"`
	CertNameEN string     `db:"cert_name_en" json:"certification_name_en"`
	Issuer     string     `db:"issuer" json:"issuer"`
	Serial     string     `db:"serial" json:"serial"`
	IssuedOn   time.Time  `db:"issued_on" json:"issued_on"`
	ExpiresOn  *time.Time `db:"expires_on" json:"expires_on"`
	Status     string     `db:"status" json:"status"`
	RevokedOn  *time.Time `db:"revoked_on" json:"revoked_on"`
	Kind       string     `db:"kind" json:"kind"`
}

// errUnknownCode is the one answer to a code that is malformed or unknown.
var errUnknownCode = errs.New(errs.NotFound, "certificate_not_found", "no certificate has this code")

const verifySelect = `
	SELECT ce.code, ce.holder_name, d.code AS cert_code, d.name_vi AS cert_name_vi, d.name_en AS cert_name_en, d.issuer,
	       ce.serial, ce.issued_on, ce.expires_on, ce.kind,
	       certificate_status(ce.issued_on, ce.expires_on, ce.revoked_at, (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date) AS status,
	       (ce.revoked_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS revoked_on
	FROM certificates ce JOIN certifications d ON d.id = ce.certification_id
	WHERE ce.code = $1`

// Verify looks a certificate up by its code as typed.
func (s *Service) Verify(ctx context.Context, raw string) (Verification, error) {
	code, ok := vcode.Parse(raw)
	if !ok {
		return Verification{}, errUnknownCode
	}
	// Prepared: public and busy (anyone scanning a QR code), one round trip.
	st, err := s.prepared.Stmt(ctx, verifySelect)
	if err != nil {
		return Verification{}, err
	}
	var v Verification
	err = st.GetContext(ctx, &v, code)
	if errors.Is(err, sql.ErrNoRows) {
		return v, errUnknownCode
	}
	v.Code = vcode.Group(v.Code)
	return v, err
}

// TokenCheck is what the verify page says of a scanned QR token: whether
// its signature is good (checked with the published keys, as an offline
// phone would), what it claims, and what the server knows now.
type TokenCheck struct {
	SignatureValid bool          `json:"signature_valid"`
	Reason         string        `json:"reason,omitempty"`
	Claims         *TokenClaims  `json:"claims"`
	Known          bool          `json:"known"`
	Current        *Verification `json:"current"`
}

// TokenClaims are a token's claims as the API shows them.
type TokenClaims struct {
	Serial     string     `json:"serial"`
	Code       string     `json:"code"`
	HolderName string     `json:"holder_name"`
	CertCode   string     `json:"certification_code"`
	CertName   string     `json:"certification_name"`
	Issuer     string     `json:"issuer"`
	Issued     time.Time  `json:"issued"`
	Expires    *time.Time `json:"expires"`
}

// CheckToken checks a scanned token.
func (s *Service) CheckToken(ctx context.Context, token string) (TokenCheck, error) {
	keys, err := s.keys.all(ctx)
	if err != nil {
		return TokenCheck{}, err
	}
	c, err := VerifyToken(token, keys)
	if err != nil {
		reason := "bad_signature"
		if errors.Is(err, ErrUnknownKey) {
			reason = "unknown_key"
		}
		return TokenCheck{Reason: reason}, nil
	}
	out := TokenCheck{SignatureValid: true, Claims: &TokenClaims{Serial: c.Serial, Code: vcode.Group(c.Code),
		HolderName: c.Holder, CertCode: c.CertCode, CertName: c.CertName, Issuer: c.Issuer, Issued: c.Issued, Expires: c.Expires}}
	if v, err := s.Verify(ctx, c.Code); err == nil {
		out.Known, out.Current = true, &v
	} else if !errors.Is(err, errUnknownCode) {
		return out, err
	}
	return out, nil
}

// JWKS is the public key set that checks tokens and credentials.
func (s *Service) JWKS(ctx context.Context) ([]byte, error) {
	keys, err := s.keys.all(ctx)
	if err != nil {
		return nil, err
	}
	return JWKS(keys), nil
}

// token returns certificate id's QR token, signing and keeping it on first
// use.
func (s *Service) token(ctx context.Context, id int64) (string, error) {
	var r struct {
		Token    *string    `db:"token"`
		Serial   string     `db:"serial"`
		Code     string     `db:"code"`
		Holder   string     `db:"holder_name"`
		CertCode string     `db:"cert_code"`
		CertName string     `db:"cert_name_vi"`
		Issued   time.Time  `db:"issued_on"`
		Expires  *time.Time `db:"expires_on"`
	}
	if err := s.db.GetContext(ctx, &r, `SELECT ce.token, ce.serial, ce.code, ce.holder_name, d.code AS cert_code,
		d.name_vi AS cert_name_vi, ce.issued_on, ce.expires_on
		FROM certificates ce JOIN certifications d ON d.id = ce.certification_id WHERE ce.id = $1`, id); err != nil {
		return "", err
	}
	if r.Token != nil {
		return *r.Token, nil
	}
	keys, err := s.keys.all(ctx)
	if err != nil {
		return "", err
	}
	tok, err := SignToken(keys[0], Claims{Serial: r.Serial, Code: r.Code, Holder: r.Holder, CertCode: r.CertCode,
		CertName: r.CertName, Issuer: s.publicURL, Issued: r.Issued, Expires: r.Expires})
	if err != nil {
		return "", err
	}
	// Another process may have kept one first: theirs stands.
	err = s.db.GetContext(ctx, &tok, `UPDATE certificates SET token = COALESCE(token, $2) WHERE id = $1 RETURNING token`, id, tok)
	return tok, err
}

// QR is what a certificate's QR code holds: the verify page's address with
// the signed token, so that a phone camera opens the page and an offline
// app checks the token with the published keys.
func (s *Service) QR(ctx context.Context, id int64, code string) (string, error) {
	tok, err := s.token(ctx, id)
	if err != nil {
		return "", err
	}
	return s.verifyURL(code) + "?t=" + tok, nil
}

// PDF renders certificate id for p.
func (s *Service) PDF(ctx context.Context, p auth.Principal, id int64) ([]byte, string, error) {
	c, err := s.Get(ctx, p, id)
	if err != nil {
		return nil, "", err
	}
	if c.Kind == "recorded" {
		return nil, "", errs.New(errs.Conflict, "recorded_certificate",
			"a certificate recorded from elsewhere has no certificate of ours to print; its evidence is the document")
	}
	var d struct {
		Authority   string     `db:"authority"`
		Issuer      string     `db:"issuer"`
		Place       string     `db:"place"`
		SignerTitle string     `db:"signer_title"`
		SignerName  string     `db:"signer_name"`
		Gender      string     `db:"gender"`
		BirthDate   *time.Time `db:"birth_date"`
	}
	if err := s.db.GetContext(ctx, &d, `SELECT d.authority, d.issuer, d.place, d.signer_title, d.signer_name, p.gender, p.birth_date
		FROM certificates ce JOIN certifications d ON d.id = ce.certification_id JOIN people p ON p.id = ce.person_id
		WHERE ce.id = $1`, id); err != nil {
		return nil, "", err
	}
	var completed []string
	if err := s.db.SelectContext(ctx, &completed, `
		SELECT CASE WHEN r.course_id IS NOT NULL
		            THEN 'Khóa học ' || CASE WHEN co.code <> '' THEN co.code || ' – ' ELSE '' END || co.title_vi ||
		                 COALESCE(' (hoàn thành ' || to_char(e.completed_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'DD/MM/YYYY') || ')', '')
		            ELSE q.title_vi || ' – ' || qc.title_vi ||
		                 COALESCE(' (đạt ' || replace(trim_scale(g.percent)::text, '.', ',') || '%)', '') END
		FROM certificates ce JOIN certification_requirements r ON r.certification_id = ce.certification_id
		LEFT JOIN courses co ON co.id = r.course_id
		LEFT JOIN enrolments e ON e.course_id = r.course_id AND e.person_id = ce.person_id
		LEFT JOIN quizzes q ON q.id = r.quiz_id LEFT JOIN courses qc ON qc.id = q.course_id
		LEFT JOIN quiz_grades g ON g.quiz_id = r.quiz_id AND g.person_id = ce.person_id
		WHERE ce.id = $1 AND ce.kind = 'auto' ORDER BY r.position`, id); err != nil {
		return nil, "", err
	}
	if c.PriorTitle != "" {
		completed = append(completed, c.PriorTitle)
	}
	qr, err := s.QR(ctx, id, c.Code)
	if err != nil {
		return nil, "", err
	}
	honorific := map[string]string{"male": "Ông", "female": "Bà"}[d.Gender]
	doc := Document{Authority: d.Authority, Issuer: d.Issuer, Title: "GIẤY CHỨNG NHẬN", Name: c.CertNameVI,
		Holder: c.HolderName, Honorific: honorific, BirthDate: d.BirthDate, Agency: c.AgencyName, Completed: completed,
		Result: c.Result, Place: d.Place, IssuedOn: c.IssuedOn, ExpiresOn: c.ExpiresOn, SignerTitle: d.SignerTitle,
		SignerName: d.SignerName, Serial: c.Serial, Register: c.RegisterNo, Code: c.Code, VerifyURL: c.VerifyURL, QR: qr,
		Revoked: c.Status == "revoked"}
	b, err := PDF(doc)
	return b, "chung-nhan-" + strconv.FormatInt(id, 10) + ".pdf", err
}

// statusListSize is how many entries the published list has at least: 16
// KB of bits, so that a list says nothing of how many certificates exist.
const statusListSize = 131072

// StatusList is the signed Bitstring Status List of revocations.
func (s *Service) StatusList(ctx context.Context) (string, error) {
	var revoked pq.Int64Array
	var max int
	if err := s.db.QueryRowContext(ctx, `SELECT COALESCE(array_agg(status_index) FILTER (WHERE revoked_at IS NOT NULL), '{}'),
		COALESCE(max(status_index), 0) FROM certificates`).Scan(&revoked, &max); err != nil {
		return "", err
	}
	size := statusListSize
	for size <= max {
		size *= 2
	}
	idx := make([]int, len(revoked))
	for i, r := range revoked {
		idx[i] = int(r)
	}
	enc, err := EncodeStatusList(idx, size)
	if err != nil {
		return "", err
	}
	keys, err := s.keys.all(ctx)
	if err != nil {
		return "", err
	}
	return SignStatusList(keys[0], s.statusListURL(), s.publicURL, enc, time.Now())
}

func (s *Service) statusListURL() string { return s.publicURL + "/api/v1/certificates/status-list" }

// Credential is the Open Badges 3.0 credential of the certificate with code,
// as a VC-JWT.
func (s *Service) Credential(ctx context.Context, raw string) (string, error) {
	code, ok := vcode.Parse(raw)
	if !ok {
		return "", errUnknownCode
	}
	var r struct {
		ID          int64      `db:"id"`
		Holder      string     `db:"holder_name"`
		CertID      int64      `db:"certification_id"`
		NameVI      string     `db:"name_vi"`
		Issuer      string     `db:"issuer"`
		Place       string     `db:"place"`
		Issued      time.Time  `db:"issued_on"`
		Expires     *time.Time `db:"expires_on"`
		StatusIndex int        `db:"status_index"`
	}
	err := s.db.GetContext(ctx, &r, `SELECT ce.id, ce.holder_name, ce.certification_id, d.name_vi, d.issuer, d.place,
		ce.issued_on, ce.expires_on, ce.status_index
		FROM certificates ce JOIN certifications d ON d.id = ce.certification_id WHERE ce.code = $1`, code)
	if errors.Is(err, sql.ErrNoRows) {
		return "", errUnknownCode
	}
	if err != nil {
		return "", err
	}
	keys, err := s.keys.all(ctx)
	if err != nil {
		return "", err
	}
	issuer := r.Issuer
	if r.Place != "" {
		issuer += " " + r.Place
	}
	return SignCredential(keys[0], CredentialInput{
		ID: s.publicURL + "/api/v1/verify/" + code + "/credential", IssuerID: s.publicURL, IssuerName: issuer,
		RecipientName: r.Holder, RecipientID: RecipientID(strconv.FormatInt(r.ID, 10)),
		AchievementID: fmt.Sprintf("%s/api/v1/certifications/%d", s.publicURL, r.CertID), AchievementName: r.NameVI,
		AchievementDescription: "Chứng nhận " + r.NameVI, Criteria: "Hoàn thành các yêu cầu của chứng nhận " + r.NameVI,
		Issued: r.Issued, Expires: r.Expires, StatusListURL: s.statusListURL(), StatusIndex: r.StatusIndex})
}
