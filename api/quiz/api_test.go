package quiz_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/govtrain/lms/api/apitest"
	"github.com/govtrain/lms/api/quiz"
)

// bankGIFT has one question of every type, with feedback that must never
// reach a learner before review allows it.
const bankGIFT = `
::single:: Phím tắt nào dùng để sao chép? {=Ctrl+C #PHAN-HOI-DUNG ~Ctrl+V #PHAN-HOI-SAI ~Ctrl+X}

::multi:: Những định dạng nào là tệp ảnh? {~%50%PNG ~%50%JPEG ~%-100%DOCX #PHAN-HOI-DOCX}

::tf:: Mật khẩu mạnh có ít nhất 8 ký tự. {T#PHAN-HOI-TF}

::short:: Giao thức gửi thư giữa các máy chủ thư là gì? {=SMTP =%50%*mtp* #PHAN-HOI-SMTP}

::num:: Một byte có bao nhiêu bit? {#8:0 #PHAN-HOI-SO}

::match:: Ghép phím tắt với tác dụng. {=Ctrl+C -> Sao chép =Ctrl+V -> Dán =Ctrl+Z -> Hoàn tác}

::essay:: Trình bày các bước gửi một văn bản điện tử. {}
`

// fixture is a published app course with a bank of every type, the
// learner enrolled.
type fixture struct {
	a        *apitest.API
	slug     string
	category int64
	qids     map[string]int64 // question name -> id
	n        int              // quizzes made
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	a := apitest.New(t)
	f := &fixture{a: a, slug: "kiem-tra-thu", qids: map[string]int64{}}
	do := func(method, path string, body any, want int) apitest.Response {
		t.Helper()
		res := a.Do(apitest.Request{Method: method, Path: "/api/v1" + path, As: "giangvien", Body: body})
		if res.Code != want {
			t.Fatalf("%s %s: %d %s", method, path, res.Code, res.Body)
		}
		return res
	}
	var id struct {
		ID int64 `json:"id"`
	}
	do("POST", "/question-categories", map[string]any{"name": "Kiểm tra thử"}, 201).JSON(&id)
	f.category = id.ID
	body, ct := apitest.Multipart("file", "bank.gift", []byte(bankGIFT), map[string]string{"category_id": fmt.Sprint(f.category)})
	if res := a.Do(apitest.Request{Method: "POST", Path: "/api/v1/questions/import", As: "giangvien", Body: body, ContentType: ct}); res.Code != 201 {
		t.Fatalf("import: %d %s", res.Code, res.Body)
	}
	rows, err := a.DB.Query(`SELECT name, id FROM questions WHERE category_id = $1`, f.category)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var n string
		var i int64
		rows.Scan(&n, &i)
		f.qids[n] = i
	}
	rows.Close()
	do("POST", "/courses", map[string]any{"slug": f.slug, "title_vi": "Khóa kiểm tra", "track": "other", "level": "basic"}, 201)
	do("POST", "/courses/"+f.slug+"/modules", map[string]any{"title_vi": "Phần 1"}, 201).JSON(&id)
	do("POST", fmt.Sprintf("/modules/%d/lessons", id.ID), map[string]any{"title_vi": "Bài 1", "body_md": "Nội dung"}, 201)
	do("POST", "/courses/"+f.slug+"/publish", nil, 200)
	if res := a.Do(apitest.Request{Method: "POST", Path: "/api/v1/courses/" + f.slug + "/enrol", As: "hocvien"}); res.Code != 201 {
		t.Fatalf("enrol: %d %s", res.Code, res.Body)
	}
	return f
}

// quiz creates a published quiz; opts change the defaults.
func (f *fixture) quiz(t *testing.T, names []string, opts map[string]any) int64 {
	t.Helper()
	var slots []map[string]any
	for _, n := range names {
		slots = append(slots, map[string]any{"question_id": f.qids[n], "mark": 1})
	}
	f.n++
	body := map[string]any{"title_vi": fmt.Sprintf("Bài kiểm tra %d: %s", f.n, strings.Join(names, " ")), "published": true, "required": true,
		"pass_percent": 50, "shuffle_questions": true, "shuffle_answers": true, "review_attempt": []string{"score"},
		"review_closed": []string{"score", "correctness", "feedback", "answers"}, "slots": slots}
	for k, v := range opts {
		body[k] = v
	}
	res := f.a.Do(apitest.Request{Method: "POST", Path: "/api/v1/courses/" + f.slug + "/quizzes", As: "giangvien", Body: body})
	if res.Code != http.StatusCreated {
		t.Fatalf("quiz: %d %s", res.Code, res.Body)
	}
	var q struct {
		ID int64 `json:"id"`
	}
	res.JSON(&q)
	return q.ID
}

type question struct {
	Slot     int            `json:"slot"`
	Type     string         `json:"type"`
	Text     string         `json:"text"`
	Options  []string       `json:"options"`
	Lefts    []string       `json:"lefts"`
	Rights   []string       `json:"rights"`
	Response map[string]any `json:"response"`
}

type attempt struct {
	ID        int64      `json:"id"`
	State     string     `json:"state"`
	Furthest  int        `json:"furthest"`
	SlotCount int        `json:"slot_count"`
	Questions []question `json:"questions"`
}

func (f *fixture) start(t *testing.T, quiz int64, as string) (attempt, apitest.Response) {
	t.Helper()
	res := f.a.Do(apitest.Request{Method: "POST", Path: fmt.Sprintf("/api/v1/quizzes/%d/attempts", quiz), As: as})
	var at attempt
	if res.Code == http.StatusOK {
		res.JSON(&at)
	}
	return at, res
}

func (f *fixture) save(t *testing.T, id int64, seq int, answers map[string]any, extra map[string]any) apitest.Response {
	t.Helper()
	body := map[string]any{"seq": seq, "answers": answers}
	for k, v := range extra {
		body[k] = v
	}
	return f.a.Do(apitest.Request{Method: "PUT", Path: fmt.Sprintf("/api/v1/attempts/%d/answers", id), As: "hocvien", Body: body})
}

func (f *fixture) submit(t *testing.T, id int64, key string) apitest.Response {
	t.Helper()
	h := http.Header{}
	if key != "" {
		h.Set("Idempotency-Key", key)
	}
	return f.a.Do(apitest.Request{Method: "POST", Path: fmt.Sprintf("/api/v1/attempts/%d/submit", id), As: "hocvien", Header: h})
}

func index(xs []string, want string) int {
	for i, x := range xs {
		if x == want {
			return i
		}
	}
	return -1
}

// rightAnswer answers q correctly, from what the learner's view shows.
func rightAnswer(t *testing.T, q question) map[string]any {
	t.Helper()
	switch q.Type {
	case "single_choice":
		return map[string]any{"choice": index(q.Options, "Ctrl+C")}
	case "multiple_choice":
		return map[string]any{"choices": []int{index(q.Options, "PNG"), index(q.Options, "JPEG")}}
	case "true_false":
		return map[string]any{"value": true}
	case "short_answer":
		return map[string]any{"text": " smtp "}
	case "numerical":
		return map[string]any{"text": "8"}
	case "matching":
		pairs := map[string]int{}
		want := map[string]string{"Ctrl+C": "Sao chép", "Ctrl+V": "Dán", "Ctrl+Z": "Hoàn tác"}
		for i, l := range q.Lefts {
			pairs[fmt.Sprint(i)] = index(q.Rights, want[l])
		}
		return map[string]any{"pairs": pairs}
	case "essay":
		return map[string]any{"text": "Ký số, gửi qua hệ thống quản lý văn bản."}
	}
	t.Fatalf("no answer for %s", q.Type)
	return nil
}

var objective = []string{"single", "multi", "tf", "short", "num", "match"}

func decode(t *testing.T, res apitest.Response, v any) {
	t.Helper()
	if err := json.Unmarshal(res.Body.Bytes(), v); err != nil {
		t.Fatal(err)
	}
}

func reqAs(method, path, as string, body any) apitest.Request {
	return apitest.Request{Method: method, Path: path, As: as, Body: body}
}

func newService(f *fixture) *quiz.Service { return quiz.NewService(f.a.DB, 0) }
