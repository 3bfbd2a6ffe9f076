package target

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/jmoiron/sqlx"

	"github.com/govtrain/lms/api/audit"
	"github.com/govtrain/lms/api/auth"
	"github.com/govtrain/lms/api/platform/db"
	"github.com/govtrain/lms/api/platform/errs"
	"github.com/govtrain/lms/api/platform/httpx"
)

// Mailbox is an agency's official mailbox for a span of days.
type Mailbox struct {
	ID        int64      `db:"id" json:"id"`
	AgencyID  int64      `db:"agency_id" json:"agency_id"`
	Address   string     `db:"address" json:"address"`
	ValidFrom time.Time  `db:"valid_from" json:"valid_from"`
	ValidTo   *time.Time `db:"valid_to" json:"valid_to"`
}

var mailboxRe = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)

// Mailboxes lists an agency's mailboxes, current first.
func (s *Service) Mailboxes(ctx context.Context, p auth.Principal, agency int64) ([]Mailbox, error) {
	if err := inScope(ctx, s.db, p, agency); err != nil {
		return nil, err
	}
	items := []Mailbox{}
	err := s.db.SelectContext(ctx, &items, `SELECT id, agency_id, address, valid_from, valid_to FROM agency_mailboxes
		WHERE agency_id = $1 ORDER BY valid_to IS NOT NULL, valid_from DESC`, agency)
	return items, err
}

// AddMailbox records an agency's official mailbox from a day; the one
// before it, if still open, ends the day before.
func (s *Service) AddMailbox(ctx context.Context, p auth.Principal, actor audit.Actor, agency int64, address, validFrom string) (Mailbox, error) {
	f := errs.Fields{}
	address = strings.ToLower(strings.TrimSpace(address))
	if !mailboxRe.MatchString(address) || len(address) > 200 {
		f["address"] = "invalid"
	}
	from := date(f, "valid_from", validFrom, true)
	if len(f) > 0 {
		return Mailbox{}, f.Err()
	}
	var out Mailbox
	err := db.WithTx(ctx, s.db, func(tx *sqlx.Tx) error {
		if err := inScope(ctx, tx, p, agency); err != nil {
			return err
		}
		var later bool
		if err := tx.GetContext(ctx, &later, `SELECT EXISTS (SELECT 1 FROM agency_mailboxes WHERE agency_id = $1 AND valid_from >= $2)`,
			agency, *from); err != nil {
			return err
		}
		if later {
			return errs.Fields{"valid_from": "out_of_range"}.Err() // history is added at its end, never rewritten
		}
		if _, err := tx.ExecContext(ctx, `UPDATE agency_mailboxes SET valid_to = $2::date - 1 WHERE agency_id = $1 AND valid_to IS NULL`,
			agency, *from); err != nil {
			return err
		}
		if err := tx.GetContext(ctx, &out, `INSERT INTO agency_mailboxes (agency_id, address, valid_from) VALUES ($1, $2, $3)
			RETURNING id, agency_id, address, valid_from, valid_to`, agency, address, *from); err != nil {
			return err
		}
		return audit.Write(ctx, tx, actor, audit.Entry{Action: "mailbox.added", EntityType: "agency", EntityID: itoa(agency),
			AgencyID: &agency, After: out})
	})
	return out, err
}

// EndMailbox records a mailbox's last day.
func (s *Service) EndMailbox(ctx context.Context, p auth.Principal, actor audit.Actor, id int64, validTo string) (Mailbox, error) {
	var out Mailbox
	err := s.endSpan(ctx, p, actor, "agency_mailboxes", "mailbox", id, validTo, func(tx *sqlx.Tx) (audit.Entry, error) {
		err := tx.GetContext(ctx, &out, `SELECT id, agency_id, address, valid_from, valid_to FROM agency_mailboxes WHERE id = $1`, id)
		return audit.Entry{Action: "mailbox.ended", EntityType: "agency", EntityID: itoa(out.AgencyID), AgencyID: &out.AgencyID,
			After: out}, err
	})
	return out, err
}

// registerMailboxes adds the routes of mailboxes to g.
func (h *Handler) registerMailboxes(g *gin.RouterGroup, actor func(*gin.Context) audit.Actor) {
	g.GET("/agencies/:id/mailboxes", func(c *gin.Context) {
		httpx.ServeID(c, func(id int64) (any, error) {
			items, err := h.svc.Mailboxes(c.Request.Context(), auth.MustFrom(c), id)
			return gin.H{"items": items}, err
		})
	})
	g.POST("/agencies/:id/mailboxes", func(c *gin.Context) {
		id, err := httpx.PathID(c, "id")
		if httpx.Fail(c, err) {
			return
		}
		var req struct {
			Address   string `json:"address"`
			ValidFrom string `json:"valid_from"`
		}
		if httpx.Fail(c, httpx.BindJSON(c, &req)) {
			return
		}
		out, err := h.svc.AddMailbox(c.Request.Context(), auth.MustFrom(c), actor(c), id, req.Address, req.ValidFrom)
		if httpx.Fail(c, err) {
			return
		}
		c.JSON(http.StatusCreated, out)
	})
	endRoute(g, "/mailboxes/:id/end", actor, func(ctx context.Context, p auth.Principal, a audit.Actor, id int64, to string) (any, error) {
		return h.svc.EndMailbox(ctx, p, a, id, to)
	})
}
