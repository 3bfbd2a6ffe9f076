package qformat

import (
	"bytes"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
)

// withoutLines returns qs with Line zeroed: a round trip moves questions.
func withoutLines(qs []Question) []Question {
	out := make([]Question, len(qs))
	for i, q := range qs {
		q.Line = 0
		out[i] = q
	}
	return out
}

// diffQuestions describes the first difference between two lists, or "".
func diffQuestions(got, want []Question) string {
	got, want = withoutLines(got), withoutLines(want)
	if len(got) != len(want) {
		return fmt.Sprintf("got %d questions, want %d", len(got), len(want))
	}
	for i := range got {
		if !reflect.DeepEqual(got[i], want[i]) {
			return fmt.Sprintf("question %d:\n got  %+v\n want %+v", i, got[i], want[i])
		}
	}
	return ""
}

func mustRead(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func parseGIFTClean(t testing.TB, src string) []Question {
	t.Helper()
	qs, probs := ParseGIFT(src)
	if len(probs) > 0 {
		t.Fatalf("problems: %v", probs)
	}
	return qs
}

func parseXMLClean(t testing.TB, src []byte) []Question {
	t.Helper()
	qs, probs := ParseMoodleXML(bytes.NewReader(src), Limits{})
	if len(probs) > 0 {
		t.Fatalf("problems: %v", probs)
	}
	return qs
}

func writeGIFTString(t testing.TB, qs []Question) string {
	t.Helper()
	var b strings.Builder
	if err := WriteGIFT(&b, qs); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func xmlBytes(t testing.TB, qs []Question) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteMoodleXML(&b, qs); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// GIFT -> model -> GIFT -> model keeps every question.
func TestGIFTRoundTrip(t *testing.T) {
	for _, name := range []string{"moodle-doc.gift", "tricky.gift", "windows.gift"} {
		t.Run(name, func(t *testing.T) {
			first := parseGIFTClean(t, string(mustRead(t, name)))
			out := writeGIFTString(t, first)
			if d := diffQuestions(parseGIFTClean(t, out), first); d != "" {
				t.Errorf("%s\nwritten:\n%s", d, out)
			}
		})
	}
}

// Moodle XML -> model -> XML -> model keeps every question, files included.
func TestMoodleXMLRoundTrip(t *testing.T) {
	src := mustRead(t, "moodle-export.xml")
	first, probs := ParseMoodleXML(bytes.NewReader(src), Limits{})
	if len(probs) != 1 || !strings.Contains(probs[0].Msg, `"multianswer" is not supported`) {
		t.Fatalf("problems: %v", probs)
	}
	if len(first) != 8 || len(first[0].Files) != 1 {
		t.Fatalf("got %d questions, files %v", len(first), first[0].Files)
	}
	out := xmlBytes(t, first)
	if d := diffQuestions(parseXMLClean(t, out), first); d != "" {
		t.Errorf("%s\nwritten:\n%s", d, out)
	}
}

// A GIFT file read directly and read through Moodle XML gives the same
// questions: every GIFT type exists in Moodle XML.
func TestGIFTThroughMoodleXML(t *testing.T) {
	for _, name := range []string{"moodle-doc.gift", "tricky.gift"} {
		t.Run(name, func(t *testing.T) {
			first := parseGIFTClean(t, string(mustRead(t, name)))
			out := xmlBytes(t, first)
			if d := diffQuestions(parseXMLClean(t, out), first); d != "" {
				t.Errorf("%s\nwritten:\n%s", d, out)
			}
		})
	}
}

// CSV and XLSX keep what the template can hold.
func TestTableRoundTrip(t *testing.T) {
	first, probs := ParseCSV(bytes.NewReader(mustRead(t, "template.csv")), Limits{})
	if len(probs) > 0 {
		t.Fatalf("problems: %v", probs)
	}
	var c bytes.Buffer
	if err := WriteCSV(&c, first); err != nil {
		t.Fatal(err)
	}
	again, probs := ParseCSV(&c, Limits{})
	if len(probs) > 0 {
		t.Fatalf("problems reading the written CSV: %v", probs)
	}
	if d := diffQuestions(again, first); d != "" {
		t.Errorf("CSV: %s", d)
	}
	var x bytes.Buffer
	if err := WriteXLSX(&x, first); err != nil {
		t.Fatal(err)
	}
	again, probs = ParseXLSX(x.Bytes(), Limits{})
	if len(probs) > 0 {
		t.Fatalf("problems reading the written XLSX: %v", probs)
	}
	if d := diffQuestions(again, first); d != "" {
		t.Errorf("XLSX: %s", d)
	}
	// The same questions through GIFT and back keep everything but the
	// text format, which CSV does not have.
	viaGIFT := parseGIFTClean(t, writeGIFTString(t, first))
	if d := diffQuestions(viaGIFT, first); d != "" {
		t.Errorf("CSV through GIFT: %s", d)
	}
}
