package server_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/govtrain/lms/api/apitest"
)

// The demo accounts, one per role.
var roles = []string{"learner", "trainer", "agency_manager", "home_affairs", "admin"}

var userOf = map[string]string{
	"learner": "hocvien", "trainer": "giangvien", "agency_manager": "quanly", "home_affairs": "noivu", "admin": "admin",
}

// objects are the ids a route is tried on, seen from the caller:
//   - own: the caller's own record (their person; skipped for admin, who has none);
//   - same: an object inside the agency manager's agency (Huyện Can Lộc and its communes);
//   - other: an object outside it (Sở Nội vụ).
type objects struct {
	own                     map[string]int64
	samePerson, otherPerson int64
	sameAgency, otherAgency int64
	someUser                int64
	canLocAgency, snvAgency int64
}

func loadObjects(t *testing.T, a *apitest.API) objects {
	o := objects{own: map[string]int64{}}
	rows, err := a.DB.Query(`SELECT username, person_id FROM users WHERE person_id IS NOT NULL`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var u string
		var id int64
		rows.Scan(&u, &id)
		for role, name := range userOf {
			if name == u {
				o.own[role] = id
			}
		}
	}
	rows.Close()
	q := func(dst *int64, sql string) {
		if err := a.DB.Get(dst, sql); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
	}
	q(&o.sameAgency, `SELECT id FROM agencies WHERE code = '443-nghen'`)
	q(&o.otherAgency, `SELECT id FROM agencies WHERE code = 'STC'`)
	q(&o.canLocAgency, `SELECT id FROM agencies WHERE code = '443'`)
	q(&o.snvAgency, `SELECT id FROM agencies WHERE code = 'SNV'`)
	q(&o.samePerson, `SELECT p.id FROM people p JOIN agencies a ON a.id = p.agency_id
		WHERE a.code LIKE '443-%' AND NOT EXISTS (SELECT 1 FROM users u WHERE u.person_id = p.id) ORDER BY p.id LIMIT 1`)
	q(&o.otherPerson, `SELECT p.id FROM people p JOIN agencies a ON a.id = p.agency_id
		WHERE a.code = 'SNV' AND NOT EXISTS (SELECT 1 FROM users u WHERE u.person_id = p.id) ORDER BY p.id LIMIT 1`)
	q(&o.someUser, `SELECT id FROM users WHERE username = 'giangvien'`)
	return o
}

// want lists the status for each role, in the order of roles.
type want [5]int

var (
	managersOnly = want{403, 403, 200, 200, 200}
	provinceOnly = want{403, 403, 403, 200, 200}
	adminOnly    = want{403, 403, 403, 403, 200}
	everyone     = want{200, 200, 200, 200, 200}
)

// route is one row of the matrix.
type route struct {
	method, path string
	body         func(role string) any // nil: no body
	want         want
}

var seq atomic.Int64

func newPerson(agency int64) func(string) any {
	return func(role string) any {
		return map[string]any{"code": fmt.Sprintf("AZ%06d", seq.Add(1)), "family_name": "Thử", "middle_name": "Văn",
			"given_name": "Nghiệm", "agency_id": agency, "kind": "cong_chuc", "professional": true}
	}
}

// TestAuthorizationMatrix tries every route as every role, on own, same-agency
// and other-agency objects. Every new endpoint adds its rows here.
func TestAuthorizationMatrix(t *testing.T) {
	a := apitest.New(t)
	o := loadObjects(t, a)
	version := func(id int64) func(string) any {
		return func(string) any {
			var v int
			a.DB.Get(&v, `SELECT version FROM people WHERE id = $1`, id)
			return map[string]any{"version": v, "job_title": "Chuyên viên"}
		}
	}
	p := func(format string, args ...any) string { return "/api/v1" + fmt.Sprintf(format, args...) }
	routes := []route{
		{"GET", p("/me"), nil, everyone},
		{"POST", p("/me/password"), func(string) any {
			return map[string]string{"current_password": "not-my-password", "new_password": "whatever-long"}
		}, want{400, 400, 400, 400, 400}},

		{"GET", p("/agencies"), nil, managersOnly},
		{"GET", p("/agencies/%d", o.sameAgency), nil, managersOnly},
		{"GET", p("/agencies/%d", o.otherAgency), nil, want{403, 403, 404, 200, 200}},
		{"POST", p("/agencies"), func(string) any {
			return map[string]any{"parent_id": o.canLocAgency, "code": fmt.Sprintf("443-new%d", seq.Add(1)),
				"name": "UBND xã Thử Nghiệm", "level": "commune"}
		}, want{403, 403, 403, 201, 201}},
		{"PATCH", p("/agencies/%d", o.sameAgency), func(string) any { return map[string]any{"name_en": "Nghen Township"} }, provinceOnly},
		{"PATCH", p("/agencies/%d", o.otherAgency), func(string) any { return map[string]any{"name_en": "Department of Finance"} }, provinceOnly},

		{"GET", p("/people"), nil, managersOnly},
		{"GET", p("/people/%d", o.samePerson), nil, want{404, 404, 200, 200, 200}},
		{"GET", p("/people/%d", o.otherPerson), nil, want{404, 404, 404, 200, 200}},
		{"POST", p("/people"), newPerson(o.sameAgency), want{403, 403, 201, 201, 201}},
		{"POST", p("/people"), newPerson(o.otherAgency), want{403, 403, 400, 201, 201}},
		{"PATCH", p("/people/%d", o.samePerson), version(o.samePerson), want{403, 403, 200, 200, 200}},
		{"PATCH", p("/people/%d", o.otherPerson), version(o.otherPerson), want{403, 403, 404, 200, 200}},
		{"POST", p("/people/%d/deactivate", o.samePerson), nil, want{403, 403, 200, 200, 200}},
		{"POST", p("/people/%d/activate", o.samePerson), nil, want{403, 403, 200, 200, 200}},
		{"POST", p("/people/%d/deactivate", o.otherPerson), nil, want{403, 403, 404, 200, 200}},
		{"POST", p("/people/%d/activate", o.otherPerson), nil, want{403, 403, 404, 200, 200}},
		{"GET", p("/people/export?format=csv"), nil, managersOnly},
		{"GET", p("/people/import/template?format=csv"), nil, managersOnly},

		{"GET", p("/audit"), nil, provinceOnly},

		{"GET", p("/users"), nil, adminOnly},
		{"GET", p("/users/%d", o.someUser), nil, adminOnly},
		{"POST", p("/users"), func(string) any {
			return map[string]any{"username": fmt.Sprintf("tk%d", seq.Add(1)), "password": "Mat-khau-2026", "role": "learner"}
		}, want{403, 403, 403, 403, 201}},
		{"PATCH", p("/users/%d", o.someUser), func(string) any { return map[string]any{"display_name": "Lê Minh Tuấn"} }, adminOnly},
		{"POST", p("/users/%d/password", o.someUser), func(string) any { return map[string]any{"new_password": "Mat-khau-2026"} }, want{403, 403, 403, 403, 204}},
	}
	for _, r := range routes {
		for i, role := range roles {
			name := fmt.Sprintf("%s %s as %s", r.method, strings.TrimPrefix(r.path, "/api/v1"), role)
			t.Run(name, func(t *testing.T) {
				req := apitest.Request{Method: r.method, Path: r.path, As: userOf[role]}
				if r.body != nil {
					req.Body = r.body(role)
				}
				if res := a.Do(req); res.Code != r.want[i] {
					t.Errorf("got %d %.300s, want %d", res.Code, res.Body, r.want[i])
				}
			})
		}
		t.Run(r.method+" "+r.path+" anonymous", func(t *testing.T) {
			req := apitest.Request{Method: r.method, Path: r.path}
			if r.body != nil {
				req.Body = r.body("")
			}
			if res := a.Do(req); res.Code != http.StatusUnauthorized {
				t.Errorf("got %d, want 401", res.Code)
			}
		})
	}
	// Own records: every role with a person sees their own.
	for role, id := range o.own {
		if res := a.Get(p("/people/%d", id), userOf[role]); res.Code != http.StatusOK {
			t.Errorf("GET own person as %s: got %d, want 200", role, res.Code)
		}
	}
}
