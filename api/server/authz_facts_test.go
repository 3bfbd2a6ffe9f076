package server_test

import (
	"fmt"
	"testing"

	"github.com/govtrain/lms/api/apitest"
)

// factsRoutes are the matrix rows of positions: an open position in the
// manager's agency to end, and each role that may start one giving a
// different role, so that none overlaps.
func factsRoutes(t *testing.T, a *apitest.API, o objects) []route {
	t.Helper()
	var open int64
	if err := a.DB.Get(&open, `INSERT INTO positions (person_id, agency_id, role, valid_from) VALUES ($1, $2, 'cio', '2009-01-01')
		RETURNING id`, o.samePerson, o.sameAgency); err != nil {
		t.Fatal(err)
	}
	var mailbox int64
	if err := a.DB.Get(&mailbox, `INSERT INTO agency_mailboxes (agency_id, address, valid_from) VALUES ($1, 'vanthu@nghen.hatinh.gov.vn', '2009-01-01')
		RETURNING id`, o.sameAgency); err != nil {
		t.Fatal(err)
	}
	var target int64
	a.DB.Get(&target, `SELECT id FROM targets WHERE code = 'STAFF-NET-60'`)
	degree := func(person int64) int64 {
		var id int64
		if err := a.DB.Get(&id, `INSERT INTO qualifications (person_id, level, field, it_field, awarded_on, evidence_name, evidence_type, evidence)
			VALUES ($1, 'university', 'Công nghệ thông tin', true, '2006-07-15', 'bang.pdf', 'application/pdf', '%PDF-1.4') RETURNING id`, person); err != nil {
			t.Fatal(err)
		}
		return id
	}
	sameDegree, otherDegree := degree(o.samePerson), degree(o.otherPerson)
	day := map[string]string{"agency_manager": "2009-03-01", "home_affairs": "2009-04-01", "admin": "2009-05-01"}
	p := func(format string, args ...any) string { return "/api/v1" + fmt.Sprintf(format, args...) }
	role := map[string]string{"agency_manager": "it_officer", "home_affairs": "it_specialist", "admin": "it_officer"}
	agency := map[string]int64{"agency_manager": o.sameAgency, "home_affairs": o.sameAgency, "admin": o.otherAgency}
	start := func(r string) any {
		if role[r] == "" {
			r = "agency_manager"
		}
		return map[string]any{"person_id": o.samePerson, "agency_id": agency[r], "role": role[r], "valid_from": "2010-01-01",
			"decision_no": "12/QĐ-UBND"}
	}
	return []route{
		{"GET", p("/agencies/%d/positions", o.sameAgency), nil, managersOnly},
		{"GET", p("/agencies/%d/positions", o.otherAgency), nil, want{403, 403, 404, 200, 200}},
		{"POST", p("/positions"), start, want{403, 403, 201, 201, 201}},
		{"POST", p("/positions/%d/end", open), func(string) any { return map[string]any{"valid_to": "2010-06-30"} },
			want{403, 403, 200, 409, 409}},
		{"GET", p("/people/%d/qualifications", o.samePerson), nil, managersOnly},
		{"GET", p("/people/%d/qualifications", o.otherPerson), nil, want{403, 403, 404, 200, 200}},
		{"GET", p("/qualifications/%d/evidence", sameDegree), nil, managersOnly},
		{"GET", p("/qualifications/%d/evidence", otherDegree), nil, want{403, 403, 404, 200, 200}},
		{"POST", p("/people/%d/qualifications", o.samePerson), func(string) any {
			return file{name: "bang-dai-hoc.pdf", data: []byte("%PDF-1.4\n% bằng kỹ sư\n"), field: "evidence", fields: map[string]string{
				"level": "university", "field": "Công nghệ thông tin", "awarded_on": "2006-07-15", "institution": "Đại học Vinh"}}
		}, want{403, 403, 201, 201, 201}},
		{"GET", p("/targets/definitions"), nil, provinceOnly},
		{"POST", p("/targets"), func(string) any {
			return map[string]any{"code": fmt.Sprintf("T-%d", seq.Add(1)), "text_vi": "Mỗi xã có hộp thư công vụ", "population": "agencies_of_levels",
				"metric": "has_mailbox", "params": map[string]any{"levels": []string{"commune"}}, "rule": "ge", "threshold": 100,
				"deadline": "2010-12-31", "active": true}
		}, want{403, 403, 403, 201, 201}},
		{"PUT", p("/targets/%d", target), func(string) any {
			var v int
			a.DB.Get(&v, `SELECT version FROM targets WHERE id = $1`, target)
			return map[string]any{"code": "STAFF-NET-60", "text_vi": "Trên 60% CBCC sử dụng thư điện tử", "population": "staff",
				"metric": "holds_certificate", "params": map[string]any{"certification": "email_internet"}, "rule": "gt", "threshold": 60,
				"deadline": "2010-12-31", "active": true, "version": v}
		}, want{403, 403, 403, 200, 200}},
		{"GET", p("/agencies/%d/mailboxes", o.sameAgency), nil, managersOnly},
		{"GET", p("/agencies/%d/mailboxes", o.otherAgency), nil, want{403, 403, 404, 200, 200}},
		{"POST", p("/agencies/%d/mailboxes", o.sameAgency), func(r string) any {
			if day[r] == "" {
				r = "agency_manager"
			}
			return map[string]any{"address": "ubnd@nghen.hatinh.gov.vn", "valid_from": day[r]}
		}, want{403, 403, 201, 201, 201}},
		{"POST", p("/mailboxes/%d/end", mailbox), func(string) any { return map[string]any{"valid_to": "2009-02-28"} },
			want{403, 403, 409, 409, 409}}, // the new mailboxes above ended it
	}
}
