package course

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"

	"github.com/jmoiron/sqlx"
	"golang.org/x/text/unicode/norm"

	"github.com/govtrain/lms/api/audit"
	"github.com/govtrain/lms/api/auth"
	"github.com/govtrain/lms/api/platform/db"
	"github.com/govtrain/lms/api/platform/errs"
	"github.com/govtrain/lms/api/platform/vn"
)

var errManagedByFiles = errs.New(errs.Conflict, "managed_by_files", "this course is managed in the courses/ folder; change it there")

// CourseInput is what an author sets on a course.
type CourseInput struct {
	Slug          *string   `json:"slug"`
	Code          *string   `json:"code"`
	TitleVI       *string   `json:"title_vi"`
	TitleEN       *string   `json:"title_en"`
	SummaryVI     *string   `json:"summary_vi"`
	SummaryEN     *string   `json:"summary_en"`
	DescriptionMD *string   `json:"description_md"`
	Track         *string   `json:"track"`
	Level         *string   `json:"level"`
	Hours         *float64  `json:"hours"`
	Open          *bool     `json:"open"`
	Prerequisites *[]string `json:"prerequisites"`
}

type courseRow struct {
	ID            int64   `db:"id"`
	Slug          string  `db:"slug"`
	Code          string  `db:"code"`
	TitleVI       string  `db:"title_vi"`
	TitleEN       string  `db:"title_en"`
	SummaryVI     string  `db:"summary_vi"`
	SummaryEN     string  `db:"summary_en"`
	DescriptionMD string  `db:"description_md"`
	Track         string  `db:"track"`
	Level         string  `db:"level"`
	Hours         float64 `db:"hours"`
	Open          bool    `db:"open"`
	Published     bool    `db:"published"`
	Source        string  `db:"source"`
	CreatedBy     *int64  `db:"created_by"`
}

func (in CourseInput) apply(c *courseRow) {
	set := func(dst *string, v *string) {
		if v != nil {
			*dst = norm.NFC.String(strings.TrimSpace(*v))
		}
	}
	set(&c.Code, in.Code)
	set(&c.TitleVI, in.TitleVI)
	set(&c.TitleEN, in.TitleEN)
	set(&c.SummaryVI, in.SummaryVI)
	set(&c.SummaryEN, in.SummaryEN)
	set(&c.DescriptionMD, in.DescriptionMD)
	set(&c.Track, in.Track)
	set(&c.Level, in.Level)
	if in.Hours != nil {
		c.Hours = *in.Hours
	}
	if in.Open != nil {
		c.Open = *in.Open
	}
}

func (c courseRow) validate() error {
	f := errs.Fields{}
	if !slugRe.MatchString(c.Slug) {
		f.Add("slug", "invalid")
	}
	if len(c.Code) > 20 {
		f.Add("code", "too_long")
	}
	if c.TitleVI == "" || len([]rune(c.TitleVI)) > 200 {
		f.Add("title_vi", "required")
	}
	if len([]rune(c.TitleEN)) > 200 {
		f.Add("title_en", "too_long")
	}
	if len([]rune(c.SummaryVI)) > 1000 || len([]rune(c.SummaryEN)) > 1000 {
		f.Add("summary_vi", "too_long")
	}
	if len(c.DescriptionMD) > 100_000 {
		f.Add("description_md", "too_long")
	}
	if !slices.Contains(Tracks, c.Track) {
		f.Add("track", "invalid")
	}
	if !slices.Contains(Levels, c.Level) {
		f.Add("level", "invalid")
	}
	if c.Hours < 0 || c.Hours > 1000 {
		f.Add("hours", "out_of_range")
	}
	return f.Err()
}

// CreateCourse adds an app course, unpublished, authored by p.
func (s *Service) CreateCourse(ctx context.Context, p auth.Principal, in CourseInput, actor audit.Actor) (Detail, error) {
	c := courseRow{Open: true, Track: "other", Level: "basic", Source: "app"}
	if in.Slug != nil {
		c.Slug = strings.TrimSpace(*in.Slug)
	}
	in.apply(&c)
	if err := c.validate(); err != nil {
		return Detail{}, err
	}
	err := db.WithTx(ctx, s.db, func(tx *sqlx.Tx) error {
		err := tx.GetContext(ctx, &c.ID, `
			INSERT INTO courses (slug, code, title_vi, title_en, summary_vi, summary_en, description_md, description_html,
			                     track, level, hours, open, source, created_by, search_text)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'app', $13, $14) RETURNING id`,
			c.Slug, c.Code, c.TitleVI, c.TitleEN, c.SummaryVI, c.SummaryEN, c.DescriptionMD, Render(c.Slug, c.DescriptionMD),
			c.Track, c.Level, c.Hours, c.Open, p.UserID, vn.SearchText(c.Code, c.TitleVI, c.TitleEN, c.SummaryVI))
		if err != nil {
			if e, ok := errs.As(db.MapError(err)); ok && e.Code == "already_exists" {
				return e.With("fields", map[string]string{"slug": "taken"})
			}
			return err
		}
		if err := setPrerequisites(ctx, tx, c.ID, in.Prerequisites); err != nil {
			return err
		}
		return audit.Write(ctx, tx, actor, audit.Entry{Action: "course.created", EntityType: "course", EntityID: c.Slug, After: c})
	})
	if err != nil {
		return Detail{}, err
	}
	return s.Course(ctx, p, c.Slug)
}

// editable loads a course p may edit, locked for the transaction.
func editable(ctx context.Context, tx *sqlx.Tx, p auth.Principal, slug string) (courseRow, error) {
	var c courseRow
	err := tx.GetContext(ctx, &c, `SELECT id, slug, code, title_vi, title_en, summary_vi, summary_en, description_md, track,
		level, hours, open, published, source, created_by FROM courses WHERE slug = $1 FOR UPDATE`, slug)
	if err != nil {
		return c, err
	}
	sum := Summary{Source: c.Source, CreatedBy: c.CreatedBy, Published: c.Published}
	switch {
	case c.Source == "files":
		return c, errManagedByFiles
	case !canEdit(p, sum):
		if c.Published {
			return c, errs.ErrForbidden
		}
		return c, errs.ErrNotFound // someone else's draft does not exist for p
	}
	return c, nil
}

// UpdateCourse changes an app course.
func (s *Service) UpdateCourse(ctx context.Context, p auth.Principal, slug string, in CourseInput, actor audit.Actor) (Detail, error) {
	if in.Slug != nil && *in.Slug != slug {
		return Detail{}, errs.Fields{"slug": "immutable"}.Err()
	}
	err := db.WithTx(ctx, s.db, func(tx *sqlx.Tx) error {
		before, err := editable(ctx, tx, p, slug)
		if err != nil {
			return err
		}
		c := before
		in.apply(&c)
		if err := c.validate(); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE courses SET code = $2, title_vi = $3, title_en = $4, summary_vi = $5,
			summary_en = $6, description_md = $7, description_html = $8, track = $9, level = $10, hours = $11, open = $12,
			search_text = $13, updated_at = now() WHERE id = $1`,
			c.ID, c.Code, c.TitleVI, c.TitleEN, c.SummaryVI, c.SummaryEN, c.DescriptionMD, Render(c.Slug, c.DescriptionMD),
			c.Track, c.Level, c.Hours, c.Open, vn.SearchText(c.Code, c.TitleVI, c.TitleEN, c.SummaryVI))
		if err != nil {
			return err
		}
		if err := setPrerequisites(ctx, tx, c.ID, in.Prerequisites); err != nil {
			return err
		}
		return audit.Write(ctx, tx, actor, audit.Entry{Action: "course.updated", EntityType: "course", EntityID: slug, Before: before, After: c})
	})
	if err != nil {
		return Detail{}, err
	}
	return s.Course(ctx, p, slug)
}

func setPrerequisites(ctx context.Context, tx *sqlx.Tx, id int64, slugs *[]string) error {
	if slugs == nil {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM course_prerequisites WHERE course_id = $1`, id); err != nil {
		return err
	}
	for _, s := range *slugs {
		res, err := tx.ExecContext(ctx, `INSERT INTO course_prerequisites (course_id, requires_id)
			SELECT $1, id FROM courses WHERE slug = $2 AND id <> $1 AND published ON CONFLICT DO NOTHING`, id, s)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errs.Fields{"prerequisites": "not_found"}.Err()
		}
	}
	return nil
}

// SetPublished publishes or unpublishes an app course. A course without
// lessons cannot be published.
func (s *Service) SetPublished(ctx context.Context, p auth.Principal, slug string, published bool, actor audit.Actor) (Detail, error) {
	err := db.WithTx(ctx, s.db, func(tx *sqlx.Tx) error {
		c, err := editable(ctx, tx, p, slug)
		if err != nil {
			return err
		}
		if published {
			var n int
			tx.GetContext(ctx, &n, `SELECT count(*) FROM lessons WHERE course_id = $1 AND removed_at IS NULL`, c.ID)
			if n == 0 {
				return errs.New(errs.Conflict, "empty_course", "add at least one lesson before publishing")
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE courses SET published = $2, updated_at = now() WHERE id = $1`, c.ID, published); err != nil {
			return err
		}
		action := "course.unpublished"
		if published {
			action = "course.published"
		}
		return audit.Write(ctx, tx, actor, audit.Entry{Action: action, EntityType: "course", EntityID: slug})
	})
	if err != nil {
		return Detail{}, err
	}
	return s.Course(ctx, p, slug)
}

// ModuleInput is what an author sets on a module.
type ModuleInput struct {
	TitleVI  *string `json:"title_vi"`
	TitleEN  *string `json:"title_en"`
	Position *int    `json:"position"`
}

// AddModule appends a module to an app course.
func (s *Service) AddModule(ctx context.Context, p auth.Principal, slug string, in ModuleInput) (Module, error) {
	var m Module
	err := db.WithTx(ctx, s.db, func(tx *sqlx.Tx) error {
		c, err := editable(ctx, tx, p, slug)
		if err != nil {
			return err
		}
		title, titleEN := strings.TrimSpace(deref(in.TitleVI)), strings.TrimSpace(deref(in.TitleEN))
		if err := checkTitles(&title, &titleEN, true); err != nil {
			return err
		}
		return tx.GetContext(ctx, &m, `
			INSERT INTO course_modules (course_id, slug, position, title_vi, title_en)
			SELECT $1, $2 || '-' || (count(*) + 1), coalesce(max(position), 0) + 1, $3, $4 FROM course_modules WHERE course_id = $1
			RETURNING id, slug, position, title_vi, title_en`, c.ID, vn.Slug(title, "bai"), title, titleEN)
	})
	m.Lessons = []LessonItem{}
	return m, err
}

// UpdateModule renames or moves a module of an app course.
func (s *Service) UpdateModule(ctx context.Context, p auth.Principal, id int64, in ModuleInput) (Module, error) {
	var m Module
	err := s.editPart(ctx, p, "course_modules", id, func(tx *sqlx.Tx, _ string) error {
		if err := checkTitles(in.TitleVI, in.TitleEN, false); err != nil {
			return err
		}
		if in.Position != nil && (*in.Position < 1 || *in.Position > 1000) {
			return errs.Fields{"position": "out_of_range"}.Err()
		}
		return tx.GetContext(ctx, &m, `UPDATE course_modules SET title_vi = COALESCE($2, title_vi), title_en = COALESCE($3, title_en),
			position = COALESCE($4, position) WHERE id = $1 RETURNING id, slug, position, title_vi, title_en`,
			id, trimPtr(in.TitleVI), trimPtr(in.TitleEN), in.Position)
	})
	m.Lessons = []LessonItem{}
	return m, err
}

const maxUploadImage = 2 << 20

func hashText(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func trimPtr(s *string) *string {
	if s == nil {
		return nil
	}
	t := norm.NFC.String(strings.TrimSpace(*s))
	return &t
}
