package course

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/govtrain/lms/api/audit"
	"github.com/govtrain/lms/api/auth"
	"github.com/govtrain/lms/api/org"
	"github.com/govtrain/lms/api/platform/civil"
	"github.com/govtrain/lms/api/platform/db"
	"github.com/govtrain/lms/api/platform/errs"
	"github.com/govtrain/lms/api/platform/vcode"
)

// Service holds the rules of enrolment and study.
type Service struct {
	db *sqlx.DB
}

// NewService returns a Service.
func NewService(d *sqlx.DB) *Service { return &Service{db: d} }

var (
	errNoPerson     = errs.New(errs.Invalid, "no_person", "your account is not linked to a civil servant record")
	errClosed       = errs.New(errs.Forbidden, "course_closed", "this course is assigned by your agency; you cannot enrol yourself")
	errEnrolled     = errs.New(errs.Conflict, "already_enrolled", "you are already enrolled in this course")
	errNotEnrolled  = errs.New(errs.Forbidden, "not_enrolled", "enrol in the course to study its lessons")
	errPrerequisite = errs.New(errs.Conflict, "prerequisites_missing", "complete the prerequisite courses first")
)

// Catalogue lists the courses p may see.
func (s *Service) Catalogue(ctx context.Context, p auth.Principal, f Filter, limit, offset int) ([]Summary, int, error) {
	items, total, err := listCourses(ctx, s.db, p, f, limit, offset)
	for i := range items {
		items[i].CanEdit = canEdit(p, items[i])
	}
	return items, total, err
}

// Course returns a course page.
func (s *Service) Course(ctx context.Context, p auth.Principal, slug string) (Detail, error) {
	d, err := getDetail(ctx, s.db, p, slug)
	if err != nil {
		return d, err
	}
	d.CanEdit = canEdit(p, d.Summary)
	if !d.CanEdit {
		d.DescriptionMD = ""
	}
	missing := false
	for _, pr := range d.Prerequisites {
		missing = missing || !pr.Met
	}
	d.CanSelfEnrol = d.Open && d.Published && d.Enrolment == nil && p.PersonID != nil && !missing
	return d, nil
}

// canEdit: app courses, by their author or an admin. File courses are edited
// in courses/ only.
func canEdit(p auth.Principal, c Summary) bool {
	if c.Source != "app" || !auth.Can(p.Role, auth.CoursesAuthor) {
		return false
	}
	return p.Role == auth.Admin || (c.CreatedBy != nil && *c.CreatedBy == p.UserID)
}

// Enrol enrols p in an open course whose prerequisites they completed.
func (s *Service) Enrol(ctx context.Context, p auth.Principal, slug string) (Enrolment, error) {
	if p.PersonID == nil {
		return Enrolment{}, errNoPerson
	}
	d, err := s.Course(ctx, p, slug)
	if err != nil {
		return Enrolment{}, err
	}
	if d.Enrolment != nil {
		return Enrolment{}, errEnrolled
	}
	if !d.Open || !d.Published {
		return Enrolment{}, errClosed
	}
	var missing []string
	for _, pr := range d.Prerequisites {
		if !pr.Met {
			missing = append(missing, pr.Slug)
		}
	}
	if len(missing) > 0 {
		return Enrolment{}, errPrerequisite.With("missing", missing)
	}
	res, err := s.db.ExecContext(ctx, `INSERT INTO enrolments (course_id, person_id, source, enrolled_by) VALUES ($1, $2, 'self', $3)
		ON CONFLICT (course_id, person_id) DO NOTHING`, d.ID, *p.PersonID, p.UserID)
	if err != nil {
		return Enrolment{}, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return Enrolment{}, errEnrolled
	}
	d, err = s.Course(ctx, p, slug)
	if err != nil {
		return Enrolment{}, err
	}
	return *d.Enrolment, nil
}

// BulkRequest selects the people to enrol: any of an agency (with its
// subtree), a kind, professional work, or a list of people; always within
// the caller's scope and only active people.
type BulkRequest struct {
	AgencyID     *int64      `json:"agency_id"`
	IncludeSub   *bool       `json:"include_sub"`
	Kind         string      `json:"kind"`
	Professional *bool       `json:"professional"`
	PersonIDs    []int64     `json:"person_ids"`
	DueDate      *civil.Date `json:"due_date"`
}

// BulkResult counts what a bulk enrolment did.
type BulkResult struct {
	Matched              int         `db:"matched" json:"matched"`
	Enrolled             int         `db:"enrolled" json:"enrolled"`
	AlreadyEnrolled      int         `db:"already_enrolled" json:"already_enrolled"`
	MissingPrerequisites int         `db:"missing_prerequisites" json:"missing_prerequisites"`
	DueDate              *civil.Date `db:"-" json:"due_date"`
}

// EnrolMany enrols the selected people, skipping those who have not
// completed the prerequisites; people already enrolled get the new due date.
func (s *Service) EnrolMany(ctx context.Context, p auth.Principal, slug string, req BulkRequest, actor audit.Actor) (BulkResult, error) {
	if req.AgencyID == nil && req.Kind == "" && req.Professional == nil && req.PersonIDs == nil {
		return BulkResult{}, errs.New(errs.Invalid, "no_selection", "choose an agency, a kind, professional work or people")
	}
	if len(req.PersonIDs) > 10000 {
		return BulkResult{}, errs.Fields{"person_ids": "too_many"}.Err()
	}
	if req.Kind != "" && !slices.Contains(org.Kinds, req.Kind) {
		return BulkResult{}, errs.Fields{"kind": "invalid"}.Err()
	}
	f := org.PeopleFilter{Kind: req.Kind, Professional: req.Professional, IDs: req.PersonIDs, IncludeSub: true}
	if req.AgencyID != nil {
		f.AgencyID = *req.AgencyID
	}
	if req.IncludeSub != nil {
		f.IncludeSub = *req.IncludeSub
	}
	active := true
	f.Active = &active
	var c struct {
		ID        int64 `db:"id"`
		Published bool  `db:"published"`
	}
	if err := s.db.GetContext(ctx, &c, `SELECT id, published FROM courses WHERE slug = $1`, slug); err != nil {
		return BulkResult{}, err
	}
	if !c.Published {
		return BulkResult{}, errs.New(errs.Conflict, "not_published", "publish the course before enrolling people")
	}
	res := BulkResult{DueDate: req.DueDate}
	err := db.WithTx(ctx, s.db, func(tx *sqlx.Tx) error {
		w := f.Where(p.Scope())
		course := w.Arg(c.ID)
		due := w.Arg(req.DueDate)
		by := w.Arg(p.UserID)
		err := tx.GetContext(ctx, &res, `
			WITH chosen AS (SELECT p.id FROM people p`+w.SQL()+`),
			ready AS (
				SELECT id FROM chosen ch WHERE NOT EXISTS (
					SELECT 1 FROM course_prerequisites cp WHERE cp.course_id = `+course+` AND NOT EXISTS (
						SELECT 1 FROM enrolments pe WHERE pe.course_id = cp.requires_id AND pe.person_id = ch.id AND pe.completed_at IS NOT NULL))),
			added AS (
				INSERT INTO enrolments (course_id, person_id, source, enrolled_by, due_date)
				SELECT `+course+`, id, 'assigned', `+by+`, `+due+`::date FROM ready
				ON CONFLICT (course_id, person_id) DO NOTHING RETURNING person_id),
			redated AS (
				UPDATE enrolments SET due_date = `+due+`::date
				WHERE course_id = `+course+` AND `+due+`::date IS NOT NULL AND person_id IN (SELECT id FROM ready)
				  AND person_id NOT IN (SELECT person_id FROM added) RETURNING person_id)
			SELECT (SELECT count(*) FROM chosen) AS matched, (SELECT count(*) FROM added) AS enrolled,
			       (SELECT count(*) FROM chosen) - (SELECT count(*) FROM ready) AS missing_prerequisites,
			       (SELECT count(*) FROM ready) - (SELECT count(*) FROM added) AS already_enrolled`, w.Args...)
		if err != nil {
			return err
		}
		return audit.Write(ctx, tx, actor, audit.Entry{Action: "course.enrolled", EntityType: "course", EntityID: slug,
			After: map[string]any{"request": req, "result": res}})
	})
	return res, err
}

// EnrolledPerson is a row of a course's enrolment list.
type EnrolledPerson struct {
	PersonID    int64       `db:"person_id" json:"person_id"`
	FullName    string      `db:"full_name" json:"full_name"`
	AgencyName  string      `db:"agency_name" json:"agency_name"`
	EnrolledAt  time.Time   `db:"enrolled_at" json:"enrolled_at"`
	DueDate     *civil.Date `db:"due_date" json:"due_date"`
	Progress    int         `db:"progress" json:"progress"`
	CompletedAt *time.Time  `db:"completed_at" json:"completed_at"`
}

// Enrolments lists the people of p's scope enrolled in a course.
func (s *Service) Enrolments(ctx context.Context, p auth.Principal, slug string, limit, offset int) ([]EnrolledPerson, int, error) {
	w := org.PeopleFilter{}.Where(p.Scope())
	w.Add("c.slug = ?", slug)
	var rows []struct {
		EnrolledPerson
		Total int `db:"total"`
	}
	err := s.db.SelectContext(ctx, &rows, `
		SELECT p.id AS person_id, p.full_name, a.name AS agency_name, e.enrolled_at, e.due_date, e.completed_at,
		       CASE WHEN e.completed_at IS NOT NULL THEN 100 ELSE
		         (SELECT (count(lp.*) * 100 / greatest(1, (SELECT count(*) FROM lessons l2 WHERE l2.course_id = c.id AND l2.removed_at IS NULL)))::int
		          FROM lesson_progress lp JOIN lessons l ON l.id = lp.lesson_id
		          WHERE lp.person_id = p.id AND l.course_id = c.id AND l.removed_at IS NULL) END AS progress,
		       count(*) OVER () AS total
		FROM enrolments e JOIN courses c ON c.id = e.course_id JOIN people p ON p.id = e.person_id
		JOIN agencies a ON a.id = p.agency_id`+w.SQL()+`
		ORDER BY p.given_name COLLATE "vi-x-icu", p.family_name COLLATE "vi-x-icu", p.id
		LIMIT `+w.Arg(limit)+` OFFSET `+w.Arg(offset), w.Args...)
	items := make([]EnrolledPerson, len(rows))
	total := 0
	for i, r := range rows {
		items[i], total = r.EnrolledPerson, r.Total
	}
	return items, total, err
}

// Lesson returns a lesson for reading and remembers it as where p resumes.
// Learners must be enrolled; the course's editors may always read it.
func (s *Service) Lesson(ctx context.Context, p auth.Principal, id int64) (Lesson, error) {
	var l Lesson
	err := s.db.GetContext(ctx, &l, `
		WITH ordered AS (
			SELECT l.id, lag(l.id) OVER w AS prev_id, lead(l.id) OVER w AS next_id
			FROM lessons l JOIN course_modules m ON m.id = l.module_id
			WHERE l.course_id = (SELECT course_id FROM lessons WHERE id = $1) AND l.removed_at IS NULL
			WINDOW w AS (ORDER BY m.position, l.position, l.id))
		SELECT l.id, l.course_id, l.slug, l.title_vi, l.title_en, l.minutes, l.body_html,
		       c.slug AS course_slug, c.title_vi AS course_title_vi, c.title_en AS course_title_en,
		       m.title_vi AS module_title_vi, m.title_en AS module_title_en, o.prev_id, o.next_id,
		       EXISTS (SELECT 1 FROM lesson_progress lp WHERE lp.lesson_id = l.id AND lp.person_id = $2) AS completed
		FROM lessons l JOIN ordered o ON o.id = l.id JOIN courses c ON c.id = l.course_id
		JOIN course_modules m ON m.id = l.module_id
		WHERE l.id = $1`, id, personOf(p))
	if err != nil {
		return l, err
	}
	d, err := s.Course(ctx, p, l.CourseSlug)
	if err != nil {
		return l, err
	}
	if d.Enrolment == nil {
		if !d.CanEdit && p.Role != auth.Admin {
			return l, errNotEnrolled
		}
		return l, nil
	}
	l.Enrolled = true
	l.CourseProgress = d.Enrolment.Progress
	_, err = s.db.ExecContext(ctx, `UPDATE enrolments SET last_lesson_id = $1 WHERE course_id = $2 AND person_id = $3`,
		l.ID, l.CourseID, *p.PersonID)
	return l, err
}

// Completion is the answer to marking a lesson read.
type Completion struct {
	Completed         bool       `json:"completed"`
	CourseProgress    int        `json:"course_progress"`
	CourseCompletedAt *time.Time `json:"course_completed_at"`
}

// Complete marks a lesson read and, when it was the last lesson the
// completion rule needs, completes the course with today's date. Both happen
// in one transaction; repeating it changes nothing.
func (s *Service) Complete(ctx context.Context, p auth.Principal, id int64) (Completion, error) {
	if p.PersonID == nil {
		return Completion{}, errNoPerson
	}
	person := *p.PersonID
	var out Completion
	err := db.WithTx(ctx, s.db, func(tx *sqlx.Tx) error {
		var e struct {
			ID          int64      `db:"id"`
			CourseID    int64      `db:"course_id"`
			CompletedAt *time.Time `db:"completed_at"`
		}
		err := tx.GetContext(ctx, &e, `
			SELECT e.id, e.course_id, e.completed_at
			FROM lessons l JOIN enrolments e ON e.course_id = l.course_id AND e.person_id = $2
			WHERE l.id = $1 AND l.removed_at IS NULL FOR UPDATE OF e`, id, person)
		if errors.Is(err, sql.ErrNoRows) {
			var exists bool
			tx.GetContext(ctx, &exists, `SELECT EXISTS (SELECT 1 FROM lessons WHERE id = $1 AND removed_at IS NULL)`, id)
			if exists {
				return errNotEnrolled
			}
			return errs.ErrNotFound
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO lesson_progress (person_id, lesson_id) VALUES ($1, $2)
			ON CONFLICT DO NOTHING`, person, id); err != nil {
			return err
		}
		var n struct {
			Done  int `db:"done"`
			Total int `db:"total"`
		}
		if err := tx.GetContext(ctx, &n, `
			SELECT count(lp.lesson_id) AS done, count(*) AS total
			FROM lessons l LEFT JOIN lesson_progress lp ON lp.lesson_id = l.id AND lp.person_id = $2
			WHERE l.course_id = $1 AND l.removed_at IS NULL`, e.CourseID, person); err != nil {
			return err
		}
		out = Completion{Completed: true, CourseCompletedAt: e.CompletedAt}
		if n.Total > 0 {
			out.CourseProgress = n.Done * 100 / n.Total
		}
		// The completion rule (every lesson, and every required quiz passed
		// when the course asks) lives in one place: complete_enrolment, which
		// the quiz submit calls too.
		if e.CompletedAt == nil && n.Done == n.Total {
			if err := tx.GetContext(ctx, &out.CourseCompletedAt, `SELECT complete_enrolment($1, $2, NULL)`, e.CourseID, person); err != nil {
				return err
			}
			if out.CourseCompletedAt != nil {
				// The certificates that the course completes, in the same transaction.
				if _, err := tx.ExecContext(ctx, `SELECT issue_certificates($1, $2, NULL, NULL, $3)`, person, e.CourseID,
					pq.StringArray(vcode.NewN(4))); err != nil {
					return err
				}
			}
		}
		if out.CourseCompletedAt != nil {
			out.CourseProgress = 100
		}
		return nil
	})
	return out, err
}

// MyCourse is an enrolment with its course's names.
type MyCourse struct {
	Enrolment
	Code    string `json:"code"`
	TitleVI string `json:"title_vi"`
	TitleEN string `json:"title_en"`
	Track   string `json:"track"`
}

// MyCourses lists p's enrolments, unfinished first.
func (s *Service) MyCourses(ctx context.Context, p auth.Principal) ([]MyCourse, error) {
	out := []MyCourse{}
	if p.PersonID == nil {
		return out, nil
	}
	items, _, err := listCourses(ctx, s.db, p, Filter{Mine: true}, 1000, 0)
	if err != nil {
		return nil, err
	}
	for _, c := range items {
		out = append(out, MyCourse{Enrolment: *c.Enrolment, Code: c.Code, TitleVI: c.TitleVI, TitleEN: c.TitleEN, Track: c.Track})
	}
	// Unfinished first, then by due date.
	sortMine(out)
	return out, nil
}

// Image is a stored course picture.
type Image struct {
	ContentType string `db:"content_type"`
	Data        []byte `db:"data"`
	SHA256      string `db:"sha256"`
}

// Image returns a picture of a course. Pictures are public: lessons show them
// in <img> tags, which carry no token.
func (s *Service) Image(ctx context.Context, slug, name string) (Image, error) {
	var im Image
	err := s.db.GetContext(ctx, &im, `SELECT i.content_type, i.data, i.sha256 FROM course_images i
		JOIN courses c ON c.id = i.course_id WHERE c.slug = $1 AND i.name = $2`, slug, name)
	return im, err
}
