package bank

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/jmoiron/sqlx"

	"github.com/govtrain/lms/api/audit"
	"github.com/govtrain/lms/api/auth"
	"github.com/govtrain/lms/api/platform/db"
	"github.com/govtrain/lms/api/platform/errs"
	"github.com/govtrain/lms/api/platform/httpx"
	"github.com/govtrain/lms/api/platform/richtext"
	"github.com/govtrain/lms/api/qformat"
)

// Handler serves the question bank to trainers and admins.
type Handler struct {
	db       *sqlx.DB
	actor    func(*gin.Context) audit.Actor
	maxBytes int64
}

// NewHandler returns a Handler; uploads are capped at maxBytes.
func NewHandler(d *sqlx.DB, actor func(*gin.Context) audit.Actor, maxBytes int64) *Handler {
	return &Handler{db: d, actor: actor, maxBytes: maxBytes}
}

// Register adds the routes to rg (signed in).
func (h *Handler) Register(rg *gin.RouterGroup) {
	g := rg.Group("", auth.Require(auth.QuestionsManage))
	g.GET("/question-categories", h.categories)
	g.POST("/question-categories", h.createCategory)
	g.GET("/questions", h.list)
	g.GET("/questions/export", h.export)
	g.POST("/questions/import/preview", h.preview)
	g.POST("/questions/import", h.importFile)
	g.GET("/questions/:id", h.get)
	g.POST("/questions", h.create)
	g.POST("/questions/preview", h.previewQuestion)
	g.PUT("/questions/:id", h.update)
	g.POST("/questions/:id/archive", h.setArchived(true))
	g.POST("/questions/:id/restore", h.setArchived(false))
}

func (h *Handler) categories(c *gin.Context) {
	items, err := listCategories(c.Request.Context(), h.db)
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": items})
}

type categoryRequest struct {
	ParentID *int64 `json:"parent_id"`
	Name     string `json:"name"`
}

func (h *Handler) createCategory(c *gin.Context) {
	var req categoryRequest
	if httpx.Fail(c, httpx.BindJSON(c, &req)) {
		return
	}
	req.Name = strings.TrimSpace(req.Name)
	switch {
	case req.Name == "":
		httpx.WriteError(c, errs.Fields{"name": "required"}.Err())
		return
	case len([]rune(req.Name)) > 200 || strings.Contains(req.Name, "/"):
		httpx.WriteError(c, errs.Fields{"name": "invalid"}.Err())
		return
	}
	ctx := c.Request.Context()
	var row CategoryRow
	err := db.WithTx(ctx, h.db, func(tx *sqlx.Tx) error {
		var id int64
		err := tx.GetContext(ctx, &id, `INSERT INTO question_categories (parent_id, name, created_by) VALUES ($1, $2, $3) RETURNING id`,
			req.ParentID, req.Name, auth.MustFrom(c).UserID)
		if err != nil {
			if e, ok := errs.As(db.MapError(err)); ok && e.Code == "invalid_reference" {
				return errs.Fields{"parent_id": "not_found"}.Err()
			}
			return err
		}
		return tx.GetContext(ctx, &row, `SELECT id, parent_id, name, source, NULL::text AS course_slug, 0 AS question_count
			FROM question_categories WHERE id = $1`, id)
	})
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusCreated, row)
}

var types = []string{"single_choice", "multiple_choice", "true_false", "short_answer", "numerical", "matching", "essay", "description"}

func (h *Handler) list(c *gin.Context) {
	page, err := httpx.ParsePage(c)
	if httpx.Fail(c, err) {
		return
	}
	fields := errs.Fields{}
	f := Filter{Q: c.Query("q"), Type: c.Query("type"), IncludeSub: c.DefaultQuery("include_sub", "true") != "false",
		Archived: c.Query("archived") == "true"}
	if v := c.Query("category_id"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			fields.Add("category_id", "invalid")
		}
		f.CategoryID = id
	}
	if f.Type != "" && !slices.Contains(types, f.Type) {
		fields.Add("type", "invalid")
	}
	if httpx.Fail(c, fields.Err()) {
		return
	}
	items, total, err := listQuestions(c.Request.Context(), h.db, f, page.Size, page.Offset())
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusOK, httpx.NewList(items, total, page))
}

func (h *Handler) get(c *gin.Context) {
	id, err := httpx.PathID(c, "id")
	if httpx.Fail(c, err) {
		return
	}
	d, err := getQuestion(c.Request.Context(), h.db, id)
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusOK, d)
}

// upload reads the multipart file and the format field.
func (h *Handler) upload(c *gin.Context) (string, string, []byte, error) {
	if c.ContentType() != "multipart/form-data" {
		return "", "", nil, errs.New(errs.Unsupported, "unsupported_media_type", "send the file as multipart/form-data")
	}
	fh, err := c.FormFile("file")
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return "", "", nil, errs.New(errs.TooLarge, "too_large", "the file is too large")
	case err != nil:
		return "", "", nil, errs.New(errs.Invalid, "no_file", "send the file as the multipart field \"file\"")
	}
	if fh.Size > h.maxBytes {
		return "", "", nil, errs.New(errs.TooLarge, "too_large", "the file is too large")
	}
	format := c.PostForm("format")
	if format != "" && !slices.Contains(Formats, format) {
		return "", "", nil, errs.Fields{"format": "invalid"}.Err()
	}
	f, err := fh.Open()
	if err != nil {
		return "", "", nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, h.maxBytes+1))
	return fh.Filename, format, data, err
}

// PreviewQuestion is a parsed question in a preview.
type PreviewQuestion struct {
	Line     int    `json:"line"`
	Name     string `json:"name"`
	Category string `json:"category"`
	Type     string `json:"type"`
	Text     string `json:"text"`
}

// Problem is a problem of an uploaded file at a line or row (0: the file).
type Problem struct {
	Line    int    `json:"line"`
	Message string `json:"message"`
}

// Preview is what an import would do.
type Preview struct {
	Filename  string            `json:"filename"`
	Format    string            `json:"format"`
	Total     int               `json:"total"`
	Questions []PreviewQuestion `json:"questions"`
	Problems  []Problem         `json:"problems"`
}

func (h *Handler) parse(c *gin.Context) (Preview, []qformat.Question, error) {
	name, format, data, err := h.upload(c)
	if err != nil {
		return Preview{}, nil, err
	}
	format, qs, probs, err := Parse(name, format, data)
	if err != nil {
		return Preview{}, nil, err
	}
	p := Preview{Filename: name, Format: format, Total: len(qs), Questions: []PreviewQuestion{}, Problems: []Problem{}}
	for _, q := range qs {
		p.Questions = append(p.Questions, PreviewQuestion{Line: q.Line, Name: q.Name, Category: q.Category, Type: string(q.Type), Text: richtext.Excerpt(q.Text, 200)})
	}
	for _, pr := range probs {
		p.Problems = append(p.Problems, Problem{Line: pr.Line, Message: pr.Msg})
	}
	return p, qs, nil
}

func (h *Handler) preview(c *gin.Context) {
	p, _, err := h.parse(c)
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusOK, p)
}

// ImportResult is what an import wrote.
type ImportResult struct {
	Created           int `json:"created"`
	CategoriesCreated int `json:"categories_created"`
}

// importFile writes a whole file or nothing: any problem refuses it.
func (h *Handler) importFile(c *gin.Context) {
	p, qs, err := h.parse(c) // first, so that size and type problems answer as such
	if httpx.Fail(c, err) {
		return
	}
	category, err := strconv.ParseInt(c.PostForm("category_id"), 10, 64)
	if err != nil || category <= 0 {
		httpx.WriteError(c, errs.Fields{"category_id": "required"}.Err())
		return
	}
	if len(p.Problems) > 0 {
		httpx.WriteError(c, errs.New(errs.Unprocessable, "import_has_errors", "the file has problems; nothing was imported").With("preview", p))
		return
	}
	if !slices.ContainsFunc(qs, func(q qformat.Question) bool { return q.Type != qformat.Description }) {
		httpx.WriteError(c, errs.New(errs.Unprocessable, "import_empty", "the file holds no question"))
		return
	}
	ctx := c.Request.Context()
	var res ImportResult
	err = db.WithTx(ctx, h.db, func(tx *sqlx.Tx) error {
		if err := checkCategory(ctx, tx, category, true); err != nil {
			return err
		}
		uid := auth.MustFrom(c).UserID
		n, cats, err := Import(ctx, tx, category, qs, &uid)
		if err != nil {
			return err
		}
		res = ImportResult{Created: n.Created, CategoriesCreated: cats}
		return audit.Write(ctx, tx, h.actor(c), audit.Entry{Action: "questions.imported", EntityType: "question_category",
			EntityID: strconv.FormatInt(category, 10), After: map[string]any{"filename": p.Filename, "format": p.Format, "result": res}})
	})
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusCreated, res)
}

var exporters = map[string]struct {
	ext, contentType string
	write            func(io.Writer, []qformat.Question) error
}{
	"gift":      {".gift", "text/plain; charset=utf-8", qformat.WriteGIFT},
	"moodlexml": {".xml", "application/xml", qformat.WriteMoodleXML},
	"csv":       {".csv", "text/csv; charset=utf-8", qformat.WriteCSV},
	"xlsx":      {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", qformat.WriteXLSX},
}

func (h *Handler) export(c *gin.Context) {
	format := c.DefaultQuery("format", "gift")
	ex, ok := exporters[format]
	category, err := strconv.ParseInt(c.Query("category_id"), 10, 64)
	fields := errs.Fields{}
	if !ok {
		fields.Add("format", "invalid")
	}
	if err != nil || category <= 0 {
		fields.Add("category_id", "required")
	}
	if httpx.Fail(c, fields.Err()) {
		return
	}
	if httpx.Fail(c, checkCategory(c.Request.Context(), h.db, category, false)) {
		return
	}
	qs, err := Export(c.Request.Context(), h.db, category)
	if httpx.Fail(c, err) {
		return
	}
	var buf bytes.Buffer
	if httpx.Fail(c, ex.write(&buf, qs)) {
		return
	}
	httpx.Attachment(c, "cau-hoi-"+time.Now().Format("20060102")+ex.ext, ex.contentType, buf.Bytes())
}

// checkCategory refuses a category that does not exist, and, to write into,
// one that mirrors a course's files (those change only through the files).
func checkCategory(ctx context.Context, q sqlx.QueryerContext, id int64, write bool) error {
	var source string
	err := sqlx.GetContext(ctx, q, &source, `SELECT source FROM question_categories WHERE id = $1`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return errs.Fields{"category_id": "not_found"}.Err()
	}
	if err != nil {
		return err
	}
	if write && source == "files" {
		return errs.New(errs.Conflict, "managed_by_files", "this category holds a course's bank from the courses/ folder; import into another category")
	}
	return nil
}
