package bank_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/govtrain/lms/api/apitest"
	"github.com/govtrain/lms/api/qformat"
)

const giftFile = `$CATEGORY: Thư điện tử/Cơ bản

::TD-1:: Trường nào dùng để gửi bản sao kín? {
  =BCC # Người nhận khác không thấy địa chỉ này.
  ~CC
  ~To
}

::TD-2:: Hộp thư công vụ dùng cho công việc của cơ quan. {T}

$CATEGORY: Thư điện tử/Nâng cao

::TD-3:: Giao thức gửi thư giữa các máy chủ? {=SMTP =smtp}
`

func upload(a *apitest.API, path, as, name string, data []byte, fields map[string]string) apitest.Response {
	body, ct := apitest.Multipart("file", name, data, fields)
	return a.Do(apitest.Request{Method: http.MethodPost, Path: path, As: as, Body: body, ContentType: ct})
}

func newCategory(t *testing.T, a *apitest.API, name string) int64 {
	t.Helper()
	res := a.Do(apitest.Request{Method: http.MethodPost, Path: "/api/v1/question-categories", As: "giangvien", Body: map[string]any{"name": name}})
	var c struct {
		ID int64 `json:"id"`
	}
	res.JSON(&c)
	if res.Code != http.StatusCreated {
		t.Fatalf("category: %d %s", res.Code, res.Body)
	}
	return c.ID
}

func TestImportPreviewListExport(t *testing.T) {
	a := apitest.New(t)
	cat := newCategory(t, a, "Bộ câu hỏi thử")
	var p struct {
		Format    string `json:"format"`
		Total     int    `json:"total"`
		Questions []struct {
			Line     int    `json:"line"`
			Type     string `json:"type"`
			Category string `json:"category"`
		} `json:"questions"`
		Problems []struct {
			Line int `json:"line"`
		} `json:"problems"`
	}
	upload(a, "/api/v1/questions/import/preview", "giangvien", "td.gift", []byte(giftFile), nil).JSON(&p)
	if p.Format != "gift" || p.Total != 3 || len(p.Problems) != 0 || p.Questions[0].Line != 3 || p.Questions[2].Category != "Thư điện tử/Nâng cao" {
		t.Fatalf("preview: %+v", p)
	}
	// A file with a problem is refused whole.
	bad := giftFile + "\n::TD-4:: Hai đáp án đúng? {=a =b ~c}\n"
	res := upload(a, "/api/v1/questions/import", "giangvien", "td.gift", []byte(bad), map[string]string{"category_id": fmt.Sprint(cat)})
	if res.Code != http.StatusUnprocessableEntity || res.ErrorCode() != "import_has_errors" {
		t.Fatalf("bad file: %d %s", res.Code, res.Body)
	}
	var n int
	a.DB.Get(&n, `SELECT count(*) FROM questions`)
	if n != 0 {
		t.Fatalf("%d questions written from a refused file", n)
	}
	res = upload(a, "/api/v1/questions/import", "giangvien", "td.gift", []byte(giftFile), map[string]string{"category_id": fmt.Sprint(cat)})
	if res.Code != http.StatusCreated || !strings.Contains(res.Body.String(), `"created":3`) || !strings.Contains(res.Body.String(), `"categories_created":3`) {
		t.Fatalf("import: %d %s", res.Code, res.Body)
	}
	var l struct {
		Total int `json:"total"`
		Items []struct {
			ID           int64  `json:"id"`
			Name         string `json:"name"`
			CategoryName string `json:"category_name"`
			Type         string `json:"type"`
		} `json:"items"`
	}
	a.Get(fmt.Sprintf("/api/v1/questions?category_id=%d", cat), "giangvien").JSON(&l)
	if l.Total != 3 {
		t.Errorf("list under the category: %+v", l)
	}
	a.Get(fmt.Sprintf("/api/v1/questions?category_id=%d&include_sub=false", cat), "giangvien").JSON(&l)
	if l.Total != 0 {
		t.Errorf("list of the category alone: %+v", l)
	}
	a.Get("/api/v1/questions?q=ban%20sao%20kin", "admin").JSON(&l)
	if l.Total != 1 || l.Items[0].Name != "TD-1" || l.Items[0].CategoryName != "Cơ bản" || l.Items[0].Type != "single_choice" {
		t.Errorf("search without diacritics: %+v", l)
	}
	var d struct {
		Body     map[string]any   `json:"body"`
		Versions []map[string]any `json:"versions"`
	}
	a.Get(fmt.Sprintf("/api/v1/questions/%d", l.Items[0].ID), "giangvien").JSON(&d)
	if len(d.Versions) != 1 || d.Body["Answers"] == nil {
		t.Errorf("detail: %+v", d)
	}
	// Export and read back: the same three questions, categories relative.
	res = a.Get(fmt.Sprintf("/api/v1/questions/export?category_id=%d&format=gift", cat), "giangvien")
	if res.Code != http.StatusOK {
		t.Fatalf("export: %d %s", res.Code, res.Body)
	}
	qs, probs := qformat.ParseGIFT(res.Body.String())
	if len(probs) > 0 || len(qs) != 3 || qs[0].Category != "Thư điện tử/Cơ bản" {
		t.Errorf("exported GIFT: %v %+v", probs, qs)
	}
	res = a.Get(fmt.Sprintf("/api/v1/questions/export?category_id=%d&format=moodlexml", cat), "giangvien")
	if xs, probs := qformat.ParseMoodleXML(res.Body, qformat.Limits{}); len(probs) > 0 || len(xs) != 3 {
		t.Errorf("exported Moodle XML: %v, %d questions", probs, len(xs))
	}
	var actions int
	a.DB.Get(&actions, `SELECT count(*) FROM audit_log WHERE action = 'questions.imported'`)
	if actions != 1 {
		t.Errorf("audit entries: %d", actions)
	}
	// The same file again: new questions, no new categories.
	res = upload(a, "/api/v1/questions/import", "giangvien", "td.gift", []byte(giftFile), map[string]string{"category_id": fmt.Sprint(cat)})
	if !strings.Contains(res.Body.String(), `"categories_created":0`) {
		t.Errorf("re-import: %s", res.Body)
	}
}

func TestImportRefusals(t *testing.T) {
	a := apitest.New(t)
	cat := newCategory(t, a, "Thử")
	cases := []struct {
		name, file string
		data       []byte
		fields     map[string]string
		status     int
		code       string
	}{
		{"no category", "a.gift", []byte(giftFile), nil, 400, "invalid_input"},
		{"unknown category", "a.gift", []byte(giftFile), map[string]string{"category_id": "999999"}, 400, "invalid_input"},
		{"unknown type", "a.pdf", []byte("%PDF-1.4"), map[string]string{"category_id": fmt.Sprint(cat)}, 415, "unsupported_file"},
		{"bad format field", "a.gift", []byte(giftFile), map[string]string{"category_id": fmt.Sprint(cat), "format": "docx"}, 400, "invalid_input"},
		{"entities", "a.xml", []byte(`<?xml version="1.0"?><!DOCTYPE q [<!ENTITY a "aaaa">]><quiz>&a;</quiz>`), map[string]string{"category_id": fmt.Sprint(cat)}, 422, "import_has_errors"},
		{"empty", "a.gift", []byte("// nothing\n"), map[string]string{"category_id": fmt.Sprint(cat)}, 422, "import_empty"},
		{"only text", "a.gift", []byte("::d:: Chỉ là đoạn mô tả.\n"), map[string]string{"category_id": fmt.Sprint(cat)}, 422, "import_empty"},
	}
	for _, c := range cases {
		res := upload(a, "/api/v1/questions/import", "admin", c.file, c.data, c.fields)
		if res.Code != c.status || res.ErrorCode() != c.code {
			t.Errorf("%s: got %d %s, want %d %s", c.name, res.Code, res.Body, c.status, c.code)
		}
	}
	if res := a.Do(apitest.Request{Method: http.MethodPost, Path: "/api/v1/questions/import", As: "admin", Body: map[string]any{}}); res.Code != http.StatusUnsupportedMediaType {
		t.Errorf("JSON instead of a file: %d", res.Code)
	}
	if res := a.Get("/api/v1/questions/export?category_id=999999", "admin"); res.Code != http.StatusBadRequest {
		t.Errorf("export of a missing category: %d", res.Code)
	}
	if res := a.Get("/api/v1/questions?type=riddle", "admin"); res.Code != http.StatusBadRequest {
		t.Errorf("bad type filter: %d", res.Code)
	}
	if res := a.Get("/api/v1/questions/999999", "admin"); res.Code != http.StatusNotFound {
		t.Errorf("unknown question: %d", res.Code)
	}
}

// The course banks synced from files are in the bank, read-only here.
func TestCourseBanksAreListed(t *testing.T) {
	a := apitest.New(t)
	a.SyncCourses("../course/testdata/courses")
	var cats struct {
		Items []struct {
			Name       string  `json:"name"`
			Source     string  `json:"source"`
			CourseSlug *string `json:"course_slug"`
		} `json:"items"`
	}
	a.Get("/api/v1/question-categories", "giangvien").JSON(&cats)
	if len(cats.Items) != 7 || cats.Items[0].Name != "Chương trình đào tạo" || cats.Items[0].Source != "files" {
		t.Errorf("categories: %+v", cats.Items)
	}
	var l struct {
		Total int `json:"total"`
		Items []struct {
			Source string `json:"source"`
		} `json:"items"`
	}
	a.Get("/api/v1/questions?page_size=1", "giangvien").JSON(&l)
	if l.Total != 60 || l.Items[0].Source != "files" {
		t.Errorf("questions: %+v", l)
	}
	a.Get("/api/v1/questions?page=99&page_size=1", "giangvien").JSON(&l)
	if l.Total != 60 || len(l.Items) != 0 {
		t.Errorf("past the last page: %+v", l)
	}
	var files int64
	a.DB.Get(&files, `SELECT id FROM question_categories WHERE source = 'files' ORDER BY id DESC LIMIT 1`)
	res := upload(a, "/api/v1/questions/import", "giangvien", "a.gift", []byte(giftFile), map[string]string{"category_id": fmt.Sprint(files)})
	if res.Code != http.StatusConflict || res.ErrorCode() != "managed_by_files" {
		t.Errorf("import into a course bank: %d %s", res.Code, res.Body)
	}
}
