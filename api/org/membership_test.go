package org_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/govtrain/lms/api/apitest"
)

type membership struct {
	AgencyID   int64   `json:"agency_id"`
	AgencyName string  `json:"agency_name"`
	ValidFrom  string  `json:"valid_from"`
	ValidTo    *string `json:"valid_to"`
}

// TestMoveOnADay: a move is recorded from the day it took effect, the day
// before closes the old membership; the history is listed newest first; a
// day ahead or before the current membership is refused and nothing moves.
func TestMoveOnADay(t *testing.T) {
	a := apitest.New(t)
	var person, from, version int64
	a.DB.Get(&from, `SELECT id FROM agencies WHERE code = 'SNV'`)
	a.DB.Get(&person, `SELECT id FROM people WHERE agency_id = $1 ORDER BY id LIMIT 1`, from)
	a.DB.MustExec(`UPDATE memberships SET valid_from = '2005-03-01' WHERE person_id = $1 AND valid_to IS NULL`, person)
	a.DB.Get(&version, `SELECT version FROM people WHERE id = $1`, person)
	to := agencyID(t, a, "STP")
	path := fmt.Sprintf("/api/v1/people/%d", person)

	for _, c := range []struct {
		day, code string
	}{{"2099-01-01", "in_future"}, {"2005-02-28", "before_current"}} {
		res := a.Do(apitest.Request{Method: "PATCH", Path: path, As: "noivu", Body: map[string]any{"version": version, "agency_id": to, "moved_on": c.day}})
		if res.Code != http.StatusBadRequest || !strings.Contains(res.Body.String(), c.code) {
			t.Errorf("moved_on %s: %d %s, want 400 %s", c.day, res.Code, res.Body, c.code)
		}
	}
	res := a.Do(apitest.Request{Method: "PATCH", Path: path, As: "noivu", Body: map[string]any{"version": version, "agency_id": to, "moved_on": "2009-07-01"}})
	if res.Code != http.StatusOK {
		t.Fatalf("move: %d %s", res.Code, res.Body)
	}
	var hist struct{ Items []membership }
	a.Get(path+"/memberships", "noivu").JSON(&hist)
	if len(hist.Items) != 2 || hist.Items[0].AgencyID != to || hist.Items[0].ValidFrom != "2009-07-01" || hist.Items[0].ValidTo != nil ||
		hist.Items[1].AgencyID != from || hist.Items[1].ValidTo == nil || *hist.Items[1].ValidTo != "2009-06-30" {
		t.Errorf("history %+v", hist.Items)
	}
	// Where they worked on a day is where the targets count them.
	var on string
	a.DB.Get(&on, `SELECT a.code FROM memberships m JOIN agencies a ON a.id = m.agency_id
		WHERE m.person_id = $1 AND m.valid_from <= '2009-06-30' AND (m.valid_to IS NULL OR m.valid_to >= '2009-06-30')`, person)
	if on != "SNV" {
		t.Errorf("on 30/06/2009 at %s, want SNV", on)
	}
	// The agency manager of another district sees no history of this person.
	if res := a.Get(path+"/memberships", "quanly"); res.Code != http.StatusNotFound {
		t.Errorf("manager elsewhere: %d", res.Code)
	}
}
