package qformat

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"io"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// bounded runs f and fails if it takes longer than d or allocates more
// than maxAlloc bytes in all.
func bounded(t *testing.T, d time.Duration, maxAlloc uint64, f func()) {
	t.Helper()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	f()
	took := time.Since(start)
	runtime.ReadMemStats(&after)
	if took > d {
		t.Errorf("took %v, want at most %v", took, d)
	}
	if a := after.TotalAlloc - before.TotalAlloc; a > maxAlloc {
		t.Errorf("allocated %d bytes, want at most %d", a, maxAlloc)
	}
}

// wantProblem fails unless probs has exactly one problem containing want
// and there are no questions.
func wantProblem(t *testing.T, qs []Question, probs []Problem, want string) {
	t.Helper()
	if len(qs) > 0 || len(probs) != 1 || !strings.Contains(probs[0].Msg, want) {
		t.Errorf("got %d questions and problems %v, want one problem about %q", len(qs), probs, want)
	}
}

const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE quiz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<quiz><question type="essay"><name><text>&lol9;</text></name>
<questiontext><text>&lol9;</text></questiontext></question></quiz>`

func TestXMLRefusesEntities(t *testing.T) {
	cases := map[string]string{
		"billion laughs": billionLaughs,
		"external entity": `<?xml version="1.0"?><!DOCTYPE quiz [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<quiz><question type="essay"><name><text>&x;</text></name><questiontext><text>&x;</text></questiontext></question></quiz>`,
		"parameter entity": `<!DOCTYPE quiz [<!ENTITY % p SYSTEM "http://127.0.0.1/evil.dtd"> %p;]><quiz/>`,
		"doctype alone":    `<!DOCTYPE quiz SYSTEM "quiz.dtd"><quiz></quiz>`,
		"entity alone":     `<!ENTITY x "y"><quiz></quiz>`,
	}
	for name, src := range cases {
		t.Run(name, func(t *testing.T) {
			var qs []Question
			var probs []Problem
			bounded(t, 100*time.Millisecond, 1<<20, func() { qs, probs = ParseMoodleXML(strings.NewReader(src), Limits{}) })
			wantProblem(t, qs, probs, "DOCTYPE or an ENTITY")
		})
	}
	// An entity used without any declaration is not well-formed; nothing
	// is looked up.
	qs, probs := ParseMoodleXML(strings.NewReader(`<quiz><question type="essay"><questiontext><text>&x;</text></questiontext></question></quiz>`), Limits{})
	wantProblem(t, qs, probs, "not well-formed")
}

func TestXMLRefusesDeepNesting(t *testing.T) {
	src := "<quiz><question type=\"essay\">" + strings.Repeat("<a>", 10000) + strings.Repeat("</a>", 10000) + "</question></quiz>"
	var qs []Question
	var probs []Problem
	bounded(t, 100*time.Millisecond, 1<<20, func() { qs, probs = ParseMoodleXML(strings.NewReader(src), Limits{}) })
	wantProblem(t, qs, probs, "nested more than 64")
	// Deep but unclosed: refused on depth before the end is missed.
	qs, probs = ParseMoodleXML(strings.NewReader(strings.Repeat("<quiz>", 100000)), Limits{})
	wantProblem(t, qs, probs, "nested more than 64")
	qs, probs = ParseMoodleXML(strings.NewReader("<quiz/><quiz/>"), Limits{})
	wantProblem(t, qs, probs, "root element")
	qs, probs = ParseMoodleXML(strings.NewReader("<quiz>"+strings.Repeat("<a>", 100000)), Limits{})
	wantProblem(t, qs, probs, "nested more than 64")
}

func TestXMLRefusesManyElements(t *testing.T) {
	src := "<quiz><question type=\"multichoice\">" + strings.Repeat("<answer/>", 3000) + "</question></quiz>"
	qs, probs := ParseMoodleXML(strings.NewReader(src), Limits{})
	wantProblem(t, qs, probs, "more than 2000 XML elements")
	one := `<question type="essay"><name><text>e</text></name><questiontext><text>Why?</text></questiontext></question>`
	qs, probs = ParseMoodleXML(strings.NewReader("<quiz>"+strings.Repeat(one, 11)+"</quiz>"), Limits{MaxQuestions: 10})
	wantProblem(t, qs, probs, "more than 10 questions")
}

// endless is a reader that never ends.
type endless struct{ b byte }

func (e endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = e.b
	}
	return len(p), nil
}

func TestHugeFilesStopAtTheCap(t *testing.T) {
	lim := Limits{MaxBytes: 1 << 20}
	bounded(t, time.Second, 8<<20, func() {
		qs, probs := ParseMoodleXML(io.MultiReader(strings.NewReader("<quiz>"), endless{' '}), lim)
		wantProblem(t, qs, probs, "larger than 1 MiB")
		qs, probs = ParseCSV(io.MultiReader(strings.NewReader("loai,cau_hoi\n"), endless{'a'}), lim)
		wantProblem(t, qs, probs, "larger than 1 MiB")
		qs, probs = ParseXLSX(make([]byte, 1<<20+1), lim)
		wantProblem(t, qs, probs, "larger than 1 MiB")
	})
	big := strings.Repeat("x", DefaultMaxBytes+1)
	qs, probs := ParseGIFT(big)
	wantProblem(t, qs, probs, "larger than 10 MiB")
	qs, probs = ParseAiken(big)
	wantProblem(t, qs, probs, "larger than 10 MiB")
}

func TestTooManyQuestions(t *testing.T) {
	src := strings.Repeat("Why? {}\n\n", DefaultMaxQuestions+1)
	qs, probs := ParseGIFT(src)
	if len(qs) != DefaultMaxQuestions || len(probs) != 1 || !strings.Contains(probs[0].Msg, "more than 5000 questions") || probs[0].Line != 2*DefaultMaxQuestions+1 {
		t.Errorf("got %d questions, problems %v", len(qs), probs)
	}
	csv := "loai,cau_hoi\n" + strings.Repeat("tu_luan,Why?\n", 11)
	qs, probs = ParseCSV(strings.NewReader(csv), Limits{MaxQuestions: 10})
	if len(qs) != 10 || len(probs) != 1 || probs[0].Line != 12 {
		t.Errorf("got %d questions, problems %v", len(qs), probs)
	}
}

func TestInvalidUTF8(t *testing.T) {
	bad := "\xff\xfe\xfd"
	check := func(name string, qs []Question, probs []Problem, line int) {
		t.Helper()
		if len(qs) > 0 || len(probs) != 1 || probs[0].Line != line || !strings.Contains(probs[0].Msg, "UTF-8") {
			t.Errorf("%s: got %d questions, problems %v, want one at line %d", name, len(qs), probs, line)
		}
	}
	qs, probs := ParseGIFT("::a:: ok {T}\n\n::b:: " + bad + " {T}\n")
	check("GIFT", qs, probs, 3)
	qs, probs = ParseAiken("Q?\nA. " + bad + "\nB. y\nANSWER: A\n")
	check("Aiken", qs, probs, 2)
	qs, probs = ParseCSV(strings.NewReader("loai,cau_hoi\ntu_luan,"+bad+"\n"), Limits{})
	check("CSV", qs, probs, 2)
	qs, probs = ParseMoodleXML(strings.NewReader("<quiz>\n<question type=\"essay\"><questiontext><text>"+bad+"</text></questiontext></question></quiz>"), Limits{})
	check("XML", qs, probs, 2)
	qs, probs = ParseMoodleXML(strings.NewReader(`<?xml version="1.0" encoding="ISO-8859-1"?><quiz></quiz>`), Limits{})
	wantProblem(t, qs, probs, "Moodle XML is UTF-8")
	qs, probs = ParseCSV(bytes.NewReader([]byte{0xFF, 0xFE, 'l', 0}), Limits{})
	wantProblem(t, qs, probs, "UTF-16")
}

// A cell that looks like a formula is text on the way in, and is written
// with a leading ' on the way out, in CSV and in XLSX.
func TestFormulaCells(t *testing.T) {
	const evil = `=cmd|' /C calc'!A0`
	qs, probs := ParseCSV(strings.NewReader("loai,cau_hoi,dap_an_1,diem_1,dap_an_2\nmot_dap_an,\""+evil+"\",@SUM(A1),100,+1\n"), Limits{})
	if len(probs) > 0 || len(qs) != 1 || qs[0].Text != evil || qs[0].Answers[0].Text != "@SUM(A1)" || qs[0].Answers[1].Text != "+1" {
		t.Fatalf("got %+v, problems %v", qs, probs)
	}
	var c bytes.Buffer
	if err := WriteCSV(&c, qs); err != nil {
		t.Fatal(err)
	}
	if out := c.String(); !strings.Contains(out, `,'=cmd|' /C calc'!A0,`) || !strings.Contains(out, "'@SUM(A1)") || !strings.Contains(out, ",100,") {
		t.Errorf("CSV export does not defuse formulas:\n%s", out)
	}
	var x bytes.Buffer
	if err := WriteXLSX(&x, qs); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(x.Bytes()), int64(x.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		r, _ := f.Open()
		b, _ := io.ReadAll(r)
		if bytes.Contains(b, []byte("<f>")) || bytes.Contains(b, []byte("<f ")) {
			t.Errorf("%s holds a formula element", f.Name)
		}
	}
	wb, err := excelize.OpenReader(bytes.NewReader(x.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := wb.GetCellValue(SheetQuestions, "D2"); v != "'"+evil {
		t.Errorf("XLSX cell D2 is %q, want it defused", v)
	}
	back, probs := ParseXLSX(x.Bytes(), Limits{})
	if len(probs) > 0 || back[0].Text != evil {
		t.Errorf("XLSX read back %q, problems %v", back[0].Text, probs)
	}
}

// zipWith builds a zip whose one entry declares size but holds little.
func zipWith(t *testing.T, name string, declared uint64, content []byte) []byte {
	t.Helper()
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestCompression)
	fw.Write(content)
	fw.Close()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(content),
		CompressedSize64: uint64(comp.Len()), UncompressedSize64: declared})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(comp.Bytes())
	zw.Close()
	return b.Bytes()
}

func TestXLSXZipBombs(t *testing.T) {
	zeros := make([]byte, 10<<20)
	cases := map[string]struct {
		data []byte
		want string
	}{
		"ratio":           {zipWith(t, "xl/worksheets/sheet1.xml", uint64(len(zeros)), zeros), "zip bomb"},
		"declared 16 GiB": {zipWith(t, "xl/worksheets/sheet1.xml", 16<<30, []byte("<x/>")), "unpacks to more than 64 MiB"},
		"not a workbook":  {[]byte("<html>not excel</html>"), "not an .xlsx workbook"},
		"broken zip":      {append([]byte("PK\x03\x04"), make([]byte, 100)...), "not a valid .xlsx"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			var qs []Question
			var probs []Problem
			bounded(t, 200*time.Millisecond, 4<<20, func() { qs, probs = ParseXLSX(c.data, Limits{}) })
			wantProblem(t, qs, probs, c.want)
		})
	}
	var many bytes.Buffer
	zw := zip.NewWriter(&many)
	for i := range 1001 { // one more part than any workbook may have
		zw.Create("part" + strconv.Itoa(i))
	}
	zw.Close()
	qs, probs := ParseXLSX(many.Bytes(), Limits{})
	wantProblem(t, qs, probs, "too many parts")
}
