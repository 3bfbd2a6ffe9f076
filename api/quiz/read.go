package quiz

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/govtrain/lms/api/auth"
	"github.com/govtrain/lms/api/platform/errs"
)

// Detail is a quiz's intro page: its rules, the caller's standing and
// attempts, whether they may start now, and for authors its slots.
type Detail struct {
	ID                  int64            `json:"id"`
	CourseSlug          string           `json:"course_slug"`
	CourseTitleVI       string           `json:"course_title_vi"`
	CourseTitleEN       string           `json:"course_title_en"`
	Source              string           `json:"source"`
	Version             int              `json:"version"`
	Settings                             // slug, titles, rules
	TimeLimitMinutes    *int             `json:"time_limit_minutes"`
	AttemptDelayMinutes int              `json:"attempt_delay_minutes"`
	QuestionCount       int              `json:"question_count"`
	ServerTime          time.Time        `json:"server_time"`
	CanStart            bool             `json:"can_start"`
	CannotStart         *string          `json:"cannot_start"`
	NextStartAt         *time.Time       `json:"next_start_at"`
	My                  *MyStatus        `json:"my"`
	MyAttempts          []AttemptSummary `json:"my_attempts"`
	Slots               []SlotOut        `json:"slots,omitempty"`
}

// quizRow is a quiz with its course and the caller's standing.
type quizRow struct {
	ID            int64     `db:"id"`
	CourseSlug    string    `db:"course_slug"`
	CourseTitleVI string    `db:"course_title_vi"`
	CourseTitleEN string    `db:"course_title_en"`
	CoursePub     bool      `db:"course_published"`
	CourseOpen    bool      `db:"course_open"`
	Source        string    `db:"source"`
	Version       int       `db:"version"`
	QuestionCount int       `db:"question_count"`
	Enrolled      bool      `db:"enrolled"`
	Now           time.Time `db:"now"`
	Settings
	MyStatus
	LastFinished *time.Time `db:"my_last_finished"`
	Used         int        `db:"my_used"`
}

const quizSelect = `
	SELECT q.id, c.slug AS course_slug, c.title_vi AS course_title_vi, c.title_en AS course_title_en,
	       c.published AS course_published, c.open AS course_open, q.source, q.version, q.slug, q.title_vi, q.title_en,
	       q.intro_vi, q.intro_en, m.slug AS module_slug, q.published, q.required, q.time_limit, q.open_at, q.close_at,
	       q.attempts_allowed, q.attempt_delay, q.grading_method, q.pass_percent, q.navigation, q.shuffle_questions,
	       q.shuffle_answers, q.review_attempt, q.review_closed, now() AS now,
	       (SELECT COALESCE(sum(draw_count), 0) FROM quiz_slots s WHERE s.quiz_id = q.id) AS question_count,
	       EXISTS (SELECT 1 FROM enrolments e WHERE e.course_id = q.course_id AND e.person_id = $1) AS enrolled,
	       COALESCE(my.attempts, 0) AS my_attempts, g.percent AS my_percent, COALESCE(g.passed, false) AS my_passed,
	       g.passed_at AS my_passed_at, my.open_id AS my_open, my.last_finished AS my_last_finished,
	       COALESCE(my.used, 0) AS my_used
	FROM quizzes q JOIN courses c ON c.id = q.course_id LEFT JOIN course_modules m ON m.id = q.module_id
	LEFT JOIN quiz_grades g ON g.quiz_id = q.id AND g.person_id = $1
	LEFT JOIN LATERAL (SELECT max(number) AS attempts, max(id) FILTER (WHERE state = 'in_progress') AS open_id,
	                          max(finished_at) AS last_finished,
	                          count(*) FILTER (WHERE w.opened IS NULL OR started_at >= w.opened) AS used
	                   FROM quiz_attempts, LATERAL (SELECT renewal_opened(q.id, $1) AS opened) w
	                   WHERE quiz_id = q.id AND person_id = $1) my ON true`

// isAuthor says whether p sees unpublished quizzes and authoring details.
func isAuthor(p auth.Principal) bool { return auth.Can(p.Role, auth.CoursesAuthor) }

func personOf(p auth.Principal) int64 {
	if p.PersonID == nil {
		return 0
	}
	return *p.PersonID
}

// ForCourse lists the quizzes of course slug that p may see.
func (s *Service) ForCourse(ctx context.Context, p auth.Principal, slug string) ([]Summary, error) {
	var exists bool
	if err := s.db.GetContext(ctx, &exists, `SELECT EXISTS (SELECT 1 FROM courses WHERE slug = $1 AND (published OR $2))`,
		slug, isAuthor(p)); err != nil {
		return nil, err
	}
	if !exists {
		return nil, errs.ErrNotFound
	}
	var rows []quizRow
	if err := s.db.SelectContext(ctx, &rows, quizSelect+` WHERE c.slug = $2 AND (q.published OR $3)
		ORDER BY m.position NULLS LAST, q.position, q.id`, personOf(p), slug, isAuthor(p)); err != nil {
		return nil, err
	}
	out := make([]Summary, len(rows))
	for i, r := range rows {
		out[i] = Summary{ID: r.ID, CourseSlug: r.CourseSlug, ModuleSlug: r.ModuleSlug, Slug: r.Slug, TitleVI: r.TitleVI,
			TitleEN: r.TitleEN, Source: r.Source, Published: r.Published, Required: r.Required, QuestionCount: r.QuestionCount,
			TimeLimitMinutes: r.TimeLimitMinutes(), AttemptsAllowed: r.AttemptsAllowed, PassPercent: r.PassPercent,
			OpenAt: r.OpenAt, CloseAt: r.CloseAt}
		if p.PersonID != nil {
			my := r.MyStatus
			out[i].My = &my
		}
	}
	return out, nil
}

// Quiz shows quiz id to p.
func (s *Service) Quiz(ctx context.Context, p auth.Principal, id int64) (Detail, error) {
	var r quizRow
	if err := s.db.GetContext(ctx, &r, quizSelect+` WHERE q.id = $2 AND ((q.published AND c.published) OR $3)`,
		personOf(p), id, isAuthor(p)); err != nil {
		return Detail{}, notFound(err)
	}
	d := Detail{ID: r.ID, CourseSlug: r.CourseSlug, CourseTitleVI: r.CourseTitleVI, CourseTitleEN: r.CourseTitleEN,
		Source: r.Source, Version: r.Version, Settings: r.Settings, TimeLimitMinutes: r.TimeLimitMinutes(),
		AttemptDelayMinutes: r.AttemptDelay / 60, QuestionCount: r.QuestionCount, ServerTime: r.Now,
		MyAttempts: []AttemptSummary{}}
	if p.PersonID != nil {
		my := r.MyStatus
		d.My = &my
		var rows []attemptRow
		if err := s.db.SelectContext(ctx, &rows, `SELECT a.id, a.number, a.state, a.started_at, a.deadline, a.finished_at,
			a.auto_finished, a.percent, a.passed, a.needs_grading, now() AS now, q.close_at, q.review_attempt, q.review_closed
			FROM quiz_attempts a JOIN quizzes q ON q.id = a.quiz_id
			WHERE a.quiz_id = $1 AND a.person_id = $2 ORDER BY a.number`, id, *p.PersonID); err != nil {
			return d, err
		}
		for i := range rows {
			d.MyAttempts = append(d.MyAttempts, rows[i].summary(false))
		}
	}
	check := startCheck{published: r.Published && r.CoursePub, enrolled: r.Enrolled, now: r.Now, openAt: r.OpenAt,
		closeAt: r.CloseAt, allowed: r.AttemptsAllowed, used: r.Used, delay: r.AttemptDelay, lastFinished: r.LastFinished}
	var reason string
	switch {
	case p.PersonID == nil:
		reason = "no_person"
	case r.InProgress != nil:
	default:
		if err := canStart(check); err != nil {
			reason = map[error]string{errNotPublished: "not_published", errNotEnrolled: "not_enrolled", errQuizClosed: "closed",
				errNoAttempts: "no_attempts_left"}[err]
			if e, ok := err.(*errs.Error); ok && reason == "" {
				reason = map[string]string{"quiz_not_open": "not_open", "attempt_delay": "wait"}[e.Code]
			}
			d.NextStartAt = nextStart(check)
		}
	}
	d.CanStart = reason == ""
	if !d.CanStart {
		d.CannotStart = &reason
	}
	if isAuthor(p) {
		slots, err := slotsOf(ctx, s.db, id)
		if err != nil {
			return d, err
		}
		d.Slots = slots
	}
	return d, nil
}

func slotsOf(ctx context.Context, q sqlx.QueryerContext, id int64) ([]SlotOut, error) {
	slots := []SlotOut{}
	err := sqlx.SelectContext(ctx, q, &slots, `
		SELECT s.question_id, qq.name AS question_name, v.type AS question_type, s.category_id, c.name AS category_name,
		       s.draw_count, s.include_sub, s.mark,
		       CASE WHEN s.question_id IS NOT NULL THEN CASE WHEN qq.archived_at IS NULL THEN 1 ELSE 0 END
		            ELSE (SELECT count(*) FROM questions x WHERE x.archived_at IS NULL AND x.category_id IN (
		                  WITH RECURSIVE sub AS (SELECT s.category_id AS id UNION ALL
		                      SELECT k.id FROM question_categories k JOIN sub ON k.parent_id = sub.id AND s.include_sub)
		                  SELECT id FROM sub)) END AS available
		FROM quiz_slots s LEFT JOIN questions qq ON qq.id = s.question_id
		LEFT JOIN question_versions v ON v.question_id = qq.id AND v.version = qq.latest_version
		LEFT JOIN question_categories c ON c.id = s.category_id
		WHERE s.quiz_id = $1 ORDER BY s.position`, id)
	return slots, err
}
