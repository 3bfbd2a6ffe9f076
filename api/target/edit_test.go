package target_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/govtrain/lms/api/apitest"
)

// TestDefinitions: the editing list holds every target, an inactive one
// too, with its place and version, which a change then bumps.
func TestDefinitions(t *testing.T) {
	a := apitest.New(t)
	type definition struct {
		ID       int64  `json:"id"`
		Code     string `json:"code"`
		Position int    `json:"position"`
		Active   bool   `json:"active"`
		Version  int    `json:"version"`
	}
	list := func() map[string]definition {
		res := a.Get("/api/v1/targets/definitions", "noivu")
		if res.Code != http.StatusOK {
			t.Fatalf("definitions: %d %s", res.Code, res.Body)
		}
		var v struct{ Items []definition }
		res.JSON(&v)
		out := map[string]definition{}
		for _, d := range v.Items {
			out[d.Code] = d
		}
		return out
	}
	body := map[string]any{"code": "XA-HOP-THU", "text_vi": "Mỗi xã có hộp thư công vụ", "population": "agencies_of_levels",
		"metric": "has_mailbox", "params": map[string]any{"levels": []string{"commune"}}, "rule": "ge", "threshold": 100,
		"deadline": "2010-12-31", "position": 42, "active": false}
	if res := a.Do(apitest.Request{Method: "POST", Path: "/api/v1/targets", As: "noivu", Body: body}); res.Code != http.StatusCreated {
		t.Fatalf("create: %d %s", res.Code, res.Body)
	}
	before := list()
	d, ok := before["XA-HOP-THU"]
	if !ok || d.Active || d.Position != 42 || d.Version != 1 {
		t.Fatalf("the inactive target: got %+v (listed %v), want inactive at 42, version 1", d, ok)
	}
	body["active"], body["version"] = true, d.Version
	if res := a.Do(apitest.Request{Method: "PUT", Path: fmt.Sprintf("/api/v1/targets/%d", d.ID), As: "noivu", Body: body}); res.Code != http.StatusOK {
		t.Fatalf("update: %d %s", res.Code, res.Body)
	}
	if got := list()["XA-HOP-THU"]; !got.Active || got.Version != 2 {
		t.Errorf("after the change: got %+v, want active, version 2", got)
	}
	if res := a.Get("/api/v1/targets/definitions", "quanly"); res.Code != http.StatusForbidden {
		t.Errorf("a manager: got %d, want 403", res.Code)
	}
}
