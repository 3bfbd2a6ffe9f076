package cert_test

import (
	"net/http"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/govtrain/lms/api/apitest"
	"github.com/govtrain/lms/api/cert"
)

// issued gives the learner a certificate straight in the database and
// returns its id and code.
func issued(t *testing.T, a *apitest.API) (int64, string) {
	t.Helper()
	var c struct {
		ID   int64  `db:"id"`
		Code string `db:"code"`
	}
	if err := a.DB.Get(&c, `
		WITH d AS (INSERT INTO certifications (code, name_vi, name_en, authority, issuer, place, signer_title, serial_prefix, source)
		           VALUES ('CNTT-CB', 'Ứng dụng công nghệ thông tin cơ bản', 'Basic IT skills', 'UBND TỈNH HÀ TĨNH', 'SỞ NỘI VỤ',
		                   'Hà Tĩnh', 'GIÁM ĐỐC', 'CB', 'app') RETURNING id)
		SELECT insert_certificate(d.id, p.id, 'manual', 'K7Q2M9XD3HTAPW4C', 'Đạt – 85,5/100', NULL, current_date, 'Thử', '', '', NULL) AS id,
		       'K7Q2M9XD3HTAPW4C' AS code
		FROM d, users u JOIN people p ON p.id = u.person_id WHERE u.username = 'hocvien'`); err != nil {
		t.Fatal(err)
	}
	a.DB.MustExec(`UPDATE certificates SET expires_on = issued_on + 365 WHERE id = $1`, c.ID)
	return c.ID, c.Code
}

// TestVerifyRevokeAndOffline: the public page verifies a code as typed;
// malformed and unknown codes get the same answer; the QR token checks with
// the published keys; a revocation shows at once on the page, in the token
// check and in the status list.
func TestVerifyRevokeAndOffline(t *testing.T) {
	a := apitest.New(t)
	id, _ := issued(t, a)
	var serial string
	a.DB.Get(&serial, `SELECT serial FROM certificates WHERE id = $1`, id)
	res := a.Get("/api/v1/verify/k7q2-m9xd-3hta-pw4c", "")
	var v cert.Verification
	res.JSON(&v)
	if res.Code != http.StatusOK || v.Status != "valid" || v.CertCode != "CNTT-CB" || v.HolderName == "" {
		t.Fatalf("verify: %d %s", res.Code, res.Body)
	}
	for _, leak := range []string{"birth", "agency", "person", "email"} {
		if strings.Contains(res.Body.String(), leak) {
			t.Errorf("the public answer says %q about the person: %s", leak, res.Body)
		}
	}
	unknown, malformed := a.Get("/api/v1/verify/0000-0000-0000-0000", ""), a.Get("/api/v1/verify/'%20OR%201=1", "")
	if unknown.Code != http.StatusNotFound || malformed.Code != http.StatusNotFound || unknown.Body.String() != malformed.Body.String() {
		t.Errorf("unknown %d %s / malformed %d %s", unknown.Code, unknown.Body, malformed.Code, malformed.Body)
	}

	// The PDF: its QR code's address carries the token, which checks.
	res = a.Get("/api/v1/certificates/"+itoa(id)+"/pdf", "hocvien")
	if res.Code != http.StatusOK || res.Header().Get("Content-Type") != "application/pdf" {
		t.Fatalf("pdf: %d %s", res.Code, res.Header())
	}
	if out, err := pdftotext(res.Body.Bytes()); err != nil {
		t.Fatal(err)
	} else if !strings.Contains(out, "Ứng dụng công nghệ thông tin cơ bản") || !strings.Contains(out, serial) {
		t.Errorf("the PDF reads: %s", out)
	}
	var token string
	a.DB.Get(&token, `SELECT token FROM certificates WHERE id = $1`, id)
	check := func() cert.TokenCheck {
		var tc cert.TokenCheck
		a.Do(apitest.Request{Method: "POST", Path: "/api/v1/verify/token", Body: map[string]string{"token": token}}).JSON(&tc)
		return tc
	}
	if tc := check(); !tc.SignatureValid || !tc.Known || tc.Current.Status != "valid" {
		t.Fatalf("token check: %+v", tc)
	}
	// Offline: the published keys alone check the token.
	res = a.Get("/api/v1/certificates/jwks.json", "")
	keys, err := cert.ParseJWKS(res.Body.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if c, err := cert.VerifyToken(token, keys); err != nil || c.Serial != serial {
		t.Fatalf("offline check: %+v %v", c, err)
	}
	if tc := func() cert.TokenCheck {
		var tc cert.TokenCheck
		a.Do(apitest.Request{Method: "POST", Path: "/api/v1/verify/token", Body: map[string]string{"token": token[:len(token)-4] + "AAAA"}}).JSON(&tc)
		return tc
	}(); tc.SignatureValid {
		t.Errorf("a tampered token checked: %+v", tc)
	}

	// Home Affairs revokes it: the page, the token check and the status list say so.
	if res := a.Do(apitest.Request{Method: "POST", Path: "/api/v1/certificates/" + itoa(id) + "/revoke", As: "noivu",
		Body: map[string]string{"reason": "Hồ sơ khai sai"}}); res.Code != http.StatusOK {
		t.Fatalf("revoke: %d %s", res.Code, res.Body)
	}
	a.Get("/api/v1/verify/K7Q2M9XD3HTAPW4C", "").JSON(&v)
	if v.Status != "revoked" || v.RevokedOn == nil {
		t.Errorf("verify after revoking: %+v", v)
	}
	if tc := check(); !tc.SignatureValid || tc.Current.Status != "revoked" {
		t.Errorf("token check after revoking: %+v", tc)
	}
	var idx int
	a.DB.Get(&idx, `SELECT status_index FROM certificates WHERE id = $1`, id)
	res = a.Get("/api/v1/certificates/status-list", "")
	list, err := cert.VerifyCredential(res.Body.String(), keys)
	if err != nil {
		t.Fatalf("status list: %v", err)
	}
	enc := list["credentialSubject"].(map[string]any)["encodedList"].(string)
	if bit, err := cert.StatusBit(enc, idx); err != nil || !bit {
		t.Errorf("status bit %d after revoking: %v %v", idx, bit, err)
	}
	var action string
	a.DB.Get(&action, `SELECT action FROM audit_log ORDER BY id DESC LIMIT 1`)
	if action != "certificate.revoked" {
		t.Errorf("last audit entry: %s", action)
	}
	// The Open Badges credential verifies with the same keys.
	res = a.Get("/api/v1/verify/K7Q2M9XD3HTAPW4C/credential", "")
	if vc, err := cert.VerifyCredential(res.Body.String(), keys); err != nil {
		t.Errorf("credential: %v %v", vc, err)
	}
}

func itoa(i int64) string { return strconv.FormatInt(i, 10) }

func pdftotext(pdf []byte) (string, error) {
	cmd := exec.Command("pdftotext", "-", "-")
	cmd.Stdin = strings.NewReader(string(pdf))
	out, err := cmd.Output()
	return string(out), err
}

// TestIssueByHandAndRecord: Home Affairs issues a certificate by hand with a
// reason, and records one earned elsewhere with its evidence; each once.
func TestIssueByHandAndRecord(t *testing.T) {
	a := apitest.New(t)
	a.SyncCourses("../../courses")
	var cb, cio, person int64
	a.DB.Get(&cb, `SELECT id FROM certifications WHERE code = 'CNTT-CB'`)
	a.DB.Get(&cio, `SELECT id FROM certifications WHERE code = 'CIO'`)
	a.DB.Get(&person, `SELECT person_id FROM users WHERE username = 'hocvien'`)
	issue := map[string]any{"person_id": person, "certification_id": cio, "reason": "Quyết định 15/QĐ-SNV ngày 02/3/2026"}
	res := a.Do(apitest.Request{Method: "POST", Path: "/api/v1/certificates", As: "noivu", Body: issue})
	var c cert.Certificate
	res.JSON(&c)
	if res.Code != http.StatusCreated || c.Kind != "manual" || c.Status != "valid" || c.ExpiresOn == nil {
		t.Fatalf("issue: %d %s", res.Code, res.Body)
	}
	if res := a.Do(apitest.Request{Method: "POST", Path: "/api/v1/certificates", As: "noivu", Body: issue}); res.ErrorCode() != "already_holds" {
		t.Errorf("issued twice: %d %s", res.Code, res.Body)
	}
	if res := a.Do(apitest.Request{Method: "POST", Path: "/api/v1/certificates", As: "noivu",
		Body: map[string]any{"person_id": person, "certification_id": cb}}); res.Code != http.StatusBadRequest {
		t.Errorf("without a reason: %d %s", res.Code, res.Body)
	}

	record := func(data []byte) apitest.Response {
		body, ct := apitest.Multipart("evidence", "chung-chi-b.pdf", data, map[string]string{"person_id": itoa(person),
			"certification_id": itoa(cb), "prior_title": "Chứng chỉ tin học trình độ B", "prior_issuer": "Trung tâm Tin học Hà Tĩnh",
			"issued_on": "2006-05-20"})
		return a.Do(apitest.Request{Method: "POST", Path: "/api/v1/certificates/recorded", As: "noivu", Body: body, ContentType: ct})
	}
	if res := record([]byte("MZ\x90\x00 not a document")); res.Code != http.StatusBadRequest {
		t.Errorf("an executable as evidence: %d %s", res.Code, res.Body)
	}
	res = record([]byte("%PDF-1.4\n% bản chụp chứng chỉ B\n"))
	res.JSON(&c)
	if res.Code != http.StatusCreated || c.Kind != "recorded" || !strings.Contains(c.Serial, "-GN-") || c.IssuedOn.Year() != 2006 {
		t.Fatalf("record: %d %s", res.Code, res.Body)
	}
	if res := a.Get("/api/v1/certificates/"+itoa(c.ID)+"/pdf", "hocvien"); res.ErrorCode() != "recorded_certificate" {
		t.Errorf("the PDF of a recorded certificate: %d %s", res.Code, res.Body)
	}
	res = a.Get("/api/v1/certificates/"+itoa(c.ID)+"/evidence", "hocvien")
	if res.Code != http.StatusOK || !strings.HasPrefix(res.Body.String(), "%PDF") {
		t.Errorf("evidence: %d %s", res.Code, res.Header())
	}
	var actions []string
	a.DB.Select(&actions, `SELECT action FROM audit_log WHERE action LIKE 'certificate.%' ORDER BY id`)
	if strings.Join(actions, ",") != "certificate.issued_manually,certificate.recorded" {
		t.Errorf("audit: %v", actions)
	}
	// The definitions list shows both with their counts.
	res = a.Get("/api/v1/certifications", "noivu")
	if !strings.Contains(res.Body.String(), `"code":"CIO"`) || !strings.Contains(res.Body.String(), `"issued":1`) {
		t.Errorf("certifications: %s", res.Body)
	}
}

// TestExpiringSoon: managers find the certificates of their people that
// expire within 60 or 30 days.
func TestExpiringSoon(t *testing.T) {
	a := apitest.New(t)
	id, _ := issued(t, a)
	a.DB.MustExec(`UPDATE certificates SET expires_on = current_date + 45 WHERE id = $1`, id)
	count := func(days int) int {
		var page struct {
			Total int `json:"total"`
		}
		res := a.Get("/api/v1/certificates?expires_within="+strconv.Itoa(days), "noivu")
		res.JSON(&page)
		return page.Total
	}
	if n60, n30 := count(60), count(30); n60 != 1 || n30 != 0 {
		t.Errorf("expiring within 60 days: %d, within 30: %d; want 1 and 0", n60, n30)
	}
	if res := a.Get("/api/v1/certificates?expires_within=0", "noivu"); res.Code != http.StatusBadRequest {
		t.Errorf("expires_within=0: %d", res.Code)
	}
}

// TestCreateCertification: Home Affairs defines a certification in the
// app; passing its course then earns it. The files' certifications keep
// their requirements.
func TestCreateCertification(t *testing.T) {
	a := apitest.New(t)
	a.SyncCourses("../../courses")
	body := map[string]any{"code": "TDT-CB", "serial_prefix": "TDT", "name_vi": "Thư điện tử cơ bản", "name_en": "Basic e-mail",
		"issuer": "SỞ NỘI VỤ", "renew_requires": "quizzes", "active": true, "target": "email_internet",
		"requirements": []map[string]any{{"course_slug": "thu-dien-tu-va-thong-tin-tren-mang"}}}
	res := a.Do(apitest.Request{Method: "POST", Path: "/api/v1/certifications", As: "noivu", Body: body})
	var c cert.Certification
	res.JSON(&c)
	if res.Code != http.StatusCreated || c.Source != "app" || len(c.Requirements) != 1 {
		t.Fatalf("create: %d %s", res.Code, res.Body)
	}
	if res := a.Do(apitest.Request{Method: "POST", Path: "/api/v1/certifications", As: "noivu", Body: body}); res.Code != http.StatusBadRequest {
		t.Errorf("the same code again: %d %s", res.Code, res.Body)
	}
	body["code"], body["requirements"] = "TDT-X", []map[string]any{{"course_slug": "khong-co"}}
	if res := a.Do(apitest.Request{Method: "POST", Path: "/api/v1/certifications", As: "noivu", Body: body}); res.Code != http.StatusBadRequest {
		t.Errorf("an unknown course: %d %s", res.Code, res.Body)
	}
	var files cert.Certification
	a.DB.Get(&files.ID, `SELECT id FROM certifications WHERE code = 'CIO'`)
	a.DB.Get(&files.Version, `SELECT version FROM certifications WHERE code = 'CIO'`)
	edit := map[string]any{"name_vi": "Giám đốc CNTT (CIO)", "issuer": "SỞ NỘI VỤ", "signer_name": "Nguyễn Văn Bình",
		"renew_requires": "quizzes", "active": true, "version": files.Version,
		"requirements": []map[string]any{{"course_slug": "iu01-hieu-biet-cntt-co-ban"}}}
	if res := a.Do(apitest.Request{Method: "PUT", Path: "/api/v1/certifications/" + itoa(files.ID), As: "noivu", Body: edit}); res.ErrorCode() != "managed_by_files" {
		t.Errorf("changing what earns a files certification: %d %s", res.Code, res.Body)
	}
	delete(edit, "requirements")
	res = a.Do(apitest.Request{Method: "PUT", Path: "/api/v1/certifications/" + itoa(files.ID), As: "noivu", Body: edit})
	if res.Code != http.StatusOK || !strings.Contains(res.Body.String(), `"signer_name":"Nguyễn Văn Bình"`) {
		t.Errorf("setting the signer: %d %s", res.Code, res.Body)
	}
}

// TestExport: the list's certificates as CSV and XLSX, formulas defused.
func TestExport(t *testing.T) {
	a := apitest.New(t)
	id, _ := issued(t, a)
	a.DB.MustExec(`UPDATE certificates SET holder_name = '=HYPERLINK("x")' WHERE id = $1`, id)
	res := a.Get("/api/v1/certificates/export?format=csv&status=valid", "noivu")
	body := res.Body.String()
	if res.Code != http.StatusOK || !strings.HasPrefix(body, "\ufeffHọ và tên,") || !strings.Contains(body, `"'=HYPERLINK(""x"")"`) ||
		!strings.Contains(body, "Còn hiệu lực") {
		t.Errorf("csv: %d %q", res.Code, body)
	}
	res = a.Get("/api/v1/certificates/export?format=xlsx", "noivu")
	if res.Code != http.StatusOK || !strings.HasPrefix(res.Body.String(), "PK") {
		t.Errorf("xlsx: %d %s", res.Code, res.Header())
	}
	if res := a.Get("/api/v1/certificates/export?format=pdf", "noivu"); res.Code != http.StatusBadRequest {
		t.Errorf("format=pdf: %d", res.Code)
	}
}

// TestKeyRotation: after a rotation the published keys hold the old key
// too, so a certificate printed before still checks offline.
func TestKeyRotation(t *testing.T) {
	a := apitest.New(t)
	id, _ := issued(t, a)
	a.Get("/api/v1/certificates/"+itoa(id)+"/pdf", "hocvien") // signs and keeps the token
	var token string
	a.DB.Get(&token, `SELECT token FROM certificates WHERE id = $1`, id)
	svc := cert.NewService(a.DB, a.Config.PublicURL)
	if _, err := svc.Rotate(t.Context()); err != nil {
		t.Fatal(err)
	}
	jwks, err := svc.JWKS(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	keys, err := cert.ParseJWKS(jwks)
	if err != nil || len(keys) != 2 {
		t.Fatalf("keys after rotation: %d %v", len(keys), err)
	}
	if _, err := cert.VerifyToken(token, keys); err != nil {
		t.Errorf("a token of the retired key: %v", err)
	}
	var private int
	a.DB.Get(&private, `SELECT count(*) FROM signing_keys WHERE private_key IS NOT NULL`)
	if private != 1 {
		t.Errorf("%d keys keep their private half, want 1 (the current one)", private)
	}
}
