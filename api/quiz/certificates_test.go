package quiz_test

import (
	"fmt"
	"net/http"
	"regexp"
	"sync"
	"testing"
	"time"
)

// certification defines, straight in the database, a certification that
// any of quizzes earns.
func (f *fixture) certification(t *testing.T, code, mode string, quizzes ...int64) int64 {
	t.Helper()
	var id int64
	if err := f.a.DB.Get(&id, `INSERT INTO certifications (code, name_vi, issuer, serial_prefix, requirement_mode, validity_months, source)
		VALUES ($1, 'Ứng dụng CNTT cơ bản', 'SỞ NỘI VỤ', 'CB', $2, 24, 'app') RETURNING id`, code, mode); err != nil {
		t.Fatal(err)
	}
	for i, q := range quizzes {
		f.a.DB.MustExec(`INSERT INTO certification_requirements (certification_id, position, quiz_id) VALUES ($1, $2, $3)`, id, i+1, q)
	}
	return id
}

// TestCertificateIssuedOnce: two quizzes, either of which earns the
// certification, submitted at the same moment: one certificate, with a
// serial, a register number and a code of the right shapes.
func TestCertificateIssuedOnce(t *testing.T) {
	f := newFixture(t)
	q1 := f.quiz(t, []string{"tf"}, nil)
	q2 := f.quiz(t, []string{"num"}, nil)
	cert := f.certification(t, "CB", "any", q1, q2)
	var ids []int64
	for _, q := range []int64{q1, q2} {
		at, _ := f.start(t, q, "hocvien")
		answer := map[string]any{"value": true}
		if at.Questions[0].Type == "numerical" {
			answer = map[string]any{"text": "8"}
		}
		f.save(t, at.ID, 1, map[string]any{"0": answer}, nil)
		ids = append(ids, at.ID)
	}
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if res := f.submit(t, id, ""); res.Code != http.StatusOK {
				t.Errorf("submit %d: %d %s", id, res.Code, res.Body)
			}
		}()
	}
	wg.Wait()
	var certs []struct {
		Serial   string     `db:"serial"`
		Register string     `db:"register_no"`
		Code     string     `db:"code"`
		Expires  *time.Time `db:"expires_on"`
		Result   string     `db:"result"`
	}
	if err := f.a.DB.Select(&certs, `SELECT serial, register_no, code, expires_on, result FROM certificates WHERE certification_id = $1`, cert); err != nil {
		t.Fatal(err)
	}
	if len(certs) != 1 {
		t.Fatalf("%d certificates issued, want 1", len(certs))
	}
	year := time.Now().In(time.FixedZone("ICT", 7*3600)).Year()
	c := certs[0]
	if c.Serial != fmt.Sprintf("CB-000001/%d", year) || c.Register != fmt.Sprintf("00001/%d", year) ||
		!regexp.MustCompile(`^[0-9A-HJKMNP-TV-Z]{16}$`).MatchString(c.Code) || c.Expires == nil || c.Result != "Đạt – 100/100" {
		t.Errorf("certificate: %+v", c)
	}
	var logged int
	f.a.DB.Get(&logged, `SELECT count(*) FROM audit_log WHERE action = 'certificate.issued' AND actor_name = 'Hệ thống'`)
	if logged != 1 {
		t.Errorf("%d audit entries of the issue, want 1", logged)
	}
	// A later pass does not issue it again.
	at, _ := f.start(t, q1, "hocvien")
	f.save(t, at.ID, 1, map[string]any{"0": map[string]any{"value": true}}, nil)
	f.submit(t, at.ID, "")
	var n int
	f.a.DB.Get(&n, `SELECT count(*) FROM certificates WHERE certification_id = $1`, cert)
	if n != 1 {
		t.Errorf("%d certificates after another pass, want 1", n)
	}
}

// TestCertificateNeedsEveryRequirement: with "all", the certificate comes
// with the last requirement, not before; a failed attempt earns nothing.
func TestCertificateNeedsEveryRequirement(t *testing.T) {
	f := newFixture(t)
	q1 := f.quiz(t, []string{"tf"}, nil)
	q2 := f.quiz(t, []string{"num"}, nil)
	cert := f.certification(t, "CB", "all", q1, q2)
	count := func() (n int) {
		f.a.DB.Get(&n, `SELECT count(*) FROM certificates WHERE certification_id = $1`, cert)
		return n
	}
	take := func(q int64, answer map[string]any) {
		at, _ := f.start(t, q, "hocvien")
		f.save(t, at.ID, 1, map[string]any{"0": answer}, nil)
		if res := f.submit(t, at.ID, ""); res.Code != http.StatusOK {
			t.Fatalf("submit: %d %s", res.Code, res.Body)
		}
	}
	take(q1, map[string]any{"value": true})
	take(q2, map[string]any{"text": "9"}) // wrong: not passed
	if n := count(); n != 0 {
		t.Fatalf("%d certificates before every requirement is met", n)
	}
	take(q2, map[string]any{"text": "8"})
	if n := count(); n != 1 {
		t.Errorf("%d certificates once every requirement is met, want 1", n)
	}
}

// TestCertificateRenewal: passing again inside the renewal window issues a
// new certificate linked to the old one; outside it, nothing.
func TestCertificateRenewal(t *testing.T) {
	f := newFixture(t)
	q := f.quiz(t, []string{"tf"}, nil)
	cert := f.certification(t, "CB", "all", q)
	pass := func() {
		at, _ := f.start(t, q, "hocvien")
		f.save(t, at.ID, 1, map[string]any{"0": map[string]any{"value": true}}, nil)
		if res := f.submit(t, at.ID, ""); res.Code != http.StatusOK {
			t.Fatalf("submit: %d %s", res.Code, res.Body)
		}
	}
	count := func() (n int) {
		f.a.DB.Get(&n, `SELECT count(*) FROM certificates WHERE certification_id = $1`, cert)
		return n
	}
	pass()
	pass() // long before expiry: no renewal
	if n := count(); n != 1 {
		t.Fatalf("%d certificates before the window, want 1", n)
	}
	var first int64
	f.a.DB.Get(&first, `SELECT id FROM certificates WHERE certification_id = $1`, cert)
	f.a.DB.MustExec(`UPDATE certificates SET expires_on = current_date + 30 WHERE id = $1`, first) // inside the 60-day window
	pass()
	var renewed struct {
		Renews     *int64 `db:"renews_id"`
		Superseded bool   `db:"superseded"`
	}
	f.a.DB.Get(&renewed, `SELECT n.renews_id, o.superseded_at IS NOT NULL AS superseded FROM certificates n
		JOIN certificates o ON o.id = $1 WHERE n.certification_id = $2 AND n.id <> $1`, first, cert)
	if count() != 2 || renewed.Renews == nil || *renewed.Renews != first || !renewed.Superseded {
		t.Errorf("renewal: %d certificates, %+v", count(), renewed)
	}
}

// TestRenewalAttemptsCountAfresh: a quiz of one attempt that earned a
// certificate can be taken again once the certificate's renewal window is
// open, and renews it.
func TestRenewalAttemptsCountAfresh(t *testing.T) {
	f := newFixture(t)
	q := f.quiz(t, []string{"tf"}, map[string]any{"attempts_allowed": 1})
	cert := f.certification(t, "CB", "all", q)
	at, _ := f.start(t, q, "hocvien")
	f.save(t, at.ID, 1, map[string]any{"0": map[string]any{"value": true}}, nil)
	f.submit(t, at.ID, "")
	if _, res := f.start(t, q, "hocvien"); res.ErrorCode() != "no_attempts_left" {
		t.Fatalf("a second attempt of one allowed: %d %s", res.Code, res.Body)
	}
	f.a.DB.MustExec(`UPDATE certificates SET expires_on = current_date + 30 WHERE certification_id = $1`, cert)
	at, res := f.start(t, q, "hocvien")
	if res.Code != http.StatusOK {
		t.Fatalf("an attempt inside the renewal window: %d %s", res.Code, res.Body)
	}
	f.save(t, at.ID, 1, map[string]any{"0": map[string]any{"value": true}}, nil)
	f.submit(t, at.ID, "")
	var n int
	f.a.DB.Get(&n, `SELECT count(*) FROM certificates WHERE certification_id = $1`, cert)
	if n != 2 {
		t.Errorf("%d certificates after renewing, want 2", n)
	}
	if _, res := f.start(t, q, "hocvien"); res.ErrorCode() != "no_attempts_left" {
		t.Errorf("after renewing, the window is closed again: %d %s", res.Code, res.Body)
	}
}
