package org

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/govtrain/lms/api/audit"
	"github.com/govtrain/lms/api/auth"
	"github.com/govtrain/lms/api/platform/civil"
	"github.com/govtrain/lms/api/platform/db"
	"github.com/govtrain/lms/api/platform/errs"
)

const (
	jobTimeout    = 30 * time.Minute
	progressEvery = 100 // rows between progress updates
)

// importJob is the work of one accepted import.
type importJob struct {
	id       int64
	scope    auth.Scope
	actor    audit.Actor
	agencyID *int64 // the importer's agency, for the audit entry
	filename string
	mode     string
	rows     []personRow
}

// run executes j in the background: all rows in one transaction, so the
// import is written whole or not at all, with progress on the side.
func (im *Importer) run(j importJob) {
	defer im.jobs.Done()
	im.slots <- struct{}{} // queued until a slot is free
	defer func() { <-im.slots }()
	ctx, cancel := context.WithTimeout(context.Background(), jobTimeout)
	defer cancel()
	start := time.Now()
	res, err := im.safeWrite(ctx, j)
	if err == nil {
		slog.Info("people imported", "import_id", j.id, "rows", len(j.rows), "created", res.Created, "updated", res.Updated,
			"skipped", res.Skipped, "duration_ms", time.Since(start).Milliseconds())
		return
	}
	msg, report := failure(err)
	slog.Error("people import failed", "import_id", j.id, "err", err, "request_id", j.actor.RequestID)
	fctx, fcancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer fcancel()
	if err := failImport(fctx, im.db, j.id, msg, report); err != nil {
		slog.Error("marking import failed", "import_id", j.id, "err", err)
	}
}

// safeWrite is write with a panic turned into an error: a job has no
// request to fail, and must not take the process down with it.
func (im *Importer) safeWrite(ctx context.Context, j importJob) (res Import, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("import job panicked: %v", p)
		}
	}()
	return im.write(ctx, j)
}

// rowFailure is a row that stopped an import.
type rowFailure struct {
	row checkedRow
	err error // nil when the row itself is invalid
}

func (f *rowFailure) Error() string { return fmt.Sprintf("row %d: %v", f.row.num, f.err) }
func (f *rowFailure) Unwrap() error { return f.err }

// failure is what a client is told about err: row problems and typed errors
// in words, anything else (database text) only as "failed".
func failure(err error) (string, ImportReport) {
	var rf *rowFailure
	if !errors.As(err, &rf) {
		if errors.Is(err, context.DeadlineExceeded) {
			return "the import took longer than " + jobTimeout.String() + "; nothing was imported", nil
		}
		return "the import failed; nothing was imported", nil
	}
	rowErrs := rf.row.errors
	if rf.err != nil {
		e, ok := errs.As(db.MapError(rf.err))
		switch {
		case ok && e.Code == "already_exists":
			rowErrs = []RowError{{Field: "code", Code: "code_taken", Message: "another person took this code during the import"}}
		case ok && e.Code == "version_conflict":
			rowErrs = []RowError{{Field: "code", Code: "version_conflict", Message: e.Message}}
		case ok:
			rowErrs = []RowError{{Field: "", Code: e.Code, Message: e.Message}}
		default:
			return fmt.Sprintf("the import failed at row %d; nothing was imported", rf.row.num), nil
		}
	}
	msg := fmt.Sprintf("row %d could not be imported (it changed since the file was checked); nothing was imported", rf.row.num)
	return msg, ImportReport{{Row: rf.row.num, Code: rf.row.in.Code, Errors: rowErrs}}
}

// write checks the rows again inside the transaction, with the people they
// update locked, then writes them through the same store functions and
// audit entries as the API.
func (im *Importer) write(ctx context.Context, j importJob) (Import, error) {
	res := Import{ID: j.id, Report: ImportReport{}}
	if err := setImportRunning(ctx, im.db, j.id); err != nil {
		return res, err
	}
	err := db.WithTx(ctx, im.db, func(sqlTx *sqlx.Tx) error {
		tx := newPreparedTx(sqlTx)
		rows, err := checkRows(ctx, sqlTx, j.scope, j.rows, true)
		if err != nil {
			return err
		}
		for i, r := range rows {
			switch {
			case len(r.errors) > 0 && j.mode == "all":
				return &rowFailure{row: r}
			case len(r.errors) > 0:
				res.Skipped++
				res.Report = append(res.Report, ReportRow{Row: r.num, Code: r.in.Code, Errors: r.errors})
			default:
				if err := writeRow(ctx, tx, j.actor, r, &res); err != nil {
					return &rowFailure{row: r, err: err}
				}
			}
			if n := i + 1; n%progressEvery == 0 && n < len(rows) {
				// Another connection, so the progress is seen before the commit.
				if err := setImportProgress(ctx, im.db, j.id, n); err != nil {
					slog.Warn("import progress", "import_id", j.id, "err", err)
				}
			}
		}
		res.Total = len(rows)
		err = audit.Write(ctx, tx, j.actor, audit.Entry{Action: "people.imported", EntityType: "import",
			EntityID: strconv.FormatInt(j.id, 10), AgencyID: j.agencyID, After: map[string]any{
				"filename": j.filename, "mode": j.mode, "total": res.Total, "created": res.Created, "updated": res.Updated,
				"unchanged": res.Total - res.Created - res.Updated - res.Skipped, "skipped": res.Skipped}})
		if err != nil {
			return err
		}
		return finishImport(ctx, tx, res)
	})
	return res, err
}

// writeRow creates or updates one person; a row that matches the stored
// person exactly writes nothing (no new version, no audit entry).
func writeRow(ctx context.Context, tx *preparedTx, actor audit.Actor, r checkedRow, res *Import) error {
	all := auth.Scope{All: true} // the row was checked against the importer's scope
	if r.existing == nil {
		id, err := insertPerson(ctx, tx, r.input)
		if err != nil {
			return err
		}
		out, err := getPerson(ctx, tx, all, id, false)
		if err != nil {
			return err
		}
		res.Created++
		return audit.Write(ctx, tx, actor, personEntry("person.created", out, nil, &out))
	}
	if len(r.changes) == 0 {
		return nil
	}
	before := *r.existing
	var moved *civil.Date
	if r.input.AgencyID != before.AgencyID {
		today := civil.Today()
		moved = &today
	}
	ok, err := updatePerson(ctx, tx, before.ID, before.Version, r.input, moved)
	if err != nil {
		return err
	}
	if !ok {
		return errs.ErrVersion
	}
	out, err := getPerson(ctx, tx, all, before.ID, false)
	if err != nil {
		return err
	}
	res.Updated++
	return audit.Write(ctx, tx, actor, personEntry("person.updated", out, &before, &out))
}
