package qformat

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"
)

func TestParseMoodleExport(t *testing.T) {
	qs, _ := ParseMoodleXML(bytes.NewReader(mustRead(t, "moodle-export.xml")), Limits{})
	byName := map[string]Question{}
	for _, q := range qs {
		byName[q.Name] = q
	}
	q := byName["IU01-101 Thiết bị nhập"]
	png, _ := base64.StdEncoding.DecodeString("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")
	if q.Line != 15 || q.Type != SingleChoice || q.Format != FormatHTML || q.Mark != 2 || q.IDNumber != "IU01-101" ||
		q.Category != "Default for IU01/Phần cứng" || strings.Join(q.Tags, ",") != "phần cứng,IU01" ||
		len(q.Files) != 1 || q.Files[0].Name != "ban phim.png" || !bytes.Equal(q.Files[0].Data, png) ||
		q.Answers[0].Feedback != "<p>Đúng &amp; đủ.</p>" || q.Answers[2].Weight != -50 {
		t.Errorf("multichoice: %+v", q)
	}
	if q := byName["IU01-102 Lưu trữ"]; q.Type != MultiChoice || q.Format != FormatMoodle || q.Answers[2].Weight != 33.33334 {
		t.Errorf("multiple answers: %+v", q)
	}
	if q := byName["IU01-103 Nguồn mở"]; q.Type != TrueFalse || !q.TrueFalse || q.Format != FormatMarkdown || q.Answers[1].Feedback == "" || q.Category != "Default for IU01/Phần mềm" {
		t.Errorf("truefalse: %+v", q)
	}
	if q := byName["IU01-104 Viết tắt"]; q.Type != ShortAnswer || !q.CaseSensitive || q.Format != FormatPlain || q.Answers[2].Text != "*" {
		t.Errorf("shortanswer: %+v", q)
	}
	if q := byName["IU01-105 Cộng"]; q.Type != Numerical || q.Answers[0].Value != 4 || q.Answers[0].Tolerance != 0.5 || q.Answers[1].Text != "*" {
		t.Errorf("numerical: %+v", q)
	}
	if q := byName["IU01-106 Ghép"]; q.Type != Matching || len(q.Answers) != 3 || q.Answers[2].Text != "" || q.Answers[2].Match != "tính toán" {
		t.Errorf("matching: %+v", q)
	}
	if q := byName["IU01-107 Lợi ích"]; q.Type != Essay || q.GraderInfo != "Mỗi lợi ích đúng được 1/3 số điểm." {
		t.Errorf("essay: %+v", q)
	}
	if q := byName["IU01-108 Giới thiệu"]; q.Type != Description {
		t.Errorf("description: %+v", q)
	}
}

// xmlQuestion wraps the inside of one <question> in a quiz.
func xmlOne(typ, inside string) string {
	return "<quiz>\n<question type=\"" + typ + "\">\n<name><text>n</text></name>" + inside + "</question>\n</quiz>"
}

func TestMoodleXMLProblems(t *testing.T) {
	png := "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
	text := func(body string) string { return `<questiontext format="html"><text>` + body + `</text>` }
	cases := []struct {
		name, src, want string
	}{
		{"svg", xmlOne("essay", text(`x`)+`<file name="a.svg" encoding="base64">`+base64.StdEncoding.EncodeToString([]byte(`<svg onload="alert(1)"/>`))+`</file></questiontext>`), "only PNG, JPEG, GIF and WebP"},
		{"disguised", xmlOne("essay", text(`x`)+`<file name="a.png" encoding="base64">`+base64.StdEncoding.EncodeToString([]byte("<html><script>alert(1)</script>"))+`</file></questiontext>`), "named as image/png but its content is text/html"},
		{"too big", xmlOne("essay", text(`x`)+`<file name="a.png" encoding="base64">`+png+`</file></questiontext>`), "larger than 10 bytes"},
		{"bad base64", xmlOne("essay", text(`x`)+`<file name="a.png" encoding="base64">!!!</file></questiontext>`), "not valid base64"},
		{"slash", xmlOne("essay", text(`x`)+`<file name="../a.png" encoding="base64">`+png+`</file></questiontext>`), "slash"},
		{"folder", xmlOne("essay", text(`x`)+`<file name="a.png" path="/sub/" encoding="base64">`+png+`</file></questiontext>`), "in a folder"},
		{"missing file", xmlOne("essay", text(`&lt;img src="@@PLUGINFILE@@/gone.png"&gt;`)+`</questiontext>`), `shows "gone.png"`},
		{"three tf answers", xmlOne("truefalse", text(`x`)+`</questiontext><answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer><answer><text>maybe</text></answer>`), "answers true and false"},
		{"fraction", xmlOne("multichoice", text(`x`)+`</questiontext><answer fraction="lots"><text>a</text></answer><answer><text>b</text></answer>`), "not a number"},
		{"format", xmlOne("essay", `<questiontext format="rtf"><text>x</text></questiontext>`), "unknown text format"},
		{"numerical", xmlOne("numerical", text(`x`)+`</questiontext><answer fraction="100"><text>ba</text></answer>`), `"ba" is not a number`},
		{"tolerance", xmlOne("numerical", text(`x`)+`</questiontext><answer fraction="100"><text>3</text><tolerance>-1</tolerance></answer>`), "tolerance"},
		{"not moodle", "<html><body/></html>", "not <quiz>"},
		{"empty", "", "no <quiz> element"},
		{"broken", "<quiz><question>", "not well-formed"},
		{"text outside", "<quiz/>trailing", "text outside the <quiz> element"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			qs, probs := ParseMoodleXML(strings.NewReader(c.src), Limits{MaxFileBytes: 10})
			if c.name != "too big" {
				qs, probs = ParseMoodleXML(strings.NewReader(c.src), Limits{})
			}
			wantProblem(t, qs, probs, c.want)
			if len(probs) == 1 && probs[0].Line != 2 && strings.HasPrefix(c.src, "<quiz>\n") {
				t.Errorf("problem at line %d, want 2 (the question's)", probs[0].Line)
			}
		})
	}
}

// Files go into every text that references them, and a file no text
// references stays with the question text.
func TestMoodleXMLWritesFilesWhereReferenced(t *testing.T) {
	gif, _ := base64.StdEncoding.DecodeString("R0lGODlhAQABAAAAACw=")
	q := Question{Name: "f", Format: FormatHTML, Type: SingleChoice, Text: "Xem hình",
		Answers: []Answer{{Text: `<img src="@@PLUGINFILE@@/a%20b.gif">`, Weight: 100, Feedback: `<img src="@@PLUGINFILE@@/c.gif">`}, {Text: "không"}},
		Files:   []File{{"a b.gif", gif}, {"c.gif", gif}, {"d.gif", gif}}}
	out := string(xmlBytes(t, []Question{q}))
	if strings.Count(out, `<file name="a b.gif"`) != 1 || strings.Count(out, `<file name="c.gif"`) != 1 || strings.Count(out, `<file name="d.gif"`) != 1 {
		t.Errorf("files written wrongly:\n%s", out)
	}
	if i, j := strings.Index(out, `name="d.gif"`), strings.Index(out, "</questiontext>"); i < 0 || i > j {
		t.Errorf("the unreferenced file is not in the question text:\n%s", out)
	}
	if d := diffQuestions(parseXMLClean(t, []byte(out)), []Question{q}); d != "" {
		t.Error(d)
	}
}

func TestWriteMoodleXMLRefusesUnknownTypes(t *testing.T) {
	var b bytes.Buffer
	if err := WriteMoodleXML(&b, []Question{{Type: "cloze", Text: "x"}}); err == nil {
		t.Error("no error for an unknown type")
	}
}
