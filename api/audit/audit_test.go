package audit_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/govtrain/lms/api/apitest"
)

type page struct {
	Items []struct {
		Action    string `json:"action"`
		ActorName string `json:"actor_name"`
		EntityID  string `json:"entity_id"`
	} `json:"items"`
	Total int `json:"total"`
}

func TestBrowseAndFilter(t *testing.T) {
	a := apitest.New(t)
	a.Token("quanly") // auth.login
	a.Do(apitest.Request{Method: http.MethodPost, Path: "/api/v1/auth/login", Body: map[string]string{"username": "quanly", "password": "wrong-one"}})
	get := func(q url.Values) page {
		t.Helper()
		res := a.Get("/api/v1/audit?"+q.Encode(), "noivu")
		if res.Code != http.StatusOK {
			t.Fatalf("audit %v: got %d %s", q, res.Code, res.Body)
		}
		var p page
		res.JSON(&p)
		return p
	}
	all := get(nil)
	if all.Total < 3 || all.Items[0].Action != "auth.login" || all.Items[0].ActorName != "noivu" {
		t.Errorf("newest first: got %d rows, first %+v", all.Total, all.Items)
	}
	failed := get(url.Values{"action": {"auth.login_failed"}})
	if failed.Total != 1 || failed.Items[0].EntityID == "" {
		t.Errorf("login_failed: %+v", failed)
	}
	if p := get(url.Values{"from": {"2000-01-01"}, "to": {"2000-12-31"}}); p.Total != 0 {
		t.Errorf("an old date range: got %d rows", p.Total)
	}
	if p := get(url.Values{"entity_type": {"system"}}); p.Total != 1 || p.Items[0].Action != "seed.loaded" {
		t.Errorf("seed entry: %+v", p)
	}
	for _, q := range []string{"from=26/11/2026", "actor_id=abc", "page=-1"} {
		if res := a.Get("/api/v1/audit?"+q, "admin"); res.Code != http.StatusBadRequest {
			t.Errorf("%s: got %d, want 400", q, res.Code)
		}
	}
}
