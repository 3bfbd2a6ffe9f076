package server_test

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/gin-gonic/gin"
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
	body         func(role string) any // nil: no body; []byte bodies are sent as multipart
	want         want
}

var (
	authors  = want{403, 200, 403, 403, 200}
	creators = want{403, 201, 403, 403, 201}
)

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
	a.SyncCourses("../course/testdata/courses")
	o := loadObjects(t, a)
	c := courseObjects(t, a)
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
		{"GET", p("/people/%d/memberships", o.samePerson), nil, managersOnly},
		{"GET", p("/people/%d/memberships", o.otherPerson), nil, want{403, 403, 404, 200, 200}},
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
		{"POST", p("/people/import/preview"), importFile(""), managersOnly},
		{"POST", p("/people/imports"), importFile("valid_only"), want{403, 403, 202, 202, 202}},
		{"GET", p("/people/imports/%d", startImport(t, a, "noivu")), nil, want{403, 403, 404, 200, 200}},

		{"GET", p("/audit"), nil, provinceOnly},

		{"GET", p("/users"), nil, adminOnly},
		{"GET", p("/users/%d", o.someUser), nil, adminOnly},
		{"POST", p("/users"), func(string) any {
			return map[string]any{"username": fmt.Sprintf("tk%d", seq.Add(1)), "password": "Mat-khau-2026", "role": "learner"}
		}, want{403, 403, 403, 403, 201}},
		{"PATCH", p("/users/%d", o.someUser), func(string) any { return map[string]any{"display_name": "Lê Minh Tuấn"} }, adminOnly},
		{"POST", p("/users/%d/password", o.someUser), func(string) any { return map[string]any{"new_password": "Mat-khau-2026"} }, want{403, 403, 403, 403, 204}},

		{"GET", p("/courses"), nil, everyone},
		{"GET", p("/courses/tin-hoc-thu"), nil, everyone},
		{"GET", p("/courses/%s", c.adminDraft), nil, want{404, 404, 404, 404, 200}},
		{"POST", p("/courses/tin-hoc-thu/enrol"), nil, want{201, 201, 201, 201, 400}},
		{"GET", p("/me/courses"), nil, everyone},
		{"GET", p("/lessons/%d", c.fileLesson), nil, everyone},
		{"POST", p("/lessons/%d/complete", c.fileLesson), nil, want{200, 200, 200, 200, 400}},
		{"GET", p("/lessons/%d", c.closedLesson), nil, want{403, 403, 403, 403, 200}},
		{"POST", p("/courses/dong-thu/enrolments"), func(string) any { return map[string]any{"person_ids": []int64{o.samePerson}} }, managersOnly},
		{"GET", p("/courses/dong-thu/enrolments"), nil, managersOnly},
		{"POST", p("/courses"), func(string) any {
			return map[string]any{"slug": fmt.Sprintf("khoa-%d", seq.Add(1)), "title_vi": "Khóa mới", "track": "other", "level": "basic"}
		}, creators},
		{"PATCH", p("/courses/%s", c.trainerDraft), func(string) any { return map[string]any{"hours": 3} }, authors},
		{"PATCH", p("/courses/%s", c.adminDraft), func(string) any { return map[string]any{"hours": 3} }, want{403, 404, 403, 403, 200}},
		{"PATCH", p("/courses/tin-hoc-thu"), func(string) any { return map[string]any{"hours": 3} }, want{403, 409, 403, 403, 409}},
		{"POST", p("/courses/%s/modules", c.trainerDraft), func(string) any { return map[string]any{"title_vi": "Phần mới"} }, creators},
		{"PATCH", p("/modules/%d", c.trainerModule), func(string) any { return map[string]any{"title_en": "Part"} }, authors},
		{"POST", p("/modules/%d/lessons", c.trainerModule), func(string) any { return map[string]any{"title_vi": "Bài mới", "body_md": "Nội dung"} }, creators},
		{"GET", p("/lessons/%d/source", c.trainerLesson), nil, authors},
		{"PATCH", p("/lessons/%d", c.trainerLesson), func(string) any { return map[string]any{"minutes": 9} }, authors},
		{"GET", p("/lessons/%d/source", c.fileLesson), nil, want{403, 409, 403, 403, 409}},
		{"POST", p("/courses/%s/images", c.trainerDraft), func(string) any { return file{name: "anh.png", data: onePixelPNG} }, creators},
		{"POST", p("/markdown/preview"), func(string) any { return map[string]any{"markdown": "**a**"} }, authors},
		{"GET", p("/question-categories"), nil, authors},
		{"POST", p("/question-categories"), func(string) any { return map[string]any{"name": fmt.Sprintf("Nhóm %d", seq.Add(1))} }, creators},
		{"GET", p("/questions"), nil, authors},
		{"GET", p("/questions/%d", c.question), nil, authors},
		{"GET", p("/questions/export?format=gift&category_id=%d", c.bankCategory), nil, authors},
		{"POST", p("/questions/import/preview"), func(string) any { return file{name: "cau-hoi.gift", data: []byte(giftQuestion)} }, authors},
		{"POST", p("/questions/import"), func(string) any {
			return file{name: "cau-hoi.gift", data: []byte(giftQuestion), fields: map[string]string{"category_id": fmt.Sprint(c.appCategory)}}
		}, creators},
		{"POST", p("/questions"), func(string) any { return appQuestion(c.appCategory) }, creators},
		{"POST", p("/questions/preview"), func(string) any { return appQuestion(0) }, authors},
		{"PUT", p("/questions/%d", c.appQuestion), func(string) any {
			var v int
			a.DB.Get(&v, `SELECT latest_version FROM questions WHERE id = $1`, c.appQuestion)
			q := appQuestion(c.appCategory)
			q["version"] = v
			return q
		}, authors},
		{"PUT", p("/questions/%d", c.question), func(string) any {
			q := appQuestion(c.appCategory)
			q["version"] = 1
			return q
		}, want{403, 409, 403, 403, 409}},
		{"POST", p("/questions/%d/archive", c.appQuestion), nil, authors},
		{"POST", p("/questions/%d/restore", c.appQuestion), nil, authors},
		{"POST", p("/courses/%s/publish", c.trainerDraft), nil, authors},
		{"POST", p("/courses/%s/unpublish", c.trainerDraft), nil, authors},
	}
	routes = append(routes, quizRoutes(t, a, c.appQuestion)...)
	routes = append(routes, certRoutes(t, a)...)
	routes = append(routes, factsRoutes(t, a, o)...)
	routes = append(routes, reportRoutes(t, a, o)...)
	checkCovered(t, a.Handler, routes)
	for _, r := range routes {
		for i, role := range roles {
			name := fmt.Sprintf("%s %s as %s", r.method, strings.TrimPrefix(r.path, "/api/v1"), role)
			t.Run(name, func(t *testing.T) {
				req := apitest.Request{Method: r.method, Path: r.path, As: userOf[role]}
				if r.body != nil {
					req.Body, req.ContentType = body(r.body(role))
				}
				if res := a.Do(req); res.Code != r.want[i] {
					t.Errorf("got %d %.300s, want %d", res.Code, res.Body, r.want[i])
				}
			})
		}
		t.Run(r.method+" "+r.path+" anonymous", func(t *testing.T) {
			req := apitest.Request{Method: r.method, Path: r.path}
			if r.body != nil {
				req.Body, req.ContentType = body(r.body(""))
			}
			if res := a.Do(req); res.Code != http.StatusUnauthorized {
				t.Errorf("got %d, want 401", res.Code)
			}
		})
	}
	// Course pictures are public: lessons show them in <img> tags.
	if res := a.Get("/api/v1/courses/tin-hoc-thu/images/so-do.svg", ""); res.Code != http.StatusOK {
		t.Errorf("course image without a token: got %d, want 200", res.Code)
	}
	// Own records: every role with a person sees their own.
	for role, id := range o.own {
		if res := a.Get(p("/people/%d", id), userOf[role]); res.Code != http.StatusOK {
			t.Errorf("GET own person as %s: got %d, want 200", role, res.Code)
		}
	}
}

// courseObjects prepares what the course rows act on: a draft of the trainer
// (with a module and a lesson), a draft of the admin, and lessons of a file
// course that is open and of one that is closed.
type courseIDs struct {
	trainerDraft, adminDraft     string
	trainerModule, trainerLesson int64
	fileLesson, closedLesson     int64
	question, bankCategory       int64
	appCategory, appQuestion     int64
}

func courseObjects(t *testing.T, a *apitest.API) courseIDs {
	t.Helper()
	c := courseIDs{trainerDraft: "nhap-giang-vien", adminDraft: "nhap-quan-tri"}
	for user, slug := range map[string]string{"giangvien": c.trainerDraft, "admin": c.adminDraft} {
		res := a.Do(apitest.Request{Method: "POST", Path: "/api/v1/courses", As: user,
			Body: map[string]any{"slug": slug, "title_vi": "Bản nháp", "track": "other", "level": "basic"}})
		if res.Code != http.StatusCreated {
			t.Fatalf("draft of %s: %d %s", user, res.Code, res.Body)
		}
	}
	var m struct {
		ID int64 `json:"id"`
	}
	a.Do(apitest.Request{Method: "POST", Path: "/api/v1/courses/" + c.trainerDraft + "/modules", As: "giangvien", Body: map[string]any{"title_vi": "Phần 1"}}).JSON(&m)
	c.trainerModule = m.ID
	a.Do(apitest.Request{Method: "POST", Path: fmt.Sprintf("/api/v1/modules/%d/lessons", m.ID), As: "giangvien", Body: map[string]any{"title_vi": "Bài 1"}}).JSON(&m)
	c.trainerLesson = m.ID
	a.DB.Get(&c.fileLesson, `SELECT l.id FROM lessons l JOIN courses c ON c.id = l.course_id WHERE c.slug = 'tin-hoc-thu' ORDER BY l.position LIMIT 1`)
	a.DB.Get(&c.closedLesson, `SELECT l.id FROM lessons l JOIN courses c ON c.id = l.course_id WHERE c.slug = 'dong-thu' ORDER BY l.position LIMIT 1`)
	a.DB.Get(&c.question, `SELECT id FROM questions ORDER BY id LIMIT 1`)
	a.DB.Get(&c.bankCategory, `SELECT category_id FROM questions ORDER BY id LIMIT 1`)
	a.Do(apitest.Request{Method: "POST", Path: "/api/v1/question-categories", As: "admin", Body: map[string]any{"name": "Ma trận"}}).JSON(&m)
	c.appCategory = m.ID
	a.Do(apitest.Request{Method: "POST", Path: "/api/v1/questions", As: "admin", Body: appQuestion(c.appCategory)}).JSON(&m)
	c.appQuestion = m.ID
	return c
}

// appQuestion is a question for the editor's rows; category 0 leaves it
// out (a preview).
func appQuestion(category int64) map[string]any {
	q := map[string]any{"type": "single_choice", "text": "Phím tắt nào sao chép?",
		"answers": []map[string]any{{"text": "Ctrl+C", "weight": 100}, {"text": "Ctrl+V"}}}
	if category > 0 {
		q["category_id"], q["name"] = category, "Sao chép"
	}
	return q
}

const giftQuestion = "::Q1:: Phím tắt nào sao chép? {=Ctrl+C ~Ctrl+V ~Ctrl+X}\n"

var onePixelPNG = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")

// file is a matrix body sent as a multipart upload.
type file struct {
	name   string
	data   []byte
	fields map[string]string
	field  string // the multipart field of the file; default "file"
}

// body encodes a matrix body: a file as a multipart upload, anything else as
// JSON (left to apitest).
func body(v any) (any, string) {
	if f, ok := v.(file); ok {
		field := f.field
		if field == "" {
			field = "file"
		}
		return apitest.Multipart(field, f.name, f.data, f.fields)
	}
	return v, ""
}

// importFile is a one-person CSV for Can Lộc (inside every manager's scope),
// with a new code on each call.
func importFile(mode string) func(string) any {
	return func(string) any {
		csv := fmt.Sprintf("Mã cán bộ,Họ,Tên,Mã đơn vị,Loại\nMX%05d,Lê,Hoa,443-nghen,Công chức\n", seq.Add(1))
		f := file{name: "can-bo.csv", data: []byte(csv)}
		if mode != "" {
			f.fields = map[string]string{"mode": mode}
		}
		return f
	}
}

// startImport runs an import as user and returns its id.
func startImport(t *testing.T, a *apitest.API, user string) int64 {
	t.Helper()
	b, ct := body(importFile("all")(""))
	res := a.Do(apitest.Request{Method: "POST", Path: "/api/v1/people/imports", As: user, Body: b, ContentType: ct})
	var im struct {
		ID int64 `json:"id"`
	}
	res.JSON(&im)
	if res.Code != http.StatusAccepted || im.ID == 0 {
		t.Fatalf("import as %s: %d %s", user, res.Code, res.Body)
	}
	return im.ID
}

// publicRoutes need no token; every other /api/v1 route must have a row in
// the matrix.
var publicRoutes = map[string]bool{
	"POST /api/v1/auth/login":                        true,
	"POST /api/v1/auth/refresh":                      true,
	"POST /api/v1/auth/logout":                       true,
	"GET /api/v1/openapi.json":                       true,
	"GET /api/v1/courses/:slug/images/:name":         true, // lessons show them in <img> tags
	"GET /api/v1/question-files/:version/:sha/:name": true, // so do questions, at unguessable addresses
	"GET /api/v1/verify/:code":                       true, // anyone verifies a certificate
	"GET /api/v1/verify/:code/credential":            true,
	"POST /api/v1/verify/token":                      true,
	"GET /api/v1/certificates/jwks.json":             true, // offline checks need the public keys
	"GET /api/v1/certificates/status-list":           true,
}

// checkCovered fails for every signed-in route that has no row.
func checkCovered(t *testing.T, h http.Handler, rows []route) {
	t.Helper()
	for _, ri := range h.(*gin.Engine).Routes() {
		if !strings.HasPrefix(ri.Path, "/api/v1/") || publicRoutes[ri.Method+" "+ri.Path] {
			continue
		}
		re := regexp.MustCompile("^" + regexp.MustCompile(`:[a-z_]+`).ReplaceAllString(ri.Path, `[^/]+`) + "$")
		found := false
		for _, r := range rows {
			path, _, _ := strings.Cut(r.path, "?")
			if r.method == ri.Method && re.MatchString(path) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("%s %s has no row in the authorization matrix", ri.Method, ri.Path)
		}
	}
}
