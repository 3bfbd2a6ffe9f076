package org

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"crypto/rand"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/govtrain/lms/api/platform/civil"
	"github.com/govtrain/lms/api/platform/errs"
	"github.com/govtrain/lms/api/platform/spreadsheet"
)

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func errCode(err error) string {
	if e, ok := errs.As(err); ok {
		return e.Code
	}
	if err != nil {
		return "untyped: " + err.Error()
	}
	return ""
}

func TestParsePeopleFiles(t *testing.T) {
	cases := []struct {
		file      string
		rows      []int
		codes     []string
		errs      map[int][]string // row -> "field:code"
		ignored   []string
		checkFunc func(t *testing.T, rows []personRow)
	}{
		{file: "people.csv", rows: []int{2, 3}, codes: []string{"NK0001", "NK0002"},
			checkFunc: func(t *testing.T, rows []personRow) {
				r := rows[1]
				if r.in.FamilyName != "Trần" || r.in.MiddleName != "Thị Thu" || r.in.GivenName != "Hà" || r.in.Gender != "female" ||
					r.in.Kind != "vien_chuc" || r.in.Professional || r.in.JobTitle != "Kế toán, thủ quỹ" ||
					r.in.ITQualification != "certificate" || r.agencyCode != "443-nghen" || *r.in.BirthDate != civil.New(1990, 2, 1) {
					t.Errorf("row 3 read as %+v", r)
				}
				if r.set&setEmail != 0 {
					t.Errorf("a blank e-mail cell sets the e-mail")
				}
			}},
		{file: "people-semicolon.csv", rows: []int{3, 4}, codes: []string{"NK0003", "NK0004"},
			checkFunc: func(t *testing.T, rows []personRow) {
				if r := rows[0]; r.in.FamilyName != "Lê" || r.in.MiddleName != "" || r.in.GivenName != "Minh" || !r.fullName ||
					*r.in.BirthDate != civil.New(1985, 12, 31) || r.in.Kind != "cong_chuc" {
					t.Errorf("row 3 read as %+v", r)
				}
				if r := rows[1]; r.in.FamilyName != "Phạm" || r.in.MiddleName != `"Bé" Thị` || r.in.Kind != "can_bo" {
					t.Errorf("row 4 read as %+v", r)
				}
			}},
		{file: "people-errors.csv", rows: []int{2, 3}, codes: []string{"NK0005", "NK0005"},
			errs: map[int][]string{3: {"code:duplicate_in_file", "birth_date:invalid_date", "kind:invalid"}}},
		{file: "people.xlsx", rows: []int{2, 4}, codes: []string{"NK0101", "NK0102"},
			checkFunc: func(t *testing.T, rows []personRow) {
				if r := rows[0]; *r.in.BirthDate != civil.New(1988, 7, 9) || r.in.Phone != "0912000101" || r.in.Gender != "female" {
					t.Errorf("row 2 read as %+v", r)
				}
				if r := rows[1]; *r.in.BirthDate != civil.New(1979, 11, 12) || r.in.Phone != "+84 912 000 102" || r.in.JobTitle != "=Chủ tịch" {
					t.Errorf("row 4 read as %+v", r)
				}
			}},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			pf, err := parsePeople(c.file, readTestdata(t, c.file))
			if err != nil {
				t.Fatal(err)
			}
			var nums []int
			var codes []string
			for _, r := range pf.rows {
				nums, codes = append(nums, r.num), append(codes, r.in.Code)
				var got []string
				for _, e := range r.errors {
					got = append(got, e.Field+":"+e.Code)
				}
				if want := c.errs[r.num]; strings.Join(got, " ") != strings.Join(want, " ") {
					t.Errorf("row %d: errors %v, want %v", r.num, got, want)
				}
			}
			if !slicesEqual(nums, c.rows) || !slicesEqual(codes, c.codes) {
				t.Errorf("rows %v %v, want %v %v", nums, codes, c.rows, c.codes)
			}
			if c.checkFunc != nil {
				c.checkFunc(t, pf.rows)
			}
		})
	}
}

func slicesEqual[T comparable](a, b []T) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestParsePeopleRefuses(t *testing.T) {
	header := "Mã cán bộ,Họ,Tên\n"
	bigRows := strings.Repeat("X1,A,B\n", maxDataRows+1)
	cases := []struct {
		name, file, body, code string
	}{
		{"windows-1258", "a.csv", header + "NK1,Nguy\xea\xf1,An\n", "bad_encoding"},
		{"utf-16", "a.csv", "\xff\xfeM\x00", "bad_encoding"},
		{"nul byte", "a.csv", header + "NK1,A\x00,B\n", "bad_encoding"},
		{"xls", "a.xls", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "unsupported_file"},
		{"pdf", "a.pdf", "%PDF-1.4", "unsupported_file"},
		{"no extension", "people", header, "unsupported_file"},
		{"xlsx named csv", "a.csv", "PK\x03\x04rest", "unsupported_file"},
		{"csv named xlsx", "a.xlsx", header, "unsupported_file"},
		{"truncated xlsx", "a.xlsx", string(readTestdata(t, "people.xlsx")[:3000]), "bad_file"},
		{"bad quotes", "a.csv", header + "NK1,\"A,B\n", "bad_file"},
		{"no header", "a.csv", "a,b,c\n1,2,3\n", "missing_columns"},
		{"empty", "a.csv", "", "missing_columns"},
		{"too many rows", "a.csv", header + bigRows, "too_many_rows"},
		{"long cell", "a.csv", header + "NK1," + strings.Repeat("A", maxCellBytes+1) + ",B\n", "cell_too_long"},
		{"wide row", "a.csv", header + strings.Repeat("x,", maxColumns+1) + "\n", "too_many_columns"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := parsePeople(c.file, []byte(c.body))
			if got := errCode(err); got != c.code {
				t.Errorf("got %q (%v), want %q", got, err, c.code)
			}
		})
	}
}

func TestBadEncodingNamesTheLine(t *testing.T) {
	_, err := parsePeople("a.csv", []byte("\xef\xbb\xbfMã cán bộ,Họ,Tên\nNK1,An,Bình\nNK2,L\xea,Văn\n"))
	e, ok := errs.As(err)
	if !ok || e.Code != "bad_encoding" || e.Details["line"] != 3 || !strings.Contains(e.Message, "CSV UTF-8") {
		t.Errorf("got %v %v, want bad_encoding on line 3 mentioning CSV UTF-8", err, e.Details)
	}
}

func TestHeaderNames(t *testing.T) {
	cases := map[string]string{
		"Mã cán bộ": "code", "MA CAN BO": "code", "ma_can_bo": "code", "Mã cán bộ (*)": "code", "code": "code",
		"Họ và tên": "full_name", "HỌ TÊN": "full_name", "Tên": "given_name", "Tên đệm": "middle_name", "Họ": "family_name",
		"Ngày sinh (dd/mm/yyyy)": "birth_date", "E-mail": "email", "Số điện thoại": "phone", "Mã đơn vị": "agency_code",
		"Trình độ tin học": "it_qualification", "Làm chuyên môn": "professional", "Chức vụ": "job_title", "STT": "no",
		"Given name": "given_name", "agency_code": "agency_code",
	}
	for in, want := range cases {
		if got := columnsByName[headerName(in)]; got != want {
			t.Errorf("%q -> %q, want %q", in, got, want)
		}
	}
}

func TestParseDate(t *testing.T) {
	ok := map[string]civil.Date{
		"05/06/1982": civil.New(1982, 6, 5), "5/6/1982": civil.New(1982, 6, 5), "05-06-1982": civil.New(1982, 6, 5),
		"05.06.1982": civil.New(1982, 6, 5), "1982-06-05": civil.New(1982, 6, 5), "29/02/1984": civil.New(1984, 2, 29),
		"1982-06-05T00:00:00Z": civil.New(1982, 6, 5),
	}
	for in, want := range ok {
		if got, valid := parseDate(in, false); !valid || got != want {
			t.Errorf("parseDate(%q) = %v %v, want %v", in, got, valid, want)
		}
	}
	for _, in := range []string{"30/02/1984", "05/06/82", "13/13/1990", "1982", "abc", "05/06/1982/1", "0/1/1990", "29323"} {
		if got, valid := parseDate(in, false); valid {
			t.Errorf("parseDate(%q) = %v, want invalid", in, got)
		}
	}
	if got, valid := parseDate("30141", true); !valid || got != civil.New(1982, 7, 9) {
		t.Errorf("serial 30141 = %v %v, want 1982-07-09", got, valid)
	}
}

func TestSafeTextRoundTrip(t *testing.T) {
	for _, s := range []string{"=1+1", "+84 912", "-5", "@SUM(A1)", "\tx", "\rx", "plain", "'quoted", ""} {
		out := spreadsheet.SafeText(s)
		if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) && !strings.HasPrefix(out, "'") {
			t.Errorf("spreadsheet.SafeText(%q) = %q, not defused", s, out)
		}
		if back := cleanCell(out); back != strings.TrimSpace(s) {
			t.Errorf("cleanCell(spreadsheet.SafeText(%q)) = %q", s, back)
		}
	}
}

// zipOf builds a zip archive from name -> content.
func zipOf(t testing.TB, files map[string][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for name, b := range files {
		f, err := w.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		f.Write(b)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestZipChecks(t *testing.T) {
	many := map[string][]byte{}
	for i := range 1001 { // one more part than any workbook may have
		many["f"+strconv.Itoa(i)] = nil
	}
	cases := []struct {
		name string
		data []byte
		code string
	}{
		{"ratio", zipOf(t, map[string][]byte{"xl/worksheets/sheet1.xml": make([]byte, 10<<20)}), "bad_file"},
		{"total", lyingZip(t, 400<<10, 70<<20), "too_large"},
		{"entries", zipOf(t, many), "bad_file"},
	}
	for _, c := range cases {
		_, err := parsePeople("a.xlsx", c.data)
		if got := errCode(err); got != c.code {
			t.Errorf("%s: got %q, want %q", c.name, got, c.code)
		}
	}
}

// lyingZip is an archive with one entry of compressed random bytes that
// claims to unpack to declared bytes.
func lyingZip(t testing.TB, compressed int, declared uint64) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	f, err := w.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate,
		CompressedSize64: uint64(compressed), UncompressedSize64: declared})
	if err != nil {
		t.Fatal(err)
	}
	b := make([]byte, compressed)
	rand.Read(b)
	f.Write(b)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestNameLayouts(t *testing.T) {
	cases := []struct {
		header, row           string
		family, middle, given string
	}{
		{"Mã cán bộ,Họ và tên", "A1,Trần Thị Thu Hà", "Trần", "Thị Thu", "Hà"},
		{"Mã cán bộ,Họ và tên,Tên", "A1,Trần Thị Thu Hà,Thu Hà", "Trần", "Thị", "Thu Hà"},
		{"Mã cán bộ,Họ và tên đệm,Tên", "A1,Lê Văn,Tám", "Lê", "Văn", "Tám"},
		{"Mã cán bộ,Họ đệm,Tên", "A1,Lê,Tám", "Lê", "", "Tám"},
		{"Mã cán bộ,Họ,Tên đệm,Tên,Họ và tên", "A1,Đỗ,,Na,Đỗ Thị Na", "Đỗ", "old", "Na"}, // blank keeps
		{"Mã cán bộ,Họ tên", "A1,Na", "", "", "Na"},
	}
	for _, c := range cases {
		pf, err := parsePeople("a.csv", []byte(c.header+"\n"+c.row+"\n"))
		if err != nil {
			t.Fatal(err)
		}
		in := pf.rows[0].apply(PersonInput{MiddleName: "old"})
		if in.FamilyName != c.family || in.MiddleName != c.middle || in.GivenName != c.given {
			t.Errorf("%s / %s: got %q %q %q, want %q %q %q", c.header, c.row, in.FamilyName, in.MiddleName, in.GivenName, c.family, c.middle, c.given)
		}
	}
}

// A zip may also lie the other way: declare a small entry that inflates to
// far more. archive/zip stops at the declared size, so the reader sees a
// short, broken part and the file is refused quickly.
func TestZipUnderstatingSizes(t *testing.T) {
	var packed bytes.Buffer
	fw, _ := flate.NewWriter(&packed, flate.BestSpeed)
	zeros := make([]byte, 1<<20)
	for range 200 {
		fw.Write(zeros)
	}
	fw.Close()
	good := workbookWithSheet(t, []byte(`<worksheet/>`))
	zr, _ := zip.NewReader(bytes.NewReader(good), int64(len(good)))
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, f := range zr.File {
		if f.Name == "xl/worksheets/sheet1.xml" {
			raw, _ := w.CreateRaw(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, CompressedSize64: uint64(packed.Len()),
				UncompressedSize64: 1000, CRC32: 1})
			raw.Write(packed.Bytes())
			continue
		}
		out, _ := w.Create(f.Name)
		r, _ := f.Open()
		io.Copy(out, r)
	}
	w.Close()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	_, err := parsePeople("a.xlsx", buf.Bytes())
	runtime.ReadMemStats(&after)
	if code := errCode(err); code != "bad_file" && code != "missing_columns" {
		t.Errorf("got %q (%v), want the file refused", code, err)
	}
	if took, alloc := time.Since(start), after.TotalAlloc-before.TotalAlloc; took > time.Second || alloc > 16<<20 {
		t.Errorf("took %v and %d MiB", took, alloc>>20)
	}
}

func TestXLSXFormulaCellsAreNotEvaluated(t *testing.T) {
	sheet := `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
		`<row r="1"><c r="A1" t="inlineStr"><is><t>Mã cán bộ</t></is></c><c r="B1" t="inlineStr"><is><t>Chức vụ</t></is></c>` +
		`<c r="C1" t="inlineStr"><is><t>Email</t></is></c></row>` +
		`<row r="2"><c r="A2" t="str"><f>"X"&amp;"1"</f><v>CACHED1</v></c><c r="B2"><f>1+1</f></c>` +
		`<c r="C2" t="str"><f>WEBSERVICE("http://evil.example/")</f><v></v></c></row></sheetData></worksheet>`
	pf, err := parsePeople("a.xlsx", workbookWithSheet(t, []byte(sheet)))
	if err != nil {
		t.Fatal(err)
	}
	if r := pf.rows[0]; r.in.Code != "CACHED1" || r.set&setJobTitle != 0 || r.set&setEmail != 0 {
		t.Errorf("row %+v: want the cached code and no value for the uncached formulas", r)
	}
}
