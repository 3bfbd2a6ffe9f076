package course

import (
	"errors"
	"io"
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"

	"github.com/govtrain/lms/api/audit"
	"github.com/govtrain/lms/api/auth"
	"github.com/govtrain/lms/api/platform/errs"
	"github.com/govtrain/lms/api/platform/httpx"
)

// Handler serves the catalogue, study and authoring.
type Handler struct {
	svc   *Service
	actor func(*gin.Context) audit.Actor
}

// NewHandler returns a Handler.
func NewHandler(svc *Service, actor func(*gin.Context) audit.Actor) *Handler {
	return &Handler{svc: svc, actor: actor}
}

// Register adds the routes: course images on public, the rest on authed.
func (h *Handler) Register(public, authed *gin.RouterGroup) {
	public.GET("/courses/:slug/images/:name", h.image)

	view, author, enrol := auth.Require(auth.CoursesView), auth.Require(auth.CoursesAuthor), auth.Require(auth.CoursesEnrol)
	authed.GET("/courses", view, h.list)
	authed.GET("/courses/:slug", view, h.get)
	authed.POST("/courses/:slug/enrol", view, h.enrol)
	authed.GET("/me/courses", view, h.mine)
	authed.GET("/lessons/:id", view, h.lesson)
	authed.POST("/lessons/:id/complete", view, h.complete)

	authed.POST("/courses/:slug/enrolments", enrol, h.enrolMany)
	authed.GET("/courses/:slug/enrolments", enrol, h.enrolments)

	authed.POST("/courses", author, h.create)
	authed.PATCH("/courses/:slug", author, h.update)
	authed.POST("/courses/:slug/publish", author, h.publish(true))
	authed.POST("/courses/:slug/unpublish", author, h.publish(false))
	authed.POST("/courses/:slug/modules", author, h.addModule)
	authed.PATCH("/modules/:id", author, h.updateModule)
	authed.POST("/modules/:id/lessons", author, h.addLesson)
	authed.GET("/lessons/:id/source", author, h.lessonSource)
	authed.PATCH("/lessons/:id", author, h.updateLesson)
	authed.POST("/courses/:slug/images", author, h.uploadImage)
	authed.POST("/markdown/preview", author, h.preview)
}

func (h *Handler) list(c *gin.Context) {
	page, err := httpx.ParsePage(c)
	if httpx.Fail(c, err) {
		return
	}
	f := Filter{Q: c.Query("q"), Track: c.Query("track"), Level: c.Query("level"), Editable: c.Query("editable") == "true"}
	fields := errs.Fields{}
	if f.Track != "" && !slices.Contains(Tracks, f.Track) {
		fields.Add("track", "invalid")
	}
	if f.Level != "" && !slices.Contains(Levels, f.Level) {
		fields.Add("level", "invalid")
	}
	if len(f.Q) > 200 {
		fields.Add("q", "too_long")
	}
	if httpx.Fail(c, fields.Err()) {
		return
	}
	items, total, err := h.svc.Catalogue(c.Request.Context(), auth.MustFrom(c), f, page.Size, page.Offset())
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusOK, httpx.NewList(items, total, page))
}

func (h *Handler) get(c *gin.Context) {
	d, err := h.svc.Course(c.Request.Context(), auth.MustFrom(c), c.Param("slug"))
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusOK, d)
}

func (h *Handler) enrol(c *gin.Context) {
	e, err := h.svc.Enrol(c.Request.Context(), auth.MustFrom(c), c.Param("slug"))
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusCreated, e)
}

func (h *Handler) mine(c *gin.Context) {
	items, err := h.svc.MyCourses(c.Request.Context(), auth.MustFrom(c))
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": items})
}

func (h *Handler) enrolMany(c *gin.Context) {
	var req BulkRequest
	if httpx.Fail(c, httpx.BindJSON(c, &req)) {
		return
	}
	res, err := h.svc.EnrolMany(c.Request.Context(), auth.MustFrom(c), c.Param("slug"), req, h.actor(c))
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusOK, res)
}

func (h *Handler) enrolments(c *gin.Context) {
	page, err := httpx.ParsePage(c)
	if httpx.Fail(c, err) {
		return
	}
	items, total, err := h.svc.Enrolments(c.Request.Context(), auth.MustFrom(c), c.Param("slug"), page.Size, page.Offset())
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusOK, httpx.NewList(items, total, page))
}

func (h *Handler) lesson(c *gin.Context) {
	id, err := httpx.PathID(c, "id")
	if httpx.Fail(c, err) {
		return
	}
	l, err := h.svc.Lesson(c.Request.Context(), auth.MustFrom(c), id)
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusOK, l)
}

func (h *Handler) complete(c *gin.Context) {
	id, err := httpx.PathID(c, "id")
	if httpx.Fail(c, err) {
		return
	}
	res, err := h.svc.Complete(c.Request.Context(), auth.MustFrom(c), id)
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusOK, res)
}

func (h *Handler) image(c *gin.Context) {
	im, err := h.svc.Image(c.Request.Context(), c.Param("slug"), c.Param("name"))
	if httpx.Fail(c, err) {
		return
	}
	etag := `"` + im.SHA256 + `"`
	c.Header("ETag", etag)
	c.Header("Cache-Control", "public, max-age=86400")
	c.Header("X-Content-Type-Options", "nosniff")
	// An SVG opened on its own must not run anything.
	c.Header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox")
	if c.GetHeader("If-None-Match") == etag {
		c.Status(http.StatusNotModified)
		return
	}
	c.Data(http.StatusOK, im.ContentType, im.Data)
}

func (h *Handler) create(c *gin.Context) {
	var in CourseInput
	if httpx.Fail(c, httpx.BindJSON(c, &in)) {
		return
	}
	d, err := h.svc.CreateCourse(c.Request.Context(), auth.MustFrom(c), in, h.actor(c))
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusCreated, d)
}

func (h *Handler) update(c *gin.Context) {
	var in CourseInput
	if httpx.Fail(c, httpx.BindJSON(c, &in)) {
		return
	}
	d, err := h.svc.UpdateCourse(c.Request.Context(), auth.MustFrom(c), c.Param("slug"), in, h.actor(c))
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusOK, d)
}

func (h *Handler) publish(published bool) gin.HandlerFunc {
	return func(c *gin.Context) {
		d, err := h.svc.SetPublished(c.Request.Context(), auth.MustFrom(c), c.Param("slug"), published, h.actor(c))
		if httpx.Fail(c, err) {
			return
		}
		c.JSON(http.StatusOK, d)
	}
}

func (h *Handler) addModule(c *gin.Context) {
	var in ModuleInput
	if httpx.Fail(c, httpx.BindJSON(c, &in)) {
		return
	}
	m, err := h.svc.AddModule(c.Request.Context(), auth.MustFrom(c), c.Param("slug"), in)
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusCreated, m)
}

func (h *Handler) updateModule(c *gin.Context) {
	id, err := httpx.PathID(c, "id")
	if httpx.Fail(c, err) {
		return
	}
	var in ModuleInput
	if httpx.Fail(c, httpx.BindJSON(c, &in)) {
		return
	}
	m, err := h.svc.UpdateModule(c.Request.Context(), auth.MustFrom(c), id, in)
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusOK, m)
}

func (h *Handler) addLesson(c *gin.Context) {
	id, err := httpx.PathID(c, "id")
	if httpx.Fail(c, err) {
		return
	}
	var in LessonInput
	if httpx.Fail(c, httpx.BindJSON(c, &in)) {
		return
	}
	l, err := h.svc.AddLesson(c.Request.Context(), auth.MustFrom(c), id, in)
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusCreated, l)
}

func (h *Handler) lessonSource(c *gin.Context) {
	id, err := httpx.PathID(c, "id")
	if httpx.Fail(c, err) {
		return
	}
	l, err := h.svc.LessonSource(c.Request.Context(), auth.MustFrom(c), id)
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusOK, l)
}

func (h *Handler) updateLesson(c *gin.Context) {
	id, err := httpx.PathID(c, "id")
	if httpx.Fail(c, err) {
		return
	}
	var in LessonInput
	if httpx.Fail(c, httpx.BindJSON(c, &in)) {
		return
	}
	l, err := h.svc.UpdateLesson(c.Request.Context(), auth.MustFrom(c), id, in)
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusOK, l)
}

func (h *Handler) uploadImage(c *gin.Context) {
	if c.ContentType() != "multipart/form-data" {
		httpx.WriteError(c, errs.New(errs.Unsupported, "unsupported_media_type", "send the picture as multipart/form-data"))
		return
	}
	fh, err := c.FormFile("file")
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		httpx.WriteError(c, errs.New(errs.TooLarge, "too_large", "the upload is too large"))
		return
	case err != nil:
		httpx.WriteError(c, errs.New(errs.Invalid, "no_file", "send the picture as the multipart field \"file\""))
		return
	}
	if fh.Size > maxUploadImage {
		httpx.WriteError(c, errs.New(errs.TooLarge, "too_large", "a picture may be at most 2 MiB"))
		return
	}
	f, err := fh.Open()
	if httpx.Fail(c, err) {
		return
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxUploadImage+1))
	if httpx.Fail(c, err) {
		return
	}
	slug := c.Param("slug")
	name, err := h.svc.UploadImage(c.Request.Context(), auth.MustFrom(c), slug, fh.Filename, data)
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusCreated, gin.H{"name": name, "url": ImageURL(slug, name)})
}

type previewRequest struct {
	Markdown   string `json:"markdown"`
	CourseSlug string `json:"course_slug"`
}

func (h *Handler) preview(c *gin.Context) {
	var req previewRequest
	if httpx.Fail(c, httpx.BindJSON(c, &req)) {
		return
	}
	c.JSON(http.StatusOK, gin.H{"html": Render(req.CourseSlug, req.Markdown)})
}
