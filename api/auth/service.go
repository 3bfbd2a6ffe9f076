package auth

import (
	"context"
	"database/sql"
	"errors"
	"math"
	"time"

	"github.com/google/uuid"
	"github.com/jmoiron/sqlx"

	"github.com/govtrain/lms/api/audit"
	"github.com/govtrain/lms/api/platform/db"
	"github.com/govtrain/lms/api/platform/errs"
)

// Service holds the sign-in rules.
type Service struct {
	db         *sqlx.DB
	tokens     *Tokens
	refreshTTL time.Duration
}

// NewService returns a Service.
func NewService(d *sqlx.DB, tokens *Tokens, refreshTTL time.Duration) *Service {
	return &Service{db: d, tokens: tokens, refreshTTL: refreshTTL}
}

// Session is what a successful sign-in or refresh returns: a new access token
// for the body and a new refresh token for the cookie.
type Session struct {
	AccessToken  string
	ExpiresIn    time.Duration
	RefreshToken string
	Account      account
}

var (
	errBadCredentials = errs.New(errs.Unauthorized, "invalid_credentials", "wrong username or password")
	errDisabled       = errs.New(errs.Forbidden, "account_disabled", "this account is disabled; ask your administrator")
	errBadRefresh     = errs.New(errs.Unauthorized, "invalid_refresh_token", "the session has ended; sign in again")
)

// dummyHash is checked when the username does not exist, so that a wrong
// username costs as much time as a wrong password.
var dummyHash, _ = HashPassword("not a real password")

// Login checks a username and password, throttling failures per account and
// per client, and opens a new refresh-token family.
func (s *Service) Login(ctx context.Context, username, password string, actor audit.Actor) (Session, error) {
	wait, err := throttled(ctx, s.db, username, actor.Client)
	if err != nil {
		return Session{}, err
	}
	if wait > 0 {
		return Session{}, errs.New(errs.TooMany, "too_many_attempts", "too many failed sign-ins; wait and try again").
			With("retry_after_seconds", int(math.Ceil(wait.Seconds())))
	}
	acc, err := accountByUsername(ctx, s.db, username)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return Session{}, err
	}
	hash := acc.PasswordHash
	if hash == "" {
		hash = dummyHash
	}
	ok, err := checkPassword(ctx, hash, password)
	if err != nil {
		return Session{}, err
	}
	if !ok || acc.ID == 0 {
		err := db.WithTx(ctx, s.db, func(tx *sqlx.Tx) error {
			if err := recordFailure(ctx, tx, username, actor.Client); err != nil {
				return err
			}
			return audit.Write(ctx, tx, actor, audit.Entry{Action: "auth.login_failed", EntityType: "user",
				EntityID: idOrEmpty(acc.ID), After: map[string]any{"username": username}})
		})
		if err != nil {
			return Session{}, err
		}
		return Session{}, errBadCredentials
	}
	if !acc.Active {
		return Session{}, errDisabled
	}
	var sess Session
	err = db.WithTx(ctx, s.db, func(tx *sqlx.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE users SET last_login_at = now() WHERE id = $1`, acc.ID); err != nil {
			return err
		}
		if err := clearFailures(ctx, tx, username); err != nil {
			return err
		}
		id := acc.ID
		actor.UserID, actor.Name = &id, acc.Username
		if err := audit.Write(ctx, tx, actor, audit.Entry{Action: "auth.login", EntityType: "user", EntityID: idOrEmpty(acc.ID)}); err != nil {
			return err
		}
		sess, err = s.open(ctx, tx, acc, uuid.NewString())
		return err
	})
	return sess, err
}

// Refresh exchanges a refresh token for a new one of the same family and a new
// access token. A token presented twice means it was stolen (or raced): the
// whole family is revoked and both holders must sign in again.
func (s *Service) Refresh(ctx context.Context, token string, actor audit.Actor) (Session, error) {
	if token == "" || len(token) > 100 {
		return Session{}, errBadRefresh
	}
	var sess Session
	reused := false
	err := db.WithTx(ctx, s.db, func(tx *sqlx.Tx) error {
		r, err := refreshByHash(ctx, tx, hashToken(token))
		if errors.Is(err, sql.ErrNoRows) {
			return errBadRefresh
		}
		if err != nil {
			return err
		}
		if r.RevokedAt != nil {
			return errBadRefresh
		}
		if r.UsedAt != nil {
			reused = true
			if err := revokeFamily(ctx, tx, r.FamilyID); err != nil {
				return err
			}
			uid := r.UserID
			actor.UserID, actor.Name = &uid, r.Username
			return audit.Write(ctx, tx, actor, audit.Entry{Action: "auth.refresh_reused", EntityType: "user",
				EntityID: idOrEmpty(r.UserID), After: map[string]any{"family": r.FamilyID}})
		}
		if time.Now().After(r.ExpiresAt) {
			return errBadRefresh
		}
		if _, err := tx.ExecContext(ctx, `UPDATE refresh_tokens SET used_at = now() WHERE id = $1`, r.ID); err != nil {
			return err
		}
		acc, err := accountByID(ctx, tx, r.UserID, false)
		if err != nil {
			return err
		}
		if !acc.Active {
			return errDisabled
		}
		sess, err = s.open(ctx, tx, acc, r.FamilyID)
		return err
	})
	if err == nil && reused {
		err = errBadRefresh
	}
	return sess, err
}

// Logout revokes the family of the presented refresh token, if it is known.
func (s *Service) Logout(ctx context.Context, token string, actor audit.Actor) error {
	if token == "" || len(token) > 100 {
		return nil
	}
	return db.WithTx(ctx, s.db, func(tx *sqlx.Tx) error {
		r, err := refreshByHash(ctx, tx, hashToken(token))
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		if err := revokeFamily(ctx, tx, r.FamilyID); err != nil {
			return err
		}
		uid := r.UserID
		actor.UserID, actor.Name = &uid, r.Username
		return audit.Write(ctx, tx, actor, audit.Entry{Action: "auth.logout", EntityType: "user", EntityID: idOrEmpty(r.UserID)})
	})
}

// ChangePassword sets a new password after checking the current one and
// clears must_change_password. It ends every session of the user (a stolen
// session dies with the old password) and returns a fresh refresh token for
// the caller's own.
func (s *Service) ChangePassword(ctx context.Context, userID int64, current, next string, actor audit.Actor) (string, error) {
	acc, err := accountByID(ctx, s.db, userID, false)
	if err != nil {
		return "", err
	}
	ok, err := checkPassword(ctx, acc.PasswordHash, current)
	if err != nil {
		return "", err
	}
	if !ok {
		return "", errs.New(errs.Invalid, "wrong_password", "the current password is wrong").
			With("fields", map[string]string{"current_password": "wrong_password"})
	}
	if err := checkNewPassword(next, acc.Username); err != nil {
		return "", err
	}
	var sess Session
	err = s.setPassword(ctx, userID, next, false, "auth.password_changed", actor, func(tx *sqlx.Tx) (err error) {
		sess, err = s.open(ctx, tx, acc, uuid.NewString())
		return err
	})
	return sess.RefreshToken, err
}

// setPassword stores a new password hash, revokes every refresh token of the
// user, writes the audit entry and then runs then (if not nil) in the same
// transaction.
func (s *Service) setPassword(ctx context.Context, userID int64, password string, mustChange bool, action string,
	actor audit.Actor, then func(tx *sqlx.Tx) error) error {
	hash, err := HashPassword(password)
	if err != nil {
		return err
	}
	return db.WithTx(ctx, s.db, func(tx *sqlx.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = $2, must_change_password = $3,
			password_changed_at = now(), updated_at = now() WHERE id = $1`, userID, hash, mustChange)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errs.ErrNotFound
		}
		if err := revokeUserTokens(ctx, tx, userID); err != nil {
			return err
		}
		if err := audit.Write(ctx, tx, actor, audit.Entry{Action: action, EntityType: "user", EntityID: idOrEmpty(userID)}); err != nil {
			return err
		}
		if then != nil {
			return then(tx)
		}
		return nil
	})
}

func checkNewPassword(pw, username string) error {
	field := map[string]string{"new_password": "weak_password"}
	if len([]rune(pw)) < MinPasswordLen || len(pw) > 200 || pw == username {
		return errs.New(errs.Invalid, "weak_password", "the new password must have at least 8 characters and differ from the username").
			With("fields", field)
	}
	return nil
}

// open starts a session for acc in family: a new refresh token row and a new
// access token.
func (s *Service) open(ctx context.Context, tx *sqlx.Tx, acc account, family string) (Session, error) {
	tok, hash, err := newRefreshToken()
	if err != nil {
		return Session{}, err
	}
	if err := insertRefresh(ctx, tx, family, acc.ID, hash, time.Now().Add(s.refreshTTL)); err != nil {
		return Session{}, err
	}
	access, ttl, err := s.tokens.Issue(acc.principal())
	if err != nil {
		return Session{}, err
	}
	return Session{AccessToken: access, ExpiresIn: ttl, RefreshToken: tok, Account: acc}, nil
}

func idOrEmpty(id int64) string {
	if id == 0 {
		return ""
	}
	return itoa(id)
}
