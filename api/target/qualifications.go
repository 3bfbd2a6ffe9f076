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

// Qualification is a person's IT degree.
type Qualification struct {
	ID          int64     `db:"id" json:"id"`
	PersonID    int64     `db:"person_id" json:"person_id"`
	Level       string    `db:"level" json:"level"`
	Field       string    `db:"field" json:"field"`
	ITField     bool      `db:"it_field" json:"it_field"`
	AwardedOn   time.Time `db:"awarded_on" json:"awarded_on"`
	Institution string    `db:"institution" json:"institution"`
	Evidence    *string   `db:"evidence_name" json:"evidence_name"`
}

// personInScope answers not found unless person works, today, in an agency
// p maintains.
func personInScope(ctx context.Context, q sqlx.QueryerContext, p auth.Principal, person int64) error {
	var agency int64
	if err := sqlx.GetContext(ctx, q, &agency, `SELECT agency_id FROM people WHERE id = $1`, person); err != nil {
		return errs.ErrNotFound
	}
	return inScope(ctx, q, p, agency)
}

// Qualifications lists a person's IT degrees.
func (s *Service) Qualifications(ctx context.Context, p auth.Principal, person int64) ([]Qualification, error) {
	if err := personInScope(ctx, s.db, p, person); err != nil {
		return nil, err
	}
	items := []Qualification{}
	err := s.db.SelectContext(ctx, &items, `SELECT id, person_id, level, field, it_field, awarded_on, institution, evidence_name
		FROM qualifications WHERE person_id = $1 ORDER BY awarded_on DESC`, person)
	return items, err
}

// QualificationInput is a degree as recorded, with its evidence.
type QualificationInput struct {
	Level, Field, AwardedOn, Institution string
	ITField                              bool
	EvidenceName                         string
	Evidence                             []byte
}

// AddQualification records a person's IT degree.
func (s *Service) AddQualification(ctx context.Context, p auth.Principal, actor audit.Actor, person int64, in QualificationInput) (Qualification, error) {
	f := errs.Fields{}
	in.Field, in.Institution = strings.TrimSpace(in.Field), strings.TrimSpace(in.Institution)
	if !slices.Contains(DegreeLevels, in.Level) {
		f["level"] = "invalid"
	}
	switch {
	case in.Field == "":
		f["field"] = "required"
	case utf8.RuneCountInString(in.Field) > 200:
		f["field"] = "too_long"
	}
	if utf8.RuneCountInString(in.Institution) > 200 {
		f["institution"] = "too_long"
	}
	awarded := date(f, "awarded_on", in.AwardedOn, true)
	if awarded != nil && awarded.After(time.Now()) {
		f["awarded_on"] = "out_of_range"
	}
	if len(in.Evidence) > 0 && !slices.Contains([]string{"application/pdf", "image/jpeg", "image/png"}, http.DetectContentType(in.Evidence)) {
		f["evidence"] = "invalid"
	}
	if len(f) > 0 {
		return Qualification{}, f.Err()
	}
	var out Qualification
	err := db.WithTx(ctx, s.db, func(tx *sqlx.Tx) error {
		if err := personInScope(ctx, tx, p, person); err != nil {
			return err
		}
		var name, kind *string
		var data []byte
		if len(in.Evidence) > 0 {
			n, k := in.EvidenceName, http.DetectContentType(in.Evidence)
			name, kind, data = &n, &k, in.Evidence
		}
		if err := tx.GetContext(ctx, &out, `INSERT INTO qualifications (person_id, level, field, it_field, awarded_on, institution,
			evidence_name, evidence_type, evidence, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
			RETURNING id, person_id, level, field, it_field, awarded_on, institution, evidence_name`,
			person, in.Level, in.Field, in.ITField, *awarded, in.Institution, name, kind, data, p.UserID); err != nil {
			return err
		}
		return audit.Write(ctx, tx, actor, audit.Entry{Action: "qualification.added", EntityType: "person", EntityID: itoa(person), After: out})
	})
	return out, err
}

// Evidence is a degree's scan as stored.
type Evidence struct {
	PersonID int64   `db:"person_id"`
	Name     *string `db:"evidence_name"`
	Type     *string `db:"evidence_type"`
	Data     []byte  `db:"evidence"`
}

// QualificationEvidence is the scan of degree id, if p maintains the
// person's agency; not found when it has none.
func (s *Service) QualificationEvidence(ctx context.Context, p auth.Principal, id int64) (Evidence, error) {
	var ev Evidence
	if err := s.db.GetContext(ctx, &ev, `SELECT person_id, evidence_name, evidence_type, evidence FROM qualifications WHERE id = $1`,
		id); err != nil {
		return Evidence{}, errs.ErrNotFound
	}
	if err := personInScope(ctx, s.db, p, ev.PersonID); err != nil {
		return Evidence{}, err
	}
	if ev.Name == nil || ev.Type == nil || len(ev.Data) == 0 {
		return Evidence{}, errs.ErrNotFound
	}
	return ev, nil
}

// registerQualifications adds the routes of qualifications to g.
func (h *Handler) registerQualifications(g *gin.RouterGroup, actor func(*gin.Context) audit.Actor, maxUpload int64) {
	g.GET("/people/:id/qualifications", func(c *gin.Context) {
		httpx.ServeID(c, func(id int64) (any, error) {
			items, err := h.svc.Qualifications(c.Request.Context(), auth.MustFrom(c), id)
			return gin.H{"items": items}, err
		})
	})
	g.POST("/people/:id/qualifications", func(c *gin.Context) {
		id, err := httpx.PathID(c, "id")
		if httpx.Fail(c, err) {
			return
		}
		in := QualificationInput{Level: c.PostForm("level"), Field: c.PostForm("field"), AwardedOn: c.PostForm("awarded_on"),
			Institution: c.PostForm("institution"), ITField: c.PostForm("it_field") != "false"}
		if _, err := c.FormFile("evidence"); err == nil {
			if in.EvidenceName, in.Evidence, err = httpx.Upload(c, "evidence", maxUpload); httpx.Fail(c, err) {
				return
			}
		} else if c.ContentType() != "multipart/form-data" {
			httpx.WriteError(c, errs.New(errs.Unsupported, "unsupported_media_type", "send the degree as multipart/form-data"))
			return
		}
		out, err := h.svc.AddQualification(c.Request.Context(), auth.MustFrom(c), actor(c), id, in)
		if httpx.Fail(c, err) {
			return
		}
		c.JSON(http.StatusCreated, out)
	})
	g.GET("/qualifications/:id/evidence", func(c *gin.Context) {
		id, err := httpx.PathID(c, "id")
		if httpx.Fail(c, err) {
			return
		}
		ev, err := h.svc.QualificationEvidence(c.Request.Context(), auth.MustFrom(c), id)
		if httpx.Fail(c, err) {
			return
		}
		httpx.Attachment(c, *ev.Name, *ev.Type, ev.Data)
	})
}
