package quiz_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
)

// TestAttemptFlow takes a quiz of every objective type: the learner's view
// never shows correctness, saved answers come back after a reload, the
// submit grades everything right, and the quiz grade and review follow.
func TestAttemptFlow(t *testing.T) {
	f := newFixture(t)
	quiz := f.quiz(t, append(objective, "essay"), nil)
	at, res := f.start(t, quiz, "hocvien")
	if res.Code != http.StatusOK || at.State != "in_progress" || len(at.Questions) != 7 || !strings.Contains(res.Body.String(), `"course_slug":"kiem-tra-thu"`) {
		t.Fatalf("start: %d %s", res.Code, res.Body)
	}
	for _, leak := range []string{"PHAN-HOI", "weight", "Weight", "fraction", "feedback", "SMTP", `"right"`, `"right_text"`} {
		if strings.Contains(res.Body.String(), leak) {
			t.Errorf("the learner's view of the attempt contains %q: %s", leak, res.Body)
		}
	}
	// Starting again resumes the same attempt.
	again, _ := f.start(t, quiz, "hocvien")
	if again.ID != at.ID {
		t.Fatalf("a second start made attempt %d, want the same %d", again.ID, at.ID)
	}
	answers := map[string]any{}
	for _, q := range at.Questions {
		answers[fmt.Sprint(q.Slot)] = rightAnswer(t, q)
	}
	if res := f.save(t, at.ID, 1, answers, nil); res.Code != http.StatusOK {
		t.Fatalf("save: %d %s", res.Code, res.Body)
	}
	// A reload shows every saved answer.
	res = f.a.Get(fmt.Sprintf("/api/v1/attempts/%d", at.ID), "hocvien")
	var reloaded attempt
	decode(t, res, &reloaded)
	for _, q := range reloaded.Questions {
		if q.Response == nil {
			t.Errorf("slot %d (%s): the saved answer did not come back", q.Slot, q.Type)
		}
	}
	// Someone else's attempt does not exist for them.
	if res := f.a.Get(fmt.Sprintf("/api/v1/attempts/%d", at.ID), "quanly"); res.Code != http.StatusNotFound {
		t.Errorf("another person's attempt: got %d, want 404", res.Code)
	}
	key := uuid.NewString()
	res = f.submit(t, at.ID, key)
	var sum struct {
		State        string   `json:"state"`
		Percent      *float64 `json:"percent"`
		NeedsGrading bool     `json:"needs_grading"`
	}
	decode(t, res, &sum)
	if res.Code != http.StatusOK || sum.State != "finished" || !sum.NeedsGrading || sum.Percent != nil {
		t.Fatalf("submit: %d %s", res.Code, res.Body)
	}
	var score, max float64
	f.a.DB.QueryRow(`SELECT score, max_score FROM quiz_attempts WHERE id = $1`, at.ID).Scan(&score, &max)
	if score != 6 || max != 7 {
		t.Errorf("score %v of %v, want 6 of 7 (every objective answer right, the essay waiting)", score, max)
	}
	// The essay waits in the trainer's queue; grading it completes the grade.
	res = f.a.Get(fmt.Sprintf("/api/v1/grading?quiz_id=%d", quiz), "giangvien")
	var queue struct {
		Items []struct {
			AttemptID    int64  `json:"attempt_id"`
			Slot         int    `json:"slot"`
			ResponseText string `json:"response_text"`
		} `json:"items"`
	}
	decode(t, res, &queue)
	if len(queue.Items) != 1 || queue.Items[0].AttemptID != at.ID || !strings.Contains(queue.Items[0].ResponseText, "Ký số") {
		t.Fatalf("grading queue: %s", res.Body)
	}
	res = f.a.Do(reqAs("POST", fmt.Sprintf("/api/v1/attempts/%d/grade", at.ID), "giangvien",
		map[string]any{"slot": queue.Items[0].Slot, "awarded": 0.5, "comment": "Thiếu bước lưu hồ sơ."}))
	if res.Code != http.StatusOK || !strings.Contains(res.Body.String(), `"percent":92.86`) {
		t.Fatalf("grade: %d %s", res.Code, res.Body)
	}
	var gradePct float64
	var passed bool
	f.a.DB.QueryRow(`SELECT percent, passed FROM quiz_grades g JOIN users u ON u.person_id = g.person_id
		WHERE u.username = 'hocvien' AND g.quiz_id = $1`, quiz).Scan(&gradePct, &passed)
	if gradePct != 92.86 || !passed {
		t.Errorf("quiz grade %v passed %v, want 92.86 and passed", gradePct, passed)
	}
	// The review right after shows only the score (review_attempt: score).
	res = f.a.Get(fmt.Sprintf("/api/v1/attempts/%d/review", at.ID), "hocvien")
	if res.Code != http.StatusOK || strings.Contains(res.Body.String(), "PHAN-HOI") || strings.Contains(res.Body.String(), `"state":"correct"`) ||
		!strings.Contains(res.Body.String(), `"percent":92.86`) {
		t.Errorf("review with score only: %d %s", res.Code, res.Body)
	}
	// Once the quiz has closed, everything the closed options allow.
	f.a.DB.MustExec(`UPDATE quizzes SET open_at = now() - interval '2 days', close_at = now() - interval '1 day' WHERE id = $1`, quiz)
	res = f.a.Get(fmt.Sprintf("/api/v1/attempts/%d/review", at.ID), "hocvien")
	for _, want := range []string{"PHAN-HOI-DUNG", `"state":"correct"`, `"right_text":"SMTP"`, `"right_text":"8"`, "Thiếu bước lưu hồ sơ."} {
		if !strings.Contains(res.Body.String(), want) {
			t.Errorf("review after close lacks %s: %s", want, res.Body)
		}
	}
}

// TestSubmitExactlyOnce fires 100 concurrent submits of one attempt: one
// grade, one quiz grade; repeats with the same key get the same answer,
// others are refused.
func TestSubmitExactlyOnce(t *testing.T) {
	f := newFixture(t)
	quiz := f.quiz(t, objective, nil)
	at, _ := f.start(t, quiz, "hocvien")
	answers := map[string]any{}
	for _, q := range at.Questions {
		answers[fmt.Sprint(q.Slot)] = rightAnswer(t, q)
	}
	f.save(t, at.ID, 1, answers, nil)
	key := uuid.NewString()
	var wg sync.WaitGroup
	codes := make([]int, 100)
	bodies := make([]string, 100)
	for i := range 100 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			k := key
			if i%2 == 1 {
				k = uuid.NewString()
			}
			res := f.submit(t, at.ID, k)
			codes[i], bodies[i] = res.Code, res.Body.String()
		}()
	}
	wg.Wait()
	sameKeyOK, otherOK := 0, 0
	for i, c := range codes {
		switch {
		case c == http.StatusOK && i%2 == 0:
			sameKeyOK++
			if bodies[i] != bodies[0] && codes[0] == http.StatusOK {
				t.Errorf("a repeat with the same key answered differently:\n%s\n%s", bodies[i], bodies[0])
			}
		case c == http.StatusOK:
			otherOK++
		case c != http.StatusConflict:
			t.Errorf("submit %d: %d %s", i, c, bodies[i])
		}
	}
	if sameKeyOK+otherOK == 0 || (otherOK > 0 && sameKeyOK > 0) || otherOK > 1 {
		t.Errorf("%d same-key and %d other-key submits succeeded; exactly one submit may win", sameKeyOK, otherOK)
	}
	var finished, grades, attempts int
	f.a.DB.QueryRow(`SELECT count(*) FILTER (WHERE state = 'finished') FROM quiz_attempts WHERE quiz_id = $1`, quiz).Scan(&finished)
	f.a.DB.QueryRow(`SELECT count(*), COALESCE(max(attempts), 0) FROM quiz_grades WHERE quiz_id = $1`, quiz).Scan(&grades, &attempts)
	if finished != 1 || grades != 1 || attempts != 1 {
		t.Errorf("finished %d, grade rows %d, attempts counted %d; want 1, 1, 1", finished, grades, attempts)
	}
}

// TestSaveSequence: a late save never replaces a newer answer; a repeated
// save changes nothing; bad saves are refused.
func TestSaveSequence(t *testing.T) {
	f := newFixture(t)
	quiz := f.quiz(t, []string{"short", "num"}, map[string]any{"shuffle_questions": false})
	at, _ := f.start(t, quiz, "hocvien")
	if res := f.save(t, at.ID, 5, map[string]any{"0": map[string]any{"text": "moi"}}, nil); res.Code != 200 {
		t.Fatalf("save 5: %d %s", res.Code, res.Body)
	}
	// Save 4 arrives late: its answer to slot 0 is older; slot 1 is new.
	if res := f.save(t, at.ID, 4, map[string]any{"0": map[string]any{"text": "cu"}, "1": map[string]any{"text": "8"}}, nil); res.Code != 200 {
		t.Fatalf("save 4: %d %s", res.Code, res.Body)
	}
	f.save(t, at.ID, 5, map[string]any{"0": map[string]any{"text": "moi"}}, nil) // repeated
	var got attempt
	decode(t, f.a.Get(fmt.Sprintf("/api/v1/attempts/%d", at.ID), "hocvien"), &got)
	if got.Questions[0].Response["text"] != "moi" || got.Questions[1].Response["text"] != "8" {
		t.Errorf("after a late save: %v, %v", got.Questions[0].Response, got.Questions[1].Response)
	}
	for _, bad := range []map[string]any{
		{"seq": 0, "answers": map[string]any{}},
		{"seq": 6, "answers": map[string]any{"x": map[string]any{"text": "a"}}},
		{"seq": 6, "answers": map[string]any{"0": map[string]any{"text": strings.Repeat("a", 20001)}}},
		{"seq": 6, "answers": map[string]any{"0": map[string]any{"colour": "red"}}},
	} {
		res := f.a.Do(reqAs("PUT", fmt.Sprintf("/api/v1/attempts/%d/answers", at.ID), "hocvien", bad))
		if res.Code != http.StatusBadRequest {
			t.Errorf("save %v: got %d %s, want 400", bad, res.Code, res.Body)
		}
	}
}

// TestSequentialNavigation: questions not reached are refused; moving on
// is one step at a time; answers to questions left behind do not count.
func TestSequentialNavigation(t *testing.T) {
	f := newFixture(t)
	quiz := f.quiz(t, []string{"short", "num", "tf"}, map[string]any{"navigation": "sequential", "shuffle_questions": false})
	at, _ := f.start(t, quiz, "hocvien")
	if len(at.Questions) != 1 {
		t.Fatalf("sequential start shows %d questions, want 1", len(at.Questions))
	}
	if res := f.a.Get(fmt.Sprintf("/api/v1/attempts/%d/questions/1", at.ID), "hocvien"); res.Code != http.StatusForbidden || res.ErrorCode() != "not_reached" {
		t.Errorf("question not reached: %d %s", res.Code, res.Body)
	}
	if res := f.save(t, at.ID, 1, nil, map[string]any{"page": 2}); res.Code != http.StatusForbidden {
		t.Errorf("jumping two ahead: %d %s", res.Code, res.Body)
	}
	if res := f.save(t, at.ID, 2, map[string]any{"0": map[string]any{"text": "SMTP"}}, map[string]any{"page": 1}); res.Code != 200 {
		t.Fatalf("next: %d %s", res.Code, res.Body)
	}
	if res := f.a.Get(fmt.Sprintf("/api/v1/attempts/%d/questions/1", at.ID), "hocvien"); res.Code != http.StatusOK {
		t.Errorf("question reached: %d %s", res.Code, res.Body)
	}
	f.save(t, at.ID, 3, map[string]any{"0": map[string]any{"text": "doi y"}}, nil) // slot 0 is behind: ignored
	var got attempt
	decode(t, f.a.Get(fmt.Sprintf("/api/v1/attempts/%d", at.ID), "hocvien"), &got)
	if len(got.Questions) != 2 || got.Questions[0].Response["text"] != "SMTP" {
		t.Errorf("after moving on: %+v", got.Questions)
	}
}

// TestTimeUp: the server's clock closes an attempt with what was saved,
// even if the learner never comes back; late saves are refused.
func TestTimeUp(t *testing.T) {
	f := newFixture(t)
	quiz := f.quiz(t, []string{"short", "num"}, map[string]any{"time_limit_minutes": 10, "shuffle_questions": false})
	at, _ := f.start(t, quiz, "hocvien")
	f.save(t, at.ID, 1, map[string]any{"0": map[string]any{"text": "SMTP"}}, nil)
	f.a.DB.MustExec(`UPDATE quiz_attempts SET deadline = now() - interval '1 minute' WHERE id = $1`, at.ID)
	if res := f.save(t, at.ID, 2, map[string]any{"1": map[string]any{"text": "8"}}, nil); res.Code != http.StatusConflict || res.ErrorCode() != "time_up" {
		t.Errorf("save after the deadline: %d %s", res.Code, res.Body)
	}
	svc := newService(f)
	n, err := svc.CloseExpired(t.Context(), 100)
	if err != nil || n != 1 {
		t.Fatalf("CloseExpired: %d %v", n, err)
	}
	var state string
	var auto bool
	var pct float64
	f.a.DB.QueryRow(`SELECT state, auto_finished, percent FROM quiz_attempts WHERE id = $1`, at.ID).Scan(&state, &auto, &pct)
	if state != "finished" || !auto || pct != 50 {
		t.Errorf("closed attempt: %s auto=%v %v%%, want finished, auto, 50%%", state, auto, pct)
	}
	if n, _ := svc.CloseExpired(t.Context(), 100); n != 0 {
		t.Errorf("a second sweep closed %d", n)
	}
}

// TestStartRules: attempts allowed, delay, window, enrolment.
func TestStartRules(t *testing.T) {
	f := newFixture(t)
	quiz := f.quiz(t, []string{"tf"}, map[string]any{"attempts_allowed": 1})
	at, _ := f.start(t, quiz, "hocvien")
	f.submit(t, at.ID, "")
	if _, res := f.start(t, quiz, "hocvien"); res.Code != http.StatusConflict || res.ErrorCode() != "no_attempts_left" {
		t.Errorf("second attempt of one allowed: %d %s", res.Code, res.Body)
	}
	delayed := f.quiz(t, []string{"tf"}, map[string]any{"attempt_delay_minutes": 60})
	at, _ = f.start(t, delayed, "hocvien")
	f.submit(t, at.ID, "")
	if _, res := f.start(t, delayed, "hocvien"); res.Code != http.StatusConflict || res.ErrorCode() != "attempt_delay" {
		t.Errorf("attempt within the delay: %d %s", res.Code, res.Body)
	}
	later := f.quiz(t, []string{"tf"}, map[string]any{"open_at": time.Now().Add(time.Hour)})
	if _, res := f.start(t, later, "hocvien"); res.Code != http.StatusConflict || res.ErrorCode() != "quiz_not_open" {
		t.Errorf("before opening: %d %s", res.Code, res.Body)
	}
	if _, res := f.start(t, quiz, "quanly"); res.Code != http.StatusForbidden || res.ErrorCode() != "not_enrolled" {
		t.Errorf("not enrolled: %d %s", res.Code, res.Body)
	}
	var d struct {
		CanStart    bool    `json:"can_start"`
		CannotStart *string `json:"cannot_start"`
	}
	decode(t, f.a.Get(fmt.Sprintf("/api/v1/quizzes/%d", quiz), "hocvien"), &d)
	if d.CanStart || d.CannotStart == nil || *d.CannotStart != "no_attempts_left" {
		t.Errorf("intro: %+v", d)
	}
}
