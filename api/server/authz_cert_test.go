package server_test

import (
	"fmt"
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
		INSERT INTO certificates (certification_id, person_id, agency_id, holder_name, kind, serial, register_no, issued_on, code)
		SELECT d.id, p.id, p.agency_id, p.full_name, 'manual', 'MT-000001/2026', '00001/2026', current_date, $1
		FROM d, users u JOIN people p ON p.id = u.person_id WHERE u.username = 'hocvien' RETURNING id`, vcode.New()); err != nil {
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
	return []route{
		{"GET", p("/me/certificates"), nil, everyone},
		{"GET", p("/certificates"), nil, managersOnly},
		{"GET", p("/certificates/%d", id), nil, want{200, 404, manager, 200, 200}},
		{"GET", p("/certificates/%d/pdf", id), nil, want{200, 404, manager, 200, 200}},
		{"POST", p("/certificates/%d/revoke", id), reason, want{403, 403, 403, 200, 409}},
		{"POST", p("/certificates/%d/reinstate", id), reason, want{403, 403, 403, 200, 409}},
	}
}
