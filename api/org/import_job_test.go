package org_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/govtrain/lms/api/apitest"
	"github.com/govtrain/lms/api/org"
)

func TestImportAllWithErrorsWritesNothing(t *testing.T) {
	a := apitest.New(t)
	file := peopleCSV(importHeader, newRow("NK0501", "443"), newRow("NK0502", "KHONGCO"))
	before := countPeople(t, a)
	res := upload(a, "noivu", "/api/v1/people/imports", "a.csv", file, map[string]string{"mode": "all"})
	if res.Code != http.StatusUnprocessableEntity || res.ErrorCode() != "import_has_errors" {
		t.Fatalf("got %d %s, want 422 import_has_errors", res.Code, res.Body)
	}
	var e struct {
		Error struct {
			Details struct {
				Preview previewBody `json:"preview"`
			} `json:"details"`
		} `json:"error"`
	}
	res.JSON(&e)
	if p := e.Error.Details.Preview; p.Total != 2 || p.Invalid != 1 || p.Rows[1].errorCodes() != "agency_code:not_found" {
		t.Errorf("details.preview = %+v", p)
	}
	if after := countPeople(t, a); after != before {
		t.Errorf("people %d -> %d, want nothing written", before, after)
	}
	var imports int
	a.DB.Get(&imports, `SELECT count(*) FROM imports`)
	if imports != 0 {
		t.Errorf("%d imports recorded for a refused file", imports)
	}
}

func TestImportValidOnly(t *testing.T) {
	a := apitest.New(t)
	file := peopleCSV(importHeader, newRow("NK0601", "443"), newRow("NK0602", "KHONGCO"), newRow("NK0603", "443-nghen"))
	before := countPeople(t, a)
	im := runImport(t, a, "noivu", "a.csv", file, "valid_only")
	if im.Status != "done" || im.Total != 3 || im.Processed != 3 || im.Created != 2 || im.Updated != 0 || im.Skipped != 1 || im.Error != "" {
		t.Errorf("import %+v, want done 3 rows, 2 created, 1 skipped", im)
	}
	if len(im.Report) != 1 || im.Report[0].Row != 3 || im.Report[0].Code != "NK0602" || im.Report[0].Errors[0].Code != "not_found" {
		t.Errorf("report %+v, want row 3 agency not found", im.Report)
	}
	if after := countPeople(t, a); after != before+2 {
		t.Errorf("people %d -> %d, want 2 more", before, after)
	}
	var p org.Person
	if err := a.DB.Get(&p, `SELECT code, full_name, gender, email, phone, kind, professional, job_title, it_qualification, version
		FROM people WHERE code = 'NK0603'`); err != nil {
		t.Fatal(err)
	}
	if p.FullName != "Nguyễn Văn Thử" || p.Gender != "male" || p.Email != "nk0603@hatinh.gov.vn" || p.Kind != "cong_chuc" ||
		!p.Professional || p.JobTitle != "Chuyên viên" || p.ITQualification != "university" || p.Version != 1 {
		t.Errorf("created %+v", p)
	}
	var memberships int
	a.DB.Get(&memberships, `SELECT count(*) FROM memberships m JOIN people p ON p.id = m.person_id WHERE p.code = 'NK0603' AND m.valid_to IS NULL`)
	if memberships != 1 {
		t.Errorf("%d current memberships, want 1", memberships)
	}
	var audits []string
	a.DB.Select(&audits, `SELECT action FROM audit_log WHERE action IN ('people.imported', 'person.created') ORDER BY id`)
	if strings.Join(audits, ",") != "person.created,person.created,people.imported" {
		t.Errorf("audit %v, want two person.created and one people.imported", audits)
	}
	var after string
	a.DB.Get(&after, `SELECT after::text FROM audit_log WHERE action = 'people.imported'`)
	for _, want := range []string{`"filename": "a.csv"`, `"created": 2`, `"skipped": 1`} {
		if !strings.Contains(after, want) {
			t.Errorf("people.imported %s lacks %s", after, want)
		}
	}
}

func TestImportProgressAndCounts(t *testing.T) {
	a := apitest.New(t)
	rows := make([][]string, 250)
	for i := range rows {
		rows[i] = newRow(fmt.Sprintf("NK%04d", 1000+i), "443-kimloc")
	}
	before := countPeople(t, a)
	im := runImport(t, a, "quanly", "lon.csv", peopleCSV(importHeader, rows...), "all")
	if im.Status != "done" || im.Total != 250 || im.Processed != 250 || im.Created != 250 || im.Skipped != 0 || len(im.Report) != 0 {
		t.Errorf("import %+v, want 250 created", im)
	}
	if after := countPeople(t, a); after != before+250 {
		t.Errorf("people %d -> %d, want 250 more", before, after)
	}
	// The same file again changes nothing.
	im = runImport(t, a, "quanly", "lon.csv", peopleCSV(importHeader, rows...), "all")
	if im.Status != "done" || im.Created != 0 || im.Updated != 0 || im.Unchanged != 250 {
		t.Errorf("re-import %+v, want 250 unchanged", im)
	}
	var versions int
	a.DB.Get(&versions, `SELECT max(version) FROM people WHERE code LIKE 'NK1%'`)
	if versions != 1 {
		t.Errorf("an unchanged re-import bumped versions to %d", versions)
	}
}

func TestImportUpdatesByCode(t *testing.T) {
	a := apitest.New(t)
	code := codeIn(t, a, "443-nghen")
	var before org.Person
	if err := a.DB.Get(&before, `SELECT id, version, family_name, given_name, email FROM people WHERE code = $1`, code); err != nil {
		t.Fatal(err)
	}
	row := []string{code, "", "", "", "", "", "moi@hatinh.gov.vn", "", "443-kimloc", "", "Không", "", "Sau đại học"}
	p := preview(t, a, "quanly", "a.csv", peopleCSV(importHeader, row))
	if r := p.Rows[0]; r.Action != "update" || !strings.Contains(strings.Join(r.Changes, ","), "email,agency_code") ||
		slices.Contains(r.Changes, "family_name") {
		t.Errorf("preview %+v, want an update of e-mail and agency", r)
	}
	im := runImport(t, a, "quanly", "a.csv", peopleCSV(importHeader, row), "all")
	if im.Status != "done" || im.Updated != 1 || im.Created != 0 {
		t.Fatalf("import %+v, want 1 updated", im)
	}
	var after struct {
		org.Person
		Agency string `db:"agency"`
	}
	a.DB.Get(&after, `SELECT p.version, p.family_name, p.given_name, p.email, p.professional, p.it_qualification, a.code AS agency
		FROM people p JOIN agencies a ON a.id = p.agency_id WHERE p.id = $1`, before.ID)
	if after.Version != before.Version+1 || after.Email != "moi@hatinh.gov.vn" || after.Agency != "443-kimloc" || after.Professional ||
		after.ITQualification != "postgraduate" || after.FamilyName != before.FamilyName || after.GivenName != before.GivenName {
		t.Errorf("after %+v (before %+v)", after, before)
	}
	var history []string
	a.DB.Select(&history, `SELECT a.code || CASE WHEN m.valid_to IS NULL THEN ':open' ELSE ':closed' END
		FROM memberships m JOIN agencies a ON a.id = m.agency_id WHERE m.person_id = $1 ORDER BY m.id`, before.ID)
	if len(history) < 2 || history[len(history)-1] != "443-kimloc:open" || history[len(history)-2] != "443-nghen:closed" {
		t.Errorf("memberships %v, want 443-nghen closed then 443-kimloc open", history)
	}
	var audits int
	a.DB.Get(&audits, `SELECT count(*) FROM audit_log WHERE action = 'person.updated' AND entity_id = $1::text`, before.ID)
	if audits != 1 {
		t.Errorf("%d person.updated entries, want 1", audits)
	}
}

func TestImportScopeOfAgencyManager(t *testing.T) {
	a := apitest.New(t)
	outside := codeIn(t, a, "SNV")
	file := peopleCSV(importHeader, newRow("NK0701", "SNV"), newRow(outside, "443"), newRow("NK0702", "443-xuanloc"))
	p := preview(t, a, "quanly", "a.csv", file)
	got := []string{p.Rows[0].errorCodes(), p.Rows[1].errorCodes(), p.Rows[2].errorCodes()}
	if strings.Join(got, "|") != "agency_code:not_found|code:code_taken|" {
		t.Errorf("errors %q, want agency not found, code taken, none", got)
	}
	before := countPeople(t, a)
	im := runImport(t, a, "quanly", "a.csv", file, "valid_only")
	if im.Created != 1 || im.Skipped != 2 {
		t.Errorf("import %+v, want 1 created 2 skipped", im)
	}
	var agency string
	a.DB.Get(&agency, `SELECT a.code FROM people p JOIN agencies a ON a.id = p.agency_id WHERE p.code = $1`, outside)
	if agency != "SNV" || countPeople(t, a) != before+1 {
		t.Errorf("the person outside the scope moved to %s", agency)
	}
}

func TestImportJobVisibility(t *testing.T) {
	a := apitest.New(t)
	im := runImport(t, a, "quanly", "a.csv", peopleCSV(importHeader, newRow("NK0801", "443")), "all")
	path := fmt.Sprintf("/api/v1/people/imports/%d", im.ID)
	for as, want := range map[string]int{"quanly": 200, "admin": 200, "noivu": 200} {
		if res := a.Get(path, as); res.Code != want {
			t.Errorf("%s: got %d, want %d", as, res.Code, want)
		}
	}
	other := runImport(t, a, "noivu", "b.csv", peopleCSV(importHeader, newRow("NK0802", "SNV")), "all")
	if res := a.Get(fmt.Sprintf("/api/v1/people/imports/%d", other.ID), "quanly"); res.Code != http.StatusNotFound {
		t.Errorf("someone else's import: got %d, want 404", res.Code)
	}
	if res := a.Get("/api/v1/people/imports/999999", "admin"); res.Code != http.StatusNotFound {
		t.Errorf("no such import: got %d, want 404", res.Code)
	}
}

func TestImportRoutesRefuseLearnerAndTrainer(t *testing.T) {
	a := apitest.New(t)
	file := peopleCSV(importHeader, newRow("NK0901", "443"))
	im := runImport(t, a, "admin", "a.csv", file, "all")
	for _, as := range []string{"hocvien", "giangvien"} {
		for _, res := range []apitest.Response{
			a.Get("/api/v1/people/export", as),
			a.Get("/api/v1/people/export?format=xlsx", as),
			a.Get("/api/v1/people/import/template", as),
			upload(a, as, "/api/v1/people/import/preview", "a.csv", file, nil),
			upload(a, as, "/api/v1/people/imports", "a.csv", file, map[string]string{"mode": "all"}),
			a.Get(fmt.Sprintf("/api/v1/people/imports/%d", im.ID), as),
		} {
			if res.Code != http.StatusForbidden {
				t.Errorf("%s: got %d %s, want 403", as, res.Code, res.Body)
			}
		}
	}
	if res := a.Get("/api/v1/people/export", ""); res.Code != http.StatusUnauthorized {
		t.Errorf("anonymous: got %d, want 401", res.Code)
	}
}

// A row checked when the file arrived may be wrong by the time the job runs:
// the job checks again under lock, and with mode all one such row fails the
// whole import with nothing written.
func TestImportJobRechecksAndRollsBack(t *testing.T) {
	a := apitest.New(t)
	code := codeIn(t, a, "443-nghen")
	file := peopleCSV(importHeader, newRow("NK2001", "443"),
		[]string{code, "", "", "", "", "", "", "", "", "", "", "Phó Chủ tịch", ""})
	before := countPeople(t, a)
	tx := a.DB.MustBegin()
	defer tx.Rollback()
	tx.MustExec(`SELECT 1 FROM people WHERE code = $1 FOR UPDATE`, code)
	res := upload(a, "quanly", "/api/v1/people/imports", "a.csv", file, map[string]string{"mode": "all"})
	if res.Code != http.StatusAccepted {
		t.Fatalf("got %d %s, want 202", res.Code, res.Body)
	}
	var im importBody
	res.JSON(&im)
	// Meanwhile Home Affairs moves the person out of the manager's district.
	tx.MustExec(`UPDATE people SET agency_id = (SELECT id FROM agencies WHERE code = 'SNV') WHERE code = $1`, code)
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	im = waitImport(t, a, "quanly", im.ID)
	if im.Status != "failed" || !strings.Contains(im.Error, "row 3") || im.Created != 0 || im.Updated != 0 {
		t.Errorf("import %+v, want failed at row 3", im)
	}
	if len(im.Report) != 1 || im.Report[0].Row != 3 || im.Report[0].Errors[0].Code != "code_taken" {
		t.Errorf("report %+v, want row 3 code_taken", im.Report)
	}
	if after := countPeople(t, a); after != before {
		t.Errorf("people %d -> %d, want nothing written", before, after)
	}
	var audits int
	a.DB.Get(&audits, `SELECT count(*) FROM audit_log WHERE action IN ('people.imported', 'person.created', 'person.updated')`)
	if audits != 0 {
		t.Errorf("%d audit entries for a failed import", audits)
	}
}

func TestFailStaleImports(t *testing.T) {
	a := apitest.New(t)
	a.DB.MustExec(`INSERT INTO imports (kind, user_id, filename, mode, status, created_at)
		SELECT 'people', id, 'cu.csv', 'all', 'running', now() - interval '2 hours' FROM users WHERE username = 'noivu'`)
	a.DB.MustExec(`INSERT INTO imports (kind, user_id, filename, mode, status)
		SELECT 'people', id, 'moi.csv', 'all', 'running' FROM users WHERE username = 'noivu'`)
	n, err := org.FailStaleImports(context.Background(), a.DB)
	if err != nil || n != 1 {
		t.Fatalf("marked %d, err %v; want 1", n, err)
	}
	var status string
	a.DB.Get(&status, `SELECT status FROM imports WHERE filename = 'moi.csv'`)
	if status != "running" {
		t.Errorf("a fresh import was touched: %s", status)
	}
}
