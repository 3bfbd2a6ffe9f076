package quiz

import (
	"github.com/govtrain/lms/api/platform/richtext"
	"github.com/govtrain/lms/api/qformat"
)

// Render returns a copy of q whose texts (question, options, matching sides,
// feedback) are safe HTML, ready for Present and for review pages. Grading
// works on the question as stored, never on this copy.
func Render(q qformat.Question) qformat.Question {
	f := func(s string) string {
		if s == "" {
			return ""
		}
		return richtext.Format(q.Format, s)
	}
	out := q
	out.Format = qformat.FormatHTML
	out.Text = f(q.Text)
	out.GeneralFeedback = f(q.GeneralFeedback)
	out.Answers = make([]qformat.Answer, len(q.Answers))
	for i, a := range q.Answers {
		a.Feedback = f(a.Feedback)
		switch q.Type {
		case qformat.SingleChoice, qformat.MultiChoice:
			a.Text = f(a.Text)
		case qformat.Matching:
			a.Text, a.Match = f(a.Text), f(a.Match)
		}
		out.Answers[i] = a
	}
	return out
}
