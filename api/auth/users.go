package auth

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/jmoiron/sqlx"

	"github.com/govtrain/lms/api/audit"
	"github.com/govtrain/lms/api/platform/db"
	"github.com/govtrain/lms/api/platform/errs"
	"github.com/govtrain/lms/api/platform/httpx"
	"github.com/govtrain/lms/api/platform/vn"
)

// User is an account as administrators see it. It never carries the hash.
type User struct {
	ID                 int64      `db:"id" json:"id"`
	Username           string     `db:"username" json:"username"`
	Role               Role       `db:"role" json:"role"`
	DisplayName        string     `db:"display_name" json:"display_name"`
	PersonID           *int64     `db:"person_id" json:"person_id"`
	PersonName         string     `db:"person_name" json:"person_name"`
	AgencyID           *int64     `db:"agency_id" json:"agency_id"`
	AgencyName         string     `db:"agency_name" json:"agency_name"`
	Active             bool       `db:"active" json:"active"`
	MustChangePassword bool       `db:"must_change_password" json:"must_change_password"`
	LastLoginAt        *time.Time `db:"last_login_at" json:"last_login_at"`
	CreatedAt          time.Time  `db:"created_at" json:"created_at"`
}

const userSelect = `
	SELECT u.id, u.username, u.role, u.display_name, u.person_id, COALESCE(p.full_name, '') AS person_name,
	       u.agency_id, COALESCE(a.name, '') AS agency_name, u.active, u.must_change_password,
	       u.last_login_at, u.created_at
	FROM users u
	LEFT JOIN people p ON p.id = u.person_id
	LEFT JOIN agencies a ON a.id = u.agency_id`

func getUser(ctx context.Context, q sqlx.QueryerContext, id int64) (User, error) {
	var u User
	err := sqlx.GetContext(ctx, q, &u, userSelect+` WHERE u.id = $1`, id)
	return u, err
}

func (h *Handler) listUsers(c *gin.Context) {
	page, err := httpx.ParsePage(c)
	if httpx.Fail(c, err) {
		return
	}
	var w db.Where
	if words := vn.SearchWords(c.Query("q"), 6); len(words) > 0 {
		like := "%" + db.EscapeLike(strings.Join(words, " ")) + "%"
		w.Add(`(u.username LIKE ? OR p.search_text LIKE ? OR lower(u.display_name) LIKE ?)`, like, like, like)
	}
	if r := Role(c.Query("role")); r != "" {
		if !r.Valid() {
			httpx.WriteError(c, errs.Fields{"role": "invalid"}.Err())
			return
		}
		w.Add(`u.role = ?`, r)
	}
	var total int
	err = h.db.GetContext(c.Request.Context(), &total, `SELECT count(*) FROM users u LEFT JOIN people p ON p.id = u.person_id`+w.SQL(), w.Args...)
	if httpx.Fail(c, err) {
		return
	}
	var items []User
	cond := w.SQL()
	err = h.db.SelectContext(c.Request.Context(), &items, userSelect+cond+` ORDER BY u.username LIMIT `+w.Arg(page.Size)+` OFFSET `+w.Arg(page.Offset()), w.Args...)
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusOK, httpx.NewList(items, total, page))
}

func (h *Handler) getUser(c *gin.Context) {
	id, err := httpx.PathID(c, "id")
	if httpx.Fail(c, err) {
		return
	}
	u, err := getUser(c.Request.Context(), h.db, id)
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusOK, u)
}

type createUserRequest struct {
	Username    string `json:"username"`
	Password    string `json:"password"`
	Role        Role   `json:"role"`
	DisplayName string `json:"display_name"`
	PersonID    *int64 `json:"person_id"`
	AgencyID    *int64 `json:"agency_id"`
}

var usernameRe = regexp.MustCompile(`^[a-z0-9._-]{3,64}$`)

func (h *Handler) createUser(c *gin.Context) {
	var req createUserRequest
	if httpx.Fail(c, httpx.BindJSON(c, &req)) {
		return
	}
	f := errs.Fields{}
	req.Username = strings.TrimSpace(req.Username)
	if !usernameRe.MatchString(req.Username) {
		f.Add("username", "invalid")
	}
	if !req.Role.Valid() {
		f.Add("role", "invalid")
	}
	if req.Role == AgencyManager && req.AgencyID == nil {
		f.Add("agency_id", "required")
	}
	if len(req.DisplayName) > 200 {
		f.Add("display_name", "too_long")
	}
	if err := checkNewPassword(req.Password, req.Username); err != nil {
		f.Add("password", "weak_password")
	}
	if httpx.Fail(c, f.Err()) {
		return
	}
	hash, err := HashPassword(req.Password)
	if httpx.Fail(c, err) {
		return
	}
	var u User
	err = db.WithTx(c.Request.Context(), h.db, func(tx *sqlx.Tx) error {
		var id int64
		err := tx.GetContext(c.Request.Context(), &id, `INSERT INTO users (username, password_hash, role, display_name, person_id, agency_id, must_change_password)
			VALUES ($1, $2, $3, $4, $5, $6, true) RETURNING id`,
			req.Username, hash, req.Role, strings.TrimSpace(req.DisplayName), req.PersonID, req.AgencyID)
		if err != nil {
			return err
		}
		if u, err = getUser(c.Request.Context(), tx, id); err != nil {
			return err
		}
		return audit.Write(c.Request.Context(), tx, ActorOf(c, h.Client(c)), audit.Entry{Action: "user.created", EntityType: "user",
			EntityID: itoa(id), AgencyID: u.AgencyID, After: u})
	})
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusCreated, u)
}

type updateUserRequest struct {
	Role        *Role   `json:"role"`
	AgencyID    *int64  `json:"agency_id"`
	Active      *bool   `json:"active"`
	DisplayName *string `json:"display_name"`
}

func (h *Handler) updateUser(c *gin.Context) {
	id, err := httpx.PathID(c, "id")
	if httpx.Fail(c, err) {
		return
	}
	var req updateUserRequest
	if httpx.Fail(c, httpx.BindJSON(c, &req)) {
		return
	}
	f := errs.Fields{}
	if req.Role != nil && !req.Role.Valid() {
		f.Add("role", "invalid")
	}
	if req.DisplayName != nil && len(*req.DisplayName) > 200 {
		f.Add("display_name", "too_long")
	}
	if httpx.Fail(c, f.Err()) {
		return
	}
	me := MustFrom(c)
	if id == me.UserID && ((req.Active != nil && !*req.Active) || (req.Role != nil && *req.Role != Admin)) {
		httpx.WriteError(c, errs.New(errs.Conflict, "cannot_change_self", "you cannot disable or demote your own account"))
		return
	}
	var after User
	err = db.WithTx(c.Request.Context(), h.db, func(tx *sqlx.Tx) error {
		before, err := getUser(c.Request.Context(), tx, id)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(c.Request.Context(), `SELECT 1 FROM users WHERE id = $1 FOR UPDATE`, id); err != nil {
			return err
		}
		_, err = tx.ExecContext(c.Request.Context(), `UPDATE users SET
				role = COALESCE($2, role), agency_id = COALESCE($3, agency_id),
				active = COALESCE($4, active), display_name = COALESCE($5, display_name), updated_at = now()
			WHERE id = $1`, id, req.Role, req.AgencyID, req.Active, req.DisplayName)
		if err != nil {
			return err
		}
		if after, err = getUser(c.Request.Context(), tx, id); err != nil {
			return err
		}
		// A new role or a disabled account must not live on in old sessions.
		if after.Role != before.Role || !after.Active || !equalPtr(after.AgencyID, before.AgencyID) {
			if err := revokeUserTokens(c.Request.Context(), tx, id); err != nil {
				return err
			}
		}
		return audit.Write(c.Request.Context(), tx, ActorOf(c, h.Client(c)), audit.Entry{Action: "user.updated", EntityType: "user",
			EntityID: itoa(id), AgencyID: after.AgencyID, Before: before, After: after})
	})
	if httpx.Fail(c, err) {
		return
	}
	c.JSON(http.StatusOK, after)
}

type resetPasswordRequest struct {
	NewPassword string `json:"new_password"`
}

func (h *Handler) resetPassword(c *gin.Context) {
	id, err := httpx.PathID(c, "id")
	if httpx.Fail(c, err) {
		return
	}
	var req resetPasswordRequest
	if httpx.Fail(c, httpx.BindJSON(c, &req)) {
		return
	}
	u, err := getUser(c.Request.Context(), h.db, id)
	if httpx.Fail(c, err) {
		return
	}
	if httpx.Fail(c, checkNewPassword(req.NewPassword, u.Username)) {
		return
	}
	err = h.svc.setPassword(c.Request.Context(), id, req.NewPassword, true, "user.password_reset", ActorOf(c, h.Client(c)), nil)
	if httpx.Fail(c, err) {
		return
	}
	c.Status(http.StatusNoContent)
}

func equalPtr(a, b *int64) bool {
	return (a == nil && b == nil) || (a != nil && b != nil && *a == *b)
}
