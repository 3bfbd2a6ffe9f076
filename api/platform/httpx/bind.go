package httpx

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/govtrain/lms/api/platform/errs"
)

// BindJSON decodes the request body into v, refusing other content types,
// unknown fields, trailing data and bodies over the size limit set by the
// BodyLimit middleware.
func BindJSON(c *gin.Context, v any) error {
	mt, _, err := mime.ParseMediaType(c.GetHeader("Content-Type"))
	if err != nil || mt != "application/json" {
		return errs.New(errs.Unsupported, "unsupported_media_type", "send the body as application/json")
	}
	dec := json.NewDecoder(c.Request.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return decodeError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errs.New(errs.Invalid, "invalid_json", "the body must hold exactly one JSON value")
	}
	return nil
}

func decodeError(err error) error {
	var tooBig *http.MaxBytesError
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &tooBig):
		return errs.New(errs.TooLarge, "too_large", fmt.Sprintf("the body is larger than %d bytes", tooBig.Limit))
	case errors.As(err, &syntax), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return errs.New(errs.Invalid, "invalid_json", "the body is not valid JSON")
	case errors.As(err, &typ):
		return errs.New(errs.Invalid, "invalid_input", "a field has the wrong type").
			With("fields", map[string]string{typ.Field: "wrong_type"})
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return errs.New(errs.Invalid, "unknown_field", "the body has a field this endpoint does not accept").
			With("fields", map[string]string{field: "unknown"})
	}
	return errs.New(errs.Invalid, "invalid_json", "the body is not valid JSON")
}

// PathID reads a positive integer path parameter; anything else is "not found",
// since no object has that id.
func PathID(c *gin.Context, name string) (int64, error) { return PathIDValue(c.Param(name)) }

// PathIDValue reads a positive integer id.
func PathIDValue(v string) (int64, error) {
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		return 0, errs.ErrNotFound
	}
	return id, nil
}

// Page is a validated page request.
type Page struct {
	Page, Size int
}

// Offset is the number of rows before the page.
func (p Page) Offset() int { return (p.Page - 1) * p.Size }

// MaxPageSize bounds page_size.
const MaxPageSize = 200

// ParsePage reads page (1-based) and page_size (default 20, at most MaxPageSize).
func ParsePage(c *gin.Context) (Page, error) {
	p := Page{Page: 1, Size: 20}
	f := errs.Fields{}
	if v := c.Query("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1_000_000 {
			f.Add("page", "invalid")
		}
		p.Page = n
	}
	if v := c.Query("page_size"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > MaxPageSize {
			f.Add("page_size", "invalid")
		}
		p.Size = n
	}
	return p, f.Err()
}

// List is the shape of every paginated answer.
type List[T any] struct {
	Items    []T `json:"items"`
	Total    int `json:"total"`
	Page     int `json:"page"`
	PageSize int `json:"page_size"`
}

// NewList makes a List, turning a nil slice into an empty one so it encodes as [].
func NewList[T any](items []T, total int, p Page) List[T] {
	if items == nil {
		items = []T{}
	}
	return List[T]{Items: items, Total: total, Page: p.Page, PageSize: p.Size}
}

// OptionalID reads a query parameter that may be absent (0) or a positive id.
func OptionalID(c *gin.Context, name string, f errs.Fields) int64 {
	v := c.Query(name)
	if v == "" {
		return 0
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		f.Add(name, "invalid")
		return 0
	}
	return id
}

// OptionalBool reads a query parameter that may be absent, "true" or "false".
func OptionalBool(c *gin.Context, name string, f errs.Fields) *bool {
	v := c.Query(name)
	if v == "" {
		return nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		f.Add(name, "invalid")
		return nil
	}
	return &b
}

// Attachment sends body as a downloaded file.
func Attachment(c *gin.Context, filename, contentType string, body []byte) {
	c.Header("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": filename}))
	c.Header("Cache-Control", "no-store")
	c.Data(http.StatusOK, contentType, body)
}

// ServeID answers a request on the :id path parameter with what fn makes
// of it: JSON 200, 204 for a nil answer, or the error.
func ServeID(c *gin.Context, fn func(id int64) (any, error)) {
	id, err := PathID(c, "id")
	if Fail(c, err) {
		return
	}
	out, err := fn(id)
	if Fail(c, err) {
		return
	}
	if out == nil {
		c.Status(http.StatusNoContent)
		return
	}
	c.JSON(http.StatusOK, out)
}

// Upload reads the multipart file field of a request, at most maxBytes:
// 415 when the request is not multipart, 400 when the field is missing,
// 413 when the file is larger.
func Upload(c *gin.Context, field string, maxBytes int64) (name string, data []byte, err error) {
	if c.ContentType() != "multipart/form-data" {
		return "", nil, errs.New(errs.Unsupported, "unsupported_media_type", "send the file as multipart/form-data")
	}
	fh, err := c.FormFile(field)
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig) || (err == nil && fh.Size > maxBytes):
		return "", nil, errs.New(errs.TooLarge, "too_large", "the file is too large")
	case err != nil:
		return "", nil, errs.New(errs.Invalid, "no_file", "send the file as the multipart field \""+field+"\"")
	}
	f, err := fh.Open()
	if err != nil {
		return "", nil, err
	}
	defer f.Close()
	data, err = io.ReadAll(io.LimitReader(f, maxBytes+1))
	if int64(len(data)) > maxBytes {
		return "", nil, errs.New(errs.TooLarge, "too_large", "the file is too large")
	}
	return fh.Filename, data, err
}
