package org

import (
	"context"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"time"

	"github.com/jmoiron/sqlx"
)

// Import is a people import job as the API returns it.
type Import struct {
	ID         int64        `db:"id" json:"id"`
	UserID     int64        `db:"user_id" json:"-"`
	Filename   string       `db:"filename" json:"filename"`
	Mode       string       `db:"mode" json:"mode"`
	Status     string       `db:"status" json:"status"` // queued, running, done, failed
	Total      int          `db:"total" json:"total"`
	Processed  int          `db:"processed" json:"processed"`
	Created    int          `db:"created" json:"created"`
	Updated    int          `db:"updated" json:"updated"`
	Unchanged  int          `db:"-" json:"unchanged"` // rows matching a person that already had those values
	Skipped    int          `db:"skipped" json:"skipped"`
	Error      string       `db:"error" json:"error"`
	Report     ImportReport `db:"report" json:"report"`
	CreatedAt  time.Time    `db:"created_at" json:"created_at"`
	FinishedAt *time.Time   `db:"finished_at" json:"finished_at"`
}

// ReportRow is a row an import did not write, and why.
type ReportRow struct {
	Row    int        `json:"row"`
	Code   string     `json:"code"`
	Errors []RowError `json:"errors"`
}

// ImportReport is the jsonb list of rows not written.
type ImportReport []ReportRow

// Scan reads jsonb.
func (r *ImportReport) Scan(v any) error {
	b, ok := v.([]byte)
	if !ok {
		if s, isStr := v.(string); isStr {
			b, ok = []byte(s), true
		}
	}
	if !ok {
		return errors.New("org: import report is not jsonb")
	}
	*r = ImportReport{}
	return json.Unmarshal(b, r)
}

// Value writes jsonb.
func (r ImportReport) Value() (driver.Value, error) {
	if r == nil {
		return "[]", nil
	}
	b, err := json.Marshal(r)
	return string(b), err
}

// reportOf lists the rows with errors.
func reportOf(rows []checkedRow) ImportReport {
	rep := ImportReport{}
	for _, r := range rows {
		if len(r.errors) > 0 {
			rep = append(rep, ReportRow{Row: r.num, Code: r.in.Code, Errors: r.errors})
		}
	}
	return rep
}

const importColumns = `id, user_id, filename, mode, status, total, processed, created, updated, skipped, error, report, created_at, finished_at`

func insertImport(ctx context.Context, q sqlx.QueryerContext, im Import, agencyID *int64) (Import, error) {
	var out Import
	err := sqlx.GetContext(ctx, q, &out, `
		INSERT INTO imports (kind, user_id, agency_id, filename, mode, status, total, skipped, report)
		VALUES ('people', $1, $2, $3, $4, 'queued', $5, $6, $7)
		RETURNING `+importColumns,
		im.UserID, agencyID, im.Filename, im.Mode, im.Total, im.Skipped, im.Report)
	return out, err
}

// getImport returns a people import; with userID > 0 only one that user started.
func getImport(ctx context.Context, q sqlx.QueryerContext, id, userID int64) (Import, error) {
	var im Import
	err := sqlx.GetContext(ctx, q, &im, `SELECT `+importColumns+` FROM imports
		WHERE id = $1 AND kind = 'people' AND ($2 = 0 OR user_id = $2)`, id, userID)
	if im.Status == "done" {
		im.Unchanged = im.Total - im.Created - im.Updated - im.Skipped
	}
	return im, err
}

func setImportRunning(ctx context.Context, e sqlx.ExecerContext, id int64) error {
	_, err := e.ExecContext(ctx, `UPDATE imports SET status = 'running' WHERE id = $1`, id)
	return err
}

func setImportProgress(ctx context.Context, e sqlx.ExecerContext, id int64, processed int) error {
	_, err := e.ExecContext(ctx, `UPDATE imports SET processed = $2 WHERE id = $1`, id, processed)
	return err
}

func finishImport(ctx context.Context, e sqlx.ExecerContext, im Import) error {
	_, err := e.ExecContext(ctx, `
		UPDATE imports SET status = 'done', processed = total, created = $2, updated = $3, skipped = $4, report = $5,
		       finished_at = now()
		WHERE id = $1`, im.ID, im.Created, im.Updated, im.Skipped, im.Report)
	return err
}

// failImport marks an import failed; a nil report keeps the one stored.
func failImport(ctx context.Context, e sqlx.ExecerContext, id int64, msg string, report ImportReport) error {
	var rep any
	if report != nil {
		rep = report
	}
	_, err := e.ExecContext(ctx, `
		UPDATE imports SET status = 'failed', error = $2, report = COALESCE($3::jsonb, report), created = 0, updated = 0,
		       finished_at = now()
		WHERE id = $1`, id, msg, rep)
	return err
}

// FailStaleImports marks as failed the imports that were queued or running
// for longer than any job may run: their process stopped (a crash, a deploy)
// and their transaction was rolled back, so nothing of them was written.
func FailStaleImports(ctx context.Context, e sqlx.ExecerContext) (int64, error) {
	res, err := e.ExecContext(ctx, `
		UPDATE imports SET status = 'failed', finished_at = now(),
		       error = 'the server stopped during the import; nothing was imported'
		WHERE status IN ('queued', 'running') AND created_at < now() - $1 * interval '1 second'`,
		(jobTimeout + time.Minute).Seconds())
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
