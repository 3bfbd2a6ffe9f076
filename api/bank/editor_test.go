package bank_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/govtrain/lms/api/apitest"
)

type detail struct {
	ID         int64          `json:"id"`
	CategoryID int64          `json:"category_id"`
	Name       string         `json:"name"`
	Version    int            `json:"version"`
	Archived   bool           `json:"archived"`
	Text       string         `json:"text"`
	Tags       []string       `json:"tags"`
	Mark       float64        `json:"default_mark"`
	Body       map[string]any `json:"body"`
	Versions   []struct {
		Version int `json:"version"`
	} `json:"versions"`
}

func singleChoice(cat int64) map[string]any {
	return map[string]any{"category_id": cat, "name": "TD-1", "tags": []string{"thư điện tử", " ", "thư điện tử"}, "default_mark": 2,
		"type": "single_choice", "text": "Trường nào dùng để gửi **bản sao kín**?", "format": "markdown",
		"general_feedback": "BCC ẩn người nhận.",
		"answers": []map[string]any{
			{"text": "BCC", "weight": 100, "feedback": "Đúng."},
			{"text": "CC", "weight": -50, "feedback": "CC *hiện* địa chỉ."},
			{"text": "To", "weight": 0},
		}}
}

func send(a *apitest.API, method, path, as string, body any) apitest.Response {
	return a.Do(apitest.Request{Method: method, Path: path, As: as, Body: body})
}

func TestEditorCreateEditArchive(t *testing.T) {
	a := apitest.New(t)
	cat := newCategory(t, a, "Soạn thử")
	other := newCategory(t, a, "Nhóm khác")
	res := send(a, "POST", "/api/v1/questions", "giangvien", singleChoice(cat))
	var d detail
	res.JSON(&d)
	if res.Code != http.StatusCreated || d.Version != 1 || d.Name != "TD-1" || d.Mark != 2 || len(d.Tags) != 1 || d.Body["Format"] != "markdown" {
		t.Fatalf("create: %d %s", res.Code, res.Body)
	}
	path := fmt.Sprintf("/api/v1/questions/%d", d.ID)

	// Saving what was loaded stores no version.
	in := singleChoice(cat)
	in["version"] = 1
	if res := send(a, "PUT", path, "giangvien", in); res.Code != http.StatusOK || !strings.Contains(res.Body.String(), `"version":1`) {
		t.Fatalf("unchanged save: %d %s", res.Code, res.Body)
	}
	// A changed question gets version 2; the old version stays.
	in["text"] = "Trường nào gửi bản sao kín?"
	res = send(a, "PUT", path, "admin", in)
	res.JSON(&d)
	if res.Code != http.StatusOK || d.Version != 2 || len(d.Versions) != 2 || d.Text != "Trường nào gửi bản sao kín?" {
		t.Fatalf("changed save: %d %s", res.Code, res.Body)
	}
	// The editor that loaded version 1 is told someone else saved.
	in["text"] = "Bản của người khác"
	res = send(a, "PUT", path, "giangvien", in)
	if res.Code != http.StatusConflict || res.ErrorCode() != "version_conflict" || !strings.Contains(res.Body.String(), `"current_version":2`) {
		t.Errorf("stale save: got %d %s, want 409 version_conflict", res.Code, res.Body)
	}
	// Moving to another category alone adds no version.
	in["text"], in["version"], in["category_id"] = "Trường nào gửi bản sao kín?", 2, other
	res = send(a, "PUT", path, "giangvien", in)
	res.JSON(&d)
	if res.Code != http.StatusOK || d.Version != 2 || d.CategoryID != other {
		t.Errorf("move: %d %s", res.Code, res.Body)
	}

	res = send(a, "POST", path+"/archive", "giangvien", nil)
	res.JSON(&d)
	if res.Code != http.StatusOK || !d.Archived {
		t.Fatalf("archive: %d %s", res.Code, res.Body)
	}
	var l struct {
		Total int `json:"total"`
	}
	a.Get(fmt.Sprintf("/api/v1/questions?category_id=%d", other), "giangvien").JSON(&l)
	if l.Total != 0 {
		t.Errorf("an archived question is listed: %d", l.Total)
	}
	// Editing an archived question keeps it archived.
	in["name"] = "TD-1 (lưu trữ)"
	res = send(a, "PUT", path, "giangvien", in)
	res.JSON(&d)
	if res.Code != http.StatusOK || d.Version != 3 || !d.Archived {
		t.Errorf("edit of an archived question: %d %s", res.Code, res.Body)
	}
	res = send(a, "POST", path+"/restore", "giangvien", nil)
	res.JSON(&d)
	if res.Code != http.StatusOK || d.Archived {
		t.Errorf("restore: %d %s", res.Code, res.Body)
	}
	var actions []string
	a.DB.Select(&actions, `SELECT action FROM audit_log WHERE entity_type = 'question' ORDER BY id`)
	want := "question.created question.updated question.updated question.archived question.updated question.restored"
	if got := strings.Join(actions, " "); got != want {
		t.Errorf("audit: got %q, want %q", got, want)
	}
	for _, role := range []string{"hocvien", "quanly", "noivu"} {
		if res := send(a, "PUT", path, role, in); res.Code != http.StatusForbidden {
			t.Errorf("PUT as %s: got %d, want 403", role, res.Code)
		}
	}
}

// What the editor loads from an imported question (no name, no mark, the
// default format) and sends back unchanged stores no version.
func TestEditorKeepsImportedQuestion(t *testing.T) {
	a := apitest.New(t)
	cat := newCategory(t, a, "Nhập")
	res := upload(a, "/api/v1/questions/import", "giangvien", "a.gift", []byte("Số nào là chẵn? {=2 ~3 ~5}\n"), map[string]string{"category_id": fmt.Sprint(cat)})
	if res.Code != http.StatusCreated {
		t.Fatalf("import: %d %s", res.Code, res.Body)
	}
	var id int64
	a.DB.Get(&id, `SELECT id FROM questions`)
	var d detail
	a.Get(fmt.Sprintf("/api/v1/questions/%d", id), "giangvien").JSON(&d)
	var answers []map[string]any
	for _, x := range d.Body["Answers"].([]any) {
		ans := x.(map[string]any)
		answers = append(answers, map[string]any{"text": ans["Text"], "weight": ans["Weight"], "feedback": ans["Feedback"]})
	}
	in := map[string]any{"category_id": d.CategoryID, "name": d.Name, "tags": d.Tags, "default_mark": d.Mark, "version": d.Version,
		"type": "single_choice", "format": "moodle", "text": d.Text, "answers": answers}
	res = send(a, "PUT", fmt.Sprintf("/api/v1/questions/%d", id), "giangvien", in)
	res.JSON(&d)
	if res.Code != http.StatusOK || d.Version != 1 {
		t.Errorf("unchanged imported question: %d %s", res.Code, res.Body)
	}
}

// A new version made in the editor keeps the pictures of the one before.
func TestEditorKeepsPictures(t *testing.T) {
	a := apitest.New(t)
	cat := newCategory(t, a, "Hình")
	xml := `<?xml version="1.0"?><quiz><question type="essay"><name><text>Sơ đồ</text></name>` +
		`<questiontext format="html"><text><![CDATA[Mô tả sơ đồ <img src="@@PLUGINFILE@@/a.gif">]]></text>` +
		`<file name="a.gif" path="/" encoding="base64">R0lGODlhAQABAAAAACw=</file></questiontext></question></quiz>`
	if res := upload(a, "/api/v1/questions/import", "giangvien", "a.xml", []byte(xml), map[string]string{"category_id": fmt.Sprint(cat)}); res.Code != http.StatusCreated {
		t.Fatalf("import: %d %s", res.Code, res.Body)
	}
	var id int64
	a.DB.Get(&id, `SELECT id FROM questions`)
	in := map[string]any{"category_id": cat, "name": "Sơ đồ", "version": 1, "type": "essay", "format": "html",
		"text": `Mô tả kỹ sơ đồ <img src="@@PLUGINFILE@@/a.gif">`}
	if res := send(a, "PUT", fmt.Sprintf("/api/v1/questions/%d", id), "giangvien", in); res.Code != http.StatusOK || !strings.Contains(res.Body.String(), `"version":2`) {
		t.Fatalf("edit: %d %s", res.Code, res.Body)
	}
	var files int
	a.DB.Get(&files, `SELECT count(*) FROM question_files f JOIN question_versions v ON v.id = f.version_id WHERE v.question_id = $1 AND v.version = 2`, id)
	if files != 1 {
		t.Errorf("pictures of version 2: got %d, want 1", files)
	}
}

func TestEditorRefusals(t *testing.T) {
	a := apitest.New(t)
	cat := newCategory(t, a, "Thử")
	q := func(typ string, answers []map[string]any, extra ...any) map[string]any {
		m := map[string]any{"category_id": cat, "type": typ, "text": "Câu hỏi?", "answers": answers}
		for i := 0; i < len(extra); i += 2 {
			m[extra[i].(string)] = extra[i+1]
		}
		return m
	}
	ans := func(kv ...any) map[string]any {
		m := map[string]any{}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return m
	}
	cases := []struct {
		name        string
		body        map[string]any
		field, code string
	}{
		{"single choice without a right answer", q("single_choice", []map[string]any{ans("text", "a", "weight", 50), ans("text", "b")}), "answers", "no_full_mark"},
		{"single choice with one option", q("single_choice", []map[string]any{ans("text", "a", "weight", 100)}), "answers", "too_few"},
		{"empty option", q("single_choice", []map[string]any{ans("text", "a", "weight", 100), ans("text", " ")}), "answers.1.text", "required"},
		{"weight out of range", q("single_choice", []map[string]any{ans("text", "a", "weight", 100), ans("text", "b", "weight", -150)}), "answers.1.weight", "out_of_range"},
		{"multiple choice under 100%", q("multiple_choice", []map[string]any{ans("text", "a", "weight", 50), ans("text", "b", "weight", 30)}), "answers", "weights_not_100"},
		{"short answer without answers", q("short_answer", nil), "answers", "required"},
		{"numerical without a number", q("numerical", []map[string]any{ans("weight", 100, "tolerance", 1)}), "answers.0.value", "required"},
		{"numerical negative tolerance", q("numerical", []map[string]any{ans("value", 3, "tolerance", -1, "weight", 100)}), "answers.0.tolerance", "invalid"},
		{"matching with one pair", q("matching", []map[string]any{ans("text", "HTTP", "match", "web"), ans("match", "thư")}), "answers", "too_few_pairs"},
		{"matching without a right side", q("matching", []map[string]any{ans("text", "HTTP", "match", "web"), ans("text", "SMTP")}), "answers.1.match", "required"},
		{"essay with answers", q("essay", []map[string]any{ans("text", "a")}), "answers", "not_allowed"},
		{"no text", q("essay", nil, "text", "  "), "text", "required"},
		{"unknown type", q("riddle", nil), "type", "invalid"},
		{"unknown format", q("essay", nil, "format", "docx"), "format", "invalid"},
		{"no category", q("essay", nil, "category_id", 0), "category_id", "required"},
		{"zero mark", q("essay", nil, "default_mark", 0), "default_mark", "invalid"},
	}
	for _, c := range cases {
		res := send(a, "POST", "/api/v1/questions", "giangvien", c.body)
		var e struct {
			Error struct {
				Code    string `json:"code"`
				Details struct {
					Fields map[string]string `json:"fields"`
				} `json:"details"`
			} `json:"error"`
		}
		res.JSON(&e)
		if res.Code != http.StatusUnprocessableEntity || e.Error.Code != "invalid_question" || e.Error.Details.Fields[c.field] != c.code {
			t.Errorf("%s: got %d %s, want 422 with %s %s", c.name, res.Code, res.Body, c.field, c.code)
		}
	}
	if res := send(a, "POST", "/api/v1/questions", "giangvien", q("essay", nil, "category_id", 999999)); res.Code != http.StatusBadRequest {
		t.Errorf("unknown category: got %d %s, want 400", res.Code, res.Body)
	}
	if res := send(a, "PUT", "/api/v1/questions/999999", "giangvien", q("essay", nil, "version", 1)); res.Code != http.StatusNotFound {
		t.Errorf("unknown question: got %d, want 404", res.Code)
	}
	if res := send(a, "POST", "/api/v1/questions", "giangvien", q("essay", nil, "version", 1)); res.ErrorCode() != "unknown_field" {
		t.Errorf("version on create: got %d %s, want unknown_field", res.Code, res.Body)
	}
	// Every type that is right is stored.
	good := []map[string]any{
		q("multiple_choice", []map[string]any{ans("text", "a", "weight", 50), ans("text", "b", "weight", 50), ans("text", "c", "weight", -100)}),
		q("true_false", []map[string]any{ans("text", "false", "feedback", "Sai rồi.")}, "true_false", true),
		q("short_answer", []map[string]any{ans("text", "SMTP", "weight", 100), ans("text", "smtp*", "weight", 50)}, "case_sensitive", true),
		q("numerical", []map[string]any{ans("value", 3.5, "tolerance", 0.5, "weight", 100), ans("text", "*", "feedback", "Gần đúng chưa?")}),
		q("matching", []map[string]any{ans("text", "HTTP", "match", "web"), ans("text", "SMTP", "match", "thư"), ans("match", "tệp")}),
		q("essay", nil, "grader_info", "Chấm theo ý."),
	}
	for _, b := range good {
		res := send(a, "POST", "/api/v1/questions", "giangvien", b)
		var d detail
		res.JSON(&d)
		if res.Code != http.StatusCreated {
			t.Errorf("%s: %d %s", b["type"], res.Code, res.Body)
		}
		if b["type"] == "true_false" {
			got, _ := json.Marshal(d.Body["Answers"])
			if d.Body["TrueFalse"] != true || !strings.Contains(string(got), `{"Feedback":"Sai rồi.","Match":"","Text":"false"`) {
				t.Errorf("true/false body: %+v", d.Body)
			}
		}
	}
}

func TestEditorRefusesFilesQuestions(t *testing.T) {
	a := apitest.New(t)
	a.SyncCourses("../course/testdata/courses")
	var id, cat int64
	a.DB.QueryRow(`SELECT id, category_id FROM questions ORDER BY id LIMIT 1`).Scan(&id, &cat)
	app := newCategory(t, a, "Ứng dụng")
	in := singleChoice(app)
	in["version"] = 1
	for _, r := range []struct{ method, path string }{
		{"PUT", fmt.Sprintf("/api/v1/questions/%d", id)},
		{"POST", fmt.Sprintf("/api/v1/questions/%d/archive", id)},
	} {
		var body any
		if r.method == "PUT" {
			body = in
		}
		if res := send(a, r.method, r.path, "giangvien", body); res.Code != http.StatusConflict || res.ErrorCode() != "managed_by_files" {
			t.Errorf("%s %s: got %d %s, want 409 managed_by_files", r.method, r.path, res.Code, res.Body)
		}
	}
	if res := send(a, "POST", "/api/v1/questions", "giangvien", singleChoice(cat)); res.Code != http.StatusConflict || res.ErrorCode() != "managed_by_files" {
		t.Errorf("create in a course bank: got %d %s, want 409 managed_by_files", res.Code, res.Body)
	}
}

func TestEditorPreview(t *testing.T) {
	a := apitest.New(t)
	in := singleChoice(0)
	delete(in, "category_id")
	delete(in, "name")
	delete(in, "tags")
	delete(in, "default_mark")
	res := send(a, "POST", "/api/v1/questions/preview", "giangvien", in)
	var p struct {
		View            map[string]any    `json:"view"`
		GeneralFeedback string            `json:"general_feedback"`
		Feedback        []string          `json:"feedback"`
		Fields          map[string]string `json:"fields"`
	}
	res.JSON(&p)
	view, _ := json.Marshal(p.View)
	if res.Code != http.StatusOK || !strings.Contains(p.View["text"].(string), "<strong>bản sao kín</strong>") ||
		len(p.View["options"].([]any)) != 3 || len(p.Fields) != 0 {
		t.Fatalf("preview: %d %s", res.Code, res.Body)
	}
	if strings.Contains(string(view), "Đúng") || strings.Contains(string(view), "100") || strings.Contains(string(view), "BCC ẩn") {
		t.Errorf("the learner's view tells the answer: %s", view)
	}
	if len(p.Feedback) != 3 || strings.TrimSpace(p.Feedback[0]) != "<p>Đúng.</p>" || !strings.Contains(p.Feedback[1], "<em>hiện</em>") || p.GeneralFeedback == "" {
		t.Errorf("trainer's feedback: %+v %q", p.Feedback, p.GeneralFeedback)
	}
	// An unfinished question previews, with what saving would refuse.
	res = send(a, "POST", "/api/v1/questions/preview", "giangvien", map[string]any{"type": "matching", "text": "Ghép",
		"answers": []map[string]any{{"text": "HTTP", "match": "web"}, {"match": "thư"}}})
	res.JSON(&p)
	if res.Code != http.StatusOK || p.Fields["answers"] != "too_few_pairs" || len(p.View["rights"].([]any)) != 2 {
		t.Errorf("unfinished preview: %d %s", res.Code, res.Body)
	}
	if res := send(a, "POST", "/api/v1/questions/preview", "giangvien", map[string]any{"type": "riddle", "text": "?"}); res.Code != http.StatusUnprocessableEntity {
		t.Errorf("preview of an unknown type: got %d, want 422", res.Code)
	}
}
