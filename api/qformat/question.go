// Package qformat reads and writes the question formats trainers already
// have (GIFT, Aiken, Moodle XML, CSV and XLSX) through one interchange
// model, Question. It knows nothing of the database: importers parse into
// Questions and report every Problem with its line or row, exporters write
// Questions, the question bank stores them.
package qformat

import (
	"fmt"
	"math"
)

// Type is the kind of a question.
type Type string

// The question types of the model.
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

// Text formats of Question.Format, as GIFT names them.
const (
	FormatMoodle   = "moodle" // Moodle's auto-format: text with line breaks kept, HTML allowed
	FormatHTML     = "html"
	FormatMarkdown = "markdown"
	FormatPlain    = "plain"
)

// Answer is one option of a question. What its fields mean depends on the
// question's type; see Question.
type Answer struct {
	Text     string  // the option; for matching the left side
	Match    string  // for matching: the right side
	Weight   float64 // percent of the mark, -100..100
	Feedback string  // shown to a learner who gave this answer
	// Numerical answers: right when |response-Value| <= Tolerance.
	Value, Tolerance float64
}

// Question is one question of the interchange model. Answers hold, by Type:
//
//   - SingleChoice: the options, exactly one at Weight 100, others at less
//     (partial or negative credit).
//   - MultiChoice: the options; the positive weights add up to 100, wrong
//     options may be negative.
//   - TrueFalse: two answers, Text "true" then "false", Weight 100 on the
//     right one, each with the feedback for a learner who picks it;
//     TrueFalse repeats which one is right.
//   - ShortAnswer: the accepted answers with their Weight (at least one at
//     100); a * in Text is Moodle's wildcard; CaseSensitive says how to compare.
//   - Numerical: Value ± Tolerance with their Weight (at least one at 100);
//     an answer whose Text is "*" matches any other number.
//   - Matching: pairs Text -> Match (Weight unused); an empty Text is a
//     distractor, an extra right side that matches nothing.
//   - Essay, Description: none.
type Question struct {
	Line            int // where the question starts: line of a text file, row of a sheet
	Category        string
	Name            string
	IDNumber        string   // Moodle's ID number, GIFT's // [id:...]
	Tags            []string // Moodle's tags, GIFT's // [tag:...]
	Format          string   // of the texts: moodle (the default), html, markdown or plain
	Text            string
	Type            Type
	Answers         []Answer
	TrueFalse       bool // the right answer of a true/false question
	CaseSensitive   bool // short answer: compare case
	GeneralFeedback string
	GraderInfo      string  // essay: guidance for whoever grades it
	Mark            float64 // the default mark (Moodle XML's defaultgrade); 0 when the format has none
	Files           []File  // pictures the texts reference as @@PLUGINFILE@@/name
}

// File is a picture embedded in a question (Moodle XML's <file>); texts
// reference it as @@PLUGINFILE@@/Name, with Name URL-path-escaped.
type File struct {
	Name string
	Data []byte
}

// BlankMarker stands where the answer block of a missing-word question was
// in its text ("Moodle costs {~lots =nothing} to download" becomes "Moodle
// costs _____ to download").
const BlankMarker = "_____"

// Problem is something wrong at a line of a text file or a row of a sheet
// (the header is row 1); Line 0 is the whole file.
type Problem struct {
	Line int
	Msg  string
}

func (p Problem) String() string {
	if p.Line == 0 {
		return p.Msg
	}
	return fmt.Sprintf("line %d: %s", p.Line, p.Msg)
}

// Limits bound what one import may cost; a zero field takes its default.
type Limits struct {
	MaxBytes     int64 // the whole file; default 10 MiB
	MaxQuestions int   // default 5,000
	MaxFileBytes int   // one embedded picture; default 2 MiB
}

// Default limits.
const (
	DefaultMaxBytes     = 10 << 20
	DefaultMaxQuestions = 5000
	DefaultMaxFileBytes = 2 << 20
)

func (l Limits) withDefaults() Limits {
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultMaxBytes
	}
	if l.MaxQuestions <= 0 {
		l.MaxQuestions = DefaultMaxQuestions
	}
	if l.MaxFileBytes <= 0 {
		l.MaxFileBytes = DefaultMaxFileBytes
	}
	return l
}

func tooLarge(max int64) Problem {
	return Problem{0, fmt.Sprintf("the file is larger than %s; split it into smaller files", sizeText(max))}
}

func tooMany(line, max int) Problem {
	return Problem{line, fmt.Sprintf("the file has more than %d questions; split it into smaller files (nothing after this was read)", max)}
}

func sizeText(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// Issue is one thing that makes a question unusable: the field it is about
// ("text", "type", "answers", or one answer's "answers.2.text",
// "answers.0.weight", "answers.1.value", "answers.3.match"), a stable code a
// form can translate, and an English sentence for import reports.
type Issue struct {
	Field, Code, Msg string
}

// Check returns what makes q unusable whatever it came from (a file of any
// format or the question editor), so that every way in accepts and refuses
// the same questions.
func Check(q *Question) []Issue {
	var issues []Issue
	add := func(field, code, format string, args ...any) {
		issues = append(issues, Issue{field, code, fmt.Sprintf(format, args...)})
	}
	answer := func(i int, field string) string { return fmt.Sprintf("answers.%d.%s", i, field) }
	if q.Text == "" {
		add("text", "required", "the question has no text")
	}
	for i, a := range q.Answers {
		if math.IsNaN(a.Weight) || a.Weight < -100 || a.Weight > 100 {
			add(answer(i, "weight"), "out_of_range", "the weight %g%% of an answer is not between -100%% and 100%%", a.Weight)
			return issues
		}
	}
	count := func(f func(Answer) bool) int {
		n := 0
		for _, a := range q.Answers {
			if f(a) {
				n++
			}
		}
		return n
	}
	first := func(f func(Answer) bool) int {
		for i, a := range q.Answers {
			if f(a) {
				return i
			}
		}
		return -1
	}
	emptyText := func(a Answer) bool { return a.Text == "" }
	full := count(func(a Answer) bool { return a.Weight == 100 })
	switch q.Type {
	case SingleChoice, MultiChoice:
		if i := first(emptyText); i >= 0 {
			add(answer(i, "text"), "required", "an answer is empty")
		}
		if len(q.Answers) < 2 {
			add("answers", "too_few", "a choice question needs at least two answers")
		}
		if q.Type == SingleChoice {
			switch {
			case full == 0:
				add("answers", "no_full_mark", "a single-choice question needs one right answer (100%%)")
			case full > 1:
				add("answers", "several_full_marks", "a single-choice question has %d right answers (100%%); keep one, or make it a multiple-answer question with partial weights such as %%50%%", full)
			}
			break
		}
		var positive float64
		for _, a := range q.Answers {
			positive += max(a.Weight, 0)
		}
		switch {
		case positive == 0:
			add("answers", "no_right_answer", "no answer is right: give one the full mark (= in GIFT) or several partial weights such as %%50%%")
		case positive < 99.5 || positive > 100.5:
			add("answers", "weights_not_100", "the positive weights of a multiple-answer question add up to %g%%, not 100%%", positive)
		}
	case TrueFalse:
		if len(q.Answers) != 2 || q.Answers[0].Text != "true" || q.Answers[1].Text != "false" {
			add("answers", "invalid", "a true/false question has the answers true and false")
		}
	case ShortAnswer, Numerical:
		if q.Type == Numerical {
			full = count(func(a Answer) bool { return a.Weight == 100 && a.Text != "*" })
			if count(func(a Answer) bool { return a.Text == "*" }) > 1 {
				add("answers", "several_any", "a numerical question has at most one answer * (any other number)")
			}
		}
		if len(q.Answers) == 0 {
			add("answers", "required", "the question has no answer")
		} else if full == 0 {
			add("answers", "no_full_mark", "one answer must give the full mark (100%%)")
		}
		if i := first(emptyText); q.Type == ShortAnswer && i >= 0 {
			add(answer(i, "text"), "required", "an answer is empty")
		}
		if q.Type == Numerical {
			for i, a := range q.Answers {
				field := ""
				switch {
				case math.IsNaN(a.Value) || math.IsInf(a.Value, 0):
					field = answer(i, "value")
				case a.Tolerance < 0 || math.IsNaN(a.Tolerance) || math.IsInf(a.Tolerance, 0):
					field = answer(i, "tolerance")
				default:
					continue
				}
				add(field, "invalid", "a numerical answer must be a finite number with a tolerance of 0 or more")
				break
			}
		}
	case Matching:
		if pairs := count(func(a Answer) bool { return a.Text != "" }); pairs < 2 {
			add("answers", "too_few_pairs", "a matching question needs at least two pairs")
		}
		if i := first(func(a Answer) bool { return a.Match == "" }); i >= 0 {
			add(answer(i, "match"), "required", "every matching pair needs a right side")
		}
	case Essay, Description:
		if len(q.Answers) > 0 {
			add("answers", "not_allowed", "an essay or description has no answers")
		}
	default:
		add("type", "invalid", "unknown question type %q", q.Type)
	}
	return issues
}

// accept appends q to qs when Check finds nothing wrong, and its problems
// (at line) otherwise.
func accept(qs []Question, probs []Problem, q Question, line int) ([]Question, []Problem) {
	issues := Check(&q)
	for _, is := range issues {
		probs = append(probs, Problem{line, is.Msg})
	}
	if len(issues) == 0 {
		qs = append(qs, q)
	}
	return qs, probs
}
