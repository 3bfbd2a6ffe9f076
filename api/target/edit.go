package target

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"net/http"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"
	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/govtrain/lms/api/audit"
	"github.com/govtrain/lms/api/auth"
	"github.com/govtrain/lms/api/platform/db"
	"github.com/govtrain/lms/api/platform/errs"
	"github.com/govtrain/lms/api/platform/httpx"
)

// TargetInput is a target as Home Affairs writes it: from the vocabulary
// only.
type TargetInput struct {
	Code       string  `json:"code"`
	TextVI     string  `json:"text_vi"`
	TextEN     string  `json:"text_en"`
	Section    string  `json:"section"`
	Population string  `json:"population"`
	Metric     string  `json:"metric"`
	Params     Params  `json:"params"`
	Rule       string  `json:"rule"`
	Threshold  float64 `json:"threshold"`
	Deadline   string  `json:"deadline"`
	Position   int     `json:"position"`
	Active     bool    `json:"active"`
	Version    int     `json:"version"` // PUT: the version edited
}

var targetCode = regexp.MustCompile(`^[A-Z0-9][A-Z0-9-]{1,29}$`)

func (in *TargetInput) check() error {
	f := errs.Fields{}
	in.Code, in.TextVI, in.TextEN = strings.ToUpper(strings.TrimSpace(in.Code)), strings.TrimSpace(in.TextVI), strings.TrimSpace(in.TextEN)
	if !targetCode.MatchString(in.Code) {
		f["code"] = "invalid"
	}
	switch {
	case in.TextVI == "":
		f["text_vi"] = "required"
	case utf8.RuneCountInString(in.TextVI) > 500:
		f["text_vi"] = "too_long"
	}
	if utf8.RuneCountInString(in.TextEN) > 500 || utf8.RuneCountInString(in.Section) > 50 {
		f["text_en"] = "too_long"
	}
	for k, v := range Check(in.Population, in.Metric, in.Params) {
		f[k] = v
	}
	if in.Rule != "gt" && in.Rule != "ge" {
		f["rule"] = "invalid"
	}
	if in.Threshold < 0 || in.Threshold > 100 {
		f["threshold"] = "out_of_range"
	}
	date(f, "deadline", in.Deadline, true)
	return f.Err()
}

// SaveTarget creates (id 0) or changes a target; in the audit log.
func (s *Service) SaveTarget(ctx context.Context, actor audit.Actor, id int64, in TargetInput) (int64, error) {
	if err := in.check(); err != nil {
		return 0, err
	}
	params, err := json.Marshal(in.Params)
	if err != nil {
		return 0, err
	}
	creating := id == 0
	err = db.WithTx(ctx, s.db, func(tx *sqlx.Tx) error {
		var err error
		if creating {
			err = tx.GetContext(ctx, &id, `INSERT INTO targets (code, text_vi, text_en, section, population, metric, params, rule,
				threshold, deadline, position, active) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
				in.Code, in.TextVI, in.TextEN, in.Section, in.Population, in.Metric, params, in.Rule, in.Threshold, in.Deadline, in.Position, in.Active)
		} else {
			var ver int
			if err := tx.GetContext(ctx, &ver, `SELECT version FROM targets WHERE id = $1 FOR UPDATE`, id); err != nil {
				if errors.Is(err, sql.ErrNoRows) {
					return errs.ErrNotFound
				}
				return err
			}
			if ver != in.Version {
				return errs.New(errs.Conflict, "version_conflict", "someone else changed this target; reload it")
			}
			_, err = tx.ExecContext(ctx, `UPDATE targets SET code = $2, text_vi = $3, text_en = $4, section = $5, population = $6,
				metric = $7, params = $8, rule = $9, threshold = $10, deadline = $11, position = $12, active = $13,
				version = version + 1, updated_at = now() WHERE id = $1`,
				id, in.Code, in.TextVI, in.TextEN, in.Section, in.Population, in.Metric, params, in.Rule, in.Threshold, in.Deadline,
				in.Position, in.Active)
		}
		var pe *pq.Error
		if errors.As(err, &pe) && pe.Code == "23505" {
			return errs.Fields{"code": "taken"}.Err()
		}
		if err != nil {
			return err
		}
		action := map[bool]string{true: "target.created", false: "target.updated"}[creating]
		return audit.Write(ctx, tx, actor, audit.Entry{Action: action, EntityType: "target", EntityID: in.Code, After: in})
	})
	return id, err
}

// Definition is a target as Home Affairs edits it: active or not, in its
// place on the dashboard.
type Definition struct {
	Target
	Position int  `db:"position" json:"position"`
	Active   bool `db:"active" json:"active"`
}

// Definitions lists every target, inactive ones too, in the dashboard's
// order.
func (s *Service) Definitions(ctx context.Context) ([]Definition, error) {
	items := []Definition{}
	err := s.db.SelectContext(ctx, &items, `SELECT id, code, text_vi, text_en, section, population, metric, params, rule,
		threshold, deadline, version, position, active FROM targets ORDER BY position, code`)
	return items, err
}

// RegisterEditing adds the routes that list and write targets (Home
// Affairs, admin).
func (h *Handler) RegisterEditing(rg *gin.RouterGroup, actor func(*gin.Context) audit.Actor) {
	g := rg.Group("", auth.Require(auth.TargetsManage))
	save := func(c *gin.Context, id int64) (int64, error) {
		var in TargetInput
		if err := httpx.BindJSON(c, &in); err != nil {
			return 0, err
		}
		if id == 0 {
			in.Version = 0
		}
		return h.svc.SaveTarget(c.Request.Context(), actor(c), id, in)
	}
	g.GET("/targets/definitions", func(c *gin.Context) {
		items, err := h.svc.Definitions(c.Request.Context())
		if httpx.Fail(c, err) {
			return
		}
		c.JSON(http.StatusOK, gin.H{"items": items})
	})
	g.POST("/targets", func(c *gin.Context) {
		id, err := save(c, 0)
		if httpx.Fail(c, err) {
			return
		}
		c.JSON(http.StatusCreated, gin.H{"id": id})
	})
	g.PUT("/targets/:id", func(c *gin.Context) {
		httpx.ServeID(c, func(id int64) (any, error) {
			if _, err := save(c, id); err != nil {
				return nil, err
			}
			return gin.H{"id": id}, nil
		})
	})
}
