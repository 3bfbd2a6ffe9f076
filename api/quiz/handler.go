package quiz

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/govtrain/lms/api/audit"
	"github.com/govtrain/lms/api/auth"
	"github.com/govtrain/lms/api/platform/errs"
	"github.com/govtrain/lms/api/platform/httpx"
)

// Handler serves quizzes and attempts.
type Handler struct {
	svc   *Service
	actor func(*gin.Context) audit.Actor
}

// NewHandler returns a Handler.
func NewHandler(svc *Service, actor func(*gin.Context) audit.Actor) *Handler {
	return &Handler{svc: svc, actor: actor}
}

// Register adds the routes: question pictures to public (no token), the
// rest to rg (signed in).
func (h *Handler) Register(public, rg *gin.RouterGroup) {
	public.GET("/question-files/:version/:sha/:name", h.picture)
	view := auth.Require(auth.CoursesView)
	author := auth.Require(auth.CoursesAuthor)
	grader := auth.Require(auth.QuizzesGrade)
	rg.GET("/courses/:slug/quizzes", view, h.forCourse)
	rg.POST("/courses/:slug/quizzes", author, h.create)
	rg.GET("/quizzes/:id", view, h.get)
	rg.PUT("/quizzes/:id", author, h.update)
	rg.DELETE("/quizzes/:id", author, h.delete)
	rg.POST("/quizzes/:id/attempts", view, h.start)
	rg.GET("/quizzes/:id/attempts", grader, h.attempts)
	rg.GET("/quizzes/:id/statistics", grader, h.statistics)
	rg.POST("/quizzes/:id/regrade", grader, h.regrade)
	rg.GET("/attempts/:id", view, h.attempt)
	rg.GET("/attempts/:id/questions/:slot", view, h.question)
	rg.PUT("/attempts/:id/answers", view, h.save)
	rg.POST("/attempts/:id/submit", view, h.submit)
	rg.GET("/attempts/:id/review", view, h.review)
	rg.POST("/attempts/:id/grade", grader, h.grade)
	rg.GET("/grading", grader, h.queue)
}

func (h *Handler) forCourse(c *gin.Context) {
	items, err := h.svc.ForCourse(c.Request.Context(), auth.MustFrom(c), c.Param("slug"))
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": items})
}

func (h *Handler) create(c *gin.Context) {
	var in Input
	if httpx.Fail(c, httpx.BindJSON(c, &in)) {
		return
	}
	p := auth.MustFrom(c)
	id, err := h.svc.Create(c.Request.Context(), p, h.actor(c), c.Param("slug"), in)
	if httpx.Fail(c, err) {
		return
	}
	d, err := h.svc.Quiz(c.Request.Context(), p, id)
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusCreated, d)
}

func (h *Handler) get(c *gin.Context) {
	httpx.ServeID(c, func(id int64) (any, error) { return h.svc.Quiz(c.Request.Context(), auth.MustFrom(c), id) })
}

func (h *Handler) update(c *gin.Context) {
	httpx.ServeID(c, func(id int64) (any, error) {
		var in Input
		if err := httpx.BindJSON(c, &in); err != nil {
			return nil, err
		}
		p := auth.MustFrom(c)
		if err := h.svc.Update(c.Request.Context(), p, h.actor(c), id, in); err != nil {
			return nil, err
		}
		return h.svc.Quiz(c.Request.Context(), p, id)
	})
}

func (h *Handler) delete(c *gin.Context) {
	httpx.ServeID(c, func(id int64) (any, error) {
		return nil, h.svc.Delete(c.Request.Context(), auth.MustFrom(c), h.actor(c), id)
	})
}

func (h *Handler) start(c *gin.Context) {
	httpx.ServeID(c, func(id int64) (any, error) { return h.svc.Start(c.Request.Context(), auth.MustFrom(c), id) })
}

func (h *Handler) attempt(c *gin.Context) {
	httpx.ServeID(c, func(id int64) (any, error) { return h.svc.Get(c.Request.Context(), auth.MustFrom(c), id) })
}

func (h *Handler) question(c *gin.Context) {
	httpx.ServeID(c, func(id int64) (any, error) {
		n, err := strconv.Atoi(c.Param("slot"))
		if err != nil {
			return nil, errs.ErrNotFound
		}
		return h.svc.GetQuestion(c.Request.Context(), auth.MustFrom(c), id, n)
	})
}

func (h *Handler) save(c *gin.Context) {
	httpx.ServeID(c, func(id int64) (any, error) {
		var r SaveRequest
		if err := httpx.BindJSON(c, &r); err != nil {
			return nil, err
		}
		return h.svc.Save(c.Request.Context(), auth.MustFrom(c), id, r)
	})
}

func (h *Handler) submit(c *gin.Context) {
	httpx.ServeID(c, func(id int64) (any, error) {
		var r *SaveRequest
		if c.Request.ContentLength != 0 {
			r = &SaveRequest{}
			if err := httpx.BindJSON(c, r); err != nil {
				return nil, err
			}
		}
		return h.svc.Submit(c.Request.Context(), auth.MustFrom(c), id, c.GetHeader("Idempotency-Key"), r)
	})
}

func (h *Handler) attempts(c *gin.Context) {
	httpx.ServeID(c, func(id int64) (any, error) {
		page, err := httpx.ParsePage(c)
		if err != nil {
			return nil, err
		}
		items, total, err := h.svc.Attempts(c.Request.Context(), auth.MustFrom(c), id, page.Size, page.Offset())
		if err != nil {
			return nil, err
		}
		return httpx.NewList(items, total, page), nil
	})
}

func (h *Handler) statistics(c *gin.Context) {
	httpx.ServeID(c, func(id int64) (any, error) { return h.svc.Statistics(c.Request.Context(), auth.MustFrom(c), id) })
}

func (h *Handler) regrade(c *gin.Context) {
	httpx.ServeID(c, func(id int64) (any, error) {
		var req struct {
			DryRun bool `json:"dry_run"`
		}
		if err := httpx.BindJSON(c, &req); err != nil {
			return nil, err
		}
		return h.svc.Regrade(c.Request.Context(), auth.MustFrom(c), h.actor(c), id, req.DryRun)
	})
}

func (h *Handler) review(c *gin.Context) {
	httpx.ServeID(c, func(id int64) (any, error) { return h.svc.Review(c.Request.Context(), auth.MustFrom(c), id) })
}

func (h *Handler) grade(c *gin.Context) {
	httpx.ServeID(c, func(id int64) (any, error) {
		var req GradeRequest
		if err := httpx.BindJSON(c, &req); err != nil {
			return nil, err
		}
		return h.svc.Grade(c.Request.Context(), auth.MustFrom(c), h.actor(c), id, req)
	})
}

func (h *Handler) queue(c *gin.Context) {
	var quizID int64
	if v := c.Query("quiz_id"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			httpx.WriteError(c, errs.Fields{"quiz_id": "invalid"}.Err())
			return
		}
		quizID = n
	}
	items, err := h.svc.Queue(c.Request.Context(), auth.MustFrom(c), quizID)
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": items})
}
