package auth

import (
	"context"
	"database/sql"
	"errors"
	"net/http"
	"net/netip"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/jmoiron/sqlx"

	"github.com/govtrain/lms/api/platform/errs"
	"github.com/govtrain/lms/api/platform/httpx"
)

// refreshCookie carries the refresh token, readable only by the auth routes.
const (
	refreshCookie = "lms_refresh"
	cookiePath    = "/api/v1/auth"
)

// Handler serves sign-in, the signed-in user's own account, and account
// management.
type Handler struct {
	svc     *Service
	db      *sqlx.DB
	tokens  *Tokens
	secure  bool
	proxies []netip.Prefix
}

// NewHandler returns a Handler. secure marks the refresh cookie Secure (HTTPS
// only); proxies are the addresses whose X-Forwarded-For is believed.
func NewHandler(svc *Service, d *sqlx.DB, tokens *Tokens, secure bool, proxies []netip.Prefix) *Handler {
	return &Handler{svc: svc, db: d, tokens: tokens, secure: secure, proxies: proxies}
}

// Register adds the routes: public ones on public, the rest on authed (which
// already runs Authenticate).
func (h *Handler) Register(public, authed *gin.RouterGroup) {
	public.POST("/auth/login", h.login)
	public.POST("/auth/refresh", h.refresh)
	public.POST("/auth/logout", h.logout)
	authed.GET("/me", h.me)
	authed.POST("/me/password", h.changePassword)

	users := authed.Group("/users", Require(UsersManage))
	users.GET("", h.listUsers)
	users.POST("", h.createUser)
	users.GET("/:id", h.getUser)
	users.PATCH("/:id", h.updateUser)
	users.POST("/:id/password", h.resetPassword)
}

// Client is the caller's address as seen through the trusted proxies.
func (h *Handler) Client(c *gin.Context) string { return httpx.ClientIP(c.Request, h.proxies) }

type loginRequest struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

type sessionResponse struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
	ExpiresIn   int    `json:"expires_in"`
	User        Me     `json:"user"`
}

func (h *Handler) login(c *gin.Context) {
	var req loginRequest
	if httpx.Fail(c, httpx.BindJSON(c, &req)) {
		return
	}
	if req.Username == "" || req.Password == "" || len(req.Username) > 64 || len(req.Password) > 200 {
		httpx.WriteError(c, errBadCredentials)
		return
	}
	sess, err := h.svc.Login(c.Request.Context(), req.Username, req.Password, ActorOf(c, h.Client(c)))
	if httpx.Fail(c, err) {
		return
	}
	h.respondSession(c, sess)
}

func (h *Handler) refresh(c *gin.Context) {
	tok, _ := c.Cookie(refreshCookie)
	sess, err := h.svc.Refresh(c.Request.Context(), tok, ActorOf(c, h.Client(c)))
	if err != nil {
		h.setCookie(c, "", -1)
		httpx.WriteError(c, err)
		return
	}
	h.respondSession(c, sess)
}

func (h *Handler) logout(c *gin.Context) {
	tok, _ := c.Cookie(refreshCookie)
	if httpx.Fail(c, h.svc.Logout(c.Request.Context(), tok, ActorOf(c, h.Client(c)))) {
		return
	}
	h.setCookie(c, "", -1)
	c.Status(http.StatusNoContent)
}

func (h *Handler) respondSession(c *gin.Context, s Session) {
	me, err := loadMe(c.Request.Context(), h.db, s.Account.ID)
	if httpx.Fail(c, err) {
		return
	}
	h.setCookie(c, s.RefreshToken, int(h.svc.refreshTTL/time.Second))
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, sessionResponse{AccessToken: s.AccessToken, TokenType: "Bearer", ExpiresIn: int(s.ExpiresIn / time.Second), User: me})
}

func (h *Handler) setCookie(c *gin.Context, value string, maxAge int) {
	c.SetSameSite(http.SameSiteStrictMode)
	c.SetCookie(refreshCookie, value, maxAge, cookiePath, "", h.secure, true)
}

// Me is the signed-in user's own account.
type Me struct {
	ID                 int64  `db:"id" json:"id"`
	Username           string `db:"username" json:"username"`
	Role               Role   `db:"role" json:"role"`
	DisplayName        string `db:"display_name" json:"display_name"`
	PersonID           *int64 `db:"person_id" json:"person_id"`
	AgencyID           *int64 `db:"agency_id" json:"agency_id"`
	AgencyName         string `db:"agency_name" json:"agency_name"`
	MustChangePassword bool   `db:"must_change_password" json:"must_change_password"`
}

func loadMe(ctx context.Context, q sqlx.QueryerContext, id int64) (Me, error) {
	var m Me
	err := sqlx.GetContext(ctx, q, &m, `
		SELECT u.id, u.username, u.role, COALESCE(NULLIF(u.display_name, ''), p.full_name, u.username) AS display_name,
		       u.person_id, a.id AS agency_id, COALESCE(a.name, '') AS agency_name, u.must_change_password
		FROM users u
		LEFT JOIN people p ON p.id = u.person_id
		LEFT JOIN agencies a ON a.id = COALESCE(u.agency_id, p.agency_id)
		WHERE u.id = $1 AND u.active`, id)
	return m, err
}

func (h *Handler) me(c *gin.Context) {
	m, err := loadMe(c.Request.Context(), h.db, MustFrom(c).UserID)
	if errors.Is(err, sql.ErrNoRows) {
		// The token is still valid but the account was disabled since.
		err = errs.New(errs.Unauthorized, "account_disabled", "this account is disabled; ask your administrator")
	}
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusOK, m)
}

type changePasswordRequest struct {
	CurrentPassword string `json:"current_password"`
	NewPassword     string `json:"new_password"`
}

func (h *Handler) changePassword(c *gin.Context) {
	var req changePasswordRequest
	if httpx.Fail(c, httpx.BindJSON(c, &req)) {
		return
	}
	tok, err := h.svc.ChangePassword(c.Request.Context(), MustFrom(c).UserID, req.CurrentPassword, req.NewPassword, ActorOf(c, h.Client(c)))
	if httpx.Fail(c, err) {
		return
	}
	h.setCookie(c, tok, int(h.svc.refreshTTL/time.Second))
	c.Status(http.StatusNoContent)
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }
