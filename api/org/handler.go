package org

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/govtrain/lms/api/audit"
	"github.com/govtrain/lms/api/auth"
	"github.com/govtrain/lms/api/platform/errs"
	"github.com/govtrain/lms/api/platform/httpx"
)

// Handler serves agencies and people.
type Handler struct {
	svc   *Service
	actor func(c *gin.Context) audit.Actor
}

// NewHandler returns a Handler; actor tells who makes a change.
func NewHandler(svc *Service, actor func(c *gin.Context) audit.Actor) *Handler {
	return &Handler{svc: svc, actor: actor}
}

// Register adds the routes to rg, which already authenticates.
func (h *Handler) Register(rg *gin.RouterGroup) {
	rg.GET("/agencies", auth.Require(auth.AgenciesRead), h.listAgencies)
	rg.GET("/agencies/:id", auth.Require(auth.AgenciesRead), h.getAgency)
	rg.POST("/agencies", auth.Require(auth.AgenciesWrite), h.createAgency)
	rg.PATCH("/agencies/:id", auth.Require(auth.AgenciesWrite), h.updateAgency)

	rg.GET("/people", auth.Require(auth.PeopleList), h.listPeople)
	rg.POST("/people", auth.Require(auth.PeopleWrite), h.createPerson)
	rg.GET("/people/:id", auth.Require(auth.PersonView), h.getPerson)
	rg.PATCH("/people/:id", auth.Require(auth.PeopleWrite), h.updatePerson)
	rg.GET("/people/:id/memberships", auth.Require(auth.PeopleList), func(c *gin.Context) {
		httpx.ServeID(c, func(id int64) (any, error) {
			items, err := h.svc.Memberships(c.Request.Context(), auth.MustFrom(c), id)
			return gin.H{"items": items}, err
		})
	})
	rg.POST("/people/:id/deactivate", auth.Require(auth.PeopleWrite), h.setActive(false))
	rg.POST("/people/:id/activate", auth.Require(auth.PeopleWrite), h.setActive(true))
}

func (h *Handler) listAgencies(c *gin.Context) {
	items, err := h.svc.Agencies(c.Request.Context(), auth.MustFrom(c))
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": items})
}

func (h *Handler) getAgency(c *gin.Context) {
	id, err := httpx.PathID(c, "id")
	if httpx.Fail(c, err) {
		return
	}
	a, err := h.svc.Agency(c.Request.Context(), auth.MustFrom(c), id)
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusOK, a)
}

func (h *Handler) createAgency(c *gin.Context) {
	var in AgencyInput
	if httpx.Fail(c, httpx.BindJSON(c, &in)) {
		return
	}
	a, err := h.svc.CreateAgency(c.Request.Context(), auth.MustFrom(c), in, h.actor(c))
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusCreated, a)
}

func (h *Handler) updateAgency(c *gin.Context) {
	id, err := httpx.PathID(c, "id")
	if httpx.Fail(c, err) {
		return
	}
	var in AgencyInput
	if httpx.Fail(c, httpx.BindJSON(c, &in)) {
		return
	}
	a, err := h.svc.UpdateAgency(c.Request.Context(), auth.MustFrom(c), id, in, h.actor(c))
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusOK, a)
}

// ParseFilter reads the people list filters from the query string.
func ParseFilter(c *gin.Context) (PeopleFilter, error) {
	f := errs.Fields{}
	pf := PeopleFilter{Q: c.Query("q"), Kind: c.Query("kind"), Sort: c.DefaultQuery("sort", "name")}
	if len(pf.Q) > 200 {
		f.Add("q", "too_long")
	}
	if v := c.Query("agency_id"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			f.Add("agency_id", "invalid")
		}
		pf.AgencyID = id
	}
	pf.IncludeSub = c.DefaultQuery("include_sub", "true") != "false"
	if pf.Kind != "" && !slices.Contains(Kinds, pf.Kind) {
		f.Add("kind", "invalid")
	}
	if _, ok := sorts[pf.Sort]; !ok {
		f.Add("sort", "invalid")
	}
	pf.Professional = httpx.OptionalBool(c, "professional", f)
	pf.Active = httpx.OptionalBool(c, "active", f)
	return pf, f.Err()
}

func (h *Handler) listPeople(c *gin.Context) {
	page, err := httpx.ParsePage(c)
	if httpx.Fail(c, err) {
		return
	}
	f, err := ParseFilter(c)
	if httpx.Fail(c, err) {
		return
	}
	items, total, err := h.svc.People(c.Request.Context(), auth.MustFrom(c), f, page.Size, page.Offset())
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusOK, httpx.NewList(items, total, page))
}

func (h *Handler) getPerson(c *gin.Context) {
	id, err := httpx.PathID(c, "id")
	if httpx.Fail(c, err) {
		return
	}
	p, err := h.svc.Person(c.Request.Context(), auth.MustFrom(c), id)
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusOK, p)
}

func (h *Handler) createPerson(c *gin.Context) {
	in := PersonInput{Professional: true} // most civil servants do professional work
	if httpx.Fail(c, httpx.BindJSON(c, &in)) {
		return
	}
	p, err := h.svc.CreatePerson(c.Request.Context(), auth.MustFrom(c), in, h.actor(c))
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusCreated, p)
}

func (h *Handler) updatePerson(c *gin.Context) {
	id, err := httpx.PathID(c, "id")
	if httpx.Fail(c, err) {
		return
	}
	var patch PersonPatch
	if httpx.Fail(c, httpx.BindJSON(c, &patch)) {
		return
	}
	p, err := h.svc.UpdatePerson(c.Request.Context(), auth.MustFrom(c), id, patch, h.actor(c))
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusOK, p)
}

func (h *Handler) setActive(active bool) gin.HandlerFunc {
	return func(c *gin.Context) {
		id, err := httpx.PathID(c, "id")
		if httpx.Fail(c, err) {
			return
		}
		p, err := h.svc.SetActive(c.Request.Context(), auth.MustFrom(c), id, active, h.actor(c))
		if httpx.Fail(c, err) {
			return
		}
		c.JSON(http.StatusOK, p)
	}
}
