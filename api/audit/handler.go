package audit

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/jmoiron/sqlx"

	"github.com/govtrain/lms/api/platform/civil"
	"github.com/govtrain/lms/api/platform/db"
	"github.com/govtrain/lms/api/platform/errs"
	"github.com/govtrain/lms/api/platform/httpx"
)

// Handler serves the audit log.
type Handler struct {
	db *sqlx.DB
}

// NewHandler returns a Handler reading from db.
func NewHandler(db *sqlx.DB) *Handler { return &Handler{db: db} }

// Register adds the audit routes to rg; the caller puts the permission check
// in front of rg.
func (h *Handler) Register(rg *gin.RouterGroup) {
	rg.GET("/audit", h.list)
}

func (h *Handler) list(c *gin.Context) {
	page, err := httpx.ParsePage(c)
	if httpx.Fail(c, err) {
		return
	}
	var w db.Where
	f := errs.Fields{}
	for _, col := range []string{"action", "entity_type", "entity_id"} {
		if v := c.Query(col); v != "" {
			w.Add(col+" = ?", v)
		}
	}
	if v := c.Query("actor_id"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			f.Add("actor_id", "invalid")
		}
		w.Add("actor_id = ?", id)
	}
	for _, p := range []struct {
		name, cond string
		days       int
	}{{"from", "at >= ?", 0}, {"to", "at < ?", 1}} {
		if v := c.Query(p.name); v != "" {
			d, err := time.ParseInLocation("2006-01-02", v, civil.Zone)
			if err != nil {
				f.Add(p.name, "invalid_date")
				continue
			}
			w.Add(p.cond, d.AddDate(0, 0, p.days))
		}
	}
	if httpx.Fail(c, f.Err()) {
		return
	}
	var total int
	if err := h.db.GetContext(c.Request.Context(), &total, `SELECT count(*) FROM audit_log`+w.SQL(), w.Args...); httpx.Fail(c, err) {
		return
	}
	rows := []Record{}
	cond := w.SQL()
	err = h.db.SelectContext(c.Request.Context(), &rows, `
		SELECT id, at, actor_id, actor_name, action, entity_type, entity_id, agency_id, before, after, client, request_id
		FROM audit_log`+cond+`
		ORDER BY at DESC, id DESC
		LIMIT `+w.Arg(page.Size)+` OFFSET `+w.Arg(page.Offset()), w.Args...)
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusOK, httpx.NewList(rows, total, page))
}
