package quiz

import (
	"time"

	"github.com/lib/pq"
)

// Review items: what a learner may see of a finished attempt.
const (
	ShowScore       = "score"
	ShowCorrectness = "correctness"
	ShowFeedback    = "feedback"
	ShowAnswers     = "answers"
)

// Settings are a quiz's rules, as stored.
type Settings struct {
	Slug             string         `db:"slug" json:"slug"`
	TitleVI          string         `db:"title_vi" json:"title_vi"`
	TitleEN          string         `db:"title_en" json:"title_en"`
	IntroVI          string         `db:"intro_vi" json:"intro_vi"`
	IntroEN          string         `db:"intro_en" json:"intro_en"`
	ModuleSlug       *string        `db:"module_slug" json:"module_slug"`
	Published        bool           `db:"published" json:"published"`
	Required         bool           `db:"required" json:"required"`
	TimeLimit        *int           `db:"time_limit" json:"-"` // seconds
	OpenAt           *time.Time     `db:"open_at" json:"open_at"`
	CloseAt          *time.Time     `db:"close_at" json:"close_at"`
	AttemptsAllowed  int            `db:"attempts_allowed" json:"attempts_allowed"`
	AttemptDelay     int            `db:"attempt_delay" json:"-"` // seconds
	GradingMethod    string         `db:"grading_method" json:"grading_method"`
	PassPercent      float64        `db:"pass_percent" json:"pass_percent"`
	Navigation       string         `db:"navigation" json:"navigation"`
	ShuffleQuestions bool           `db:"shuffle_questions" json:"shuffle_questions"`
	ShuffleAnswers   bool           `db:"shuffle_answers" json:"shuffle_answers"`
	ReviewAttempt    pq.StringArray `db:"review_attempt" json:"review_attempt"`
	ReviewClosed     pq.StringArray `db:"review_closed" json:"review_closed"`
}

// TimeLimitMinutes is the time limit as the API shows it.
func (s Settings) TimeLimitMinutes() *int {
	if s.TimeLimit == nil {
		return nil
	}
	m := (*s.TimeLimit + 59) / 60
	return &m
}

// MyStatus is a learner's standing in a quiz.
type MyStatus struct {
	Attempts   int        `db:"my_attempts" json:"attempts"`
	Percent    *float64   `db:"my_percent" json:"percent"`
	Passed     bool       `db:"my_passed" json:"passed"`
	PassedAt   *time.Time `db:"my_passed_at" json:"passed_at"`
	InProgress *int64     `db:"my_open" json:"in_progress_attempt_id"`
}

// Summary is a quiz in a course's list.
type Summary struct {
	ID               int64      `json:"id"`
	CourseSlug       string     `json:"course_slug"`
	ModuleSlug       *string    `json:"module_slug"`
	Slug             string     `json:"slug"`
	TitleVI          string     `json:"title_vi"`
	TitleEN          string     `json:"title_en"`
	Source           string     `json:"source"`
	Published        bool       `json:"published"`
	Required         bool       `json:"required"`
	QuestionCount    int        `json:"question_count"`
	TimeLimitMinutes *int       `json:"time_limit_minutes"`
	AttemptsAllowed  int        `json:"attempts_allowed"`
	PassPercent      float64    `json:"pass_percent"`
	OpenAt           *time.Time `json:"open_at"`
	CloseAt          *time.Time `json:"close_at"`
	My               *MyStatus  `json:"my"`
}

// AttemptSummary is one attempt in a learner's list, or the answer to a
// submit. Percent and Passed are nil while the review options hide the
// score or an essay waits for a trainer.
type AttemptSummary struct {
	ID           int64      `db:"id" json:"id"`
	Number       int        `db:"number" json:"number"`
	State        string     `db:"state" json:"state"`
	StartedAt    time.Time  `db:"started_at" json:"started_at"`
	Deadline     *time.Time `db:"deadline" json:"deadline"`
	FinishedAt   *time.Time `db:"finished_at" json:"finished_at"`
	AutoFinished bool       `db:"auto_finished" json:"auto_finished"`
	Percent      *float64   `db:"percent" json:"percent"`
	Passed       *bool      `db:"passed" json:"passed"`
	NeedsGrading bool       `db:"needs_grading" json:"needs_grading"`
}

// Question is a question of an attempt as the learner sees it.
type Question struct {
	Slot     int       `json:"slot"`
	Mark     float64   `json:"mark"`
	View               // type, text, options...
	Response *Response `json:"response"`
}

// Attempt is an attempt in progress as its learner sees it.
type Attempt struct {
	ID         int64      `json:"id"`
	QuizID     int64      `json:"quiz_id"`
	TitleVI    string     `json:"quiz_title_vi"`
	TitleEN    string     `json:"quiz_title_en"`
	CourseSlug string     `json:"course_slug"`
	Number     int        `json:"number"`
	State      string     `json:"state"`
	Navigation string     `json:"navigation"`
	StartedAt  time.Time  `json:"started_at"`
	Deadline   *time.Time `json:"deadline"`
	ServerTime time.Time  `json:"server_time"`
	SaveSeq    int64      `json:"save_seq"`
	Furthest   int        `json:"furthest"`
	SlotCount  int        `json:"slot_count"`
	Questions  []Question `json:"questions"`
}

// slot is one question of an attempt as stored in its layout.
type slot struct {
	Version  int64   `json:"v"`
	Question int64   `json:"q"`
	Mark     float64 `json:"m"`
	Options  []int   `json:"o,omitempty"`
	Rights   []int   `json:"r,omitempty"`
}

func (s slot) layout() Layout { return Layout{Options: s.Options, Rights: s.Rights} }

// saved is a slot's response as stored, with the sequence of the save that
// wrote it.
type saved struct {
	Seq      int64    `json:"s"`
	Response Response `json:"r"`
}

// result is a slot's grade as stored: the fraction of its mark (nil while
// an essay waits for a trainer) and a trainer's comment.
type result struct {
	Fraction *float64 `json:"f"`
	Comment  string   `json:"c,omitempty"`
}
