package target

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/govtrain/lms/api/auth"
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
}

var vietnam = time.FixedZone("ICT", 7*3600)

// values computes every target as of ?as_of (default today, Vietnam time)
// for ?agency_id's subtree (default: the province, or the manager's agency).
func (h *Handler) values(c *gin.Context) {
	f := errs.Fields{}
	day, _ := time.Parse(time.DateOnly, time.Now().In(vietnam).Format(time.DateOnly))
	if v := c.Query("as_of"); v != "" {
		d, err := time.Parse(time.DateOnly, v)
		if err != nil {
			f["as_of"] = "invalid_date"
		}
		day = d
	}
	var agency int64
	if v := c.Query("agency_id"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			f["agency_id"] = "invalid"
		}
		agency = id
	}
	if httpx.Fail(c, f.Err()) {
		return
	}
	scope, err := Scope(c.Request.Context(), h.svc.db, auth.MustFrom(c), agency)
	if httpx.Fail(c, err) {
		return
	}
	items, err := h.svc.Compute(c.Request.Context(), day, scope)
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusOK, gin.H{"as_of": day.Format(time.DateOnly), "agency_id": nullable(scope), "items": items})
}

func nullable(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}
