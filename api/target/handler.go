package target

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/govtrain/lms/api/auth"
	"github.com/govtrain/lms/api/platform/civil"
	"github.com/govtrain/lms/api/platform/errs"
	"github.com/govtrain/lms/api/platform/httpx"
)

// Handler serves targets.
type Handler struct{ svc *Service }

// NewHandler returns a Handler.
func NewHandler(svc *Service) *Handler { return &Handler{svc: svc} }

// Register adds the routes to rg (signed in).
func (h *Handler) Register(rg *gin.RouterGroup) {
	rg.GET("/targets", auth.Require(auth.TargetsView), h.values)
	rg.GET("/targets/agencies", auth.Require(auth.TargetsView), h.agencies)
	rg.GET("/targets/:code/missing", auth.Require(auth.TargetsView), h.missing)
}

// request reads ?as_of (default today, Vietnam time) and ?agency_id, and
// resolves the scope the caller may see.
func (h *Handler) request(c *gin.Context) (time.Time, int64, error) {
	f := errs.Fields{}
	day := civil.Today().Time()
	if v := c.Query("as_of"); v != "" {
		d, err := time.Parse(time.DateOnly, v)
		if err != nil {
			f["as_of"] = "invalid_date"
		}
		day = d
	}
	agency := httpx.OptionalID(c, "agency_id", f)
	if err := f.Err(); err != nil {
		return day, 0, err
	}
	scope, err := Scope(c.Request.Context(), h.svc.db, auth.MustFrom(c), agency)
	return day, scope, err
}

// values computes every target as of the day for the scope.
func (h *Handler) values(c *gin.Context) {
	day, scope, err := h.request(c)
	if httpx.Fail(c, err) {
		return
	}
	items, err := h.svc.Compute(c.Request.Context(), day, scope)
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusOK, gin.H{"as_of": day.Format(time.DateOnly), "agency_id": nullable(scope), "items": items})
}

// agencies computes every target as of the day for each in-scope agency
// of the scope.
func (h *Handler) agencies(c *gin.Context) {
	day, scope, err := h.request(c)
	if httpx.Fail(c, err) {
		return
	}
	rows, err := h.svc.ByAgency(c.Request.Context(), day, scope)
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusOK, gin.H{"as_of": day.Format(time.DateOnly), "agency_id": nullable(scope), "items": rows})
}

func nullable(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

// missing lists who or what a target lacks, paginated.
func (h *Handler) missing(c *gin.Context) {
	day, scope, err := h.request(c)
	if httpx.Fail(c, err) {
		return
	}
	page, err := httpx.ParsePage(c)
	if httpx.Fail(c, err) {
		return
	}
	kind, items, total, err := h.svc.Missing(c.Request.Context(), c.Param("code"), day, scope, page.Size, page.Offset())
	if httpx.Fail(c, err) {
		return
	}
	list := httpx.NewList(items, total, page)
	c.JSON(http.StatusOK, gin.H{"as_of": day.Format(time.DateOnly), "kind": kind, "items": list.Items, "total": list.Total,
		"page": list.Page, "page_size": list.PageSize})
}
