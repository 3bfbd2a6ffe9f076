package quiz

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/govtrain/lms/api/audit"
	"github.com/govtrain/lms/api/auth"
	"github.com/govtrain/lms/api/platform/db"
	"github.com/govtrain/lms/api/platform/errs"
	"github.com/govtrain/lms/api/platform/richtext"
	"github.com/govtrain/lms/api/platform/vcode"
	"github.com/govtrain/lms/api/qformat"
)

// GradingItem is an essay answer waiting for a trainer.
type GradingItem struct {
	AttemptID    int64     `json:"attempt_id"`
	QuizID       int64     `json:"quiz_id"`
	TitleVI      string    `json:"quiz_title_vi"`
	TitleEN      string    `json:"quiz_title_en"`
	CourseSlug   string    `json:"course_slug"`
	PersonName   string    `json:"person_name"`
	FinishedAt   time.Time `json:"finished_at"`
	Slot         int       `json:"slot"`
	QuestionName string    `json:"question_name"`
	Text         string    `json:"text"`
	ResponseText string    `json:"response_text"`
	GraderInfo   string    `json:"grader_info"`
	Mark         float64   `json:"mark"`
}

// graderSQL is true for the courses whose quiz results p may see ($n: the
// user, $n+1: admin): admins all, trainers the curriculum's and their own.
const graderSQL = `(c.source = 'files' OR c.created_by = $%d OR $%d)`

// grader answers not found unless p may see the results of quiz id.
func (s *Service) grader(ctx context.Context, p auth.Principal, quizID int64) error {
	var ok bool
	err := s.db.GetContext(ctx, &ok, `SELECT `+fmt.Sprintf(graderSQL, 2, 3)+` FROM quizzes q JOIN courses c ON c.id = q.course_id
		WHERE q.id = $1`, quizID, p.UserID, p.Role == auth.Admin)
	if err == nil && !ok {
		return errs.ErrNotFound
	}
	return notFound(err)
}

// Queue lists the essay answers waiting for grading that p may grade,
// oldest first (at most 200 attempts), optionally of one quiz.
func (s *Service) Queue(ctx context.Context, p auth.Principal, quizID int64) ([]GradingItem, error) {
	var rows []struct {
		attemptRow
		PersonName string `db:"person_name"`
	}
	err := s.db.SelectContext(ctx, &rows, `
		SELECT a.id, a.quiz_id, a.finished_at, a.layout, a.responses, a.results, q.title_vi, q.title_en,
		       c.slug AS course_slug, p.full_name AS person_name
		FROM quiz_attempts a JOIN quizzes q ON q.id = a.quiz_id JOIN courses c ON c.id = q.course_id
		JOIN people p ON p.id = a.person_id
		WHERE a.needs_grading AND ($1 = 0 OR a.quiz_id = $1) AND `+fmt.Sprintf(graderSQL, 2, 3)+`
		ORDER BY a.finished_at, a.id LIMIT 200`, quizID, p.UserID, p.Role == auth.Admin)
	if err != nil {
		return nil, err
	}
	items := []GradingItem{}
	for _, r := range rows {
		a := r.attemptRow
		if err := a.decode(); err != nil {
			return nil, err
		}
		versions, err := s.versions.load(ctx, s.db, slotVersions(a.slots))
		if err != nil {
			return nil, err
		}
		for i, res := range a.results() {
			v := versions[a.slots[i].Version]
			if res.Fraction != nil || v == nil {
				continue
			}
			text := ""
			if sv, ok := a.saved[strconv.Itoa(i)]; ok && sv.Response.Text != nil {
				text = *sv.Response.Text
			}
			items = append(items, GradingItem{AttemptID: a.ID, QuizID: a.QuizID, TitleVI: a.TitleVI, TitleEN: a.TitleEN,
				CourseSlug: a.CourseSlug, PersonName: r.PersonName, FinishedAt: *a.FinishedAt, Slot: i, QuestionName: v.Name,
				Text: v.R.Text, ResponseText: text, GraderInfo: richtext.Format(v.Q.Format, v.Q.GraderInfo), Mark: a.slots[i].Mark})
		}
	}
	return items, nil
}

// GradeRequest is a trainer's mark for one answer.
type GradeRequest struct {
	Slot    int     `json:"slot"`
	Awarded float64 `json:"awarded"`
	Comment string  `json:"comment"`
}

// GradeResult is the attempt after a trainer's mark.
type GradeResult struct {
	Percent      *float64 `json:"percent"`
	Passed       *bool    `json:"passed"`
	NeedsGrading bool     `json:"needs_grading"`
}

// recomputeGrade rewrites a person's quiz grade from their graded attempts
// and, when the grade passes, completes the course and issues the
// certificates this completes.
func recomputeGrade(ctx context.Context, tx *sqlx.Tx, quizID, personID int64, method string, pass float64, courseID int64) error {
	var g struct {
		Passed  bool    `db:"passed"`
		Percent float64 `db:"percent"`
	}
	err := tx.GetContext(ctx, &g, fmt.Sprintf(upsertGrade, 1, 2, `
		SELECT quiz_id, person_id, number, percent FROM quiz_attempts
		WHERE quiz_id = $3 AND person_id = $4 AND state = 'finished' AND NOT needs_grading`), method, pass, quizID, personID)
	if err != nil {
		return notFound(err) // no graded attempt: no grade to write
	}
	if !g.Passed {
		return nil
	}
	var completed *time.Time
	if err := tx.GetContext(ctx, &completed, `SELECT complete_enrolment($1, $2, NULL)`, courseID, personID); err != nil {
		return err
	}
	var justCourse *int64
	if completed != nil {
		justCourse = &courseID
	}
	_, err = tx.ExecContext(ctx, `SELECT issue_certificates($1, $2, $3, $4, $5)`, personID, justCourse, quizID, g.Percent,
		pq.StringArray(vcode.NewN(codesPerSubmit)))
	return err
}

// Grade records a trainer's mark for an essay answer; when it was the last
// one waiting, the attempt's grade counts.
func (s *Service) Grade(ctx context.Context, p auth.Principal, actor audit.Actor, id int64, r GradeRequest) (GradeResult, error) {
	if utf8Len(r.Comment) > 5000 {
		return GradeResult{}, errs.Fields{"comment": "too_long"}.Err()
	}
	var out GradeResult
	err := db.WithTx(ctx, s.db, func(tx *sqlx.Tx) error {
		var lock int64
		if err := tx.GetContext(ctx, &lock, `SELECT id FROM quiz_attempts WHERE id = $1 FOR UPDATE`, id); err != nil {
			return notFound(err)
		}
		a, err := s.readAttempt(ctx, on{tx}, id)
		if err != nil {
			return err
		}
		if err := s.grader(ctx, p, a.QuizID); err != nil {
			return err
		}
		if a.State != "finished" {
			return errs.New(errs.Conflict, "attempt_in_progress", "the attempt is still in progress")
		}
		if r.Slot < 0 || r.Slot >= len(a.slots) {
			return errs.Fields{"slot": "not_found"}.Err()
		}
		sl := a.slots[r.Slot]
		versions, err := s.versions.load(ctx, s.db, []int64{sl.Version})
		if err != nil {
			return err
		}
		if v := versions[sl.Version]; v == nil || v.Q.Type != qformat.Essay {
			return errs.Fields{"slot": "not_essay"}.Err()
		}
		if r.Awarded < 0 || r.Awarded > sl.Mark {
			return errs.Fields{"awarded": "out_of_range"}.Err()
		}
		results := a.results()
		for len(results) < len(a.slots) {
			results = append(results, result{})
		}
		before := results[r.Slot]
		f := r.Awarded / sl.Mark
		results[r.Slot] = result{Fraction: &f, Comment: strings.TrimSpace(r.Comment)}
		score, max, pending := 0.0, 0.0, false
		for i, res := range results {
			max += a.slots[i].Mark
			if res.Fraction == nil {
				pending = true
				continue
			}
			score += *res.Fraction * a.slots[i].Mark
		}
		pct := percentOf(score, max)
		var passed *bool
		if !pending {
			ok := pct >= a.PassPercent
			passed = &ok
		}
		b, err := json.Marshal(results)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE quiz_attempts SET results = $2, score = $3, max_score = $4, percent = $5,
			passed = $6, needs_grading = $7, graded_at = CASE WHEN $7 THEN NULL ELSE now() END WHERE id = $1`,
			id, b, score, max, pct, passed, pending); err != nil {
			return err
		}
		if !pending {
			if err := recomputeGrade(ctx, tx, a.QuizID, a.PersonID, a.Method, a.PassPercent, a.CourseID); err != nil {
				return err
			}
		}
		out = GradeResult{NeedsGrading: pending}
		if !pending {
			out.Percent, out.Passed = &pct, passed
		}
		return audit.Write(ctx, tx, actor, audit.Entry{Action: "quiz.answer_graded", EntityType: "quiz_attempt",
			EntityID: itoa64(id), Before: before, After: map[string]any{"slot": r.Slot, "awarded": r.Awarded, "comment": r.Comment, "percent": pct}})
	})
	return out, err
}

// AttemptRow is an attempt in a quiz's results list.
type AttemptRow struct {
	ID           int64      `db:"id" json:"id"`
	PersonID     int64      `db:"person_id" json:"person_id"`
	FullName     string     `db:"full_name" json:"full_name"`
	AgencyName   string     `db:"agency_name" json:"agency_name"`
	Number       int        `db:"number" json:"number"`
	State        string     `db:"state" json:"state"`
	StartedAt    time.Time  `db:"started_at" json:"started_at"`
	FinishedAt   *time.Time `db:"finished_at" json:"finished_at"`
	AutoFinished bool       `db:"auto_finished" json:"auto_finished"`
	Percent      *float64   `db:"percent" json:"percent"`
	Passed       *bool      `db:"passed" json:"passed"`
	NeedsGrading bool       `db:"needs_grading" json:"needs_grading"`
}

// Attempts lists a quiz's attempts, latest first.
func (s *Service) Attempts(ctx context.Context, p auth.Principal, quizID int64, limit, offset int) ([]AttemptRow, int, error) {
	if err := s.grader(ctx, p, quizID); err != nil {
		return nil, 0, err
	}
	var rows []struct {
		AttemptRow
		Total int `db:"total"`
	}
	err := s.db.SelectContext(ctx, &rows, `
		SELECT a.id, a.person_id, p.full_name, COALESCE(ag.name, '') AS agency_name, a.number, a.state, a.started_at,
		       a.finished_at, a.auto_finished, a.percent, a.passed, a.needs_grading, count(*) OVER () AS total
		FROM quiz_attempts a JOIN people p ON p.id = a.person_id LEFT JOIN agencies ag ON ag.id = p.agency_id
		WHERE a.quiz_id = $1 ORDER BY a.started_at DESC, a.id DESC LIMIT $2 OFFSET $3`, quizID, limit, offset)
	if err != nil {
		return nil, 0, err
	}
	items := make([]AttemptRow, len(rows))
	total := 0
	for i, r := range rows {
		items[i], total = r.AttemptRow, r.Total
	}
	if len(rows) == 0 && offset > 0 {
		err = s.db.GetContext(ctx, &total, `SELECT count(*) FROM quiz_attempts WHERE quiz_id = $1`, quizID)
	}
	return items, total, err
}
