package quiz_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/govtrain/lms/api/apitest"
)

// TestRegradeAndStatistics: a wrong answer key is fixed in the bank, the
// regrade (dry, then applied) says which attempts change and rewrites
// their grades; statistics count what learners chose.
func TestRegradeAndStatistics(t *testing.T) {
	f := newFixture(t)
	quiz := f.quiz(t, []string{"single", "tf"}, map[string]any{"shuffle_answers": false, "pass_percent": 100})
	at, _ := f.start(t, quiz, "hocvien")
	answers := map[string]any{}
	for _, q := range at.Questions {
		if q.Type == "single_choice" {
			answers[fmt.Sprint(q.Slot)] = map[string]any{"choice": index(q.Options, "Ctrl+V")}
		} else {
			answers[fmt.Sprint(q.Slot)] = map[string]any{"value": true}
		}
	}
	f.save(t, at.ID, 1, answers, nil)
	if res := f.submit(t, at.ID, uuid.NewString()); !strings.Contains(res.Body.String(), `"percent":50`) {
		t.Fatalf("submit: %s", res.Body)
	}
	// The trainer decides Ctrl+V was the key the question meant.
	fix := map[string]any{"category_id": f.category, "name": "single", "type": "single_choice", "version": 1,
		"text": "Phím tắt nào dùng để sao chép?", "answers": []map[string]any{
			{"text": "Ctrl+C", "weight": 0}, {"text": "Ctrl+V", "weight": 100}, {"text": "Ctrl+X", "weight": 0}}}
	if res := f.a.Do(reqAs("PUT", fmt.Sprintf("/api/v1/questions/%d", f.qids["single"]), "giangvien", fix)); res.Code != http.StatusOK {
		t.Fatalf("fixing the question: %d %s", res.Code, res.Body)
	}
	var rep struct {
		AttemptsChecked  int `json:"attempts_checked"`
		UpdatedQuestions []struct {
			FromVersion int `json:"from_version"`
			ToVersion   int `json:"to_version"`
		} `json:"updated_questions"`
		Changes []struct {
			AttemptID  int64    `json:"attempt_id"`
			OldPercent *float64 `json:"old_percent"`
			NewPercent *float64 `json:"new_percent"`
			NewPassed  *bool    `json:"new_passed"`
		} `json:"changes"`
	}
	res := f.a.Do(reqAs("POST", fmt.Sprintf("/api/v1/quizzes/%d/regrade", quiz), "giangvien", map[string]any{"dry_run": true}))
	decode(t, res, &rep)
	if rep.AttemptsChecked != 1 || len(rep.UpdatedQuestions) != 1 || rep.UpdatedQuestions[0].ToVersion != 2 ||
		len(rep.Changes) != 1 || *rep.Changes[0].OldPercent != 50 || *rep.Changes[0].NewPercent != 100 {
		t.Fatalf("dry run: %s", res.Body)
	}
	var pct float64
	f.a.DB.Get(&pct, `SELECT percent FROM quiz_attempts WHERE id = $1`, at.ID)
	if pct != 50 {
		t.Fatalf("a dry run changed the attempt to %v%%", pct)
	}
	res = f.a.Do(reqAs("POST", fmt.Sprintf("/api/v1/quizzes/%d/regrade", quiz), "giangvien", map[string]any{"dry_run": false}))
	decode(t, res, &rep)
	var passed bool
	f.a.DB.QueryRow(`SELECT g.percent, g.passed FROM quiz_grades g WHERE g.quiz_id = $1`, quiz).Scan(&pct, &passed)
	if pct != 100 || !passed || len(rep.Changes) != 1 || !*rep.Changes[0].NewPassed {
		t.Errorf("after the regrade: grade %v%% passed %v; report %s", pct, passed, res.Body)
	}
	// A second regrade finds nothing to change.
	res = f.a.Do(reqAs("POST", fmt.Sprintf("/api/v1/quizzes/%d/regrade", quiz), "giangvien", map[string]any{"dry_run": false}))
	if decode(t, res, &rep); len(rep.Changes) != 0 {
		t.Errorf("a second regrade: %s", res.Body)
	}

	var st struct {
		Attempts  int      `json:"attempts"`
		Mean      *float64 `json:"mean"`
		PassRate  *float64 `json:"pass_rate"`
		Histogram []struct {
			Count int `json:"count"`
		} `json:"histogram"`
		Questions []struct {
			Name     string   `json:"name"`
			Facility *float64 `json:"facility"`
			Answers  []struct {
				Label string `json:"label"`
				Count int    `json:"count"`
			} `json:"answers"`
		} `json:"questions"`
	}
	res = f.a.Get(fmt.Sprintf("/api/v1/quizzes/%d/statistics", quiz), "giangvien")
	decode(t, res, &st)
	if st.Attempts != 1 || *st.Mean != 100 || *st.PassRate != 100 || st.Histogram[9].Count != 1 || len(st.Questions) != 2 {
		t.Fatalf("statistics: %s", res.Body)
	}
	for _, q := range st.Questions {
		if q.Name == "single" {
			if *q.Facility != 1 || len(q.Answers) != 3 || q.Answers[1].Label != "Ctrl+V" || q.Answers[1].Count != 1 {
				t.Errorf("single's statistics: %+v", q)
			}
		}
	}
	// The results list shows the attempt with its person.
	res = f.a.Get(fmt.Sprintf("/api/v1/quizzes/%d/attempts", quiz), "giangvien")
	if res.Code != http.StatusOK || !strings.Contains(res.Body.String(), `"total":1`) {
		t.Errorf("attempts: %d %s", res.Code, res.Body)
	}
}

// TestFileQuizCompletesCourse: the curriculum's final test is required by
// the completion rule; the submit that passes it completes the course of a
// learner who has read every lesson, in the same statement.
func TestFileQuizCompletesCourse(t *testing.T) {
	e := newExam(t)
	var lessons []int64
	e.a.DB.Select(&lessons, `SELECT l.id FROM lessons l JOIN quizzes q ON q.course_id = l.course_id WHERE q.id = $1`, e.quiz)
	var person int64
	e.a.DB.Get(&person, `SELECT person_id FROM users WHERE username = 'hocvien'`)
	for _, l := range lessons {
		if res := e.a.Do(reqAs("POST", fmt.Sprintf("/api/v1/lessons/%d/complete", l), "hocvien", nil)); res.Code != http.StatusOK {
			t.Fatalf("lesson %d: %d %s", l, res.Code, res.Body)
		}
	}
	var done *string
	e.a.DB.Get(&done, `SELECT completed_at::text FROM enrolments e JOIN quizzes q ON q.course_id = e.course_id WHERE q.id = $1 AND e.person_id = $2`, e.quiz, person)
	if done != nil {
		t.Fatal("the course completed before its final test was passed")
	}
	// Pass the final test: answer from the bank's keys, read as a trainer.
	res := e.a.Do(reqAs("POST", fmt.Sprintf("/api/v1/quizzes/%d/attempts", e.quiz), "hocvien", nil))
	var at attempt
	decode(t, res, &at)
	e.a.DB.MustExec(`UPDATE quizzes SET pass_percent = 0 WHERE id = $1`, e.quiz) // any score passes: the rule is what is tested
	if res := e.a.Do(reqAs("POST", fmt.Sprintf("/api/v1/attempts/%d/submit", at.ID), "hocvien", map[string]any{})); res.Code != http.StatusOK {
		t.Fatalf("submit: %d %s", res.Code, res.Body)
	}
	e.a.DB.Get(&done, `SELECT completed_at::text FROM enrolments e JOIN quizzes q ON q.course_id = e.course_id WHERE q.id = $1 AND e.person_id = $2`, e.quiz, person)
	if done == nil {
		t.Error("passing the final test did not complete the course")
	}
}

// TestResultsScope: a trainer sees the results of the curriculum's quizzes
// and of their own courses', not of another trainer's course.
func TestResultsScope(t *testing.T) {
	f := newFixture(t)
	quiz := f.quiz(t, []string{"essay"}, nil)
	at, _ := f.start(t, quiz, "hocvien")
	f.save(t, at.ID, 1, map[string]any{"0": map[string]any{"text": "Bài làm"}}, nil)
	f.submit(t, at.ID, "")
	if res := f.a.Do(reqAs("POST", "/api/v1/users", "admin", map[string]any{"username": "giangvien2",
		"password": apitest.DemoPassword, "role": "trainer"})); res.Code != http.StatusCreated {
		t.Fatalf("second trainer: %d %s", res.Code, res.Body)
	}
	for _, path := range []string{"/statistics", "/attempts"} {
		if res := f.a.Get(fmt.Sprintf("/api/v1/quizzes/%d%s", quiz, path), "giangvien2"); res.Code != http.StatusNotFound {
			t.Errorf("%s of another trainer's quiz: got %d, want 404", path, res.Code)
		}
	}
	if res := f.a.Get("/api/v1/grading", "giangvien2"); strings.Contains(res.Body.String(), "Bài làm") {
		t.Errorf("another trainer's grading queue shows the essay: %s", res.Body)
	}
	if res := f.a.Get(fmt.Sprintf("/api/v1/attempts/%d/review", at.ID), "giangvien2"); res.Code != http.StatusNotFound {
		t.Errorf("review of another trainer's learner: got %d, want 404", res.Code)
	}
	if res := f.a.Get("/api/v1/grading", "admin"); !strings.Contains(res.Body.String(), "Bài làm") {
		t.Errorf("the admin's queue lacks the essay: %s", res.Body)
	}
}
