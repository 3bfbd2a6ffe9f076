// Package bank stores questions: nested categories, questions and their
// immutable versions. Every importer (the course files' GIFT banks now; the
// trainers' GIFT, Aiken, Moodle XML and spreadsheets next) parses with
// package qformat and writes through Save, so there is one way a question
// gets into the bank.
package bank

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/govtrain/lms/api/platform/db"
	"github.com/govtrain/lms/api/platform/richtext"
	"github.com/govtrain/lms/api/platform/vn"
	"github.com/govtrain/lms/api/qformat"
)

// Category finds or creates the category name under parent (nil: a root)
// and says whether it created it.
func Category(ctx context.Context, tx *sqlx.Tx, parent *int64, name, source string, courseID *int64) (int64, bool, error) {
	var r struct {
		ID      int64 `db:"id"`
		Created bool  `db:"created"`
	}
	err := tx.GetContext(ctx, &r, `
		INSERT INTO question_categories (parent_id, name, source, course_id) VALUES ($1, $2, $3, $4)
		ON CONFLICT (parent_id, name) DO UPDATE SET course_id = COALESCE(EXCLUDED.course_id, question_categories.course_id)
		RETURNING id, xmax = 0 AS created`, parent, name, source, courseID)
	return r.ID, r.Created, err
}

// Counts says what a Save did.
type Counts struct {
	Created, Versioned, Unchanged int
}

// body is what a version stores of a question: everything but where it was
// read from, its category and its pictures (stored apart).
func body(q qformat.Question) ([]byte, string, error) {
	files := q.Files
	q.Line, q.Category, q.Files = 0, "", nil
	b, err := json.Marshal(q)
	if err != nil {
		return nil, "", err
	}
	h := sha256.New()
	h.Write(b)
	for _, f := range files {
		h.Write([]byte(f.Name))
		h.Write(f.Data)
	}
	return b, hex.EncodeToString(h.Sum(nil)), nil
}

// Save writes questions into category through tx. With keyPrefix, each
// question is identified by keyPrefix + its name (questions from files): one
// already there gets a new version only when its content changed. Without,
// every question is new.
func Save(ctx context.Context, tx *sqlx.Tx, category int64, keyPrefix string, qs []qformat.Question, by *int64) (Counts, error) {
	var c Counts
	for _, q := range qs {
		var key *string
		var cur latest
		if keyPrefix != "" {
			k := keyPrefix + nameOf(q)
			key = &k
			err := tx.GetContext(ctx, &cur, `SELECT q.id, q.latest_version, v.content_hash FROM questions q
				JOIN question_versions v ON v.question_id = q.id AND v.version = q.latest_version
				WHERE q.source_key = $1 FOR UPDATE OF q`, k)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return c, err
			}
		}
		_, did, err := put(ctx, tx, cur, category, key, q, by)
		if err != nil {
			return c, err
		}
		switch did {
		case created:
			c.Created++
		case versioned:
			c.Versioned++
		default:
			c.Unchanged++
		}
	}
	return c, nil
}

// latest is the latest version of a stored question; ID 0 is none yet.
type latest struct {
	ID      int64  `db:"id"`
	Version int    `db:"latest_version"`
	Hash    string `db:"content_hash"`
}

// outcome says what put did.
type outcome int

const (
	unchanged outcome = iota
	created
	versioned
)

// put is the one way a question's content gets into the bank, for the
// importers and the editor alike. It writes q into category as question cur
// (cur.ID 0: a new question, with source key key): the question, or version
// cur.Version+1 when q's content differs from the latest, or nothing. A
// question from files that changes is live again (it is back in its file);
// one made in the app keeps its archived state.
func put(ctx context.Context, tx *sqlx.Tx, cur latest, category int64, key *string, q qformat.Question, by *int64) (latest, outcome, error) {
	b, hash, err := body(q)
	if err != nil {
		return cur, unchanged, err
	}
	name := nameOf(q)
	search := vn.SearchText(name, richtext.Excerpt(q.Text, 500))
	did := versioned
	switch {
	case cur.ID == 0:
		err = tx.GetContext(ctx, &cur.ID, `INSERT INTO questions (category_id, name, source_key, tags, search_text, created_by)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, category, name, key, pq.Array(tagsOf(q)), search, by)
		cur.Version, did = 1, created
	case cur.Hash != hash:
		cur.Version++
		_, err = tx.ExecContext(ctx, `UPDATE questions SET latest_version = $2, category_id = $3, name = $4, tags = $5, search_text = $6,
			archived_at = CASE WHEN source_key IS NULL THEN archived_at END, updated_at = now() WHERE id = $1`,
			cur.ID, cur.Version, category, name, pq.Array(tagsOf(q)), search)
	default:
		return cur, unchanged, nil
	}
	if err != nil {
		return cur, did, err
	}
	cur.Hash = hash
	mark := q.Mark
	if mark <= 0 {
		mark = 1
	}
	var vid int64
	err = tx.GetContext(ctx, &vid, `INSERT INTO question_versions
		(question_id, version, type, format, text, general_feedback, body, default_mark, content_hash, created_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
		cur.ID, cur.Version, q.Type, formatOf(q), q.Text, q.GeneralFeedback, b, mark, hash, by)
	if err != nil {
		return cur, did, err
	}
	for _, f := range q.Files {
		if _, err := tx.ExecContext(ctx, `INSERT INTO question_files (version_id, name, content_type, data) VALUES ($1, $2, $3, $4)`,
			vid, f.Name, http.DetectContentType(f.Data), f.Data); err != nil {
			return cur, did, err
		}
	}
	return cur, did, nil
}

// nameOf is the name a question is listed by: its own, or the start of its text.
func nameOf(q qformat.Question) string {
	if q.Name != "" {
		return q.Name
	}
	return richtext.Excerpt(q.Text, 80)
}

// ArchiveMissing archives the questions under keyPrefix that are not in
// keep (removed from their file): attempts keep their versions, new quizzes
// no longer draw them.
func ArchiveMissing(ctx context.Context, tx *sqlx.Tx, keyPrefix string, keep []string) (int64, error) {
	res, err := tx.ExecContext(ctx, `UPDATE questions SET archived_at = now()
		WHERE source_key LIKE $1 AND archived_at IS NULL AND NOT (source_key = ANY($2))`,
		db.EscapeLike(keyPrefix)+"%", pq.Array(keep))
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

func formatOf(q qformat.Question) string {
	if q.Format == "" {
		return qformat.FormatMoodle
	}
	return q.Format
}

func tagsOf(q qformat.Question) []string {
	if q.Tags == nil {
		return []string{}
	}
	return q.Tags
}
