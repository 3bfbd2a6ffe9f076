package course

import (
	"context"

	"github.com/jmoiron/sqlx"

	"github.com/govtrain/lms/api/auth"
	"github.com/govtrain/lms/api/platform/db"
	"github.com/govtrain/lms/api/platform/vn"
)

// summarySelect lists courses with the caller's enrolment joined; its first
// argument is the caller's person id (0 when the account has none).
const summarySelect = `SELECT c.id, c.slug, c.code, c.title_vi, c.title_en, c.summary_vi, c.summary_en, c.track, c.level,
	c.hours, c.open, c.published, c.source, c.created_by,
	(SELECT count(*) FROM lessons l WHERE l.course_id = c.id AND l.removed_at IS NULL) AS lessons_count,
	e.enrolled_at AS e_enrolled_at, e.due_date AS e_due_date, e.source AS e_source, e.completed_at AS e_completed_at,
	e.last_lesson_id AS e_last_lesson_id,
	CASE WHEN e.id IS NULL THEN 0 ELSE (SELECT count(*) FROM lesson_progress lp JOIN lessons l ON l.id = lp.lesson_id
		WHERE lp.person_id = e.person_id AND l.course_id = c.id AND l.removed_at IS NULL) END AS e_completed_lessons`

func summaryFrom(w *db.Where, p auth.Principal) string {
	return ` FROM courses c LEFT JOIN enrolments e ON e.course_id = c.id AND e.person_id = ` + w.Arg(personOf(p))
}

// visible restricts courses to those p may see: published ones, plus their
// own drafts; admins see everything.
func visible(w *db.Where, p auth.Principal) {
	if p.Role != auth.Admin {
		w.Add("(c.published OR c.created_by = ?)", p.UserID)
	}
}

func personOf(p auth.Principal) int64 {
	if p.PersonID == nil {
		return 0
	}
	return *p.PersonID
}

// Filter is a catalogue query.
type Filter struct {
	Q, Track, Level string
	Mine            bool // only courses the caller is enrolled in
	Editable        bool // only app courses the caller may edit
}

const catalogueOrder = ` ORDER BY array_position(ARRAY['it-basic','email-internet','cio','it-specialist','other'], c.track), c.code, c.title_vi, c.id`

func listCourses(ctx context.Context, q sqlx.QueryerContext, p auth.Principal, f Filter, limit, offset int) ([]Summary, int, error) {
	w := &db.Where{}
	from := summaryFrom(w, p)
	if !f.Mine { // one's own enrolments stay listed even if the course is unpublished later
		visible(w, p)
	}
	for _, word := range vn.SearchWords(f.Q, 6) {
		w.Add("c.search_text LIKE ?", "% "+db.EscapeLike(word)+"%")
	}
	if f.Track != "" {
		w.Add("c.track = ?", f.Track)
	}
	if f.Level != "" {
		w.Add("c.level = ?", f.Level)
	}
	if f.Mine {
		w.Add("e.id IS NOT NULL")
	}
	if f.Editable {
		w.Add("c.source = 'app'")
		if p.Role != auth.Admin {
			w.Add("c.created_by = ?", p.UserID)
		}
	}
	var rows []struct {
		Summary
		Total int `db:"total"`
	}
	err := sqlx.SelectContext(ctx, q, &rows, summarySelect+`, count(*) OVER () AS total`+from+w.SQL()+catalogueOrder+
		` LIMIT `+w.Arg(limit)+` OFFSET `+w.Arg(offset), w.Args...)
	if err != nil {
		return nil, 0, err
	}
	items := make([]Summary, len(rows))
	total := 0
	for i := range rows {
		rows[i].Summary.fill()
		items[i] = rows[i].Summary
		total = rows[i].Total
	}
	if len(rows) == 0 && offset > 0 {
		// Past the last page no row carries the window count: count apart
		// (the arguments without LIMIT and OFFSET).
		err = sqlx.GetContext(ctx, q, &total, `SELECT count(*)`+from+w.SQL(), w.Args[:len(w.Args)-2]...)
	}
	return items, total, err
}

func getDetail(ctx context.Context, q sqlx.QueryerContext, p auth.Principal, slug string) (Detail, error) {
	w := &db.Where{}
	from := summaryFrom(w, p)
	w.Add("c.slug = ?", slug)
	visible(w, p)
	var d Detail
	if err := sqlx.GetContext(ctx, q, &d, summarySelect+`, c.description_html, c.description_md`+from+w.SQL(), w.Args...); err != nil {
		return d, err
	}
	d.Summary.fill()
	person := personOf(p)
	d.Prerequisites = []Prerequisite{}
	err := sqlx.SelectContext(ctx, q, &d.Prerequisites, `
		SELECT r.slug, r.title_vi, r.title_en,
		       EXISTS (SELECT 1 FROM enrolments pe WHERE pe.course_id = r.id AND pe.person_id = $2 AND pe.completed_at IS NOT NULL) AS met
		FROM course_prerequisites cp JOIN courses r ON r.id = cp.requires_id
		WHERE cp.course_id = $1 ORDER BY r.code, r.title_vi`, d.ID, person)
	if err != nil {
		return d, err
	}
	d.Modules = []Module{}
	if err := sqlx.SelectContext(ctx, q, &d.Modules, `SELECT id, slug, position, title_vi, title_en FROM course_modules
		WHERE course_id = $1 AND removed_at IS NULL ORDER BY position, id`, d.ID); err != nil {
		return d, err
	}
	var lessons []LessonItem
	if err := sqlx.SelectContext(ctx, q, &lessons, `
		SELECT l.id, l.module_id, l.slug, l.position, l.title_vi, l.title_en, l.minutes,
		       EXISTS (SELECT 1 FROM lesson_progress lp WHERE lp.lesson_id = l.id AND lp.person_id = $2) AS completed
		FROM lessons l WHERE l.course_id = $1 AND l.removed_at IS NULL ORDER BY l.position, l.id`, d.ID, person); err != nil {
		return d, err
	}
	index := map[int64]int{}
	for i, m := range d.Modules {
		index[m.ID] = i
		d.Modules[i].Lessons = []LessonItem{}
	}
	for _, l := range lessons {
		if i, ok := index[l.ModuleID]; ok {
			d.Modules[i].Lessons = append(d.Modules[i].Lessons, l)
		}
	}
	if d.Enrolment != nil {
		d.ResumeLessonID = resumeAt(d.Modules, d.Enrolment.LastLessonID)
	}
	return d, nil
}

// resumeAt is where a learner continues: the last lesson they opened if they
// have not finished it, else the first unfinished lesson after it (or, past
// the end, the first unfinished one at all); the first lesson for a
// newcomer, and the last opened once everything is done.
func resumeAt(modules []Module, last *int64) *int64 {
	var order []LessonItem
	for _, m := range modules {
		order = append(order, m.Lessons...)
	}
	if len(order) == 0 {
		return nil
	}
	at := -1
	for i, l := range order {
		if last != nil && l.ID == *last {
			at = i
		}
	}
	if at >= 0 && !order[at].Completed {
		return &order[at].ID
	}
	start := at + 1 // 0 for a newcomer
	for i := range order {
		if j := (start + i) % len(order); !order[j].Completed {
			return &order[j].ID
		}
	}
	if at >= 0 {
		return &order[at].ID
	}
	return &order[0].ID
}
