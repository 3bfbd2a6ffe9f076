package course

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/govtrain/lms/api/bank"
	"github.com/govtrain/lms/api/platform/db"
	"github.com/govtrain/lms/api/platform/vn"
	"github.com/govtrain/lms/api/quiz"
)

// SyncReport says what a sync did, course by course.
type SyncReport struct {
	Lines    []string
	Refused  int
	Changed  int
	Archived int
}

func (r SyncReport) String() string {
	var b strings.Builder
	for _, l := range r.Lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	fmt.Fprintf(&b, "%d courses changed, %d refused, %d lessons archived\n", r.Changed, r.Refused, r.Archived)
	return b.String()
}

// Sync loads the file courses into the database, each course in its own
// transaction: new courses are created, changed ones (by content hash)
// updated in place so lesson ids and learners' progress survive. A lesson that
// disappeared from the files is deleted when nobody completed it; otherwise
// the course is refused (and reported) unless allowRemovals, which archives
// the lesson and keeps the progress.
func Sync(ctx context.Context, d *sqlx.DB, courses []FileCourse, allowRemovals bool) (SyncReport, error) {
	var rep SyncReport
	for _, c := range courses {
		var lines []string
		var archived int
		err := db.WithTx(ctx, d, func(tx *sqlx.Tx) error {
			if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(hashtext('lms.courses.sync'))`); err != nil {
				return err
			}
			var err error
			lines, archived, err = syncCourse(ctx, tx, c, allowRemovals)
			return err
		})
		if err != nil {
			if _, ok := err.(refusal); !ok {
				return rep, fmt.Errorf("%s: %w", c.Slug, err)
			}
			rep.Refused++
			rep.Lines = append(rep.Lines, fmt.Sprintf("%s: refused, nothing changed: %v", c.Slug, err))
			continue
		}
		rep.Lines = append(rep.Lines, lines...)
		if len(lines) > 0 && !strings.HasSuffix(lines[0], "unchanged") {
			rep.Changed++
		}
		rep.Archived += archived
	}
	// Prerequisites refer to other courses, so they are set once all exist.
	err := db.WithTx(ctx, d, func(tx *sqlx.Tx) error {
		for _, c := range courses {
			if _, err := tx.ExecContext(ctx, `DELETE FROM course_prerequisites WHERE course_id = (SELECT id FROM courses WHERE slug = $1 AND source = 'files')`, c.Slug); err != nil {
				return err
			}
			for _, p := range c.Prerequisites {
				if _, err := tx.ExecContext(ctx, `INSERT INTO course_prerequisites (course_id, requires_id)
					SELECT c.id, r.id FROM courses c, courses r WHERE c.slug = $1 AND c.source = 'files' AND r.slug = $2`, c.Slug, p); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err == nil && rep.Refused > 0 {
		err = fmt.Errorf("%d courses were refused; see above", rep.Refused)
	}
	return rep, err
}

// refusal is a course the sync will not apply as it stands.
type refusal struct{ error }

func syncCourse(ctx context.Context, tx *sqlx.Tx, c FileCourse, allowRemovals bool) ([]string, int, error) {
	var cur struct {
		ID     int64  `db:"id"`
		Source string `db:"source"`
		Hash   string `db:"content_hash"`
	}
	err := tx.GetContext(ctx, &cur, `SELECT id, source, content_hash FROM courses WHERE slug = $1 FOR UPDATE`, c.Slug)
	if err != nil && !isNoRows(err) {
		return nil, 0, err
	}
	if cur.Source == "app" {
		return nil, 0, refusal{fmt.Errorf("a course authored in the app already has the slug %q", c.Slug)}
	}
	if cur.ID != 0 && cur.Hash == c.Hash {
		return []string{c.Slug + ": unchanged"}, 0, nil
	}
	verb := "updated"
	if cur.ID == 0 {
		verb = "created"
	}
	search := vn.SearchText(c.Code, c.Title.VI, c.Title.EN, c.Summary.VI)
	err = tx.GetContext(ctx, &cur.ID, `
		INSERT INTO courses (slug, code, title_vi, title_en, summary_vi, summary_en, description_md, description_html,
		                     track, level, hours, open, published, source, content_hash, completion_quizzes, search_text)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, true, 'files', $13, $14, $15)
		ON CONFLICT (slug) DO UPDATE SET code = $2, title_vi = $3, title_en = $4, summary_vi = $5, summary_en = $6,
		       description_md = $7, description_html = $8, track = $9, level = $10, hours = $11, open = $12,
		       published = true, content_hash = $13, completion_quizzes = $14, search_text = $15, updated_at = now()
		RETURNING id`,
		c.Slug, c.Code, c.Title.VI, c.Title.EN, c.Summary.VI, c.Summary.EN, c.Description, Render(c.Slug, c.Description),
		c.Track, c.Level, c.Hours, c.Open, c.Hash, c.CompletionQuizzes, search)
	if err != nil {
		return nil, 0, err
	}
	lines := []string{fmt.Sprintf("%s: %s", c.Slug, verb)}
	keep := map[string]bool{} // "module/lesson" present in the files
	changedLessons := 0
	for _, m := range c.Modules {
		var modID int64
		err := tx.GetContext(ctx, &modID, `
			INSERT INTO course_modules (course_id, slug, position, title_vi, title_en, bank_path, bank_questions)
			VALUES ($1, $2, $3, $4, $5, $6, $7)
			ON CONFLICT (course_id, slug) DO UPDATE SET position = $3, title_vi = $4, title_en = $5,
			       bank_path = $6, bank_questions = $7, removed_at = NULL
			RETURNING id`, cur.ID, m.Slug, m.Position, m.Title.VI, m.Title.EN, m.Bank, m.BankQuestions)
		if err != nil {
			return nil, 0, err
		}
		for _, l := range m.Lessons {
			keep[m.Slug+"/"+l.Slug] = true
			res, err := tx.ExecContext(ctx, `
				INSERT INTO lessons (course_id, module_id, slug, position, title_vi, title_en, minutes, body_md, body_html, content_hash)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
				ON CONFLICT (module_id, slug) DO UPDATE SET position = $4, title_vi = $5, title_en = $6, minutes = $7,
				       body_md = $8, body_html = $9, content_hash = $10, removed_at = NULL, updated_at = now()
				WHERE lessons.content_hash <> $10 OR lessons.position <> $4 OR lessons.removed_at IS NOT NULL`,
				cur.ID, modID, l.Slug, l.Position, l.Title.VI, l.Title.EN, l.Minutes, l.Body, Render(c.Slug, l.Body), l.Hash)
			if err != nil {
				return nil, 0, err
			}
			if n, _ := res.RowsAffected(); n > 0 {
				changedLessons++
			}
		}
	}
	lines[0] += fmt.Sprintf(" (%d lessons new or changed)", changedLessons)
	banks, err := syncBanks(ctx, tx, cur.ID, c, &lines)
	if err != nil {
		return lines, 0, err
	}
	ql, err := quiz.SyncFiles(ctx, tx, cur.ID, c.Quizzes, banks)
	lines = append(lines, ql...)
	if err != nil {
		return lines, 0, err
	}
	archived, err := removeMissing(ctx, tx, cur.ID, keep, allowRemovals, &lines)
	if err != nil {
		return lines, 0, err
	}
	if err := syncImages(ctx, tx, cur.ID, c.Images); err != nil {
		return lines, 0, err
	}
	return lines, archived, nil
}

// removeMissing deletes the lessons (and empty modules) no longer in the files.
func removeMissing(ctx context.Context, tx *sqlx.Tx, courseID int64, keep map[string]bool, allowRemovals bool, lines *[]string) (int, error) {
	var gone []struct {
		ID        int64  `db:"id"`
		Path      string `db:"path"`
		Completed int    `db:"completed"`
	}
	err := tx.SelectContext(ctx, &gone, `
		SELECT l.id, m.slug || '/' || l.slug AS path,
		       (SELECT count(*) FROM lesson_progress p WHERE p.lesson_id = l.id) AS completed
		FROM lessons l JOIN course_modules m ON m.id = l.module_id
		WHERE l.course_id = $1 AND l.removed_at IS NULL`, courseID)
	if err != nil {
		return 0, err
	}
	archived := 0
	var blocked []string
	for _, g := range gone {
		if keep[g.Path] {
			continue
		}
		switch {
		case g.Completed == 0:
			if _, err := tx.ExecContext(ctx, `DELETE FROM lessons WHERE id = $1`, g.ID); err != nil {
				return 0, err
			}
			*lines = append(*lines, fmt.Sprintf("  removed lesson %s (nobody had completed it)", g.Path))
		case allowRemovals:
			if _, err := tx.ExecContext(ctx, `UPDATE lessons SET removed_at = now() WHERE id = $1`, g.ID); err != nil {
				return 0, err
			}
			archived++
			*lines = append(*lines, fmt.Sprintf("  archived lesson %s (%d learners completed it; their progress is kept)", g.Path, g.Completed))
		default:
			blocked = append(blocked, fmt.Sprintf("%s (%d learners completed it)", g.Path, g.Completed))
		}
	}
	if len(blocked) > 0 {
		return 0, refusal{fmt.Errorf("lessons removed from the files were completed by learners: %s; put them back, or sync with -allow-removals to archive them", strings.Join(blocked, ", "))}
	}
	_, err = tx.ExecContext(ctx, `
		DELETE FROM course_modules m WHERE m.course_id = $1
		AND NOT EXISTS (SELECT 1 FROM lessons l WHERE l.module_id = m.id)
		AND m.slug NOT IN (SELECT split_part(k, '/', 1) FROM unnest($2::text[]) k)`, courseID, pq.Array(keys(keep)))
	if err != nil {
		return 0, err
	}
	_, err = tx.ExecContext(ctx, `
		UPDATE course_modules m SET removed_at = now() WHERE m.course_id = $1 AND m.removed_at IS NULL
		AND NOT EXISTS (SELECT 1 FROM lessons l WHERE l.module_id = m.id AND l.removed_at IS NULL)`, courseID)
	return archived, err
}

func syncImages(ctx context.Context, tx *sqlx.Tx, courseID int64, images []FileImage) error {
	names := make([]string, 0, len(images))
	for _, im := range images {
		names = append(names, im.Name)
		sum := sha256.Sum256(im.Data)
		_, err := tx.ExecContext(ctx, `
			INSERT INTO course_images (course_id, name, content_type, data, sha256) VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT (course_id, name) DO UPDATE SET content_type = $3, data = $4, sha256 = $5
			WHERE course_images.sha256 <> $5`, courseID, im.Name, im.ContentType, im.Data, hex.EncodeToString(sum[:]))
		if err != nil {
			return err
		}
	}
	_, err := tx.ExecContext(ctx, `DELETE FROM course_images WHERE course_id = $1 AND NOT (name = ANY($2::text[]))`, courseID, pq.Array(names))
	return err
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

// bankRoot is the category under which every course's module banks live.
const bankRoot = "Chương trình đào tạo"

// syncBanks puts each module's questions into the question bank, in the
// category "course code – title / module title", each identified by
// course/module/name so that only changed questions get a new version;
// questions removed from the files are archived. It returns each module's
// category.
func syncBanks(ctx context.Context, tx *sqlx.Tx, courseID int64, c FileCourse, lines *[]string) (map[string]int64, error) {
	banks := map[string]int64{}
	root, _, err := bank.Category(ctx, tx, nil, bankRoot, "files", nil)
	if err != nil {
		return nil, err
	}
	courseName := c.Title.VI
	if c.Code != "" {
		courseName = c.Code + " – " + c.Title.VI
	}
	courseCat, _, err := bank.Category(ctx, tx, &root, courseName, "files", &courseID)
	if err != nil {
		return nil, err
	}
	var total bank.Counts
	var keep []string
	for _, m := range c.Modules {
		if len(m.Questions) == 0 {
			continue
		}
		cat, _, err := bank.Category(ctx, tx, &courseCat, m.Title.VI, "files", &courseID)
		if err != nil {
			return nil, err
		}
		banks[m.Slug] = cat
		prefix := c.Slug + "/" + m.Slug + "/"
		n, err := bank.Save(ctx, tx, cat, prefix, m.Questions, nil)
		if err != nil {
			return nil, err
		}
		total.Created, total.Versioned, total.Unchanged = total.Created+n.Created, total.Versioned+n.Versioned, total.Unchanged+n.Unchanged
		for _, q := range m.Questions {
			keep = append(keep, prefix+q.Name)
		}
	}
	archived, err := bank.ArchiveMissing(ctx, tx, c.Slug+"/", keep)
	if err != nil {
		return nil, err
	}
	if total.Created+total.Versioned+int(archived) > 0 {
		*lines = append(*lines, fmt.Sprintf("  question bank: %d new, %d changed (new versions), %d archived", total.Created, total.Versioned, archived))
	}
	return banks, nil
}
