package quiz

import (
	"context"
	"database/sql"
	"errors"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/govtrain/lms/api/audit"
	"github.com/govtrain/lms/api/auth"
	"github.com/govtrain/lms/api/platform/db"
	"github.com/govtrain/lms/api/platform/errs"
	"github.com/govtrain/lms/api/platform/vn"
)

// SlotInput is a slot as the quiz builder sends it.
type SlotInput struct {
	QuestionID *int64  `json:"question_id"`
	CategoryID *int64  `json:"category_id"`
	Count      int     `json:"count"`
	IncludeSub bool    `json:"include_sub"`
	Mark       float64 `json:"mark"`
}

// SlotOut is a slot as authors see it.
type SlotOut struct {
	QuestionID   *int64  `db:"question_id" json:"question_id"`
	QuestionName *string `db:"question_name" json:"question_name"`
	QuestionType *string `db:"question_type" json:"question_type"`
	CategoryID   *int64  `db:"category_id" json:"category_id"`
	CategoryName *string `db:"category_name" json:"category_name"`
	Count        int     `db:"draw_count" json:"count"`
	IncludeSub   bool    `db:"include_sub" json:"include_sub"`
	Mark         float64 `db:"mark" json:"mark"`
	Available    int     `db:"available" json:"available"`
}

// Input is a quiz as the builder sends it (minutes, not seconds).
type Input struct {
	Slug                string      `json:"slug"`
	TitleVI             string      `json:"title_vi"`
	TitleEN             string      `json:"title_en"`
	IntroVI             string      `json:"intro_vi"`
	IntroEN             string      `json:"intro_en"`
	ModuleSlug          *string     `json:"module_slug"`
	Published           bool        `json:"published"`
	Required            bool        `json:"required"`
	TimeLimitMinutes    *int        `json:"time_limit_minutes"`
	OpenAt              *time.Time  `json:"open_at"`
	CloseAt             *time.Time  `json:"close_at"`
	AttemptsAllowed     int         `json:"attempts_allowed"`
	AttemptDelayMinutes int         `json:"attempt_delay_minutes"`
	GradingMethod       string      `json:"grading_method"`
	PassPercent         float64     `json:"pass_percent"`
	Navigation          string      `json:"navigation"`
	ShuffleQuestions    bool        `json:"shuffle_questions"`
	ShuffleAnswers      bool        `json:"shuffle_answers"`
	ReviewAttempt       []string    `json:"review_attempt"`
	ReviewClosed        []string    `json:"review_closed"`
	Slots               []SlotInput `json:"slots"`
	Version             *int        `json:"version"`
}

var slugRe = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,79}$`)

// settings checks in and turns it into stored settings.
func (in Input) settings() (Settings, error) {
	f := errs.Fields{}
	in.TitleVI, in.TitleEN = strings.TrimSpace(in.TitleVI), strings.TrimSpace(in.TitleEN)
	if in.Slug = strings.TrimSpace(in.Slug); in.Slug == "" {
		in.Slug = vn.Slug(in.TitleVI, "kiem-tra")
	}
	switch {
	case in.TitleVI == "":
		f["title_vi"] = "required"
	case utf8.RuneCountInString(in.TitleVI) > 200:
		f["title_vi"] = "too_long"
	}
	if utf8.RuneCountInString(in.TitleEN) > 200 {
		f["title_en"] = "too_long"
	}
	if !slugRe.MatchString(in.Slug) {
		f["slug"] = "invalid"
	}
	if utf8.RuneCountInString(in.IntroVI) > 5000 || utf8.RuneCountInString(in.IntroEN) > 5000 {
		f["intro_vi"] = "too_long"
	}
	if in.TimeLimitMinutes != nil && (*in.TimeLimitMinutes < 1 || *in.TimeLimitMinutes > 1440) {
		f["time_limit_minutes"] = "out_of_range"
	}
	if in.OpenAt != nil && in.CloseAt != nil && !in.CloseAt.After(*in.OpenAt) {
		f["close_at"] = "before_open"
	}
	if in.AttemptsAllowed < 0 || in.AttemptsAllowed > 100 {
		f["attempts_allowed"] = "out_of_range"
	}
	if in.AttemptDelayMinutes < 0 || in.AttemptDelayMinutes > 525600 {
		f["attempt_delay_minutes"] = "out_of_range"
	}
	if in.GradingMethod == "" {
		in.GradingMethod = "highest"
	}
	if !slices.Contains([]string{"highest", "last", "first", "average"}, in.GradingMethod) {
		f["grading_method"] = "invalid"
	}
	if in.PassPercent < 0 || in.PassPercent > 100 {
		f["pass_percent"] = "out_of_range"
	}
	if in.Navigation == "" {
		in.Navigation = "free"
	}
	if in.Navigation != "free" && in.Navigation != "sequential" {
		f["navigation"] = "invalid"
	}
	for _, set := range []struct {
		name  string
		items []string
	}{{"review_attempt", in.ReviewAttempt}, {"review_closed", in.ReviewClosed}} {
		for _, it := range set.items {
			if !slices.Contains([]string{ShowScore, ShowCorrectness, ShowFeedback, ShowAnswers}, it) {
				f[set.name] = "invalid"
			}
		}
	}
	if len(in.Slots) > 200 {
		f["slots"] = "out_of_range"
	}
	for i, sl := range in.Slots {
		switch {
		case (sl.QuestionID == nil) == (sl.CategoryID == nil):
			f[slotField(i)] = "invalid"
		case sl.CategoryID != nil && (sl.Count < 1 || sl.Count > 200):
			f[slotField(i)] = "out_of_range"
		case sl.Mark <= 0 || sl.Mark > 1000:
			f[slotField(i)] = "out_of_range"
		}
	}
	if len(f) > 0 {
		return Settings{}, f.Err()
	}
	s := Settings{Slug: in.Slug, TitleVI: in.TitleVI, TitleEN: in.TitleEN, IntroVI: in.IntroVI, IntroEN: in.IntroEN,
		ModuleSlug: in.ModuleSlug, Published: in.Published, Required: in.Required, OpenAt: in.OpenAt, CloseAt: in.CloseAt,
		AttemptsAllowed: in.AttemptsAllowed, AttemptDelay: in.AttemptDelayMinutes * 60, GradingMethod: in.GradingMethod,
		PassPercent: in.PassPercent, Navigation: in.Navigation, ShuffleQuestions: in.ShuffleQuestions,
		ShuffleAnswers: in.ShuffleAnswers, ReviewAttempt: orEmpty(in.ReviewAttempt), ReviewClosed: orEmpty(in.ReviewClosed)}
	if in.TimeLimitMinutes != nil {
		secs := *in.TimeLimitMinutes * 60
		s.TimeLimit = &secs
	}
	return s, nil
}

func orEmpty(s []string) pq.StringArray {
	if s == nil {
		return pq.StringArray{}
	}
	return s
}

func slotField(i int) string { return "slots." + itoa(i) }

var (
	errManagedByFiles = errs.New(errs.Conflict, "managed_by_files", "this quiz comes from the course files; change it there and sync")
	errHasAttempts    = errs.New(errs.Conflict, "has_attempts", "learners have attempted this quiz; unpublish it instead")
	errVersion        = errs.New(errs.Conflict, "version_conflict", "someone else changed this quiz; reload it and redo your change")
	errSlugTaken      = errs.New(errs.Conflict, "slug_taken", "the course already has a quiz with this slug")
)

// courseFor finds the course slug names and says whether p may edit it.
func courseFor(ctx context.Context, tx *sqlx.Tx, p auth.Principal, slug string) (int64, error) {
	var c struct {
		ID        int64  `db:"id"`
		Source    string `db:"source"`
		CreatedBy *int64 `db:"created_by"`
	}
	if err := tx.GetContext(ctx, &c, `SELECT id, source, created_by FROM courses WHERE slug = $1 FOR UPDATE`, slug); err != nil {
		return 0, notFound(err)
	}
	if c.Source != "app" {
		return 0, errManagedByFiles
	}
	if p.Role != auth.Admin && (c.CreatedBy == nil || *c.CreatedBy != p.UserID) {
		return 0, errs.New(errs.Forbidden, "not_course_author", "only the course's author or an admin may change its quizzes")
	}
	return c.ID, nil
}

func notFound(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return errs.ErrNotFound
	}
	return err
}

// Create adds a quiz to the app course slug.
func (s *Service) Create(ctx context.Context, p auth.Principal, actor audit.Actor, slug string, in Input) (int64, error) {
	set, err := in.settings()
	if err != nil {
		return 0, err
	}
	var id int64
	err = db.WithTx(ctx, s.db, func(tx *sqlx.Tx) error {
		courseID, err := courseFor(ctx, tx, p, slug)
		if err != nil {
			return err
		}
		moduleID, err := moduleOf(ctx, tx, courseID, set.ModuleSlug)
		if err != nil {
			return err
		}
		err = tx.GetContext(ctx, &id, `INSERT INTO quizzes (course_id, module_id, slug, position, title_vi, title_en, intro_vi,
			intro_en, source, published, required, time_limit, open_at, close_at, attempts_allowed, attempt_delay,
			grading_method, pass_percent, navigation, shuffle_questions, shuffle_answers, review_attempt, review_closed, created_by)
			VALUES ($1, $2, $3, (SELECT COALESCE(max(position), 0) + 1 FROM quizzes WHERE course_id = $1), $4, $5, $6, $7, 'app',
			$8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22) RETURNING id`,
			courseID, moduleID, set.Slug, set.TitleVI, set.TitleEN, set.IntroVI, set.IntroEN, set.Published, set.Required,
			set.TimeLimit, set.OpenAt, set.CloseAt, set.AttemptsAllowed, set.AttemptDelay, set.GradingMethod, set.PassPercent,
			set.Navigation, set.ShuffleQuestions, set.ShuffleAnswers, set.ReviewAttempt, set.ReviewClosed, p.UserID)
		if err != nil {
			return slugConflict(err)
		}
		if err := writeSlots(ctx, tx, id, in.Slots, set.Published); err != nil {
			return err
		}
		return audit.Write(ctx, tx, actor, audit.Entry{Action: "quiz.created", EntityType: "quiz", EntityID: itoa64(id), After: in})
	})
	return id, err
}

func slugConflict(err error) error {
	var pe *pq.Error
	if errors.As(err, &pe) && pe.Code == "23505" {
		return errSlugTaken
	}
	return err
}

func moduleOf(ctx context.Context, tx *sqlx.Tx, courseID int64, slug *string) (*int64, error) {
	if slug == nil || *slug == "" {
		return nil, nil
	}
	var id int64
	err := tx.GetContext(ctx, &id, `SELECT id FROM course_modules WHERE course_id = $1 AND slug = $2 AND removed_at IS NULL`, courseID, *slug)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.Fields{"module_slug": "not_found"}.Err()
	}
	return &id, err
}

// writeSlots replaces a quiz's slots, checking that every question and
// category exists and, for a published quiz, that every draw can be filled.
func writeSlots(ctx context.Context, tx *sqlx.Tx, quizID int64, slots []SlotInput, published bool) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM quiz_slots WHERE quiz_id = $1`, quizID); err != nil {
		return err
	}
	f := errs.Fields{}
	for i, sl := range slots {
		count := sl.Count
		if sl.QuestionID != nil {
			count = 1
		}
		var available int
		var err error
		if sl.QuestionID != nil {
			err = tx.GetContext(ctx, &available, `SELECT count(*) FROM questions WHERE id = $1 AND archived_at IS NULL`, *sl.QuestionID)
		} else {
			err = tx.GetContext(ctx, &available, `SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM question_categories WHERE id = $1) THEN -1
				ELSE (SELECT count(*) FROM questions q JOIN question_versions v ON v.question_id = q.id AND v.version = q.latest_version
				      WHERE q.archived_at IS NULL AND v.type <> 'description' AND q.category_id = ANY($2)) END`,
				*sl.CategoryID, pq.Array(categoryIDs(ctx, tx, *sl.CategoryID, sl.IncludeSub)))
		}
		if err != nil {
			return err
		}
		switch {
		case available < 0 || (sl.QuestionID != nil && available == 0):
			f[slotField(i)] = "not_found"
			continue
		case published && available < count:
			f[slotField(i)] = "draw_exceeds_category"
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO quiz_slots (quiz_id, position, question_id, category_id, draw_count, include_sub, mark)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, quizID, i+1, sl.QuestionID, sl.CategoryID, count, sl.IncludeSub && sl.CategoryID != nil, sl.Mark); err != nil {
			return err
		}
	}
	if published && len(slots) == 0 {
		f["slots"] = "no_questions"
	}
	if len(f) > 0 {
		return f.Err()
	}
	return nil
}

// quizForEdit locks quiz id for a change by p.
func quizForEdit(ctx context.Context, tx *sqlx.Tx, p auth.Principal, id int64) (courseID int64, ver int, err error) {
	var q struct {
		CourseID  int64  `db:"course_id"`
		Source    string `db:"source"`
		Version   int    `db:"version"`
		CreatedBy *int64 `db:"created_by"`
		Slug      string `db:"slug"`
	}
	if err := tx.GetContext(ctx, &q, `SELECT q.course_id, q.source, q.version, c.created_by, c.slug
		FROM quizzes q JOIN courses c ON c.id = q.course_id WHERE q.id = $1 FOR UPDATE OF q`, id); err != nil {
		return 0, 0, notFound(err)
	}
	if q.Source != "app" {
		return 0, 0, errManagedByFiles
	}
	if _, err := courseFor(ctx, tx, p, q.Slug); err != nil {
		return 0, 0, err
	}
	return q.CourseID, q.Version, nil
}

// Update changes quiz id. Attempts already started keep their questions.
func (s *Service) Update(ctx context.Context, p auth.Principal, actor audit.Actor, id int64, in Input) error {
	set, err := in.settings()
	if err != nil {
		return err
	}
	if in.Version == nil {
		return errs.Fields{"version": "required"}.Err()
	}
	return db.WithTx(ctx, s.db, func(tx *sqlx.Tx) error {
		courseID, ver, err := quizForEdit(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if ver != *in.Version {
			return errVersion
		}
		moduleID, err := moduleOf(ctx, tx, courseID, set.ModuleSlug)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE quizzes SET module_id = $2, slug = $3, title_vi = $4, title_en = $5, intro_vi = $6,
			intro_en = $7, published = $8, required = $9, time_limit = $10, open_at = $11, close_at = $12, attempts_allowed = $13,
			attempt_delay = $14, grading_method = $15, pass_percent = $16, navigation = $17, shuffle_questions = $18,
			shuffle_answers = $19, review_attempt = $20, review_closed = $21, version = version + 1, updated_at = now()
			WHERE id = $1`, id, moduleID, set.Slug, set.TitleVI, set.TitleEN, set.IntroVI, set.IntroEN, set.Published,
			set.Required, set.TimeLimit, set.OpenAt, set.CloseAt, set.AttemptsAllowed, set.AttemptDelay, set.GradingMethod,
			set.PassPercent, set.Navigation, set.ShuffleQuestions, set.ShuffleAnswers, set.ReviewAttempt, set.ReviewClosed)
		if err != nil {
			return slugConflict(err)
		}
		if err := writeSlots(ctx, tx, id, in.Slots, set.Published); err != nil {
			return err
		}
		return audit.Write(ctx, tx, actor, audit.Entry{Action: "quiz.updated", EntityType: "quiz", EntityID: itoa64(id), After: in})
	})
}

// Delete removes a quiz nobody has attempted.
func (s *Service) Delete(ctx context.Context, p auth.Principal, actor audit.Actor, id int64) error {
	return db.WithTx(ctx, s.db, func(tx *sqlx.Tx) error {
		if _, _, err := quizForEdit(ctx, tx, p, id); err != nil {
			return err
		}
		var used bool
		if err := tx.GetContext(ctx, &used, `SELECT EXISTS (SELECT 1 FROM quiz_attempts WHERE quiz_id = $1)`, id); err != nil {
			return err
		}
		if used {
			return errHasAttempts
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM quizzes WHERE id = $1`, id); err != nil {
			return err
		}
		return audit.Write(ctx, tx, actor, audit.Entry{Action: "quiz.deleted", EntityType: "quiz", EntityID: itoa64(id)})
	})
}
