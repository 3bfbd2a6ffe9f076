package bank

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/govtrain/lms/api/platform/errs"
	"github.com/govtrain/lms/api/qformat"
)

// Content is a question's content as the editor sends it (to save or to
// preview); question turns it into the interchange model.
type Content struct {
	Type            string        `json:"type"`
	Format          string        `json:"format"`
	Text            string        `json:"text"`
	GeneralFeedback string        `json:"general_feedback"`
	Answers         []AnswerInput `json:"answers"`
	TrueFalse       bool          `json:"true_false"`
	CaseSensitive   bool          `json:"case_sensitive"`
	GraderInfo      string        `json:"grader_info"`
}

// AnswerInput is one answer; which fields count depends on the type (see
// qformat.Question).
type AnswerInput struct {
	Text      string   `json:"text"`
	Match     string   `json:"match"`
	Weight    float64  `json:"weight"`
	Feedback  string   `json:"feedback"`
	Value     *float64 `json:"value"`
	Tolerance float64  `json:"tolerance"`
}

// QuestionInput is what POST /questions creates.
type QuestionInput struct {
	CategoryID  int64    `json:"category_id"`
	Name        string   `json:"name"`
	Tags        []string `json:"tags"`
	DefaultMark *float64 `json:"default_mark"`
	Content
}

// QuestionUpdate is what PUT /questions/{id} stores: the question as the
// editor shows it, and the version the editor loaded.
type QuestionUpdate struct {
	QuestionInput
	Version int `json:"version"`
}

var textFormats = []string{qformat.FormatMoodle, qformat.FormatHTML, qformat.FormatMarkdown, qformat.FormatPlain}

// question maps c to the interchange model, adding to f what is wrong with
// it: first what the model cannot say (a numerical answer without a number),
// then what qformat.Check finds, so that the editor and the importers refuse
// the same questions.
func (c Content) question(f errs.Fields) qformat.Question {
	q := qformat.Question{Type: qformat.Type(c.Type), Format: c.Format, Text: c.Text, GeneralFeedback: c.GeneralFeedback}
	if q.Format == "" {
		q.Format = qformat.FormatMoodle
	}
	if !slices.Contains(textFormats, q.Format) {
		f.Add("format", "invalid")
	}
	if strings.TrimSpace(c.Text) == "" {
		f.Add("text", "required")
	}
	field := func(i int, name string) string { return fmt.Sprintf("answers.%d.%s", i, name) }
	for i, a := range c.Answers {
		a.Text, a.Match = strings.TrimSpace(a.Text), strings.TrimSpace(a.Match)
		out := qformat.Answer{Text: a.Text, Weight: a.Weight, Feedback: a.Feedback}
		switch q.Type {
		case qformat.TrueFalse:
			continue // built below from TrueFalse
		case qformat.Numerical:
			switch {
			case a.Text == "*": // any other number
			case a.Value == nil:
				f.Add(field(i, "value"), "required")
			default:
				out.Text, out.Value, out.Tolerance = "", *a.Value, a.Tolerance
			}
		case qformat.Matching:
			out.Match, out.Weight = a.Match, 0
		}
		q.Answers = append(q.Answers, out)
	}
	switch q.Type {
	case qformat.TrueFalse:
		q.TrueFalse = c.TrueFalse
		q.Answers = []qformat.Answer{{Text: "true"}, {Text: "false"}}
		for i := range q.Answers {
			if (i == 0) == c.TrueFalse {
				q.Answers[i].Weight = 100
			}
			for _, a := range c.Answers {
				if strings.TrimSpace(a.Text) == q.Answers[i].Text {
					q.Answers[i].Feedback = a.Feedback
				}
			}
		}
	case qformat.ShortAnswer:
		q.CaseSensitive = c.CaseSensitive
	case qformat.Essay:
		q.GraderInfo = c.GraderInfo
	case qformat.Description:
	default:
		if !slices.Contains(types, c.Type) {
			f.Add("type", "invalid")
			return q
		}
	}
	for _, is := range qformat.Check(&q) {
		f.Add(is.Field, is.Code)
	}
	return q
}

// question maps the whole input: content, name, tags and mark.
func (in QuestionInput) question(f errs.Fields) qformat.Question {
	q := in.Content.question(f)
	if in.CategoryID <= 0 {
		f.Add("category_id", "required")
	}
	q.Name = strings.TrimSpace(in.Name)
	if len([]rune(q.Name)) > 255 {
		f.Add("name", "too_long")
	}
	for _, t := range in.Tags {
		t = strings.TrimSpace(t)
		switch {
		case t == "" || slices.Contains(q.Tags, t):
		case len([]rune(t)) > 100:
			f.Add("tags", "too_long")
		default:
			q.Tags = append(q.Tags, t)
		}
	}
	q.Mark = 1
	if in.DefaultMark != nil {
		q.Mark = math.Round(*in.DefaultMark*100) / 100
	}
	if q.Mark <= 0 || q.Mark >= 100000 || math.IsNaN(q.Mark) {
		f.Add("default_mark", "invalid")
	}
	return q
}

// keepStored puts back into q what the editor fills in for display where the
// stored version has it empty (no name: the start of the text; no format:
// moodle; no mark: 1) and what the editor does not edit (the ID number,
// pictures), so that saving a question unchanged stores no version.
func keepStored(q *qformat.Question, prev qformat.Question, prevName string, files []qformat.File) {
	if prev.Name == "" && q.Name == prevName {
		q.Name = ""
	}
	if prev.Format == "" && q.Format == qformat.FormatMoodle {
		q.Format = ""
	}
	if prev.Mark <= 0 && q.Mark == 1 {
		q.Mark = prev.Mark
	}
	q.IDNumber, q.Files = prev.IDNumber, files
}

// invalid is the answer to a question that cannot be stored: 422 with the
// problem of each field.
func invalid(f errs.Fields) error {
	if len(f) == 0 {
		return nil
	}
	return errs.New(errs.Unprocessable, "invalid_question", "the question has problems; see details.fields").
		With("fields", map[string]string(f))
}
