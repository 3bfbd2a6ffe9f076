package auth

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"
)

// account is a users row with what sign-in needs.
type account struct {
	ID                 int64     `db:"id"`
	Username           string    `db:"username"`
	PasswordHash       string    `db:"password_hash"`
	Role               Role      `db:"role"`
	PersonID           *int64    `db:"person_id"`
	AgencyID           *int64    `db:"agency_id"`
	DisplayName        string    `db:"display_name"`
	Active             bool      `db:"active"`
	MustChangePassword bool      `db:"must_change_password"`
	PasswordChangedAt  time.Time `db:"password_changed_at"`
}

func (a account) principal() Principal {
	return Principal{UserID: a.ID, Username: a.Username, Name: a.DisplayName, Role: a.Role, AgencyID: a.AgencyID, PersonID: a.PersonID}
}

// accountColumns names a person-linked account's display name after the person
// when the account has none of its own. The agency of a learner is their person's.
const accountColumns = `u.id, u.username, u.password_hash, u.role, u.person_id,
	COALESCE(u.agency_id, p.agency_id) AS agency_id,
	COALESCE(NULLIF(u.display_name, ''), p.full_name, u.username) AS display_name,
	u.active, u.must_change_password, u.password_changed_at`

func accountByUsername(ctx context.Context, q sqlx.QueryerContext, username string) (account, error) {
	var a account
	err := sqlx.GetContext(ctx, q, &a, `SELECT `+accountColumns+`
		FROM users u LEFT JOIN people p ON p.id = u.person_id WHERE u.username = $1`, username)
	return a, err
}

func accountByID(ctx context.Context, q sqlx.QueryerContext, id int64, lock bool) (account, error) {
	var a account
	forUpdate := ""
	if lock {
		forUpdate = " FOR UPDATE OF u"
	}
	err := sqlx.GetContext(ctx, q, &a, `SELECT `+accountColumns+`
		FROM users u LEFT JOIN people p ON p.id = u.person_id WHERE u.id = $1`+forUpdate, id)
	return a, err
}

// refreshRow is a stored refresh token.
type refreshRow struct {
	ID        int64      `db:"id"`
	FamilyID  string     `db:"family_id"`
	UserID    int64      `db:"user_id"`
	Username  string     `db:"username"`
	ExpiresAt time.Time  `db:"expires_at"`
	UsedAt    *time.Time `db:"used_at"`
	RevokedAt *time.Time `db:"revoked_at"`
}

func insertRefresh(ctx context.Context, ext sqlx.ExecerContext, family string, userID int64, hash []byte, expires time.Time) error {
	_, err := ext.ExecContext(ctx, `INSERT INTO refresh_tokens (family_id, user_id, token_hash, expires_at) VALUES ($1, $2, $3, $4)`,
		family, userID, hash, expires)
	return err
}

func refreshByHash(ctx context.Context, q sqlx.QueryerContext, hash []byte) (refreshRow, error) {
	var r refreshRow
	err := sqlx.GetContext(ctx, q, &r, `SELECT t.id, t.family_id, t.user_id, u.username, t.expires_at, t.used_at, t.revoked_at
		FROM refresh_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1 FOR UPDATE OF t`, hash)
	return r, err
}

func revokeFamily(ctx context.Context, ext sqlx.ExecerContext, family string) error {
	_, err := ext.ExecContext(ctx, `UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, family)
	return err
}

func revokeUserTokens(ctx context.Context, ext sqlx.ExecerContext, userID int64) error {
	_, err := ext.ExecContext(ctx, `UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, userID)
	return err
}
