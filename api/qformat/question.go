// Package qformat reads and writes the question formats trainers already
// have (GIFT, and more to come: Aiken, Moodle XML, CSV/XLSX) through one
// interchange model, Question. It knows nothing of the database: importers
// parse into Questions, the question bank stores them.
package qformat

import "fmt"

// Type is the kind of a question.
type Type string

// The question types GIFT can express.
const (
	SingleChoice Type = "single_choice"
	MultiChoice  Type = "multiple_choice"
	TrueFalse    Type = "true_false"
	ShortAnswer  Type = "short_answer"
	Numerical    Type = "numerical"
	Matching     Type = "matching"
	Essay        Type = "essay"
	Description  Type = "description" // text with no answers
)

// Answer is one option of a question.
type Answer struct {
	Text     string  // for matching: the left side
	Match    string  // for matching: the right side
	Weight   float64 // percent of the mark, -100..100
	Feedback string
	// Numerical answers.
	Value, Tolerance float64
}

// Question is one parsed question.
type Question struct {
	Line            int // where the question starts
	Category        string
	Name            string
	Format          string // html, markdown, plain or moodle (the default)
	Text            string
	Type            Type
	Answers         []Answer
	TrueFalse       bool // the right answer of a true/false question
	GeneralFeedback string
}

// Problem is something wrong at a line.
type Problem struct {
	Line int
	Msg  string
}

func (p Problem) String() string { return fmt.Sprintf("line %d: %s", p.Line, p.Msg) }
