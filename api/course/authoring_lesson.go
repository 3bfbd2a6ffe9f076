package course

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"github.com/govtrain/lms/api/auth"
	"github.com/govtrain/lms/api/platform/db"
	"github.com/govtrain/lms/api/platform/errs"
	"github.com/govtrain/lms/api/platform/vn"
	"github.com/jmoiron/sqlx"
	"golang.org/x/text/unicode/norm"
)

// LessonEdit is a lesson as its author edits it.
type LessonEdit struct {
	ID         int64  `db:"id" json:"id"`
	ModuleID   int64  `db:"module_id" json:"module_id"`
	CourseSlug string `db:"course_slug" json:"course_slug"`
	Slug       string `db:"slug" json:"slug"`
	Position   int    `db:"position" json:"position"`
	TitleVI    string `db:"title_vi" json:"title_vi"`
	TitleEN    string `db:"title_en" json:"title_en"`
	Minutes    int    `db:"minutes" json:"minutes"`
	BodyMD     string `db:"body_md" json:"body_md"`
}

// LessonInput is what an author sets on a lesson.
type LessonInput struct {
	TitleVI  *string `json:"title_vi"`
	TitleEN  *string `json:"title_en"`
	Minutes  *int    `json:"minutes"`
	BodyMD   *string `json:"body_md"`
	Position *int    `json:"position"`
}

// checkTitles checks a Vietnamese title (required when creating or when
// given) and an English one (optional), each at most 200 characters.
func checkTitles(vi, en *string, create bool) error {
	f := errs.Fields{}
	if vi != nil || create {
		switch t := strings.TrimSpace(deref(vi)); {
		case t == "":
			f.Add("title_vi", "required")
		case len([]rune(t)) > 200:
			f.Add("title_vi", "too_long")
		}
	}
	if len([]rune(deref(en))) > 200 {
		f.Add("title_en", "too_long")
	}
	return f.Err()
}

func (in LessonInput) validate(create bool) error {
	if err := checkTitles(in.TitleVI, in.TitleEN, create); err != nil {
		return err
	}
	f := errs.Fields{}
	if in.Minutes != nil && (*in.Minutes < 1 || *in.Minutes > 240) {
		f.Add("minutes", "out_of_range")
	}
	if in.BodyMD != nil && len(*in.BodyMD) > 200_000 {
		f.Add("body_md", "too_long")
	}
	if in.Position != nil && (*in.Position < 1 || *in.Position > 1000) {
		f.Add("position", "out_of_range")
	}
	return f.Err()
}

const lessonEditColumns = `id, module_id, (SELECT slug FROM courses c WHERE c.id = course_id) AS course_slug,
	slug, position, title_vi, title_en, minutes, body_md`

// editPart runs fn in a transaction after checking that p may edit the
// course that module or lesson id (table "course_modules" or "lessons")
// belongs to; fn gets the course's slug.
func (s *Service) editPart(ctx context.Context, p auth.Principal, table string, id int64, fn func(tx *sqlx.Tx, slug string) error) error {
	return db.WithTx(ctx, s.db, func(tx *sqlx.Tx) error {
		var slug string
		if err := tx.GetContext(ctx, &slug, `SELECT c.slug FROM `+table+` x JOIN courses c ON c.id = x.course_id WHERE x.id = $1`, id); err != nil {
			return err
		}
		if _, err := editable(ctx, tx, p, slug); err != nil {
			return err
		}
		return fn(tx, slug)
	})
}

// AddLesson appends a lesson to a module of an app course.
func (s *Service) AddLesson(ctx context.Context, p auth.Principal, moduleID int64, in LessonInput) (LessonEdit, error) {
	if err := in.validate(true); err != nil {
		return LessonEdit{}, err
	}
	var l LessonEdit
	err := s.editPart(ctx, p, "course_modules", moduleID, func(tx *sqlx.Tx, slug string) error {
		minutes := 10
		if in.Minutes != nil {
			minutes = *in.Minutes
		}
		body := norm.NFC.String(deref(in.BodyMD))
		title := norm.NFC.String(strings.TrimSpace(deref(in.TitleVI)))
		return tx.GetContext(ctx, &l, `
			INSERT INTO lessons (course_id, module_id, slug, position, title_vi, title_en, minutes, body_md, body_html, content_hash)
			SELECT m.course_id, m.id, $2 || '-' || (SELECT count(*) + 1 FROM lessons WHERE module_id = m.id),
			       (SELECT coalesce(max(position), 0) + 1 FROM lessons WHERE module_id = m.id), $3, $4, $5, $6, $7, $8
			FROM course_modules m WHERE m.id = $1
			RETURNING `+lessonEditColumns,
			moduleID, vn.Slug(title, "bai"), title, strings.TrimSpace(deref(in.TitleEN)), minutes, body, Render(slug, body), hashText(body))
	})
	return l, err
}

// LessonSource returns a lesson of a course p may edit.
func (s *Service) LessonSource(ctx context.Context, p auth.Principal, id int64) (LessonEdit, error) {
	var l LessonEdit
	err := s.editPart(ctx, p, "lessons", id, func(tx *sqlx.Tx, _ string) error {
		return tx.GetContext(ctx, &l, `SELECT `+lessonEditColumns+` FROM lessons WHERE id = $1`, id)
	})
	return l, err
}

// UpdateLesson changes a lesson of an app course. Its id, and so everyone's
// progress, stays.
func (s *Service) UpdateLesson(ctx context.Context, p auth.Principal, id int64, in LessonInput) (LessonEdit, error) {
	if err := in.validate(false); err != nil {
		return LessonEdit{}, err
	}
	var l LessonEdit
	err := s.editPart(ctx, p, "lessons", id, func(tx *sqlx.Tx, slug string) error {
		var body, html, hash *string
		if in.BodyMD != nil {
			b := norm.NFC.String(*in.BodyMD)
			h, r := hashText(b), Render(slug, b)
			body, html, hash = &b, &r, &h
		}
		return tx.GetContext(ctx, &l, `UPDATE lessons SET title_vi = COALESCE($2, title_vi), title_en = COALESCE($3, title_en),
			minutes = COALESCE($4, minutes), body_md = COALESCE($5, body_md), body_html = COALESCE($6, body_html),
			content_hash = COALESCE($7, content_hash), position = COALESCE($8, position), updated_at = now()
			WHERE id = $1 RETURNING `+lessonEditColumns,
			id, trimPtr(in.TitleVI), trimPtr(in.TitleEN), in.Minutes, body, html, hash, in.Position)
	})
	return l, err
}

// UploadImage stores a picture for an app course under a generated name.
func (s *Service) UploadImage(ctx context.Context, p auth.Principal, slug, filename string, data []byte) (string, error) {
	ct, err := ImageType(filename, data, maxUploadImage, false)
	if err != nil {
		return "", errs.New(errs.Unsupported, "unsupported_image", err.Error())
	}
	ext := map[string]string{"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif", "image/webp": ".webp"}[ct]
	b := make([]byte, 8)
	rand.Read(b)
	name := hex.EncodeToString(b) + ext
	err = db.WithTx(ctx, s.db, func(tx *sqlx.Tx) error {
		c, err := editable(ctx, tx, p, slug)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		_, err = tx.ExecContext(ctx, `INSERT INTO course_images (course_id, name, content_type, data, sha256) VALUES ($1, $2, $3, $4, $5)`,
			c.ID, name, ct, data, hex.EncodeToString(sum[:]))
		return err
	})
	return name, err
}
