package org_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/govtrain/lms/api/apitest"
	"github.com/govtrain/lms/api/org"
)

type page struct {
	Items []org.Person `json:"items"`
	Total int          `json:"total"`
}

func list(t *testing.T, a *apitest.API, as string, query url.Values) page {
	t.Helper()
	res := a.Get("/api/v1/people?"+query.Encode(), as)
	if res.Code != http.StatusOK {
		t.Fatalf("list %v: got %d %s", query, res.Code, res.Body)
	}
	var p page
	res.JSON(&p)
	return p
}

func agencyID(t *testing.T, a *apitest.API, code string) int64 {
	t.Helper()
	var id int64
	if err := a.DB.Get(&id, `SELECT id FROM agencies WHERE code = $1`, code); err != nil {
		t.Fatalf("agency %s: %v", code, err)
	}
	return id
}

func TestSearchIgnoresDiacritics(t *testing.T) {
	a := apitest.New(t)
	for _, q := range []string{"nguyen van an", "Nguyễn Văn An", "NGUYEN  VAN   AN", "nguyễn van an"} {
		p := list(t, a, "noivu", url.Values{"q": {q}})
		found := false
		for _, it := range p.Items {
			if it.FullName == "Nguyễn Văn An" {
				found = true
			}
			if !strings.Contains(org.FoldForTest(it.FullName), "nguyen van an") {
				t.Errorf("q=%q matched %q", q, it.FullName)
			}
		}
		if !found {
			t.Errorf("q=%q did not find Nguyễn Văn An (%d results)", q, p.Total)
		}
	}
	// Wildcards typed by a user are text, not patterns.
	if p := list(t, a, "noivu", url.Values{"q": {"%"}}); p.Total != 0 {
		t.Errorf("q=%%: got %d results, want 0", p.Total)
	}
}

func TestListIsScopedAndPaged(t *testing.T) {
	a := apitest.New(t)
	var all, canLoc int
	a.DB.Get(&all, `SELECT count(*) FROM people`)
	a.DB.Get(&canLoc, `SELECT count(*) FROM people p JOIN agencies a ON a.id = p.agency_id WHERE a.code = '443' OR a.code LIKE '443-%'`)
	if p := list(t, a, "noivu", nil); p.Total != all || len(p.Items) != 20 {
		t.Errorf("home affairs: got %d total, %d items; want %d, 20", p.Total, len(p.Items), all)
	}
	mgr := list(t, a, "quanly", url.Values{"page_size": {"200"}})
	if mgr.Total != canLoc || len(mgr.Items) != canLoc {
		t.Errorf("agency manager: got %d total, %d items; want %d", mgr.Total, len(mgr.Items), canLoc)
	}
	var inCanLoc []int64
	a.DB.Select(&inCanLoc, `SELECT id FROM agencies WHERE code = '443' OR code LIKE '443-%'`)
	for _, it := range mgr.Items {
		if !slices.Contains(inCanLoc, it.AgencyID) {
			t.Errorf("agency manager sees %s of %s", it.FullName, it.AgencyName)
		}
	}
	// A filter on an agency outside the scope narrows, it does not widen.
	if p := list(t, a, "quanly", url.Values{"agency_id": {fmt.Sprint(agencyID(t, a, "SNV"))}}); p.Total != 0 {
		t.Errorf("agency manager filtering on Sở Nội vụ: got %d, want 0", p.Total)
	}
	// Pages do not overlap and the last page is short.
	seen := map[int64]bool{}
	for pg := 1; pg <= (canLoc+6)/7; pg++ {
		p := list(t, a, "quanly", url.Values{"page": {fmt.Sprint(pg)}, "page_size": {"7"}})
		for _, it := range p.Items {
			if seen[it.ID] {
				t.Errorf("person %d on two pages", it.ID)
			}
			seen[it.ID] = true
		}
	}
	if len(seen) != canLoc {
		t.Errorf("paging saw %d people, want %d", len(seen), canLoc)
	}
	if p := list(t, a, "quanly", url.Values{"page": {"999"}}); len(p.Items) != 0 || p.Total != canLoc {
		t.Errorf("past the end: got %d items, total %d", len(p.Items), p.Total)
	}
}

func TestListSortsTheVietnameseWay(t *testing.T) {
	a := apitest.New(t)
	p := list(t, a, "noivu", url.Values{"page_size": {"200"}, "agency_id": {fmt.Sprint(agencyID(t, a, "HT"))}})
	for i := 1; i < len(p.Items); i++ {
		prev, cur := p.Items[i-1], p.Items[i]
		if org.CompareVN(prev.GivenName, cur.GivenName) > 0 {
			t.Fatalf("%q (%s) sorted before %q (%s)", prev.FullName, prev.GivenName, cur.FullName, cur.GivenName)
		}
	}
}

func TestListFiltersAndBadQueries(t *testing.T) {
	a := apitest.New(t)
	prof := list(t, a, "noivu", url.Values{"professional": {"false"}, "kind": {"vien_chuc"}, "page_size": {"200"}})
	for _, it := range prof.Items {
		if it.Professional || it.Kind != "vien_chuc" {
			t.Errorf("filter returned %+v", it)
		}
	}
	for _, q := range []string{"page=0", "page_size=500", "kind=boss", "professional=maybe", "sort=salary", "agency_id=x"} {
		if res := a.Get("/api/v1/people?"+q, "noivu"); res.Code != http.StatusBadRequest {
			t.Errorf("%s: got %d, want 400", q, res.Code)
		}
	}
}

func TestCreateEditDeactivate(t *testing.T) {
	a := apitest.New(t)
	nghen := agencyID(t, a, "443-nghen")
	body := map[string]any{"code": "CL0001", "family_name": " Hồ ", "middle_name": "Thị  Thu", "given_name": "Hà",
		"gender": "female", "birth_date": "1985-03-05", "email": "HATT@HATINH.GOV.VN", "phone": "0912 345 678",
		"agency_id": nghen, "kind": "cong_chuc", "professional": true, "job_title": "Công chức Văn phòng - Thống kê"}
	res := a.Do(apitest.Request{Method: "POST", Path: "/api/v1/people", As: "quanly", Body: body})
	if res.Code != http.StatusCreated {
		t.Fatalf("create: got %d %s", res.Code, res.Body)
	}
	var p org.Person
	res.JSON(&p)
	if p.FullName != "Hồ Thị Thu Hà" || p.Email != "hatt@hatinh.gov.vn" || p.Version != 1 || p.ITQualification != "none" {
		t.Errorf("created %+v", p)
	}
	if got := list(t, a, "quanly", url.Values{"q": {"ho thi thu ha"}}); got.Total != 1 {
		t.Errorf("search for the new person: got %d", got.Total)
	}
	// The same code again is a conflict naming the field.
	if res := a.Do(apitest.Request{Method: "POST", Path: "/api/v1/people", As: "quanly", Body: body}); res.Code != http.StatusConflict {
		t.Errorf("duplicate code: got %d %s", res.Code, res.Body)
	}
	// Move to another commune of Can Lộc: the membership history follows.
	thienLoc := agencyID(t, a, "443-thienloc")
	patch := map[string]any{"version": 1, "agency_id": thienLoc, "job_title": "Công chức Tư pháp - Hộ tịch"}
	res = a.Do(apitest.Request{Method: "PATCH", Path: fmt.Sprintf("/api/v1/people/%d", p.ID), As: "quanly", Body: patch})
	if res.Code != http.StatusOK {
		t.Fatalf("edit: got %d %s", res.Code, res.Body)
	}
	res.JSON(&p)
	if p.Version != 2 || p.AgencyID != thienLoc {
		t.Errorf("after edit: %+v", p)
	}
	var memberships int
	a.DB.Get(&memberships, `SELECT count(*) FROM memberships WHERE person_id = $1 AND valid_to IS NULL AND agency_id = $2`, p.ID, thienLoc)
	if memberships != 1 {
		t.Errorf("current membership in the new agency: got %d, want 1", memberships)
	}
	// A stale version is refused and changes nothing.
	res = a.Do(apitest.Request{Method: "PATCH", Path: fmt.Sprintf("/api/v1/people/%d", p.ID), As: "quanly", Body: map[string]any{"version": 1, "given_name": "Hoa"}})
	if res.Code != http.StatusConflict || res.ErrorCode() != "version_conflict" {
		t.Errorf("stale version: got %d %s", res.Code, res.Body)
	}
	// Moving someone out of one's own scope is refused.
	res = a.Do(apitest.Request{Method: "PATCH", Path: fmt.Sprintf("/api/v1/people/%d", p.ID), As: "quanly",
		Body: map[string]any{"version": 2, "agency_id": agencyID(t, a, "SNV")}})
	if res.Code != http.StatusBadRequest {
		t.Errorf("move out of scope: got %d %s", res.Code, res.Body)
	}
	res = a.Do(apitest.Request{Method: "POST", Path: fmt.Sprintf("/api/v1/people/%d/deactivate", p.ID), As: "quanly"})
	if res.Code != http.StatusOK {
		t.Fatalf("deactivate: got %d", res.Code)
	}
	res.JSON(&p)
	if p.Active {
		t.Error("still active after deactivate")
	}
	if got := list(t, a, "quanly", url.Values{"q": {"ho thi thu ha"}, "active": {"true"}}); got.Total != 0 {
		t.Errorf("deactivated person in the active list")
	}
	var actions []string
	a.DB.Select(&actions, `SELECT action FROM audit_log WHERE entity_type = 'person' AND entity_id = $1 ORDER BY id`, fmt.Sprint(p.ID))
	if strings.Join(actions, ",") != "person.created,person.updated,person.deactivated" {
		t.Errorf("audit trail: %v", actions)
	}
}

func TestCreateValidation(t *testing.T) {
	a := apitest.New(t)
	nghen := agencyID(t, a, "443-nghen")
	cases := []struct {
		name  string
		body  map[string]any
		field string
	}{
		{"no code", map[string]any{"family_name": "Lê", "given_name": "Na", "agency_id": nghen, "kind": "cong_chuc"}, "code"},
		{"bad code", map[string]any{"code": "A B", "family_name": "Lê", "given_name": "Na", "agency_id": nghen, "kind": "cong_chuc"}, "code"},
		{"no given name", map[string]any{"code": "X1", "family_name": "Lê", "agency_id": nghen, "kind": "cong_chuc"}, "given_name"},
		{"digits in name", map[string]any{"code": "X1", "family_name": "Lê", "given_name": "Na1", "agency_id": nghen, "kind": "cong_chuc"}, "given_name"},
		{"bad kind", map[string]any{"code": "X1", "family_name": "Lê", "given_name": "Na", "agency_id": nghen, "kind": "boss"}, "kind"},
		{"bad email", map[string]any{"code": "X1", "family_name": "Lê", "given_name": "Na", "agency_id": nghen, "kind": "cong_chuc", "email": "na@"}, "email"},
		{"child", map[string]any{"code": "X1", "family_name": "Lê", "given_name": "Na", "agency_id": nghen, "kind": "cong_chuc", "birth_date": "2020-01-01"}, "birth_date"},
		{"no agency", map[string]any{"code": "X1", "family_name": "Lê", "given_name": "Na", "agency_id": 999999, "kind": "cong_chuc"}, "agency_id"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := a.Do(apitest.Request{Method: "POST", Path: "/api/v1/people", As: "noivu", Body: c.body})
			var e struct {
				Error struct {
					Details struct {
						Fields map[string]string `json:"fields"`
					} `json:"details"`
				} `json:"error"`
			}
			res.JSON(&e)
			if res.Code != http.StatusBadRequest || e.Error.Details.Fields[c.field] == "" {
				t.Errorf("got %d %s, want 400 naming %s", res.Code, res.Body, c.field)
			}
		})
	}
	if res := a.Do(apitest.Request{Method: "POST", Path: "/api/v1/people", As: "noivu", Body: `{"code":"X","birth_date":"05/03/1985"}`, ContentType: "application/json"}); res.Code != http.StatusBadRequest {
		t.Errorf("date in the wrong format: got %d", res.Code)
	}
	var n int
	a.DB.Get(&n, `SELECT count(*) FROM people WHERE code IN ('X1', 'X')`)
	if n != 0 {
		t.Errorf("%d invalid people were written", n)
	}
}

func TestAgencies(t *testing.T) {
	a := apitest.New(t)
	var tree struct {
		Items []org.Agency `json:"items"`
	}
	a.Get("/api/v1/agencies", "quanly").JSON(&tree)
	var canLoc int
	a.DB.Get(&canLoc, `SELECT count(*) FROM agencies WHERE code = '443' OR code LIKE '443-%'`)
	if len(tree.Items) != canLoc {
		t.Errorf("agency manager sees %d agencies, want %d", len(tree.Items), canLoc)
	}
	canLocID := agencyID(t, a, "443")
	res := a.Do(apitest.Request{Method: "POST", Path: "/api/v1/agencies", As: "noivu", Body: map[string]any{
		"parent_id": canLocID, "code": "443-moi", "name": "UBND xã Mới", "name_en": "Moi Commune", "level": "commune"}})
	if res.Code != http.StatusCreated {
		t.Fatalf("create agency: got %d %s", res.Code, res.Body)
	}
	var ag org.Agency
	res.JSON(&ag)
	// The new commune is inside the manager's scope at once (closure table).
	if r := a.Get(fmt.Sprintf("/api/v1/agencies/%d", ag.ID), "quanly"); r.Code != http.StatusOK {
		t.Errorf("manager reading the new commune: got %d", r.Code)
	}
	// A district cannot move under its own commune.
	res = a.Do(apitest.Request{Method: "PATCH", Path: fmt.Sprintf("/api/v1/agencies/%d", canLocID), As: "noivu", Body: map[string]any{"parent_id": ag.ID}})
	if res.Code != http.StatusBadRequest {
		t.Errorf("cycle: got %d %s", res.Code, res.Body)
	}
	for name, body := range map[string]map[string]any{
		"bad level":  {"parent_id": canLocID, "code": "443-x", "name": "X", "level": "galaxy"},
		"bad sector": {"parent_id": canLocID, "code": "443-y", "name": "Y", "level": "commune", "sectors": []string{"space"}},
		"no parent":  {"code": "443-z", "name": "Z", "level": "commune"},
		"taken code": {"parent_id": canLocID, "code": "443", "name": "Z", "level": "commune"},
	} {
		if r := a.Do(apitest.Request{Method: "POST", Path: "/api/v1/agencies", As: "admin", Body: body}); r.Code != http.StatusBadRequest && r.Code != http.StatusConflict {
			t.Errorf("%s: got %d %s", name, r.Code, r.Body)
		}
	}
	// A merger: the new commune takes over Nghèn from 01/07/2009; the link clears with 0.
	nghen := agencyID(t, a, "443-nghen")
	patch := func(body map[string]any) (org.Agency, int) {
		r := a.Do(apitest.Request{Method: "PATCH", Path: fmt.Sprintf("/api/v1/agencies/%d", ag.ID), As: "noivu", Body: body})
		var out org.Agency
		if r.Code == http.StatusOK {
			r.JSON(&out)
		}
		return out, r.Code
	}
	if got, code := patch(map[string]any{"successor_of": nghen, "valid_from": "2009-07-01"}); code != http.StatusOK || got.SuccessorOf == nil || *got.SuccessorOf != nghen {
		t.Errorf("successor_of: %d %+v", code, got)
	}
	if got, code := patch(map[string]any{"name": "UBND thị trấn Nghèn mới"}); code != http.StatusOK || got.SuccessorOf == nil {
		t.Errorf("an edit without successor_of keeps it: %d %+v", code, got)
	}
	for _, bad := range []int64{ag.ID, 987654321} {
		if _, code := patch(map[string]any{"successor_of": bad}); code != http.StatusBadRequest {
			t.Errorf("successor_of %d: got %d", bad, code)
		}
	}
	if got, code := patch(map[string]any{"successor_of": 0}); code != http.StatusOK || got.SuccessorOf != nil {
		t.Errorf("successor_of 0 clears: %d %+v", code, got)
	}
}
