package quiz_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/google/uuid"

	"github.com/govtrain/lms/api/apitest"
	"github.com/govtrain/lms/api/auth"
	"github.com/govtrain/lms/api/platform/db"
)

// exam is the exam-day path on the real curriculum: the IU01 final test
// (20 questions drawn from two banks, timed), every seeded person enrolled
// and holding an access token, the server's pool counted by a Wire.
type exam struct {
	a      *apitest.API
	wire   *db.Wire
	quiz   int64
	tokens []string
}

func newExam(tb testing.TB) *exam {
	tb.Helper()
	e := &exam{wire: &db.Wire{}}
	e.a = apitest.NewCounted(tb, e.wire)
	e.a.SyncCourses("../../courses")
	if err := e.a.DB.Get(&e.quiz, `SELECT q.id FROM quizzes q JOIN courses c ON c.id = q.course_id
		WHERE c.slug = 'iu01-hieu-biet-cntt-co-ban' AND q.slug = 'kiem-tra-cuoi-khoa'`); err != nil {
		tb.Fatal(err)
	}
	// Unlimited attempts, so that a benchmark can run as long as it likes.
	e.a.DB.MustExec(`UPDATE quizzes SET attempts_allowed = 0 WHERE id = $1`, e.quiz)
	e.a.DB.MustExec(`INSERT INTO enrolments (course_id, person_id, source)
		SELECT q.course_id, p.id, 'assigned' FROM quizzes q, people p WHERE q.id = $1 ON CONFLICT DO NOTHING`, e.quiz)
	var people []int64
	if err := e.a.DB.Select(&people, `SELECT id FROM people ORDER BY id`); err != nil {
		tb.Fatal(err)
	}
	tokens := auth.NewTokens(e.a.Config.JWTSecret, e.a.Config.Issuer, e.a.Config.AccessTTL)
	for _, id := range people {
		tok, _, err := tokens.Issue(auth.Principal{UserID: id, Username: fmt.Sprint("p", id), Name: "Học viên", Role: auth.Learner, PersonID: &id})
		if err != nil {
			tb.Fatal(err)
		}
		e.tokens = append(e.tokens, tok)
	}
	return e
}

// call sends a request straight to the router (no OpenAPI check: it is
// measured) and decodes the answer into out.
func (e *exam) call(tb testing.TB, method, path, token string, body any, key string, out any) {
	var buf bytes.Buffer
	if body != nil {
		json.NewEncoder(&buf).Encode(body)
	}
	r := httptest.NewRequest(method, path, &buf)
	r.Header.Set("Authorization", "Bearer "+token)
	if body != nil {
		r.Header.Set("Content-Type", "application/json")
	}
	if key != "" {
		r.Header.Set("Idempotency-Key", key)
	}
	w := httptest.NewRecorder()
	e.a.Handler.ServeHTTP(w, r)
	if w.Code != http.StatusOK {
		tb.Fatalf("%s %s: %d %s", method, path, w.Code, w.Body)
	}
	if out != nil {
		json.Unmarshal(w.Body.Bytes(), out)
	}
}

func (e *exam) start(tb testing.TB, who int) attempt {
	var at attempt
	e.call(tb, "POST", fmt.Sprintf("/api/v1/quizzes/%d/attempts", e.quiz), e.tokens[who], nil, "", &at)
	return at
}

func (e *exam) save(tb testing.TB, who int, at attempt, seq int) {
	q := at.Questions[seq%len(at.Questions)]
	e.call(tb, "PUT", fmt.Sprintf("/api/v1/attempts/%d/answers", at.ID), e.tokens[who],
		map[string]any{"seq": seq, "answers": map[string]any{fmt.Sprint(q.Slot): firstOption(q)}}, "", nil)
}

func (e *exam) submit(tb testing.TB, who int, at attempt) {
	e.call(tb, "POST", fmt.Sprintf("/api/v1/attempts/%d/submit", at.ID), e.tokens[who], nil, uuid.NewString(), nil)
}

// firstOption answers with the first option shown (or a short text).
func firstOption(q question) map[string]any {
	switch q.Type {
	case "single_choice":
		return map[string]any{"choice": 0}
	case "multiple_choice":
		return map[string]any{"choices": []int{0}}
	case "true_false":
		return map[string]any{"value": true}
	case "matching":
		return map[string]any{"pairs": map[string]int{"0": 0}}
	}
	return map[string]any{"text": "1"}
}

// measure runs fn and returns the statements and round trips it cost.
func (e *exam) measure(fn func()) db.WireStats {
	before := e.wire.Stats()
	fn()
	after := e.wire.Stats()
	return db.WireStats{Statements: after.Statements - before.Statements, RoundTrips: after.RoundTrips - before.RoundTrips}
}

// TestExamPathStatements holds the exam-day path to its budget, exactly:
// start 2 statements, autosave 1 statement in 1 round trip, submit 2
// statements (one of them writes the attempt, the quiz grade and the
// course completion). Caches are warm (another learner started first), as
// they are after the first start of an exam.
func TestExamPathStatements(t *testing.T) {
	e := newExam(t)
	warm := e.start(t, 0)
	e.save(t, 0, warm, 1)
	e.submit(t, 0, warm)

	var at attempt
	if got := e.measure(func() { at = e.start(t, 1) }); got.Statements != 2 || got.RoundTrips != 2 {
		t.Errorf("start: %d statements in %d round trips, want 2 in 2", got.Statements, got.RoundTrips)
	}
	if got := e.measure(func() { e.save(t, 1, at, 1) }); got.Statements != 1 || got.RoundTrips != 1 {
		t.Errorf("autosave: %d statements in %d round trips, want 1 in 1", got.Statements, got.RoundTrips)
	}
	if got := e.measure(func() { e.submit(t, 1, at) }); got.Statements != 2 || got.RoundTrips != 2 {
		t.Errorf("submit: %d statements in %d round trips, want 2 in 2", got.Statements, got.RoundTrips)
	}
	var finished int
	e.a.DB.Get(&finished, `SELECT count(*) FROM quiz_attempts WHERE state = 'finished' AND graded_at IS NOT NULL`)
	if finished != 2 {
		t.Errorf("%d graded attempts, want 2", finished)
	}
}

// BenchmarkExamPath measures each request of the exam-day path through the
// real router and PostgreSQL, reporting statements and round trips per
// request besides time and allocations.
//
//	go test ./api/quiz -run '^$' -bench ExamPath -benchtime 2000x
func BenchmarkExamPath(b *testing.B) {
	e := newExam(b)
	people := len(e.tokens)
	warm := e.start(b, 0)
	e.submit(b, 0, warm)
	report := func(b *testing.B, s db.WireStats) {
		b.ReportMetric(float64(s.Statements)/float64(b.N), "stmts/op")
		b.ReportMetric(float64(s.RoundTrips)/float64(b.N), "roundtrips/op")
	}
	reset := func(b *testing.B) {
		b.StopTimer()
		e.a.DB.MustExec(`UPDATE quiz_attempts SET state = 'finished', finished_at = now() WHERE state = 'in_progress'`)
		b.StartTimer()
	}
	b.Run("start", func(b *testing.B) {
		b.ReportAllocs()
		var total db.WireStats
		for i := range b.N {
			if i%people == 0 {
				reset(b)
			}
			s := e.measure(func() { e.start(b, i%people) })
			total.Statements, total.RoundTrips = total.Statements+s.Statements, total.RoundTrips+s.RoundTrips
		}
		report(b, total)
	})
	reset(b)
	open := make([]attempt, people)
	for i := range open {
		open[i] = e.start(b, i)
	}
	b.Run("autosave", func(b *testing.B) {
		b.ReportAllocs()
		seq := 1
		s := e.measure(func() {
			for i := range b.N {
				if i%people == 0 {
					seq++
				}
				e.save(b, i%people, open[i%people], seq)
			}
		})
		report(b, s)
	})
	b.Run("submit", func(b *testing.B) {
		b.ReportAllocs()
		var total db.WireStats
		for i := range b.N {
			who := i % people
			if who == 0 {
				b.StopTimer()
				for j := range open {
					open[j] = e.start(b, j)
				}
				b.StartTimer()
			}
			s := e.measure(func() { e.submit(b, who, open[who]) })
			total.Statements, total.RoundTrips = total.Statements+s.Statements, total.RoundTrips+s.RoundTrips
		}
		report(b, total)
	})
}

// BenchmarkExamAttempt runs whole attempts (start, five autosaves, submit)
// from many learners at once, as on exam day; an op is one attempt, and
// attempts/s is the throughput of this machine (server, PostgreSQL and the
// benchmark together).
//
//	go test ./api/quiz -run '^$' -bench ExamAttempt -benchtime 3000x -cpu 2
func BenchmarkExamAttempt(b *testing.B) {
	e := newExam(b)
	warm := e.start(b, 0)
	e.submit(b, 0, warm)
	free := make(chan int, len(e.tokens))
	for i := range e.tokens {
		free <- i
	}
	b.ReportAllocs()
	b.SetParallelism(8) // requests wait on PostgreSQL: keep both cores busy
	before := e.wire.Stats()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			who := <-free
			at := e.start(b, who)
			for seq := 1; seq <= 5; seq++ {
				e.save(b, who, at, seq)
			}
			e.submit(b, who, at)
			free <- who
		}
	})
	b.StopTimer()
	after := e.wire.Stats()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "attempts/s")
	b.ReportMetric(float64(after.Statements-before.Statements)/float64(b.N), "stmts/attempt")
}
