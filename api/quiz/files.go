package quiz

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// FileQuiz is a quiz of a course's files (course.yaml), ready to sync:
// random draws from module banks, with the rules the manifest gives.
type FileQuiz struct {
	Slug             string
	TitleVI, TitleEN string
	IntroVI, IntroEN string
	Module           string // slug of the module it belongs to ("" for the course)
	Required         bool
	Minutes          int // 0: no time limit
	Pass             float64
	Attempts         int // 0: unlimited
	DelayMinutes     int
	Grading          string
	Navigation       string
	Practice         bool // review everything right after the attempt
	Draws            []FileDraw
}

// FileDraw draws Count questions from the bank of module Module.
type FileDraw struct {
	Module string
	Count  int
}

// SyncFiles writes a course's file quizzes: new ones are created, changed
// ones updated (attempts started keep their questions), and ones gone from
// the files deleted, or unpublished when learners attempted them. banks maps
// a module slug to its question category.
func SyncFiles(ctx context.Context, tx *sqlx.Tx, courseID int64, quizzes []FileQuiz, banks map[string]int64) ([]string, error) {
	var lines []string
	keep := []string{}
	for i, q := range quizzes {
		keep = append(keep, q.Slug)
		var limit *int
		if q.Minutes > 0 {
			s := q.Minutes * 60
			limit = &s
		}
		review := []string{ShowScore}
		if q.Practice {
			review = everything
		}
		grading, nav := q.Grading, q.Navigation
		if grading == "" {
			grading = "highest"
		}
		if nav == "" {
			nav = "free"
		}
		hash := fmt.Sprintf("%+v", q)
		var r struct {
			ID      int64 `db:"id"`
			Changed bool  `db:"changed"`
		}
		err := tx.GetContext(ctx, &r, `
			INSERT INTO quizzes AS z (course_id, module_id, slug, position, title_vi, title_en, intro_vi, intro_en, source,
			                     published, required, time_limit, attempts_allowed, attempt_delay, grading_method,
			                     pass_percent, navigation, review_attempt, content_hash)
			VALUES ($1, (SELECT id FROM course_modules WHERE course_id = $1 AND slug = $2), $3, $4, $5, $6, $7, $8, 'files',
			        true, $9, $10, $11, $12, $13, $14, $15, $16, $17)
			ON CONFLICT (course_id, slug) DO UPDATE SET module_id = EXCLUDED.module_id, position = EXCLUDED.position,
			    title_vi = EXCLUDED.title_vi, title_en = EXCLUDED.title_en, intro_vi = EXCLUDED.intro_vi,
			    intro_en = EXCLUDED.intro_en, source = 'files', published = true, required = EXCLUDED.required,
			    time_limit = EXCLUDED.time_limit, attempts_allowed = EXCLUDED.attempts_allowed,
			    attempt_delay = EXCLUDED.attempt_delay, grading_method = EXCLUDED.grading_method,
			    pass_percent = EXCLUDED.pass_percent, navigation = EXCLUDED.navigation,
			    review_attempt = EXCLUDED.review_attempt, content_hash = EXCLUDED.content_hash,
			    version = z.version + 1, updated_at = now()
			WHERE z.content_hash <> EXCLUDED.content_hash OR NOT z.published
			RETURNING id, true AS changed`,
			courseID, q.Module, q.Slug, i+1, q.TitleVI, q.TitleEN, q.IntroVI, q.IntroEN, q.Required, limit, q.Attempts,
			q.DelayMinutes*60, grading, q.Pass, nav, pq.StringArray(review), hash)
		if err != nil && !isNoRows(err) {
			return lines, err
		}
		if !r.Changed {
			continue
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM quiz_slots WHERE quiz_id = $1`, r.ID); err != nil {
			return lines, err
		}
		for j, d := range q.Draws {
			if _, err := tx.ExecContext(ctx, `INSERT INTO quiz_slots (quiz_id, position, category_id, draw_count, mark)
				VALUES ($1, $2, $3, $4, 1)`, r.ID, j+1, banks[d.Module], d.Count); err != nil {
				return lines, err
			}
		}
		lines = append(lines, "  quiz "+q.Slug+": written")
	}
	var gone []struct {
		ID   int64  `db:"id"`
		Slug string `db:"slug"`
		Used bool   `db:"used"`
	}
	if err := tx.SelectContext(ctx, &gone, `SELECT id, slug, EXISTS (SELECT 1 FROM quiz_attempts a WHERE a.quiz_id = q.id) AS used
		FROM quizzes q WHERE course_id = $1 AND source = 'files' AND NOT (slug = ANY($2))`, courseID, pq.Array(keep)); err != nil {
		return lines, err
	}
	for _, g := range gone {
		query := `DELETE FROM quizzes WHERE id = $1`
		what := "removed"
		if g.Used {
			query, what = `UPDATE quizzes SET published = false, version = version + 1 WHERE id = $1 AND published`, "unpublished (learners attempted it)"
		}
		if _, err := tx.ExecContext(ctx, query, g.ID); err != nil {
			return lines, err
		}
		lines = append(lines, "  quiz "+g.Slug+": "+what)
	}
	return lines, nil
}
