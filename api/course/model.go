// Package course is the curriculum: courses synced from the courses/ folder
// and courses authored in the app, enrolment, lessons and progress.
package course

import (
	"time"

	"github.com/govtrain/lms/api/platform/civil"
)

// Summary is a course as the catalogue lists it.
type Summary struct {
	ID           int64      `db:"id" json:"id"`
	Slug         string     `db:"slug" json:"slug"`
	Code         string     `db:"code" json:"code"`
	TitleVI      string     `db:"title_vi" json:"title_vi"`
	TitleEN      string     `db:"title_en" json:"title_en"`
	SummaryVI    string     `db:"summary_vi" json:"summary_vi"`
	SummaryEN    string     `db:"summary_en" json:"summary_en"`
	Track        string     `db:"track" json:"track"`
	Level        string     `db:"level" json:"level"`
	Hours        float64    `db:"hours" json:"hours"`
	Open         bool       `db:"open" json:"open"`
	Published    bool       `db:"published" json:"published"`
	Source       string     `db:"source" json:"source"`
	LessonsCount int        `db:"lessons_count" json:"lessons_count"`
	CanEdit      bool       `db:"-" json:"can_edit"`
	CreatedBy    *int64     `db:"created_by" json:"-"`
	Enrolment    *Enrolment `db:"-" json:"enrolment"`
	enrolmentRow
}

// Enrolment is one person's place in one course.
type Enrolment struct {
	CourseID         int64       `json:"course_id"`
	CourseSlug       string      `json:"course_slug"`
	EnrolledAt       time.Time   `json:"enrolled_at"`
	DueDate          *civil.Date `json:"due_date"`
	Source           string      `json:"source"`
	CompletedLessons int         `json:"completed_lessons"`
	TotalLessons     int         `json:"total_lessons"`
	Progress         int         `json:"progress"`
	CompletedAt      *time.Time  `json:"completed_at"`
	LastLessonID     *int64      `json:"last_lesson_id"`
}

// enrolmentRow is the nullable enrolment columns of a course row.
type enrolmentRow struct {
	EnrolledAt       *time.Time  `db:"e_enrolled_at" json:"-"`
	DueDate          *civil.Date `db:"e_due_date" json:"-"`
	EnrolSource      *string     `db:"e_source" json:"-"`
	CompletedLessons int         `db:"e_completed_lessons" json:"-"`
	CompletedAt      *time.Time  `db:"e_completed_at" json:"-"`
	LastLessonID     *int64      `db:"e_last_lesson_id" json:"-"`
}

// fill sets s.Enrolment from the joined columns.
func (s *Summary) fill() {
	if s.EnrolledAt == nil {
		return
	}
	e := &Enrolment{CourseID: s.ID, CourseSlug: s.Slug, EnrolledAt: *s.EnrolledAt, DueDate: s.DueDate, Source: *s.EnrolSource,
		CompletedLessons: s.CompletedLessons, TotalLessons: s.LessonsCount, CompletedAt: s.CompletedAt, LastLessonID: s.LastLessonID}
	if s.LessonsCount > 0 {
		e.Progress = min(100, s.CompletedLessons*100/s.LessonsCount)
	}
	if s.CompletedAt != nil {
		e.Progress = 100
	}
	s.Enrolment = e
}

// Prerequisite is a course to complete first.
type Prerequisite struct {
	Slug    string `db:"slug" json:"slug"`
	TitleVI string `db:"title_vi" json:"title_vi"`
	TitleEN string `db:"title_en" json:"title_en"`
	Met     bool   `db:"met" json:"met"`
}

// Module is a part of a course with its lessons.
type Module struct {
	ID       int64        `db:"id" json:"id"`
	Slug     string       `db:"slug" json:"slug"`
	Position int          `db:"position" json:"position"`
	TitleVI  string       `db:"title_vi" json:"title_vi"`
	TitleEN  string       `db:"title_en" json:"title_en"`
	Lessons  []LessonItem `db:"-" json:"lessons"`
}

// LessonItem is a lesson in a course outline.
type LessonItem struct {
	ID        int64  `db:"id" json:"id"`
	ModuleID  int64  `db:"module_id" json:"-"`
	Slug      string `db:"slug" json:"slug"`
	Position  int    `db:"position" json:"position"`
	TitleVI   string `db:"title_vi" json:"title_vi"`
	TitleEN   string `db:"title_en" json:"title_en"`
	Minutes   int    `db:"minutes" json:"minutes"`
	Completed bool   `db:"completed" json:"completed"`
}

// Detail is a course page.
type Detail struct {
	Summary
	DescriptionHTML string         `db:"description_html" json:"description_html"`
	DescriptionMD   string         `db:"description_md" json:"description_md"`
	Prerequisites   []Prerequisite `db:"-" json:"prerequisites"`
	Modules         []Module       `db:"-" json:"modules"`
	CanSelfEnrol    bool           `db:"-" json:"can_self_enrol"`
	ResumeLessonID  *int64         `db:"-" json:"resume_lesson_id"`
}

// Lesson is a lesson as a learner reads it.
type Lesson struct {
	ID             int64  `db:"id" json:"id"`
	CourseID       int64  `db:"course_id" json:"-"`
	Slug           string `db:"slug" json:"slug"`
	TitleVI        string `db:"title_vi" json:"title_vi"`
	TitleEN        string `db:"title_en" json:"title_en"`
	Minutes        int    `db:"minutes" json:"minutes"`
	HTML           string `db:"body_html" json:"html"`
	CourseSlug     string `db:"course_slug" json:"course_slug"`
	CourseTitleVI  string `db:"course_title_vi" json:"course_title_vi"`
	CourseTitleEN  string `db:"course_title_en" json:"course_title_en"`
	ModuleTitleVI  string `db:"module_title_vi" json:"module_title_vi"`
	ModuleTitleEN  string `db:"module_title_en" json:"module_title_en"`
	PrevID         *int64 `db:"prev_id" json:"prev_id"`
	NextID         *int64 `db:"next_id" json:"next_id"`
	Completed      bool   `db:"completed" json:"completed"`
	Enrolled       bool   `db:"-" json:"enrolled"`
	CourseProgress int    `db:"-" json:"course_progress"`
}
