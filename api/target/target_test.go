package target_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/govtrain/lms/api/apitest"
)

type values struct {
	AgencyID *int64 `json:"agency_id"`
	Items    []struct {
		Code        string   `json:"code"`
		Numerator   int      `json:"numerator"`
		Denominator int      `json:"denominator"`
		Percent     *float64 `json:"percent"`
		Status      string   `json:"status"`
	} `json:"items"`
}

// figure returns a target's numerator and denominator on day for scope
// (0: the province), as Home Affairs sees it.
func figure(t *testing.T, a *apitest.API, code, day string, scope int64) (int, int) {
	t.Helper()
	path := "/api/v1/targets?as_of=" + day
	if scope > 0 {
		path += fmt.Sprintf("&agency_id=%d", scope)
	}
	res := a.Get(path, "noivu")
	if res.Code != http.StatusOK {
		t.Fatalf("%s: %d %s", path, res.Code, res.Body)
	}
	var v values
	res.JSON(&v)
	for _, it := range v.Items {
		if it.Code == code {
			return it.Numerator, it.Denominator
		}
	}
	t.Fatalf("no target %s", code)
	return 0, 0
}

func id(t *testing.T, a *apitest.API, query string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := a.DB.Get(&n, query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// TestPositionsAsOf: an IT officer counts from the first day of the
// position to its last, inclusive; an agency merged away stops counting
// the day after its last.
func TestPositionsAsOf(t *testing.T) {
	a := apitest.New(t)
	snv := id(t, a, `SELECT id FROM agencies WHERE code = 'SNV'`)
	inScope := int(id(t, a, `SELECT count(*) FROM agencies WHERE level IN ('department', 'district')`))
	person := id(t, a, `SELECT id FROM people WHERE agency_id = $1 ORDER BY id LIMIT 1`, snv)
	a.DB.MustExec(`INSERT INTO positions (person_id, agency_id, role, valid_from, valid_to, decision_no)
		VALUES ($1, $2, 'it_officer', '2008-03-01', '2009-06-30', '45/QĐ-SNV')`, person, snv)
	for _, c := range []struct {
		day  string
		want int
	}{{"2008-02-29", 0}, {"2008-03-01", 1}, {"2009-06-30", 1}, {"2009-07-01", 0}} {
		if n, d := figure(t, a, "IT-OFFICER", c.day, 0); n != c.want || d != inScope {
			t.Errorf("IT-OFFICER on %s: %d/%d, want %d/%d", c.day, n, d, c.want, inScope)
		}
	}
	// Sở Tư pháp is merged into Sở Nội vụ after 30/06/2009.
	a.DB.MustExec(`UPDATE agencies SET valid_to = '2009-06-30' WHERE code = 'STP'`)
	if _, d := figure(t, a, "IT-OFFICER", "2009-06-30", 0); d != inScope {
		t.Errorf("in-scope agencies on the merger's last day: %d, want %d", d, inScope)
	}
	if _, d := figure(t, a, "IT-OFFICER", "2009-07-01", 0); d != inScope-1 {
		t.Errorf("in-scope agencies after the merger: %d, want %d", d, inScope-1)
	}
}

// TestCertificatesAsOf: a certificate counts from its issue day, until the
// day of its revocation, and through its expiry day; a person counts where
// they worked that day; the same day always gives the same figures.
func TestCertificatesAsOf(t *testing.T) {
	a := apitest.New(t)
	cert := id(t, a, `INSERT INTO certifications (code, name_vi, issuer, serial_prefix, target, source)
		VALUES ('TDT', 'Thư điện tử', 'SỞ NỘI VỤ', 'TDT', 'email_internet', 'app') RETURNING id`)
	var people []int64
	if err := a.DB.Select(&people, `SELECT person_id FROM memberships WHERE valid_from <= '2008-01-01' AND valid_to IS NULL
		ORDER BY person_id LIMIT 3`); err != nil || len(people) < 3 {
		t.Fatalf("people hired before 2008: %v %v", people, err)
	}
	issue := func(person int64, day string) int64 {
		return id(t, a, `SELECT insert_certificate($1, $2, 'manual', upper(substr(md5(random()::text), 1, 16)), '', NULL, $3, 'Thử', '', '', NULL)`,
			cert, person, day)
	}
	revoked, expiring := issue(people[0], "2009-05-01"), issue(people[1], "2009-05-01")
	issue(people[2], "2009-01-15") // the mover's
	a.DB.MustExec(`UPDATE certificates SET revoked_at = '2010-01-10 09:00+07', revoked_reason = 'Khai sai' WHERE id = $1`, revoked)
	a.DB.MustExec(`UPDATE certificates SET expires_on = '2009-12-31' WHERE id = $1`, expiring)
	staff := func(day string) int {
		return int(id(t, a, `SELECT count(*) FROM memberships WHERE valid_from <= $1 AND (valid_to IS NULL OR valid_to >= $1)`, day))
	}
	for _, c := range []struct {
		day  string
		want int
	}{{"2009-01-14", 0}, {"2009-01-15", 1}, {"2009-04-30", 1}, {"2009-05-01", 3}, {"2009-12-31", 3}, {"2010-01-01", 2}, {"2010-01-09", 2}, {"2010-01-10", 1}} {
		if n, d := figure(t, a, "STAFF-NET-60", c.day, 0); n != c.want || d != staff(c.day) {
			t.Errorf("STAFF-NET-60 on %s: %d/%d, want %d/%d", c.day, n, d, c.want, staff(c.day))
		}
	}
	// The mover leaves their agency after 31/08/2009 for another one.
	from := id(t, a, `SELECT agency_id FROM memberships WHERE person_id = $1 AND valid_to IS NULL`, people[2])
	to := id(t, a, `SELECT id FROM agencies WHERE code = 'STC'`)
	if from == to {
		to = id(t, a, `SELECT id FROM agencies WHERE code = 'SNV'`)
	}
	before, _ := figure(t, a, "STAFF-NET-60", "2009-06-30", from)
	a.DB.MustExec(`UPDATE memberships SET valid_to = '2009-08-31' WHERE person_id = $1 AND valid_to IS NULL`, people[2])
	a.DB.MustExec(`INSERT INTO memberships (person_id, agency_id, valid_from) VALUES ($1, $2, '2009-09-01')`, people[2], to)
	if n, _ := figure(t, a, "STAFF-NET-60", "2009-08-31", from); n != before {
		t.Errorf("the mover's old agency on their last day: %d, want %d", n, before)
	}
	if n, _ := figure(t, a, "STAFF-NET-60", "2009-09-01", from); n != before-1 {
		t.Errorf("the mover's old agency after they left: %d, want %d", n, before-1)
	}
	if n, _ := figure(t, a, "STAFF-NET-60", "2009-09-01", to); n < 1 {
		t.Errorf("the mover's new agency counts them: %d", n)
	}
	// A certificate issued later changes nothing of an earlier day.
	n1, d1 := figure(t, a, "STAFF-NET-60", "2009-06-30", 0)
	a.DB.MustExec(`UPDATE certificates SET superseded_at = now() WHERE id = $1`, revoked)
	issue(people[0], "2010-05-01")
	if n2, d2 := figure(t, a, "STAFF-NET-60", "2009-06-30", 0); n1 != n2 || d1 != d2 {
		t.Errorf("30/06/2009 changed from %d/%d to %d/%d", n1, d1, n2, d2)
	}
}

// TestTargetsScope: an agency manager sees the figures of their agency and
// nothing outside it; Home Affairs the province.
func TestTargetsScope(t *testing.T) {
	a := apitest.New(t)
	var v values
	a.Get("/api/v1/targets", "quanly").JSON(&v)
	own := id(t, a, `SELECT agency_id FROM users WHERE username = 'quanly'`)
	if v.AgencyID == nil || *v.AgencyID != own || len(v.Items) != 10 {
		t.Errorf("the manager's figures: agency %v, %d targets", v.AgencyID, len(v.Items))
	}
	snv := id(t, a, `SELECT id FROM agencies WHERE code = 'SNV'`)
	if res := a.Get(fmt.Sprintf("/api/v1/targets?agency_id=%d", snv), "quanly"); res.Code != http.StatusNotFound {
		t.Errorf("another agency's figures for a manager: %d", res.Code)
	}
	a.Get("/api/v1/targets", "noivu").JSON(&v)
	if v.AgencyID != nil {
		t.Errorf("Home Affairs sees agency %v, want the province", *v.AgencyID)
	}
	if res := a.Get("/api/v1/targets?as_of=30/06/2009", "noivu"); res.Code != http.StatusBadRequest {
		t.Errorf("a date as dd/mm/yyyy: %d", res.Code)
	}
}

// TestPositionsAPI: a manager records an IT officer of their agency, which
// the target then counts; overlaps and a last day before the first are
// refused; ending keeps the history.
func TestPositionsAPI(t *testing.T) {
	a := apitest.New(t)
	canLoc := id(t, a, `SELECT id FROM agencies WHERE code = '443'`)
	person := id(t, a, `SELECT id FROM people WHERE agency_id = $1 ORDER BY id LIMIT 1`, canLoc)
	body := map[string]any{"person_id": person, "agency_id": canLoc, "role": "it_officer", "valid_from": "2008-05-01",
		"decision_no": "125/QĐ-UBND", "decision_date": "2008-04-25"}
	start := func() apitest.Response {
		return a.Do(apitest.Request{Method: "POST", Path: "/api/v1/positions", As: "quanly", Body: body})
	}
	res := start()
	var pos struct {
		ID int64 `json:"id"`
	}
	res.JSON(&pos)
	if res.Code != http.StatusCreated {
		t.Fatalf("start: %d %s", res.Code, res.Body)
	}
	if res := start(); res.ErrorCode() != "position_overlaps" {
		t.Errorf("the same position again: %d %s", res.Code, res.Body)
	}
	if n, _ := figure(t, a, "IT-OFFICER", "2008-06-30", 0); n != 1 {
		t.Errorf("IT-OFFICER counts the new position: %d", n)
	}
	end := func(day string) apitest.Response {
		return a.Do(apitest.Request{Method: "POST", Path: fmt.Sprintf("/api/v1/positions/%d/end", pos.ID), As: "quanly",
			Body: map[string]any{"valid_to": day}})
	}
	if res := end("2008-04-30"); res.Code != http.StatusBadRequest {
		t.Errorf("ending before it started: %d %s", res.Code, res.Body)
	}
	if res := end("2009-12-31"); res.Code != http.StatusOK {
		t.Fatalf("end: %d %s", res.Code, res.Body)
	}
	if n, _ := figure(t, a, "IT-OFFICER", "2010-01-01", 0); n != 0 {
		t.Errorf("IT-OFFICER after the position ended: %d", n)
	}
	res = a.Get(fmt.Sprintf("/api/v1/agencies/%d/positions", canLoc), "quanly")
	if res.Code != http.StatusOK || !strings.Contains(res.Body.String(), `"decision_no":"125/QĐ-UBND"`) {
		t.Errorf("history: %d %s", res.Code, res.Body)
	}
	var actions []string
	a.DB.Select(&actions, `SELECT action FROM audit_log WHERE action LIKE 'position.%' ORDER BY id`)
	if strings.Join(actions, " ") != "position.started position.ended" {
		t.Errorf("audit: %v", actions)
	}
}

// TestByAgency: the agency table adds up to the province's figures for
// the agency targets, and a manager sees only their district.
func TestByAgency(t *testing.T) {
	a := apitest.New(t)
	snv := id(t, a, `SELECT id FROM agencies WHERE code = 'SNV'`)
	person := id(t, a, `SELECT id FROM people WHERE agency_id = $1 ORDER BY id LIMIT 1`, snv)
	a.DB.MustExec(`INSERT INTO positions (person_id, agency_id, role, valid_from) VALUES ($1, $2, 'it_officer', '2008-03-01')`, person, snv)
	var table struct {
		Items []struct {
			Code   string `json:"code"`
			Values []struct {
				Code        string `json:"code"`
				Numerator   int    `json:"numerator"`
				Denominator int    `json:"denominator"`
			} `json:"values"`
		} `json:"items"`
	}
	res := a.Get("/api/v1/targets/agencies?as_of=2009-06-30", "noivu")
	if res.Code != http.StatusOK {
		t.Fatalf("%d %s", res.Code, res.Body)
	}
	res.JSON(&table)
	num, den := 0, 0
	for _, row := range table.Items {
		for _, v := range row.Values {
			if v.Code == "IT-OFFICER" {
				num, den = num+v.Numerator, den+v.Denominator
				if row.Code == "SNV" && v.Numerator != 1 {
					t.Errorf("Sở Nội vụ's IT officer: %d", v.Numerator)
				}
			}
		}
	}
	if pn, pd := figure(t, a, "IT-OFFICER", "2009-06-30", 0); pn != num || pd != den {
		t.Errorf("the table adds up to %d/%d, the province is %d/%d", num, den, pn, pd)
	}
	a.Get("/api/v1/targets/agencies", "quanly").JSON(&table)
	if len(table.Items) != 1 || table.Items[0].Code != "443" {
		t.Errorf("the manager's table: %+v", table.Items)
	}
}

// TestMissing: the people a people target lacks, and the agencies an
// agency target lacks, add up with the counted ones to the population.
func TestMissing(t *testing.T) {
	a := apitest.New(t)
	var page struct {
		Kind  string `json:"kind"`
		Total int    `json:"total"`
		Items []struct {
			ID         int64  `json:"id"`
			Name       string `json:"name"`
			AgencyName string `json:"agency_name"`
		} `json:"items"`
	}
	a.Get("/api/v1/targets/STAFF-IT/missing?as_of=2009-06-30&page_size=5", "noivu").JSON(&page)
	n, d := figure(t, a, "STAFF-IT", "2009-06-30", 0)
	if page.Kind != "people" || page.Total != d-n || len(page.Items) != 5 || page.Items[0].AgencyName == "" {
		t.Errorf("STAFF-IT missing: %s %d (want %d), %+v", page.Kind, page.Total, d-n, page.Items)
	}
	a.Get("/api/v1/targets/IT-OFFICER/missing?as_of=2009-06-30", "quanly").JSON(&page)
	if page.Kind != "agencies" || page.Total != 1 || page.Items[0].Name == "" {
		t.Errorf("the manager's IT-OFFICER missing: %+v", page)
	}
	if res := a.Get("/api/v1/targets/KHONG-CO/missing", "noivu"); res.Code != http.StatusNotFound {
		t.Errorf("an unknown target: %d", res.Code)
	}
}

// TestMailboxes: an agency's official mailbox counts for MAILBOX-2009 from
// its first day; a new address closes the old one the day before.
func TestMailboxes(t *testing.T) {
	a := apitest.New(t)
	canLoc := id(t, a, `SELECT id FROM agencies WHERE code = '443'`)
	add := func(address, from string) apitest.Response {
		return a.Do(apitest.Request{Method: "POST", Path: fmt.Sprintf("/api/v1/agencies/%d/mailboxes", canLoc), As: "quanly",
			Body: map[string]any{"address": address, "valid_from": from}})
	}
	if res := add("ubnd@canloc.hatinh.gov.vn", "2009-03-15"); res.Code != http.StatusCreated {
		t.Fatalf("add: %d %s", res.Code, res.Body)
	}
	if n, _ := figure(t, a, "MAILBOX-2009", "2009-03-14", 0); n != 0 {
		t.Errorf("before the mailbox: %d", n)
	}
	if n, _ := figure(t, a, "MAILBOX-2009", "2009-03-15", 0); n != 1 {
		t.Errorf("from the mailbox's first day: %d", n)
	}
	if res := add("vanphong@canloc.hatinh.gov.vn", "2010-01-01"); res.Code != http.StatusCreated {
		t.Fatalf("a new address: %d %s", res.Code, res.Body)
	}
	if res := add("cu@canloc.hatinh.gov.vn", "2009-06-01"); res.Code != http.StatusBadRequest {
		t.Errorf("an address before the last one: %d %s", res.Code, res.Body)
	}
	if res := add("khong-phai-thu", "2010-02-01"); res.Code != http.StatusBadRequest {
		t.Errorf("not an address: %d", res.Code)
	}
	var ended string
	a.DB.Get(&ended, `SELECT valid_to::text FROM agency_mailboxes WHERE address = 'ubnd@canloc.hatinh.gov.vn'`)
	if ended != "2009-12-31" {
		t.Errorf("the old address ended %q, want 2009-12-31", ended)
	}
}

// TestDegreeTarget: an IT specialist counts for IT-DEGREE from the day
// their university IT degree was awarded.
func TestDegreeTarget(t *testing.T) {
	a := apitest.New(t)
	canLoc := id(t, a, `SELECT id FROM agencies WHERE code = '443'`)
	person := id(t, a, `SELECT id FROM people WHERE agency_id = $1 ORDER BY id LIMIT 1`, canLoc)
	a.DB.MustExec(`INSERT INTO positions (person_id, agency_id, role, valid_from) VALUES ($1, $2, 'it_specialist', '2008-01-01')`, person, canLoc)
	body, ct := apitest.Multipart("evidence", "bang.pdf", []byte("%PDF-1.4\n% bằng\n"), map[string]string{
		"level": "university", "field": "Công nghệ thông tin", "awarded_on": "2009-07-15"})
	res := a.Do(apitest.Request{Method: "POST", Path: fmt.Sprintf("/api/v1/people/%d/qualifications", person), As: "quanly", Body: body, ContentType: ct})
	if res.Code != http.StatusCreated {
		t.Fatalf("degree: %d %s", res.Code, res.Body)
	}
	if n, _ := figure(t, a, "IT-DEGREE", "2009-07-14", 0); n != 0 {
		t.Errorf("before the degree: %d", n)
	}
	if n, _ := figure(t, a, "IT-DEGREE", "2009-07-15", 0); n != 1 {
		t.Errorf("from the degree's day: %d", n)
	}
	body, ct = apitest.Multipart("evidence", "x.exe", []byte("MZ\x90\x00"), map[string]string{"level": "university", "field": "CNTT", "awarded_on": "2009-07-15"})
	if res := a.Do(apitest.Request{Method: "POST", Path: fmt.Sprintf("/api/v1/people/%d/qualifications", person), As: "quanly", Body: body, ContentType: ct}); res.Code != http.StatusBadRequest {
		t.Errorf("an executable as evidence: %d", res.Code)
	}
}

// TestEditTargets: Home Affairs adds a target from the vocabulary, which is
// then computed; a combination outside it is refused.
func TestEditTargets(t *testing.T) {
	a := apitest.New(t)
	body := map[string]any{"code": "XA-HOP-THU", "text_vi": "Mỗi xã có hộp thư công vụ", "population": "agencies_of_levels",
		"metric": "has_mailbox", "params": map[string]any{"levels": []string{"commune"}}, "rule": "ge", "threshold": 100,
		"deadline": "2010-12-31", "position": 11, "active": true}
	if res := a.Do(apitest.Request{Method: "POST", Path: "/api/v1/targets", As: "noivu", Body: body}); res.Code != http.StatusCreated {
		t.Fatalf("create: %d %s", res.Code, res.Body)
	}
	communes := int(id(t, a, `SELECT count(*) FROM agencies WHERE level = 'commune'`))
	if n, d := figure(t, a, "XA-HOP-THU", "2010-06-30", 0); n != 0 || d != communes {
		t.Errorf("the new target: %d/%d, want 0/%d", n, d, communes)
	}
	body["code"], body["metric"] = "SAI", "holds_certificate" // a people metric on agencies
	res := a.Do(apitest.Request{Method: "POST", Path: "/api/v1/targets", As: "noivu", Body: body})
	if res.Code != http.StatusBadRequest || !strings.Contains(res.Body.String(), `"metric"`) {
		t.Errorf("a metric outside the population's: %d %s", res.Code, res.Body)
	}
}
