package bank

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"
	"github.com/jmoiron/sqlx"

	"github.com/govtrain/lms/api/audit"
	"github.com/govtrain/lms/api/auth"
	"github.com/govtrain/lms/api/platform/db"
	"github.com/govtrain/lms/api/platform/errs"
	"github.com/govtrain/lms/api/platform/httpx"
	"github.com/govtrain/lms/api/qformat"
	"github.com/govtrain/lms/api/quiz"
)

// The question editor: trainers create and edit one question at a time,
// through put like every importer; each change is audited in its
// transaction.

var errFilesQuestion = errs.New(errs.Conflict, "managed_by_files",
	"this question belongs to a course's bank in the courses/ folder; change it in the course files")

func (h *Handler) create(c *gin.Context) {
	var in QuestionInput
	if httpx.Fail(c, httpx.BindJSON(c, &in)) {
		return
	}
	f := errs.Fields{}
	q := in.question(f)
	if httpx.Fail(c, invalid(f)) {
		return
	}
	ctx := c.Request.Context()
	uid := auth.MustFrom(c).UserID
	var d Detail
	err := db.WithTx(ctx, h.db, func(tx *sqlx.Tx) error {
		if err := checkCategory(ctx, tx, in.CategoryID, true); err != nil {
			return err
		}
		cur, _, err := put(ctx, tx, latest{}, in.CategoryID, nil, q, &uid)
		if err != nil {
			return err
		}
		if d, err = getQuestion(ctx, tx, cur.ID); err != nil {
			return err
		}
		return audit.Write(ctx, tx, h.actor(c), questionEntry("question.created", nil, &d))
	})
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusCreated, d)
}

// update stores the question as the editor sends it: a new version when its
// content changed, nothing when not (a move to another category aside).
func (h *Handler) update(c *gin.Context) {
	id, err := httpx.PathID(c, "id")
	if httpx.Fail(c, err) {
		return
	}
	var in QuestionUpdate
	if httpx.Fail(c, httpx.BindJSON(c, &in)) {
		return
	}
	f := errs.Fields{}
	q := in.question(f)
	if in.Version <= 0 {
		f.Add("version", "required")
	}
	if httpx.Fail(c, invalid(f)) {
		return
	}
	ctx := c.Request.Context()
	uid := auth.MustFrom(c).UserID
	var d Detail
	err = db.WithTx(ctx, h.db, func(tx *sqlx.Tx) error {
		cur, before, err := editable(ctx, tx, id)
		if err != nil {
			return err
		}
		if in.Version != cur.Version {
			return errs.ErrVersion.With("current_version", cur.Version)
		}
		if err := checkCategory(ctx, tx, in.CategoryID, true); err != nil {
			return err
		}
		var prev qformat.Question
		if err := json.Unmarshal(before.Body, &prev); err != nil {
			return err
		}
		files, err := versionFiles(ctx, tx, id, cur.Version)
		if err != nil {
			return err
		}
		keepStored(&q, prev, before.Name, files)
		_, did, err := put(ctx, tx, cur, in.CategoryID, nil, q, &uid)
		if err != nil {
			return err
		}
		moved := in.CategoryID != before.CategoryID
		if did == unchanged && !moved {
			d = before
			return nil
		}
		if did == unchanged {
			if _, err := tx.ExecContext(ctx, `UPDATE questions SET category_id = $2, updated_at = now() WHERE id = $1`, id, in.CategoryID); err != nil {
				return err
			}
		}
		if d, err = getQuestion(ctx, tx, id); err != nil {
			return err
		}
		return audit.Write(ctx, tx, h.actor(c), questionEntry("question.updated", &before, &d))
	})
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusOK, d)
}

// setArchived archives a question (new quizzes no longer draw it; attempts
// keep their versions) or restores it.
func (h *Handler) setArchived(archive bool) gin.HandlerFunc {
	action := map[bool]string{true: "question.archived", false: "question.restored"}[archive]
	return func(c *gin.Context) {
		id, err := httpx.PathID(c, "id")
		if httpx.Fail(c, err) {
			return
		}
		ctx := c.Request.Context()
		var d Detail
		err = db.WithTx(ctx, h.db, func(tx *sqlx.Tx) error {
			_, before, err := editable(ctx, tx, id)
			if err != nil || before.Archived == archive {
				d = before
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE questions SET archived_at = CASE WHEN $2 THEN now() END, updated_at = now()
				WHERE id = $1`, id, archive); err != nil {
				return err
			}
			if d, err = getQuestion(ctx, tx, id); err != nil {
				return err
			}
			return audit.Write(ctx, tx, h.actor(c), questionEntry(action, &before, &d))
		})
		if httpx.Fail(c, err) {
			return
		}
		c.JSON(http.StatusOK, d)
	}
}

// editable locks question id for a change and reads it; a question of the
// course files changes only there.
func editable(ctx context.Context, tx *sqlx.Tx, id int64) (latest, Detail, error) {
	var r struct {
		latest
		FromFiles bool `db:"from_files"`
	}
	err := tx.GetContext(ctx, &r, `SELECT q.id, q.latest_version, v.content_hash, q.source_key IS NOT NULL OR c.source = 'files' AS from_files
		FROM questions q JOIN question_categories c ON c.id = q.category_id
		JOIN question_versions v ON v.question_id = q.id AND v.version = q.latest_version
		WHERE q.id = $1 FOR UPDATE OF q`, id)
	if err != nil {
		return latest{}, Detail{}, err
	}
	if r.FromFiles {
		return latest{}, Detail{}, errFilesQuestion
	}
	d, err := getQuestion(ctx, tx, id)
	return r.latest, d, err
}

// versionFiles reads the pictures of a version, which a new version made in
// the editor keeps.
func versionFiles(ctx context.Context, q sqlx.QueryerContext, id int64, version int) ([]qformat.File, error) {
	var files []qformat.File
	err := sqlx.SelectContext(ctx, q, &files, `SELECT f.name AS "name", f.data AS "data" FROM question_files f
		JOIN question_versions v ON v.id = f.version_id WHERE v.question_id = $1 AND v.version = $2 ORDER BY f.name`, id, version)
	return files, err
}

// questionEntry is the audit record of a change: where the question is, what
// it is called, which version is current.
func questionEntry(action string, before, after *Detail) audit.Entry {
	state := func(d *Detail) any {
		if d == nil {
			return nil
		}
		return map[string]any{"category_id": d.CategoryID, "name": d.Name, "type": d.Type, "version": d.Version, "archived": d.Archived}
	}
	return audit.Entry{Action: action, EntityType: "question", EntityID: strconv.FormatInt(after.ID, 10), Before: state(before), After: state(after)}
}

// QuestionPreview is a question as a learner will see it (View: no
// weights, no feedback), and beside it what only the trainer sees: the
// general feedback and the feedback of each answer as safe HTML, and what
// saving would refuse.
type QuestionPreview struct {
	View            quiz.View         `json:"view"`
	GeneralFeedback string            `json:"general_feedback"`
	Feedback        []string          `json:"feedback"`
	Fields          map[string]string `json:"fields"`
}

func (h *Handler) previewQuestion(c *gin.Context) {
	var in Content
	if httpx.Fail(c, httpx.BindJSON(c, &in)) {
		return
	}
	f := errs.Fields{}
	q := in.question(f)
	for _, k := range []string{"type", "format"} {
		if code, ok := f[k]; ok {
			httpx.WriteError(c, invalid(errs.Fields{k: code}))
			return
		}
	}
	r := quiz.Render(q)
	p := QuestionPreview{View: quiz.Present(r, quiz.NewLayout(r, nil)), GeneralFeedback: r.GeneralFeedback,
		Feedback: make([]string, len(r.Answers)), Fields: f}
	for i, a := range r.Answers {
		p.Feedback[i] = a.Feedback
	}
	c.JSON(http.StatusOK, p)
}
