package auth_test

import (
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/govtrain/lms/api/apitest"
)

func login(a *apitest.API, username, password string) apitest.Response {
	a.T.Helper()
	return a.Do(apitest.Request{Method: http.MethodPost, Path: "/api/v1/auth/login",
		Body: map[string]string{"username": username, "password": password}})
}

func refreshCookie(t *testing.T, res apitest.Response) *http.Cookie {
	t.Helper()
	for _, c := range res.Result().Cookies() {
		if c.Name == "lms_refresh" {
			if !c.HttpOnly || c.SameSite != http.SameSiteStrictMode || c.Path != "/api/v1/auth" {
				t.Errorf("refresh cookie %+v: want HttpOnly, SameSite=Strict, Path=/api/v1/auth", c)
			}
			return c
		}
	}
	t.Fatalf("no refresh cookie in %v", res.Header())
	return nil
}

func TestLoginAndMe(t *testing.T) {
	a := apitest.New(t)
	res := login(a, "quanly", apitest.DemoPassword)
	if res.Code != http.StatusOK {
		t.Fatalf("login: got %d %s", res.Code, res.Body)
	}
	var s struct {
		AccessToken string `json:"access_token"`
		ExpiresIn   int    `json:"expires_in"`
		User        struct {
			Role       string `json:"role"`
			AgencyName string `json:"agency_name"`
		} `json:"user"`
	}
	res.JSON(&s)
	if s.User.Role != "agency_manager" || s.User.AgencyName != "UBND huyện Can Lộc" || s.ExpiresIn != 900 {
		t.Errorf("login answer: got %+v", s)
	}
	refreshCookie(t, res)
	me := a.Do(apitest.Request{Method: http.MethodGet, Path: "/api/v1/me", Token: s.AccessToken})
	if me.Code != http.StatusOK || !strings.Contains(me.Body.String(), `"username":"quanly"`) {
		t.Errorf("me: got %d %s", me.Code, me.Body)
	}
	var n int
	a.DB.Get(&n, `SELECT count(*) FROM audit_log WHERE action = 'auth.login' AND actor_name = 'quanly'`)
	if n != 1 {
		t.Errorf("audit auth.login rows: got %d, want 1", n)
	}
}

func TestLoginRefusals(t *testing.T) {
	a := apitest.New(t)
	cases := []struct {
		name, body, ct string
		status         int
		code           string
	}{
		{"wrong password", `{"username":"admin","password":"nope-nope"}`, "application/json", 401, "invalid_credentials"},
		{"unknown user", `{"username":"ghost","password":"nope-nope"}`, "application/json", 401, "invalid_credentials"},
		{"empty", `{}`, "application/json", 401, "invalid_credentials"},
		{"unknown field", `{"username":"admin","password":"x","admin":true}`, "application/json", 400, "unknown_field"},
		{"not json", `username=admin`, "application/x-www-form-urlencoded", 415, "unsupported_media_type"},
		{"broken json", `{"username":`, "application/json", 400, "invalid_json"},
		{"two values", `{"username":"a","password":"b"}{}`, "application/json", 400, "invalid_json"},
		{"huge body", `{"username":"` + strings.Repeat("a", 2<<20) + `"}`, "application/json", 413, "too_large"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := a.Do(apitest.Request{Method: http.MethodPost, Path: "/api/v1/auth/login", Body: c.body, ContentType: c.ct})
			if res.Code != c.status || res.ErrorCode() != c.code {
				t.Errorf("got %d %s, want %d %s", res.Code, res.Body.String()[:min(200, res.Body.Len())], c.status, c.code)
			}
		})
	}
}

func TestDisabledAccount(t *testing.T) {
	a := apitest.New(t)
	tok := a.Token("giangvien")
	a.DB.MustExec(`UPDATE users SET active = false WHERE username = 'giangvien'`)
	if res := a.Do(apitest.Request{Method: http.MethodGet, Path: "/api/v1/me", Token: tok}); res.Code != http.StatusUnauthorized || res.ErrorCode() != "account_disabled" {
		t.Errorf("/me with the token of a disabled account: got %d %s", res.Code, res.Body)
	}
	if res := login(a, "giangvien", apitest.DemoPassword); res.Code != http.StatusForbidden || res.ErrorCode() != "account_disabled" {
		t.Errorf("got %d %s, want 403 account_disabled", res.Code, res.Body)
	}
}

func TestThrottlePerAccount(t *testing.T) {
	a := apitest.New(t)
	for i := 0; i < 10; i++ {
		if res := login(a, "hocvien", "wrong-password"); res.Code != http.StatusUnauthorized {
			t.Fatalf("attempt %d: got %d, want 401", i+1, res.Code)
		}
	}
	// The right password no longer helps: the account is throttled.
	res := login(a, "hocvien", apitest.DemoPassword)
	if res.Code != http.StatusTooManyRequests || res.ErrorCode() != "too_many_attempts" {
		t.Fatalf("11th attempt: got %d %s, want 429", res.Code, res.Body)
	}
	var e struct {
		Error struct {
			Details struct {
				RetryAfter int `json:"retry_after_seconds"`
			} `json:"details"`
		} `json:"error"`
	}
	res.JSON(&e)
	if e.Error.Details.RetryAfter < 800 || e.Error.Details.RetryAfter > 900 {
		t.Errorf("retry_after_seconds: got %d, want about 900", e.Error.Details.RetryAfter)
	}
	// Once the window has passed, the account works again.
	a.DB.MustExec(`UPDATE login_failures SET at = at - interval '16 minutes'`)
	if res := login(a, "hocvien", apitest.DemoPassword); res.Code != http.StatusOK {
		t.Errorf("after the window: got %d, want 200", res.Code)
	}
}

func TestThrottlePerClient(t *testing.T) {
	a := apitest.New(t)
	// 30 failures from one address, spread over accounts that do not exist.
	a.DB.MustExec(`INSERT INTO login_failures (username, client) SELECT 'user' || g, '192.0.2.10' FROM generate_series(1, 30) g`)
	if res := login(a, "admin", apitest.DemoPassword); res.Code != http.StatusTooManyRequests {
		t.Errorf("from a noisy client: got %d, want 429", res.Code)
	}
	other := a.Do(apitest.Request{Method: http.MethodPost, Path: "/api/v1/auth/login",
		Header: http.Header{"X-Forwarded-For": {"198.51.100.7"}},
		Body:   map[string]string{"username": "admin", "password": apitest.DemoPassword}})
	if other.Code != http.StatusTooManyRequests {
		t.Errorf("X-Forwarded-For from an untrusted peer must be ignored: got %d, want 429", other.Code)
	}
}

func TestRefreshRotationAndReuse(t *testing.T) {
	a := apitest.New(t)
	first := refreshCookie(t, login(a, "noivu", apitest.DemoPassword))
	refresh := func(c *http.Cookie) apitest.Response {
		return a.Do(apitest.Request{Method: http.MethodPost, Path: "/api/v1/auth/refresh", Cookies: []*http.Cookie{c}})
	}
	res := refresh(first)
	if res.Code != http.StatusOK {
		t.Fatalf("refresh: got %d %s", res.Code, res.Body)
	}
	second := refreshCookie(t, res)
	if second.Value == first.Value {
		t.Fatal("refresh did not rotate the token")
	}
	// Replaying the first token is theft: it fails and kills the family.
	if res := refresh(first); res.Code != http.StatusUnauthorized {
		t.Fatalf("reused token: got %d, want 401", res.Code)
	}
	if res := refresh(second); res.Code != http.StatusUnauthorized {
		t.Errorf("token of a revoked family: got %d, want 401", res.Code)
	}
	var n int
	a.DB.Get(&n, `SELECT count(*) FROM audit_log WHERE action = 'auth.refresh_reused'`)
	if n != 1 {
		t.Errorf("audit auth.refresh_reused: got %d rows, want 1", n)
	}
	if res := refresh(&http.Cookie{Name: "lms_refresh", Value: "made-up"}); res.Code != http.StatusUnauthorized {
		t.Errorf("unknown token: got %d, want 401", res.Code)
	}
	if res := a.Do(apitest.Request{Method: http.MethodPost, Path: "/api/v1/auth/refresh"}); res.Code != http.StatusUnauthorized {
		t.Errorf("no cookie: got %d, want 401", res.Code)
	}
}

func TestConcurrentRefreshGivesOneWinner(t *testing.T) {
	a := apitest.New(t)
	c := refreshCookie(t, login(a, "admin", apitest.DemoPassword))
	var wg sync.WaitGroup
	codes := make(chan int, 8)
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes <- a.Do(apitest.Request{Method: http.MethodPost, Path: "/api/v1/auth/refresh", Cookies: []*http.Cookie{c}}).Code
		}()
	}
	wg.Wait()
	close(codes)
	ok := 0
	for code := range codes {
		if code == http.StatusOK {
			ok++
		}
	}
	if ok != 1 {
		t.Errorf("concurrent refreshes of one token: %d succeeded, want exactly 1", ok)
	}
}

func TestLogoutRevokes(t *testing.T) {
	a := apitest.New(t)
	c := refreshCookie(t, login(a, "admin", apitest.DemoPassword))
	if res := a.Do(apitest.Request{Method: http.MethodPost, Path: "/api/v1/auth/logout", Cookies: []*http.Cookie{c}}); res.Code != http.StatusNoContent {
		t.Fatalf("logout: got %d", res.Code)
	}
	if res := a.Do(apitest.Request{Method: http.MethodPost, Path: "/api/v1/auth/refresh", Cookies: []*http.Cookie{c}}); res.Code != http.StatusUnauthorized {
		t.Errorf("refresh after logout: got %d, want 401", res.Code)
	}
	var who string
	a.DB.Get(&who, `SELECT actor_name FROM audit_log WHERE action = 'auth.logout'`)
	if who != "admin" {
		t.Errorf("auth.logout audited as %q, want admin", who)
	}
}

func TestChangePassword(t *testing.T) {
	a := apitest.New(t)
	old := refreshCookie(t, login(a, "hocvien", apitest.DemoPassword))
	change := func(cur, next string) apitest.Response {
		return a.Do(apitest.Request{Method: http.MethodPost, Path: "/api/v1/me/password", As: "hocvien",
			Body: map[string]string{"current_password": cur, "new_password": next}})
	}
	if res := change("wrong", "Mat-khau-moi-2026"); res.Code != http.StatusBadRequest || res.ErrorCode() != "wrong_password" {
		t.Errorf("wrong current: got %d %s", res.Code, res.Body)
	}
	if res := change(apitest.DemoPassword, "short"); res.Code != http.StatusBadRequest || res.ErrorCode() != "weak_password" {
		t.Errorf("weak: got %d %s", res.Code, res.Body)
	}
	res := change(apitest.DemoPassword, "Mat-khau-moi-2026")
	if res.Code != http.StatusNoContent {
		t.Fatalf("change: got %d %s", res.Code, res.Body)
	}
	fresh := refreshCookie(t, res)
	if r := a.Do(apitest.Request{Method: http.MethodPost, Path: "/api/v1/auth/refresh", Cookies: []*http.Cookie{old}}); r.Code != http.StatusUnauthorized {
		t.Errorf("old session after a password change: got %d, want 401", r.Code)
	}
	if r := a.Do(apitest.Request{Method: http.MethodPost, Path: "/api/v1/auth/refresh", Cookies: []*http.Cookie{fresh}}); r.Code != http.StatusOK {
		t.Errorf("the changing session: got %d, want 200", r.Code)
	}
	if r := login(a, "hocvien", "Mat-khau-moi-2026"); r.Code != http.StatusOK {
		t.Errorf("login with the new password: got %d", r.Code)
	}
}

// TestBadTokens: every malformed or forged access token is the same 401.
func TestBadTokens(t *testing.T) {
	a := apitest.New(t)
	secret := []byte(a.Config.JWTSecret)
	good := jwt.MapClaims{"iss": "lms", "aud": []string{"lms-api"}, "sub": "1", "typ": "access", "role": "admin",
		"iat": time.Now().Unix(), "exp": time.Now().Add(time.Minute).Unix()}
	sign := func(m jwt.SigningMethod, claims jwt.MapClaims, key any) string {
		s, err := jwt.NewWithClaims(m, claims).SignedString(key)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	with := func(k string, v any) jwt.MapClaims {
		c := jwt.MapClaims{}
		for kk, vv := range good {
			c[kk] = vv
		}
		if v == nil {
			delete(c, k)
		} else {
			c[k] = v
		}
		return c
	}
	// The control: a token made the same way with the right key works.
	if res := a.Do(apitest.Request{Method: http.MethodGet, Path: "/api/v1/me", Token: sign(jwt.SigningMethodHS256, good, secret)}); res.Code != http.StatusOK {
		t.Fatalf("control token: got %d %s", res.Code, res.Body)
	}
	none := sign(jwt.SigningMethodNone, good, jwt.UnsafeAllowNoneSignatureType)
	loginRes := login(a, "admin", apitest.DemoPassword)
	refresh := refreshCookie(t, loginRes).Value
	cases := map[string]string{
		"alg none":           none,
		"HS512":              sign(jwt.SigningMethodHS512, good, secret),
		"bad signature":      sign(jwt.SigningMethodHS256, good, []byte("another-secret-another-secret-0123")),
		"expired":            sign(jwt.SigningMethodHS256, with("exp", time.Now().Add(-time.Hour).Unix()), secret),
		"no expiry":          sign(jwt.SigningMethodHS256, with("exp", nil), secret),
		"wrong issuer":       sign(jwt.SigningMethodHS256, with("iss", "someone-else"), secret),
		"wrong audience":     sign(jwt.SigningMethodHS256, with("aud", []string{"other-api"}), secret),
		"not an access type": sign(jwt.SigningMethodHS256, with("typ", "refresh"), secret),
		"unknown role":       sign(jwt.SigningMethodHS256, with("role", "root"), secret),
		"refresh token":      refresh,
		"garbage":            "abc.def.ghi",
		"empty":              "",
		"megabyte of dots":   strings.Repeat(".", 1<<20),
	}
	for name, tok := range cases {
		t.Run(name, func(t *testing.T) {
			req := apitest.Request{Method: http.MethodGet, Path: "/api/v1/me",
				Header: http.Header{"Authorization": {"Bearer " + tok}}}
			if res := a.Do(req); res.Code != http.StatusUnauthorized {
				t.Errorf("got %d %s, want 401", res.Code, res.Body)
			}
		})
	}
	if res := a.Do(apitest.Request{Method: http.MethodDelete, Path: "/api/v1/me", As: "admin"}); res.Code != http.StatusMethodNotAllowed {
		t.Errorf("wrong method: got %d, want 405", res.Code)
	}
	if res := a.Do(apitest.Request{Method: http.MethodGet, Path: "/api/v1/me", Header: http.Header{"Authorization": {"Basic YWRtaW46YWRtaW4="}}}); res.Code != http.StatusUnauthorized {
		t.Errorf("basic auth: got %d, want 401", res.Code)
	}
}

func TestUserAdministration(t *testing.T) {
	a := apitest.New(t)
	var canLoc int64
	a.DB.Get(&canLoc, `SELECT id FROM agencies WHERE code = '443'`)
	res := a.Do(apitest.Request{Method: http.MethodPost, Path: "/api/v1/users", As: "admin", Body: map[string]any{
		"username": "quanly2", "password": "Mat-khau-2026", "role": "agency_manager", "agency_id": canLoc, "display_name": "Phó phòng Nội vụ"}})
	if res.Code != http.StatusCreated {
		t.Fatalf("create: got %d %s", res.Code, res.Body)
	}
	var u struct {
		ID                 int64  `json:"id"`
		MustChangePassword bool   `json:"must_change_password"`
		AgencyName         string `json:"agency_name"`
	}
	res.JSON(&u)
	if !u.MustChangePassword || u.AgencyName != "UBND huyện Can Lộc" {
		t.Errorf("created %+v", u)
	}
	if strings.Contains(res.Body.String(), "argon2") {
		t.Error("the password hash leaked")
	}
	for name, body := range map[string]map[string]any{
		"taken":           {"username": "quanly2", "password": "Mat-khau-2026", "role": "learner"},
		"bad username":    {"username": "Quản Lý", "password": "Mat-khau-2026", "role": "learner"},
		"weak password":   {"username": "abc", "password": "123", "role": "learner"},
		"bad role":        {"username": "abcd", "password": "Mat-khau-2026", "role": "root"},
		"manager no unit": {"username": "abcde", "password": "Mat-khau-2026", "role": "agency_manager"},
	} {
		if r := a.Do(apitest.Request{Method: http.MethodPost, Path: "/api/v1/users", As: "admin", Body: body}); r.Code != http.StatusBadRequest && r.Code != http.StatusConflict {
			t.Errorf("%s: got %d %s", name, r.Code, r.Body)
		}
	}
	// Search and filter.
	var l struct {
		Total int `json:"total"`
	}
	a.Get("/api/v1/users?role=agency_manager&q=quanly", "admin").JSON(&l)
	if l.Total != 2 {
		t.Errorf("search: got %d, want 2", l.Total)
	}
	// Demoting a user ends their sessions; an admin cannot demote themselves.
	c := refreshCookie(t, login(a, "quanly2", "Mat-khau-2026"))
	path := "/api/v1/users/" + itoa(u.ID)
	if r := a.Do(apitest.Request{Method: http.MethodPatch, Path: path, As: "admin", Body: map[string]any{"role": "learner"}}); r.Code != http.StatusOK {
		t.Fatalf("demote: got %d %s", r.Code, r.Body)
	}
	if r := a.Do(apitest.Request{Method: http.MethodPost, Path: "/api/v1/auth/refresh", Cookies: []*http.Cookie{c}}); r.Code != http.StatusUnauthorized {
		t.Errorf("refresh after a role change: got %d, want 401", r.Code)
	}
	var adminID int64
	a.DB.Get(&adminID, `SELECT id FROM users WHERE username = 'admin'`)
	if r := a.Do(apitest.Request{Method: http.MethodPatch, Path: "/api/v1/users/" + itoa(adminID), As: "admin", Body: map[string]any{"active": false}}); r.Code != http.StatusConflict {
		t.Errorf("self-disable: got %d, want 409", r.Code)
	}
	// A reset password must be changed at the next sign-in.
	if r := a.Do(apitest.Request{Method: http.MethodPost, Path: path + "/password", As: "admin", Body: map[string]any{"new_password": "Tam-thoi-2026"}}); r.Code != http.StatusNoContent {
		t.Fatalf("reset: got %d %s", r.Code, r.Body)
	}
	r := login(a, "quanly2", "Tam-thoi-2026")
	if r.Code != http.StatusOK || !strings.Contains(r.Body.String(), `"must_change_password":true`) {
		t.Errorf("login after reset: got %d %s", r.Code, r.Body)
	}
	if r := a.Get("/api/v1/users/999999", "admin"); r.Code != http.StatusNotFound {
		t.Errorf("unknown user: got %d", r.Code)
	}
	var actions []string
	a.DB.Select(&actions, `SELECT action FROM audit_log WHERE entity_type = 'user' AND entity_id = $1 AND action LIKE 'user.%' ORDER BY id`, itoa(u.ID))
	if strings.Join(actions, ",") != "user.created,user.updated,user.password_reset" {
		t.Errorf("audit trail: %v", actions)
	}
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }
