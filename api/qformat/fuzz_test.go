package qformat

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// seeds adds every testdata file with one of exts to f's corpus.
func seeds(f *testing.F, exts ...string) {
	for _, ext := range exts {
		files, _ := filepath.Glob("testdata/*" + ext)
		for _, name := range files {
			b, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(string(b))
		}
	}
}

// checkParsed fails on what no parser may return, whatever its input.
func checkParsed(t *testing.T, qs []Question, probs []Problem) {
	t.Helper()
	for _, q := range qs {
		if q.Line < 1 {
			t.Fatalf("question without a line: %+v", q)
		}
		if msgs := Check(&q); len(msgs) > 0 {
			t.Fatalf("returned a question with problems %v: %+v", msgs, q)
		}
	}
	for _, p := range probs {
		if p.Msg == "" || p.Line < 0 {
			t.Fatalf("bad problem %+v", p)
		}
	}
}

// giftLossy reports whether GIFT cannot write q back as it is: "->" in a
// short answer makes GIFT read a matching question.
func giftLossy(q Question) bool {
	if q.Type != ShortAnswer {
		return false
	}
	for _, a := range q.Answers {
		if strings.Contains(a.Text, "->") || strings.Contains(a.Feedback, "->") {
			return true
		}
	}
	return false
}

func FuzzParseGIFT(f *testing.F) {
	seeds(f, ".gift")
	f.Add("::x:: {")
	f.Add("a {=b -> c =d -> e}\n\n{~%50%a ~%50%b}")
	f.Add("$CATEGORY: $course$/top/x\n::n::[html]t {#=%50%1..2#f ~#g}")
	f.Fuzz(func(t *testing.T, src string) {
		qs, probs := ParseGIFT(src)
		checkParsed(t, qs, probs)
		var keep []Question
		for _, q := range qs {
			if !giftLossy(q) {
				keep = append(keep, q)
			}
		}
		var b strings.Builder
		if err := WriteGIFT(&b, keep); err != nil {
			t.Fatal(err)
		}
		again, probs := ParseGIFT(b.String())
		if len(probs) > 0 {
			t.Fatalf("written GIFT has problems %v:\n%s", probs, b.String())
		}
		if d := diffQuestions(again, keep); d != "" {
			t.Fatalf("round trip: %s\nwritten:\n%s", d, b.String())
		}
	})
}

func FuzzParseAiken(f *testing.F) {
	seeds(f, ".aiken.txt")
	f.Add("Q?\nA. a\nB) b\nANSWER: B\n")
	f.Fuzz(func(t *testing.T, src string) {
		qs, probs := ParseAiken(src)
		checkParsed(t, qs, probs)
		for _, q := range qs {
			if q.Type != SingleChoice {
				t.Fatalf("Aiken gave a %s", q.Type)
			}
		}
	})
}

func FuzzParseMoodleXML(f *testing.F) {
	seeds(f, ".xml")
	for _, q := range []string{
		`<question type="category"><category><text>$course$/top/a/b</text></category></question>`,
		`<question type="truefalse"><questiontext><text>t</text></questiontext><answer fraction="100"><text>true</text><feedback><text>y</text></feedback></answer><answer><text>false</text></answer></question>`,
		`<question type="multichoice"><name><text>n</text></name><questiontext format="markdown"><text>q</text></questiontext><single>false</single><answer fraction="50"><text>a</text></answer><answer fraction="50"><text>b</text></answer><answer fraction="-100"><text>c</text></answer></question>`,
		`<question type="shortanswer"><questiontext><text><![CDATA[<p>q</p>]]></text></questiontext><usecase>1</usecase><answer fraction="100"><text>a*b</text></answer></question>`,
		`<question type="numerical"><questiontext><text>q</text></questiontext><answer fraction="100"><text>1.5</text><tolerance>0.1</tolerance></answer><answer fraction="0"><text>*</text></answer></question>`,
		`<question type="matching"><questiontext><text>q</text></questiontext><subquestion><text>a</text><answer><text>1</text></answer></subquestion><subquestion><text>b</text><answer><text>2</text></answer></subquestion><subquestion><text></text><answer><text>3</text></answer></subquestion></question>`,
		`<question type="essay"><questiontext><text>q</text></questiontext><graderinfo><text>g</text></graderinfo><defaultgrade>5</defaultgrade><tags><tag><text>t</text></tag></tags></question>`,
		`<question type="description"><questiontext format="html"><text>see @@PLUGINFILE@@/a.gif</text><file name="a.gif" path="/" encoding="base64">R0lGODlhAQABAAAAACw=</file></questiontext></question>`,
	} {
		f.Add("<quiz>" + q + "</quiz>")
	}
	f.Fuzz(func(t *testing.T, src string) {
		qs, probs := ParseMoodleXML(strings.NewReader(src), Limits{})
		checkParsed(t, qs, probs)
		var b bytes.Buffer
		if err := WriteMoodleXML(&b, qs); err != nil {
			t.Fatal(err)
		}
		again, probs := ParseMoodleXML(&b, Limits{})
		if len(probs) > 0 {
			t.Fatalf("written XML has problems %v:\n%s", probs, b.String())
		}
		if d := diffQuestions(again, qs); d != "" {
			t.Fatalf("round trip: %s\nwritten:\n%s", d, b.String())
		}
	})
}

func FuzzParseCSV(f *testing.F) {
	seeds(f, ".csv")
	f.Add("loai;cau_hoi;dap_an_1;diem_1\nso;x;'-1..2,5;50%\n")
	f.Add("loai,cau_hoi,dap_an_1,phan_hoi_1,phan_hoi_2\ndung_sai,x,Sai,a,b\n")
	f.Add("sep=;\nLoại;Câu hỏi;Đáp án 1;Điểm 1;Đáp án 2\nmot_dap_an;q;a;100;b\nghep_doi;q;a -> b;;c → d\n")
	f.Fuzz(func(t *testing.T, src string) {
		qs, probs := ParseCSV(strings.NewReader(src), Limits{})
		checkParsed(t, qs, probs)
		var b bytes.Buffer
		if err := WriteCSV(&b, qs); err != nil {
			return // more answers than the template holds cannot come from a CSV
		}
		again, probs := ParseCSV(&b, Limits{})
		if len(probs) > 0 {
			t.Fatalf("written CSV has problems %v:\n%s", probs, b.String())
		}
		if d := diffQuestions(again, qs); d != "" {
			t.Fatalf("round trip: %s\nwritten:\n%s", d, b.String())
		}
	})
}

// FuzzParseXLSX checks that no workbook, however broken, gets past the
// reader's limits or crashes the import (a panic inside excelize is
// recovered and reported as a problem).
func FuzzParseXLSX(f *testing.F) {
	qs, _ := ParseCSV(strings.NewReader("loai,cau_hoi,dap_an_1,diem_1,dap_an_2\nmot_dap_an,q,a,100,b\n"), Limits{})
	for _, set := range [][]Question{nil, qs} {
		var b bytes.Buffer
		if err := WriteXLSX(&b, set); err != nil {
			f.Fatal(err)
		}
		f.Add(b.Bytes())
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		qs, probs := ParseXLSX(data, Limits{})
		checkParsed(t, qs, probs)
	})
}
