package org

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/gin-gonic/gin"
	"github.com/jmoiron/sqlx"

	"github.com/govtrain/lms/api/audit"
	"github.com/govtrain/lms/api/auth"
	"github.com/govtrain/lms/api/platform/errs"
	"github.com/govtrain/lms/api/platform/httpx"
)

// maxRunningImports bounds the import transactions one process runs at once;
// later ones wait as "queued".
const maxRunningImports = 2

// Importer imports and exports people as CSV or XLSX. An import is checked
// while the client waits (preview, or refusal of a file with errors) and
// written by a background job whose row in the imports table is its only
// state, so any lms process can report on it.
type Importer struct {
	db       *sqlx.DB
	maxBytes int64
	slots    chan struct{}

	mu     sync.Mutex
	closed bool
	jobs   sync.WaitGroup
}

// NewImporter returns an Importer refusing files over maxBytes.
func NewImporter(d *sqlx.DB, maxBytes int64) *Importer {
	return &Importer{db: d, maxBytes: maxBytes, slots: make(chan struct{}, maxRunningImports)}
}

// Register adds the import and export routes to rg, which already
// authenticates; actor tells who makes a change.
func (im *Importer) Register(rg *gin.RouterGroup, actor func(*gin.Context) audit.Actor) {
	rg.GET("/people/export", auth.Require(auth.PeopleList), im.export)
	rg.GET("/people/import/template", auth.Require(auth.PeopleWrite), im.template)
	rg.POST("/people/import/preview", auth.Require(auth.PeopleWrite), im.preview)
	rg.POST("/people/imports", auth.Require(auth.PeopleWrite), im.create(actor))
	rg.GET("/people/imports/:id", auth.Require(auth.PeopleWrite), im.get)
}

// Close refuses new imports and waits for running ones.
func (im *Importer) Close() {
	im.mu.Lock()
	im.closed = true
	im.mu.Unlock()
	im.jobs.Wait()
}

func (im *Importer) preview(c *gin.Context) {
	up, err := im.upload(c)
	if httpx.Fail(c, err) {
		return
	}
	p, _, err := im.check(c, up)
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusOK, p)
}

func (im *Importer) create(actor func(*gin.Context) audit.Actor) gin.HandlerFunc {
	return func(c *gin.Context) {
		up, err := im.upload(c)
		if httpx.Fail(c, err) {
			return
		}
		mode := up.fields["mode"]
		if mode == "" {
			mode = "all"
		}
		if mode != "all" && mode != "valid_only" {
			httpx.Fail(c, errs.Fields{"mode": "invalid"}.Err())
			return
		}
		p, rows, err := im.check(c, up)
		if httpx.Fail(c, err) {
			return
		}
		if mode == "all" && p.Invalid > 0 {
			httpx.Fail(c, errs.New(errs.Unprocessable, "import_has_errors",
				strconv.Itoa(p.Invalid)+" rows have errors; correct them, or import only the valid rows").With("preview", p))
			return
		}
		if p.Valid == 0 {
			httpx.Fail(c, errs.New(errs.Unprocessable, "import_empty", "the file has no valid row to import").With("preview", p))
			return
		}
		out, err := im.start(c.Request.Context(), auth.MustFrom(c), actor(c), up.name, mode, rows)
		if httpx.Fail(c, err) {
			return
		}
		c.JSON(http.StatusAccepted, out)
	}
}

func (im *Importer) get(c *gin.Context) {
	id, err := httpx.PathID(c, "id")
	if httpx.Fail(c, err) {
		return
	}
	p := auth.MustFrom(c)
	owner := p.UserID
	if p.Scope().All {
		owner = 0
	}
	out, err := getImport(c.Request.Context(), im.db, id, owner)
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusOK, out)
}

// check parses an upload and checks its rows against the database in the
// caller's scope.
func (im *Importer) check(c *gin.Context, up upload) (Preview, []checkedRow, error) {
	pf, err := parsePeople(up.name, up.data)
	if err != nil {
		return Preview{}, nil, err
	}
	rows, err := checkRows(c.Request.Context(), im.db, auth.MustFrom(c).Scope(), pf.rows, false)
	if err != nil {
		return Preview{}, nil, err
	}
	return newPreview(up.name, pf, rows), rows, nil
}

// start records an accepted import and runs it in the background.
func (im *Importer) start(ctx context.Context, p auth.Principal, actor audit.Actor, name, mode string, rows []checkedRow) (Import, error) {
	im.mu.Lock()
	if im.closed {
		im.mu.Unlock()
		return Import{}, errs.New(errs.Unavailable, "shutting_down", "the server is restarting; try again in a minute")
	}
	im.jobs.Add(1)
	im.mu.Unlock()
	s := p.Scope()
	var agency *int64 // the agency an agency manager imports into, for the records
	if s.AgencyID > 0 {
		agency = &s.AgencyID
	}
	report := reportOf(rows)
	out, err := insertImport(ctx, im.db, Import{UserID: p.UserID, Filename: name, Mode: mode, Total: len(rows),
		Skipped: len(report), Report: report}, agency)
	if err != nil {
		im.jobs.Done()
		return Import{}, err
	}
	parsed := make([]personRow, len(rows))
	for i, r := range rows {
		parsed[i] = r.personRow
	}
	go im.run(importJob{id: out.ID, scope: s, actor: actor, agencyID: agency, filename: name, mode: mode, rows: parsed})
	return out, nil
}

// upload is a file sent as multipart/form-data, with the other fields.
type upload struct {
	name   string
	data   []byte
	fields map[string]string
}

// upload reads the multipart body as a stream, holding at most maxBytes of
// the file and refusing more with 413 before anything is parsed.
func (im *Importer) upload(c *gin.Context) (upload, error) {
	mr, err := c.Request.MultipartReader()
	if err != nil {
		return upload{}, errs.New(errs.Unsupported, "unsupported_media_type", `send the file as multipart/form-data in the field "file"`)
	}
	up := upload{fields: map[string]string{}}
	found := false
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return upload{}, im.uploadError(err)
		}
		switch name := part.FormName(); {
		case name == "file" && !found:
			found = true
			up.name = truncate(strings.Map(dropControl, part.FileName()), 200)
			up.data, err = io.ReadAll(io.LimitReader(part, im.maxBytes+1))
			if err == nil && int64(len(up.data)) > im.maxBytes {
				err = &http.MaxBytesError{Limit: im.maxBytes}
			}
		case name != "":
			var b []byte
			b, err = io.ReadAll(io.LimitReader(part, 1000))
			up.fields[name] = string(b)
		}
		part.Close()
		if err != nil {
			return upload{}, im.uploadError(err)
		}
	}
	if !found {
		return upload{}, errs.Fields{"file": "required"}.Err()
	}
	return up, nil
}

func (im *Importer) uploadError(err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return errs.New(errs.TooLarge, "too_large", "the file is larger than "+strconv.FormatInt(im.maxBytes, 10)+
			" bytes; split it into smaller files").With("max_bytes", im.maxBytes)
	}
	return errs.New(errs.Invalid, "bad_request", "the multipart body could not be read")
}

func dropControl(r rune) rune {
	if r < ' ' || r == 0x7f {
		return -1
	}
	return r
}
