package bank

import (
	"context"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/govtrain/lms/api/platform/db"
	"github.com/govtrain/lms/api/platform/vn"
)

func listCategories(ctx context.Context, q sqlx.QueryerContext) ([]CategoryRow, error) {
	items := []CategoryRow{}
	err := sqlx.SelectContext(ctx, q, &items, `
		SELECT c.id, c.parent_id, c.name, c.source, co.slug AS course_slug,
		       (SELECT count(*) FROM questions q WHERE q.category_id = c.id AND q.archived_at IS NULL) AS question_count
		FROM question_categories c LEFT JOIN courses co ON co.id = c.course_id
		ORDER BY c.parent_id NULLS FIRST, c.name, c.id`)
	return items, err
}

// Filter is a question list query.
type Filter struct {
	CategoryID int64
	IncludeSub bool
	Q, Type    string
	Archived   bool
}

const summaryColumns = `q.id, q.category_id, c.name AS category_name, q.name, v.type,
	left(regexp_replace(v.text, '\s+', ' ', 'g'), 200) AS excerpt, q.latest_version, q.tags,
	CASE WHEN q.source_key IS NULL THEN 'app' ELSE 'files' END AS source, q.archived_at IS NOT NULL AS archived, q.updated_at`

const summaryFrom = ` FROM questions q JOIN question_categories c ON c.id = q.category_id
	JOIN question_versions v ON v.question_id = q.id AND v.version = q.latest_version`

type summaryRow struct {
	Summary
	Tags  pq.StringArray `db:"tags"`
	Total int            `db:"total"`
}

func listQuestions(ctx context.Context, q sqlx.QueryerContext, f Filter, limit, offset int) ([]Summary, int, error) {
	w := &db.Where{}
	if f.CategoryID > 0 {
		if f.IncludeSub {
			w.Add(`q.category_id IN (WITH RECURSIVE sub AS (SELECT id FROM question_categories WHERE id = ?
				UNION ALL SELECT c2.id FROM question_categories c2 JOIN sub ON c2.parent_id = sub.id) SELECT id FROM sub)`, f.CategoryID)
		} else {
			w.Add("q.category_id = ?", f.CategoryID)
		}
	}
	for _, word := range vn.SearchWords(f.Q, 6) {
		w.Add("q.search_text LIKE ?", "% "+db.EscapeLike(word)+"%")
	}
	if f.Type != "" {
		w.Add("v.type = ?", f.Type)
	}
	if !f.Archived {
		w.Add("q.archived_at IS NULL")
	}
	var rows []summaryRow
	err := sqlx.SelectContext(ctx, q, &rows, `SELECT `+summaryColumns+`, count(*) OVER () AS total`+summaryFrom+w.SQL()+
		` ORDER BY c.name, q.name, q.id LIMIT `+w.Arg(limit)+` OFFSET `+w.Arg(offset), w.Args...)
	if err != nil {
		return nil, 0, err
	}
	items := make([]Summary, len(rows))
	total := 0
	for i, r := range rows {
		items[i], total = r.Summary, r.Total
		items[i].Tags = []string(r.Tags)
	}
	if len(rows) == 0 && offset > 0 {
		// Past the last page no row carries the window count: count apart
		// (the arguments without LIMIT and OFFSET).
		err = sqlx.GetContext(ctx, q, &total, `SELECT count(*)`+summaryFrom+w.SQL(), w.Args[:len(w.Args)-2]...)
	}
	return items, total, err
}

func getQuestion(ctx context.Context, q sqlx.QueryerContext, id int64) (Detail, error) {
	var r struct {
		Detail
		Tags pq.StringArray `db:"tags"`
	}
	err := sqlx.GetContext(ctx, q, &r, `SELECT `+summaryColumns+`, v.format, v.text, v.general_feedback, v.body, v.default_mark`+
		summaryFrom+` WHERE q.id = $1`, id)
	if err != nil {
		return Detail{}, err
	}
	d := r.Detail
	d.Tags = []string(r.Tags)
	d.Versions = []VersionRow{}
	err = sqlx.SelectContext(ctx, q, &d.Versions, `SELECT version, created_at FROM question_versions WHERE question_id = $1 ORDER BY version DESC`, id)
	return d, err
}
