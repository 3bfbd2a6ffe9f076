package server_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/govtrain/lms/api/apitest"
	"github.com/govtrain/lms/api/dbtest"
	"github.com/govtrain/lms/api/platform/config"
	"github.com/govtrain/lms/api/server"
)

func get(h http.Handler, path string) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
	return w
}

func TestHealthReadyMetrics(t *testing.T) {
	a := apitest.New(t)
	if w := get(a.Handler, "/healthz"); w.Code != 200 {
		t.Errorf("/healthz: got %d", w.Code)
	}
	if w := get(a.Handler, "/readyz"); w.Code != 200 || !strings.Contains(w.Body.String(), `"schema_version"`) {
		t.Errorf("/readyz: got %d %s", w.Code, w.Body)
	}
	a.Get("/api/v1/me", "admin")
	w := get(a.Handler, "/metrics")
	for _, want := range []string{`lms_http_requests_total{method="GET",route="/api/v1/me",status="200"}`, "lms_http_request_duration_seconds", "go_sql_open_connections"} {
		if !strings.Contains(w.Body.String(), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	// A schema behind the binary makes the node unready.
	a.DB.MustExec(`UPDATE schema_migrations SET version = version - 1`)
	if w := get(a.Handler, "/readyz"); w.Code != http.StatusServiceUnavailable || !strings.Contains(w.Body.String(), "schema_mismatch") {
		t.Errorf("/readyz with an old schema: got %d %s", w.Code, w.Body)
	}
}

func TestFrontendServing(t *testing.T) {
	d := dbtest.New(t)
	cfg, _ := config.Load(func(k string) string {
		if k == "LMS_JWT_SECRET" {
			return "test-secret-test-secret-test-secret-0123"
		}
		return ""
	})
	dist := fstest.MapFS{
		"index.html":           {Data: []byte("<!doctype html><div id=root></div>")},
		"assets/app-1a2b3c.js": {Data: []byte("console.log(1)")},
		"favicon.svg":          {Data: []byte("<svg/>")},
	}
	h := server.New(cfg, d, dist).Handler
	cases := []struct {
		path, cache, body string
		status            int
	}{
		{"/", "no-cache", "id=root", 200},
		{"/people/12", "no-cache", "id=root", 200}, // a client route: index.html
		{"/assets/app-1a2b3c.js", "public, max-age=31536000, immutable", "console.log", 200},
		{"/favicon.svg", "public, max-age=3600", "<svg/>", 200},
		{"/assets/missing.js", "", "", 404},
		{"/api/v1/nothing-here", "", "no_route", 404},
	}
	for _, c := range cases {
		w := get(h, c.path)
		if w.Code != c.status || w.Header().Get("Cache-Control") != c.cache || !strings.Contains(w.Body.String(), c.body) {
			t.Errorf("%s: got %d %q %.60q, want %d %q %q", c.path, w.Code, w.Header().Get("Cache-Control"), w.Body.String(), c.status, c.cache, c.body)
		}
	}
}
