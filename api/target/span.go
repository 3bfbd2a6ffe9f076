package target

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/jmoiron/sqlx"

	"github.com/govtrain/lms/api/audit"
	"github.com/govtrain/lms/api/auth"
	"github.com/govtrain/lms/api/platform/db"
	"github.com/govtrain/lms/api/platform/errs"
	"github.com/govtrain/lms/api/platform/httpx"
)

// endSpan gives the dated record id of table (positions, agency_mailboxes)
// its last day, once, not before its first, when its agency is in p's
// scope; what names the record in the conflict ("position" gives
// position_ended). entry makes the audit entry once the day is written.
func (s *Service) endSpan(ctx context.Context, p auth.Principal, actor audit.Actor, table, what string, id int64, validTo string,
	entry func(tx *sqlx.Tx) (audit.Entry, error)) error {
	f := errs.Fields{}
	to := date(f, "valid_to", validTo, true)
	if len(f) > 0 {
		return f.Err()
	}
	return db.WithTx(ctx, s.db, func(tx *sqlx.Tx) error {
		var sp struct {
			AgencyID  int64      `db:"agency_id"`
			ValidFrom time.Time  `db:"valid_from"`
			ValidTo   *time.Time `db:"valid_to"`
		}
		err := tx.GetContext(ctx, &sp, `SELECT agency_id, valid_from, valid_to FROM `+table+` WHERE id = $1 FOR UPDATE`, id)
		if errors.Is(err, sql.ErrNoRows) {
			return errs.ErrNotFound
		}
		if err != nil {
			return err
		}
		if err := inScope(ctx, tx, p, sp.AgencyID); err != nil {
			return err
		}
		switch {
		case sp.ValidTo != nil:
			return errs.New(errs.Conflict, what+"_ended", "this "+what+" has already ended")
		case to.Before(sp.ValidFrom):
			return errs.Fields{"valid_to": "before_valid_from"}.Err()
		}
		if _, err := tx.ExecContext(ctx, `UPDATE `+table+` SET valid_to = $2 WHERE id = $1`, id, *to); err != nil {
			return err
		}
		e, err := entry(tx)
		if err != nil {
			return err
		}
		return audit.Write(ctx, tx, actor, e)
	})
}

// endRoute serves POST path {valid_to} with end.
func endRoute(g *gin.RouterGroup, path string, actor func(*gin.Context) audit.Actor,
	end func(ctx context.Context, p auth.Principal, actor audit.Actor, id int64, validTo string) (any, error)) {
	g.POST(path, func(c *gin.Context) {
		httpx.ServeID(c, func(id int64) (any, error) {
			var req struct {
				ValidTo string `json:"valid_to"`
			}
			if err := httpx.BindJSON(c, &req); err != nil {
				return nil, err
			}
			return end(c.Request.Context(), auth.MustFrom(c), actor(c), id, req.ValidTo)
		})
	})
}
