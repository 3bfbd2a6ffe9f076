package org_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/govtrain/lms/api/apitest"
)

// importHeader is the template's header row.
var importHeader = []string{"Mã cán bộ", "Họ", "Tên đệm", "Tên", "Giới tính", "Ngày sinh", "Email", "Điện thoại",
	"Mã đơn vị", "Loại", "Làm chuyên môn", "Chức vụ", "Trình độ CNTT"}

// peopleCSV writes rows under header as a UTF-8 CSV with a BOM.
func peopleCSV(header []string, rows ...[]string) []byte {
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	w.Write(header)
	w.WriteAll(rows)
	return buf.Bytes()
}

// newRow is a valid row for a new person in agency.
func newRow(code, agency string) []string {
	return []string{code, "Nguyễn", "Văn", "Thử", "Nam", "05/06/1982", strings.ToLower(code) + "@hatinh.gov.vn",
		"0912 000 001", agency, "Công chức", "Có", "Chuyên viên", "Đại học"}
}

type previewRow struct {
	Row        int      `json:"row"`
	Code       string   `json:"code"`
	FullName   string   `json:"full_name"`
	AgencyCode string   `json:"agency_code"`
	Action     string   `json:"action"`
	Changes    []string `json:"changes"`
	Errors     []struct {
		Field, Code, Message string
	} `json:"errors"`
}

type previewBody struct {
	Filename       string       `json:"filename"`
	Total          int          `json:"total"`
	Valid          int          `json:"valid"`
	Invalid        int          `json:"invalid"`
	IgnoredColumns []string     `json:"ignored_columns"`
	Rows           []previewRow `json:"rows"`
}

func (r previewRow) errorCodes() string {
	var s []string
	for _, e := range r.Errors {
		s = append(s, e.Field+":"+e.Code)
	}
	return strings.Join(s, " ")
}

type importBody struct {
	ID        int64  `json:"id"`
	Filename  string `json:"filename"`
	Mode      string `json:"mode"`
	Status    string `json:"status"`
	Total     int    `json:"total"`
	Processed int    `json:"processed"`
	Created   int    `json:"created"`
	Updated   int    `json:"updated"`
	Unchanged int    `json:"unchanged"`
	Skipped   int    `json:"skipped"`
	Error     string `json:"error"`
	Report    []struct {
		Row    int    `json:"row"`
		Code   string `json:"code"`
		Errors []struct{ Field, Code string }
	} `json:"report"`
}

func upload(a *apitest.API, as, path, filename string, content []byte, fields map[string]string) apitest.Response {
	a.T.Helper()
	body, ct := apitest.Multipart("file", filename, content, fields)
	return a.Do(apitest.Request{Method: http.MethodPost, Path: path, As: as, Body: body, ContentType: ct})
}

func preview(t *testing.T, a *apitest.API, as, filename string, content []byte) previewBody {
	t.Helper()
	res := upload(a, as, "/api/v1/people/import/preview", filename, content, nil)
	if res.Code != http.StatusOK {
		t.Fatalf("preview: got %d %s, want 200", res.Code, res.Body)
	}
	var p previewBody
	res.JSON(&p)
	return p
}

// startImport posts a file and waits for its job to finish.
func runImport(t *testing.T, a *apitest.API, as, filename string, content []byte, mode string) importBody {
	t.Helper()
	res := upload(a, as, "/api/v1/people/imports", filename, content, map[string]string{"mode": mode})
	if res.Code != http.StatusAccepted {
		t.Fatalf("import: got %d %s, want 202", res.Code, res.Body)
	}
	var im importBody
	res.JSON(&im)
	if im.Status != "queued" || im.Mode != mode || im.Filename != filename {
		t.Errorf("accepted import %+v, want queued %s %s", im, mode, filename)
	}
	return waitImport(t, a, as, im.ID)
}

func waitImport(t *testing.T, a *apitest.API, as string, id int64) importBody {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	processed := 0
	for {
		res := a.Get(fmt.Sprintf("/api/v1/people/imports/%d", id), as)
		if res.Code != http.StatusOK {
			t.Fatalf("get import: got %d %s", res.Code, res.Body)
		}
		var im importBody
		res.JSON(&im)
		if im.Processed < processed || im.Processed > im.Total {
			t.Errorf("processed went from %d to %d of %d", processed, im.Processed, im.Total)
		}
		processed = im.Processed
		if im.Status == "done" || im.Status == "failed" {
			return im
		}
		if time.Now().After(deadline) {
			t.Fatalf("import %d still %s after 2 minutes", id, im.Status)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func countPeople(t *testing.T, a *apitest.API) int {
	t.Helper()
	var n int
	if err := a.DB.Get(&n, `SELECT count(*) FROM people`); err != nil {
		t.Fatal(err)
	}
	return n
}

// codeIn is the code of a seeded person of the agency with the given code.
func codeIn(t *testing.T, a *apitest.API, agency string) string {
	t.Helper()
	var code string
	err := a.DB.Get(&code, `SELECT p.code FROM people p JOIN agencies a ON a.id = p.agency_id
		WHERE a.code = $1 AND p.code NOT IN ('CB000001','CB000002','CB000003','CB000004','CB000005') ORDER BY p.code LIMIT 1`, agency)
	if err != nil {
		t.Fatalf("a person in %s: %v", agency, err)
	}
	return code
}

func TestImportPreviewGoodCSV(t *testing.T) {
	a := apitest.New(t)
	existing := codeIn(t, a, "443-nghen")
	file := peopleCSV(importHeader, newRow("NK0001", "443"), newRow("NK0002", "443-nghen"),
		[]string{existing, "", "", "", "", "", "", "", "", "", "", "Phó Chủ tịch", ""})
	before := countPeople(t, a)
	for _, as := range []string{"admin", "noivu", "quanly"} {
		p := preview(t, a, as, "danh-sach.csv", file)
		if p.Filename != "danh-sach.csv" || p.Total != 3 || p.Valid != 3 || p.Invalid != 0 || len(p.IgnoredColumns) != 0 {
			t.Errorf("%s: preview %+v, want 3 valid rows", as, p)
		}
		want := []struct {
			row    int
			code   string
			action string
		}{{2, "NK0001", "create"}, {3, "NK0002", "create"}, {4, existing, "update"}}
		for i, w := range want {
			if r := p.Rows[i]; r.Row != w.row || r.Code != w.code || r.Action != w.action || len(r.Errors) != 0 {
				t.Errorf("%s: row %d = %+v, want %+v", as, i, r, w)
			}
		}
		if r := p.Rows[0]; r.FullName != "Nguyễn Văn Thử" || r.AgencyCode != "443" {
			t.Errorf("row 2 = %+v, want Nguyễn Văn Thử in 443", r)
		}
		if r := p.Rows[2]; r.AgencyCode != "443-nghen" || strings.Join(r.Changes, ",") != "job_title" {
			t.Errorf("row 4 = %+v, want agency 443-nghen and only job_title changed", r)
		}
	}
	if after := countPeople(t, a); after != before {
		t.Errorf("a preview wrote people: %d -> %d", before, after)
	}
}

func TestImportPreviewRowErrors(t *testing.T) {
	a := apitest.New(t)
	outside := codeIn(t, a, "SNV")
	set := func(row []string, col int, v string) []string { row[col] = v; return row }
	cases := []struct {
		row  []string
		want string
	}{
		{set(newRow("E01", "443"), 3, ""), "given_name:required"},
		{set(newRow("E02", "443"), 0, ""), "code:required"},
		{set(newRow("E03", "443"), 0, "E 03"), "code:invalid"},
		{set(newRow("E04", "443"), 4, "Khác"), "gender:invalid"},
		{set(newRow("E05", "443"), 5, "31/02/1990"), "birth_date:invalid_date"},
		{set(newRow("E06", "443"), 5, "01/01/2020"), "birth_date:out_of_range"},
		{set(newRow("E07", "443"), 6, "not-an-email"), "email:invalid"},
		{set(newRow("E08", "443"), 7, "abc"), "phone:invalid"},
		{set(newRow("E09", "KHONGCO"), 8, "KHONGCO"), "agency_code:not_found"},
		{set(newRow("E10", "443"), 8, ""), "agency_code:required"},
		{set(newRow("E11", "443"), 9, "Hợp đồng"), "kind:invalid"},
		{set(newRow("E12", "443"), 10, "Có lẽ"), "professional:invalid"},
		{set(newRow("E13", "443"), 11, strings.Repeat("x", 201)), "job_title:too_long"},
		{set(newRow("E14", "443"), 12, "Tiến sĩ luật"), "it_qualification:invalid"},
		{set(newRow("E15", "443"), 1, "Nguyễn2"), "family_name:invalid"},
		{newRow("E16", "443"), ""},
		{newRow("E16", "443"), "code:duplicate_in_file"},
		{newRow(outside, "443"), "code:code_taken"},
	}
	rows := make([][]string, len(cases))
	for i, c := range cases {
		rows[i] = c.row
	}
	p := preview(t, a, "quanly", "loi.csv", peopleCSV(importHeader, rows...))
	if p.Total != len(cases) || p.Valid != 1 || p.Invalid != len(cases)-1 {
		t.Errorf("total %d valid %d invalid %d, want %d 1 %d", p.Total, p.Valid, p.Invalid, len(cases), len(cases)-1)
	}
	for i, c := range cases {
		if i >= len(p.Rows) {
			break
		}
		r := p.Rows[i]
		if r.Row != i+2 || r.errorCodes() != c.want {
			t.Errorf("row %d: got row %d errors %q, want %q", i+2, r.Row, r.errorCodes(), c.want)
		}
		for _, e := range r.Errors {
			if e.Message == "" {
				t.Errorf("row %d: error %s without a message", r.Row, e.Code)
			}
		}
	}
	// The code of someone outside the scope reveals nothing about them.
	if r := p.Rows[len(cases)-1]; r.Action != "create" || r.FullName != "Nguyễn Văn Thử" || r.AgencyCode != "443" {
		t.Errorf("code_taken row shows %+v", r)
	}
	// The same code is fine for someone who may see the person: it is an update.
	if r := preview(t, a, "noivu", "loi.csv", peopleCSV(importHeader, newRow(outside, "443"))).Rows[0]; r.Action != "update" || len(r.Errors) != 0 {
		t.Errorf("home affairs: %+v, want a valid update", r)
	}
}

func TestImportCSVDialects(t *testing.T) {
	a := apitest.New(t)
	semicolon := []byte("Mã cán bộ;Họ và tên;Ngày sinh;Mã đơn vị;Loại;Số thứ tự cũ\r\nNK0301;Lê Thị Mai;01/02/1990;443;Viên chức;7\r\n")
	cases := []struct {
		name    string
		content []byte
		ignored string
	}{
		{"semicolon", semicolon, "Số thứ tự cũ"},
		{"semicolon with BOM", append([]byte("\xef\xbb\xbf"), semicolon...), "Số thứ tự cũ"},
		{"sep line", append([]byte("sep=;\r\n"), semicolon...), "Số thứ tự cũ"},
		{"tabs, title rows, english headers", []byte("DANH SÁCH CÁN BỘ\t\t\n\ncode\tfull name\tagency\tkind\tnote\nNK0301\tLê Thị Mai\t443\tcong_chuc\tx\n"), ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := preview(t, a, "admin", "a.csv", c.content)
			if p.Total != 1 || p.Valid != 1 || strings.Join(p.IgnoredColumns, ",") != c.ignored {
				t.Fatalf("preview %+v, want 1 valid row, ignored %q", p, c.ignored)
			}
			if r := p.Rows[0]; r.Code != "NK0301" || r.FullName != "Lê Thị Mai" || r.AgencyCode != "443" {
				t.Errorf("row %+v", r)
			}
		})
	}
}

func TestImportRefusesBadFiles(t *testing.T) {
	a := apitest.New(t)
	good := peopleCSV(importHeader, newRow("NK0401", "443"))
	latin := []byte("Mã cán bộ,Họ,Tên\r\nNK0401,Nguy\xean,V\xe3n\r\n") // Windows-1258 / Latin-1 bytes
	cases := []struct {
		name, filename string
		content        []byte
		status         int
		code           string
	}{
		{"windows-1258", "a.csv", latin, 400, "bad_encoding"},
		{"xls", "a.xls", []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), 415, "unsupported_file"},
		{"pdf", "a.pdf", []byte("%PDF-1.4"), 415, "unsupported_file"},
		{"csv named xlsx", "a.xlsx", good, 415, "unsupported_file"},
		{"no header", "a.csv", []byte("x,y\n1,2\n"), 400, "missing_columns"},
		{"too many rows", "a.csv", append(peopleCSV([]string{"Mã cán bộ"}), bytes.Repeat([]byte("A1\n"), 20_001)...), 422, "too_many_rows"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, path := range []string{"/api/v1/people/import/preview", "/api/v1/people/imports"} {
				res := upload(a, "admin", path, c.filename, c.content, nil)
				if res.Code != c.status || res.ErrorCode() != c.code {
					t.Errorf("%s: got %d %s, want %d %s", path, res.Code, res.Body, c.status, c.code)
				}
			}
		})
	}
	res := upload(a, "admin", "/api/v1/people/import/preview", "a.csv", latin, nil)
	if !strings.Contains(res.Body.String(), "line 2") || !strings.Contains(res.Body.String(), "CSV UTF-8") {
		t.Errorf("bad_encoding message %s, want the line and the advice to save as CSV UTF-8", res.Body)
	}
	res = a.Do(apitest.Request{Method: http.MethodPost, Path: "/api/v1/people/import/preview", As: "admin",
		Body: map[string]string{"file": "x"}})
	if res.Code != http.StatusUnsupportedMediaType {
		t.Errorf("JSON body: got %d %s, want 415", res.Code, res.Body)
	}
	body, ct := apitest.Multipart("other", "a.csv", good, nil)
	res = a.Do(apitest.Request{Method: http.MethodPost, Path: "/api/v1/people/import/preview", As: "admin", Body: body, ContentType: ct})
	if res.Code != http.StatusBadRequest || res.ErrorCode() != "invalid_input" {
		t.Errorf("no file field: got %d %s, want 400 invalid_input", res.Code, res.Body)
	}
	res = upload(a, "admin", "/api/v1/people/imports", "a.csv", good, map[string]string{"mode": "some"})
	if res.Code != http.StatusBadRequest || res.ErrorCode() != "invalid_input" {
		t.Errorf("bad mode: got %d %s, want 400 invalid_input", res.Code, res.Body)
	}
}

func TestImportOversizedFile(t *testing.T) {
	a := apitest.New(t)
	big := append(peopleCSV(importHeader), bytes.Repeat([]byte("NK1,A,B\n"), int(a.Config.MaxUploadBytes)/8+1)...)
	for _, path := range []string{"/api/v1/people/import/preview", "/api/v1/people/imports"} {
		res := upload(a, "admin", path, "big.csv", big, nil)
		if res.Code != http.StatusRequestEntityTooLarge || res.ErrorCode() != "too_large" {
			t.Errorf("%s: got %d %.200s, want 413 too_large", path, res.Code, res.Body)
		}
	}
}

func TestImportOversizedStream(t *testing.T) {
	a := apitest.New(t)
	big := append(peopleCSV(importHeader), bytes.Repeat([]byte("NK1,A,B\n"), int(a.Config.MaxUploadBytes)/8+1)...)
	body, ct := apitest.Multipart("file", "big.csv", big, nil)
	// A reader of unknown length: no Content-Length to refuse it by, the
	// limit is met while reading.
	res := a.Do(apitest.Request{Method: http.MethodPost, Path: "/api/v1/people/import/preview", As: "admin",
		Body: io.MultiReader(bytes.NewReader(body)), ContentType: ct})
	if res.Code != http.StatusRequestEntityTooLarge || res.ErrorCode() != "too_large" {
		t.Errorf("got %d %.200s, want 413 too_large", res.Code, res.Body)
	}
}
