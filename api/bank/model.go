package bank

import (
	"encoding/json"
	"time"
)

// CategoryRow is a category as listed.
type CategoryRow struct {
	ID            int64   `db:"id" json:"id"`
	ParentID      *int64  `db:"parent_id" json:"parent_id"`
	Name          string  `db:"name" json:"name"`
	Source        string  `db:"source" json:"source"`
	CourseSlug    *string `db:"course_slug" json:"course_slug"`
	QuestionCount int     `db:"question_count" json:"question_count"`
}

// Summary is a question in a list: its latest version, in short.
type Summary struct {
	ID           int64     `db:"id" json:"id"`
	CategoryID   int64     `db:"category_id" json:"category_id"`
	CategoryName string    `db:"category_name" json:"category_name"`
	Name         string    `db:"name" json:"name"`
	Type         string    `db:"type" json:"type"`
	Excerpt      string    `db:"excerpt" json:"excerpt"`
	Version      int       `db:"latest_version" json:"version"`
	Tags         []string  `db:"-" json:"tags"`
	Source       string    `db:"source" json:"source"` // files (read-only here) or app
	Archived     bool      `db:"archived" json:"archived"`
	UpdatedAt    time.Time `db:"updated_at" json:"updated_at"`
}

// Detail is a question with its latest version, answers and all, for the
// people who edit banks (never for learners).
type Detail struct {
	Summary
	Format          string          `db:"format" json:"format"`
	Text            string          `db:"text" json:"text"`
	GeneralFeedback string          `db:"general_feedback" json:"general_feedback"`
	Body            json.RawMessage `db:"body" json:"body"`
	DefaultMark     float64         `db:"default_mark" json:"default_mark"`
	Versions        []VersionRow    `db:"-" json:"versions"`
}

// VersionRow is one version in a question's history.
type VersionRow struct {
	Version   int       `db:"version" json:"version"`
	CreatedAt time.Time `db:"created_at" json:"created_at"`
}
