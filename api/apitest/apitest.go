// Package apitest drives the real router against a real database: it builds
// the whole server on a fresh seeded database, signs in the demo accounts and
// checks every response against the OpenAPI document.
package apitest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
	"github.com/jmoiron/sqlx"

	"github.com/govtrain/lms/api/cert"
	"github.com/govtrain/lms/api/course"
	"github.com/govtrain/lms/api/dbtest"
	"github.com/govtrain/lms/api/platform/config"
	"github.com/govtrain/lms/api/platform/db"
	"github.com/govtrain/lms/api/server"
)

// DemoPassword is the password of every seeded demo account.
const DemoPassword = "Demo@2026"

// API is a server under test.
type API struct {
	T       testing.TB
	DB      *sqlx.DB
	Config  *config.Config
	Handler http.Handler
	Server  *server.Server // its background services (reports, quiz expiry)
	tokens  map[string]string
	mu      sync.Mutex
}

// The media types of signed tokens and key sets, decoded for validation.
func init() {
	openapi3filter.RegisterBodyDecoder("application/jwt", openapi3filter.PlainBodyDecoder)
	openapi3filter.RegisterBodyDecoder("application/jwk-set+json", openapi3filter.JSONBodyDecoder)
}

// quietLogs keeps the request log out of test output; warnings and errors
// still show.
var quietLogs = sync.OnceFunc(func() {
	slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
})

// New starts the server on a fresh seeded database.
func New(t testing.TB) *API { return NewCounted(t, nil) }

// NewCounted starts the server on a fresh seeded database, its pool dialled
// through wire (when not nil) so that a benchmark can count statements and
// round trips. DB is the same pool.
func NewCounted(t testing.TB, wire *db.Wire) *API {
	t.Helper()
	quietLogs()
	d := dbtest.NewSeeded(t)
	if wire != nil {
		var name string
		if err := d.Get(&name, `SELECT current_database()`); err != nil {
			t.Fatal(err)
		}
		counted, err := wire.Open(dbtest.URL(t, name))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { counted.Close() })
		d = counted
	}
	cfg, err := config.Load(func(k string) string {
		switch k {
		case "LMS_JWT_SECRET":
			return "test-secret-test-secret-test-secret-0123"
		case "LMS_MAX_UPLOAD_BYTES":
			return "2097152"
		}
		return ""
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := server.New(cfg, d, fstest.MapFS{"index.html": {Data: []byte("<!doctype html><title>LMS</title>")}})
	t.Cleanup(srv.Imports.Close)
	return &API{T: t, DB: d, Config: cfg, Handler: srv.Handler, Server: srv, tokens: map[string]string{}}
}

// SyncCourses loads the course folders under dir (course.LoadAll) into the
// database, failing the test on any problem.
func (a *API) SyncCourses(dir string) {
	a.T.Helper()
	courses, probs := course.LoadAll(os.DirFS(dir))
	defs, dprobs := cert.LoadDefinitions(os.DirFS(dir), course.Known(courses))
	if len(probs)+len(dprobs) > 0 {
		a.T.Fatalf("courses in %s: %v %v", dir, probs, dprobs)
	}
	ctx := context.Background()
	if _, err := course.Sync(ctx, a.DB, courses, false); err != nil {
		a.T.Fatalf("syncing %s: %v", dir, err)
	}
	if err := db.WithTx(ctx, a.DB, func(tx *sqlx.Tx) error {
		_, err := cert.SyncDefinitions(ctx, tx, defs)
		return err
	}); err != nil {
		a.T.Fatalf("syncing the certifications of %s: %v", dir, err)
	}
}

// Response is a recorded answer.
type Response struct {
	*httptest.ResponseRecorder
	t testing.TB
}

// JSON decodes the body into v, failing the test when it cannot.
func (r Response) JSON(v any) {
	r.t.Helper()
	if err := json.Unmarshal(r.Body.Bytes(), v); err != nil {
		r.t.Fatalf("decoding %s: %v", r.Body.String(), err)
	}
}

// ErrorCode is the code of a JSON error answer ("" for other answers).
func (r Response) ErrorCode() string {
	var e struct {
		Error struct {
			Code string `json:"code"`
		} `json:"error"`
	}
	json.Unmarshal(r.Body.Bytes(), &e)
	return e.Error.Code
}

// Request is a request to send.
type Request struct {
	Method, Path string
	As           string // demo username to sign in as; "" for no token
	Token        string // explicit bearer token, overrides As
	Body         any    // encoded as JSON unless it is []byte or io.Reader
	ContentType  string
	Header       http.Header
	Cookies      []*http.Cookie
}

// Do sends req through the router and validates the answer against the
// OpenAPI document.
func (a *API) Do(req Request) Response {
	a.T.Helper()
	var body io.Reader
	ct := req.ContentType
	switch b := req.Body.(type) {
	case nil:
	case []byte:
		body = bytes.NewReader(b)
	case string:
		body = strings.NewReader(b)
	case io.Reader:
		body = b
	default:
		enc, err := json.Marshal(b)
		if err != nil {
			a.T.Fatal(err)
		}
		body = bytes.NewReader(enc)
		if ct == "" {
			ct = "application/json"
		}
	}
	r := httptest.NewRequest(req.Method, req.Path, body)
	r.RemoteAddr = "192.0.2.10:40000"
	for k, v := range req.Header {
		r.Header[k] = v
	}
	if ct != "" {
		r.Header.Set("Content-Type", ct)
	}
	tok := req.Token
	if tok == "" && req.As != "" {
		tok = a.Token(req.As)
	}
	if tok != "" {
		r.Header.Set("Authorization", "Bearer "+tok)
	}
	for _, c := range req.Cookies {
		r.AddCookie(c)
	}
	w := httptest.NewRecorder()
	a.Handler.ServeHTTP(w, r)
	a.validate(r, w)
	return Response{w, a.T}
}

// Get is a shortcut for a GET as user.
func (a *API) Get(path, as string) Response {
	a.T.Helper()
	return a.Do(Request{Method: http.MethodGet, Path: path, As: as})
}

// Token signs username in (once per API) and returns the access token.
func (a *API) Token(username string) string {
	a.T.Helper()
	a.mu.Lock()
	tok, ok := a.tokens[username]
	a.mu.Unlock()
	if ok {
		return tok
	}
	res := a.Do(Request{Method: http.MethodPost, Path: "/api/v1/auth/login", Body: map[string]string{"username": username, "password": DemoPassword}})
	if res.Code != http.StatusOK {
		a.T.Fatalf("signing in %s: %d %s", username, res.Code, res.Body.String())
	}
	var s struct {
		AccessToken string `json:"access_token"`
	}
	res.JSON(&s)
	a.mu.Lock()
	a.tokens[username] = s.AccessToken
	a.mu.Unlock()
	return s.AccessToken
}

// Multipart builds a multipart body with one file field and plain fields.
func Multipart(field, filename string, content []byte, fields map[string]string) ([]byte, string) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range fields {
		w.WriteField(k, v)
	}
	f, _ := w.CreateFormFile(field, filename)
	f.Write(content)
	w.Close()
	return buf.Bytes(), w.FormDataContentType()
}

var specRouter = sync.OnceValues(func() (routers.Router, error) {
	doc, err := server.LoadSpec()
	if err != nil {
		return nil, err
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, err
	}
	doc.Servers = openapi3.Servers{{URL: "/"}}
	return gorillamux.NewRouter(doc)
})

// validate checks an /api/v1 answer against the OpenAPI document: the route
// must be described, and the status and body must match its response.
func (a *API) validate(r *http.Request, w *httptest.ResponseRecorder) {
	a.T.Helper()
	if !strings.HasPrefix(r.URL.Path, "/api/v1/") || r.URL.Path == "/api/v1/openapi.json" {
		return
	}
	router, err := specRouter()
	if err != nil {
		a.T.Fatalf("openapi document: %v", err)
	}
	route, params, err := router.FindRoute(r)
	if err != nil {
		if w.Code == http.StatusNotFound || w.Code == http.StatusMethodNotAllowed || w.Code == http.StatusBadRequest {
			return // unknown routes answer the error shape; nothing to describe
		}
		a.T.Errorf("openapi: %s %s is not described: %v", r.Method, r.URL.Path, err)
		return
	}
	in := &openapi3filter.RequestValidationInput{Request: r, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, ExcludeRequestBody: true}}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: w.Code, Header: w.Header(),
		Options: &openapi3filter.Options{IncludeResponseStatus: true}}
	out.SetBodyBytes(w.Body.Bytes())
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		a.T.Errorf("openapi: %s %s answered %d not as described: %v\nbody: %.500s", r.Method, r.URL.Path, w.Code, err, w.Body.String())
	}
}
