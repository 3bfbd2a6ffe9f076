// Package httpx is the thin HTTP layer shared by every domain: the one JSON
// error shape, strict JSON decoding, pagination, middleware and the embedded
// single-page app.
package httpx

import (
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/govtrain/lms/api/platform/db"
	"github.com/govtrain/lms/api/platform/errs"
)

var statusOf = map[errs.Kind]int{
	errs.Invalid:       http.StatusBadRequest,
	errs.Unauthorized:  http.StatusUnauthorized,
	errs.Forbidden:     http.StatusForbidden,
	errs.NotFound:      http.StatusNotFound,
	errs.Conflict:      http.StatusConflict,
	errs.TooLarge:      http.StatusRequestEntityTooLarge,
	errs.Unsupported:   http.StatusUnsupportedMediaType,
	errs.Unprocessable: http.StatusUnprocessableEntity,
	errs.NotAllowed:    http.StatusMethodNotAllowed,
	errs.TooMany:       http.StatusTooManyRequests,
	errs.Unavailable:   http.StatusServiceUnavailable,
}

type errorBody struct {
	Error errorPayload `json:"error"`
}

type errorPayload struct {
	Code    string         `json:"code"`
	Message string         `json:"message"`
	Details map[string]any `json:"details,omitempty"`
}

// WriteError writes err as the JSON error shape and aborts the request. Typed
// errors (and database errors a client can cause) keep their status and code;
// anything else is logged and answered with a bare 500.
func WriteError(c *gin.Context, err error) {
	e, ok := errs.As(db.MapError(err))
	if !ok {
		slog.ErrorContext(c.Request.Context(), "request failed", "err", err,
			"method", c.Request.Method, "path", c.FullPath(), "request_id", RequestID(c))
		c.AbortWithStatusJSON(http.StatusInternalServerError, errorBody{errorPayload{
			Code: "internal", Message: "something went wrong on our side; the request id is in the X-Request-Id header"}})
		return
	}
	if e.Err != nil {
		slog.DebugContext(c.Request.Context(), "request refused", "code", e.Code, "err", e.Err)
	}
	status := statusOf[e.Kind]
	if e.Kind == errs.Unavailable {
		c.Header("Retry-After", "2") // seconds: the database restarts or the pool frees up
	}
	if status == 0 {
		status = http.StatusInternalServerError
	}
	c.AbortWithStatusJSON(status, errorBody{errorPayload{Code: e.Code, Message: e.Message, Details: e.Details}})
}

// Fail is a handler's one-line exit on error: it writes err and returns true.
func Fail(c *gin.Context, err error) bool {
	if err == nil {
		return false
	}
	WriteError(c, err)
	return true
}
