package target

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"
	"github.com/jmoiron/sqlx"

	"github.com/govtrain/lms/api/audit"
	"github.com/govtrain/lms/api/auth"
	"github.com/govtrain/lms/api/platform/db"
	"github.com/govtrain/lms/api/platform/errs"
	"github.com/govtrain/lms/api/platform/httpx"
)

// Position is a person's role in an agency for a span of days.
type Position struct {
	ID           int64      `db:"id" json:"id"`
	PersonID     int64      `db:"person_id" json:"person_id"`
	PersonName   string     `db:"person_name" json:"person_name"`
	AgencyID     int64      `db:"agency_id" json:"agency_id"`
	AgencyName   string     `db:"agency_name" json:"agency_name"`
	Role         string     `db:"role" json:"role"`
	ValidFrom    time.Time  `db:"valid_from" json:"valid_from"`
	ValidTo      *time.Time `db:"valid_to" json:"valid_to"`
	DecisionNo   string     `db:"decision_no" json:"decision_no"`
	DecisionDate *time.Time `db:"decision_date" json:"decision_date"`
}

const positionSelect = `SELECT po.id, po.person_id, p.full_name AS person_name, po.agency_id, a.name AS agency_name, po.role,
	po.valid_from, po.valid_to, po.decision_no, po.decision_date
	FROM positions po JOIN people p ON p.id = po.person_id JOIN agencies a ON a.id = po.agency_id`

// inScope answers not found unless agency is one p maintains: managers
// their subtree, Home Affairs and admins all.
func inScope(ctx context.Context, q sqlx.QueryerContext, p auth.Principal, agency int64) error {
	sc := p.Scope()
	var ok bool
	err := sqlx.GetContext(ctx, q, &ok, `SELECT EXISTS (SELECT 1 FROM agencies a WHERE a.id = $1
		AND ($2 OR a.id IN (SELECT descendant_id FROM agency_closure WHERE ancestor_id = $3)))`, agency, sc.All, sc.AgencyID)
	if err == nil && !ok {
		return errs.ErrNotFound
	}
	return err
}

// Positions lists the positions of an agency's subtree, current ones first,
// history included.
func (s *Service) Positions(ctx context.Context, p auth.Principal, agency int64) ([]Position, error) {
	if err := inScope(ctx, s.db, p, agency); err != nil {
		return nil, err
	}
	items := []Position{}
	err := s.db.SelectContext(ctx, &items, positionSelect+`
		WHERE po.agency_id IN (SELECT descendant_id FROM agency_closure WHERE ancestor_id = $1)
		ORDER BY po.valid_to IS NOT NULL, a.name, po.role, po.valid_from DESC`, agency)
	return items, err
}

// PositionInput starts a position.
type PositionInput struct {
	PersonID     int64  `json:"person_id"`
	AgencyID     int64  `json:"agency_id"`
	Role         string `json:"role"`
	ValidFrom    string `json:"valid_from"`
	DecisionNo   string `json:"decision_no"`
	DecisionDate string `json:"decision_date"`
}

func date(f errs.Fields, name, v string, required bool) *time.Time {
	if v == "" {
		if required {
			f[name] = "required"
		}
		return nil
	}
	t, err := time.Parse(time.DateOnly, v)
	if err != nil {
		f[name] = "invalid_date"
		return nil
	}
	return &t
}

// StartPosition records that a person holds a role in an agency from a day.
func (s *Service) StartPosition(ctx context.Context, p auth.Principal, actor audit.Actor, in PositionInput) (Position, error) {
	f := errs.Fields{}
	if !slices.Contains(Roles, in.Role) {
		f["role"] = "invalid"
	}
	from := date(f, "valid_from", in.ValidFrom, true)
	decided := date(f, "decision_date", in.DecisionDate, false)
	if in.DecisionNo = strings.TrimSpace(in.DecisionNo); utf8.RuneCountInString(in.DecisionNo) > 100 {
		f["decision_no"] = "too_long"
	}
	if in.PersonID <= 0 {
		f["person_id"] = "required"
	}
	if in.AgencyID <= 0 {
		f["agency_id"] = "required"
	}
	if len(f) > 0 {
		return Position{}, f.Err()
	}
	var id int64
	err := db.WithTx(ctx, s.db, func(tx *sqlx.Tx) error {
		if err := inScope(ctx, tx, p, in.AgencyID); err != nil {
			return errs.Fields{"agency_id": "not_found"}.Err()
		}
		var person bool
		if err := tx.GetContext(ctx, &person, `SELECT EXISTS (SELECT 1 FROM people WHERE id = $1)`, in.PersonID); err != nil {
			return err
		}
		if !person {
			return errs.Fields{"person_id": "not_found"}.Err()
		}
		var overlap bool
		if err := tx.GetContext(ctx, &overlap, `SELECT EXISTS (SELECT 1 FROM positions WHERE person_id = $1 AND agency_id = $2
			AND role = $3 AND (valid_to IS NULL OR valid_to >= $4))`, in.PersonID, in.AgencyID, in.Role, *from); err != nil {
			return err
		}
		if overlap {
			return errs.New(errs.Conflict, "position_overlaps", "the person already holds this role in this agency then; end that position first")
		}
		if err := tx.GetContext(ctx, &id, `INSERT INTO positions (person_id, agency_id, role, valid_from, decision_no, decision_date, created_by)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, in.PersonID, in.AgencyID, in.Role, *from, in.DecisionNo, decided, p.UserID); err != nil {
			return err
		}
		agency := in.AgencyID
		return audit.Write(ctx, tx, actor, audit.Entry{Action: "position.started", EntityType: "position", EntityID: itoa(id),
			AgencyID: &agency, After: in})
	})
	if err != nil {
		return Position{}, err
	}
	var out Position
	err = s.db.GetContext(ctx, &out, positionSelect+` WHERE po.id = $1`, id)
	return out, err
}

// EndPosition records the last day of a position.
func (s *Service) EndPosition(ctx context.Context, p auth.Principal, actor audit.Actor, id int64, validTo string) (Position, error) {
	var out Position
	err := s.endSpan(ctx, p, actor, "positions", "position", id, validTo, func(tx *sqlx.Tx) (audit.Entry, error) {
		err := tx.GetContext(ctx, &out, positionSelect+` WHERE po.id = $1`, id)
		return audit.Entry{Action: "position.ended", EntityType: "position", EntityID: itoa(id), AgencyID: &out.AgencyID,
			After: map[string]string{"valid_to": validTo}}, err
	})
	return out, err
}

// RegisterFacts adds the routes of positions, mailboxes and IT degrees to rg (signed
// in): agency managers in their subtree, Home Affairs and admins all.
func (h *Handler) RegisterFacts(rg *gin.RouterGroup, actor func(*gin.Context) audit.Actor, maxUpload int64) {
	g := rg.Group("", auth.Require(auth.PeopleWrite))
	h.registerMailboxes(g, actor)
	h.registerQualifications(g, actor, maxUpload)
	g.GET("/agencies/:id/positions", func(c *gin.Context) {
		httpx.ServeID(c, func(id int64) (any, error) {
			items, err := h.svc.Positions(c.Request.Context(), auth.MustFrom(c), id)
			return gin.H{"items": items}, err
		})
	})
	g.POST("/positions", func(c *gin.Context) {
		var in PositionInput
		if httpx.Fail(c, httpx.BindJSON(c, &in)) {
			return
		}
		out, err := h.svc.StartPosition(c.Request.Context(), auth.MustFrom(c), actor(c), in)
		if httpx.Fail(c, err) {
			return
		}
		c.JSON(http.StatusCreated, out)
	})
	endRoute(g, "/positions/:id/end", actor, func(ctx context.Context, p auth.Principal, a audit.Actor, id int64, to string) (any, error) {
		return h.svc.EndPosition(ctx, p, a, id, to)
	})
}
