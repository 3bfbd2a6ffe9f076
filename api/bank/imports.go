package bank

import (
	"bytes"
	"context"
	"encoding/json"
	"path"
	"strings"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/govtrain/lms/api/platform/errs"
	"github.com/govtrain/lms/api/qformat"
)

// Formats a bank can be imported from.
var Formats = []string{"gift", "aiken", "moodlexml", "csv", "xlsx"}

// Parse reads an uploaded file in format (empty: guessed from the file name
// and content).
func Parse(filename, format string, data []byte) (string, []qformat.Question, []qformat.Problem, error) {
	if format == "" {
		format = guessFormat(filename, data)
	}
	lim := qformat.Limits{}
	var qs []qformat.Question
	var probs []qformat.Problem
	switch format {
	case "gift":
		qs, probs = qformat.ParseGIFT(string(data))
	case "aiken":
		qs, probs = qformat.ParseAiken(string(data))
	case "moodlexml":
		qs, probs = qformat.ParseMoodleXML(bytes.NewReader(data), lim)
	case "csv":
		qs, probs = qformat.ParseCSV(bytes.NewReader(data), lim)
	case "xlsx":
		qs, probs = qformat.ParseXLSX(data, lim)
	default:
		return "", nil, nil, errs.New(errs.Unsupported, "unsupported_file",
			"send a GIFT (.gift, .txt), Aiken (.txt), Moodle XML (.xml), CSV or XLSX file, or say format=")
	}
	return format, qs, probs, nil
}

func guessFormat(filename string, data []byte) string {
	switch strings.ToLower(path.Ext(filename)) {
	case ".gift":
		return "gift"
	case ".xml":
		return "moodlexml"
	case ".csv":
		return "csv"
	case ".xlsx":
		return "xlsx"
	case ".txt":
		// Aiken files are options A. B. ... and ANSWER: lines, never braces.
		if bytes.Contains(data, []byte("ANSWER:")) && !bytes.Contains(data, []byte("{")) {
			return "aiken"
		}
		return "gift"
	}
	return ""
}

// Import writes qs under category, creating the sub-categories their
// $CATEGORY names ("a/b") ask for, in tx. It is all or nothing: the caller
// refuses files with problems before.
func Import(ctx context.Context, tx *sqlx.Tx, category int64, qs []qformat.Question, by *int64) (Counts, int, error) {
	var total Counts
	cats := map[string]int64{"": category}
	created := 0
	for _, q := range qs {
		if q.Type == qformat.Description {
			continue
		}
		key := strings.Trim(q.Category, "/")
		id, ok := cats[key]
		if !ok {
			parent := category
			for _, part := range strings.Split(key, "/") {
				part = strings.TrimSpace(part)
				if part == "" {
					continue
				}
				next, isNew, err := Category(ctx, tx, &parent, part, "app", nil)
				if err != nil {
					return total, created, err
				}
				if isNew {
					created++
				}
				parent = next
			}
			cats[key], id = parent, parent
		}
		n, err := Save(ctx, tx, id, "", []qformat.Question{q}, by)
		if err != nil {
			return total, created, err
		}
		total.Created += n.Created
	}
	return total, created, nil
}

// Export reads the latest version of every live question under category
// (and its sub-categories) back into the interchange model, with category
// paths relative to it.
func Export(ctx context.Context, q sqlx.QueryerContext, category int64) ([]qformat.Question, error) {
	var rows []struct {
		VersionID int64  `db:"version_id"`
		Path      string `db:"path"`
		Body      []byte `db:"body"`
	}
	err := sqlx.SelectContext(ctx, q, &rows, `
		WITH RECURSIVE sub AS (
			SELECT id, ''::text AS path FROM question_categories WHERE id = $1
			UNION ALL SELECT c.id, CASE WHEN sub.path = '' THEN c.name ELSE sub.path || '/' || c.name END
			FROM question_categories c JOIN sub ON c.parent_id = sub.id)
		SELECT v.id AS version_id, sub.path, v.body
		FROM questions q JOIN sub ON sub.id = q.category_id
		JOIN question_versions v ON v.question_id = q.id AND v.version = q.latest_version
		WHERE q.archived_at IS NULL ORDER BY sub.path, q.name, q.id`, category)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.VersionID
	}
	var files []struct {
		VersionID int64  `db:"version_id"`
		Name      string `db:"name"`
		Data      []byte `db:"data"`
	}
	if err := sqlx.SelectContext(ctx, q, &files, `SELECT version_id, name, data FROM question_files
		WHERE version_id = ANY($1) ORDER BY version_id, name`, pq.Array(ids)); err != nil {
		return nil, err
	}
	byVersion := map[int64][]qformat.File{}
	for _, f := range files {
		byVersion[f.VersionID] = append(byVersion[f.VersionID], qformat.File{Name: f.Name, Data: f.Data})
	}
	out := make([]qformat.Question, 0, len(rows))
	for _, r := range rows {
		var qq qformat.Question
		if err := json.Unmarshal(r.Body, &qq); err != nil {
			return nil, err
		}
		qq.Category, qq.Files = r.Path, byVersion[r.VersionID]
		out = append(out, qq)
	}
	return out, nil
}
