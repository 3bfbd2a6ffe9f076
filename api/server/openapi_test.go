package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/gin-gonic/gin"

	"github.com/govtrain/lms/api/apitest"
	"github.com/govtrain/lms/api/dbtest"
	"github.com/govtrain/lms/api/platform/config"
	"github.com/govtrain/lms/api/server"
)

func loadSpec(t *testing.T) *openapi3.T {
	t.Helper()
	doc, err := server.LoadSpec()
	if err != nil {
		t.Fatalf("loading openapi.yaml: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("openapi.yaml is not a valid OpenAPI document: %v", err)
	}
	return doc
}

func TestSpecIsValid(t *testing.T) {
	doc := loadSpec(t)
	if doc.OpenAPI != "3.0.3" {
		t.Errorf("openapi version: got %q, want 3.0.3", doc.OpenAPI)
	}
}

var ginParam = regexp.MustCompile(`[:*]([A-Za-z0-9_]+)`)

// TestSpecDescribesEveryRoute compares the routes registered on the router
// with the paths and methods of the document, both ways.
func TestSpecDescribesEveryRoute(t *testing.T) {
	doc := loadSpec(t)
	cfg, err := config.Load(func(k string) string {
		if k == "LMS_JWT_SECRET" {
			return "test-secret-test-secret-test-secret-0123"
		}
		return ""
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := server.New(cfg, dbtest.New(t), fstest.MapFS{})
	t.Cleanup(srv.Imports.Close)
	engine, ok := srv.Handler.(*gin.Engine)
	if !ok {
		t.Fatalf("the handler is a %T, not a *gin.Engine", srv.Handler)
	}

	registered := map[string]bool{}
	for _, r := range engine.Routes() {
		registered[r.Method+" "+ginParam.ReplaceAllString(r.Path, "{$1}")] = true
	}
	described := map[string]bool{}
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			described[method+" "+path] = true
		}
	}
	var undocumented, missing []string
	for r := range registered {
		if !described[r] {
			undocumented = append(undocumented, r)
		}
	}
	for d := range described {
		if !registered[d] {
			missing = append(missing, d)
		}
	}
	sort.Strings(undocumented)
	sort.Strings(missing)
	for _, r := range undocumented {
		t.Errorf("route %s is not described in openapi.yaml", r)
	}
	for _, d := range missing {
		t.Errorf("openapi.yaml describes %s, which is not a route", d)
	}

	// The document is served, as JSON, and says the same.
	w := httptest.NewRecorder()
	engine.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/api/v1/openapi.json", nil))
	if w.Code != http.StatusOK || !strings.HasPrefix(w.Header().Get("Content-Type"), "application/json") {
		t.Fatalf("GET /api/v1/openapi.json: got %d %s", w.Code, w.Header().Get("Content-Type"))
	}
	served, err := openapi3.NewLoader().LoadFromData(w.Body.Bytes())
	if err != nil {
		t.Fatalf("the served document does not load: %v", err)
	}
	if served.Paths.Len() != doc.Paths.Len() {
		t.Errorf("the served document has %d paths, openapi.yaml %d", served.Paths.Len(), doc.Paths.Len())
	}
}

// TestSpecConventions checks the rules every operation follows: the error
// statuses it lists, the roles it names, and that response objects refuse
// unknown fields (so a new field in the code fails the API tests until it is
// described).
func TestSpecConventions(t *testing.T) {
	doc := loadSpec(t)
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			name := method + " " + path
			has := func(status string) bool { return op.Responses.Value(status) != nil }
			want := func(status, why string) {
				if !has(status) {
					t.Errorf("%s: lists no %s (%s)", name, status, why)
				}
			}
			want("500", "every route")
			// Without its own security the operation takes the document's
			// (bearer); an empty requirement makes the credentials optional.
			secured := op.Security == nil ||
				len(*op.Security) > 0 && !slices.ContainsFunc(*op.Security, func(r openapi3.SecurityRequirement) bool { return len(r) == 0 })
			if op.Security == nil {
				if !strings.Contains(op.Description, "Roles:") {
					t.Errorf("%s: the description names no roles (\"Roles: ...\")", name)
				}
				// Every route but the caller's own account is behind a permission.
				if !strings.Contains(op.Description, "any signed-in account") {
					want("403", "permission")
				}
			}
			if secured {
				want("401", "authenticated")
			}
			if strings.Contains(path, "{id}") {
				want("404", "path id")
			}
			if rb := op.RequestBody; rb != nil && rb.Value != nil {
				for ct := range rb.Value.Content {
					switch ct {
					case "application/json", "multipart/form-data":
						want("400", "body")
						want("413", "body")
						want("415", "body")
					}
				}
			}
			for status, ref := range op.Responses.Map() {
				if ref.Value == nil {
					continue
				}
				for ct, mt := range ref.Value.Content {
					if ct != "application/json" || mt.Schema == nil {
						continue
					}
					if strings.HasPrefix(path, "/api/v1/people/import") || path == "/api/v1/openapi.json" {
						continue // import shapes may still grow; the document is any object
					}
					checkClosed(t, name+" "+status, mt.Schema, map[*openapi3.Schema]bool{})
				}
			}
		}
	}
}

// checkClosed reports every object schema under s that accepts unknown
// properties, except free-form details and any-JSON values.
func checkClosed(t *testing.T, where string, s *openapi3.SchemaRef, seen map[*openapi3.Schema]bool) {
	t.Helper()
	if s == nil || s.Value == nil || seen[s.Value] {
		return
	}
	v := s.Value
	seen[v] = true
	if v.Type.Is("object") {
		if len(v.Properties) > 0 && (v.AdditionalProperties.Has == nil || *v.AdditionalProperties.Has) {
			t.Errorf("%s: object %s does not set additionalProperties: false", where, s.Ref)
		}
		for _, p := range v.Properties {
			checkClosed(t, where, p, seen)
		}
	}
	if v.Items != nil {
		checkClosed(t, where, v.Items, seen)
	}
}

// TestSpecMatchesAnswers drives the operations no other package's API tests
// reach (the audit log, account management, import and export) through
// apitest, which checks every answer against the document.
func TestSpecMatchesAnswers(t *testing.T) {
	a := apitest.New(t)
	status := func(res apitest.Response, want int) {
		t.Helper()
		if res.Code != want {
			t.Errorf("got %d %.300s, want %d", res.Code, res.Body, want)
		}
	}
	do := func(method, path, as string, body any) apitest.Response {
		t.Helper()
		return a.Do(apitest.Request{Method: method, Path: path, As: as, Body: body})
	}
	var nghen int64
	if err := a.DB.Get(&nghen, `SELECT id FROM agencies WHERE code = '443-nghen'`); err != nil {
		t.Fatal(err)
	}

	// A person created and edited leaves audit records with null and object
	// before/after.
	res := do("POST", "/api/v1/people", "quanly", map[string]any{"code": "OA0001", "family_name": "Trần",
		"given_name": "Bình", "agency_id": nghen, "kind": "vien_chuc", "birth_date": "1990-02-03"})
	status(res, http.StatusCreated)
	var p struct {
		ID      int64 `json:"id"`
		Version int   `json:"version"`
	}
	res.JSON(&p)
	status(do("PATCH", fmt.Sprintf("/api/v1/people/%d", p.ID), "quanly", map[string]any{"version": p.Version, "birth_date": ""}), http.StatusOK)
	status(do("GET", "/api/v1/people/abc", "quanly", nil), http.StatusNotFound)

	status(a.Get("/api/v1/audit?page_size=50", "admin"), http.StatusOK)
	status(a.Get("/api/v1/audit?entity_type=person&entity_id="+fmt.Sprint(p.ID)+"&from=2000-01-01&to=2100-01-01", "noivu"), http.StatusOK)
	status(a.Get("/api/v1/audit?from=01/02/2026", "admin"), http.StatusBadRequest)
	status(a.Get("/api/v1/audit", "quanly"), http.StatusForbidden)

	// Accounts.
	status(a.Get("/api/v1/users?q=an&role=learner", "admin"), http.StatusOK)
	status(a.Get("/api/v1/users?role=root", "admin"), http.StatusBadRequest)
	res = do("POST", "/api/v1/users", "admin", map[string]any{"username": "oa.manager", "password": "Mat-khau-2026",
		"role": "agency_manager", "agency_id": nghen, "display_name": "Quản lý thử"})
	status(res, http.StatusCreated)
	var u struct {
		ID int64 `json:"id"`
	}
	res.JSON(&u)
	status(do("POST", "/api/v1/users", "admin", map[string]any{"username": "oa.manager", "password": "Mat-khau-2026", "role": "learner"}), http.StatusConflict)
	status(a.Get(fmt.Sprintf("/api/v1/users/%d", u.ID), "admin"), http.StatusOK)
	status(a.Get("/api/v1/users/999999", "admin"), http.StatusNotFound)
	status(do("PATCH", fmt.Sprintf("/api/v1/users/%d", u.ID), "admin", map[string]any{"active": false}), http.StatusOK)
	var adminID int64
	a.DB.Get(&adminID, `SELECT id FROM users WHERE username = 'admin'`)
	status(do("PATCH", fmt.Sprintf("/api/v1/users/%d", adminID), "admin", map[string]any{"role": "learner"}), http.StatusConflict)
	status(do("POST", fmt.Sprintf("/api/v1/users/%d/password", u.ID), "admin", map[string]any{"new_password": "short"}), http.StatusBadRequest)

	// Template and export.
	for _, q := range []string{"", "?format=csv", "?format=xlsx"} {
		status(a.Get("/api/v1/people/import/template"+q, "quanly"), http.StatusOK)
		status(a.Get("/api/v1/people/export"+q, "noivu"), http.StatusOK)
	}
	status(a.Get("/api/v1/people/export?format=csv&delimiter=%3B&kind=cong_chuc&active=true", "quanly"), http.StatusOK)
	status(a.Get("/api/v1/people/export?format=pdf", "quanly"), http.StatusBadRequest)
	status(a.Get("/api/v1/people/import/template?format=pdf", "quanly"), http.StatusBadRequest)

	// Preview and import.
	csv := []byte("Mã cán bộ,Họ,Tên đệm,Tên,Mã đơn vị,Loại,Ghi chú\r\n" +
		"OA0002,Lê,Thị,Hoa,443-nghen,Công chức,\r\n" +
		"OA0001,Trần,,Bình,443-nghen,Viên chức,đã có\r\n" +
		"OA0003,Phan,,,443-nghen,Sếp,\r\n")
	upload := func(path, filename string, content []byte, fields map[string]string) apitest.Response {
		t.Helper()
		body, ct := apitest.Multipart("file", filename, content, fields)
		return a.Do(apitest.Request{Method: "POST", Path: path, As: "quanly", Body: body, ContentType: ct})
	}
	status(upload("/api/v1/people/import/preview", "ds.csv", csv, nil), http.StatusOK)
	status(upload("/api/v1/people/import/preview", "ds.pdf", csv, nil), http.StatusUnsupportedMediaType)
	status(upload("/api/v1/people/import/preview", "ds.csv", []byte("a,b\r\n1,2\r\n"), nil), http.StatusBadRequest)
	status(a.Do(apitest.Request{Method: "POST", Path: "/api/v1/people/import/preview", As: "quanly", Body: map[string]string{}}), http.StatusUnsupportedMediaType)
	status(upload("/api/v1/people/imports", "ds.csv", csv, map[string]string{"mode": "all"}), http.StatusUnprocessableEntity)
	status(upload("/api/v1/people/imports", "ds.csv", csv, map[string]string{"mode": "some"}), http.StatusBadRequest)
	res = upload("/api/v1/people/imports", "ds.csv", csv, map[string]string{"mode": "valid_only"})
	status(res, http.StatusAccepted)
	var job struct {
		ID     int64  `json:"id"`
		Status string `json:"status"`
	}
	res.JSON(&job)
	for deadline := time.Now().Add(20 * time.Second); job.Status != "done" && job.Status != "failed"; {
		if time.Now().After(deadline) {
			t.Fatalf("import %d still %s", job.ID, job.Status)
		}
		time.Sleep(50 * time.Millisecond)
		res = a.Get(fmt.Sprintf("/api/v1/people/imports/%d", job.ID), "quanly")
		status(res, http.StatusOK)
		res.JSON(&job)
	}
	if job.Status != "done" {
		t.Errorf("import ended %s: %s", job.Status, res.Body)
	}
	status(a.Get(fmt.Sprintf("/api/v1/people/imports/%d", job.ID), "admin"), http.StatusOK)
	status(a.Get("/api/v1/people/imports/999999", "quanly"), http.StatusNotFound)
}
