package server_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/govtrain/lms/api/apitest"
	"github.com/govtrain/lms/api/platform/vcode"
)

// certRoutes are the matrix rows of certificates: one certificate of the
// learner's, inserted straight into the database.
func certRoutes(t *testing.T, a *apitest.API) []route {
	t.Helper()
	var id int64
	if err := a.DB.Get(&id, `
		WITH d AS (INSERT INTO certifications (code, name_vi, issuer, serial_prefix, source)
		           VALUES ('MA-TRAN', 'Chứng nhận thử', 'SỞ NỘI VỤ', 'MT', 'app') RETURNING id)
		SELECT insert_certificate(d.id, p.id, 'manual', $1, '', NULL, current_date, 'Thử', '', '', NULL)
		FROM d, users u JOIN people p ON p.id = u.person_id WHERE u.username = 'hocvien'`, vcode.New()); err != nil {
		t.Fatal(err)
	}
	// The agency manager sees it when the learner works in their subtree.
	var inScope bool
	a.DB.Get(&inScope, `SELECT p.agency_id IN (SELECT descendant_id FROM agency_closure c JOIN users m ON m.agency_id = c.ancestor_id
		WHERE m.username = 'quanly') FROM users u JOIN people p ON p.id = u.person_id WHERE u.username = 'hocvien'`)
	manager := 404
	if inScope {
		manager = 200
	}
	p := func(format string, args ...any) string { return "/api/v1" + fmt.Sprintf(format, args...) }
	reason := func(string) any { return map[string]any{"reason": "Hồ sơ khai sai"} }
	var cert int64
	a.DB.Get(&cert, `SELECT id FROM certifications WHERE code = 'MA-TRAN'`)
	version := func(string) any {
		var v int
		a.DB.Get(&v, `SELECT version FROM certifications WHERE id = $1`, cert)
		return map[string]any{"name_vi": "Chứng nhận thử", "issuer": "SỞ NỘI VỤ", "renew_requires": "quizzes", "active": true, "version": v}
	}
	// Each role that may issue gives the certificate to a different person.
	var people []int64
	a.DB.Select(&people, `SELECT id FROM people p WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.person_id = p.id) ORDER BY id LIMIT 10`)
	nth := func(role string) int { return max(slices.Index(roles, role), 0) } // anonymous: any
	issue := func(role string) any {
		return map[string]any{"person_id": people[nth(role)], "certification_id": cert, "reason": "Quyết định số 12/QĐ-SNV"}
	}
	record := func(role string) any {
		return file{name: "chung-chi-b.pdf", data: []byte("%PDF-1.4\n% chứng chỉ B\n"), field: "evidence", fields: map[string]string{
			"person_id": fmt.Sprint(people[5+nth(role)]), "certification_id": fmt.Sprint(cert),
			"prior_title": "Chứng chỉ tin học trình độ B", "prior_issuer": "Trung tâm Tin học Hà Tĩnh", "issued_on": "2006-05-20"}}
	}
	return []route{
		{"GET", p("/me/certificates"), nil, everyone},
		{"GET", p("/certificates"), nil, managersOnly},
		{"GET", p("/certificates/export?format=xlsx"), nil, managersOnly},
		{"GET", p("/certificates/%d", id), nil, want{200, 404, manager, 200, 200}},
		{"GET", p("/certificates/%d/pdf", id), nil, want{200, 404, manager, 200, 200}},
		{"POST", p("/certificates/%d/revoke", id), reason, want{403, 403, 403, 200, 409}},
		{"POST", p("/certificates/%d/reinstate", id), reason, want{403, 403, 403, 200, 409}},
		{"GET", p("/certificates/%d/evidence", id), nil, want{404, 404, 404, 404, 404}}, // a manual one has none
		{"GET", p("/certifications"), nil, managersOnly},
		{"GET", p("/targets"), nil, managersOnly},
		{"GET", p("/targets/agencies?as_of=2009-06-30"), nil, managersOnly},
		{"GET", p("/targets/STAFF-IT/missing?as_of=2009-06-30"), nil, managersOnly},
		{"POST", p("/certifications"), func(string) any {
			return map[string]any{"code": fmt.Sprintf("MT-%d", seq.Add(1)), "serial_prefix": "MT", "name_vi": "Chứng nhận mới",
				"issuer": "SỞ NỘI VỤ", "renew_requires": "quizzes", "active": true, "requirements": []map[string]any{{"course_slug": "tin-hoc-thu"}}}
		}, want{403, 403, 403, 201, 201}},
		{"PUT", p("/certifications/%d", cert), version, want{403, 403, 403, 200, 200}},
		{"POST", p("/certificates"), issue, want{403, 403, 403, 201, 201}},
		{"POST", p("/certificates/recorded"), record, want{403, 403, 403, 201, 201}},
	}
}
