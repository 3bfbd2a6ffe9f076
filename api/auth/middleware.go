package auth

import (
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/govtrain/lms/api/audit"
	"github.com/govtrain/lms/api/platform/errs"
	"github.com/govtrain/lms/api/platform/httpx"
)

const principalKey = "principal"

// Authenticate requires a valid "Authorization: Bearer <access token>" and
// puts its principal in the context. Every failure is the same 401.
func (t *Tokens) Authenticate() gin.HandlerFunc {
	return func(c *gin.Context) {
		h := c.GetHeader("Authorization")
		tok, ok := strings.CutPrefix(h, "Bearer ")
		if !ok {
			httpx.WriteError(c, errs.ErrUnauthorized)
			return
		}
		p, err := t.Parse(tok)
		if err != nil {
			httpx.WriteError(c, errs.New(errs.Unauthorized, "invalid_token", "the access token is invalid or expired"))
			return
		}
		c.Set(principalKey, p)
		c.Next()
	}
}

// From returns the signed-in principal.
func From(c *gin.Context) (Principal, bool) {
	v, ok := c.Get(principalKey)
	if !ok {
		return Principal{}, false
	}
	p, ok := v.(Principal)
	return p, ok
}

// MustFrom returns the principal of a request that went through Authenticate.
func MustFrom(c *gin.Context) Principal {
	p, ok := From(c)
	if !ok {
		panic("auth: handler mounted without Authenticate")
	}
	return p
}

// ActorOf is the audit actor of the request: the signed-in user when there is one.
func ActorOf(c *gin.Context, client string) audit.Actor {
	a := audit.Actor{Client: client, RequestID: httpx.RequestID(c)}
	if p, ok := From(c); ok {
		id := p.UserID
		a.UserID = &id
		a.Name = p.Username
	}
	return a
}
