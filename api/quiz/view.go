package quiz

import (
	"strings"

	"github.com/govtrain/lms/api/qformat"
)

// View is a question as a learner sees it while answering: its text and the
// options to choose from, in the attempt's order, and nothing that tells
// which answer is right — no weights, no feedback, no accepted answers of a
// short-answer or numerical question, no general feedback.
type View struct {
	Type     qformat.Type `json:"type"`
	Format   string       `json:"format"`
	Text     string       `json:"text"`
	Options  []string     `json:"options,omitempty"`  // single and multiple choice, in display order
	Multiple bool         `json:"multiple,omitempty"` // several options may be chosen
	Lefts    []string     `json:"lefts,omitempty"`    // matching: the items to match
	Rights   []string     `json:"rights,omitempty"`   // matching: what to match them with, in display order
	Blank    bool         `json:"blank,omitempty"`    // the text has a gap (qformat.BlankMarker) where the answer goes
}

// Layout is how an attempt shows one question: the display order of its
// options (display position -> stored index) and of a matching question's
// right sides. It is fixed when the attempt starts and kept on the server.
type Layout struct {
	Options []int `json:"options,omitempty"`
	Rights  []int `json:"rights,omitempty"`
}

// NewLayout makes a layout; shuffle permutes n items (nil: keep the order).
func NewLayout(q qformat.Question, shuffle func(n int) []int) Layout {
	perm := func(n int) []int {
		if shuffle != nil {
			return shuffle(n)
		}
		p := make([]int, n)
		for i := range p {
			p[i] = i
		}
		return p
	}
	switch q.Type {
	case qformat.SingleChoice, qformat.MultiChoice:
		return Layout{Options: perm(len(q.Answers))}
	case qformat.Matching:
		return Layout{Rights: perm(len(Rights(q)))}
	}
	return Layout{}
}

// Present builds the learner's view of q in layout l.
func Present(q qformat.Question, l Layout) View {
	v := View{Type: q.Type, Format: q.Format, Text: q.Text, Blank: strings.Contains(q.Text, qformat.BlankMarker)}
	switch q.Type {
	case qformat.SingleChoice, qformat.MultiChoice:
		v.Multiple = q.Type == qformat.MultiChoice
		for _, i := range l.Options {
			if i >= 0 && i < len(q.Answers) {
				v.Options = append(v.Options, q.Answers[i].Text)
			}
		}
	case qformat.Matching:
		for _, a := range q.Answers {
			if a.Text != "" {
				v.Lefts = append(v.Lefts, a.Text)
			}
		}
		rights := Rights(q)
		for _, i := range l.Rights {
			if i >= 0 && i < len(rights) {
				v.Rights = append(v.Rights, rights[i])
			}
		}
	}
	return v
}

// Stored turns a response given in display order into stored order, the
// order Grade works in. Out-of-range indexes are dropped.
func (l Layout) Stored(r Response) Response {
	back := func(perm []int, i int) (int, bool) {
		if i < 0 || i >= len(perm) {
			return 0, false
		}
		return perm[i], true
	}
	out := Response{Value: r.Value, Text: r.Text}
	if r.Choice != nil {
		if i, ok := back(l.Options, *r.Choice); ok {
			out.Choice = &i
		}
	}
	for _, c := range r.Choices {
		if i, ok := back(l.Options, c); ok {
			out.Choices = append(out.Choices, i)
		}
	}
	if r.Pairs != nil {
		out.Pairs = map[int]int{}
		for left, right := range r.Pairs {
			if j, ok := back(l.Rights, right); ok {
				out.Pairs[left] = j
			}
		}
	}
	return out
}
