// Package errs defines the typed errors every domain returns. The HTTP layer
// turns them into a status and the one JSON error shape in exactly one place
// (httpx.WriteError); anything that is not an *Error becomes a 500 whose text
// never reaches the client.
package errs

import (
	"errors"
	"fmt"
)

// Kind decides the HTTP status.
type Kind int

// The kinds of error a request can end with.
const (
	Invalid       Kind = iota + 1 // 400
	Unauthorized                  // 401
	Forbidden                     // 403
	NotFound                      // 404
	Conflict                      // 409
	TooLarge                      // 413
	Unsupported                   // 415
	Unprocessable                 // 422
	NotAllowed                    // 405
	TooMany                       // 429
	Unavailable                   // 503
)

// Error is an error a client can act on: a stable code, an English message
// (the frontend translates by code) and optional details.
type Error struct {
	Kind    Kind
	Code    string
	Message string
	Details map[string]any
	Err     error // the cause, logged but never sent
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return e.Code + ": " + e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// With returns a copy of e with one more detail.
func (e *Error) With(key string, value any) *Error {
	c := *e
	c.Details = make(map[string]any, len(e.Details)+1)
	for k, v := range e.Details {
		c.Details[k] = v
	}
	c.Details[key] = value
	return &c
}

// New returns an error of the given kind.
func New(kind Kind, code, message string) *Error {
	return &Error{Kind: kind, Code: code, Message: message}
}

// As returns the *Error in err's chain, if any.
func As(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// Fields is a set of per-field validation problems: field name -> code.
type Fields map[string]string

// Add records a problem with field; the first problem per field wins.
func (f Fields) Add(field, code string) {
	if _, ok := f[field]; !ok {
		f[field] = code
	}
}

// Err returns nil when there are no problems, else an Invalid error listing them.
func (f Fields) Err() error {
	if len(f) == 0 {
		return nil
	}
	return &Error{Kind: Invalid, Code: "invalid_input", Message: "some fields are invalid",
		Details: map[string]any{"fields": map[string]string(f)}}
}

// Common errors.
var (
	ErrNotFound     = New(NotFound, "not_found", "no such object, or not yours to see")
	ErrForbidden    = New(Forbidden, "forbidden", "your role does not allow this")
	ErrUnauthorized = New(Unauthorized, "unauthorized", "sign in first")
	ErrVersion      = New(Conflict, "version_conflict", "someone else changed this object; reload it and try again")
)
