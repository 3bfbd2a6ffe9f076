package quiz_test

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/govtrain/lms/api/apitest"
)

// TestQuestionPictures: a picture imported with a Moodle XML question is
// shown to the learner from an address that needs no token and cannot be
// guessed.
func TestQuestionPictures(t *testing.T) {
	f := newFixture(t)
	body, ct := apitest.Multipart("file", "moodle.xml", []byte(pictureXML), map[string]string{"category_id": fmt.Sprint(f.category)})
	if res := f.a.Do(apitest.Request{Method: "POST", Path: "/api/v1/questions/import", As: "giangvien", Body: body, ContentType: ct}); res.Code != 201 {
		t.Fatalf("import: %d %s", res.Code, res.Body)
	}
	var qid int64
	if err := f.a.DB.Get(&qid, `SELECT id FROM questions WHERE name = 'IU01-101 Thiết bị nhập'`); err != nil {
		t.Fatal(err)
	}
	f.qids["picture"] = qid
	at, res := f.start(t, f.quiz(t, []string{"picture"}, nil), "hocvien")
	if res.Code != http.StatusOK {
		t.Fatalf("start: %d %s", res.Code, res.Body)
	}
	src := regexp.MustCompile(`src="(/api/v1/question-files/[^"]+)"`).FindStringSubmatch(at.Questions[0].Text)
	if src == nil {
		t.Fatalf("no picture address in %s", at.Questions[0].Text)
	}
	if res := f.a.Get(src[1], ""); res.Code != http.StatusOK || res.Header().Get("Content-Type") != "image/png" {
		t.Errorf("the picture without a token: %d %s", res.Code, res.Header().Get("Content-Type"))
	}
	parts := strings.Split(src[1], "/")
	parts[5] = "0000000000000000"
	if res := f.a.Get(strings.Join(parts, "/"), ""); res.Code != http.StatusNotFound {
		t.Errorf("a guessed address: got %d, want 404", res.Code)
	}
}

const pictureXML = `<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="multichoice">
    <name><text>IU01-101 Thiết bị nhập</text></name>
    <questiontext format="html">
      <text><![CDATA[<p>Thiết bị nào là thiết bị <b>nhập</b>?</p><p><img src="@@PLUGINFILE@@/ban%20phim.png" alt="bàn phím"></p>]]></text>
      <file name="ban phim.png" path="/" encoding="base64">iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==</file>
    </questiontext>
    <single>true</single>
    <answer fraction="100"><text>Bàn phím</text></answer>
    <answer fraction="0"><text>Màn hình</text></answer>
  </question>
</quiz>`
