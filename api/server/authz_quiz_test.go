package server_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/govtrain/lms/api/apitest"
)

// quizRoutes are the matrix rows of quizzes and attempts: a published app
// course of the trainer's with one published quiz on question, every demo
// person enrolled, an attempt of the learner's (saved, then submitted by
// the rows in order), and a second quiz nobody attempted, for deletion.
func quizRoutes(t *testing.T, a *apitest.API, question int64) []route {
	t.Helper()
	const slug = "kiem-tra-ma-tran"
	res := a.Do(apitest.Request{Method: "POST", Path: "/api/v1/courses", As: "giangvien",
		Body: map[string]any{"slug": slug, "title_vi": "Khóa có bài kiểm tra", "track": "other", "level": "basic"}})
	if res.Code != http.StatusCreated {
		t.Fatalf("course: %d %s", res.Code, res.Body)
	}
	quizBody := func(title string) map[string]any {
		return map[string]any{"slug": fmt.Sprintf("kt-%d", seq.Add(1)), "title_vi": title, "published": true,
			"required": true, "pass_percent": 50, "review_attempt": []string{"score"},
			"slots": []map[string]any{{"question_id": question, "mark": 1}}}
	}
	newQuiz := func(title string) int64 {
		var q struct {
			ID int64 `json:"id"`
		}
		res := a.Do(apitest.Request{Method: "POST", Path: "/api/v1/courses/" + slug + "/quizzes", As: "giangvien", Body: quizBody(title)})
		if res.Code != http.StatusCreated {
			t.Fatalf("quiz: %d %s", res.Code, res.Body)
		}
		res.JSON(&q)
		return q.ID
	}
	quizID, spare := newQuiz("Bài kiểm tra"), newQuiz("Bài kiểm tra dự phòng")
	var m struct {
		ID int64 `json:"id"`
	}
	a.Do(apitest.Request{Method: "POST", Path: "/api/v1/courses/" + slug + "/modules", As: "giangvien", Body: map[string]any{"title_vi": "Phần 1"}}).JSON(&m)
	a.Do(apitest.Request{Method: "POST", Path: fmt.Sprintf("/api/v1/modules/%d/lessons", m.ID), As: "giangvien",
		Body: map[string]any{"title_vi": "Bài 1", "body_md": "Nội dung"}})
	if res := a.Do(apitest.Request{Method: "POST", Path: "/api/v1/courses/" + slug + "/publish", As: "giangvien"}); res.Code != http.StatusOK {
		t.Fatalf("publish: %d %s", res.Code, res.Body)
	}
	if _, err := a.DB.Exec(`INSERT INTO enrolments (course_id, person_id, source)
		SELECT c.id, u.person_id, 'assigned' FROM courses c, users u WHERE c.slug = $1 AND u.person_id IS NOT NULL`, slug); err != nil {
		t.Fatal(err)
	}
	var att struct {
		ID int64 `json:"id"`
	}
	a.Do(apitest.Request{Method: "POST", Path: fmt.Sprintf("/api/v1/quizzes/%d/attempts", spare), As: "hocvien"}).JSON(&att)
	if att.ID == 0 {
		t.Fatal("the learner could not start the spare quiz")
	}
	// The spare quiz's attempt is the one the rows act on; the spare quiz
	// itself is then not deletable, so deletion uses a third one.
	third := newQuiz("Bài kiểm tra để xóa")
	version := func(string) any {
		var v int
		a.DB.Get(&v, `SELECT version FROM quizzes WHERE id = $1`, quizID)
		b := quizBody("Bài kiểm tra")
		b["version"] = v
		return b
	}
	p := func(format string, args ...any) string { return "/api/v1" + fmt.Sprintf(format, args...) }
	graders := want{403, 200, 403, 403, 200}
	ownOnly := want{200, 404, 404, 404, 404}
	return []route{
		{"GET", p("/courses/%s/quizzes", slug), nil, everyone},
		{"POST", p("/courses/%s/quizzes", slug), func(string) any { return quizBody("Thêm") }, want{403, 201, 403, 403, 201}},
		{"GET", p("/quizzes/%d", quizID), nil, everyone},
		{"PUT", p("/quizzes/%d", quizID), version, want{403, 200, 403, 403, 200}},
		{"DELETE", p("/quizzes/%d", third), nil, want{403, 204, 403, 403, 404}},
		{"POST", p("/quizzes/%d/attempts", quizID), nil, want{200, 200, 200, 200, 400}},
		{"GET", p("/attempts/%d", att.ID), nil, ownOnly},
		{"GET", p("/attempts/%d/questions/0", att.ID), nil, ownOnly},
		{"PUT", p("/attempts/%d/answers", att.ID), func(string) any {
			return map[string]any{"seq": seq.Add(1), "answers": map[string]any{"0": map[string]any{"choice": 0}}}
		}, ownOnly},
		{"POST", p("/attempts/%d/submit", att.ID), func(string) any { return map[string]any{} }, want{200, 404, 404, 404, 404}},
		{"GET", p("/attempts/%d/review", att.ID), nil, want{200, 200, 404, 404, 200}},
		{"POST", p("/attempts/%d/grade", att.ID), func(string) any { return map[string]any{"slot": 0, "awarded": 0} }, want{403, 400, 403, 403, 400}},
		{"GET", p("/quizzes/%d/attempts", spare), nil, graders},
		{"GET", p("/quizzes/%d/statistics", spare), nil, graders},
		{"POST", p("/quizzes/%d/regrade", spare), func(string) any { return map[string]any{"dry_run": true} }, graders},
		{"GET", p("/grading"), nil, graders},
	}
}
