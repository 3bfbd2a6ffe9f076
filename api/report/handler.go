package report

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/govtrain/lms/api/audit"
	"github.com/govtrain/lms/api/auth"
	"github.com/govtrain/lms/api/platform/errs"
	"github.com/govtrain/lms/api/platform/httpx"
	"github.com/govtrain/lms/api/platform/spreadsheet"
)

// Handler serves report runs.
type Handler struct {
	svc   *Service
	actor func(*gin.Context) audit.Actor
}

// NewHandler returns a Handler.
func NewHandler(svc *Service, actor func(*gin.Context) audit.Actor) *Handler {
	return &Handler{svc: svc, actor: actor}
}

// Register adds the routes to rg (signed in). Whoever sees the targets
// makes and reads the reports of what they see: Home Affairs and admins the
// province's and any agency's, agency managers their own subtree's.
func (h *Handler) Register(rg *gin.RouterGroup) {
	g := rg.Group("/reports", auth.Require(auth.TargetsView))
	g.GET("", h.list)
	g.POST("", h.create)
	g.GET("/defaults", h.defaults)
	g.GET("/:id", func(c *gin.Context) {
		httpx.ServeID(c, func(id int64) (any, error) { return h.svc.Get(c.Request.Context(), auth.MustFrom(c), id, true) })
	})
	g.GET("/:id/files/:format", h.file)
}

func (h *Handler) list(c *gin.Context) {
	page, err := httpx.ParsePage(c)
	if httpx.Fail(c, err) {
		return
	}
	items, total, err := h.svc.List(c.Request.Context(), auth.MustFrom(c), page.Size, page.Offset())
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusOK, httpx.NewList(items, total, page))
}

func (h *Handler) create(c *gin.Context) {
	var in Params
	if httpx.Fail(c, httpx.BindJSON(c, &in)) {
		return
	}
	run, err := h.svc.Create(c.Request.Context(), auth.MustFrom(c), h.actor(c), in)
	if httpx.Fail(c, err) {
		return
	}
	c.Header("Location", "/api/v1/reports/"+strconv.FormatInt(run.ID, 10))
	c.JSON(http.StatusAccepted, run)
}

func (h *Handler) defaults(c *gin.Context) {
	f := errs.Fields{}
	agency := httpx.OptionalID(c, "agency_id", f)
	if httpx.Fail(c, f.Err()) {
		return
	}
	p, err := h.svc.Defaults(c.Request.Context(), auth.MustFrom(c), agency)
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusOK, p)
}

var mediaTypes = map[string]string{"xlsx": spreadsheet.XLSXType, "pdf": "application/pdf", "csv": "text/csv; charset=utf-8"}

func (h *Handler) file(c *gin.Context) {
	id, err := httpx.PathID(c, "id")
	if httpx.Fail(c, err) {
		return
	}
	format := c.Param("format")
	if !slices.Contains(Formats, format) {
		httpx.WriteError(c, errs.ErrNotFound)
		return
	}
	run, body, err := h.svc.File(c.Request.Context(), auth.MustFrom(c), id, format)
	if httpx.Fail(c, err) {
		return
	}
	name := "bao-cao-chi-tieu-" + run.Period
	if run.AgencyID != nil {
		name += "-don-vi-" + strconv.FormatInt(*run.AgencyID, 10)
	}
	httpx.Attachment(c, name+"-"+strconv.FormatInt(run.ID, 10)+"."+format, mediaTypes[format], body)
}
